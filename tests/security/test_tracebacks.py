"""Attack: learn the server's paths and code from its tracebacks.

A cell that raises, a cell that writes to stderr, and a widget callback that raises inside an Output
widget all mention a server path. The reader sees none of it, neither in the outputs the kernel
route sends nor over the kernel's websocket, and error pages carry no traceback; the server log
gets everything, for the author.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from helpers.hardening import OOPS, SECRET_PATH, cookie_jar, page_token, request, serve_site
from helpers.servers import stop_process

LEAKS = (SECRET_PATH, "Traceback", "FileNotFoundError", "site-packages", "ValueError")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = serve_site(tmp_path_factory.mktemp("tracebacks") / "essays")
    yield server
    stop_process(server.proc)


def assert_no_leak(text: str, where: str) -> None:
    for leak in LEAKS:
        assert leak not in text, f"{where} shows {leak!r}: ...{text[max(0, text.find(leak) - 200):][:400]}"


def test_the_kernel_route_sends_no_traceback_and_no_stderr(server):
    status, pairs, html = request(server, "GET", f"/voila/render/{OOPS}.ipynb")
    assert status == 200
    assert_no_leak(html.decode(), "the page")
    jar = cookie_jar(pairs)
    status, _, body = request(server, "POST", "/essaykit/kernel", cookies=jar,
                              body=f"essay={OOPS}&_xsrf={quote(page_token(html))}")
    assert status == 200, body[:300]
    cells = json.loads(body)["cells"]
    sent = "\n".join(cells.values())
    assert "stdout is fine" in sent, "stdout still reaches the reader"
    assert "could not be shown" in sent, "the failing cell says so, briefly"
    assert_no_leak(sent, "the live outputs")
    log = server.output()
    assert f"{SECRET_PATH}/data.csv" in log and f"{SECRET_PATH}/settings.py" in log, "the author finds both in the log"


def test_a_widget_callback_that_raises_shows_the_reader_nothing(server, page):
    page.goto(server.url + f"/voila/render/{OOPS}.ipynb")
    page.get_by_role("button", name="Break it").click(timeout=90_000)
    page.get_by_role("button", name="Still fine").click()
    # The kernel answers in order: once this is shown, the failed callback's messages have come and gone.
    page.get_by_text("the kernel is alive").wait_for(timeout=30_000)
    assert_no_leak(page.content(), "the page after a failing callback")
    assert_no_leak(page.inner_text("body"), "the visible text")
    log = server.output()
    assert f"callback failed in {SECRET_PATH}/cb.py" in log, "the traceback went to the server log"
    assert f"callback stderr at {SECRET_PATH}/cb.py" in log


def test_stderr_set_in_an_output_widgets_state_is_not_sent(server, page):
    page.goto(server.url + f"/voila/render/{OOPS}.ipynb")
    page.get_by_role("button", name="Append").click(timeout=90_000)  # Output.append_stderr: widget state
    page.get_by_text("appended fine").wait_for(timeout=30_000)
    assert_no_leak(page.content(), "the page after append_stderr")
    assert f"appended stderr from {SECRET_PATH}/append.py" in server.output()


@pytest.mark.parametrize("method,path,body", [
    ("GET", "/no/such/page", None),
    ("GET", "/voila/render/missing.ipynb", None),
    ("GET", "/voila/render/%ff%fe.ipynb", None),
    ("GET", "/voila/files/..%2f..%2fetc%2fpasswd", None),
    ("GET", "/voila/static/%00", None),
    ("POST", "/essaykit/kernel", "essay=%ff"),
    ("POST", "/essaykit/kernel", "essay=" + "x" * 5000),
    ("GET", "/api/kernels/00000000-0000-0000-0000-000000000000", None),
    ("GET", "/api/kernels/00000000-0000-0000-0000-000000000000/channels", None),
    ("POST", "/voila/api/shutdown/00000000-0000-0000-0000-000000000000", "_xsrf=x"),
    ("GET", "/api/comments?essay=" + "%ff" * 10, None),
    ("POST", "/api/comments", "{not json"),
    ("DELETE", "/", None),
])
def test_error_pages_carry_no_traceback(server, method, path, body):
    status, _, answer = request(server, method, path, body=body, headers={"Origin": server.url})
    assert status >= 400, f"{method} {path} answered {status}"
    text = answer.decode("utf-8", "replace")
    assert_no_leak(text, f"{method} {path} ({status})")
    assert str(server.folder) not in text, "no server path"
