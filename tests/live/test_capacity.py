"""What a page view costs under `essaykit serve`: no kernel, unless the page's script asks; kernels are
capped, reclaimed, kept to the essay's own widgets and to their memory and database share."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from helpers.live_client import ask_for_kernel, fetch, kernel_pids, page_token
from helpers.notebooks import code_cell, md_cell, notebook
from helpers.servers import serve_essaykit, stop_process as _stop

from essaykit.live.kernels import STOPPED

LONG = 90_000  # ms

LIVE_CELL = ("import ipywidgets as w\n"
             "clicks = w.IntText(0, description='Clicks')\n"
             "button = w.Button(description='Count me')\n"
             "button.on_click(lambda _: setattr(clicks, 'value', clicks.value + 1))\n"
             "print('fresh from the kernel')\n"
             "w.VBox([button, clicks])")

# An output only a front-end renderer knows: the page loads Voila's front end for it (LivePage.drawn_by_bundle).
VOILA_CELL = ("import ipywidgets as w\nfrom IPython.display import display\n"
              "display({'application/vnd.essaykit.test+json': {'shown': 'by a renderer'}}, raw=True)\n"
              "w.Button(description='Drawn by Voila')")


def essays() -> dict[str, dict]:
    return {
        "live.ipynb": notebook(
            [md_cell("The film opens on a road. ||The road is a dream.||"),
             md_cell("The twist is kept in here.", tags=["spoiler"], essay={"spoiler_label": "The twist"}),
             code_cell(LIVE_CELL, outputs=[{"output_type": "stream", "name": "stdout", "text": "saved when written\n"}]),
             code_cell("from essaykit import Rating\nRating(4)"),
             code_cell("from essaykit import CommentSection\nCommentSection()")],
            essay={"title": "Live", "slug": "live", "author": "Tester"}),
        "plain.ipynb": notebook(
            [md_cell("Only words, stars and comments here."),
             code_cell("from essaykit import Rating\nRating(3)"),
             code_cell("from essaykit import CommentSection\nCommentSection()")],
            essay={"title": "Plain", "slug": "plain"}),
        "spoilers.ipynb": notebook(
            [md_cell("A review whose code cells only hide things."),
             code_cell("from essaykit import Spoiler\nSpoiler('The sled is *Rosebud*.', label='The ending')"),
             code_cell("from essaykit import Spoiler\nfrom IPython.display import HTML\nimport math\n"
                       "title = 'The cast'\nSpoiler(HTML('<em>Everyone</em> was in on it.'), label=title)"),
             code_cell("from essaykit import Rating\nRating(5)")],
            essay={"title": "Spoilers", "slug": "spoilers"}),
        "voila.ipynb": notebook(
            [md_cell("An output the widget bundle does not draw, so Voila's front end draws this cell."),
             code_cell(VOILA_CELL)],
            essay={"title": "Voila", "slug": "voila"}),
        "hog.ipynb": notebook(
            [md_cell("This cell wants more memory than a kernel may have."),
             code_cell("big = bytearray(2 * 1024 ** 3)\nprint('should not get here')")],
            essay={"title": "Hog", "slug": "hog"}),
    }


def write(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, nb in essays().items():
        (folder / name).write_text(json.dumps(nb), encoding="utf-8")
    return folder


def wait_until(check, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"{what} did not happen within {timeout} s"
        time.sleep(0.2)


def _reader(browser, site, path: str):
    """A new reader (their own browser context) on ``path``: (context, page)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site.url + path)
    return context, page


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = write(tmp_path_factory.mktemp("capacity") / "essays")
    server = serve_essaykit(folder, log=folder.parent / "server.log",
                            # Its readers all come from this machine: their share is above the cap, so the
                            # cap is what a third reader meets.
                            args=["--max-kernels=2", "--idle-seconds=3", "--kernel-memory=512MiB",
                                  "--kernels-per-address=3", "--kernels-per-network=3"])
    server.folder = folder
    yield server
    _stop(server.proc)


@pytest.fixture
def idle(site):
    """Each test starts and ends with no kernel running (the idle window reclaims them)."""
    wait_until(lambda: not kernel_pids(site), "reclaiming the previous test's kernels")
    yield site
    wait_until(lambda: not kernel_pids(site), "reclaiming this test's kernels")


