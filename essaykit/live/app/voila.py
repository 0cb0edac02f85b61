"""The Voilà application behind ``essaykit serve``: Voilà with essaykit's routes only.

Stock Voilà also serves a file browser, a contents API and any file its
allowlist matches under ``/voila/files``. This subclass replaces
:meth:`Voila.init_handlers` with an explicit list (read it below: that list is
everything the server answers, behind :class:`~.routing.EssayRoutes`'s Host
check) and sets the options essaykit depends on.
"""

from __future__ import annotations

import asyncio
import ipaddress
import tempfile
from urllib.parse import urlsplit

from jupyter_server.auth.identity import IdentityProvider, User
from jupyter_server.utils import url_path_join
from tornado.ioloop import IOLoop
from tornado.routing import AnyMatches, Rule
from traitlets import Any, Bool, Float, List, Unicode, default
from traitlets.config import Config
from voila.app import Voila

from ..._forwarded import SETTING as FORWARDED
from ..._kernel_ipc import socket_root
from ...comments.passages import PARAGRAPH_FORM_ROUTE
from ...comments.store import CommentStore
from ...html.share import MASTODON_ROUTE
from ...html.widget_bundle import bundle_dir
from ...mail.handlers import routes as mail_routes
from ...mail.links import PREFIX as MAIL_PREFIX
from ...mail.people_pages import PeopleLinkHandler
from ...mail.site import essay_links
from ...mail.worker import Sender, ServeWorker
from ...mentions.fetch import FetchPolicy
from ...mentions.handlers import routes as mention_routes
from ...mentions.receive import MentionService, Targets
from ..kernels import BUSY, HEADERS, EssayKernelManager, ReaderChannels
from ..pages.cache import PageCache
from ..pages.search import SearchFilesHandler, ServeSearch
from ..pages.libraries import EXTENSIONS, widget_extensions
from ..pages.handlers import (AssetHandler, EssayPageHandler, IndexHandler, MastodonShareHandler, NotFoundHandler,
                              prerender)
from ..api.follow import FollowHandler
from ..api.handlers import CommentsHandler, CountsHandler, PassageFormHandler, RatingsHandler, TimingHandler
from ..api.own import OwnCommentHandler, OwnListHandler
from ..api.people import PeopleHandler
from ..api.signin_oauth import IndieAuthHandler, OidcHandler
from ..api.signin import (EmailSignInHandler, SignInLinkHandler, SignInPageHandler, SignInStatusHandler,
                          SignOutHandler)
from ..pages.privacy import PrivacyHandler
from .assets import AssetFilesHandler, Compression
from .drain import CloseWhenDraining, Drain, TrackedApplication
from .health import DatabaseProbe, HealthHandler
from .kernel_routes import KernelModelHandler, KernelShutdownHandler, LiveKernelHandler, ReaderWebsocketHandler
from .routing import EssayRoutes, RefusedHost, WrongHostHandler

# Everything the page needs comes from this server; anything else is blocked
# by the browser, so a careless output cannot make the page fetch from a CDN.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' blob: data:",
    "style-src 'self' 'unsafe-inline' blob: data:",
    "img-src 'self' data: blob:",
    "media-src 'self' data: blob:",  # Video and Audio widgets play their own bytes (blob: URLs)
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self' blob: data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
])
_KERNEL_ID = r"(?P<kernel_id>\w+-\w+-\w+-\w+-\w+)"


def voila_config(*, template: str = "essay", kernel_names: list[str] | None = None, warm_kernels: int = 1,
                 max_kernels: int = 4, idle_seconds: float = 60, kernel_memory: int = 1024 ** 3,
                 **kernel_limits) -> Config:
    """The Voilà options ``essaykit serve`` runs with (also printed by bench/voila.py); ``kernel_limits``
    are more EssayKernelManager traits (``kernels_per_session=2``, ``kernel_lifetime=3600``, …)."""
    c = Config()
    c.VoilaConfiguration.template = template
    c.VoilaConfiguration.strip_sources = True
    # Tracebacks reach the template, which logs them and shows readers a short note.
    c.VoilaConfiguration.show_tracebacks = True
    c.VoilaConfiguration.http_header_envs = list(HEADERS)
    c.VoilaConfiguration.multi_kernel_manager_class = EssayKernelManager
    c.VoilaConfiguration.extension_allowlist = widget_extensions()
    c.VoilaConfiguration.allow_template_override = "NO"
    c.VoilaConfiguration.allow_theme_override = "NO"
    # A failing cell must not stop the cells after it (the comment section is last).
    c.VoilaExecutor.allow_errors = True
    # Jupyter's culler stays off: any message counts as activity for it, a kernel_info request a page (or
    # an attacker) sends by itself too. The reaper's rules count the reader's own use (essaykit.live.kernels.reaper).
    c.MappingKernelManager.cull_idle_timeout = 0
    c.EssayKernelManager.warm_kernels = warm_kernels
    c.EssayKernelManager.warm_kernel_names = list(kernel_names or ["python3"])
    # Tells the essay template that this server receives mentions (plain Voilà does not).
    c.VoilaConfiguration.resources = {"essaykit_mentions": True}
    c.EssayKernelManager.max_kernels = max_kernels
    c.EssayKernelManager.idle_seconds = idle_seconds
    c.EssayKernelManager.reap_interval = min(1.0, max(0.1, idle_seconds / 4))
    for name, value in kernel_limits.items():
        setattr(c.EssayKernelManager, name, value)
    c.EssayKernelManager.kernel_manager_class = "essaykit.live.kernels.LimitedKernelManager"
    c.LimitedKernelManager.memory_limit = kernel_memory
    # A kernel that dies (e.g. over its memory limit) stays dead; the reaper frees its slot.
    c.LimitedKernelManager.autorestart = False
    # Voilà's per-server folder of connection files, where the kernels' Unix sockets go too
    # (essaykit._kernel_ipc): somewhere shallow enough for a socket's path.
    c.Voila.connection_dir_root = socket_root()
    return c


