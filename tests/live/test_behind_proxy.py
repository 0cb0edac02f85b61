"""Behind a proxy that ends TLS (docs/deploy.md): the scheme it reports counts only when it is trusted."""

from __future__ import annotations

import pytest

from helpers.api_client import ESSAY, call, comment, post_json, start_site, write_site
from helpers.servers import stop_process

PAGE = f"/voila/render/{ESSAY}.ipynb"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """``essaykit serve --forwarded-allow-ips 127.0.0.1`` (api_client.start), so this test's requests come
    from a trusted proxy."""
    server = start_site(tmp_path_factory, "proxy")
    yield server
    stop_process(server.proc)


def _reader_cookie(answer) -> str:
    # Over HTTPS the session is __Host-essaykit_reader (essaykit._cookies); over plain HTTP essaykit_reader.
    return next(line for line in answer.headers["set-cookie"].split("\n")
                if line.startswith(("essaykit_reader=", "__Host-essaykit_reader=")))


def test_https_reported_by_the_proxy_makes_cookies_secure(served):
    secure = call(served, "GET", PAGE, headers={"X-Forwarded-Proto": "https"})
    assert secure.status == 200 and "Secure" in _reader_cookie(secure), "the reader reached the site over HTTPS"
    assert _reader_cookie(secure).startswith("__Host-"), "over HTTPS the cookie cannot be planted by a sibling host"
    plain = call(served, "GET", PAGE)
    assert "Secure" not in _reader_cookie(plain) and not _reader_cookie(plain).startswith("__Host-"), "plain HTTP to the server: no Secure (the browser would drop it)"


@pytest.mark.parametrize("value", ["gopher", "https://evil", ""])
def test_anything_but_http_or_https_is_ignored(served, value):
    answer = call(served, "GET", PAGE, headers={"X-Forwarded-Proto": value})
    assert answer.status == 200 and "Secure" not in _reader_cookie(answer)


def test_the_sites_https_origin_is_its_own_behind_the_proxy(served):
    origin = f"https://127.0.0.1:{served.port}"
    answer = post_json(served, "/api/comments", comment(), origin=origin, headers={"X-Forwarded-Proto": "https"})
    assert answer.status == 202, answer
    refused = post_json(served, "/api/comments", comment(), origin=origin)
    assert refused.status == 403, "without the proxy's word the https page is another origin"


def test_without_forwarded_allow_ips_the_header_is_ignored(essaykit_server, tmp_path):
    folder = write_site(tmp_path / "essays")
    server = essaykit_server(folder, db=f"sqlite:///{tmp_path / 'c.sqlite'}")
    answer = call(server, "GET", PAGE, headers={"X-Forwarded-Proto": "https"})
    assert answer.status == 200 and "Secure" not in _reader_cookie(answer), \
        "anyone can send the header; only a trusted proxy's counts"
