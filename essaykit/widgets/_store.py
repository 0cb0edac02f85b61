"""The comment store, opened lazily by the widgets that need it."""

from __future__ import annotations


class StoreBacked:
    """Mixin for widgets backed by the comment store.

    ``_store_arg`` is what the author passed: a store object, a database URL,
    or None (``ESSAYKIT_DB`` or the default SQLite file). The store opens on
    first use, so building a widget never touches the database.
    """

    _store_arg = None
    _store_obj = None

    def _store(self):
        if self._store_obj is None:
            if self._store_arg is not None and not isinstance(self._store_arg, str):
                self._store_obj = self._store_arg
            else:
                from ..comments.store import CommentStore

                self._store_obj = CommentStore.open(self._store_arg)
        return self._store_obj
