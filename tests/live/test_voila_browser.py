"""The live essay page in Chromium, against a running `essaykit serve`."""

from __future__ import annotations

import pytest

from helpers.browser import external_requests, shot
from helpers.notebooks import copy_examples
from helpers.serve_essays import FIRST
from helpers.servers import serve_essaykit, stop_process

pytestmark = pytest.mark.browser
LONG = 90_000  # ms; a busy machine starts kernels slowly


@pytest.fixture(scope="module")
def salt_road(tmp_path_factory):
    """``essaykit serve`` on the example essay alone ("/" is its page), as ``./dev demo`` serves it.

    Shared by the tests that only read it: each page gets a kernel of its own, so one server
    start serves them all."""
    folder = copy_examples(tmp_path_factory.mktemp("salt-road") / "essays")
    server = serve_essaykit(folder / "the-salt-road.ipynb", log=folder.parent / "serve.log")
    yield server
    stop_process(server.proc)


def test_text_is_visible_while_the_kernel_is_still_running(site, page):
    from playwright.sync_api import expect

    gate = site.folder / "gate-browser"
    gate.unlink(missing_ok=True)
    try:
        page.goto(site.url + "/voila/render/gated-browser.ipynb", wait_until="commit")
        expect(page.get_by_text(FIRST)).to_be_visible(timeout=LONG)
        expect(page.get_by_text("Text after the slow cell.")).to_be_visible()
        slot = page.locator("#ek-cell-1")
        expect(slot).to_have_attribute("aria-busy", "true")
        # The page loads in full (the widget bundle included) while its kernel still runs the slow cell.
        page.wait_for_function("() => document.readyState === 'complete'", timeout=LONG)
        expect(slot).to_have_attribute("aria-busy", "true")
        shot(page, "live-text-before-kernel")
    finally:
        gate.touch()
    expect(slot).to_contain_text("past the gate-browser", timeout=LONG)
    expect(slot).not_to_have_attribute("aria-busy", "true")


def test_inline_and_block_spoilers_reveal_by_mouse_and_keyboard_and_are_remembered(site, page):
    from playwright.sync_api import expect

    page.goto(site.url + "/voila/render/spoilers.ipynb")
    butler, gardener = page.locator("[data-ek-spoiler]").nth(0), page.locator("[data-ek-spoiler]").nth(1)
    expect(butler).to_have_attribute("aria-expanded", "false")
    controls = butler.get_attribute("aria-controls")
    assert controls and page.locator(f"#{controls}").count() == 1, "aria-controls names the hidden text"

    butler.click()
    expect(butler).to_have_class("ek-spoiler is-revealed")
    assert butler.get_attribute("aria-expanded") == "true", "revealed, still a toggle that hides it again"
    gardener.focus()
    page.keyboard.press("Enter")
    expect(gardener).to_have_class("ek-spoiler is-revealed")

    summary = page.locator("details[data-ek-spoiler-block] > summary").first
    expect(summary).to_have_attribute("aria-expanded", "false")
    body_id = summary.get_attribute("aria-controls")
    assert body_id and page.locator(f"#{body_id}").count() == 1
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("The twist is that the house was empty.")).to_be_visible()
    expect(summary).to_have_attribute("aria-expanded", "true")
    shot(page, "live-spoilers-revealed")

    page.reload()
    expect(page.locator("[data-ek-spoiler]").nth(0)).to_have_class("ek-spoiler is-revealed")
    expect(page.locator("[data-ek-spoiler]").nth(1)).to_have_class("ek-spoiler is-revealed")
    expect(page.get_by_text("The twist is that the house was empty.")).to_be_visible()
    expect(page.get_by_text("And the ending, in full.")).to_be_visible()  # same block: consecutive tagged cells


def test_a_new_reader_starts_with_spoilers_hidden(site, browser):
    from playwright.sync_api import expect

    context = browser.new_context()
    page = context.new_page()
    page.goto(site.url + "/voila/render/spoilers.ipynb")
    expect(page.get_by_text("The twist is that the house was empty.")).to_be_hidden()
    assert page.locator(".ek-spoiler.is-revealed").count() == 0, "reveals are per browser, not per server"
    context.close()


