"""The HTTP routes of ``essaykit serve``, beyond the few Voilà routes it keeps.

- :class:`EssayPageHandler` answers a published essay's page from the page
  cache (:mod:`.pagecache`), with no kernel, and gives the reader a session.
- :class:`LiveKernelHandler` starts a kernel for a page's live code when the
  page's script asks (a POST with the ``_xsrf`` token), within the cap.
- :class:`KernelShutdownHandler` shuts a reader's kernel down when the page closes.
- :class:`IndexHandler` lists the essays of a folder.
- :class:`AssetHandler` sends an image an essay shows, and nothing else.
- :class:`NotFoundHandler` answers everything else with 404.
- :func:`not_found_instead` makes Voilà's static-file handlers answer 404 (not
  403 or 500) for paths they refuse, so a probe learns nothing.
"""

from __future__ import annotations

import asyncio
import functools
import html
import json
import logging
import os

import tornado.web
from voila.tornado.handler import TornadoVoilaHandler

from ..html.video import allow_players, has_video
from ..names import ENV_CLIENT, ENV_KNOWN, ENV_SESSION, ENV_SLUG
from .site import ASSET_TYPES, SVG_POLICY, EssaySite

log = logging.getLogger("essaykit.live")



def render_site_page(name: str, **context) -> str:
    """Render one of the live template's own pages (index, not found) with essaykit's CSS inlined."""
    from .. import html as vocab

    return vocab.environment().get_template(name).render(css=vocab.stylesheet(), **context)


class _EssaykitMixin:
    """Errors as essaykit pages: a short message, never a traceback; the server's security headers (CSP…)."""

    def set_default_headers(self) -> None:
        super().set_default_headers()
        for name, value in (self.settings.get("headers") or {}).items():
            self.set_header(name, value)

    def write_error(self, status_code: int, **kwargs) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(render_site_page("error.html", status_code=status_code,
                                     status_message=self._reason, base_url=self.settings.get("base_url", "/")))


class EssayPageHandler(_EssaykitMixin, TornadoVoilaHandler):
    """An essay's page: from the page cache, with no kernel (see :mod:`.pagecache`).

    The page's own script asks :class:`LiveKernelHandler` for a kernel when the essay has live code;
    a GET never starts one, whoever sends it."""

    def initialize(self, site: EssaySite, api=None, pages=None, **kwargs) -> None:
        self.site = site
        self.api = api
        self.pages = pages
        super().initialize(**kwargs)

    async def prepare(self) -> None:
        from .api import IDENTITY_COOKIE, READER, ReaderView, read_identity

        await super().prepare()
        name = self.path_args[0] if self.path_args else self.notebook_path
        item = self.site.find(name)
        if item is None:
            raise tornado.web.HTTPError(404)
        self.item = item
        # The reader: a session this server signed (essaykit.comments.sessions), or a new one,
        # and their "approved before" token when they have earned it (essaykit.live.client).
        from .client import reader_of

        visitor = reader_of(self, self.api)
        self.fresh_reader = visitor.fresh
        READER.set(ReaderView(session=visitor.session, identity=read_identity(self.get_cookie(IDENTITY_COOKIE))))
        from ..mentions.handlers import advertise

        advertise(self)  # Link: rel="webmention" and X-Pingback

    async def get(self, path=None):
        from .api import READER

        entry = self.pages.page(self.item, base_url=self.base_url, render=self._render)
        reader = READER.get()
        body = "".join(part if isinstance(part, str) else self._hole(entry, part, reader) for part in entry.parts)
        if entry.live:
            # The page's script sends this token back when it asks for a kernel (and on closing). The
            # _xsrf cookie is HttpOnly, so the token comes in the page; the cached page is the same for all.
            token = html.escape(self.xsrf_token.decode("ascii"))
            # First thing in <head>: live-early.js, near the top, asks for the kernel with it at once.
            body = body.replace("<head>", f'<head>\n<meta name="essaykit-xsrf" content="{token}">', 1)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-cache")
        policy = (self.settings.get("headers") or {}).get("Content-Security-Policy")
        if policy and has_video(body):  # the players' frames, only where a video waits for a click
            self.set_header("Content-Security-Policy", allow_players(policy))
        self.finish(body)  # for HEAD, Tornado sends the headers (Content-Length included) and no body

    async def head(self, path=None):
        await self.get(path)

    def _live_page(self, item, holes=None):
        return live_page(item, holes, settings=self.settings, voila_configuration=self.voila_configuration)

    def _render(self, item, holes: dict) -> tuple[str, bool]:
        return render_page(item, holes, settings=self.settings, voila_configuration=self.voila_configuration)

    def _hole(self, entry, index: int, reader) -> str:
        """An own widget's markup: the cached one unless this reader has something of their own in it."""
        call = entry.item.widgets[index]
        slug = entry.item.slug
        personal = False
        try:
            if call.name == "CommentSection":
                personal = bool(reader.identity) or (not self.fresh_reader and bool(reader.session)
                                                     and bool(self.api.store.own_pending(slug, reader.session)))
            elif call.name == "Rating":
                personal = (not self.fresh_reader and bool(reader.session)
                            and self.api.store.rating_of(slug, reader.session) is not None)
        except Exception as exc:  # a broken database: the sections say so themselves
            log.warning("reader state for %r unavailable: %s", slug, exc)
        if not personal:
            return entry.holes[index]
        return str(self._live_page(entry.item).widget_html(call))


