"""The base classes of every essaykit command and group (errors as one line, not a
traceback; short help from the docstring), and the options several subcommands share."""

from __future__ import annotations

import inspect

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


def short_help(command: click.Command) -> str:
    """The first line of a command's docstring: how ``--help`` lists it, and nowhere else."""
    return inspect.cleandoc(command.help or "").partition("\n")[0].strip()


class EssaykitGroup(click.Group):
    """A group that lists each subcommand with :func:`short_help`.

    Click would cut the docstring at its first sentence and at the terminal's width,
    and a ``short_help=`` copy would drift from the docstring; this reads the one text."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, short_help(command)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


KERNEL_DB_HELP = ("Comment database URL passed to the kernel as ESSAYKIT_DB, e.g. "
            "--db sqlite:///comments.sqlite or --db postgresql://host/essays "
            "(default: ESSAYKIT_DB, else .essaykit/comments.sqlite beside the notebook).")


def kernel_db_option(command):
    """``--db URL``: the comment database a kernel is given (``export``, ``build``)."""
    return click.option("--db", default=None, metavar="URL", help=KERNEL_DB_HELP)(command)


def api_option(command):
    """``--api URL``: the comment API a static page posts to and fetches from (``export``, ``build``)."""
    return click.option(
        "--api", default=None, metavar="URL",
        help="Make the comment section and rating live: they post to, and fetch from, the comment API of the "
             "`essaykit serve` at URL, e.g. --api https://comments.example.org/ (that server needs "
             "--allow-origin for this site). Default: the essay's comments_api metadata, else a snapshot.")(command)


def timeout_option(what: str):
    """``--timeout SECONDS``: how long one code cell may run before ``what`` fails."""
    from ..exports.execute import DEFAULT_TIMEOUT

    return click.option("--timeout", type=click.IntRange(1, 86400), default=DEFAULT_TIMEOUT, show_default=True,
                        help=f"Seconds one code cell may run before {what} fails.")
