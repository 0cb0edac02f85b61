"""essaykit.live.app.assets: Voilà's front end precompressed once, and Accept-Encoding read with its q-values.

A real Tornado server on loopback serves two folders the way ``essaykit serve`` serves
``/voila/static/``; requests go through ``http.client``, which never decompresses, so each
test sees exactly the bytes and headers the server sent.
"""

from __future__ import annotations

import asyncio
import gzip
import http.client
import threading

import pytest
import tornado.web
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from essaykit.live.app.assets import AssetFilesHandler, Compression, accepts_gzip

SCRIPT = "console.log('essaykit');\n" * 200  # well over the size worth compressing
HASHED = "remoteEntry.be18471a2c9e4f0d7a6b.js"


class Page(tornado.web.RequestHandler):
    """A page as the live routes write it: text, compressed on the fly (or not) by Compression."""

    def get(self) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish("<p>an essay</p>\n" * 200)


@pytest.fixture
def site(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    (first / "sub").mkdir(parents=True)
    second.mkdir()
    (first / "voila.js").write_text(SCRIPT)
    (second / "only-here.js").write_text(SCRIPT.replace("essaykit", "second"))
    (second / HASHED).write_text(SCRIPT)
    (first / ".hidden.js").write_text(SCRIPT)
    (tmp_path / "secret.txt").write_text("not for readers\n" * 100)
    app = tornado.web.Application([
        (r"/voila/static/(.*)", AssetFilesHandler, {"roots": [str(first), str(second)]}),
        (r"/page", Page),
    ], transforms=[Compression])
    sockets = bind_sockets(0, "127.0.0.1")
    port = sockets[0].getsockname()[1]
    ready = threading.Event()
    state = {}

    def serve() -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        server = HTTPServer(app)
        server.add_sockets(sockets)
        state["loop"], state["server"] = loop, server
        ready.set()
        loop.run_forever()
        server.stop()
        loop.run_until_complete(server.close_all_connections())
        loop.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert ready.wait(10), "the test server did not start"
    yield port
    state["loop"].call_soon_threadsafe(state["loop"].stop)
    thread.join(10)


def fetch(port: int, path: str, **headers) -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers={k.replace("_", "-"): v for k, v in headers.items()})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


@pytest.mark.parametrize("header, expected", [
    ("gzip", True),
    ("gzip, deflate, br", True),
    ("deflate, gzip;q=0.5", True),
    ("GZIP", True),
    ("x-gzip", True),
    ("*", True),
    ("gzip;q=0", False),
    ("gzip; q=0.0", False),
    ("gzip;q=0, *;q=1", False),
    ("*;q=0", False),
    ("identity", False),
    ("deflate, br", False),
    ("", False),
    (None, False),
    ("gzip;q=nonsense", False),
])
def test_accept_encoding_is_read_with_its_q_values(header, expected):
    assert accepts_gzip(header) is expected, f"Accept-Encoding: {header!r}"


def test_a_client_that_takes_gzip_gets_the_precompressed_file_with_an_etag(site):
    status, headers, body = fetch(site, "/voila/static/voila.js", Accept_Encoding="gzip, deflate")
    assert status == 200
    assert headers.get("content-encoding") == "gzip"
    assert gzip.decompress(body).decode() == SCRIPT, "the variant is the file, compressed"
    assert headers["content-length"] == str(len(body))
    assert headers["content-type"] == "text/javascript; charset=utf-8", "named after the file, not the variant"
    assert "Accept-Encoding" in headers["vary"]
    assert headers["cache-control"] == "public, max-age=600", "an unhashed name is revalidated after ten minutes"
    again = fetch(site, "/voila/static/voila.js", Accept_Encoding="gzip", If_None_Match=headers["etag"])
    assert again[0] == 304 and again[2] == b"", "a matching ETag gets 304 and no body"


def test_gzip_q0_gets_the_file_uncompressed(site):
    status, headers, body = fetch(site, "/voila/static/voila.js", Accept_Encoding="gzip;q=0, identity")
    assert status == 200
    assert "content-encoding" not in headers, "gzip;q=0 means no gzip, neither precompressed nor on the fly"
    assert body.decode() == SCRIPT
    plain_etag = headers["etag"]
    packed = fetch(site, "/voila/static/voila.js", Accept_Encoding="gzip")[1]
    assert packed["etag"] != plain_etag, "the two encodings are two representations, with two ETags"


def test_pages_are_compressed_on_the_fly_only_when_gzip_is_taken(site):
    status, headers, body = fetch(site, "/page", Accept_Encoding="gzip")
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert gzip.decompress(body).startswith(b"<p>an essay</p>")
    status, headers, body = fetch(site, "/page", Accept_Encoding="gzip;q=0")
    assert status == 200 and "content-encoding" not in headers, "Tornado's own gzip would ignore q=0"
    assert body.startswith(b"<p>an essay</p>") and "Accept-Encoding" in headers["vary"]


def test_files_are_found_in_every_folder_and_hashed_names_are_immutable(site):
    status, headers, body = fetch(site, "/voila/static/only-here.js")
    assert status == 200 and "second" in body.decode(), "the second folder is searched too"
    status, headers, _ = fetch(site, f"/voila/static/{HASHED}", Accept_Encoding="gzip")
    assert status == 200
    assert headers["cache-control"] == "public, max-age=31536000, immutable", "a content hash in the name never changes"


@pytest.mark.parametrize("path", [
    "/voila/static/../secret.txt",
    "/voila/static/%2e%2e/secret.txt",
    "/voila/static/sub/..%2f..%2fsecret.txt",
    "/voila/static/.hidden.js",
    "/voila/static/sub",
    "/voila/static/sub/",
    "/voila/static/",
    "/voila/static/missing.js",
    "/voila/static/voila.js%00.png",
])
def test_anything_but_a_file_in_the_folders_is_404(site, path):
    status, headers, body = fetch(site, path, Accept_Encoding="gzip")
    assert status == 404, f"{path} must look like a missing file, not {status}"
    assert b"not for readers" not in body
