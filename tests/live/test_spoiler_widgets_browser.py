"""Spoiler widgets on the live page obey "Reveal all spoilers" and are remembered, like text spoilers.

A Spoiler widget only exists once the kernel has run its cell, after the page
has loaded; these tests check that the page still opens it when the reader
asked for everything, and reopens it after a reload when the reader opened it.
"""

from __future__ import annotations

import json

import pytest

from helpers.browser import shot
from helpers.notebooks import code_cell, md_cell, notebook
from helpers.servers import serve_essaykit, stop_process

pytestmark = pytest.mark.browser
LONG = 90_000  # ms; a busy machine starts kernels slowly
HIDDEN = "The lighthouse keeper wrote every letter himself."


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("spoiler-widgets") / "essays"
    folder.mkdir()
    nb = notebook(
        [md_cell("Two small reveals: ||the letters|| and ||the keeper||."),
         # A computed label: the server cannot draw this spoiler itself (a literal one is served as its
         # static twin, see tests/live/test_capacity.py), so the kernel makes the widget.
         code_cell(f"from essaykit import Spoiler\nSpoiler({HIDDEN!r}, label=' '.join(['Who', 'wrote', 'the', 'letters']))"),
         md_cell("Closing words.")],
        essay={"title": "Letters", "slug": "letters", "author": "Tester", "date": "2026-11-02"},
    )
    (folder / "letters.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    server = serve_essaykit(folder / "letters.ipynb", log=folder.parent / "server.log", warm_kernels=1)
    yield server
    stop_process(server.proc)


def _open_fresh(browser, site):
    from playwright.sync_api import expect

    context = browser.new_context()
    page = context.new_page()
    page.goto(site.url + "/")
    toggle = page.get_by_role("button", name="Who wrote the letters")
    expect(toggle).to_be_visible(timeout=LONG)
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_text(HIDDEN)).to_be_hidden()
    shot(page, "spoiler-widget-closed")
    return context, page, toggle


def test_reveal_all_opens_spoiler_widgets_and_is_remembered(site, browser):
    from playwright.sync_api import expect

    context, page, toggle = _open_fresh(browser, site)
    page.get_by_role("button", name="Reveal all spoilers").click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_text(HIDDEN)).to_be_visible()
    expect(page.locator(".ek-spoiler.is-revealed")).to_have_count(2)
    shot(page, "spoiler-widget-revealed-by-reveal-all")

    page.reload()
    toggle = page.get_by_role("button", name="Who wrote the letters")
    expect(toggle).to_have_attribute("aria-expanded", "true", timeout=LONG)
    expect(page.get_by_text(HIDDEN)).to_be_visible()
    context.close()


def test_an_opened_spoiler_widget_is_remembered_alone(site, browser):
    from playwright.sync_api import expect

    context, page, toggle = _open_fresh(browser, site)
    toggle.click()
    expect(page.get_by_text(HIDDEN)).to_be_visible()

    page.reload()
    toggle = page.get_by_role("button", name="Who wrote the letters")
    expect(toggle).to_have_attribute("aria-expanded", "true", timeout=LONG)
    expect(page.get_by_text(HIDDEN)).to_be_visible()
    assert page.locator(".ek-spoiler.is-revealed").count() == 0, "only the widget was opened, not the text spoilers"
    context.close()


def test_a_new_reader_sees_the_spoiler_widget_closed(site, browser):
    context, page, _ = _open_fresh(browser, site)  # asserts it is closed and its text hidden
    context.close()