def test_start_up_says_what_kernels_cost(site):
    log = site.output()
    assert "Kernels: at most 2 at once" in log and "512 MiB each" in log and "after 3 s" in log, log[-2000:]


def test_a_get_starts_no_kernel(idle):
    site = idle
    mark = len(site.output())
    pages = ["/voila/render/live.ipynb", "/voila/render/plain.ipynb", "/voila/render/hog.ipynb",
             "/voila/render/spoilers.ipynb", "/"]
    for n in range(10):
        for page in pages:
            # curl (no cookies), an <img> on another site, a crawler, a returning reader
            headers = [{}, {"Accept": "image/avif,image/webp,*/*", "Referer": "https://elsewhere.example/"},
                       {"User-Agent": "Googlebot/2.1"}][n % 3]
            status, _, body, _ = fetch(site, "GET", page, headers=headers)
            assert status == 200
    for page in [*pages, "/voila/static/voila.js"]:
        status, got, body, _ = fetch(site, "HEAD", page)
        got = dict(got)
        assert status == 200, f"HEAD {page} is answered like GET, not {status}"
        assert body == b"", "a HEAD answer has no body"
        assert int(got["content-length"]) > 0 and got["content-type"].startswith(("text/html", "text/javascript"))
    html = fetch(site, "GET", "/voila/render/live.ipynb")[2].decode()
    assert "saved when written" in html, "live code shows its saved outputs"
    assert "The film opens on a road." in html and "ek-comment-form" in html.replace("ek-comments__form", "ek-comment-form") \
        or "<form" in html, "text, thread and form are in the page"
    assert "fresh from the kernel" not in html
    assert kernel_pids(site) == [], "no page view started a kernel"
    assert "Kernel started" not in site.output()[mark:]


def test_spoiler_cells_are_their_static_twins_and_need_no_kernel(idle):
    site = idle
    status, _, body, jar = fetch(site, "GET", "/voila/render/spoilers.ipynb")
    html = body.decode()
    assert status == 200
    assert "<details" in html and "The ending" in html and "<em>Rosebud</em>" in html, \
        "the Markdown spoiler is rendered by the server as a closed spoiler block"
    assert "The cast" in html and "<em>Everyone</em> was in on it." in html, "the HTML spoiler too"
    assert "ek-live-config" not in html, "a page with only essaykit widgets never asks for a kernel"
    _, _, live, jar = fetch(site, "GET", "/voila/render/live.ipynb", cookies=jar)  # a token, as a live page gets
    status, _, body, _ = fetch(site, "POST", "/essaykit/kernel", cookies=jar,
                               body=f"essay=spoilers&_xsrf={quote(page_token(live))}")
    assert status == 409 and b"no live code" in body
    assert kernel_pids(site) == []


@pytest.mark.browser
def test_a_spoiler_cell_served_as_its_twin_opens_and_is_remembered(idle, browser):
    from playwright.sync_api import expect

    site = idle
    context, page = _reader(browser, site, "/voila/render/spoilers.ipynb")
    summary = page.locator("summary", has_text="The ending")
    expect(summary).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_text("The sled is")).to_be_hidden()
    summary.click()
    expect(page.get_by_text("The sled is")).to_be_visible()
    expect(summary).to_have_attribute("aria-expanded", "true")
    page.reload()
    expect(page.get_by_text("The sled is")).to_be_visible()
    expect(page.get_by_text("Everyone was in on it.")).to_be_hidden()
    assert kernel_pids(site) == [], "spoilers never need a kernel"
    context.close()


def test_a_kernel_post_without_the_token_is_refused(idle):
    site = idle
    status, _, body, jar = fetch(site, "POST", "/essaykit/kernel", body="essay=live")
    assert status == 403 and b"_xsrf" in body
    _, _, live, jar = fetch(site, "GET", "/voila/render/live.ipynb")
    status, _, _, _ = fetch(site, "POST", "/essaykit/kernel", cookies=jar, body="essay=live&_xsrf=2|00|00|00")
    assert status == 403, "a token that is not the session's is refused"
    status, _, _, _ = fetch(site, "POST", "/essaykit/kernel", body=f"essay=live&_xsrf={quote(page_token(live))}")
    assert status == 403, "the token alone, without its cookie (another site's form), is refused"
    status, _, _, _ = fetch(site, "GET", "/essaykit/kernel?essay=live", cookies=jar)
    assert status == 405
    assert kernel_pids(site) == [], "nothing started"
    status, answer, _ = ask_for_kernel(site, "live", "/voila/render/live.ipynb")
    assert status == 200 and answer["kernel_id"], answer
    assert any("fresh from the kernel" in html for html in answer["cells"].values())
    assert len(kernel_pids(site)) == 1


