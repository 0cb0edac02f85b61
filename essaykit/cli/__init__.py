"""The ``essaykit`` command: the group, and a table of its subcommands.

The CLI is the top layer: each subcommand is a module of this package
(``essaykit.cli.serve``, ``essaykit.cli.comments`` …) that imports the layers
below it, and :class:`~essaykit.cli._command.EssaykitCommand` from below.
Subcommands load lazily: ``essaykit check`` never imports Voilà, SQLAlchemy or
nbclient. Each entry of ``COMMANDS`` names the module and the Click command
object that implements it. Errors that essaykit raises on purpose
(:class:`~essaykit.errors.EssaykitError`) are printed as one line without a
traceback and exit with status 2 unless the command chose another.
"""

from __future__ import annotations

import importlib

import click



COMMANDS: dict[str, tuple[str, str, str]] = {
    # name: (module, attribute, one-line help shown in `essaykit --help`)
    "new": ("essaykit.cli.new", "new_command", "Write a new essay notebook to start from."),
    "check": ("essaykit.cli.check", "check_command", "Check essays for problems, one line per problem."),
    "comments": ("essaykit.cli.comments", "comments_command", "List, moderate, back up and restore readers' comments."),
    "export": ("essaykit.cli.export", "export_command", "Export an essay as one self-contained HTML file."),
    "import": ("essaykit.importers.commands", "import_command", "Import WordPress or Disqus exports, saved pages or text copies as essays."),
    "build": ("essaykit.cli.build", "build_command", "Build a static site (pages, index, Atom feed) from a folder of essays."),
    "serve": ("essaykit.cli.serve", "serve_command", "Serve essays as live Voilà pages (spoilers, ratings, comments)."),
    "mentions": ("essaykit.cli.mentions", "mentions_command", "Send Webmentions and pingbacks for the links in essays."),
    "mail": ("essaykit.cli.mail", "mail_command", "Notification emails: test the SMTP settings, send the outbox, list it."),
    "ratings": ("essaykit.cli.ratings", "ratings_command", "List and delete readers' ratings (remove stuffing)."),
    "secret": ("essaykit.cli.secret", "secret_command", "Rotate the key that signs reader sessions and tokens."),
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
