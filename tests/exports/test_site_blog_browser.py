"""The blog features in Chromium: sidenotes at 1280 px and end notes at 390 px (and in print), a figure's
caption, og tags, a tag page and its feed, drafts left out, and the dark-mode toggle surviving a reload
without a flash. Screenshots go to $ESSAYKIT_SHOTS when set."""

import io
import os
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from blog_fixtures import review_folder  # noqa: E402

from essaykit.exports.settings import SiteSettings, NavLink  # noqa: E402
from essaykit.exports.site import BuildOptions, build_site  # noqa: E402

pytestmark = pytest.mark.browser
LONG = 90_000  # ms: Chromium on two cores shared with a loaded machine
SETTINGS = SiteSettings(title="Film notes", author="Mara Quill", bio="Slow cinema, fast trains.",
                        nav=(NavLink("About", "https://example.org/about/"),))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("blog")
    out = root / "site"
    report = build_site(review_folder(root / "essays"), out, BuildOptions(
        jobs=1, execute=False, settings=SETTINGS, title=SETTINGS.title), stream=io.StringIO())
    assert not report.failed
    return out


@pytest.fixture(scope="module")
def served(site):
    """The site over HTTP on loopback, as a web server would serve it (tags/x/ is tags/x/index.html)."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def shot(page, name):
    folder = os.environ.get("ESSAYKIT_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def open_page(browser, url, width, scheme="light"):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.requests_seen = []
    page.on("request", lambda r: page.requests_seen.append(r.url))
    page.goto(url)
    return page


def test_sidenote_beside_the_text_at_1280_px(browser, site):
    page = open_page(browser, (site / "trains.html").as_uri(), 1280)
    note = page.locator(".ek-sidenote").first
    assert note.is_visible() and "Shot at a real station" in note.inner_text()
    body = page.locator(".ek-body").bounding_box()
    box = note.bounding_box()
    assert box["x"] >= body["x"] + body["width"], "the sidenote sits in the margin, right of the text column"
    ref = page.locator(".ek-fnref").first.bounding_box()
    assert abs(box["y"] - ref["y"]) < 40, "level with its reference"
    assert box["x"] + box["width"] <= 1280, "inside the window"
    assert not page.locator(".ek-endnotes").is_visible(), "no second copy of the notes"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280, "no sideways scrolling"
    shot(page, "blog-trains-1280-light")
    assert all(u.startswith("file:") or u.startswith("data:") for u in page.requests_seen)
    page.context.close()


def test_end_notes_at_390_px_and_in_print(browser, site):
    page = open_page(browser, (site / "trains.html").as_uri(), 390, "dark")
    assert not page.locator(".ek-sidenote").first.is_visible()
    notes = page.locator(".ek-endnotes")
    assert notes.is_visible() and notes.locator("li").count() == 3
    page.locator(".ek-fnref a").first.click()
    assert page.evaluate("location.hash").startswith("#ek-fn-")
    target = page.locator(":target")
    assert "Shot at a real station" in target.inner_text() and target.is_visible()
    page.locator(":target .ek-fn-back").click()
    assert page.evaluate("location.hash") == "#ek-fn-ref-1", "the back link returns to the reference"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "blog-trains-390-dark")
    page.emulate_media(media="print")
    wide = open_page(browser, (site / "trains.html").as_uri(), 1280)
    wide.emulate_media(media="print")
    assert wide.locator(".ek-endnotes").is_visible() and not wide.locator(".ek-sidenote").first.is_visible()
    page.context.close()
    wide.context.close()


def test_figure_caption_and_image_size(browser, site):
    page = open_page(browser, (site / "trains.html").as_uri(), 1280)
    caption = page.locator("figure figcaption")
    assert caption.inner_text() == "The platform in the first reel" and caption.is_visible()
    img = page.locator("figure img")
    assert img.get_attribute("loading") == "lazy"
    box = img.bounding_box()
    assert (round(box["width"]), round(box["height"])) == (320, 180)
    page.context.close()


def test_og_tags_in_the_dom(browser, site):
    page = open_page(browser, (site / "trains.html").as_uri(), 1280)
    meta = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('meta[property], meta[name]')]
        .map(m => [m.getAttribute('property') || m.getAttribute('name'), m.content]))""")
    assert meta["og:type"] == "article" and meta["og:image"] == "trains.card.png"
    assert meta["twitter:image"] == "trains.card.png" and meta["article:published_time"] == "2026-03-01"
    tags = page.evaluate("[...document.querySelectorAll('meta[property=\"article:tag\"]')].map(m => m.content)")
    assert tags == ["slow cinema", "trains"]
    page.context.close()


