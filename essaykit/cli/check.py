"""``essaykit check``: one line per problem in each essay."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .._words import plural
from ._command import EssaykitCommand


@click.command("check", cls=EssaykitCommand)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def check_command(paths: tuple[Path, ...]) -> None:
    """Check the essays at PATHS and print one line per problem.

    A PATH may be a folder: its notebooks are checked, as `serve` and `build`
    would read them. Each line reads PATH:cell N: message (or PATH: message).
    Warnings (text that looks like blog-page leftovers, a spoiler label left on
    a cell that no longer starts its block, a rating without `reviewed`, which
    search engines need for review stars, a notebook with no essay metadata,
    which is skipped) read PATH:cell N: warning: message and do not change the
    exit status. Exit status is 0 when every essay is clean, 1 when there are problems, and
    2 when a file cannot be used at all (missing, not a notebook, a folder
    without notebooks).
    """
    from ..essay import check_notebook, notebooks_in, read_notebook
    from ..errors import EssayError
    from ..exports.structured import review_problems
    from ..importers.check import leftover_problems

    status, warnings, strangers = 0, 0, 0
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = notebooks_in(path)
            if not found:
                click.echo(f"{path}: no notebooks (.ipynb) in this folder; give an essay notebook or a folder of them")
                status = 2
            files.extend(found)
        else:
            files.append(path)
    slugs: dict[str, Path] = {}
    for path in files:
        try:
            data = read_notebook(path)
        except EssayError as exc:
            click.echo(str(exc), err=False)
            status = 2
            continue
        essay, problems = check_notebook(data, path)
        problems += leftover_problems(data, path)
        stranger = next((p for p in problems if p.not_an_essay), None)
        if stranger is not None:  # e.g. the author's ModerationQueue notebook beside the essays
            click.echo(f"{path}: warning: skipped: {stranger.message}")
            warnings, strangers = warnings + 1, strangers + 1
            continue
        if essay is not None:
            problems += review_problems(essay.meta, path)
        for problem in problems:
            click.echo(str(problem))
        warnings += sum(p.warning for p in problems)
        if any(not p.warning for p in problems):
            status = max(status, 1)
        elif essay.meta.slug in slugs:
            click.echo(f"{path}: slug {essay.meta.slug!r} is already used by {slugs[essay.meta.slug]}; "
                       "give one of them another essay.slug")
            status = max(status, 1)
        else:
            slugs[essay.meta.slug] = path
    if status == 0:
        noted = f" ({plural(warnings, 'warning')})" if warnings else ""
        click.echo(f"{plural(len(files) - strangers, 'essay')} checked, no problems{noted}", err=True)
    sys.exit(status)
