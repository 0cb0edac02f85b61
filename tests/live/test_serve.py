"""`essaykit serve` over real HTTP: what it answers, what it refuses, and what the kernel is told."""

from __future__ import annotations

import http.client
import re

import pytest

from helpers.cli import run_essaykit
from helpers.live_client import fetch, page_token
from helpers.serve_essays import FIRST, PNG, SECRET_SOURCE

# The tests start essaykit serve: a server with kernels, or one that must refuse to start.
pytestmark = pytest.mark.slow


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


def start_live(server, page: str, slug: str, cookies: dict | None = None, headers: dict | None = None):
    """What a live page's script does: GET the page, then POST for a kernel with the xsrf token.
    Returns (page html, kernel answer, cookies)."""
    import json
    from urllib.parse import quote

    status, _, html, jar = fetch(server, "GET", page, cookies=cookies, headers=headers)
    assert status == 200
    status, _, answer, jar = fetch(server, "POST", "/essaykit/kernel", cookies=jar, headers=headers,
                                   body=f"essay={quote(slug)}&_xsrf={quote(page_token(html))}")
    assert status == 200, answer
    return html.decode(), json.loads(answer), jar


def test_page_shows_essay_text_without_code_and_headers_protect_it(site):
    status, pairs, body, jar = fetch(site, "GET", "/voila/render/spoilers.ipynb")
    headers = dict(pairs)
    page = body.decode()
    assert status == 200
    assert "Who did it?" in page and 'class="ek-spoiler"' in page, "markdown is rendered by essaykit with inline spoilers"
    assert 'data-ek-spoiler-block' in page and "The twist" in page, "tagged cells become a spoiler block with its label"
    assert SECRET_SOURCE not in page, "code sources must be stripped"
    assert 'src="/voila/files/poster.png"' in page, "local images point at the asset route"
    assert '<a href="/">All essays</a>' in page, "a folder's essay pages link back to its index"
    # Names are not loads: the essay's own address and its JSON-LD vocabulary (schema.org) are left out.
    assert "https://" not in re.sub(r'https://(example\.org|schema\.org)[^"]*', "", page), \
        "the page must load nothing remote"
    assert "default-src 'self'" in headers["content-security-policy"], "the browser is told to fetch only from us"
    cookies = [v for k, v in pairs if k == "set-cookie"]
    reader = [c for c in cookies if c.startswith("essaykit_reader=")]
    assert reader, "each reader gets a session cookie"
    assert "httponly" in reader[0].lower()


def test_text_and_saved_outputs_arrive_at_once_with_no_kernel(site):
    gate = site.folder / "gate-http"
    gate.unlink(missing_ok=True)
    status, _, body, _ = fetch(site, "GET", "/voila/render/gated-http.ipynb")
    page = body.decode()
    assert status == 200 and page.rstrip().endswith("</html>"), "the whole page comes at once"
    assert FIRST in page and "Text after the slow cell." in page
    assert "past the gate-http" not in page, "no cell ran for a page view"
    assert 'id="ek-live-config"' in page, "the page's script asks for a kernel itself"


def test_the_kernel_post_runs_the_live_cells_and_waits_for_slow_ones(site):
    import threading

    gate = site.folder / "gate-http"
    gate.unlink(missing_ok=True)
    found = {}
    worker = threading.Thread(target=lambda: found.update(
        answer=start_live(site, "/voila/render/gated-http.ipynb", "gated-http")[1]))
    worker.start()
    worker.join(timeout=3)
    assert worker.is_alive(), "the cell waits for its gate, so the answer does too"
    gate.touch()
    worker.join(timeout=120)
    cells = found["answer"]["cells"]
    assert any("past the gate-http" in html for html in cells.values()), cells
    assert found["answer"]["kernel_id"]


def test_a_raising_cell_becomes_a_note_and_the_log_keeps_the_details(site):
    _, answer, _ = start_live(site, "/voila/render/broken.ipynb", "broken")
    page = " ".join(answer["cells"].values())
    assert "This part of the essay could not be shown." in page, "readers get a short, friendly note"
    for leak in ("kaboom", "Traceback", "RuntimeError", "explode", "show_tracebacks"):
        assert leak not in page, f"{leak!r} must never reach readers"
    assert "still running after the error" in page, "cells after the failing one still run"
    log = site.output()
    assert "kaboom secret detail" in log and "RuntimeError" in log, "the server log keeps the details"


def kernel_env(site, headers=None, cookies=None) -> tuple[dict, str]:
    _, answer, jar = start_live(site, "/voila/render/env.ipynb", "env-essay", cookies=cookies, headers=headers)
    values = dict(re.findall(r"(ESSAYKIT_[A-Z]+)=\[([^\]]*)\]", " ".join(answer["cells"].values())))
    return values, jar.get("essaykit_reader", "")


def _session_of(site, cookie: str) -> str | None:
    """The session id the server signed into ``cookie``, read with the database's own keys."""
    from essaykit.comments.sessions import Sessions
    from essaykit.comments.store import CommentStore

    store = CommentStore.open(f"sqlite:///{(site.folder / '.essaykit' / 'comments.sqlite').resolve()}")
    return Sessions.for_store(store).verify(cookie)


