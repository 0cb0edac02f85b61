"""``essaykit export``: execution in a real kernel, output paths, and bad input."""

import json
import re
import subprocess
import sys

import pytest

from helpers import EXAMPLE, NOTEBOOKS
from helpers.cli import run_essaykit
from helpers.notebooks import PNG_1PX, code_cell, md_cell, notebook

ESSAY = {"title": "Kernel Test", "slug": "kernel-test", "live_url": "https://live.example.org/k"}


def test_execution_renders_twins_notes_images_and_sees_the_db(write_notebook, cli, tmp_path, monkeypatch):
    path = write_notebook(notebook([
        md_cell("Opening words."),
        code_cell("class Twin:\n    def _repr_html_(self):\n        return '<p class=\"ek-twin\">fresh twin</p>'\nTwin()"),
        code_cell("import ipywidgets\nipywidgets.IntSlider(value=7)"),
        code_cell("import anywidget\nclass Counter(anywidget.AnyWidget):\n    _esm = 'export default {}'\nCounter()"),
        code_cell(f"from IPython.display import Image\nImage(data=__import__('base64').b64decode('{PNG_1PX}'), format='png')"),
        code_cell("import os\nprint(os.environ['ESSAYKIT_SLUG'], os.environ.get('ESSAYKIT_DB'), os.getcwd())"),
    ], ESSAY))
    out = tmp_path / "page.html"
    monkeypatch.chdir(tmp_path.parent)
    result = cli("export", path, "-o", out, "--db", "sqlite:///x.sqlite")
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert '<p class="ek-twin">fresh twin</p>' in html, "an object's _repr_html_ is shown"
    assert '<div class="widget-readout">7</div>' in html, "a standard widget is drawn from the saved state"
    state = html.split('<script type="application/vnd.jupyter.widget-state+json">', 1)[1].split("</script>", 1)[0]
    assert '"model_name":"IntSliderModel"' in state, "the page carries the state ipywidgets' manager brings to life"
    assert '"anywidget"' not in state, "another library's models (an anywidget's state) stay off the page"
    assert "Interactive element" in html and 'href="https://live.example.org/k"' in html, \
        "a widget that cannot be drawn without its own code becomes a note linking to the live version"
    assert f"data:image/png;base64,{PNG_1PX}" in html, "image outputs are embedded"
    assert f"kernel-test sqlite:///{tmp_path.parent / 'x.sqlite'} {tmp_path}" in html, \
        "the kernel runs in the notebook's folder with ESSAYKIT_SLUG and ESSAYKIT_DB set (a relative " \
        "SQLite path still means the file beside the caller)"
    # (The page carries ipywidgets' manager for the slider, so the name alone is no sign of the source.)
    assert "Twin()" not in html and "ipywidgets.IntSlider(value=7)" not in html, "code sources are hidden"


def test_the_export_kernel_runs_on_unix_sockets_in_a_folder_removed_after(write_notebook):
    from pathlib import Path

    from essaykit._kernel_ipc import socket_root
    from essaykit.essay import load_essay
    from essaykit.exports.execute import execute_essay

    path = write_notebook(notebook([code_cell(
        "import json, os, stat, ipykernel.connect\nf = ipykernel.connect.get_connection_file()\nc = json.load(open(f))\n"
        "print(c['transport'], os.path.dirname(f), os.path.dirname(c['ip']) == os.path.dirname(f),\n"
        "      stat.S_ISSOCK(os.stat(f\"{c['ip']}-{c['shell_port']}\").st_mode))")], ESSAY))
    said = execute_essay(load_essay(path)).blocks[0].outputs[0]["text"].split()
    assert said[0] == "ipc", "no TCP port for another process to take before the kernel binds it"
    assert said[2:] == ["True", "True"], "the sockets are files beside the kernel's connection file"
    assert Path(said[1]).parent == Path(socket_root()), "in a folder of the export's own, where a path fits"
    assert not Path(said[1]).exists(), "the folder, sockets and all, is gone after the export"


def test_failing_cell_names_the_cell_and_writes_nothing(write_notebook, tmp_path):
    path = write_notebook(notebook([md_cell("Text."), code_cell("x = 1"), code_cell("1 / 0")], ESSAY))
    out = tmp_path / "out" / "page.html"
    result = run_essaykit("export", path, "-o", out)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"error: {path}:cell 3: the code raised ZeroDivisionError: division by zero; fix the cell and export "
        "again, show the error on the page with --allow-errors, or use --no-execute to keep the stored outputs"
    ), "one line naming the file and the cell"
    assert not out.exists(), "a failed export writes no file"
    assert not list(tmp_path.rglob("*.tmp")), "and leaves no temporary file behind"


