"""``essaykit new``: write a new essay notebook to start from."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import EssaykitError
from ._command import EssaykitCommand


def _kernel_metadata(name: str) -> dict:
    """``kernelspec`` and ``language_info`` exactly as JupyterLab writes them once the kernel
    starts (from the installed kernel spec and ipykernel), so opening a new essay marks nothing modified."""
    from ipykernel.ipkernel import IPythonKernel
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(name)
        kernelspec = {"display_name": spec.display_name, "language": spec.language, "name": name}
    except NoSuchKernel:
        kernelspec = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": name}
    return {"kernelspec": kernelspec, "language_info": dict(IPythonKernel.language_info)}


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
            **_kernel_metadata("python3"),
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
    existing file is never overwritten. It is signed as trusted for you, so
    JupyterLab and its Voilà preview show it without asking.
    """
    from .._files import write_atomic
    from .._trust import as_jupyter_writes
    from ..essay import SLUG_RE, slugify

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
        slug = slugify(path.stem) or "essay"
    text = as_jupyter_writes(_new_notebook(title.strip(), author.strip(), slug))
    try:
        write_atomic(path, text, overwrite=False, error=EssaykitError, hint="choose another path")
    except FileExistsError:
        raise EssaykitError(f"{path}: already exists; choose another path (essaykit never overwrites a file)") from None
    click.echo(f"wrote {path} (slug {slug}); open it in JupyterLab: jupyter lab {path}")
