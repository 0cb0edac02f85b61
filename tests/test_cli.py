"""The essaykit command: new, check, help, and hostile arguments."""

import inspect
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from essaykit.cli import COMMANDS, main
from essaykit.essay import load_essay
from helpers import EXAMPLE, NOTEBOOKS
from helpers.cli import run_essaykit
from helpers.notebooks import md_cell, notebook


def test_every_command_has_useful_help(cli):
    top = cli("--help")
    assert top.exit_code == 0
    for name in COMMANDS:
        assert name in top.output, f"{name} should be listed in essaykit --help"
        sub = cli(name, "--help")
        assert sub.exit_code == 0, sub.output
        assert len(sub.output.split("\n\n")[1].strip()) > 20, f"essaykit {name} --help should explain itself"


def test_new_writes_a_valid_essay(cli, tmp_path):
    target = tmp_path / "fresh-take.ipynb"
    result = cli("new", target, "--title", "Fresh Take", "--author", "Ana")
    assert result.exit_code == 0, result.output
    essay = load_essay(target)
    assert essay.meta.title == "Fresh Take" and essay.meta.author == "Ana"
    kinds = [type(b).__name__ for b in essay.blocks]
    assert kinds.count("TextBlock") >= 2 and "SpoilerBlock" in kinds and kinds[-1] == "CodeBlock"
    assert "CommentSection" in essay.blocks[-1].source
    assert cli("check", target).exit_code == 0


def test_new_writes_what_jupyterlab_would_and_signs_it_trusted(cli, tmp_path, monkeypatch):
    import nbformat
    from jupyter_client.manager import start_new_kernel
    from nbformat.sign import NotebookNotary

    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter-data"))
    target = tmp_path / "fresh-take.ipynb"
    assert cli("new", target, "--title", "Fresh Take", "--author", "Ana").exit_code == 0
    text = target.read_text(encoding="utf-8")
    nb = nbformat.read(target, as_version=4)
    assert NotebookNotary().check_signature(nb), "signed in this user's notary: no 'Untrusted notebook' prompt"
    assert nbformat.writes(nb) + "\n" == text, "saved unchanged, it is the same file byte for byte"
    manager, client = start_new_kernel(kernel_name=nb.metadata.kernelspec.name)
    try:
        reply = client.kernel_info(reply=True, timeout=120)["content"]
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    assert nb.metadata.language_info == reply["language_info"], "what the kernel tells JupyterLab on opening"
    assert nb.metadata.kernelspec.display_name == manager.kernel_spec.display_name
    assert nb.metadata.kernelspec.language == manager.kernel_spec.language


def test_new_refuses_to_overwrite(cli, tmp_path):
    target = tmp_path / "keep.ipynb"
    target.write_text("precious")
    result = cli("new", target, "--title", "X")
    assert result.exit_code == 2
    assert "already exists" in result.output
    assert target.read_text() == "precious", "an existing file must never be overwritten"


def test_new_in_missing_folder_and_empty_title(cli, tmp_path):
    assert "no such folder" in cli("new", tmp_path / "no" / "x.ipynb", "--title", "X").output
    result = cli("new", tmp_path / "x.ipynb", "--title", "   ")
    assert result.exit_code != 0 and "title" in result.output


def test_check_example_essays_are_clean():
    result = run_essaykit("check", *sorted(NOTEBOOKS.glob("*.ipynb")))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_check_reports_problem_lines_and_status(cli, tmp_path):
    bad = tmp_path / "bad.ipynb"
    bad.write_text(json.dumps(notebook([md_cell("a || b")], {"title": "T", "rating": 6})))
    result = cli("check", bad, EXAMPLE)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert f"{bad}:cell 1: '||' opens an inline spoiler that is never closed; add the closing '||'" in lines
    assert any(line.startswith(f"{bad}: essay.rating 6") for line in lines)