def _page_config(settings: dict, voila_configuration) -> dict:
    """What Voilà's front end reads from the page (extensions, URLs); the kernel id comes later."""
    base_url = settings.get("base_url", "/")
    cached = settings.get("essaykit_page_config")
    if cached is None or cached[0] != base_url:
        from voila.utils import get_page_config

        config = get_page_config(base_url=base_url, settings=settings, log=log,
                                 voila_configuration=voila_configuration)
        cached = settings["essaykit_page_config"] = (base_url, config)
    return cached[1]


def live_page(item, holes=None, *, settings: dict, voila_configuration):
    """The :class:`~essaykit.live.page.LivePage` of a published essay under ``essaykit serve``."""
    from .page import LivePage

    live = LivePage(name=item.path.stem, essay=item.essay, base_url=settings.get("base_url", "/"), holes=holes,
                    deferred=True, page_config=_page_config(settings, voila_configuration), mentions=True,
                    has_index=not settings.get("essaykit_single", False))
    live.__dict__["own_widgets"] = item.widgets
    return live


def render_page(item, holes: dict, *, settings: dict, voila_configuration) -> tuple[str, bool]:
    """An essay's page for a reader with no state of their own, as (html, has live code); ``holes`` gets
    the per-reader sections (essaykit.live.pagecache)."""
    from .api import READER, ReaderView

    live = live_page(item, holes, settings=settings, voila_configuration=voila_configuration)
    token = READER.set(ReaderView())
    try:
        html = _live_template().render(resources={"essaykit": live, "base_url": live.base_url},
                                       nb=item.essay.notebook, page_config={})
        return html, live.needs_kernel
    finally:
        READER.reset(token)


def prerender(pages, items, settings: dict, voila_configuration) -> int:
    """Render the pages of ``items`` into the page cache (at start-up, so the first reader waits for none)."""
    done = 0
    for item in items:
        try:
            pages.page(item, base_url=settings.get("base_url", "/"),
                       render=functools.partial(render_page, settings=settings,
                                                voila_configuration=voila_configuration))
            done += 1
        except Exception as exc:  # that essay is rendered on its first request instead, and says why there
            log.warning("could not render %s ahead of its first reader: %s", item.name, exc)
    return done


class LiveKernelHandler(tornado.web.RequestHandler):
    """``POST /essaykit/kernel`` (``essay=SLUG``, with the ``_xsrf`` token): a kernel for this reader's page.

    Answers ``{"kernel_id", "cells": {index: html}}`` once the essay's live cells have run, or 503
    ``{"busy": true, "message"}`` when every kernel slot is taken (``--max-kernels``). Without the
    token the answer is 403 and nothing starts, so a crawler, ``curl`` or an ``<img>`` costs nothing."""

    def initialize(self, site: EssaySite, api, pages) -> None:
        self.site = site
        self.api = api
        self.pages = pages

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")

    def write_error(self, status_code: int, **kwargs) -> None:
        from .kernels import BUSY

        message = {403: "this request lacks the page's token (_xsrf); reload the page",
                   404: "there is no such essay here", 405: "POST only"}.get(status_code, BUSY)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"busy": status_code >= 500, "message": message}))

    def busy(self, message: str) -> None:
        from .kernels import BUSY_RETRY_SECONDS

        self.set_status(503)
        self.set_header("Retry-After", str(BUSY_RETRY_SECONDS))
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"busy": True, "message": message}))

    async def post(self) -> None:
        from .kernels import BUSY, KernelsBusy
        from .page import LivePage

        self.check_xsrf_cookie()
        slug = self.get_argument("essay", "")
        item = self.site.by_slug(slug) if slug else None
        if item is None:
            raise tornado.web.HTTPError(404)
        item, _ = self.pages.current(item)
        live = LivePage(name=item.path.stem, essay=item.essay, base_url=self.settings.get("base_url", "/"))
        live.__dict__["own_widgets"] = item.widgets
        if not live.needs_kernel:
            self.set_status(409)
            self.finish({"busy": False, "message": "this essay has no live code; it needs no kernel"})
            return
        from .client import reader_of

        visitor = reader_of(self, self.api)
        session = visitor.session
        km = self.settings["kernel_manager"]
        kernelspec = (item.essay.notebook.get("metadata") or {}).get("kernelspec") or {}
        # The kernel posts comments and ratings for this reader: it is told who they are as the
        # server established it (session, address, proven email), never as the page says.
        env = {**os.environ, ENV_SLUG: item.slug, ENV_SESSION: session,
               ENV_CLIENT: visitor.address, ENV_KNOWN: visitor.known or ""}
        try:
            kernel_id = await km.start_for_reader(kernel_name=kernelspec.get("name") or "python3", env=env,
                                                  owner=session)
        except KernelsBusy:
            log.info("kernel cap reached (%d); %r is served without live code", km.max_kernels, item.slug)
            self.busy(BUSY)
            return
        except Exception as exc:  # no kernel: the reader still has the whole page
            log.error("could not start a kernel for %r: %s", item.slug, exc)
            self.busy(BUSY)
            return
        from .kernels import WidgetStates

        widgets = WidgetStates()
        try:
            outputs = await km.run_cells(kernel_id, live.kernel_cells(), widgets)
        except Exception as exc:
            log.error("kernel %s for %r failed while running the essay: %s", kernel_id, item.slug, exc)
            await km.reclaim(kernel_id, "it failed while running the essay")
            self.busy(BUSY)
            return
        finally:
            km.release(kernel_id)
        cells = {str(index): live.outputs_html(index, found) for index, found in outputs.items()}
        # The widgets' state too: the page draws standard controls itself at once (live-widgets.js).
        self.finish({"kernel_id": kernel_id, "cells": cells, "widgets": widgets.for_page()})