class ReaderIdentity(IdentityProvider):
    """Every reader is the same anonymous Jupyter user, and no cookie says so.

    Jupyter's default identity gives each browser a random user kept in a
    ``username-<host>`` cookie for 30 days, with no SameSite. essaykit has no
    Jupyter users: readers are told apart by their signed ``essaykit_reader``
    session, which is what kernel ownership is checked against."""

    def get_user(self, handler) -> User:
        return User(username="reader", name="Reader", display_name="Reader")


class EssayVoila(Voila):
    """Voilà serving the essays of one :class:`~essaykit.live.pages.site.EssaySite`."""

    site = Any(help="The essaykit.live.pages.site.EssaySite to publish.")
    comment_api = Any(None, help="The essaykit.live.api.service.CommentApi behind /api/comments, /api/ratings, /api/counts.")
    site_title = Unicode("Essays", config=True, help="Title of the index page of a folder, e.g. 'Maren's reviews'.")
    show_drafts = Bool(False, config=True, help="List drafts and essays dated in the future on the index.")
    hostnames = List(Unicode(), ["localhost"], config=True,
                     help="Host names accepted in the Host header when bound to loopback.")
    allow_private_sources = Bool(False, config=True,
                                 help="Let the mention receiver fetch private and loopback addresses (tests, intranets).")
    mentions = Any(None, help="The essaykit.mentions.receive.MentionService of this server.")
    mail = Any(None, help="The essaykit.mail.config.MailConfig of this server (None: no mail, no mail links).")
    mail_interval = Float(5.0, config=True, help="Seconds between two drains of the mail outbox, e.g. 5.")
    trusted_proxies = Any(None, help="The essaykit._forwarded.TrustedProxies of --forwarded-allow-ips "
                                     "(None: X-Forwarded-For is ignored).")

    @default("config_file_paths")
    def _no_config_files(self):
        # voila.json/voila.py in the folder or Jupyter paths must not widen what is served.
        return []

    @default("identity_provider_class")
    def _reader_identity(self):
        return ReaderIdentity

    @default("open_browser")
    def _no_browser(self):
        return False

    def init_settings(self) -> dict:
        # Tornado signs cookies (Voilà's identity cookie) with cookie_secret: every replica behind a
        # balancer must use the same one, so it comes from the database, not os.urandom per process.
        if self.comment_api is not None:
            self.cookie_secret = self.comment_api.sessions.derived("tornado cookie_secret")
        settings = super().init_settings()
        try:
            loopback = ipaddress.ip_address(self.ip).is_loopback
        except ValueError:
            loopback = self.ip == "localhost"
        # Voilà turns the Host check off; on loopback it stops DNS-rebinding pages.
        settings["allow_remote_access"] = not loopback
        settings["local_hostnames"] = list(self.hostnames) + self._proxied_hostnames()
        settings["serve_traceback"] = False  # a 500 is a short page; the traceback goes to the log only
        # The page's script gets the token in the page (essaykit.live.pages.handlers), so no script needs the cookie.
        settings["xsrf_cookie_kwargs"] = {"httponly": True, "samesite": "Lax", "path": "/"}
        settings["headers"] = {
            "Content-Security-Policy": CONTENT_SECURITY_POLICY,
            # Full referrers stay on this server (its forms name their page); other sites get none.
            "Referrer-Policy": "same-origin",
            "X-Content-Type-Options": "nosniff",
        }
        settings["essaykit_title"] = self.site_title
        settings["essaykit_drafts"] = self.show_drafts
        settings["essaykit_single"] = self.site.single  # one notebook: its page is the index (no "All essays")
        # Voilà's front end is megabytes of JavaScript; gzip sends a quarter of it. Tornado flushes the
        # compressor on every flush, so the page still streams. (Tornado's Application takes ``transforms``
        # among its settings; Compression is its compress_response that honours ``gzip;q=0``.)
        settings["transforms"] = [Compression, CloseWhenDraining]
        # Pages may send their kernel widget messages only (essaykit.live.kernels.channels).
        settings["kernel_websocket_connection_class"] = ReaderChannels
        settings["essaykit_api"] = self.comment_api
        settings[FORWARDED] = self.trusted_proxies  # read by essaykit._forwarded.client_address
        return settings

    def _proxied_hostnames(self) -> list[str]:
        """The host names of the ``--allow-origin`` origins: behind a reverse proxy on this machine
        (docs/deploy.md) readers address the site by its public name, which a DNS-rebinding page cannot
        borrow without also being a listed origin."""
        listed = getattr(getattr(self.comment_api, "policy", None), "listed", ()) or ()
        return sorted({urlsplit(origin).hostname for origin in listed if urlsplit(origin).hostname})

    def start(self) -> None:
        """Voilà's start() with a :class:`~.drain.TrackedApplication` (Voilà's builds a plain
        ``tornado.web.Application`` and has no setting for its class; these four lines are the rest of it),
        and the background work (warm kernels, the reaper, mentions, mail, pre-rendering, the graceful
        SIGTERM of :mod:`.drain`) scheduled for when Voilà's own listen() runs the loop."""
        self.connection_dir = tempfile.mkdtemp(prefix="voila_", dir=self.connection_dir_root)
        self.app = TrackedApplication(**self.init_settings())
        self.app.settings.update(self.tornado_settings)
        self.app.add_handlers(".*$", self.init_handlers())
        IOLoop.current().add_callback(self._serving)
        self.listen()

    def _serving(self) -> None:
        """What runs once the server listens: everything besides answering requests."""
        loop = IOLoop.current()
        if getattr(self, "page_cache", None) is not None:
            loop.add_callback(self._prerender)
        if hasattr(self.kernel_manager, "fill"):
            loop.add_callback(self.kernel_manager.fill)
            loop.add_callback(self.kernel_manager.start_reaper)
        if self.mentions is not None:
            loop.add_callback(self.mentions.start)
        if self.mail is not None:
            self._start_mail()
        Drain(app=self.app, kernel_manager=self.kernel_manager, loop=loop, busy_note=BUSY, mentions=self.mentions,
              workers=lambda: [w for w in (getattr(self, "mail_worker", None),) if w is not None]).install()

    def _start_mail(self) -> None:
        """The outbox's sender (essaykit.mail.worker): a drain every few seconds, in a thread."""
        mail, api = self.mail, self.comment_api
        self.mail_worker = ServeWorker(lambda: Sender(api.store, mail, essays=essay_links(self.site, mail.public_url)),
                                       interval=self.mail_interval)
        self.mail_worker.start()

    async def _prerender(self) -> None:
        # Each essay's page is rendered once now, so the first reader does not wait for the imports
        # and template compiling of a first render; requests that arrive meanwhile go between essays.
        for item in list(self.site.essays.values()):
            prerender(self.page_cache, [item], self.app.settings, self.voila_configuration)
            await asyncio.sleep(0)

    def init_handlers(self) -> list:
        def at(pattern: str) -> str:
            return url_path_join(self.server_url, pattern)

        pages = PageCache(self.site, self.comment_api)
        self.page_cache = pages
        page = {
            "site": self.site,
            "pages": pages,
            "template_paths": self.template_paths,
            "config": self.config,
            "voila_configuration": self.voila_configuration,
            "api": self.comment_api,
        }
        api = {"api": self.comment_api}
        routes = [
            # For the load balancer: the database answers (200) or not (503); no kernel, no write.
            # Before the Host check: balancers probe by address or any name, and the answer tells nothing.
            (at(r"/healthz"), HealthHandler, {"probe": DatabaseProbe(self.comment_api)}),
            # The Host check on loopback, in front of every route below (essaykit.live.app.routing).
            Rule(RefusedHost(self.app.settings), WrongHostHandler),
            # Comments and ratings over HTTP, no kernel needed (essaykit.live.api).
            (at(r"/api/comments"), CommentsHandler, api),
            (at(r"/api/comments/timing"), TimingHandler, api),  # a static page's form load time
            (at(r"/api/comments/mine"), OwnListHandler, api),  # a reader's own, for a page's script
            (at("/" + PARAGRAPH_FORM_ROUTE), PassageFormHandler, api),  # a static page's form on a paragraph
            (at(r"/api/comments/([A-Za-z0-9][A-Za-z0-9._:-]{0,99})"), OwnCommentHandler, api),  # a reader's own
            (at(r"/api/ratings"), RatingsHandler, api),
            (at(r"/api/counts"), CountsHandler, api),
            (at(r"/api/follow"), FollowHandler, api),  # the Follow form (essaykit.live.api.follow)
            (at(r"/privacy"), PrivacyHandler, {"api": self.comment_api, "mail": self.mail}),  # what is stored
            (at(r"/api/people"), PeopleHandler, api),  # a reader's data by email link (essaykit.mail.people_links)
            # Signing in to comment, and out (essaykit.live.api.signin, .signin_oauth).
            (at(r"/signin"), SignInPageHandler, api),
            (at(r"/api/signin"), SignInStatusHandler, api),
            (at(r"/api/signin/email"), EmailSignInHandler, api),
            (at(r"/api/signout"), SignOutHandler, api),
            (at(r"/api/signin/oidc(?:/(callback))?"), OidcHandler, api),
            (at(r"/api/signin/indieauth(?:/(callback))?"), IndieAuthHandler, api),
            # A kernel for a page's live code, asked for by the page's script (never by a GET),
            # its websocket and model (its reader only), and shutting it down when the page closes.
            (at(r"/essaykit/kernel"), LiveKernelHandler, {"site": self.site, "api": self.comment_api, "pages": pages}),
            (at(rf"/api/kernels/{_KERNEL_ID}"), KernelModelHandler),
            (at(rf"/api/kernels/{_KERNEL_ID}/channels"), ReaderWebsocketHandler),
            (at(rf"/voila/api/shutdown/{_KERNEL_ID}"), KernelShutdownHandler),
            # Voilà's front end and the widget extensions it loads: compressed once, cached long.
            (at(r"/voila/static/(.*)"), AssetFilesHandler, {"roots": list(self.static_paths)}),
            (at(r"/voila/labextensions/(.*)"), AssetFilesHandler, {"roots": list(self.labextensions_path)}),
            # essaykit's widget bundle (ipywidgets' own manager; hashed names, so cached for a year).
            (at(r"/essaykit/widgets/(.*)"), AssetFilesHandler, {"roots": [str(bundle_dir())]}),
            # A reader's Mastodon server, named in an essay's share form without JavaScript (essaykit.html.share).
            (at(rf"/{MASTODON_ROUTE}"), MastodonShareHandler),
            # Images the essays show, and nothing else.
            (at(r"/voila/files/(.*)"), AssetHandler, {"site": self.site}),
            # Webmentions and pingbacks from other sites (essaykit.mentions.handlers).
            *self._mention_routes(at),
            # The signed links in notification emails: a confirm page, then a POST (essaykit.mail.handlers).
            *self._mail_routes(at),
        ]
        if self.site.single:
            (only,) = self.site.essays
            routes.append((at("/"), EssayPageHandler, {**page, "notebook_path": only}))
        else:
            # The static site's search, its index written for this folder (essaykit.live.pages.search).
            self.search = ServeSearch()
            routes.append((at("/"), IndexHandler, {"site": self.site, "search": self.search}))
            routes.append((at(r"/search/(.*)"), SearchFilesHandler, {"path": str(self.search.files)}))
            routes.append((at(r"/voila/render/([^/]+)"), EssayPageHandler, page))
        routes.append((at(r"/.*"), NotFoundHandler))
        # One rule for Voilà to add: every request goes through EssayRoutes (the proxy's scheme, then the list).
        return [Rule(AnyMatches(), EssayRoutes(self.app, routes))]

    def _mail_routes(self, at) -> list:
        public = self.mail.public_url if self.mail is not None else ""
        return mail_routes(self.comment_api, essay_links(self.site, public), at) + [
            (at(rf"/{MAIL_PREFIX}/people/([A-Za-z0-9_.-]{{1,200}})"), PeopleLinkHandler,
             {"api": self.comment_api, "essay": essay_links(self.site, public)}),
            (at(rf"/{MAIL_PREFIX}/signin/([A-Za-z0-9_.-]{{1,200}})"), SignInLinkHandler,
             {"api": self.comment_api, "essay": essay_links(self.site, public)})]

    def _mention_routes(self, at) -> list:
        root = self.site.root
        self.mentions = MentionService(Targets.from_site(self.site, self.base_url),
                                       open_store=lambda: CommentStore.open(essay_dir=root),
                                       policy=FetchPolicy(allow_private=self.allow_private_sources))
        return mention_routes(self.mentions, at)