def test_an_image_of_a_missing_file_names_the_file_and_where_it_was_looked_for(write_notebook, tmp_path):
    # IPython fails while displaying the result, so its reply names no exception ("NoneType: None").
    path = write_notebook(notebook([md_cell("Text."),
                                    code_cell("from IPython.display import Image\nImage('figures/chart.png')")], ESSAY))
    result = run_essaykit("export", path, "-o", tmp_path / "page.html")
    assert result.returncode == 2
    line = result.stderr.strip()
    assert "\n" not in line and "NoneType" not in line, line
    assert line.startswith(f"error: {path}:cell 2: the code raised FileNotFoundError: "), line
    assert "'figures/chart.png'" in line and f"the notebook's folder, {path.parent.resolve()}" in line, \
        "the missing file and where a relative path is read from"
    assert line.endswith("use --no-execute to keep the stored outputs"), "and what to do"


def test_allow_errors_shows_the_error_in_place_and_runs_on(write_notebook, cli, tmp_path):
    path = write_notebook(notebook([md_cell("Text."), code_cell("1 / 0"), code_cell("print('after', 6 * 7)")], ESSAY))
    out = tmp_path / "page.html"
    result = cli("export", path, "-o", out, "--allow-errors")
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert "ZeroDivisionError" in html and "division by zero" in html, "the error is shown where the cell was"
    assert "after 42" in html, "the cells after it still ran"
    assert html.index("ZeroDivisionError") < html.index("after 42")


def test_failing_export_keeps_the_previous_page(write_notebook, cli, tmp_path):
    path = write_notebook(notebook([md_cell("Text."), code_cell("raise RuntimeError('boom')")], ESSAY))
    out = tmp_path / "page.html"
    out.write_text("previous page")
    result = cli("export", path, "-o", out)
    assert result.exit_code == 2 and "cell 2" in result.output and "RuntimeError: boom" in result.output
    assert out.read_text() == "previous page", "a failed export must not touch the existing page"


def test_timeout_names_the_cell(write_notebook, cli, tmp_path):
    path = write_notebook(notebook([md_cell("x"), code_cell("import time\ntime.sleep(120)")], ESSAY))
    result = cli("export", path, "-o", tmp_path / "p.html", "--timeout", "2")
    assert result.exit_code == 2
    assert f"{path}:cell 2: still running after 2 s" in result.output
    assert not (tmp_path / "p.html").exists()


def test_missing_kernel_is_a_clear_error(write_notebook, cli, tmp_path):
    nb = notebook([md_cell("x"), code_cell("1")], ESSAY)
    nb["metadata"]["kernelspec"]["name"] = "no-such-kernel-xyz"
    result = cli("export", write_notebook(nb), "-o", tmp_path / "p.html")
    assert result.exit_code == 2
    assert "'no-such-kernel-xyz', which is not installed" in result.output and "--no-execute" in result.output


def test_no_execute_uses_stored_outputs(write_notebook, cli, tmp_path):
    stored = {"output_type": "stream", "name": "stdout", "text": "STORED OUTPUT"}
    path = write_notebook(notebook([md_cell("x"), code_cell("print('FRESH OUTPUT')", outputs=[stored])], ESSAY))
    result = cli("export", path, "-o", tmp_path / "p.html", "--no-execute")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "p.html").read_text()
    assert "STORED OUTPUT" in html and "FRESH OUTPUT" not in html, "--no-execute must not run the notebook"


