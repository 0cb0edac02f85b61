"""Builders for moderation-queue tests: comment records with a spam score, and a site with an essay and a
database holding them (for a JupyterLab started on it)."""

from __future__ import annotations

import json
from pathlib import Path

ESSAY = "the-long-take"


def record(cid: str, score: float | None, *, status: str = "pending", parent: str | None = None,
           body: str | None = None, **extra) -> dict:
    """A JSON backup record of ``ESSAY`` (``essaykit comments import`` format) with ``spam_score``."""
    return {"id": cid, "essay": ESSAY, "author": f"Reader {cid}", "email": "", "body": body or f"comment {cid}",
            "created": f"2026-01-01T00:00:{len(cid):02d}Z", "status": status, "parent": parent,
            "spam_score": score, **extra}


def queue_site(work: Path, records: list[dict]) -> tuple[Path, str]:
    """``work/essays`` with the essay's notebook (author Maren) and a database holding ``records``: (root, URL)."""
    from essaykit.comments.store import CommentStore
    from helpers.notebooks import md_cell, notebook

    root = work / "essays"
    root.mkdir()
    (root / f"{ESSAY}.ipynb").write_text(json.dumps(notebook([md_cell("Text.")], {
        "title": "The Long Take", "author": "Maren"})), encoding="utf-8")
    db = f"sqlite:///{work / 'comments.sqlite'}"
    with CommentStore.open(db) as store:
        report = store.import_records(records)
        assert not report.errors, report.errors
    return root, db