def test_tag_page_and_its_feed(browser, site, served):
    page = open_page(browser, served + "trains.html", 1280)
    page.get_by_role("link", name="slow cinema").click()
    assert page.locator("h1").inner_text() == "Tagged “slow cinema”"
    titles = page.locator(".ek-index__title a").all_inner_texts()
    assert titles == ["Trains at Dusk", "Harbour Lights"]
    feed_href = page.locator("link[rel=alternate][type='application/atom+xml']").first.get_attribute("href")
    import urllib.request

    with urllib.request.urlopen(page.url + feed_href) as answer:
        feed = ET.fromstring(answer.read())
    assert [e.findtext("{http://www.w3.org/2005/Atom}title") for e in feed.iter("{http://www.w3.org/2005/Atom}entry")] \
        == titles
    page.locator(".ek-index__title a").first.click()
    assert page.locator("h1.ek-title").inner_text() == "Trains at Dusk", "links from a tag page reach the essay"
    page.context.close()


def test_drafts_are_left_out_of_the_index(browser, site):
    page = open_page(browser, (site / "index.html").as_uri(), 390)
    titles = page.locator(".ek-index__title a").all_inner_texts()
    assert titles == ["Trains at Dusk", "Harbour Lights", "The Orchard"]
    shot(page, "blog-index-390-light")
    page.context.close()


def test_dark_mode_toggle_survives_a_reload_without_a_flash(browser, site):
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    # Two busy cores can make a reload or a storage flush slow: wait for conditions, generously.
    context.set_default_timeout(LONG)
    context.set_default_navigation_timeout(LONG)
    # Record the theme at the moment <body> is first parsed: if the remembered choice
    # were applied later, the page would paint in the other colours first.
    context.add_init_script("""new MutationObserver((_, obs) => { if (document.body) {
        window.__themeAtBody = document.documentElement.getAttribute('data-ek-theme');
        window.__bgAtBody = getComputedStyle(document.documentElement).getPropertyValue('--ek-bg').trim();
        obs.disconnect(); } }).observe(document, {childList: true, subtree: true});""")

    def load_once_stored(page, url: str | None, choice: str) -> list:
        """Reload (or go to ``url``) until the new document's localStorage holds ``choice``; then the
        theme seen when <body> was first parsed, the theme now, and what is stored.

        Chromium hands localStorage writes to its storage service asynchronously, and a page loaded
        in another renderer may start before the write lands; under load that took seconds. So the
        wait is on that condition, and each check below is made on a load that did see the choice."""
        deadline = time.monotonic() + LONG / 1000
        # The click's own document holds the choice first: reload only once it does.
        page.wait_for_function(f"localStorage.getItem('ek-theme') === {choice!r}", timeout=LONG)
        while True:
            if url is None:
                page.reload()
            else:
                page.goto(url)
            state = page.evaluate("[window.__themeAtBody, document.documentElement.getAttribute('data-ek-theme'), "
                                  "localStorage.getItem('ek-theme')]")
            if state[2] == choice:
                return state
            assert time.monotonic() < deadline, f"the choice {choice!r} never reached a reloaded page: {state}"

    def background(page) -> str:
        return page.evaluate("getComputedStyle(document.body).backgroundColor")

    page = context.new_page()
    page.goto((site / "trains.html").as_uri())
    toggle = page.locator("[data-ek-theme-toggle]")
    expect(toggle).to_have_accessible_name("Dark mode", timeout=LONG)  # light (the system's) at first: it offers dark
    light_bg = background(page)
    toggle.click()
    expect(toggle).to_have_accessible_name("Light mode", timeout=LONG)  # it names the mode it switches to
    dark_bg = background(page)
    assert dark_bg != light_bg
    state = load_once_stored(page, None, "dark")
    assert state[0] == "dark", f"applied before the body is parsed: {state}"
    assert page.evaluate("window.__bgAtBody") == "#171513"
    assert background(page) == dark_bg
    expect(page.locator("[data-ek-theme-toggle]")).to_have_accessible_name("Light mode", timeout=LONG)
    state = load_once_stored(page, (site / "index.html").as_uri(), "dark")
    assert state[0] == "dark" and background(page) == dark_bg, f"remembered across pages: {state}"
    shot(page, "blog-index-1280-dark-chosen")
    page.get_by_role("button", name="Light mode").click()
    expect(page.locator("[data-ek-theme-toggle]")).to_have_accessible_name("Dark mode", timeout=LONG)
    state = load_once_stored(page, None, "light")
    assert state[0] == "light", f"the light choice is applied before the body too: {state}"
    assert background(page) == light_bg
    context.close()
    dark_system = browser.new_context(color_scheme="dark")
    dark_system.set_default_timeout(LONG)
    dark_system.set_default_navigation_timeout(LONG)
    page = dark_system.new_page()
    page.goto((site / "trains.html").as_uri())
    # With no choice made, the system's dark setting is followed.
    expect(page.locator("[data-ek-theme-toggle]")).to_have_accessible_name("Light mode", timeout=LONG)
    dark_system.close()
