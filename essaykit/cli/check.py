"""``essaykit check``: one line per problem in each essay."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ._command import EssaykitCommand


@click.command("check", cls=EssaykitCommand)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def check_command(paths: tuple[Path, ...]) -> None:
    """Check the essays at PATHS and print one line per problem.

    Each line reads PATH:cell N: message (or PATH: message). Exit status is 0
    when every essay is clean, 1 when there are problems, and 2 when a file
    cannot be used at all (missing, a folder, not a notebook).
    """
    from ..essay import check_essay
    from ..errors import EssayError

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
