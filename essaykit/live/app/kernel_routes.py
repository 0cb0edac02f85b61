"""The routes of a page's kernel: started when the page's script asks, for its reader only.

- :class:`LiveKernelHandler` starts a kernel for a page's live code when the
  page's script asks (a POST with the ``_xsrf`` token), within the cap, and
  answers with the outputs of the essay's live cells.
- :class:`KernelModelHandler` and :class:`ReaderWebsocketHandler` are
  jupyter_server's kernel model and Voilà's kernel websocket, for the reader
  the kernel was started for only.
- :class:`KernelShutdownHandler` shuts a reader's kernel down when the page closes.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os

import tornado.web
from jupyter_server.services.kernels.handlers import KernelHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

from ..api.client import reader_of, session_of, xsrf_matches
from ...names import ENV_CLIENT, ENV_KNOWN, ENV_SESSION, ENV_SLUG
from ..kernels import BUSY, STOPPED, KernelMissing, KernelNoAnswer, KernelsBusy, Owner
from ..pages.page import LivePage
from ..pages.site import EssaySite

log = logging.getLogger("essaykit.live")


class SessionXsrf:
    """Tornado's ``_xsrf`` check, against the token bound to the reader's signed session
    (:meth:`essaykit.comments.sessions.Sessions.check_xsrf`) instead of a cookie anyone can pair with a field:
    a request without the reader's session, or with a token made up with a cookie, is refused (403)."""

    def check_xsrf_cookie(self) -> None:
        if not xsrf_matches(self, self.settings["essaykit_api"]):
            raise tornado.web.HTTPError(403)


class LiveKernelHandler(SessionXsrf, tornado.web.RequestHandler):
    """``POST /essaykit/kernel`` (``essay=SLUG``, with the ``_xsrf`` token): a kernel for this reader's page.

    Answers ``{"kernel_id", "cells": {index: html}}`` once the essay's live cells have run; 429
    ``{"busy": true, "message"}`` when this reader holds their share of kernels already (the message
    names the limit); 503 ``{"busy": true, "message", "position"}`` when every kernel slot is taken
    (``--max-kernels``) and the reader has a place in line (``position`` absent: no place), always
    with ``Retry-After`` (essaykit.live.kernels.shares). Without the token the answer is 403 and
    nothing starts, so a crawler, ``curl`` or an ``<img>`` costs nothing."""

    def initialize(self, site: EssaySite, api, pages) -> None:
        self.site = site
        self.api = api
        self.pages = pages

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")

    def write_error(self, status_code: int, **kwargs) -> None:
        message = {403: "this request lacks the page's token (_xsrf); reload the page",
                   404: "there is no such essay here", 405: "POST only"}.get(
            status_code, BUSY)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"busy": status_code >= 500, "message": message}))

    def busy(self, refused: KernelsBusy) -> None:
        self.set_status(refused.status)
        self.set_header("Retry-After", str(refused.retry_after))
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"busy": True, "message": refused.message, **refused.details}))

    def stopped(self) -> None:
        """The kernel died starting or running the essay: not "busy", and no Retry-After (a reload asks again)."""
        self.set_status(503)
        self.finish({"busy": False, "message": STOPPED})

    async def post(self) -> None:
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
        visitor = reader_of(self, self.api)
        session = visitor.session
        km = self.settings["kernel_manager"]
        kernelspec = (item.essay.notebook.get("metadata") or {}).get("kernelspec") or {}
        # The kernel posts comments and ratings for this reader: it is told who they are as the
        # server established it (session, address, proven email), never as the page says.
        env = {**os.environ, ENV_SLUG: item.slug, ENV_SESSION: session,
               ENV_CLIENT: visitor.address, ENV_KNOWN: visitor.known or ""}
        owner = Owner.of(session, visitor.address)
        for attempt in (1, 2):
            try:
                kernel_id = await km.start_for_reader(kernel_name=kernelspec.get("name") or "python3", env=env,
                                                      owner=owner)
            except KernelsBusy as exc:
                what = "a reader over their share" if exc.status == 429 else f"kernel cap reached ({km.max_kernels})"
                log.info("%s; %r is served without live code: %s", what, item.slug, exc.message)
                self.busy(exc)
                return
            except KernelMissing as exc:  # not busy: asking again will not help, so no Retry-After
                log.error("essay %r names a kernel that is not installed: %s", item.slug, exc)
                self.set_status(409)
                self.finish({"busy": False, "message": str(exc)})
                return
            except Exception as exc:  # it died starting: the reader still has the whole page, and the truth
                log.error("could not start a kernel for %r: %s", item.slug, exc)
                self.stopped()
                return
            try:
                run = await km.run_cells(kernel_id, live.kernel_cells())
                break
            except KernelNoAnswer as exc:  # that kernel is stuck; the next one is not (asked once more)
                log.warning("kernel %s for %r: %s; %s", kernel_id, item.slug, exc,
                            "starting a fresh one" if attempt == 1 else "giving up")
                await km.reclaim(kernel_id, "it did not answer")
                if attempt == 2:
                    self.stopped()
                    return
            except Exception as exc:
                log.error("kernel %s for %r failed while running the essay: %s", kernel_id, item.slug, exc)
                await km.reclaim(kernel_id, "it failed while running the essay")
                self.stopped()
                return
            finally:
                km.release(kernel_id)
        cells = {str(index): live.outputs_html(index, found) for index, found in run.outputs.items()}
        # The widgets' state too: the page's widget manager draws them at once, before it has talked
        # to the kernel; "bundle" says whether essaykit's bundle can (else the page loads Voilà's front end).
        self.finish({"kernel_id": kernel_id, "cells": cells, "widgets": run.for_page(),
                     "bundle": live.drawn_by_bundle(run.outputs, run.modules())})


