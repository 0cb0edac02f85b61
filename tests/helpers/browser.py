"""One headless Debian Chromium for the session, driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import missing

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Stock Voilà's lab template links Font Awesome from a CDN; that is Voilà's request, not ours.
STOCK_VOILA_CDN = ("https://cdn.jsdelivr.net/npm/@fortawesome/",)


# Playwright waits 30 s for an action or a navigation and 5 s for an expect() by default. With ten
# busy processes on two cores a page can take longer than that to do what it certainly will do, so
# every browser test waits longer; a test that must fail fast still says so with its own timeout=.
ACTION_MS = 90_000
EXPECT_MS = 30_000


class PatientBrowser:
    """The Playwright browser, whose new contexts and pages wait ``ACTION_MS`` for actions and navigations.

    A Chromium that crashed or was disconnected under one test is launched again for the next, rather
    than failing every browser test after it in that worker."""

    def __init__(self, launch):
        self._launch = launch
        self._browser = launch()

    def _connected(self):
        if not self._browser.is_connected():
            self._browser = self._launch()
        return self._browser

    def __getattr__(self, name):
        return getattr(self._connected(), name)

    def new_context(self, *args, **kwargs):
        context = self._connected().new_context(*args, **kwargs)
        context.set_default_timeout(ACTION_MS)
        context.set_default_navigation_timeout(ACTION_MS)
        return context

    def new_page(self, *args, **kwargs):
        page = self._connected().new_page(*args, **kwargs)
        page.set_default_timeout(ACTION_MS)
        page.set_default_navigation_timeout(ACTION_MS)
        return page


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the session, driven by Playwright."""
    if not Path(CHROMIUM).exists():
        missing(f"{CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        missing("the playwright Python package")
    expect.set_options(timeout=EXPECT_MS)
    with sync_playwright() as pw:
        browser = PatientBrowser(lambda: pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                                            headless=True))
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def caret_browser(browser):
    """A second Chromium with caret browsing on (F7 in a desktop Chromium): how a keyboard-only reader selects
    words of a page with Shift+arrows. Launched by the session's Playwright, only for the tests that ask."""
    found = PatientBrowser(lambda: browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--enable-caret-browsing"], headless=True))
    yield found
    found.close()


@pytest.fixture
def page(browser):
    """A fresh browser context and page; every request it makes is recorded in ``page.requests_seen``."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.requests_seen = []
    page.on("request", lambda req: page.requests_seen.append(req.url))
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    yield page
    context.close()


def shot(page, name: str, *, full_page: bool = True) -> None:
    """Screenshots for people to look at (ESSAYKIT_SHOTS=folder); never an assertion. ``full_page=False``:
    what the reader sees now (a narrow page's whole length is too tall to read)."""
    folder = os.environ.get("ESSAYKIT_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=full_page)


def external_requests(urls: list[str], allowed_prefixes: tuple[str, ...] = ()) -> list[str]:
    """Requests that leave this machine: anything not file:, data:, blob: or loopback."""
    local = ("file:", "data:", "blob:", "about:", "http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "ws://localhost")
    return [u for u in urls if not u.startswith(local + allowed_prefixes)]
