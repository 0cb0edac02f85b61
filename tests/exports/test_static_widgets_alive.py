"""Static pages with JavaScript: ipywidgets' own HTML manager, from the one committed bundle, brings
the saved widgets to life in place of the server's drawing (sliders move, jslink/jsdlink follow,
tabs switch), on a lone export (bundle inline) and on a site page (the site's hashed file), opened
from file:// with no network; without JavaScript the drawing stays. The page's CSP lets its own
scripts run and nothing else."""

from __future__ import annotations

import json
import re

import pytest

from essaykit.essay import load_essay
from essaykit.exports.execute import execute_essay
from essaykit.exports.page import render_page
from essaykit.exports.site import BuildOptions, build_site
from essaykit.html.widget_bundle import manifest
from helpers.browser import external_requests
from helpers.notebooks import code_cell, md_cell, notebook

CELLS = [
    ("alone", "w.IntSlider(value=7, min=0, max=10, description='Alone')"),
    ("linked", "a = w.IntSlider(value=4, max=10, description='a')\nb = w.IntSlider(value=4, max=10, description='b')\n"
               "w.jslink((a, 'value'), (b, 'value'))\nw.VBox([a, b])"),
    ("directed", "c = w.IntSlider(value=2, max=10, description='c')\nd = w.IntSlider(value=2, max=10, description='d')\n"
                 "w.jsdlink((c, 'value'), (d, 'value'))\nw.VBox([c, d])"),
    ("image", "import base64\nw.Image(value=base64.b64decode('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8"
              "DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=='), format='png', width=32)"),
    ("tabs", "tab = w.Tab(children=[w.Text(value='first page'), w.Text(value='second page')])\n"
             "tab.titles = ['One', 'Two']\ntab.selected_index = 1\ntab"),
]


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """{"export": lone page, "site": site page}, both from one run of the notebook."""
    folder = tmp_path_factory.mktemp("alive")
    cells = [md_cell("Widgets that need no kernel."), code_cell("import ipywidgets as w", tags=["remove-input"])]
    for name, code in CELLS:
        cells += [md_cell(f"## {name}"), code_cell(code)]
    source = folder / "alive.ipynb"
    source.write_text(json.dumps(notebook(cells, essay={"title": "Alive", "slug": "alive"})), encoding="utf-8")
    essay = execute_essay(load_essay(source))
    export = folder / "alive.html"
    export.write_text(render_page(essay), encoding="utf-8")
    notebooks = folder / "notebooks"
    notebooks.mkdir()
    (notebooks / "alive.ipynb").write_text(json.dumps(essay.notebook), encoding="utf-8")
    site = folder / "site"
    report = build_site(notebooks, site, BuildOptions(jobs=1, execute=False), stream=open("/dev/null", "w"))
    assert not report.failed, report.failed
    return {"export": export, "site": site / "alive.html"}


def test_a_site_shares_one_hashed_precompressed_bundle(pages):
    site_page = pages["site"].read_text(encoding="utf-8")
    name = manifest()["js"]
    folder = pages["site"].parent / "essaykit" / "widgets"
    assert f'<script src="essaykit/widgets/{name}" data-ek-saved defer></script>' in site_page
    assert (folder / name).is_file() and (folder / f"{name}.gz").is_file(), "the file and its gzip are in the site"
    assert "script-src 'self' 'sha256-" in site_page, "the site's files and the page's own inline scripts, by hash"
    lone = pages["export"].read_text(encoding="utf-8")
    assert "<script data-ek-saved>" in lone and "script-src 'sha256-" in lone, "a lone page inlines it, by hash"
    assert "'self'" not in lone.split('http-equiv="Content-Security-Policy"', 1)[1].split(">", 1)[0]


def test_a_page_without_widgets_carries_no_bundle(write_notebook):
    essay = load_essay(write_notebook(notebook([md_cell("Plain text.")], essay={"title": "T", "slug": "t"})))
    html = render_page(essay)
    assert "data-ek-saved" not in html and "Content-Security-Policy" not in html


def _open(browser, path, *, javascript=True):
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1000, "height": 900})
    page = context.new_page()
    page.requests_seen, page.problems = [], []
    page.on("request", lambda r: page.requests_seen.append(r.url))
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.goto(path.as_uri())
    return context, page


