"""``jupyter nbconvert --to essay``: the entry point and the shared code path."""

import subprocess

from helpers import EXAMPLE
from helpers.cli import venv_bin
from helpers.notebooks import code_cell, md_cell, notebook


def nbconvert(*args, cwd=None):
    return subprocess.run([venv_bin("jupyter"), "nbconvert", *map(str, args)], capture_output=True, text=True,
                          timeout=180, cwd=cwd)


def test_entry_point_registers_the_essay_exporter():
    from nbconvert.exporters import get_exporter

    from essaykit.exports.exporter import EssayExporter

    assert get_exporter("essay") is EssayExporter, "pyproject registers 'essay' under nbconvert.exporters"
    assert EssayExporter().file_extension == ".html"


def test_nbconvert_and_essaykit_export_write_the_same_page(tmp_path, cli):
    result = nbconvert("--to", "essay", EXAMPLE, "--EssayExporter.execute=False", "--output-dir", tmp_path / "nbc")
    assert result.returncode == 0, result.stderr
    via_nbconvert = (tmp_path / "nbc" / "the-salt-road.html").read_text()
    assert cli("export", EXAMPLE, "-o", tmp_path / "ours.html", "--no-execute").exit_code == 0
    assert via_nbconvert == (tmp_path / "ours.html").read_text(), \
        "nbconvert --to essay --EssayExporter.execute=False and essaykit export --no-execute share one code path"


def test_nbconvert_execute_runs_the_notebook_with_the_essay_environment(write_notebook, tmp_path):
    stale = {"output_type": "stream", "name": "stdout", "text": "STALE"}
    path = write_notebook(notebook([
        md_cell("Words."),
        code_cell("import os\nprint('slug=' + os.environ['ESSAYKIT_SLUG'], os.environ.get('ESSAYKIT_DB'))",
                  outputs=[stale]),
    ], {"title": "Via nbconvert", "slug": "via-nbc"}))
    result = nbconvert("--to", "essay", "--execute", path, "--EssayExporter.db=sqlite:///c.sqlite",
                       "--EssayExporter.show_code=True", "--output-dir", tmp_path / "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "essay.html").read_text()
    assert f"slug=via-nbc sqlite:///{tmp_path / 'c.sqlite'}" in html, \
        "--execute runs the cells with ESSAYKIT_SLUG/ESSAYKIT_DB (relative SQLite paths anchored to the caller)"
    assert "STALE" not in html
    assert '<pre class="ek-source ek-code">' in html, "--EssayExporter.show_code shows sources"


def test_nbconvert_executes_by_default_like_essaykit_export(write_notebook, tmp_path):
    stored = {"output_type": "stream", "name": "stdout", "text": "STORED"}
    path = write_notebook(notebook([md_cell("x"), code_cell("print('FRESH')", outputs=[stored])],
                                   {"title": "Stored"}))
    result = nbconvert("--to", "essay", path, "--output-dir", tmp_path / "run")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "run" / "essay.html").read_text()
    assert "FRESH" in html and "STORED" not in html, "without options the notebook runs, so comments are current"

    result = nbconvert("--to", "essay", path, "--EssayExporter.execute=False", "--output-dir", tmp_path / "stored")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "stored" / "essay.html").read_text()
    assert "STORED" in html and "FRESH" not in html, "--EssayExporter.execute=False keeps the stored outputs"


def test_nbconvert_allow_errors_shows_the_error_in_place(write_notebook, tmp_path):
    path = write_notebook(notebook([md_cell("Text."), code_cell("raise KeyError('gone')"), code_cell("print('on', 2)")],
                                   {"title": "Errors allowed", "slug": "errors-allowed"}))
    result = nbconvert("--to", "essay", "--allow-errors", path, "--output-dir", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "essay.html").read_text()
    assert "KeyError" in html and "gone" in html, "nbconvert's own --allow-errors flag is honoured"
    assert "on 2" in html, "the cells after the error still ran"