def test_essay_without_code_never_starts_a_kernel(tmp_path):
    """Run the export in a fresh interpreter and check no kernel machinery was even imported."""
    script = (
        "import sys\n"
        "from essaykit.cli import main\n"
        f"sys.argv = ['essaykit', 'export', {str(NOTEBOOKS / 'a-quiet-second-feature.ipynb')!r}, '-o', {str(tmp_path / 'q.html')!r}]\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
        "loaded = [m for m in ('jupyter_client', 'nbclient', 'zmq', 'nbformat') if m in sys.modules]\n"
        "print('LOADED', loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stdout, "a text-only essay must not start (or even import) a kernel client"
    assert (tmp_path / "q.html").stat().st_size > 1000


def test_default_output_is_exports_slug_html(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("export", NOTEBOOKS / "a-quiet-second-feature.ipynb")
    assert result.exit_code == 0, result.output
    target = tmp_path / "exports" / "a-quiet-second-feature.html"
    assert target.is_file(), "the default output is exports/<slug>.html, folder created"
    assert str(target) in result.output


def test_missing_output_folders_are_created(cli, tmp_path):
    out = tmp_path / "a" / "b" / "c.html"
    assert cli("export", NOTEBOOKS / "a-quiet-second-feature.ipynb", "-o", out).exit_code == 0
    assert out.is_file()


@pytest.mark.parametrize("make_target, expected", [
    (lambda p: (p / "file.txt").write_text("x") and p / "file.txt" / "page.html", "cannot write here"),
    (lambda p: p, "is a directory"),
    (lambda p: __import__("pathlib").Path("/proc/essaykit-test/page.html"), "cannot write here"),
])
def test_unwritable_output_is_a_one_line_error(tmp_path, make_target, expected):
    result = run_essaykit("export", NOTEBOOKS / "a-quiet-second-feature.ipynb", "-o", make_target(tmp_path),
                          "--no-execute")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert expected in result.stderr, result.stderr


@pytest.mark.parametrize("content, expected", [
    (None, "no such file"),
    ("{not json", "not valid JSON"),
    (json.dumps({"nbformat": 4, "cells": [], "metadata": {}}), "no 'essay' metadata"),
    (json.dumps(notebook([md_cell("x")], {"title": "T", "slug": "../../etc/passwd"})), "essay.slug"),
    (json.dumps(notebook([md_cell("x")], {"title": "T", "url": "javascript:alert(1)"})), "essay.url"),
])
def test_bad_notebooks_fail_cleanly(tmp_path, content, expected):
    path = tmp_path / "bad.ipynb"
    if content is not None:
        path.write_text(content)
    result = run_essaykit("export", path, "-o", tmp_path / "x.html")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and expected in result.stderr, result.stderr
    assert all(line.startswith("error: ") for line in result.stderr.strip().splitlines())
    assert not (tmp_path / "x.html").exists()


def test_show_code_flag(write_notebook, cli, tmp_path):
    path = write_notebook(notebook([md_cell("x"), code_cell("answer = 6 * 7\nprint(answer)")], ESSAY))
    cli("export", path, "-o", tmp_path / "p.html", "--show-code")
    html = (tmp_path / "p.html").read_text()
    assert re.search(r"<pre class=\"ek-source ek-code\"><code><span class=\"ek-hl-n\">answer</span>", html), "--show-code shows sources, coloured"
    assert "42" in html


def test_example_essay_exports_with_stored_outputs(cli, tmp_path):
    result = cli("export", EXAMPLE, "-o", tmp_path / "salt.html", "--no-execute")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "salt.html").read_text()
    assert "<h1 class=\"ek-title\">The Salt Road</h1>" in html


def test_example_essay_executes_and_shows_the_comments_twin(essay_dir, tmp_path):
    out = tmp_path / "salt.html"
    # A kernel runs the live chart: on a busy machine it may take minutes to start.
    result = run_essaykit("export", essay_dir / "the-salt-road.ipynb", "-o", out,
                          "--db", f"sqlite:///{tmp_path / 'comments.sqlite'}", timeout=600)
    assert result.returncode == 0, result.stderr
    html = out.read_text()
    chart = html.split('data-ek-cell="', 2)[1]
    assert 'role="slider"' in chart and 'aria-valuetext="1"' in chart, "the chart's slider, drawn from its saved state"
    assert 'src="data:image/svg+xml;base64,' in chart, "the chart the kernel drew, kept in the Output widget's state"
    assert "Day 1 of 11: 18 minutes on screen" in chart, "the chart's caption, printed into the same Output"
    comments = html.rsplit('data-ek-cell="', 1)
    assert len(comments) == 2 and 'aria-label="Comments"' in comments[1], "the comments cell (the last) produced output"
    assert "Interactive element" not in comments[1], "CommentSection's static twin is used, not the note"
    assert "<script" not in comments[1].split("</main>")[0], "the twin brings no script"


@pytest.mark.parametrize("given, expected", [
    ("sqlite:///rel/c.sqlite", "sqlite:///{cwd}/rel/c.sqlite"),
    ("sqlite:////abs/c.sqlite", "sqlite:////abs/c.sqlite"),
    ("sqlite:///:memory:", "sqlite:///:memory:"),
    ("postgresql://u@host/db", "postgresql://u@host/db"),
])
def test_db_urls_given_to_the_kernel(given, expected, tmp_path, monkeypatch):
    from essaykit.db.engine import anchored_url
    from essaykit.exports.execute import kernel_environment

    monkeypatch.chdir(tmp_path)
    assert anchored_url(given) == expected.format(cwd=tmp_path)
    assert kernel_environment("the-salt-road", given)["ESSAYKIT_DB"] == expected.format(cwd=tmp_path)
