"""`essaykit serve` over real HTTP: what it answers, what it refuses, and what the kernel is told."""

from __future__ import annotations

import http.client
import re

import pytest

from helpers.cli import run_essaykit
from helpers.serve_essays import FIRST, PNG, SECRET_SOURCE


def request(server, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    """GET ``path`` exactly as written (no client-side normalising of ../ or %2e)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    try:
        conn.request("GET", path, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


@pytest.mark.parametrize("path", [
    "/voila/files/../../../../etc/passwd",
    "/voila/files/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/voila/files/..%2f..%2f..%2fetc%2fpasswd",
    "/voila/files/secret.txt",
    "/voila/files/unused.png",
    "/voila/files/spoilers.ipynb",
    "/voila/files/.essaykit/comments.sqlite",
    "/voila/files//etc/passwd",
    "/voila/files/poster.png/../secret.txt",
    "/voila/files/%00poster.png",
    "/.essaykit/comments.sqlite",
    "/secret.txt",
    "/spoilers.ipynb",
    "/../../etc/passwd",
    "/voila/static/../../../../../etc/passwd",
    "/voila/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/voila/labextensions/../../../../etc/passwd",
    "/voila/templates/essay/static/../../../../etc/passwd",
    "/voila/render/secret.txt",
    "/voila/render/scratch.ipynb",
    "/voila/render/../spoilers.ipynb",
    "/voila/render/nope.ipynb",
    "/voila/tree",
    "/voila/api/contents",
    "/voila/api/contents/spoilers.ipynb",
    "/api/contents",
    "/api/contents/spoilers.ipynb",
    "/api/kernels",
    "/api/sessions",
    "/api/kernelspecs",
    "/tree",
    "/lab",
    "/notebooks/spoilers.ipynb",
    "/edit/spoilers.ipynb",
    "/files/secret.txt",
    "/login",
    "/voila/api/themes/x",
    "/voila/query/00000000-0000-0000-0000-000000000000",
])
def test_everything_but_the_essays_is_not_found(site, path):
    status, _, body = request(site, path)
    assert status == 404, f"{path} must be refused with 404, got {status}"
    assert b"top secret" not in body and b"root:" not in body and b"SQLite format" not in body, \
        f"{path} leaked file content"
    assert b"Traceback" not in body, "error pages never show tracebacks"


def test_an_image_an_essay_shows_is_served(site):
    status, headers, body = request(site, "/voila/files/poster.png")
    assert status == 200 and body == PNG, "the poster the spoilers essay shows must be served"
    assert headers["content-type"] == "image/png"


def test_index_lists_the_essays_and_leaves_out_what_is_not_one(site):
    status, _, body = request(site, "/")
    page = body.decode()
    assert status == 200
    for title in ("Gated (HTTP)", "Broken", "Spoilers", "Environment"):
        assert title in page, f"the index should list {title!r}"
    assert "voila/render/spoilers.ipynb" in page, "index entries link to the live pages"
    assert "scratch" not in page, "a notebook that is not an essay is not listed"
    assert "Not serving" in site.output() or "not serving" in site.output(), "the author is told what was left out"


def test_page_shows_essay_text_without_code_and_headers_protect_it(site):
    status, headers, body = request(site, "/voila/render/spoilers.ipynb")
    page = body.decode()
    assert status == 200
    assert "Who did it?" in page and 'class="ek-spoiler"' in page, "markdown is rendered by essaykit with inline spoilers"
    assert 'data-ek-spoiler-block' in page and "The twist" in page, "tagged cells become a spoiler block with its label"
    assert SECRET_SOURCE not in page, "code sources must be stripped"
    assert 'src="/voila/files/poster.png"' in page, "local images point at the asset route"
    assert "https://" not in re.sub(r'https://example\.org[^"]*', "", page), "the page must load nothing remote"
    assert "default-src 'self'" in headers["content-security-policy"], "the browser is told to fetch only from us"
    assert "essaykit_reader=" in headers.get("set-cookie", ""), "each reader gets a session cookie"
    assert "httponly" in headers["set-cookie"].lower()


def read_until(resp, marker: bytes, limit: int = 5_000_000) -> bytes:
    got = b""
    while marker not in got:
        chunk = resp.read1(65536)
        if not chunk:
            raise AssertionError(f"response ended before {marker!r}; got {got[-500:]!r}")
        got += chunk
        assert len(got) < limit
    return got


def test_text_arrives_while_the_kernel_is_still_busy(site):
    gate = site.folder / "gate-http"
    gate.unlink(missing_ok=True)
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=120)
    try:
        conn.request("GET", "/voila/render/gated-http.ipynb")
        resp = conn.getresponse()
        first = read_until(resp, b"Text after the slow cell.")
        assert FIRST.encode() in first, "the first paragraph is in the first bytes"
        assert b"past the gate-http" not in first and b"</html>" not in first, \
            "the slow cell is still running: its output and the end of the page have not been sent"
        gate.touch()
        rest = first + resp.read()
    finally:
        conn.close()
        gate.touch()
    assert b"past the gate-http" in rest, "once the gate opens, the cell's output follows"
    assert rest.rstrip().endswith(b"</html>")


def test_a_raising_cell_becomes_a_note_and_the_log_keeps_the_details(site):
    status, _, body = request(site, "/voila/render/broken.ipynb")
    page = body.decode()
    assert status == 200
    assert "This part of the essay could not be shown." in page, "readers get a short, friendly note"
    for leak in ("kaboom", "Traceback", "RuntimeError", "explode", "show_tracebacks"):
        assert leak not in page, f"{leak!r} must never reach readers"
    assert "still running after the error" in page, "cells after the failing one still run"
    assert "After the broken cell." in page
    log = site.output()
    assert "kaboom secret detail" in log and "RuntimeError" in log, "the server log keeps the details"


def kernel_env(site, headers=None) -> tuple[dict, str]:
    status, resp_headers, body = request(site, "/voila/render/env.ipynb", headers)
    assert status == 200
    values = dict(re.findall(r"(ESSAYKIT_[A-Z]+)=\[([^\]]*)\]", body.decode()))
    cookie = re.search(r"essaykit_reader=([^;]+)", resp_headers.get("set-cookie", ""))
    return values, cookie.group(1) if cookie else ""


def test_kernel_gets_the_essay_slug_the_database_and_the_reader_session(site):
    values, cookie = kernel_env(site)
    assert values["ESSAYKIT_SLUG"] == "env-essay", "the kernel knows its essay"
    db = site.folder / ".essaykit" / "comments.sqlite"
    assert values["ESSAYKIT_DB"] == f"sqlite:///{db.resolve()}", "default database is in the essays' folder"
    session, issued, mac = cookie.split(".")
    assert values["ESSAYKIT_SESSION"] == session and len(session) >= 22, "the reader session is the signed cookie's id"
    assert len(mac) == 32, "the cookie carries the server's signature"


def test_reader_keeps_the_session_and_cannot_choose_one(site):
    first, cookie = kernel_env(site)
    again, reissued = kernel_env(site, {"Cookie": f"essaykit_reader={cookie}"})
    assert again["ESSAYKIT_SESSION"] == first["ESSAYKIT_SESSION"], "a returning reader keeps the same session"
    assert reissued == "", "a genuine session is not reissued"
    session, issued, mac = cookie.split(".")
    forged_mac = mac[:-1] + ("A" if mac[-1] != "A" else "B")
    tampered, _ = kernel_env(site, {"Cookie": f"essaykit_reader={session}.{issued}.{forged_mac}"})
    assert tampered["ESSAYKIT_SESSION"] != session, "a cookie with a wrong signature is replaced, not trusted"
    unsigned, _ = kernel_env(site, {"Cookie": "essaykit_reader=" + "a" * 24})
    assert unsigned["ESSAYKIT_SESSION"] != "a" * 24, "an id the server did not sign is not trusted"
    forged, _ = kernel_env(site, {"X-Essaykit-Reader": "forged-by-reader-0000000000", "X-Essaykit-Slug": "other"})
    assert forged["ESSAYKIT_SESSION"] != "forged-by-reader-0000000000", "request headers cannot set the session"
    assert forged["ESSAYKIT_SLUG"] == "env-essay", "request headers cannot set the slug"
    bad, _ = kernel_env(site, {"Cookie": "essaykit_reader=<script>"})
    assert bad["ESSAYKIT_SESSION"] != "<script>", "a malformed cookie is replaced, not trusted"


def test_single_notebook_serves_at_root_and_nothing_else(start_server, essay_dir):
    from helpers.cli import venv_bin

    server = start_server(lambda port: [venv_bin("essaykit"), "serve", essay_dir / "the-salt-road.ipynb",
                                        f"--port={port}"], ready_path="/voila/static/voila.js", cwd=essay_dir)
    status, _, body = request(server, "/")
    assert status == 200 and b"The Salt Road" in body and b"There is a shot about twenty minutes" in body
    for path in ("/the-salt-road.ipynb", "/a-quiet-second-feature.ipynb", "/voila/render/the-salt-road.ipynb",
                 "/voila/files/the-salt-road.ipynb", "/tree"):
        assert request(server, path)[0] == 404, f"{path} must be 404 when serving one notebook"


@pytest.mark.parametrize("args, message", [
    (["does-not-exist.ipynb"], "no such file or folder"),
    (["notes.txt"], "not a notebook"),
    (["bad.ipynb"], "essay.title"),
    (["empty"], "no essays to serve"),
])
def test_bad_paths_are_one_line_errors(tmp_path, args, message):
    (tmp_path / "notes.txt").write_text("hello")
    (tmp_path / "bad.ipynb").write_text('{"nbformat": 4, "nbformat_minor": 5, "metadata": {"essay": {}}, "cells": []}')
    (tmp_path / "empty").mkdir()
    result = run_essaykit("serve", *args, "--port=1", cwd=tmp_path, timeout=60)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("error: ")


def test_a_port_in_use_is_a_clear_error(tmp_path, essay_dir):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_essaykit("serve", essay_dir / "the-salt-road.ipynb", f"--port={port}", timeout=60)
    assert result.returncode == 2
    assert f"port {port}" in result.stderr and "already in use" in result.stderr, result.stderr


def wait_for_log(server, text: str, after: int = 0, timeout: float = 120) -> None:
    import time

    deadline = time.monotonic() + timeout
    while text not in server.output()[after:]:
        assert time.monotonic() < deadline, f"{text!r} never appeared in the server log"
        time.sleep(0.2)


def test_a_warm_kernel_gets_the_same_variables(site):
    mark = len(site.output())
    wait_for_log(site, "ready", after=0)  # at least one warm kernel has been started and imported
    # Take warm kernels until one is used for env.ipynb (others may be busy refilling).
    for _ in range(20):
        mark = len(site.output())
        values, cookie = kernel_env(site)
        if "page view uses warm kernel" in site.output()[mark:]:
            break
        wait_for_log(site, "ready", after=mark)
    else:
        pytest.fail("no page view used a warm kernel")
    assert values["ESSAYKIT_SLUG"] == "env-essay", "a warm kernel learns its essay before the first cell runs"
    assert values["ESSAYKIT_SESSION"] == cookie.split(".")[0], "the signed cookie's session id"
