"""``essaykit export``: one essay as one self-contained HTML file."""

from __future__ import annotations

from pathlib import Path

import click

from ._command import EssaykitCommand, api_option, kernel_db_option, timeout_option

@click.command("export", cls=EssaykitCommand)
@click.argument("path", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the page (default: exports/<slug>.html).")
@kernel_db_option
@click.option("--no-execute", is_flag=True, help="Use the outputs stored in the notebook instead of running it.")
@click.option("--show-code", is_flag=True, help="Show code cell sources (hidden by default).")
@click.option("--allow-errors", is_flag=True,
              help="Keep going when a cell raises, and show its error in place (as nbconvert's --allow-errors).")
@timeout_option("the export")
@api_option
def export_command(path: Path, output: Path | None, db: str | None, no_execute: bool, show_code: bool,
                   allow_errors: bool, timeout: int, api: str | None) -> None:
    """Export the essay at PATH as one self-contained HTML file.

    The notebook runs first (in a fresh kernel, only if it has code) so the
    comment snapshot is current. The page inlines its styles, embeds images
    and makes no network request; it works offline and without JavaScript.
    """
    from ..essay import load_essay
    from ..exports.export import default_output, essay_page
    from .._files import write_atomic

    import warnings

    from ..errors import EssaykitWarning

    essay = load_essay(path)
    target = output or default_output(essay)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", EssaykitWarning)
        page = essay_page(essay, execute=not no_execute, db=db, show_code=show_code, timeout=timeout, api=api,
                          allow_errors=allow_errors)
    for warning in caught:
        if issubclass(warning.category, EssaykitWarning):
            click.echo(f"warning: {warning.message}", err=True)
        else:
            warnings.showwarning(warning.message, warning.category, warning.filename, warning.lineno)
    write_atomic(target, page)
    size = len(page.encode("utf-8"))
    click.echo(f"wrote {target} ({size / 1024:.1f} KB); open it in a browser: {target.resolve().as_uri()}")
