"""Attack: DNS rebinding. A page on evil.example makes its name resolve to 127.0.0.1 and reads the
reader's loopback server; its requests carry ``Host: evil.example``.

On loopback, every route refuses a Host that is neither a loopback address nor ``localhost``: the
pages, the images, Voilà's front end, the APIs, the kernel routes and the websocket, and the 404s.
"""

from __future__ import annotations

import pytest
from helpers.hardening import OOPS, PLAIN, WIDGETS, request, serve_site, start_kernel, websocket_upgrade
from helpers.servers import stop_process

from essaykit.mail.links import PREFIX as MAIL_PREFIX

SPOOFED = ["evil.example", "evil.example:{port}", "localhost.evil.example:{port}", "127.0.0.1.evil.example",
           "10.0.0.5:{port}"]
ALLOWED = ["127.0.0.1:{port}", "localhost:{port}", "[::1]:{port}", "127.0.0.2:{port}"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = serve_site(tmp_path_factory.mktemp("hosts") / "essays")
    yield server
    stop_process(server.proc)


@pytest.fixture(scope="module")
def kernel(server):
    return start_kernel(server, WIDGETS)


def routes(kernel_id: str) -> list[tuple[str, str, str | None]]:
    """(method, path, body): one of each route family the server has."""
    return [
        ("GET", "/", None),
        ("GET", f"/voila/render/{PLAIN}.ipynb", None),
        ("GET", f"/voila/render/{WIDGETS}.ipynb", None),
        ("GET", "/voila/files/poster.png", None),
        ("GET", "/voila/static/voila.js", None),
        ("HEAD", "/voila/static/voila.js", None),
        ("GET", "/voila/labextensions/anywidget/package.json", None),
        ("GET", f"/api/comments?essay={PLAIN}", None),
        ("GET", f"/api/counts?essay={PLAIN}", None),
        ("GET", f"/api/ratings?essay={PLAIN}", None),
        ("POST", "/api/comments", f"essay={PLAIN}&author=A&email=a@example.org&body=Hi"),
        ("POST", "/essaykit/kernel", f"essay={OOPS}"),
        ("GET", f"/api/kernels/{kernel_id}", None),
        ("POST", f"/voila/api/shutdown/{kernel_id}", ""),
        ("POST", "/webmention", "source=https://a.example/&target=https://b.example/"),
        ("POST", "/pingback", "<methodCall/>"),
        ("GET", "/no/such/page", None),
        ("GET", "/api/kernels", None),
        ("GET", f"/{MAIL_PREFIX}/confirm/abc.def", None),
    ]


@pytest.mark.parametrize("spoofed", SPOOFED)
def test_every_route_refuses_a_spoofed_host(server, kernel, spoofed):
    kernel_id, jar, _token = kernel
    host = spoofed.format(port=server.port)
    for method, path, body in routes(kernel_id):
        status, _, answer = request(server, method, path, host=host, cookies=jar, body=body)
        assert status == 403, f"{method} {path} with Host {host!r} answered {status}"
        assert b"essay" not in answer.lower() or b"localhost only" in answer, f"{path}: {answer[:200]!r}"
    assert websocket_upgrade(server, f"/api/kernels/{kernel_id}/channels", host=host, cookies=jar) == 403, \
        "the kernel websocket refuses a spoofed Host too"


@pytest.mark.parametrize("allowed", ALLOWED)
def test_loopback_and_localhost_are_served(server, allowed):
    host = allowed.format(port=server.port)
    for path in ("/", f"/voila/render/{PLAIN}.ipynb", "/voila/files/poster.png", "/voila/static/voila.js"):
        status, _, _ = request(server, "GET", path, host=host)
        assert status == 200, f"GET {path} with Host {host!r} answered {status}"


def test_the_readers_own_websocket_still_opens(server, kernel):
    kernel_id, jar, _token = kernel
    assert websocket_upgrade(server, f"/api/kernels/{kernel_id}/channels", cookies=jar) == 101


def test_the_refusal_is_logged_with_the_host(server):
    request(server, "GET", "/voila/static/voila.js", host="rebind.evil.example")
    assert "rebind.evil.example" in server.output(), "the server log says which Host was refused"
