"""``jupyter nbconvert --to essay``: the entry point and the shared code path."""

import json
import subprocess

import pytest

from helpers import EXAMPLE
from helpers.cli import venv_bin
from helpers.notebooks import code_cell, md_cell, notebook

# Most tests run jupyter nbconvert (and a kernel) in a subprocess.
pytestmark = pytest.mark.slow


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


@pytest.fixture
def own_template(tmp_path):
    """A reader's own template folder: conf.json based on essay, one block overridden."""
    folder = tmp_path / "templates" / "colophon"
    folder.mkdir(parents=True)
    (folder / "conf.json").write_text(json.dumps({"base_template": "essay"}))
    (folder / "index.html.j2").write_text(
        '{%- extends "essay/index.html.j2" -%}\n'
        "{% block body_footer %}\n"
        '<p class="my-colophon">Set for {{ essay.meta.title }} from {{ nb.cells | length }} cells.</p>\n'
        "{{ super() }}\n"
        "{% endblock body_footer %}\n")
    return folder


def _check_override(page: str):
    assert '<p class="my-colophon">Set for The Salt Road from ' in page, \
        "the block from the reader's template replaces the essay template's, with the essay and nb in context"
    assert page.index("my-colophon") < page.index("</main>"), "the block sits where essay's body_footer is"
    assert 'class="ek-essay"' in page and "<style>" in page, "the rest of the page is the essay template's"


def test_a_template_of_ones_own_overrides_a_block_through_nbconvert(own_template, tmp_path):
    result = nbconvert("--to", "essay", "--template", own_template.name,
                       f"--TemplateExporter.extra_template_basedirs={own_template.parent}",
                       "--EssayExporter.execute=False", EXAMPLE, "--output-dir", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    _check_override((tmp_path / "out" / "the-salt-road.html").read_text())


def test_a_template_of_ones_own_overrides_a_block_through_the_python_api(own_template):
    from essaykit.exports.exporter import EssayExporter

    exporter = EssayExporter(template_name=own_template.name, extra_template_basedirs=[str(own_template.parent)],
                             execute=False)
    page, resources = exporter.from_filename(str(EXAMPLE))
    _check_override(page)
    assert resources["output_extension"] == ".html"


def test_every_option_is_a_documented_trait():
    from essaykit.exports.exporter import EssayExporter

    own = EssayExporter.class_own_traits(config=True)
    assert set(own) == {"execute", "timeout", "allow_errors", "show_code", "db"}
    for name, trait in own.items():
        assert trait.help and f"--EssayExporter.{name}" in trait.help, f"{name} needs help with an example flag"


def test_a_notebook_that_is_not_an_essay_is_one_clear_error(write_notebook, tmp_path):
    from nbconvert.utils.exceptions import ConversionException

    from essaykit.errors import EssayError
    from essaykit.exports.exporter import EssayExporter

    path = write_notebook(notebook([md_cell("Just notes.")], None), name="notes.ipynb")
    result = nbconvert("--to", "essay", path, "--output-dir", tmp_path / "out")
    assert result.returncode == 1, "nbconvert exits 1 on a ConversionException"
    last = result.stderr.strip().splitlines()[-1]
    assert last.endswith(f"{path}: no 'essay' metadata, so it is not an essay; to make it one, add "
                         f"{{\"essay\": {{\"title\": \"…\"}}}} to the notebook metadata"), \
        "the last line names the file and says what to add"
    assert f"Error while converting '{path}'" in result.stderr
    assert result.stderr.count("Traceback") == 1, "no chained second traceback from inside essaykit"
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir()), "nothing is written"
    with pytest.raises(EssayError) as raised:
        EssayExporter().from_filename(str(path))
    assert isinstance(raised.value, ConversionException), "nbconvert reports it as a conversion error"


def test_nbconvert_allow_errors_shows_the_error_in_place(write_notebook, tmp_path):
    path = write_notebook(notebook([md_cell("Text."), code_cell("raise KeyError('gone')"), code_cell("print('on', 2)")],
                                   {"title": "Errors allowed", "slug": "errors-allowed"}))
    result = nbconvert("--to", "essay", "--allow-errors", path, "--output-dir", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "essay.html").read_text()
    assert "KeyError" in html and "gone" in html, "nbconvert's own --allow-errors flag is honoured"
    assert "on 2" in html, "the cells after the error still ran"
