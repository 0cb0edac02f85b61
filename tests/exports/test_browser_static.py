"""The static page in a real Chromium: offline, spoilers by mouse and keyboard,
reveal all, small screens, dark mode, print, and no JavaScript."""

import json
import time

import pytest

from essaykit.essay import load_essay
from essaykit.exports.page import render_page
from helpers import EXAMPLE
from helpers.browser import external_requests
from helpers.notebooks import code_cell, md_cell, notebook

pytestmark = pytest.mark.browser

HIDDEN = "rgba(0, 0, 0, 0)"


@pytest.fixture
def example_page(tmp_path):
    path = tmp_path / "the-salt-road.html"
    path.write_text(render_page(load_essay(EXAMPLE)), encoding="utf-8")
    return path


def text_color(page, selector, index=0):
    return page.locator(selector).nth(index).evaluate("el => getComputedStyle(el).color")


def becomes_visible_text(page, selector, index=0, timeout=60.0) -> bool:
    """Poll (the colour fades in with a transition) until the text has the body's colour.

    Polled from Python because page.wait_for_function needs page scripts,
    which one test turns off."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if page.locator(selector).nth(index).evaluate(
                "el => getComputedStyle(el).color === getComputedStyle(document.body).color"):
            return True
        page.wait_for_timeout(50)
    return False


def test_title_and_first_paragraph_are_visible(page, example_page, tmp_path, static_server):
    essay = load_essay(EXAMPLE)
    base = static_server(example_page.parent)
    page.goto(base + example_page.name)
    title = page.locator("h1.ek-title")
    assert title.is_visible()
    assert title.inner_text() == essay.meta.title
    first = page.locator(".ek-body > p").first
    assert first.is_visible(), "the opening paragraph should be on screen"
    assert essay.blocks[0].source.split()[0] in first.inner_text()
    # Not executed, the page has no rating block, so the header shows the author's verdict.
    assert page.locator(".ek-rating [role=img]").get_attribute("aria-label") == "Rated 4 out of 5"
    page.screenshot(path=str(tmp_path / "static.png"), full_page=False)


@pytest.mark.parametrize("via", ["file", "http"])
def test_opening_the_page_makes_no_other_request(page, example_page, static_server, via):
    url = example_page.as_uri() if via == "file" else static_server(example_page.parent) + example_page.name
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert page.requests_seen == [url], f"the page must load nothing but itself, saw {page.requests_seen}"
    assert external_requests(page.requests_seen) == []
    assert page.console_errors == []


def test_inline_spoiler_hidden_then_revealed_by_click(page, example_page):
    page.goto(example_page.as_uri())
    spoiler = page.locator("[data-ek-spoiler]").first
    assert text_color(page, "[data-ek-spoiler] .ek-spoiler__text") == HIDDEN, "spoiler text starts invisible"
    assert page.get_by_role("button", name="spoiler, activate to reveal").first.evaluate("el => el") is not None
    assert spoiler.evaluate("el => el.textContent").endswith("spoiler, activate to reveal")
    assert spoiler.get_attribute("role") == "button" and spoiler.get_attribute("aria-expanded") == "false"
    spoiler.click()
    page.locator("body").click(position={"x": 5, "y": 5})  # move focus away: the reveal must stick
    assert "is-revealed" in spoiler.get_attribute("class")
    assert spoiler.get_attribute("role") == "button" and spoiler.get_attribute("aria-expanded") == "true", \
        "revealed, it is still a toggle: activated again it hides the words"
    assert spoiler.locator(".ek-spoiler__text").get_attribute("aria-hidden") is None, "and readable by screen readers"
    assert not spoiler.locator(".ek-spoiler__label").is_visible() and \
        spoiler.locator(".ek-spoiler__label").get_attribute("hidden") is not None, "its name is now its words"
    assert becomes_visible_text(page, "[data-ek-spoiler] .ek-spoiler__text"), "clicking reveals the text"
    spoiler.click()  # hide it again; focus stays on it
    assert spoiler.get_attribute("aria-expanded") == "false" and "is-revealed" not in spoiler.get_attribute("class")
    assert spoiler.evaluate("el => el === document.activeElement")
    assert text_color(page, "[data-ek-spoiler] .ek-spoiler__text") == HIDDEN, "hidden again, though focused"
    assert spoiler.locator(".ek-spoiler__text").get_attribute("aria-hidden") == "true"


def test_inline_spoiler_revealed_by_keyboard(page, example_page):
    page.goto(example_page.as_uri())
    spoiler = page.locator("[data-ek-spoiler]").first
    for _ in range(40):  # Tab through links, the TOC and buttons until the spoiler has focus
        page.keyboard.press("Tab")
        if spoiler.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the inline spoiler is not reachable with Tab")
    assert becomes_visible_text(page, "[data-ek-spoiler] .ek-spoiler__text"), "focus shows the text"
    page.keyboard.press("Enter")
    assert "is-revealed" in spoiler.get_attribute("class") and spoiler.get_attribute("aria-expanded") == "true", \
        "Enter reveals it"
    page.keyboard.press("Enter")
    assert spoiler.get_attribute("aria-expanded") == "false", "and Enter hides it again"
    assert text_color(page, "[data-ek-spoiler] .ek-spoiler__text") == HIDDEN


def test_spoiler_block_opens_by_mouse_and_by_keyboard(page, example_page):
    page.goto(example_page.as_uri())
    block = page.locator("details[data-ek-spoiler-block]").first
    body = block.locator(".ek-spoiler-block__body")
    assert not body.is_visible(), "spoiler blocks start closed"
    block.locator("summary").click()
    assert body.is_visible(), "clicking the label opens the block"
    block.locator("summary").click()
    assert not body.is_visible()
    block.locator("summary").focus()
    page.keyboard.press("Space")
    assert body.is_visible(), "the label is a native control: Space opens it"


def test_reveal_all_opens_every_spoiler(page, example_page, tmp_path):
    page.goto(example_page.as_uri())
    button = page.get_by_role("button", name="Reveal all spoilers")
    assert button.is_visible()
    button.click()
    assert page.locator("details[data-ek-spoiler-block]:not([open])").count() == 0
    for i in range(page.locator("[data-ek-spoiler]").count()):
        assert becomes_visible_text(page, "[data-ek-spoiler] .ek-spoiler__text", i)
    assert page.locator("[data-ek-reveal-all]").get_attribute("aria-pressed") == "true"
    page.screenshot(path=str(tmp_path / "revealed.png"), full_page=True)
    hide = page.get_by_role("button", name="Hide spoilers")
    assert hide.is_visible(), "the same button now hides them again"
    hide.click()
    assert page.locator("details[data-ek-spoiler-block][open]").count() == 0
    assert page.locator("[data-ek-spoiler].is-revealed").count() == 0
    assert text_color(page, "[data-ek-spoiler] .ek-spoiler__text") == HIDDEN
    assert page.get_by_role("button", name="Reveal all spoilers").get_attribute("aria-pressed") == "false"


def test_touch_targets_are_44px_on_a_phone(browser, tmp_path):
    from essaykit import html as vocab

    # A page with every reader control: spoilers, the theme toggle, a live rating's stars and buttons.
    page_html = ("<!DOCTYPE html><html><head><meta name='viewport' content='width=device-width, initial-scale=1'>"
                 f"<style>{vocab.stylesheet()}</style></head><body>"
                 + str(vocab.macros().site_header(None, "", "index.html"))
                 + str(vocab.macros().reveal_all(2))
                 + vocab.spoiler_block("The ending", "<p>Words.</p>")
                 + vocab.rating_widget(essay="e", scale=5, value=4, average=None, count=0, action="/r")
                 + "<button type='button' class='ek-button'>Reply</button></body></html>")
    (tmp_path / "controls.html").write_text(page_html, encoding="utf-8")
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    phone = context.new_page()
    phone.goto((tmp_path / "controls.html").as_uri())
    sizes = phone.locator(".ek-rate, .ek-button, .ek-reveal-all, .ek-theme-toggle, .ek-spoiler-block > summary")
    boxes = [(sizes.nth(i).evaluate("e => e.className || e.tagName"), sizes.nth(i).bounding_box())
             for i in range(sizes.count())]
    context.close()
    assert len(boxes) >= 9
    small = [(name, box["width"], box["height"]) for name, box in boxes
             if box["height"] < 44 or ("ek-rate" in name and box["width"] < 44)]
    assert small == [], "every control a finger presses is at least 44 px"


def test_no_horizontal_scroll_at_360px(browser, example_page, tmp_path):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(example_page.as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "nothing may overflow a small phone"
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=False)
    context.close()


def test_readable_measure_on_a_wide_screen(page, example_page):
    page.goto(example_page.as_uri())
    chars = page.evaluate("""() => {
        const p = document.querySelector('.ek-body > p');
        const ctx = document.createElement('canvas').getContext('2d');
        ctx.font = getComputedStyle(p).font;
        const text = p.textContent;
        return p.clientWidth / (ctx.measureText(text).width / text.length);
    }""")
    assert 55 <= chars <= 80, f"about 60-75 characters per line, got {chars:.0f}"


def test_dark_theme_follows_the_system(browser, example_page, tmp_path):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(example_page.as_uri())
    bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    r, g, b = (int(x) for x in bg[bg.index("(") + 1:-1].split(",")[:3])
    assert r + g + b < 150, f"prefers-color-scheme: dark gives a dark page, got {bg}"
    page.screenshot(path=str(tmp_path / "dark.png"))
    context.close()


def test_print_shows_spoilers_marked_as_spoilers(page, example_page, tmp_path):
    page.goto(example_page.as_uri())
    page.emulate_media(media="print")
    assert becomes_visible_text(page, "[data-ek-spoiler] .ek-spoiler__text"), "inline spoilers print in full"
    marker = page.locator("[data-ek-spoiler]").first.evaluate("el => getComputedStyle(el, '::before').content")
    assert "spoiler" in marker, "and are marked as spoilers"
    assert page.locator(".ek-spoiler-block__body").first.is_visible(), "closed spoiler blocks print open"
    block_marker = page.locator("details[data-ek-spoiler-block]").first.evaluate(
        "el => getComputedStyle(el, '::before').content")
    assert "Spoiler" in block_marker
    assert not page.get_by_role("button", name="Reveal all spoilers").is_visible(), "no buttons on paper"
    page.pdf(path=str(tmp_path / "print.pdf"))


def test_works_without_javascript(browser, example_page, tmp_path):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(example_page.as_uri())
    assert page.locator("h1.ek-title").is_visible()
    assert text_color(page, "[data-ek-spoiler] .ek-spoiler__text") == HIDDEN, "spoilers are still hidden"
    assert not page.locator("button.ek-reveal-all").is_visible(), "a control that needs JS is not offered"
    page.locator("[data-ek-spoiler]").first.focus()
    assert becomes_visible_text(page, "[data-ek-spoiler] .ek-spoiler__text"), "focus reveals without JS"
    block = page.locator("details[data-ek-spoiler-block]").first
    block.locator("summary").click()
    assert block.locator(".ek-spoiler-block__body").is_visible(), "blocks open natively without JS"
    page.screenshot(path=str(tmp_path / "nojs.png"))
    context.close()


def test_hostile_title_is_inert_in_the_browser(page, tmp_path):
    title = "</title><script>window.pwned = 1</script><img src=x onerror=window.pwned=2>"
    nb = notebook([md_cell("Body <script>window.pwned = 3</script> text."),
                   code_cell("x", outputs=[{"output_type": "display_data", "metadata": {},
                                            "data": {"text/html": "<script>window.pwned = 4</script>"}}])],
                  {"title": title})
    src = tmp_path / "evil.ipynb"
    src.write_text(json.dumps(nb))
    out = tmp_path / "evil.html"
    out.write_text(render_page(load_essay(src)))
    page.goto(out.as_uri())
    assert page.evaluate("document.title") == title, "the title shows as text"
    assert page.locator("h1.ek-title").inner_text() == title
    assert page.evaluate("window.pwned") is None, "nothing the author or the title smuggled in ran"
    assert page.evaluate("document.querySelectorAll('script:not([type=\"application/ld+json\"])').length") == 2, \
        "only the page's own scripts exist (theme line, enhancement)"
    assert page.evaluate("JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').text).headline") \
        == title, "the structured data is one data block holding the title as text"
    assert page.requests_seen == [out.as_uri()], "the broken <img src=x> was escaped, not requested"
