"""Attack: cookies a reader never agreed to, or that scripts and other sites can use.

The server sets three cookies, all ``HttpOnly; SameSite=Lax``: ``essaykit_reader`` (the signed
session), ``essaykit_known`` (the "approved before" token, once a comment from the browser is
approved), ``essaykit_identity`` (name and email, only when the reader ticks "remember me"),
and no ``_xsrf`` cookie: the token live pages send back is bound to the session and comes in the page.
Jupyter's ``username-<host>`` identity cookie is never set. Every route family is crawled, with and
without cookies, and every ``Set-Cookie`` is checked.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from helpers.hardening import (KEPT, OOPS, PLAIN, WIDGETS, cookie_jar, page_token, request, serve_site, set_cookies,
                               start_kernel, websocket_upgrade)
from helpers.servers import stop_process

from essaykit.comments.store import CommentStore


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = serve_site(tmp_path_factory.mktemp("cookies") / "essays")
    yield server
    stop_process(server.proc)


def crawl(server) -> list[tuple[str, str]]:
    """(request, Set-Cookie value) for one visit to every route family, with a reader's cookies and without."""
    seen = []
    kernel_id, jar, token = start_kernel(server, WIDGETS)
    own = {"Origin": server.url}
    visits = [
        ("GET", "/", None, {}), ("GET", f"/voila/render/{PLAIN}.ipynb", None, {}),
        ("GET", f"/voila/render/{WIDGETS}.ipynb", None, {}), ("GET", f"/voila/render/{OOPS}.ipynb", None, {}),
        ("GET", "/voila/files/poster.png", None, {}), ("GET", "/voila/static/voila.js", None, {}),
        ("GET", "/voila/labextensions/anywidget/package.json", None, {}),
        ("GET", f"/api/comments?essay={PLAIN}", None, {}), ("GET", f"/api/counts?essay={PLAIN}", None, {}),
        ("GET", f"/api/ratings?essay={PLAIN}", None, {}),
        ("POST", "/api/comments", f"essay={PLAIN}&author=Ann&email=ann@example.org&body=Hello+there&remember=1", own),
        ("POST", "/api/ratings", f"essay={PLAIN}&value=4", own),
        ("POST", "/essaykit/kernel", f"essay={WIDGETS}&_xsrf={quote(token)}", {}),
        ("POST", "/essaykit/kernel", f"essay={WIDGETS}", {}),
        ("GET", f"/api/kernels/{kernel_id}", None, {}), ("GET", "/api/kernels", None, {}),
        ("POST", "/webmention", "source=https://a.example/&target=https://b.example/", {}),
        ("GET", "/no/such/page", None, {}), ("GET", "/voila/render/missing.ipynb", None, {}),
        ("POST", f"/voila/api/shutdown/{kernel_id}", "", {}),
    ]
    for cookies in (jar, None):  # the reader's own comment first: it is the one approved below
        for method, path, body, headers in visits:
            _status, pairs, _ = request(server, method, path, cookies=cookies, body=body, headers=headers)
            seen += [(f"{method} {path}", value) for value in set_cookies(pairs)]
            if cookies is not None:  # as a browser does: posting a comment rotates the session
                jar = cookies = cookie_jar(pairs, cookies)
    assert websocket_upgrade(server, f"/api/kernels/{kernel_id}/channels", cookies=jar) == 101
    request(server, "POST", f"/voila/api/shutdown/{kernel_id}", cookies=jar, body=f"_xsrf={quote(token)}")
    # The author approves the reader's comment: their next page view earns the "approved before" token.
    store = CommentStore.open(server.db)
    try:
        store.set_status([c.id for c in store.pending(PLAIN)], "approved", by="author")
    finally:
        store.close()
    _status, pairs, _ = request(server, "GET", f"/voila/render/{PLAIN}.ipynb", cookies=jar)
    seen += [("GET after approval", value) for value in set_cookies(pairs)]
    forged = {"essaykit_known": "k1.Zm9yZ2Vk.0.AAAA", "essaykit_identity": "bm90IGpzb24="}  # a new reader
    for method, path, body, headers in visits[:2] + visits[10:11]:
        _status, pairs, _ = request(server, method, path, cookies=forged, body=body, headers=headers)
        seen += [(f"{method} {path} (forged cookies)", value) for value in set_cookies(pairs)]
    return seen


@pytest.fixture(scope="module")
def cookies_seen(server):
    return crawl(server)


def is_deletion(value: str) -> bool:
    """A Set-Cookie that removes the cookie (empty value, expired), rather than setting one."""
    from datetime import datetime, timezone
    from email.utils import parsedate_to_datetime

    if value.split(";", 1)[0].split("=", 1)[1] not in ("", '""'):
        return False
    for part in value.split(";")[1:]:
        key, _, when = part.strip().partition("=")
        if key.lower() == "max-age" and when == "0":
            return True
        if key.lower() == "expires" and parsedate_to_datetime(when) < datetime.now(timezone.utc):
            return True
    return False


def test_only_the_documented_cookies_are_set(cookies_seen):
    names = {value.split("=", 1)[0] for _where, value in cookies_seen}
    assert names <= set(KEPT), f"undocumented cookies: {names - set(KEPT)}"
    set_names = {value.split("=", 1)[0] for _where, value in cookies_seen if not is_deletion(value)}
    assert set(KEPT) <= set_names, \
        "the crawl reached the routes that set each cookie (else this test proves nothing)"
    assert not [v for _w, v in cookies_seen if v.lower().startswith("username-")], "Jupyter's identity cookie"


def test_a_forged_token_is_cleared_not_echoed(cookies_seen):
    cleared = [v for w, v in cookies_seen if "forged" in w and v.startswith("essaykit_known=")]
    assert cleared and all(is_deletion(v) for v in cleared), cleared
    assert not [v for _w, v in cookies_seen if "Zm9yZ2Vk" in v], "the forged value is never sent back"


def test_every_cookie_is_httponly_and_samesite_lax(cookies_seen):
    for where, value in cookies_seen:
        attributes = [part.strip().lower() for part in value.split(";")[1:]]
        assert "httponly" in attributes, f"{where}: {value}"
        assert "samesite=lax" in attributes, f"{where}: {value}"
        assert "path=/" in attributes, f"{where}: {value}"


def test_a_live_page_carries_its_token_and_the_kernel_post_works_with_it(server):
    status, pairs, html = request(server, "GET", f"/voila/render/{OOPS}.ipynb")
    assert status == 200
    jar, token = cookie_jar(pairs), page_token(html)
    status, _, body = request(server, "POST", "/essaykit/kernel", cookies=jar,
                              body=f"essay={OOPS}&_xsrf={quote(token)}")
    assert status == 200 and b"kernel_id" in body, body[:300]
    status, _, _ = request(server, "POST", "/essaykit/kernel", cookies=jar, body=f"essay={OOPS}")
    assert status == 403, "without the token nothing starts"


def test_a_page_without_live_code_sets_no_xsrf_cookie(server):
    _status, pairs, html = request(server, "GET", f"/voila/render/{PLAIN}.ipynb")
    assert [v.split("=")[0] for v in set_cookies(pairs)] == ["essaykit_reader"]
    assert b'<meta name="essaykit-xsrf"' not in html
