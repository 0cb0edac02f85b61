"""What every page ``essaykit serve`` writes itself shares, below every layer that serves HTTP.

The live routes (:mod:`essaykit.live`), the email links' pages
(:mod:`essaykit.mail.handlers`) and the comment API's form answers render the
live template's own pages (error, index, message, mail link) through
:func:`render_site_page`, with essaykit's stylesheet inlined: the server
fetches nothing from elsewhere and its Content-Security-Policy allows nothing
else. :class:`SitePageHandler` is the base of the routes that answer with
those pages: errors as a short page in the essay's look, never a traceback,
and the server's security headers on every answer.
"""

from __future__ import annotations

import tornado.web
from tornado import httputil

from . import html as vocab


def render_site_page(name: str, **context) -> str:
    """Render one of the live template's own pages (index, not found…) with essaykit's CSS inlined."""
    return vocab.environment().get_template(name).render(css=vocab.stylesheet(), **context)


def error_reason(status_code: int, kwargs: dict) -> str:
    """The reason phrase for ``write_error``: the HTTPError's own, else the status's standard one
    (Tornado keeps the one it chose private)."""
    error = kwargs.get("exc_info", (None, None, None))[1]
    return getattr(error, "reason", None) or httputil.responses.get(status_code, "Error")


class AnsweringHandler(tornado.web.RequestHandler):
    """A handler that knows whether its answer is sent: an error raised after a redirect or a page
    went out must not start a second answer. Tornado keeps that state private, so this notes it as
    :meth:`finish` (which ``redirect``, ``send_error`` and ``render`` all end in) runs."""

    answered = False

    def finish(self, chunk=None):
        self.answered = True
        return super().finish(chunk)


class SitePageHandler(tornado.web.RequestHandler):
    """Errors as essaykit pages: a short message, never a traceback; the server's security headers (CSP…)."""

    def set_default_headers(self) -> None:
        super().set_default_headers()
        for name, value in (self.settings.get("headers") or {}).items():
            self.set_header(name, value)

    def write_error(self, status_code: int, **kwargs) -> None:
        reason = error_reason(status_code, kwargs)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(render_site_page("error.html", status_code=status_code, status_message=reason,
                                     base_url=self.settings.get("base_url", "/")))