class KernelShutdownHandler(SessionXsrf, tornado.web.RequestHandler):
    """``POST /voila/api/shutdown/KERNEL_ID``: the page is closing; shut its kernel down.

    Sent as a beacon from the page with its ``_xsrf`` token; only the reader the kernel was started for
    may stop it. (Voilà's own beacon looks for the token in the cookie, which is HttpOnly: it is refused.)"""

    def post(self, kernel_id: str) -> None:
        km = self.settings["kernel_manager"]
        owner = km.owners.get(kernel_id)
        if owner is None:
            raise tornado.web.HTTPError(404)
        self.check_xsrf_cookie()
        # verify(), not resume(): a genuine cookie signed with the previous key (after a rotation) still counts.
        session = session_of(self, self.settings["essaykit_api"])
        if session is None or session != owner.session:
            raise tornado.web.HTTPError(403)
        asyncio.ensure_future(km.reclaim(kernel_id, "its page was closed"))
        self.set_status(204)
        self.finish()

    def write_error(self, status_code: int, **kwargs) -> None:
        self.finish()


class ReaderWebsocketHandler(VoilaKernelWebsocketHandler):
    """Voilà's kernel websocket, for the reader the kernel was started for only."""

    async def pre_get(self):
        if not _is_owner(self, self.kernel_id):
            raise tornado.web.HTTPError(404)
        await super().pre_get()


def _is_owner(handler, kernel_id: str) -> bool:
    """True when the request carries the signed session of the reader ``kernel_id`` was started for."""
    owner = handler.settings["kernel_manager"].owners.get(kernel_id)
    session = session_of(handler, handler.settings["essaykit_api"])
    return owner is not None and session is not None and session == owner.session


class KernelModelHandler(KernelHandler):
    """The kernel's model (Voilà's front end reads it), for its reader only; no DELETE, no restart."""

    SUPPORTED_METHODS = ("GET",)

    async def get(self, kernel_id: str):
        if not _is_owner(self, kernel_id):  # a warm kernel, someone else's, or none: all look alike
            raise tornado.web.HTTPError(404)
        return await super().get(kernel_id)
