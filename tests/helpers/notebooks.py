"""Notebooks built in memory: cells, whole notebooks, and fixtures that write them to disk."""

from __future__ import annotations

import base64
import copy
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import EXAMPLE, NOTEBOOKS

# A 1x1 PNG, base64-encoded as notebooks store image outputs.
PNG_1PX = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2b2"
        "a5a10000000049454e44ae426082"
    )
).decode()


def md_cell(source: str, *, tags: list[str] | None = None, **meta) -> dict:
    metadata = dict(meta)
    if tags:
        metadata["tags"] = tags
    return {"cell_type": "markdown", "metadata": metadata, "source": source}


def code_cell(source: str, *, tags: list[str] | None = None, outputs: list | None = None) -> dict:
    return {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {"tags": tags} if tags else {},
        "outputs": outputs or [],
        "source": source,
    }


def trust(path: Path) -> None:
    """Sign the notebook at ``path`` as its author's Jupyter does when they save it, into this test
    process's own Jupyter data folder (tests/conftest.py), which the servers it starts share: their
    code cells are then trusted, and no notebook is trusted by anything outside the clone."""
    import nbformat
    from nbformat.sign import NotebookNotary

    NotebookNotary().sign(nbformat.read(path, as_version=nbformat.NO_CONVERT))


def notebook(cells: list[dict], essay: dict | None = None, **metadata) -> dict:
    meta = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        **metadata,
    }
    if essay is not None:
        meta["essay"] = essay
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": meta, "cells": copy.deepcopy(cells)}
    for i, cell in enumerate(nb["cells"]):
        cell.setdefault("id", f"cell-{i}")
    return nb


@pytest.fixture
def write_notebook(tmp_path: Path) -> Callable[..., Path]:
    """Write a notebook dict (or raw text) to ``tmp_path/name`` and return the path."""

    def write(content: dict | str | bytes, name: str = "essay.ipynb") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(json.dumps(content, indent=1), encoding="utf-8")
        return path

    return write


def example_without_live_code() -> dict:
    """The example essay without its live chart: its text, spoilers, rating and comments, a page that
    needs no kernel (for servers whose tests count kernels, or must start none)."""
    from essaykit.widgets._recognize import own_widget

    nb = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    slug = nb["metadata"]["essay"]["slug"]
    nb["cells"] = [c for c in nb["cells"] if c["cell_type"] != "code" or own_widget("".join(c["source"]), slug)]
    return nb


@pytest.fixture
def example_nb() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def copy_examples(target: Path) -> Path:
    """A copy of the example essays at ``target``, without their databases and checkpoints."""
    shutil.copytree(NOTEBOOKS, target, ignore=shutil.ignore_patterns("*.sqlite*", ".ipynb_checkpoints"))
    return target


@pytest.fixture
def essay_dir(tmp_path: Path) -> Path:
    """A temporary copy of the example essays, safe to modify."""
    return copy_examples(tmp_path / "essays")
