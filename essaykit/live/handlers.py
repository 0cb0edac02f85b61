"""The HTTP routes of ``essaykit serve``, beyond the few Voilà routes it keeps.

- :class:`EssayPageHandler` renders a published essay with Voilà, after giving
  the request a reader id and the essay's slug for the kernel (see
  :mod:`essaykit.live.kernels`).
- :class:`IndexHandler` lists the essays of a folder.
- :class:`AssetHandler` sends an image an essay shows, and nothing else.
- :class:`NotFoundHandler` answers everything else with 404.
- :func:`not_found_instead` makes Voilà's static-file handlers answer 404 (not
  403 or 500) for paths they refuse, so a probe learns nothing.
"""

from __future__ import annotations

import functools

import tornado.web
from voila.tornado.handler import TornadoVoilaHandler

from .site import ASSET_TYPES, EssaySite

READER_HEADER = "X-Essaykit-Reader"
SLUG_HEADER = "X-Essaykit-Slug"


def render_site_page(name: str, **context) -> str:
    """Render one of the live template's own pages (index, not found) with essaykit's CSS inlined."""
    from .. import vocab

    return vocab.environment().get_template(name).render(css=vocab.stylesheet(), **context)


class _EssaykitMixin:
    """Errors as essaykit pages: a short message, never a traceback."""

    def write_error(self, status_code: int, **kwargs) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(render_site_page("error.html", status_code=status_code,
                                     status_message=self._reason, base_url=self.settings.get("base_url", "/")))


class EssayPageHandler(_EssaykitMixin, TornadoVoilaHandler):
    """Voilà's page handler, limited to published essays."""

    def initialize(self, site: EssaySite, api=None, **kwargs) -> None:
        self.site = site
        self.api = api
        super().initialize(**kwargs)

    async def prepare(self) -> None:
        from .api import IDENTITY_COOKIE, READER, READER_COOKIE, ReaderView, cookie_options, read_identity

        await super().prepare()
        name = self.path_args[0] if self.path_args else self.notebook_path
        item = self.site.find(name)
        if item is None:
            raise tornado.web.HTTPError(404)
        self.item = item
        # The reader: a session this server signed (essaykit.comments.sessions), or a new one.
        reader, token, fresh = self.api.sessions.resume(self.get_cookie(READER_COOKIE))
        if fresh:
            self.set_cookie(READER_COOKIE, token, **cookie_options(self.request, max_age_days=365))
        READER.set(ReaderView(session=reader, identity=read_identity(self.get_cookie(IDENTITY_COOKIE))))
        # Voilà copies the headers named in VoilaConfiguration.http_header_envs into
        # the kernel's environment; these two are always set here, so a reader
        # cannot choose them by sending the headers.
        self.request.headers[READER_HEADER] = reader
        self.request.headers[SLUG_HEADER] = item.slug
        from ..mentions.handlers import advertise

        advertise(self)  # Link: rel="webmention" and X-Pingback

    async def get(self, path=None):
        page = self._kernel_free_page()
        if page is not None:
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-cache")
            self.finish(page)
            return
        # In single-notebook mode Voilà would redirect other paths to /voila/files;
        # the route only matches "/", so path is the essay's own name or None.
        return await super().get(path if not self.notebook_path else None)

    def _kernel_free_page(self) -> str | None:
        """The whole page, rendered here, when the essay's code only shows essaykit's comment and rating
        widgets (they work over the comment API); None when it needs a kernel (Voilà renders it)."""
        from .page import LivePage

        live = LivePage(name=self.item.path.stem, essay=self.item.essay, base_url=self.base_url, mentions=True)
        if live.needs_kernel:
            return None
        return _live_template().render(
            resources={"essaykit": live, "base_url": self.base_url}, nb=self.item.essay.notebook, page_config={})


@functools.cache
def _live_template():
    """The ``essay`` Voilà template, rendered here for essays that need no kernel (same file, same markup)."""
    from .. import vocab
    from ..vocab.paths import voila_template_dir

    return vocab.environment().from_string((voila_template_dir() / "index.html.j2").read_text(encoding="utf-8"))


class IndexHandler(_EssaykitMixin, tornado.web.RequestHandler):
    """The list of essays in the served folder, newest first."""

    def initialize(self, site: EssaySite) -> None:
        self.site = site

    def get(self) -> None:
        base = self.settings.get("base_url", "/")
        drafts = self.settings.get("essaykit_drafts", False)
        items = sorted((i for i in self.site.essays.values() if drafts or not i.essay.meta.unpublished()),
                       key=lambda i: (i.essay.meta.date or "", i.essay.meta.title.casefold()), reverse=True)
        dated = [i for i in items if i.essay.meta.date] + [i for i in items if not i.essay.meta.date]
        self.finish(render_site_page("essays.html.j2", items=dated, base_url=base,
                                     title=self.settings.get("essaykit_title", "Essays")))


class AssetHandler(_EssaykitMixin, tornado.web.RequestHandler):
    """An image an essay shows; 404 for every other path, whatever it looks like."""

    def initialize(self, site: EssaySite) -> None:
        self.site = site

    def get(self, name: str) -> None:
        path = self.site.asset(name)
        if path is None:
            raise tornado.web.HTTPError(404)
        self.set_header("Content-Type", ASSET_TYPES[path.suffix.lower()])
        self.set_header("Cache-Control", "public, max-age=300")
        self.finish(path.read_bytes())


class NotFoundHandler(_EssaykitMixin, tornado.web.RequestHandler):
    def prepare(self) -> None:
        raise tornado.web.HTTPError(404)


def not_found_instead(handler_class: type) -> type:
    """A subclass of a static-file handler whose refusals (403, 400, 500 on odd paths) are 404s."""

    class Quiet(_EssaykitMixin, handler_class):
        def send_error(self, status_code: int = 500, **kwargs) -> None:
            super().send_error(404 if status_code >= 400 else status_code, **kwargs)

    Quiet.__name__ = Quiet.__qualname__ = f"NotFoundInstead{handler_class.__name__}"
    return Quiet
