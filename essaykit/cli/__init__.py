"""The ``essaykit`` command: the group, and a table of its subcommands.

The CLI is the top layer: each subcommand is a module of this package
(``essaykit.cli.serve``, ``essaykit.cli.comments`` …) that imports the layers
below it, and :class:`~essaykit.cli._command.EssaykitCommand` from below.
Subcommands load lazily: ``essaykit check`` never imports Voilà, SQLAlchemy or
nbclient. Each entry of ``COMMANDS`` names the module and the Click command
object that implements it; ``--help`` lists each with the first line of its
docstring (:func:`~essaykit.cli._command.short_help`), the only copy. Errors that essaykit raises on purpose
(:class:`~essaykit.errors.EssaykitError`) are printed as one line without a
traceback and exit with status 2 unless the command chose another.
"""

from __future__ import annotations

import importlib

import click

from ._command import EssaykitGroup


COMMANDS: dict[str, tuple[str, str]] = {
    # name: (module, attribute of the Click command); its docstring's first line is its short help
    "new": ("essaykit.cli.new", "new_command"),
    "check": ("essaykit.cli.check", "check_command"),
    "comments": ("essaykit.cli.comments", "comments_command"),
    "export": ("essaykit.cli.export", "export_command"),
    "import": ("essaykit.importers.commands", "import_command"),
    "build": ("essaykit.cli.build", "build_command"),
    "serve": ("essaykit.cli.serve", "serve_command"),
    "mentions": ("essaykit.cli.mentions", "mentions_command"),
    "mail": ("essaykit.cli.mail", "mail_command"),
    "followers": ("essaykit.cli.followers", "followers_command"),
    "people": ("essaykit.cli.people", "people_command"),
    "ratings": ("essaykit.cli.ratings", "ratings_command"),
    "secret": ("essaykit.cli.secret", "secret_command"),
    "spam": ("essaykit.cli.spam", "spam_command"),
}


class LazyGroup(EssaykitGroup):
    """Imports a subcommand's module when it runs. ``essaykit --help`` imports them all to read
    their docstrings: measured at about 0.25 s more on this 2-core machine (0.3 → 0.55 s), only for help."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attr = COMMANDS[name]
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="essaykit")
def main() -> None:
    """Write interactive essays in Jupyter and publish them.

    An essay is a notebook: its metadata holds the title, markdown cells hold
    the text, cells tagged `spoiler` hide spoilers, and code cells show
    widgets such as the comment section. Read it live with `essaykit serve`
    or as one HTML file with `essaykit export`.
    """


if __name__ == "__main__":  # pragma: no cover
    main()