def test_kernel_gets_the_essay_slug_the_database_and_the_reader_session(site):
    values, cookie = kernel_env(site)
    assert values["ESSAYKIT_SLUG"] == "env-essay", "the kernel knows its essay"
    db = site.folder / ".essaykit" / "comments.sqlite"
    assert values["ESSAYKIT_DB"] == f"sqlite:///{db.resolve()}", "default database is in the essays' folder"
    session = _session_of(site, cookie)
    assert session is not None, "the cookie carries the server's signature"
    assert values["ESSAYKIT_SESSION"] == session and len(session) >= 22, "the reader session is the signed cookie's id"


def test_reader_keeps_the_session_and_cannot_choose_one(site):
    first, cookie = kernel_env(site)
    again, kept = kernel_env(site, cookies={"essaykit_reader": cookie})
    assert again["ESSAYKIT_SESSION"] == first["ESSAYKIT_SESSION"], "a returning reader keeps the same session"
    assert kept == cookie, "a genuine session is not reissued"
    session, issued, mac = cookie.split(".")
    forged_mac = mac[:-1] + ("A" if mac[-1] != "A" else "B")
    tampered, _ = kernel_env(site, cookies={"essaykit_reader": f"{session}.{issued}.{forged_mac}"})
    assert tampered["ESSAYKIT_SESSION"] != session, "a cookie with a wrong signature is replaced, not trusted"
    unsigned, _ = kernel_env(site, cookies={"essaykit_reader": "a" * 24})
    assert unsigned["ESSAYKIT_SESSION"] != "a" * 24, "an id the server did not sign is not trusted"
    forged, _ = kernel_env(site, {"X-Essaykit-Reader": "forged-by-reader-0000000000", "X-Essaykit-Slug": "other"})
    assert forged["ESSAYKIT_SESSION"] != "forged-by-reader-0000000000", "request headers cannot set the session"
    assert forged["ESSAYKIT_SLUG"] == "env-essay", "request headers cannot set the slug"
    bad, _ = kernel_env(site, cookies={"essaykit_reader": "<script>"})
    assert bad["ESSAYKIT_SESSION"] != "<script>", "a malformed cookie is replaced, not trusted"


def test_kernel_gets_the_address_the_server_saw_and_no_unproven_email(site):
    from essaykit.comments.trust import KNOWN_COOKIE, mint_known

    values, _ = kernel_env(site, headers={"X-Forwarded-For": "203.0.113.9"},
                           cookies={KNOWN_COOKIE: mint_known(b"a key this server never had!", "ada@example.org")})
    assert values["ESSAYKIT_CLIENT"] == "127.0.0.1", \
        "without --forwarded-allow-ips the header is ignored: the kernel limits the real peer"
    assert values["ESSAYKIT_KNOWN"] == "", "a token the server did not sign proves no email to the kernel"


def test_single_notebook_serves_at_root_and_nothing_else(essaykit_server, essay_dir):
    server = essaykit_server(essay_dir / "the-salt-road.ipynb")
    status, _, body = request(server, "/")
    assert status == 200 and b"The Salt Road" in body and b"There is a shot about twenty minutes" in body
    assert b"All essays" not in body, "with one essay the page is the index: a link to it would lead back here"
    assert b'class="ek-site-header"' in body and b"data-ek-theme-toggle" in body, "the bar and toggle stay"
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


@pytest.mark.parametrize("db", [
    "postgresql+psycopg://nobody@127.0.0.1:1/essays",  # nothing listens on port 1
    "notaurl://x",
    "postgresql+psycopg://",
])
def test_a_database_it_cannot_use_stops_serve_with_the_line_comments_list_gives(tmp_path, essay_dir, db):
    import socket

    from helpers.servers import free_port

    port = free_port()
    served = run_essaykit("serve", essay_dir, f"--port={port}", "--db", db, cwd=tmp_path, timeout=120)
    listed = run_essaykit("comments", "list", "--db", db, cwd=tmp_path, timeout=120)
    assert served.returncode == 2 and listed.returncode == 2, served.stderr
    assert served.stderr == listed.stderr and served.stderr.startswith("error: "), (served.stderr, listed.stderr)
    assert "Traceback" not in served.stderr and served.stderr.count("\n") == 1, "one line, nothing else"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", port))  # it never listened


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
    wait_for_log(site, "ready", after=0)  # at least one warm kernel has been started and imported
    # Take warm kernels until one is used for env.ipynb (others may be busy refilling).
    for _ in range(20):
        mark = len(site.output())
        values, cookie = kernel_env(site)
        if "reader uses warm kernel" in site.output()[mark:]:
            break
        wait_for_log(site, "ready", after=mark)
    else:
        pytest.fail("no reader used a warm kernel")
    assert values["ESSAYKIT_SLUG"] == "env-essay", "a warm kernel learns its essay before the first cell runs"
    assert values["ESSAYKIT_SESSION"] == _session_of(site, cookie), "the signed cookie's session id"