def test_a_kernel_with_no_page_connected_is_shut_down_after_the_idle_window(idle):
    site = idle
    status, answer, _ = ask_for_kernel(site, "live", "/voila/render/live.ipynb")
    assert status == 200
    assert len(kernel_pids(site)) == 1
    wait_until(lambda: not kernel_pids(site), "the idle kernel's shutdown", timeout=60)
    assert f"shutting down kernel {answer['kernel_id']}: no page connected for 3 s" in site.output()


def _ws_messages(site, kernel_id: str, jar: dict, messages: list[dict], until: str) -> list[dict]:
    """Send ``messages`` over the kernel's websocket as the reader; collect replies until msg type ``until``."""
    import asyncio

    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    async def talk():
        cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
        request = HTTPRequest(f"ws://127.0.0.1:{site.port}/api/kernels/{kernel_id}/channels?session_id=test",
                              headers={"Cookie": cookie, "Origin": site.url})
        ws = await websocket_connect(request)
        for msg in messages:
            await ws.write_message(json.dumps(msg))
        seen = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            raw = await asyncio.wait_for(ws.read_message(), timeout=60)
            if raw is None:
                break
            msg = json.loads(raw)
            seen.append(msg)
            if msg["header"]["msg_type"] == until:
                break
        ws.close()
        return seen

    # In a thread of its own: Playwright's sync API may own this thread's event loop.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(talk())).result()


def _msg(msg_type: str, content: dict, channel: str = "shell") -> dict:
    import uuid

    return {"header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "reader", "session": "test",
                       "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": []}


def test_a_pages_comm_open_of_a_button_and_code_are_refused(idle):
    site = idle
    status, answer, jar = ask_for_kernel(site, "live", "/voila/render/live.ipynb")
    assert status == 200
    kernel_id = answer["kernel_id"]
    button = _msg("comm_open", {"comm_id": "a" * 32, "target_name": "jupyter.widget", "data": {
        "state": {"_model_name": "ButtonModel", "_model_module": "@jupyter-widgets/controls",
                  "_model_module_version": "2.0.0", "_view_name": "ButtonView", "description": "injected"},
        "buffer_paths": []}})
    code = _msg("execute_request", {"code": "import os; os.environ['EK_PWNED'] = '1'", "silent": False,
                                    "store_history": False, "user_expressions": {}, "allow_stdin": False})
    info = _msg("comm_info_request", {})
    seen = _ws_messages(site, kernel_id, jar, [button, code, info], until="comm_info_reply")
    kinds = [m["header"]["msg_type"] for m in seen]
    assert "comm_info_reply" in kinds, kinds
    assert "execute_reply" not in kinds and "execute_input" not in kinds, "code from a page never runs"
    comms = next(m for m in seen if m["header"]["msg_type"] == "comm_info_reply")["content"]["comms"]
    assert "a" * 32 not in comms, "the Button the page asked for was never created"
    assert any(c.get("target_name") == "jupyter.widget" for c in comms.values()), \
        "the essay's own widgets are there, so the check looked at the right kernel"
    log = site.output()
    assert "refused comm_open for 'jupyter.widget' (ButtonModel)" in log
    assert "refused message type 'execute_request'" in log

    # Another reader (no cookie, or a different session) cannot even connect.
    from tornado.httpclient import HTTPClientError

    with pytest.raises((HTTPClientError, Exception)):
        _ws_messages(site, kernel_id, {}, [info], until="comm_info_reply")


class HeldConnection:
    """A reader's page connected to its kernel (a websocket held open in a thread) until ``close()``."""

    def __init__(self, site, kernel_id: str, jar: dict):
        import asyncio
        import threading

        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        self.done = threading.Event()
        self.connected = threading.Event()

        async def hold():
            cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
            ws = await websocket_connect(HTTPRequest(
                f"ws://127.0.0.1:{site.port}/api/kernels/{kernel_id}/channels?session_id=held",
                headers={"Cookie": cookie}))
            self.connected.set()
            await asyncio.get_running_loop().run_in_executor(None, self.done.wait)
            ws.close()

        self.thread = threading.Thread(target=lambda: asyncio.run(hold()), daemon=True)
        self.thread.start()
        assert self.connected.wait(60), "the reader's page could not connect to its kernel"

    def close(self) -> None:
        self.done.set()
        self.thread.join(30)


