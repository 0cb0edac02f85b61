"""What an essay's kernel is told through its environment, for exports and live pages alike.

``ESSAYKIT_SLUG``     the essay it runs (read by :func:`essaykit.current_slug`);
``ESSAYKIT_DB``       the comment database (read by the store-backed widgets);
``ESSAYKIT_SESSION``  the reader it serves (read by ``essaykit.widgets._session``);
``ESSAYKIT_CLIENT``   that reader's address, ``ESSAYKIT_KNOWN`` the email their browser proved
                      (set by ``essaykit serve`` when a reader's page starts a kernel).

``essaykit export``/``build`` start a kernel with the slug and database given;
``essaykit serve`` passes the slug and reader as request headers, which Voilà
copies into the kernel's environment as ``HTTP_X_ESSAYKIT_*`` and
:func:`kernel_env` renames (see :mod:`essaykit.live.kernels`).
"""

from __future__ import annotations

from collections.abc import Mapping

from .names import ENV_DB, ENV_SESSION, ENV_SLUG, READER_HEADER, SLUG_HEADER, header_env

SLUG, DB, SESSION = ENV_SLUG, ENV_DB, ENV_SESSION
#: Request-header variables that Voilà sets, and the essaykit variable each one becomes.
BRIDGE = {
    header_env(SLUG_HEADER): SLUG,
    header_env(READER_HEADER): SESSION,
}


def kernel_env(base: Mapping[str, str], *, slug: str | None = None, db: str | None = None) -> dict[str, str]:
    """``base`` with the header variables renamed to essaykit's, then ``slug`` and ``db`` when given."""
    env = {k: v for k, v in base.items() if k not in BRIDGE}
    for header_var, name in BRIDGE.items():
        if base.get(header_var):
            env[name] = base[header_var]
    if slug:
        env[SLUG] = slug
    if db:
        env[DB] = db
    return env