class KernelShutdownHandler(tornado.web.RequestHandler):
    """``POST /voila/api/shutdown/KERNEL_ID``: the page is closing; shut its kernel down.

    Sent as a beacon from the page with its ``_xsrf`` token; only the reader the kernel was started for
    may stop it. (Voilà's own beacon looks for the token in the cookie, which is HttpOnly: it is refused.)"""

    def post(self, kernel_id: str) -> None:
        from .api import READER_COOKIE

        km = self.settings["kernel_manager"]
        owner = km.owners.get(kernel_id)
        if owner is None:
            raise tornado.web.HTTPError(404)
        self.check_xsrf_cookie()
        # verify(), not resume(): a genuine cookie signed with the previous key (after a rotation) still counts.
        session = self.settings["essaykit_api"].sessions.verify(self.get_cookie(READER_COOKIE))
        if session is None or session != owner:
            raise tornado.web.HTTPError(403)
        asyncio.ensure_future(km.reclaim(kernel_id, "its page was closed"))
        self.set_status(204)
        self.finish()

    def write_error(self, status_code: int, **kwargs) -> None:
        self.finish()


def _reader_channels():
    from jupyter_server.services.kernels.websocket import KernelWebsocketHandler  # noqa: F401
    from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

    class ReaderWebsocketHandler(VoilaKernelWebsocketHandler):
        """Voilà's kernel websocket, for the reader the kernel was started for only."""

        async def pre_get(self):
            if not _is_owner(self, self.kernel_id):
                raise tornado.web.HTTPError(404)
            await super().pre_get()

    return ReaderWebsocketHandler


def _is_owner(handler, kernel_id: str) -> bool:
    """True when the request carries the signed session of the reader ``kernel_id`` was started for."""
    from .api import READER_COOKIE

    owner = handler.settings["kernel_manager"].owners.get(kernel_id)
    session = handler.settings["essaykit_api"].sessions.verify(handler.get_cookie(READER_COOKIE))
    return owner is not None and session is not None and session == owner


def _kernel_model():
    from jupyter_server.services.kernels.handlers import KernelHandler

    class KernelModelHandler(KernelHandler):
        """The kernel's model (Voilà's front end reads it), for its reader only; no DELETE, no restart."""

        SUPPORTED_METHODS = ("GET",)

        async def get(self, kernel_id: str):
            if not _is_owner(self, kernel_id):  # a warm kernel, someone else's, or none: all look alike
                raise tornado.web.HTTPError(404)
            return await super().get(kernel_id)

    return KernelModelHandler


@functools.cache
def _live_template():
    """The ``essay`` Voilà template, rendered here for essays that need no kernel (same file, same markup)."""
    from .. import html as vocab
    from ..html.paths import voila_template_dir

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

    head = get  # headers only: Tornado drops the body of a HEAD answer


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
        if path.suffix.lower() == ".svg":
            self.set_header("Content-Security-Policy", SVG_POLICY)
        self.finish(path.read_bytes())

    head = get


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
