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

SLUG, DB, SESSION = "ESSAYKIT_SLUG", "ESSAYKIT_DB", "ESSAYKIT_SESSION"
#: Request-header variables that Voilà sets, and the essaykit variable each one becomes.
BRIDGE = {
    "HTTP_X_ESSAYKIT_SLUG": SLUG,
    "HTTP_X_ESSAYKIT_READER": SESSION,
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