def test_check_a_folder_checks_each_of_its_notebooks(cli, tmp_path):
    import shutil

    for path in NOTEBOOKS.glob("*.ipynb"):
        shutil.copy(path, tmp_path / path.name)
    result = cli("check", tmp_path)
    assert result.exit_code == 0, result.output
    assert "2 essays checked, no problems" in result.output
    bad = tmp_path / "bad.ipynb"
    bad.write_text(json.dumps(notebook([md_cell("a || b")], {"title": "T"})))
    (tmp_path / ".hidden.ipynb").write_text("{nope")
    result = cli("check", tmp_path)
    assert result.exit_code == 1
    assert f"{bad}:cell 1: '||' opens an inline spoiler that is never closed; add the closing '||'" in result.output
    assert ".hidden" not in result.output, "hidden notebooks are skipped, as serve and build skip them"


def test_check_a_folder_reports_a_slug_used_twice(cli, tmp_path):
    for name in ("one.ipynb", "two.ipynb"):
        (tmp_path / name).write_text(json.dumps(notebook([md_cell("Text.")], {"title": "T", "slug": "same"})))
    result = cli("check", tmp_path)
    assert result.exit_code == 1
    assert f"{tmp_path / 'two.ipynb'}: slug 'same' is already used by {tmp_path / 'one.ipynb'}" in result.output


def test_check_warns_about_stars_without_what_they_review(cli, tmp_path):
    rated = tmp_path / "rated.ipynb"
    rated.write_text(json.dumps(notebook([md_cell("Text.")], {"title": "T", "slug": "rated", "rating": 4})))
    result = cli("check", rated)
    assert result.exit_code == 0, "a warning: the page is fine, only its review stars are missing"
    assert f"{rated}: warning: essay.rating is set but essay.reviewed is not" in result.output
    reviewed = tmp_path / "reviewed.ipynb"
    reviewed.write_text(json.dumps(notebook([md_cell("Text.")], {
        "title": "T", "slug": "reviewed", "rating": 4, "reviewed": {"type": "Movie", "name": "Salt"}})))
    assert "warning" not in cli("check", reviewed).output
    unrated = tmp_path / "unrated.ipynb"
    unrated.write_text(json.dumps(notebook([md_cell("Text.")], {"title": "T", "slug": "unrated"})))
    assert "warning" not in cli("check", unrated).output, "no stars, nothing to review"


def test_check_one_essay_says_essay_not_essays(cli):
    assert "1 essay checked, no problems" in cli("check", EXAMPLE).output


@pytest.mark.parametrize("make", [
    lambda p: p / "missing.ipynb",
    lambda p: p,
    lambda p: (p / "t.ipynb", (p / "t.ipynb").write_text("{nope"))[0],
])
def test_check_unusable_files_exit_2_without_traceback(tmp_path, make):
    result = run_essaykit("check", make(tmp_path))
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert len(result.stdout.strip().splitlines()) == 1


def test_unknown_command_and_missing_args_fail_cleanly(cli):
    assert cli("frobnicate").exit_code == 2
    assert cli("check").exit_code == 2


def every_command():
    """(``"essaykit comments list"``, the Click command) for every command and subcommand."""
    found = []

    def walk(group, prefix):
        ctx = click.Context(group)
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            found.append((f"{prefix} {name}", command))
            if isinstance(command, click.Group):
                walk(command, f"{prefix} {name}")

    walk(main, "essaykit")
    return found


@pytest.mark.parametrize("path, command", every_command(), ids=lambda v: v if isinstance(v, str) else "")
def test_each_commands_short_help_is_its_docstrings_first_line_and_it_is_documented(path, command):
    first_line = (inspect.getdoc(command.callback) or command.help or "").splitlines()[0]
    assert len(first_line) > 15, f"{path} needs a docstring whose first line says what it does"
    wide = {"terminal_width": 400, "max_content_width": 400}  # no wrapping: one row per command
    listing = CliRunner().invoke(main, [*path.split()[1:-1], "--help"], **wide).output
    row = next((line for line in listing.splitlines() if line.split()[:1] == [path.split()[-1]]), None)
    assert row is not None, f"{path} is missing from the --help of its group:\n{listing}"
    assert row.split(None, 1)[1].strip() == first_line, f"{path}'s short help is a copy that drifted from its docstring"
    top = Path(__file__).parent.parent
    text = "\n".join(p.read_text(encoding="utf-8") for p in [top / "README.md", *sorted((top / "docs").glob("*.md"))])
    assert path in text, f"`{path}` is not in README.md or docs/: document it"