def test_reveal_all_opens_everything_and_is_remembered(site, browser):
    from playwright.sync_api import expect

    context = browser.new_context()
    page = context.new_page()
    page.goto(site.url + "/voila/render/spoilers.ipynb")
    button = page.locator("[data-ek-reveal-all]")
    expect(button).to_have_accessible_name("Reveal all spoilers")
    button.focus()
    page.keyboard.press("Space")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_have_accessible_name("Hide spoilers")
    expect(page.get_by_text("And the ending, in full.")).to_be_visible()
    page.reload()
    expect(page.get_by_text("And the ending, in full.")).to_be_visible()
    expect(page.locator(".ek-spoiler.is-revealed")).to_have_count(2)
    # One accidental "Reveal all" is undone in one press, and stays undone.
    page.get_by_role("button", name="Hide spoilers").click()
    expect(page.get_by_text("And the ending, in full.")).to_be_hidden()
    expect(page.locator(".ek-spoiler.is-revealed")).to_have_count(0)
    page.reload()
    expect(page.locator("[data-ek-reveal-all]")).to_have_accessible_name("Reveal all spoilers")
    expect(page.locator(".ek-spoiler.is-revealed")).to_have_count(0)
    expect(page.get_by_text("And the ending, in full.")).to_be_hidden()
    context.close()


def test_a_raising_cell_shows_a_friendly_note_and_no_traceback(site, page):
    from playwright.sync_api import expect

    page.goto(site.url + "/voila/render/broken.ipynb")
    expect(page.get_by_text("This part of the essay could not be shown.")).to_be_visible(timeout=LONG)
    expect(page.get_by_text("still running after the error")).to_be_visible(timeout=LONG)
    text = page.evaluate("document.documentElement.innerText")
    for leak in ("Traceback", "kaboom", "RuntimeError", "show_tracebacks", "Voilà"):
        assert leak not in text, f"{leak!r} must not be shown to readers"


def test_widgets_hydrate_in_place_with_no_external_requests(site, page):
    from playwright.sync_api import expect

    page.goto(site.url + "/voila/render/widget.ipynb")
    button = page.get_by_role("button", name="Press me")
    expect(button).to_be_visible(timeout=LONG)
    assert page.locator("#ek-cell-1").locator("button").count() == 1, "the widget renders inside its cell's slot"
    expect(page.locator("#ek-cell-1 .ek-placeholder")).to_be_hidden()
    page.wait_for_load_state("networkidle")
    assert external_requests(page.requests_seen) == [], "the live page must not fetch anything remote"
    shot(page, "live-widget")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_example_essay_makes_no_external_requests(salt_road, browser, scheme):
    from playwright.sync_api import expect

    context = browser.new_context(color_scheme=scheme, viewport={"width": 1100, "height": 900})
    page = context.new_page()
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(salt_road.url + "/")
    expect(page.get_by_role("heading", name="The Salt Road", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="All essays")).to_have_count(0)  # one essay: "/" is this page
    expect(page.locator("[data-ek-theme-toggle]")).to_be_visible()
    page.wait_for_load_state("networkidle", timeout=LONG)
    expect(page.locator(".ek-slot.is-pending")).to_have_count(0, timeout=LONG)
    assert external_requests(seen) == [], "only 127.0.0.1 may be contacted"
    text = page.evaluate("document.body.innerText")
    assert "could not be shown" not in text and "unavailable" not in text, \
        "every cell of the example runs: the kernel found its essay and the default database"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (background == "rgb(23, 21, 19)") == (scheme == "dark"), f"{scheme} scheme follows the reader: {background}"
    shot(page, f"live-salt-road-{scheme}")
    context.close()


def test_the_demo_chart_redraws_when_the_reader_moves_its_slider(salt_road, page):
    """The example essay's live widget, as `./dev demo` serves it: the page's kernel redraws the chart."""
    from playwright.sync_api import expect

    page.goto(salt_road.url + "/")
    chart = page.locator(".widget-interact")
    # ipywidgets' slider (noUiSlider) names its handle by the value, not by the description: found by its box.
    slider = chart.locator(".widget-slider").filter(has_text="Day").get_by_role("slider")
    expect(slider).to_be_visible(timeout=LONG)
    expect(slider).not_to_have_attribute("aria-disabled", "true", timeout=LONG)  # the live one, not the saved one
    caption = chart.locator(".widget-output")
    expect(caption).to_contain_text("Day 1 of 11: 18 minutes on screen", timeout=LONG)
    drawn = chart.locator(".widget-output img, .widget-output svg").first
    expect(drawn).to_be_visible()
    before = drawn.evaluate("e => e.outerHTML")

    slider.focus()
    page.keyboard.press("ArrowRight")
    expect(caption).to_contain_text("Day 2 of 11: 9 minutes on screen", timeout=LONG)
    expect(caption).not_to_contain_text("Day 1 of 11")
    after = chart.locator(".widget-output img, .widget-output svg").first
    expect(after).to_be_visible()
    assert after.evaluate("e => e.outerHTML") != before, "the kernel drew a new chart, not only a new caption"
    assert page.console_errors == [], page.console_errors
    shot(page, "live-demo-chart")