def test_a_kernel_over_its_memory_limit_is_shut_down_alone(idle):
    site = idle
    status, live, jar = ask_for_kernel(site, "live", "/voila/render/live.ipynb")
    assert status == 200
    held = HeldConnection(site, live["kernel_id"], jar)
    survivor = kernel_pids(site)
    status, answer, _ = ask_for_kernel(site, "hog", "/voila/render/hog.ipynb")
    # Not "busy": the server has room; this essay's kernel died, and the reader is told so.
    assert status == 503 and not answer["busy"] and answer["message"] == STOPPED
    wait_until(lambda: kernel_pids(site) == survivor, "the hog's shutdown")
    assert "should not get here" not in site.output()
    # The server keeps serving, and the other reader's kernel still runs.
    assert fetch(site, "GET", "/voila/render/live.ipynb")[0] == 200
    try:
        seen = _ws_messages(site, live["kernel_id"], jar, [_msg("comm_info_request", {})], until="comm_info_reply")
        assert seen[-1]["header"]["msg_type"] == "comm_info_reply"
        assert kernel_pids(site) == survivor
    finally:
        held.close()


@pytest.mark.browser
def test_at_the_cap_a_reader_gets_the_whole_page_and_the_next_kernel(idle, browser):
    from playwright.sync_api import expect

    site = idle
    url = site.url + "/voila/render/live.ipynb"
    readers = []
    for _ in range(2):
        context = browser.new_context()
        page = context.new_page()
        page.goto(url)
        expect(page.get_by_role("button", name="Count me")).to_be_enabled(timeout=LONG)
        readers.append(context)
    wait_until(lambda: len(kernel_pids(site)) == 2, "two readers' kernels")

    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("response", lambda r: r.status >= 500 and r.status != 503 and errors.append(r.url))
    page.goto(url)
    note = page.locator(".ek-live-busy")
    # A place in line: the page is told its position, and asks again by itself (Retry-After).
    expect(note).to_contain_text("The live version is busy; you are number 1 in line", timeout=LONG)
    expect(page.locator("#ek-cell-2")).to_contain_text("saved when written")
    retry = note.get_by_role("button", name="Try again")
    expect(retry).to_be_visible()
    # The rest of the page works without a kernel: reveal, rate, comment.
    page.get_by_text("The road is a dream.").click()
    expect(page.locator("[data-ek-spoiler]").first).to_have_class(re.compile(r"\bis-revealed\b"))
    page.locator("#ek-rating button, .ek-rating button").nth(3).click()
    expect(page.get_by_text("You rated this essay 4 of 5")).to_be_visible(timeout=LONG)
    form = page.locator("form.ek-comments__form, form[action$='api/comments']").first
    form.locator("[name=author]").fill("Cap Reader")
    form.locator("[name=email]").fill("cap@example.org")
    form.locator("[name=body]").fill("Read at the cap, still here.")
    form.locator("[type=submit]").click()
    # Shown as the reader's words (a paragraph); once the page redraws "Your comments", also in its edit box.
    expect(page.locator("p").filter(has_text="Read at the cap, still here.").first).to_be_visible(timeout=LONG)
    assert len(kernel_pids(site)) == 2, "the third reader started nothing"

    # One reader leaves: closing the tab gives their kernel back at once (the beacon), and the reader
    # first in line gets it without doing anything.
    readers.pop().close()
    try:
        expect(page.get_by_role("button", name="Count me")).to_be_enabled(timeout=LONG)
    except AssertionError:
        page.screenshot(path=str(Path(site.log).with_name("retry-failed.png")), full_page=True)
        raise
    assert "its page was closed" in site.output()
    page.get_by_role("button", name="Count me").click()
    expect(page.locator(".widget-text input, input[type=number]").first).to_have_value("1", timeout=LONG)
    assert errors == [], errors
    context.close()
    for c in readers:
        c.close()


