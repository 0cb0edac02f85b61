"""The base class of every essaykit subcommand: errors as one line, not a traceback."""

from __future__ import annotations

import click

from ..errors import EssaykitError


class EssaykitCommand(click.Command):
    """A command whose EssaykitError becomes one line on stderr and exit 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except EssaykitError as exc:
            for line in str(exc).splitlines() or [type(exc).__name__]:
                click.echo(f"error: {line}", err=True)
            ctx.exit(2)
