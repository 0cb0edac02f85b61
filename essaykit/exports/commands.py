"""The ``essaykit export`` command."""

from __future__ import annotations

from pathlib import Path

import click

from ..cli import EssaykitCommand


@click.command("export", cls=EssaykitCommand)
@click.argument("path", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the page (default: exports/<slug>.html).")
@click.option("--show-code", is_flag=True, help="Show code cell sources (hidden by default).")
def export_command(path: Path, output: Path | None, show_code: bool) -> None:
    """Export the essay at PATH as one self-contained HTML file."""
    from ..essay import load_essay
    from .page import render_page
    from .write import write_atomic

    essay = load_essay(path)
    target = output or Path("exports") / f"{essay.meta.slug}.html"
    write_atomic(target, render_page(essay, show_code=show_code))
    click.echo(f"wrote {target} ({target.stat().st_size // 1024} KB); open it in a browser: file://{target.resolve()}")