@pytest.mark.browser
def test_voilas_front_end_leaves_the_page_globals_native_and_the_page_hears_its_kernel_go(site, browser):
    import signal

    from playwright.sync_api import expect

    # A server of its own: on a busy machine Voila's bundle can take longer to load than the module
    # server's 3 s idle window, which would reclaim the kernel before the page connects.
    server = serve_essaykit(site.folder, log=site.folder.parent / "voila-front-end.log", args=["--max-kernels=1"])
    try:
        context, page = _reader(browser, server, "/voila/render/voila.ipynb")
        expect(page.get_by_role("button", name="Drawn by Voila")).to_be_enabled(timeout=LONG)
        page.wait_for_function("() => !!window.jupyterapp", timeout=LONG)
        native = page.evaluate("""() => ({
            websocket: window.WebSocket.toString().includes('[native code]'),
            addEventListener: window.addEventListener === EventTarget.prototype.addEventListener
                && !Object.prototype.hasOwnProperty.call(window, 'addEventListener'),
            voila: [...document.scripts].some(s => /voila\\.js$/.test(s.src)),
        })""")
        assert native["voila"], "this essay is drawn by Voila's front end (the case that used to patch globals)"
        assert native["websocket"], "window.WebSocket is the browser's own constructor once the page is live"
        assert native["addEventListener"], "window.addEventListener is EventTarget's own once Voila has started"

        # The kernel dies (as over its memory limit): the reaper reclaims it, and the page says so.
        (pid,) = kernel_pids(server)
        os.kill(pid, signal.SIGKILL)
        note = page.locator(".ek-live-busy")
        expect(note).to_contain_text("The live version stopped; reload the page to start it again.", timeout=LONG)
        expect(note.get_by_role("button", name="Try again")).to_be_visible()
        context.close()
    finally:
        _stop(server.proc)


def _tcp_connections_to(port: int, pids: list[int]) -> dict[int, int]:
    """Established TCP connections to ``port`` on this machine, per process in ``pids``."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if int(fields[2].rsplit(":", 1)[1], 16) == port and fields[3] == "01":
                inodes.add(f"socket:[{fields[9]}]")
    counts = {}
    for pid in pids:
        n = 0
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                try:
                    n += os.readlink(f"/proc/{pid}/fd/{fd}") in inodes
                except OSError:
                    pass
        except OSError:
            continue
        counts[pid] = n
    return counts


@pytest.mark.postgres
def test_on_postgresql_twenty_kernels_hold_at_most_twenty_connections(postgres_server, postgres_url, tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    folder = tmp_path / "essays"
    folder.mkdir()
    nb = notebook([md_cell("Comments, built by the kernel itself."),
                   # A computed argument: the server cannot render this one itself, the kernel must.
                   code_cell("from essaykit import CommentSection\nsection = CommentSection(per_page=int('20'))\nsection"),
                   code_cell("import os\nfrom essaykit.db.engine import get_engine\n"
                             "pool = get_engine(os.environ['ESSAYKIT_DB']).pool\n"
                             "print(f'pool size {pool.size()} overflow {pool._max_overflow}')")],
                  essay={"title": "Kernel comments", "slug": "kernel-comments"})
    (folder / "kernel-comments.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    server = serve_essaykit(folder, log=tmp_path / "server.log", db=postgres_url,
                            args=["--max-kernels=20", "--idle-seconds=600",
                                  # every reader here comes from this machine's one address
                                  "--kernels-per-address=20", "--kernels-per-network=20"])
    try:
        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(lambda _: ask_for_kernel(server, "kernel-comments",
                                                            "/voila/render/kernel-comments.ipynb"), range(20)))
        assert [status for status, _, _ in answers] == [200] * 20, [a for s, a, _ in answers if s != 200][:2]
        for _, answer, _ in answers:
            assert "pool size 1 overflow 0" in " ".join(answer["cells"].values()), answer["cells"]
        pids = kernel_pids(server)
        assert len(pids) == 20
        counts = _tcp_connections_to(postgres_server.port, pids)
        assert max(counts.values()) <= 1, f"a kernel holds more than one connection: {counts}"
        assert sum(counts.values()) <= 20
        assert sum(counts.values()) >= 10, f"the kernels' widgets did use the database: {counts}"
    finally:
        _stop(server.proc)
