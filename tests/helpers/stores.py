"""Comment stores for tests: ``store`` (defined here once) and ``loose_store``.

``store`` opens a fresh SQLite store with the default moderation rules. A
module changes what it gets by overriding one of the two fixtures it is built
from, and nothing else:

- ``store_url``: where the comments live. ``def store_url(db_url): return db_url``
  runs the module's store tests on SQLite and on PostgreSQL.
- ``store_rules``: the moderation rules (``None``: the defaults, flood control on).
  ``def store_rules(): return Rules.permissive()`` loosens them.
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'comments.sqlite'}"


@pytest.fixture
def store_rules():
    return None


@pytest.fixture
def store(store_url: str, store_rules):
    """A CommentStore on ``store_url`` with ``store_rules``, closed after the test."""
    from essaykit.comments.store import CommentStore

    with CommentStore.open(store_url, rules=store_rules) as opened:
        yield opened


@pytest.fixture
def loose_store(tmp_path: Path):
    """A second SQLite store without flood control, for tests that post many comments."""
    from essaykit.comments.moderation import Rules
    from essaykit.comments.store import CommentStore

    with CommentStore.open(f"sqlite:///{tmp_path / 'loose.sqlite'}", rules=Rules.permissive()) as opened:
        yield opened