def _section(page, name):
    return page.locator(f"h2#ek-h-{name} + .ek-output")


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["export", "site"])
def test_saved_widgets_come_to_life_with_javascript(browser, pages, kind):
    from playwright.sync_api import expect

    context, page = _open(browser, pages[kind])
    page.wait_for_function("document.documentElement.hasAttribute('data-ek-widgets')")
    assert page.evaluate("document.documentElement.dataset.ekWidgets") == str(len(CELLS)), page.problems
    assert page.locator(".ek-widget.is-live").count() == len(CELLS), "each drawing was replaced by ipywidgets' view"

    def press(name, key, readouts, handle=0):
        """Press ``key`` on slider ``handle`` of section ``name``; its readouts become ``readouts``."""
        section = _section(page, name)
        section.locator(".noUi-handle").nth(handle).focus()
        page.keyboard.press(key)
        expect(section.locator(".widget-readout")).to_have_text(readouts)

    press("alone", "ArrowRight", ["8"])
    press("linked", "End", ["10", "10"])
    press("linked", "Home", ["0", "0"], handle=1)  # jslink goes both ways
    press("directed", "ArrowRight", ["3", "3"])
    press("directed", "ArrowRight", ["3", "4"], handle=1)  # jsdlink goes one way only

    tabs = _section(page, "tabs")
    expect(tabs.locator(".lm-TabBar-tab.lm-mod-current")).to_have_text("Two")
    tabs.locator(".lm-TabBar-tab", has_text="One").click()
    expect(tabs.locator(".lm-TabBar-tab.lm-mod-current")).to_have_text("One")
    expect(tabs.locator("input").first).to_be_visible()
    expect(tabs.locator("input").nth(1)).to_be_hidden()

    # The Image's bytes, saved as a base64 buffer, drawn by ipywidgets' view from a blob: URL of its own.
    picture = _section(page, "image").locator("img.widget-image")
    expect(picture).to_have_attribute("src", re.compile(r"^blob:"))
    page.wait_for_function("img => img.complete && img.naturalWidth === 1", arg=picture.element_handle())

    assert not page.problems, page.problems  # no CSP refusal, no error
    assert not external_requests(page.requests_seen), "nothing from the network, not even a CDN"
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["export", "site"])
def test_without_javascript_the_drawing_stays(browser, pages, kind):
    context, page = _open(browser, pages[kind], javascript=False)
    assert page.locator(".ek-widget").count() == len(CELLS)
    assert page.locator(".ek-widget.is-live").count() == 0
    assert _section(page, "alone").locator(".widget-readout").inner_text() == "7"
    assert _section(page, "tabs").locator(".lm-TabBar-tab.lm-mod-current").inner_text() == "Two"
    assert _section(page, "image").locator("img").get_attribute("src").startswith("data:image/png;base64,")
    assert [r for r in page.requests_seen if not r.startswith("file:")] == []
    context.close()


# The page's palette (essay.css): background and text, light and dark.
LIGHT = ("rgb(253, 252, 249)", "rgb(31, 29, 26)")
DARK = ("rgb(23, 21, 19)", "rgb(235, 230, 221)")
_COLOURS = """() => {
  const input = document.querySelector('.widget-text input');
  const label = document.querySelector('.widget-slider .widget-label');
  return [getComputedStyle(input).backgroundColor, getComputedStyle(label).color];
}"""


@pytest.mark.browser
def test_widgets_follow_the_dark_theme(browser, pages):
    # Without JavaScript: the system's dark setting, on the server's drawing.
    context = browser.new_context(java_script_enabled=False, color_scheme="dark")
    page = context.new_page()
    page.goto(pages["export"].as_uri())
    assert page.evaluate(_COLOURS) == list(DARK)
    context.close()
    # With it: ipywidgets' own views, and the reader's toggle (data-ek-theme on <html>) switching them.
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(pages["site"].as_uri())
    page.wait_for_function("document.documentElement.hasAttribute('data-ek-widgets')")
    assert page.locator(".ek-widget.is-live .widget-text input").count() == 2
    assert page.evaluate(_COLOURS) == list(LIGHT)
    page.evaluate("document.documentElement.setAttribute('data-ek-theme', 'dark')")
    assert page.evaluate(_COLOURS) == list(DARK)
    context.close()


def test_the_live_stylesheet_leaves_ipywidgets_classes_alone():
    from essaykit.html import live_asset

    css = live_asset("live.css")
    selectors = " ".join(re.findall(r"([^{}]+)\{", re.sub(r"/\*.*?\*/", "", css, flags=re.S)))
    assert not re.search(r"\.(widget-|jupyter-widgets|lm-|noUi-)", selectors), \
        "ipywidgets is styled through its variables (widgets.css), not by restyling its classes"
