"""Voilà's front end and widget extensions, compressed once and cached by the browser.

Stock serving compresses each of some 90 JavaScript files on every page view
(about 160 ms of server CPU per view at gzip level 6) and marks them
``no-cache``. :class:`AssetFilesHandler` reads a file once, keeps it and its
gzip form (level 9) in memory until the file changes, and answers with an
``ETag``. Files whose names carry a content hash (``remoteEntry.be18471a….js``)
are cached for a year as immutable; the others (Voilà's own ``voila.js`` and
numbered chunks) for ten minutes, then revalidated with the ETag (a 304).
Paths are resolved inside the configured folders only; anything else is 404.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import re
import threading
from pathlib import Path

import tornado.web

_HASHED = re.compile(r"[.-][0-9a-f]{16,}\.(?:js|css|woff2?|svg|json)$")
_COMPRESSIBLE = (".js", ".css", ".json", ".svg", ".html", ".txt", ".map")
_CACHE: dict = {}
_LOCK = threading.Lock()
LONG = "public, max-age=31536000, immutable"
SHORT = "public, max-age=600"


def _find(roots: list[str], name: str) -> Path | None:
    if not name or "\x00" in name or "\\" in name:
        return None
    parts = name.split("/")
    if any(p in ("", ".", "..") or p.startswith(".") for p in parts):
        return None
    for root in roots:
        base = Path(root).resolve()
        path = (base / name).resolve()
        if path.is_relative_to(base) and path.is_file():
            return path
    return None


def load(path: Path) -> tuple:
    """(raw, gzipped or None, etag, content type) for ``path``, read and compressed once per change."""
    stat = path.stat()
    mark = (stat.st_mtime_ns, stat.st_size)
    hit = _CACHE.get(path)
    if hit is not None and hit[0] == mark:
        return hit[1]
    raw = path.read_bytes()
    packed = gzip.compress(raw, 9, mtime=0) if path.suffix in _COMPRESSIBLE and len(raw) > 512 else None
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if kind in ("application/javascript", "text/javascript"):
        kind = "text/javascript; charset=utf-8"
    etag = '"' + hashlib.sha256(raw).hexdigest()[:32] + '"'
    value = (raw, packed, etag, kind)
    with _LOCK:
        _CACHE[path] = (mark, value)
    return value


class AssetFilesHandler(tornado.web.RequestHandler):
    """GET a file under one of ``roots``: precompressed, with an ETag and long-lived caching."""

    SUPPORTED_METHODS = ("GET", "HEAD")

    def initialize(self, roots: list[str]) -> None:
        self.roots = [str(r) for r in roots]

    def write_error(self, status_code: int, **kwargs) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish("not found\n" if status_code == 404 else "error\n")

    def get(self, name: str, include_body: bool = True) -> None:
        path = _find(self.roots, name)
        if path is None:
            raise tornado.web.HTTPError(404)
        raw, packed, etag, kind = load(path)
        self.set_header("Content-Type", kind)
        self.set_header("ETag", etag)
        self.set_header("Cache-Control", LONG if _HASHED.search(path.name) else SHORT)
        self.set_header("Vary", "Accept-Encoding")
        if etag in [t.strip().removeprefix("W/") for t in self.request.headers.get("If-None-Match", "").split(",")]:
            self.set_status(304)
            self.finish()
            return
        body = raw
        if packed is not None and "gzip" in self.request.headers.get("Accept-Encoding", ""):
            self.set_header("Content-Encoding", "gzip")
            body = packed
        if include_body:
            self.finish(body)
        else:
            self.set_header("Content-Length", str(len(body)))
            self.finish()

    def head(self, name: str) -> None:
        self.get(name, include_body=False)
