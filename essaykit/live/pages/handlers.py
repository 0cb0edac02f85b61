"""The page routes of ``essaykit serve``: the essays, the index of a folder, their images.

- :class:`EssayPageHandler` answers a published essay's page from the page
  cache (:mod:`.cache`), with no kernel, and gives the reader a session.
- :class:`IndexHandler` lists the essays of a folder.
- :class:`AssetHandler` sends an image an essay shows, and nothing else.
- :class:`MastodonShareHandler` sends a reader who named their Mastodon server to its share page
  (the share form without JavaScript, :mod:`essaykit.html.share`).
- :class:`NotFoundHandler` answers everything else with 404.

The kernel a page's live code asks for has its routes in
:mod:`essaykit.live.app.kernel_routes`.
"""

from __future__ import annotations

import functools
import html
import logging

import jinja2
import tornado.web
from voila.paths import collect_template_paths
from voila.tornado.handler import TornadoVoilaHandler
from voila.utils import get_page_config

from ... import _cookies
from ... import html as vocab
from ..._web import SitePageHandler, render_site_page
from ...comments import timing
from ...html.share import MAX_SHARE_TEXT, SERVER_PROBLEM, mastodon_server, mastodon_url
from ...html.video import allow_players, has_video
from ...mentions.handlers import advertise
from ...names import ON_PARAM, REPLY_PARAM
from ..api.client import IDENTITY_COOKIE, READER, ReaderView, read_identity, reader_of
from ..api.service import current as current_api
from ..api.forms import message_page
from ...essay import CodeBlock
from ...errors import EssaykitError
from .libraries import allow_eval, uses_library
from .page import LivePage
from .site import ASSET_TYPES, SVG_POLICY, EssaySite

log = logging.getLogger("essaykit.live")


class EssayPageHandler(SitePageHandler, TornadoVoilaHandler):
    """An essay's page: from the page cache, with no kernel (see :mod:`.pagecache`).

    The page's own script asks :class:`LiveKernelHandler` for a kernel when the essay has live code;
    a GET never starts one, whoever sends it."""

    def initialize(self, site: EssaySite, api=None, pages=None, **kwargs) -> None:
        self.site = site
        self.api = api
        self.pages = pages
        super().initialize(**kwargs)

    async def prepare(self) -> None:
        await super().prepare()
        name = self.path_args[0] if self.path_args else self.notebook_path
        item = self.site.find(name)
        if item is None:
            raise tornado.web.HTTPError(404)
        self.item = item
        # The reader: a session this server signed (essaykit.comments.sessions), or a new one,
        # and their "approved before" token when they have earned it (essaykit.live.api.client).
        visitor = reader_of(self, self.api)
        self.fresh_reader = visitor.fresh
        # One leading slash: "//host/…" in a link would leave the site.
        READER.set(ReaderView(session=visitor.session, identity=read_identity(_cookies.read(self, IDENTITY_COOKIE)),
                              reply=self.get_query_argument(REPLY_PARAM, "").strip(),
                              on=self.get_query_argument(ON_PARAM, "").strip()[:120],
                              page="/" + self.request.path.lstrip("/"), signed=self._signed_in(visitor)))
        advertise(self)  # Link: rel="webmention" and X-Pingback

    def _signed_in(self, visitor):
        """Who the reader signed in as (a read, never a write), or None; a fresh browser is nobody yet."""
        if visitor.fresh:
            return None
        try:
            return self.api.store.signed_in(visitor.session)
        except EssaykitError as exc:  # a broken database: the page still shows, signed out
            log.warning("could not read the reader's sign-in: %s", exc)
            return None

    async def get(self, path=None):
        entry = self.pages.page(self.item, base_url=self.base_url, render=self._render)
        reader = READER.get()
        body = "".join(part if isinstance(part, str) else self._hole(entry, part, reader) for part in entry.parts)
        if timing.PLACEHOLDER in body:  # the comment form's load time: signed for this view (one HMAC)
            body = body.replace(timing.PLACEHOLDER, timing.mint(self.api.sessions, self.item.slug))
        if entry.live:
            # The page's script sends this token back when it asks for a kernel (and on closing). It is
            # bound to the reader's session, so only a page served to them has it; the cached page is the same for all.
            token = html.escape(self.api.sessions.xsrf_token(READER.get().session))
            # First thing in <head>: live-early.js, near the top, asks for the kernel with it at once.
            body = body.replace("<head>", f'<head>\n<meta name="essaykit-xsrf" content="{token}">', 1)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-cache")
        policy = (self.settings.get("headers") or {}).get("Content-Security-Policy")
        if policy and entry.live and uses_library(_code_of(entry.item)):
            policy = allow_eval(policy)  # that library's front end needs it (essaykit.live.pages.libraries)
            self.set_header("Content-Security-Policy", policy)
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
                personal = bool(reader.identity) or bool(reader.reply) or bool(reader.on) or bool(reader.signed) or (
                    not self.fresh_reader and bool(reader.session)
                    and bool(self.api.store.own_comments(slug, reader.session)))
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
        config = get_page_config(base_url=base_url, settings=settings, log=log,
                                 voila_configuration=voila_configuration)
        cached = settings["essaykit_page_config"] = (base_url, config)
    return cached[1]


