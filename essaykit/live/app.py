"""The Voilà application behind ``essaykit serve``: Voilà with essaykit's routes only.

Stock Voilà also serves a file browser, a contents API and any file its
allowlist matches under ``/voila/files``. This subclass replaces
:meth:`Voila.init_handlers` with an explicit list (read it below: that list is
everything the server answers) and sets the options essaykit depends on.
"""

from __future__ import annotations

import ipaddress

from jupyter_server.utils import url_path_join
from traitlets import Any, Bool, List, Unicode, default
from traitlets.config import Config
from voila.app import Voila

from .handlers import AssetHandler, EssayPageHandler, IndexHandler, NotFoundHandler, not_found_instead
from .kernels import HEADERS, EssayKernelManager

# The front-end extensions an essay page loads: the widget manager (and the
# jupyterlab-manager bundle whose shared modules it uses) and anywidget.
# Everything else installed in JupyterLab is left out: fewer bytes, fewer requests.
EXTENSIONS = ["@voila-dashboards/widgets-manager8", "@jupyter-widgets/jupyterlab-manager", "anywidget"]

# Everything the page needs comes from this server; anything else is blocked
# by the browser, so a careless output cannot make the page fetch from a CDN.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob: data:",
    "style-src 'self' 'unsafe-inline' blob: data:",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self' blob: data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
])
_KERNEL_ID = r"(?P<kernel_id>\w+-\w+-\w+-\w+-\w+)"


def voila_config(*, template: str = "essay", idle_kernel_seconds: int = 900,
                 kernel_names: list[str] | None = None, warm_kernels: int = 1) -> Config:
    """The Voilà options ``essaykit serve`` runs with (also printed by bench/voila.py)."""
    c = Config()
    c.VoilaConfiguration.template = template
    c.VoilaConfiguration.strip_sources = True
    # Tracebacks reach the template, which logs them and shows readers a short note.
    c.VoilaConfiguration.show_tracebacks = True
    c.VoilaConfiguration.http_header_envs = list(HEADERS)
    c.VoilaConfiguration.multi_kernel_manager_class = EssayKernelManager
    c.VoilaConfiguration.extension_allowlist = list(EXTENSIONS)
    c.VoilaConfiguration.allow_template_override = "NO"
    c.VoilaConfiguration.allow_theme_override = "NO"
    # A failing cell must not stop the cells after it (the comment section is last).
    c.VoilaExecutor.allow_errors = True
    c.MappingKernelManager.cull_idle_timeout = idle_kernel_seconds
    c.MappingKernelManager.cull_interval = 60
    c.EssayKernelManager.warm_kernels = warm_kernels
    c.EssayKernelManager.warm_kernel_names = list(kernel_names or ["python3"])
    # Tells the essay template that this server receives mentions (plain Voilà does not).
    c.VoilaConfiguration.resources = {"essaykit_mentions": True}
    return c


