"""The ``essaykit`` command.

Subcommands load lazily: ``essaykit check`` never imports Voilà, SQLAlchemy or
nbclient. Each entry of ``COMMANDS`` names the module and the Click command
object that implements it. Errors that essaykit raises on purpose
(:class:`~essaykit.errors.EssaykitError`) are printed as one line without a
traceback and exit with status 2 unless the command chose another.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from .errors import EssaykitError

COMMANDS: dict[str, tuple[str, str, str]] = {
    # name: (module, attribute, one-line help shown in `essaykit --help`)
    "new": ("essaykit.cli", "new_command", "Write a new essay notebook to start from."),
    "check": ("essaykit.cli", "check_command", "Check essays for problems, one line per problem."),
    "comments": ("essaykit.comments.commands", "comments_command", "List, moderate, back up and restore readers' comments."),
    "export": ("essaykit.exports.commands", "export_command", "Export an essay as one self-contained HTML file."),
    "import": ("essaykit.importers.commands", "import_command", "Import WordPress exports, saved pages or text copies as essays."),
    "build": ("essaykit.exports.commands", "build_command", "Build a static site (pages, index, Atom feed) from a folder of essays."),
    "serve": ("essaykit.serve", "serve_command", "Serve essays as live Voilà pages (spoilers, ratings, comments)."),
    "mentions": ("essaykit.mentions.commands", "mentions_command", "Send Webmentions and pingbacks for the links in essays."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attr, _ = COMMANDS[name]
        return getattr(importlib.import_module(module), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Short help comes from COMMANDS so `essaykit --help` imports nothing heavy.
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


class EssaykitCommand(click.Command):
    """A command whose EssaykitError becomes one line on stderr and exit 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except EssaykitError as exc:
            for line in str(exc).splitlines() or [type(exc).__name__]:
                click.echo(f"error: {line}", err=True)
            ctx.exit(2)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="essaykit")
def main() -> None:
    """Write interactive essays in Jupyter and publish them.

    An essay is a notebook: its metadata holds the title, markdown cells hold
    the text, cells tagged `spoiler` hide spoilers, and code cells show
    widgets such as the comment section. Read it live with `essaykit serve`
    or as one HTML file with `essaykit export`.
    """


def _new_notebook(title: str, author: str, slug: str) -> dict:
    from datetime import date

    def md(source: str, **meta) -> dict:
        return {"cell_type": "markdown", "id": f"{slug[:40]}-{abs(hash(source)) % 10**8}", "metadata": meta, "source": source}

    cells = [
        md(f"*A first draft of **{title}**. Replace this line with your opening.*"),
        md("Write your essay in markdown cells like this one. Hide a small reveal inline "
           "with double bars, like this: ||the butler did it||."),
        md("## What happens\n\nThe cells below are tagged `spoiler`, so readers see them "
           "only when they ask to. Say that spoilers follow before they start."),
        md("Everything in this cell and the next is hidden behind one reveal.",
           tags=["spoiler"], essay={"spoiler_label": "Spoilers ahead: reveal the ending"}),
        md("A second spoiler cell joins the same block.", tags=["spoiler"]),
        md("## Comments\n\nTell me what you thought."),
        {"cell_type": "code", "id": f"{slug[:40]}-comments", "metadata": {"tags": ["comments"]},
         "execution_count": None, "outputs": [],
         "source": "from essaykit import CommentSection\nCommentSection()"},
    ]
    return {
        "nbformat": 4, "nbformat_minor": 5, "cells": cells,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
            "essay": {"title": title, "author": author, "date": date.today().isoformat(),
                      "slug": slug, "summary": "", "tags": []},
        },
    }


@click.command("new", cls=EssaykitCommand)
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--title", required=True, help="The essay's title, e.g. --title 'The Salt Road'.")
@click.option("--author", default="", help="Who wrote it, e.g. --author 'M. Okafor'.")
def new_command(path: Path, title: str, author: str) -> None:
    """Write a new essay notebook at PATH, ready to open in JupyterLab.

    It has a title, two text cells, a spoiler block and a comments cell. An
    existing file is never overwritten.
    """
    import json
    import re

    from .essay import SLUG_RE

    if path.suffix != ".ipynb":
        path = path.with_suffix(path.suffix + ".ipynb") if path.suffix else path.with_suffix(".ipynb")
    if not title.strip():
        raise click.BadParameter("the title is empty; give the essay a title", param_hint="--title")
    if path.exists():
        raise EssaykitError(f"{path}: already exists; choose another path (essaykit never overwrites a file)")
    if not path.parent.is_dir():
        raise EssaykitError(f"{path.parent}: no such folder; create it first")
    slug = path.stem.lower()
    if not SLUG_RE.match(slug):
        slug = re.sub(r"[^a-z0-9]+", "-", slug).strip("-") or "essay"
    text = json.dumps(_new_notebook(title.strip(), author.strip(), slug), indent=1, ensure_ascii=False)
    try:
        with open(path, "x", encoding="utf-8") as fh:
            fh.write(text + "\n")
    except FileExistsError:
        raise EssaykitError(f"{path}: already exists; choose another path (essaykit never overwrites a file)") from None
    except OSError as exc:
        raise EssaykitError(f"{path}: cannot write: {exc.strerror}") from None
    click.echo(f"wrote {path} (slug {slug}); open it in JupyterLab: jupyter lab {path}")


@click.command("check", cls=EssaykitCommand)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def check_command(paths: tuple[Path, ...]) -> None:
    """Check the essays at PATHS and print one line per problem.

    Each line reads PATH:cell N: message (or PATH: message). Exit status is 0
    when every essay is clean, 1 when there are problems, and 2 when a file
    cannot be used at all (missing, a folder, not a notebook).
    """
    from .essay import check_essay
    from .errors import EssayError

    status = 0
    for path in paths:
        try:
            _, problems = check_essay(path)
        except EssayError as exc:
            click.echo(str(exc), err=False)
            status = 2
            continue
        for problem in problems:
            click.echo(str(problem))
        if problems:
            status = max(status, 1)
    if status == 0:
        click.echo(f"{len(paths)} essay{'s' if len(paths) != 1 else ''} checked, no problems", err=True)
    sys.exit(status)


if __name__ == "__main__":  # pragma: no cover
    main()
