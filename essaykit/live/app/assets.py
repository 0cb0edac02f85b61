"""Voilà's front end and widget extensions, compressed once and cached by the browser.

Stock serving compresses each of some 90 JavaScript files on every page view
(about 160 ms of server CPU per view at gzip level 6) and marks them
``no-cache``. :class:`AssetFilesHandler` is Tornado's
:class:`~tornado.web.StaticFileHandler` (its path checks, ``ETag``, ``304``
and ``Range``) over several folders, which serves a gzip variant of each
compressible file written once (level 9) into a private temporary folder, the
way nginx's ``gzip_static`` serves ``.gz`` files, to clients whose
``Accept-Encoding`` takes gzip (``gzip;q=0`` is a no). Files whose names carry a
content hash (``remoteEntry.be18471a….js``) are cached for a year as
immutable; the others (Voilà's own ``voila.js`` and numbered chunks) for ten
minutes, then revalidated with the ETag. Anything outside the folders, hidden
or not a file is 404, so a probe learns nothing.

:class:`Compression` is Tornado's on-the-fly gzip for everything else (the
pages, which stream), with the same reading of ``Accept-Encoding``.
"""

from __future__ import annotations

import atexit
import gzip
import hashlib
import mimetypes
import os
import re
import shutil
import tempfile
import threading

import tornado.web

_HASHED = re.compile(r"[.-][0-9a-f]{16,}\.(?:js|css|woff2?|svg|json)$")
_COMPRESSIBLE = (".js", ".css", ".json", ".svg", ".html", ".txt", ".map")
_MIN_BYTES = 512  # smaller files gain nothing once the gzip header is paid for
LONG_SECONDS = 31536000
SHORT_SECONDS = 600
_CODING = re.compile(r"^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*$")


def accepts_gzip(header: str | None) -> bool:
    """Does an ``Accept-Encoding`` header take gzip? ``gzip;q=0`` and ``*;q=0`` (without gzip) say no."""
    weights: dict[str, float] = {}
    for part in (header or "").split(","):
        found = _CODING.match(part)
        if found is None:
            continue
        try:
            weight = float(found.group(2)) if found.group(2) is not None else 1.0
        except ValueError:
            continue
        weights[found.group(1).lower()] = weight
    for name in ("gzip", "x-gzip", "*"):
        if name in weights:
            return weights[name] > 0
    return False


class _Variants:
    """The gzip variants, in a temporary folder of this process (removed when it exits)."""

    def __init__(self):
        self._folder: str | None = None
        self._lock = threading.Lock()

    def folder(self) -> str:
        with self._lock:
            if self._folder is None:
                self._folder = tempfile.mkdtemp(prefix="essaykit-assets-")
                atexit.register(shutil.rmtree, self._folder, True)
            return self._folder

    def gzip_of(self, path: str) -> str:
        """The gzip variant of the file at ``path``, written when the file is new or has changed."""
        stat = os.stat(path)
        name = hashlib.sha256(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}".encode()).hexdigest()[:40] + ".gz"
        variant = os.path.join(self.folder(), name)
        if not os.path.exists(variant):
            with open(path, "rb") as raw:
                packed = gzip.compress(raw.read(), 9, mtime=0)
            # Written whole under a temporary name, then renamed: a concurrent request never sees half a file.
            fd, partial = tempfile.mkstemp(dir=self.folder())
            with os.fdopen(fd, "wb") as out:
                out.write(packed)
            os.replace(partial, variant)
        return variant


VARIANTS = _Variants()


class AssetFilesHandler(tornado.web.StaticFileHandler):
    """GET a file under one of ``roots``: precompressed, with an ETag and long-lived caching."""

    def initialize(self, roots: list[str]) -> None:
        super().initialize(path=tuple(os.path.abspath(r) for r in roots))
        self.encoded = False

    @classmethod
    def get_absolute_path(cls, root, path: str) -> str:
        """The file in the first of the roots (``root`` is their tuple) that has ``path``."""
        if not path or "\x00" in path or "\\" in path or any(p in ("", ".", "..") or p.startswith(".")
                                                             for p in path.split("/")):
            raise tornado.web.HTTPError(404)
        candidates = [os.path.abspath(os.path.join(r, path)) for r in root]
        return next((c for c in candidates if os.path.isfile(c)), candidates[0])

    def validate_absolute_path(self, root, absolute_path: str) -> str | None:
        home = next((r for r in root if absolute_path.startswith(r + os.sep)), None)
        if home is None:
            raise tornado.web.HTTPError(404)
        try:
            found = super().validate_absolute_path(home, absolute_path)
            if (found is not None and found.endswith(_COMPRESSIBLE) and os.path.getsize(found) > _MIN_BYTES
                    and accepts_gzip(self.request.headers.get("Accept-Encoding"))):
                self.encoded = True
                return super().validate_absolute_path(VARIANTS.folder(), VARIANTS.gzip_of(found))
            return found
        except tornado.web.HTTPError as refused:  # a directory, a link out of the folder: as if absent
            raise tornado.web.HTTPError(404) from refused

    def get_content_type(self) -> str:
        # Named after the file asked for, not the variant sent (Tornado would say application/gzip).
        kind = mimetypes.guess_type(self.path)[0] or "application/octet-stream"
        if kind in ("application/javascript", "text/javascript"):
            kind = "text/javascript; charset=utf-8"
        return kind

    def get_cache_time(self, path: str, modified, mime_type: str) -> int:
        return LONG_SECONDS if _HASHED.search(path) else SHORT_SECONDS

    def set_extra_headers(self, path: str) -> None:
        hashed = _HASHED.search(path)
        self.set_header("Cache-Control", f"public, max-age={LONG_SECONDS}, immutable" if hashed
                        else f"public, max-age={SHORT_SECONDS}")
        self.set_header("Vary", "Accept-Encoding")
        if self.encoded:
            self.set_header("Content-Encoding", "gzip")

    def write_error(self, status_code: int, **kwargs) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish("not found\n" if status_code == 404 else "error\n")


class Compression(tornado.web.GZipContentEncoding):
    """Tornado's gzip of answers (``compress_response``), which takes any ``gzip`` in ``Accept-Encoding``
    for a yes, even ``gzip;q=0``; here that is a no, and the answer goes uncompressed."""

    def __init__(self, request):
        super().__init__(request)
        self.refused = not accepts_gzip(request.headers.get("Accept-Encoding"))

    def transform_first_chunk(self, status_code, headers, chunk, finishing):
        if self.refused:
            if "Accept-Encoding" not in headers.get("Vary", ""):
                headers["Vary"] = ", ".join(v for v in (headers.get("Vary"), "Accept-Encoding") if v)
            return status_code, headers, chunk
        return super().transform_first_chunk(status_code, headers, chunk, finishing)

    def transform_chunk(self, chunk: bytes, finishing: bool) -> bytes:
        return chunk if self.refused else super().transform_chunk(chunk, finishing)
