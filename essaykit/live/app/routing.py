"""The ``Host`` check on loopback, for every route: pages, files, assets, the APIs and websockets.

A server on 127.0.0.1 is reachable from any web page the reader's browser
opens, through DNS rebinding: ``evil.example`` is made to resolve to
127.0.0.1, and the page's requests then carry ``Host: evil.example``.
Jupyter's handlers refuse such requests, but its check runs inside each
Jupyter handler only; essaykit's own routes, static files and assets are
plain Tornado handlers. :func:`guard` puts the check in front of routing
instead, so no route can be added without it.
"""

from __future__ import annotations

import ipaddress
import logging
import re

import tornado.web

log = logging.getLogger("essaykit.live")
_PORT = re.compile(r":\d+$")
#: Settings key: exact paths answered whatever the Host (essaykit.live.health's /healthz).
ANY_HOST = "essaykit_any_host_paths"


def host_allowed(host: str, hostnames) -> bool:
    """True when ``host`` (a Host header, port and IPv6 brackets allowed) is loopback or one of ``hostnames``."""
    name = _PORT.sub("", host.strip()) if not host.strip().endswith("]") else host.strip()
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return name.lower() in {h.lower() for h in hostnames}


class WrongHostHandler(tornado.web.RequestHandler):
    """403 for a request addressed to a host this loopback server does not answer to."""

    def prepare(self) -> None:
        log.warning("refused a request for %s addressed to Host %r (not loopback, not --hostname)",
                    self.request.path[:200], self.request.host[:200])
        raise tornado.web.HTTPError(403)

    def write_error(self, status_code: int, **kwargs) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish("This server answers to localhost only.\n")


def guard(app: tornado.web.Application) -> None:
    """Make ``app`` answer 403 to every request whose Host is not allowed, before any route is looked up.

    Reads ``allow_remote_access`` and ``local_hostnames`` from the app's settings, as Jupyter's own check does.
    """
    route = app.find_handler

    def find_handler(request, **kwargs):
        settings = app.settings
        if request.path in settings.get(ANY_HOST, ()):
            return route(request, **kwargs)  # /healthz: balancers probe by any name; it tells nothing
        if not settings.get("allow_remote_access", False) and not host_allowed(
                request.host or "", settings.get("local_hostnames", ["localhost"])):
            return app.get_handler_delegate(request, WrongHostHandler)
        return route(request, **kwargs)

    app.find_handler = find_handler