class EssayVoila(Voila):
    """Voilà serving the essays of one :class:`~essaykit.live.site.EssaySite`."""

    site = Any(help="The essaykit.live.site.EssaySite to publish.")
    comment_api = Any(None, help="The essaykit.live.api.CommentApi behind /api/comments, /api/ratings, /api/counts.")
    site_title = Unicode("Essays", config=True, help="Title of the index page of a folder, e.g. 'Maren's reviews'.")
    show_drafts = Bool(False, config=True, help="List drafts and essays dated in the future on the index.")
    hostnames = List(Unicode(), ["localhost"], config=True,
                     help="Host names accepted in the Host header when bound to loopback.")
    allow_private_sources = Bool(False, config=True,
                                 help="Let the mention receiver fetch private and loopback addresses (tests, intranets).")
    mentions = Any(None, help="The essaykit.mentions.receive.MentionService of this server.")

    @default("config_file_paths")
    def _no_config_files(self):
        # voila.json/voila.py in the folder or Jupyter paths must not widen what is served.
        return []

    @default("open_browser")
    def _no_browser(self):
        return False

    def init_settings(self) -> dict:
        settings = super().init_settings()
        try:
            loopback = ipaddress.ip_address(self.ip).is_loopback
        except ValueError:
            loopback = self.ip == "localhost"
        # Voilà turns the Host check off; on loopback it stops DNS-rebinding pages.
        settings["allow_remote_access"] = not loopback
        settings["local_hostnames"] = list(self.hostnames)
        settings["headers"] = {
            "Content-Security-Policy": CONTENT_SECURITY_POLICY,
            # Full referrers stay on this server (its forms name their page); other sites get none.
            "Referrer-Policy": "same-origin",
            "X-Content-Type-Options": "nosniff",
        }
        settings["essaykit_title"] = self.site_title
        settings["essaykit_drafts"] = self.show_drafts
        # Voilà's front end is megabytes of JavaScript; gzip sends a quarter of it.
        # Tornado flushes the compressor on every flush, so the page still streams.
        settings["compress_response"] = True
        return settings

    def listen(self) -> None:
        # Voilà's listen() starts the event loop; warm kernels start once it runs.
        from tornado.ioloop import IOLoop

        if hasattr(self.kernel_manager, "fill"):
            IOLoop.current().add_callback(self.kernel_manager.fill)
        if self.mentions is not None:
            IOLoop.current().add_callback(self.mentions.start)
        super().listen()

    def init_handlers(self) -> list:
        from jupyter_server.base.handlers import FileFindHandler
        from jupyter_server.services.kernels.handlers import KernelHandler
        from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
        from voila.static_file_handler import MultiStaticFileHandler
        from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

        def at(pattern: str) -> str:
            return url_path_join(self.server_url, pattern)

        page = {
            "site": self.site,
            "template_paths": self.template_paths,
            "config": self.config,
            "voila_configuration": self.voila_configuration,
            "api": self.comment_api,
        }
        from .api_handlers import CommentsHandler, CountsHandler, RatingsHandler

        api = {"api": self.comment_api}
        handlers = [
            # Comments and ratings over HTTP, no kernel needed (essaykit.live.api).
            (at(r"/api/comments"), CommentsHandler, api),
            (at(r"/api/ratings"), RatingsHandler, api),
            (at(r"/api/counts"), CountsHandler, api),
            # The page's kernel: its websocket, its model, and shutting it down on unload.
            (at(rf"/api/kernels/{_KERNEL_ID}"), KernelHandler),
            (at(rf"/api/kernels/{_KERNEL_ID}/channels"), VoilaKernelWebsocketHandler),
            (at(r"/voila/api/shutdown/(.*)"), VoilaShutdownKernelHandler),
            # Voilà's front end and the widget extensions it loads.
            (at(r"/voila/static/(.*)"), not_found_instead(MultiStaticFileHandler), {"paths": self.static_paths}),
            (at(r"/voila/labextensions/(.*)"), not_found_instead(FileFindHandler),
             {"path": self.labextensions_path, "no_cache_paths": ["/"]}),
            # Images the essays show, and nothing else.
            (at(r"/voila/files/(.*)"), AssetHandler, {"site": self.site}),
            # Webmentions and pingbacks from other sites (essaykit.mentions.handlers).
            *self._mention_routes(at),
        ]
        if self.site.single:
            (only,) = self.site.essays
            handlers.append((at("/"), EssayPageHandler, {**page, "notebook_path": only}))
        else:
            handlers.append((at("/"), IndexHandler, {"site": self.site}))
            handlers.append((at(r"/voila/render/([^/]+)"), EssayPageHandler, page))
        handlers.append((at(r"/.*"), NotFoundHandler))
        return handlers

    def _mention_routes(self, at) -> list:
        from ..comments.store import CommentStore
        from ..mentions.fetch import FetchPolicy
        from ..mentions.handlers import routes
        from ..mentions.receive import MentionService, Targets

        root = self.site.root
        self.mentions = MentionService(Targets.from_site(self.site, self.base_url),
                                       open_store=lambda: CommentStore.open(essay_dir=root),
                                       policy=FetchPolicy(allow_private=self.allow_private_sources))
        return routes(self.mentions, at)
