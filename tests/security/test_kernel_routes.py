"""Attack: read or steer someone's kernel through Jupyter's REST routes.

Knowing a kernel's id (it is in the reader's page and their websocket URL) must give a stranger
nothing: the kernel's model, its websocket and its shutdown answer only the reader whose signed
session started it. Jupyter's listing and state routes (kernels, sessions, kernelspecs, contents,
terminals, config, Voilà's own API) do not exist here at all.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from helpers.hardening import WIDGETS, cookie_jar, page_token, request, serve_site, start_kernel, warm_kernel_id, websocket_upgrade
from helpers.servers import stop_process

STATE_ROUTES = [
    "/api/kernels", "/api/sessions", "/api/kernelspecs", "/api/kernelspecs/python3", "/api/contents",
    "/api/contents/widgets.ipynb", "/api/terminals", "/api/config/notebook", "/api/status", "/api/me",
    "/api/spec.yaml", "/api/nbconvert", "/voila/api/shutdown", "/voila/api/kernels", "/voila/tree",
    "/voila/render/", "/tree", "/lab", "/files/widgets.ipynb", "/kernelspecs/python3/logo-64x64.png",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = serve_site(tmp_path_factory.mktemp("kernels") / "essays")
    yield server
    stop_process(server.proc)


@pytest.fixture(scope="module")
def owner(server):
    return start_kernel(server, WIDGETS)


@pytest.fixture(scope="module")
def stranger(server):
    """Another reader: a session of their own, and the page's token."""
    _status, pairs, html = request(server, "GET", f"/voila/render/{WIDGETS}.ipynb")
    return cookie_jar(pairs), page_token(html)  # the token is bound to their own session


@pytest.mark.parametrize("path", STATE_ROUTES)
def test_jupyter_state_routes_do_not_exist(server, owner, path):
    _kernel_id, jar, _token = owner
    for cookies in (None, jar):
        status, _, body = request(server, "GET", path, cookies=cookies)
        assert status == 404, f"GET {path} answered {status}: {body[:200]!r}"
        assert b"kernel" not in body.lower() or b"not found" in body.lower(), body[:200]


def test_a_kernel_model_answers_its_reader_only(server, owner, stranger):
    kernel_id, jar, _token = owner
    status, _, body = request(server, "GET", f"/api/kernels/{kernel_id}", cookies=jar)
    assert status == 200 and json.loads(body)["id"] == kernel_id, "the page's own reader reads its model"
    for who, cookies in (("no cookie", None), ("another reader", stranger[0]),
                         ("a forged session", {"essaykit_reader": jar["essaykit_reader"][:-4] + "AAAA"})):
        status, _, body = request(server, "GET", f"/api/kernels/{kernel_id}", cookies=cookies)
        assert status == 404, f"{who} got {status}: {body[:200]!r}"
        assert kernel_id.encode() not in body and b"execution_state" not in body


def test_a_warm_kernel_belongs_to_nobody(server, owner):
    _kernel_id, jar, _token = owner
    warm = warm_kernel_id(server)
    for cookies in (None, jar):
        status, _, _ = request(server, "GET", f"/api/kernels/{warm}", cookies=cookies)
        assert status == 404
        assert websocket_upgrade(server, f"/api/kernels/{warm}/channels", cookies=cookies) == 404


def test_no_one_but_the_reader_restarts_interrupts_or_deletes(server, owner, stranger):
    kernel_id, jar, token = owner
    for cookies in (jar, stranger[0]):
        for method, path in (("DELETE", f"/api/kernels/{kernel_id}"), ("POST", f"/api/kernels/{kernel_id}/restart"),
                             ("POST", f"/api/kernels/{kernel_id}/interrupt"), ("PATCH", f"/api/kernels/{kernel_id}"),
                             ("POST", "/api/kernels"), ("POST", "/api/sessions")):
            status, _, _ = request(server, method, path, cookies=cookies, body=f"_xsrf={token}",
                                   headers={"X-XSRFToken": token})
            assert status in (404, 405), f"{method} {path} answered {status}"
    status, _, _ = request(server, "GET", f"/api/kernels/{kernel_id}", cookies=jar)
    assert status == 200, "the kernel is still there and still its reader's"


def test_the_websocket_and_shutdown_refuse_strangers(server, owner, stranger):
    kernel_id, jar, token = owner
    assert websocket_upgrade(server, f"/api/kernels/{kernel_id}/channels") == 404
    assert websocket_upgrade(server, f"/api/kernels/{kernel_id}/channels", cookies=stranger[0]) == 404
    status, _, _ = request(server, "POST", f"/voila/api/shutdown/{kernel_id}", cookies=stranger[0],
                           body=f"_xsrf={quote(stranger[1])}")
    assert status == 403, "another reader, even with a valid token of their own, cannot stop this kernel"
    status, _, _ = request(server, "POST", f"/voila/api/shutdown/{kernel_id}", cookies=jar, body="")
    assert status == 403, "the reader's own beacon needs the page's token"
    status, _, _ = request(server, "GET", f"/api/kernels/{kernel_id}", cookies=jar)
    assert status == 200, "nothing above stopped it"


def test_the_reader_shuts_their_own_kernel_down(server):
    kernel_id, jar, token = start_kernel(server, WIDGETS)
    status, _, _ = request(server, "POST", f"/voila/api/shutdown/{kernel_id}", cookies=jar, body=f"_xsrf={token}")
    assert status == 204
