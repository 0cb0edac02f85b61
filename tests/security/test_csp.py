"""Attack surface: a Content-Security-Policy with ``'unsafe-eval'`` lets any injected string become code.

Measured in Chromium: Voilà's front end, ipywidgets (slider, button, Output), anywidget and
essaykit's own widgets and comment script all run under a policy without it, so the server no
longer sends it. The browser reports every violation (``securitypolicyviolation`` events and
console errors); a deliberate ``eval`` shows the reporting works.
"""

from __future__ import annotations

import pytest
from helpers.browser import shot
from helpers.hardening import PLAIN, WIDGETS, request, serve_site
from helpers.servers import stop_process

WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = serve_site(tmp_path_factory.mktemp("csp") / "essays")
    yield server
    stop_process(server.proc)


def policy(pairs) -> str:
    return dict(pairs).get("content-security-policy", "")


@pytest.mark.parametrize("path", ["/", f"/voila/render/{WIDGETS}.ipynb", f"/voila/render/{PLAIN}.ipynb",
                                  "/voila/render/missing.ipynb", "/no/such/page"])
def test_no_unsafe_eval_in_the_policy(server, path):
    _status, pairs, _ = request(server, "GET", path)
    csp = policy(pairs)
    assert "script-src 'self'" in csp, f"{path}: the policy is sent ({csp!r})"
    assert "unsafe-eval" not in csp, f"{path}: {csp}"


def test_live_widgets_run_without_unsafe_eval(server, page):
    page.add_init_script(WATCH)
    csp_errors = []
    page.on("console", lambda m: m.type == "error" and ("Content Security Policy" in m.text or "EvalError" in m.text)
            and csp_errors.append(m.text))
    page.on("pageerror", lambda e: csp_errors.append(f"uncaught: {e}"))
    page.goto(server.url + f"/voila/render/{WIDGETS}.ipynb")

    page.get_by_role("button", name="Say hi").click(timeout=90_000)  # ipywidgets Button -> Python -> Output
    page.get_by_text("hi from python").wait_for(timeout=30_000)
    page.get_by_role("slider").first.focus()  # a slider whose observer updates a Label, in Python
    page.keyboard.press("ArrowRight")
    page.get_by_text("value 4").wait_for(timeout=30_000)
    page.get_by_role("button", name="Culprit").click()  # essaykit's Spoiler (anywidget ESM)
    page.get_by_text("It was the butler.").wait_for(timeout=30_000)
    page.locator("#ek-cell-3 .ek-comment-form").wait_for(timeout=30_000)  # the comment section in a kernel cell
    shot(page, "csp-widgets")

    assert page.evaluate("window.__violations") == [], "no CSP violation while the widgets ran"
    assert csp_errors == []
    assert page.evaluate("document.cookie") == "", "every cookie is HttpOnly: scripts see none"

    # The control: a string turned into code is reported, so the silence above means something.
    # (From a timer: code Playwright injects runs with eval allowed; the timer's callback is the page's own.)
    page.add_script_tag(content="setTimeout(() => { try { eval('1 + 1'); window.__evalRefused = 'no' }"
                                " catch (e) { window.__evalRefused = String(e) } }, 0)")
    page.wait_for_function("window.__evalRefused !== undefined")
    assert "EvalError" in page.evaluate("window.__evalRefused"), "the browser refuses eval on this page"
    page.wait_for_function("window.__violations.length > 0")
    assert any("script-src" in v for v in page.evaluate("window.__violations"))