def live_page(item, holes=None, *, settings: dict, voila_configuration):
    """The :class:`~.page.LivePage` of a published essay under ``essaykit serve``."""
    live = LivePage(name=item.path.stem, essay=item.essay, base_url=settings.get("base_url", "/"), holes=holes,
                    deferred=True, page_config=_page_config(settings, voila_configuration), mentions=True,
                    has_index=not settings.get("essaykit_single", False))
    live.__dict__["own_widgets"] = item.widgets
    return live


def _code_of(item) -> tuple[str, ...]:
    return tuple(b.source for b in item.essay.blocks if isinstance(b, CodeBlock))


def render_page(item, holes: dict, *, settings: dict, voila_configuration) -> tuple[str, bool]:
    """An essay's page for a reader with no state of their own, as (html, has live code); ``holes`` gets
    the per-reader sections (essaykit.live.pages.cache)."""
    live = live_page(item, holes, settings=settings, voila_configuration=voila_configuration)
    # Whether its code imports a widget library is found here, with the page (at start-up or when the essay
    # changes), not by the first reader's GET: the first look reads every installed distribution's names.
    uses_library(_code_of(item))
    token = READER.set(ReaderView())
    try:
        html = _live_template().render(resources={"essaykit": live.template_values(), "base_url": live.base_url},
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


@functools.cache
def _live_template() -> jinja2.Template:
    """The ``essay`` Voilà template, rendered here with no kernel (same file, same markup): found on Voilà's
    template path for it (the essay template, then the ``base`` it names: nbconvert's null.j2), in
    essaykit's environment (autoescaping on, so nothing unescaped slips through)."""
    paths = collect_template_paths(["voila", "nbconvert"], "essay", prune=True)
    return vocab.environment().overlay(loader=jinja2.FileSystemLoader(paths)).get_template("index.html.j2")


class IndexHandler(SitePageHandler):
    """The list of essays in the served folder, newest first."""

    def initialize(self, site: EssaySite, search=None) -> None:
        self.site, self.search = site, search

    def get(self) -> None:
        base = self.settings.get("base_url", "/")
        drafts = self.settings.get("essaykit_drafts", False)
        self.site.refresh()  # notebooks added, renamed or removed, drafts published: no restart needed
        items = sorted((i for i in self.site.essays.values() if drafts or not i.essay.meta.unpublished()),
                       key=lambda i: (i.essay.meta.date or "", i.essay.meta.title.casefold()), reverse=True)
        dated = [i for i in items if i.essay.meta.date] + [i for i in items if not i.essay.meta.date]
        if self.search is not None:
            self.search.update(dated)  # writes only when the essays changed
        api = current_api()
        self.finish(render_site_page("essays.html.j2", items=dated, base_url=base, search=self.search is not None,
                                     title=self.settings.get("essaykit_title", "Essays"),
                                     follow=bool(getattr(api, "mail_enabled", False))))

    head = get  # headers only: Tornado drops the body of a HEAD answer


class AssetHandler(SitePageHandler):
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


class MastodonShareHandler(SitePageHandler):
    """``GET …/essaykit/share/mastodon?server=S&text=T``: a page whose link leads to Mastodon's share page
    on the reader's server S; a name that is not a server gets the form's own message (400)."""

    def get(self) -> None:
        server = mastodon_server(self.get_query_argument("server", ""))
        if not server:
            self.set_status(400)
            self.finish(message_page(400, SERVER_PROBLEM))
            return
        text = self.get_query_argument("text", "")[:MAX_SHARE_TEXT]
        self.set_header("Cache-Control", "no-store")
        url = mastodon_url(server, text)
        self.finish(render_site_page("share-mastodon.html.j2", server=server, text=text, url=url))


class NotFoundHandler(SitePageHandler):
    def prepare(self) -> None:
        raise tornado.web.HTTPError(404)
