"""The server's cookies, named and flagged the one way: ``__Host-`` over HTTPS, plain names on plain HTTP.

Over HTTPS (the request's own, or the one a trusted proxy reports with
``X-Forwarded-Proto``, :func:`essaykit._forwarded.forwarded_scheme`) every
cookie essaykit sets is called ``__Host-<name>`` and is ``Secure; Path=/``
with no ``Domain``: browsers then refuse the same name from a sibling host
or from a page served over plain HTTP, so nobody can plant a session of
their own in a reader's browser (session fixation). Browsers accept the
prefix only with ``Secure``, which plain ``http://localhost`` cannot have,
so development on plain HTTP keeps the plain names (docs/serve.md).

Cookies set before the prefix (a plain name over HTTPS) are still read for
one release: :func:`read` falls back to the plain name when the prefixed
one is missing, and :func:`write` clears the plain one as it sets the new
one, so a returning reader keeps their session and moves to the new name.

Like :mod:`._forwarded`, it needs only a handler's ``request`` and its
``get_cookie``/``set_cookie``/``clear_cookie`` (no Tornado import), so the
comment layer (:mod:`essaykit.comments.trust`) and every HTTP layer use it.
"""

from __future__ import annotations

PREFIX = "__Host-"
#: How long the reader's cookies last (the signed session and the "approved before" token).
MAX_AGE_DAYS = 365


def secure(request) -> bool:
    return request.protocol == "https"


def name_for(request, name: str) -> str:
    """The name cookie ``name`` goes by for this request (``__Host-`` + ``name`` over HTTPS)."""
    return PREFIX + name if secure(request) else name


def options(request, *, max_age_days: int | None = None) -> dict:
    """``HttpOnly; SameSite=Lax; Path=/`` and never a ``Domain``; ``Secure`` over HTTPS."""
    found = {"path": "/", "httponly": True, "samesite": "Lax"}
    if secure(request):
        found["secure"] = True
    if max_age_days:
        found["expires_days"] = max_age_days
    return found


def read(handler, name: str) -> str | None:
    """The value of cookie ``name`` as this request names it; over HTTPS the plain name set by an earlier
    release when there is no ``__Host-`` one (read for one release, then dropped: see the module docstring)."""
    found = handler.get_cookie(name_for(handler.request, name))
    if found is None and secure(handler.request):
        found = handler.get_cookie(name)
    return found


def write(handler, name: str, value: str, *, max_age_days: int | None = MAX_AGE_DAYS) -> None:
    """Set cookie ``name`` (its ``__Host-`` name over HTTPS, dropping the plain one an earlier release set)."""
    request = handler.request
    handler.set_cookie(name_for(request, name), value, **options(request, max_age_days=max_age_days))
    if secure(request) and handler.get_cookie(name) is not None:
        handler.clear_cookie(name, path="/")


def clear(handler, name: str) -> None:
    """Remove cookie ``name`` (under both of its names over HTTPS), with the flags it was set with."""
    request = handler.request
    handler.clear_cookie(name_for(request, name), **options(request))
    if secure(request) and handler.get_cookie(name) is not None:
        handler.clear_cookie(name, path="/")
