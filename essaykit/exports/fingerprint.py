"""Cheap fingerprints that tell the site build whether an essay must be rebuilt.

A page depends on its notebook (hashed byte for byte), on the build settings
and templates (:func:`settings_fingerprint`), and on the comments and ratings
the kernel and the page read (:func:`comments_fingerprints`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from ..html.paths import essay_template_dir

NO_STORE = "no-store"


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def settings_fingerprint(**settings) -> str:
    """A hash of the build settings, essaykit's version and every template file,
    so a new template or a different ``--base-url`` rebuilds every page."""
    from .._version import __version__

    digest = hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode())
    digest.update(__version__.encode())
    for path in sorted(essay_template_dir().iterdir()):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _default_db(notebook_dir: Path) -> str | None:
    """The database the kernels would use when neither --db nor ESSAYKIT_DB is set,
    or None when it does not exist yet (then there are no comments to snapshot)."""
    from ..db.engine import default_url, sqlite_file

    url = default_url(notebook_dir)
    path = sqlite_file(url)
    return url if path is not None and path.is_file() else None


def comments_fingerprints(slugs: Iterable[str], *, db: str | None, notebook_dir: Path) -> dict[str, str]:
    """One short string per slug that changes whenever that essay's comment
    snapshot or rating could change.

    Uses the store's own ``fingerprint(slug)`` when it has one (a single
    aggregate query); otherwise hashes id, status and creation time of every
    comment plus the rating summary, through the public store API. Without a
    store or a database every slug gets :data:`NO_STORE`.
    """
    slugs = list(slugs)
    from ..db.engine import configured_url

    url = configured_url(db) or _default_db(notebook_dir)
    if not slugs or not url:
        return dict.fromkeys(slugs, NO_STORE)
    try:
        from ..comments.store import CommentStore
    except ImportError:
        return dict.fromkeys(slugs, NO_STORE)
    store = CommentStore.open(url, essay_dir=notebook_dir)
    try:
        return {slug: _one(store, slug) for slug in slugs}
    finally:
        store.close()


def _one(store, slug: str) -> str:
    own = getattr(store, "fingerprint", None)
    if callable(own):
        return str(own(slug))
    digest = hashlib.sha256()
    for c in store.list(essay=slug):
        digest.update(f"{c.id}\0{c.status}\0{c.created.isoformat()}\0{c.parent}\n".encode())
    summary = store.rating_summary(slug)
    digest.update(f"rating\0{summary.average}\0{summary.count}".encode())
    return digest.hexdigest()[:32]
