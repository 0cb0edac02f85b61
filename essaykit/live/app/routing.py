"""How ``essaykit serve`` routes a request: the proxy's scheme first, then the Host check, then the routes.

:class:`EssayRoutes` is a Tornado :class:`~tornado.routing.RuleRouter` holding
every route of the server (Voilà's application routes to it as its one rule).
Before it looks a route up it takes the scheme a trusted proxy reports
(``--forwarded-allow-ips``, see :func:`essaykit._forwarded.forwarded_scheme`),
so cookies get ``Secure`` and the server's own origin is ``https://…`` behind
a proxy that ends TLS.

**The Host check.** A server on 127.0.0.1 is reachable from any web page the
reader's browser opens, through DNS rebinding: ``evil.example`` is made to
resolve to 127.0.0.1, and the page's requests then carry ``Host:
evil.example``. Jupyter's handlers refuse such requests, but its check runs
inside each Jupyter handler only; essaykit's own routes, static files and
assets are plain Tornado handlers. :class:`RefusedHost` is a rule near the
top of the list instead, so every route after it is covered and no route can
be added without it; only the routes listed before it (``/healthz``) answer
whatever the Host.
"""

from __future__ import annotations

import ipaddress
import logging
import re

import tornado.routing
import tornado.web

from ..._forwarded import forwarded_scheme

log = logging.getLogger("essaykit.live")
_PORT = re.compile(r":\d+$")


def host_allowed(host: str, hostnames) -> bool:
    """True when ``host`` (a Host header, port and IPv6 brackets allowed) is loopback or one of ``hostnames``."""
    name = _PORT.sub("", host.strip()) if not host.strip().endswith("]") else host.strip()
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return name.lower() in {h.lower() for h in hostnames}


class RefusedHost(tornado.routing.Matcher):
    """Matches a request addressed to a host this server does not answer to.

    Reads ``allow_remote_access`` and ``local_hostnames`` from the application's
    settings, as Jupyter's own check does."""

    def __init__(self, settings: dict):
        self.settings = settings

    def match(self, request) -> dict | None:
        if self.settings.get("allow_remote_access", False):
            return None
        if host_allowed(request.host or "", self.settings.get("local_hostnames", ["localhost"])):
            return None
        return {}


class WrongHostHandler(tornado.web.RequestHandler):
    """403 for a request addressed to a host this loopback server does not answer to."""

    def prepare(self) -> None:
        log.warning("refused a request for %s addressed to Host %r (not loopback, not --hostname)",
                    self.request.path[:200], self.request.host[:200])
        raise tornado.web.HTTPError(403)

    def write_error(self, status_code: int, **kwargs) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish("This server answers to localhost only.\n")


class EssayRoutes(tornado.routing.RuleRouter):
    """The routes of one ``essaykit serve``, in order, with the trusted proxy's scheme taken first.

    ``rules`` are what :class:`tornado.web.Application` takes (``(pattern, handler, kwargs)``
    tuples or :class:`~tornado.routing.Rule`); handler classes are served by ``app``."""

    def __init__(self, app: tornado.web.Application, rules: list):
        self.app = app
        super().__init__(rules)

    def find_handler(self, request, **kwargs):
        forwarded_scheme(request, self.app.settings)
        return super().find_handler(request, **kwargs)

    def get_target_delegate(self, target, request, **target_params):
        if isinstance(target, type) and issubclass(target, tornado.web.RequestHandler):
            return self.app.get_handler_delegate(request, target, **target_params)
        return super().get_target_delegate(target, request, **target_params)
