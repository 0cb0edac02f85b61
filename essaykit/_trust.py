"""The notebooks essaykit writes for their author are recorded as trusted, as ``jupyter trust`` does.

Jupyter shows a notebook's outputs, and Voilà's "Render with Voilà" preview runs
it, only when this user's notary (nbformat's :class:`~nbformat.sign.NotebookNotary`,
its database in the Jupyter data folder) holds the notebook's signature. The
author wrote the notebooks ``essaykit new`` and ``essaykit import`` make, so they
sign them; a notebook edited elsewhere loses the signature, as Jupyter intends.

nbformat costs seconds to import (jsonschema's format checkers); only the
commands that write notebooks for the author import it, once per run.

nbformat's store commits twice per signature, and SQLite waits for the disk on
each commit: 30 ms a notebook on a busy disk, half the wall time of importing a
blog of 1,000 posts. essaykit's connection asks SQLite not to wait
(``PRAGMA synchronous = OFF``, this connection only). A crash of essaykit loses
nothing; a power cut during an import can at worst lose trust marks, and nbformat
sets a damaged database aside and starts a new one.
"""

from __future__ import annotations

import functools


@functools.cache
def _notary(data_dir: str):
    """One notary (one database connection) per Jupyter data folder, for a whole import."""
    from nbformat.sign import NotebookNotary, SQLiteSignatureStore
    from traitlets import default

    class UnsyncedStore(SQLiteSignatureStore):
        def init_db(self, db):
            super().init_db(db)
            db.execute("PRAGMA synchronous = OFF")

    class Notary(NotebookNotary):
        @default("store_factory")
        def _unsynced_store(self):
            return lambda: UnsyncedStore(self.db_file)

    return Notary()  # its own default finds (and creates) ``data_dir``


def sign_trusted(notebook: dict) -> None:
    """Record ``notebook`` (as it will be written) as trusted in this user's notary.

    The signature covers the content, not its layout: a source kept as one string
    or split into lines signs the same."""
    import nbformat
    from jupyter_core.paths import jupyter_data_dir

    _notary(jupyter_data_dir()).sign(nbformat.from_dict(notebook))


def as_jupyter_writes(notebook: dict) -> str:
    """``notebook`` as text formatted as JupyterLab saves it (so opening it changes nothing), signed as trusted."""
    import nbformat

    sign_trusted(notebook)
    text = nbformat.writes(nbformat.from_dict(notebook))
    return text if text.endswith("\n") else text + "\n"
