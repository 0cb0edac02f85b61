"""What an essay's kernel is told through its environment, for exports and live pages alike.

A kernel gets an explicit environment, never the whole of the one it is
started from: a cell that prints ``os.environ`` must not show a reader the
SMTP password or the database's. From the starting environment it keeps only

- :data:`INHERITED`: where programs and the home folder are, the locale and
  time zone, the temporary folder, Python's and Jupyter's paths;
- libpq's connection settings (``PGHOST``, ``PGUSER``…), because the kernel's
  widgets connect to the comment database as the server does; ``PGPASSWORD`` is
  written to a private pgpass file (mode 0600) that ``PGPASSFILE`` names, so
  the password works and is in no kernel's environment;
- essaykit's own variables, :data:`ESSAYKIT`:

``ESSAYKIT_SLUG``     the essay it runs (read by :func:`essaykit.current_slug`);
``ESSAYKIT_DB``       the comment database (read by the store-backed widgets);
``ESSAYKIT_SESSION``  the reader it serves (read by ``essaykit.widgets._session``);
``ESSAYKIT_CLIENT``   that reader's address, ``ESSAYKIT_KNOWN`` the email their browser proved
                      (set by ``essaykit serve`` when a reader's page starts a kernel);
``ESSAYKIT_DB_CONNECTIONS``, ``ESSAYKIT_SERVE``  set by ``essaykit serve`` for its kernels
                      (``essaykit.comments.engine``, ``essaykit.widgets._served``);
``ESSAYKIT_MODERATION``, ``ESSAYKIT_AUTHOR``, ``ESSAYKIT_MAX_NOTEBOOK_MB``  the author's
                      settings, read by the store and the widgets in the kernel as in the server.

``essaykit export``/``build`` start a kernel with the slug and database given;
``essaykit serve`` starts a reader's kernel with the slug and reader it
established (:mod:`essaykit.live.kernels`). A kernel Voilà starts for a
request has them as request headers, which Voilà copies into its environment
as ``HTTP_X_ESSAYKIT_*`` and :func:`kernel_env` renames (:data:`BRIDGE`).
"""

from __future__ import annotations

import atexit
import functools
import os
import tempfile
from collections.abc import Mapping

from .names import (ENV_AUTHOR, ENV_CLIENT, ENV_DB, ENV_DB_CONNECTIONS, ENV_KNOWN, ENV_MAX_NOTEBOOK_MB,
                    ENV_MODERATION, ENV_SERVE, ENV_SESSION, ENV_SLUG, READER_HEADER, SLUG_HEADER, header_env)

SLUG, DB, SESSION = ENV_SLUG, ENV_DB, ENV_SESSION
#: essaykit's variables a kernel keeps (see the module's docstring for who reads each).
ESSAYKIT = frozenset({SLUG, DB, SESSION, ENV_CLIENT, ENV_KNOWN, ENV_DB_CONNECTIONS, ENV_SERVE, ENV_MODERATION,
                      ENV_AUTHOR, ENV_MAX_NOTEBOOK_MB})
#: Everything else a kernel keeps from the environment it is started from, when set there.
INHERITED = frozenset({
    "PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TZ", "TMPDIR", "TEMP", "TMP",
    "SYSTEMROOT",  # Windows: Python's start-up needs it
    "PYTHONPATH", "PYTHONHOME", "PYTHONUTF8", "IPYTHONDIR", "MPLCONFIGDIR", "MPLBACKEND",
    "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR",
    "JUPYTER_PATH", "JUPYTER_CONFIG_DIR", "JUPYTER_CONFIG_PATH", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
    "JUPYTER_PLATFORM_DIRS", "JUPYTER_PREFER_ENV_PATH",
    # libpq's connection settings, all but the password:
    "PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSFILE", "PGSERVICE", "PGSERVICEFILE",
    "PGSYSCONFDIR", "PGOPTIONS", "PGAPPNAME", "PGCONNECT_TIMEOUT", "PGCLIENTENCODING", "PGTZ", "PGDATESTYLE",
    "PGSSLMODE", "PGSSLCERT", "PGSSLKEY", "PGSSLROOTCERT", "PGSSLCRL", "PGGSSENCMODE", "PGKRBSRVNAME",
    "PGCHANNELBINDING", "PGTARGETSESSIONATTRS",
})
#: libpq's password: it becomes a pgpass file (see the module's docstring).
PASSWORD = "PGPASSWORD"
#: Request-header variables that Voilà sets, and the essaykit variable each one becomes.
BRIDGE = {
    header_env(SLUG_HEADER): SLUG,
    header_env(READER_HEADER): SESSION,
}
#: Set in every kernel: ipykernel's debugger otherwise warns about frozen modules on every start.
QUIET = {"PYDEVD_DISABLE_FILE_VALIDATION": "1"}


def _kept(name: str) -> bool:
    return name in INHERITED or name in ESSAYKIT or name.startswith("LC_")  # LC_ALL, LC_CTYPE…


def kernel_env(base: Mapping[str, str], *, slug: str | None = None, db: str | None = None) -> dict[str, str]:
    """The environment of a kernel started from ``base``: what it may keep of ``base`` (see the module's
    docstring), the header variables renamed to essaykit's, then ``slug`` and ``db`` when given."""
    env = {**QUIET, **{k: v for k, v in base.items() if _kept(k)}}
    if base.get(PASSWORD):
        env["PGPASSFILE"] = str(_pgpass_file(base[PASSWORD]))
    for header_var, name in BRIDGE.items():
        if base.get(header_var):
            env[name] = base[header_var]
    if slug:
        env[SLUG] = slug
    if db:
        env[DB] = db
    return env


@functools.cache
def _pgpass_file(password: str) -> str:
    """A pgpass file, readable by this user only, that gives ``password`` for every database; removed at exit."""
    escaped = password.replace("\\", "\\\\").replace(":", "\\:")
    fd, path = tempfile.mkstemp(prefix="essaykit-pgpass-")  # mode 0600, as libpq demands
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(f"*:*:*:*:{escaped}\n")
    atexit.register(_remove, path)
    return path


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
