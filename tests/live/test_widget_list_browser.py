"""The Widget List on a live page (essaykit serve, Chromium): ipywidgets' own manager, from essaykit's
widget bundle, draws every widget of the list with its value and label from the state the server
captured, and the controls reach the reader's kernel: a dragged slider, typing, a dropdown, radio
buttons by keyboard (the focus stays), a toggle, Play, jslink, observe callbacks, interact redrawing
its Output, and an Output widget catching what a callback prints."""

from __future__ import annotations

import gzip
import json

import pytest

from essaykit.html.widget_bundle import bundle_dir, manifest
from helpers.browser import external_requests, shot
from helpers.live_client import fetch
from helpers.notebooks import code_cell, md_cell
from helpers.servers import serve_essaykit, stop_process
from helpers.widget_list import WIDGETS, widget_list_notebook

pytestmark = pytest.mark.browser
LONG = 90_000  # ms

# What each widget of the list shows once drawn: (a selector inside its cell, the text it holds or None).
SHOWN = {
    "IntSlider": [(".widget-hslider .widget-readout", "7"), (".widget-label", "Test:")],
    "FloatSlider": [(".widget-readout", "7.5")],
    "VerticalSlider": [(".widget-vslider .widget-readout", "3.00")],
    "FloatLogSlider": [(".widget-readout", "10.0")],
    "IntRangeSlider": [(".widget-readout", "5 – 7")],
    "FloatRangeSlider": [(".widget-readout", "2.50 – 7.50")],
    "IntProgress": [(".progress-bar-success", None)],
    "FloatProgress": [(".progress-bar-danger", None)],
    "ToggleButton": [(".mod-info.mod-active", "Click me"), (".fa-check", None)],
    "Checkbox": [(".widget-checkbox", "Check me")],
    "Valid": [(".widget-valid.mod-invalid", None)],
    "RadioButtons": [(".widget-radio-box", "pineapple")],
    "SelectionSlider": [(".widget-readout", "sunny side up")],
    "ToggleButtons": [(".mod-active", "Regular")],
    "Label": [(".widget-label", None), (".widget-readout", "2.00")],
    "HTML": [(".widget-html-content b", "World")],
    "HTMLMath": [(".widget-htmlmath", None)],
    "Button": [(".mod-danger", "Click me")],
    "Play": [(".widget-play", None)],
    "Box": [(".widget-box", "0123")],
    "VBox": [(".widget-vbox", "topbottom")],
    "GridBox": [(".widget-gridbox", "cell 5")],
    "Accordion": [(".jupyter-widget-Collapse-header", "Slider")],
    "Tab": [(".lm-TabBar-tab.lm-mod-current", "Two")],
    "Output": [(".widget-output", "printed inside")],
    "interact": [(".widget-interact .widget-readout", "6"), (".widget-interact .widget-output", "12")],
    "jslink": [(".widget-readout", "4")],
}
# Form controls: (the role, its accessible name, the value it holds).
VALUES = {
    "BoundedIntText": ("spinbutton", "BText:", "7"), "FloatText": ("spinbutton", "FText:", "7.5"),
    "Text": ("textbox", "String:", "Hello World"), "Textarea": ("textbox", "Area:", "Hello\nWorld"),
    "Combobox": ("combobox", "Combo:", "Chocolate"), "Password": ("textbox", "Password:", "secret"),
    "Dropdown": ("combobox", "Number:", "2"), "Select": ("listbox", "OS:", "macOS"),
}

# Cells after the list, whose callbacks run in the kernel and write what the tests look for.
REACT = [
    ("drag", "drag = w.IntSlider(value=0, min=0, max=100, description='Drag')\n"
             "dragged = w.Label('dragged 0')\n"
             "drag.observe(lambda c: setattr(dragged, 'value', f\"dragged {c['new']}\"), 'value')\n"
             "w.VBox([drag, dragged])"),
    ("type", "say = w.Text(description='Say')\nheard = w.Label('heard nothing')\n"
             "say.observe(lambda c: setattr(heard, 'value', 'heard ' + c['new']), 'value')\nw.VBox([say, heard])"),
    ("pick", "pick = w.Dropdown(options=['one', 'two', 'three'], description='Pick')\n"
             "picked = w.Label('picked one')\n"
             "pick.observe(lambda c: setattr(picked, 'value', 'picked ' + c['new']), 'value')\n"
             "w.VBox([pick, picked])"),
    ("radio", "tops = w.RadioButtons(options=['basil', 'olive', 'caper'], description='Top')\n"
              "topped = w.Label('topped basil')\n"
              "tops.observe(lambda c: setattr(topped, 'value', 'topped ' + c['new']), 'value')\n"
              "w.VBox([tops, topped])"),
    ("toggle", "lamp = w.ToggleButton(value=False, description='Lamp')\nlit = w.Label('lit False')\n"
               "lamp.observe(lambda c: setattr(lit, 'value', f\"lit {c['new']}\"), 'value')\nw.VBox([lamp, lit])"),
    ("play", "reel = w.Play(value=0, min=0, max=1000, interval=20, description='Reel')\n"
             "frames = w.Label('frame 0')\n"
             "reel.observe(lambda c: setattr(frames, 'value', f\"frame {c['new']}\"), 'value')\n"
             "w.VBox([reel, frames])"),
    ("print", "out = w.Output()\nknock = w.Button(description='Knock')\n"
              "def knocked(_):\n    with out:\n        print('who is there')\n"
              "knock.on_click(knocked)\nw.VBox([knock, out])"),
]


def cell_of(name: str) -> int:
    """The code cell index of a widget of the list (a heading and a code cell each, after two cells)."""
    return 3 + 2 * [n for n, _ in WIDGETS].index(name)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("widget-list-live") / "essays"
    folder.mkdir()
    nb = widget_list_notebook()
    for name, code in REACT:
        nb["cells"] += [md_cell(f"## React {name}"), code_cell(code)]
    (folder / "widget-list.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    server = serve_essaykit(folder, log=folder.parent / "server.log", warm_kernels=1, args=["--idle-seconds=30"])
    yield server
    stop_process(server.proc)


@pytest.fixture(scope="module")
def live(site, browser):
    """The Widget List's live page once every widget is drawn (one page for the module: one kernel)."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.seen = []
    page.on("request", lambda r: page.seen.append(r.url))
    # The page's CSP has no 'unsafe-eval': any eval or new Function of the bundle would be reported here.
    page.add_init_script("window.__violations = []; document.addEventListener('securitypolicyviolation',"
                         " e => window.__violations.push(e.violatedDirective + ' ' + e.sourceFile));")
    page.goto(site.url + "/voila/render/widget-list.ipynb")
    expect(page.locator(".ek-live-cell .jupyter-widgets").first).to_be_visible(timeout=LONG)
    page.wait_for_function("() => performance.getEntriesByName('ek-widgets-drawn').length > 0", timeout=LONG)
    yield page
    context.close()


def test_every_widget_of_the_list_is_drawn_by_ipywidgets_with_its_value(live):
    from playwright.sync_api import expect

    page = live
    for name, checks in SHOWN.items():
        cell = page.locator(f"#ek-cell-{cell_of(name)}")
        for selector, text in checks:
            found = cell.locator(selector).first
            expect(found, f"{name}: {selector}").to_be_attached()
            if text is not None:
                expect(found, f"{name}: {selector}").to_contain_text(text)
    for name, (role, label, value) in VALUES.items():
        control = page.locator(f"#ek-cell-{cell_of(name)}").get_by_role(role, name=label)
        expect(control, name).to_have_value(value)
    assert page.locator(".ek-live-cell .ek-widget .ek-placeholder").count() == 0, "no widget left undrawn"
    scripts = [u for u in page.seen if u.endswith(".js")]
    assert not any(u.endswith("/voila.js") for u in scripts), "Voilà's front end was not needed"
    assert any("/essaykit/widgets/widgets." in u for u in scripts)
    assert external_requests(page.seen) == []
    assert page.evaluate("window.__violations") == [], "no CSP violation while ipywidgets' manager drew them"
    shot(page, "live-widget-list")


def test_the_bundle_is_served_precompressed_and_cached_for_a_year(site):
    name = manifest()["js"]
    status, pairs, body, _ = fetch(site, "GET", f"/essaykit/widgets/{name}", headers={"Accept-Encoding": "gzip"})
    headers = dict(pairs)
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert gzip.decompress(body) == (bundle_dir() / name).read_bytes()
    assert fetch(site, "GET", "/essaykit/widgets/../widgets.json")[0] == 404


def test_a_dragged_slider_reaches_the_kernel_and_its_observer(live):
    from playwright.sync_api import expect

    page = live
    cell = page.locator("#ek-cell-" + str(len(WIDGETS) * 2 + 3))
    handle = cell.get_by_role("slider")
    track = cell.locator(".noUi-target")
    handle.scroll_into_view_if_needed()
    box, start = track.bounding_box(), handle.bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.6, start["y"] + start["height"] / 2, steps=25)
    page.mouse.up()
    value = int(handle.get_attribute("aria-valuetext"))
    assert 30 < value < 90, f"the drag moved the handle ({value})"
    expect(cell.get_by_text(f"dragged {value}", exact=True)).to_be_visible(timeout=LONG)


def test_typing_a_dropdown_and_a_toggle_reach_the_kernel(live):
    from playwright.sync_api import expect

    page = live
    page.get_by_role("textbox", name="Say").press_sequentially("hello")
    expect(page.get_by_text("heard hello", exact=True)).to_be_visible(timeout=LONG)
    page.get_by_role("combobox", name="Pick").select_option("three")
    expect(page.get_by_text("picked three", exact=True)).to_be_visible(timeout=LONG)
    page.get_by_role("button", name="Lamp").click()
    expect(page.get_by_text("lit True", exact=True)).to_be_visible(timeout=LONG)


def test_radio_buttons_by_keyboard_keep_the_focus(live):
    from playwright.sync_api import expect

    page = live
    page.get_by_role("radio", name="basil").focus()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_text("topped olive", exact=True)).to_be_visible(timeout=LONG)
    expect(page.get_by_role("radio", name="olive")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_text("topped caper", exact=True)).to_be_visible(timeout=LONG)
    expect(page.get_by_role("radio", name="caper")).to_be_focused()
    expect(page.get_by_role("radio", name="caper")).to_be_checked()


def test_jslink_interact_play_and_output_capture(live):
    from playwright.sync_api import expect

    page = live
    linked = page.locator(f"#ek-cell-{cell_of('jslink')}")
    linked.get_by_role("slider").first.focus()
    page.keyboard.press("ArrowRight")
    expect(linked.locator(".widget-readout").nth(1)).to_have_text("5", timeout=LONG)  # b follows a, in the page

    interact = page.locator(f"#ek-cell-{cell_of('interact')}")
    interact.get_by_role("slider").focus()
    page.keyboard.press("ArrowRight")
    expect(interact.locator(".widget-output")).to_contain_text("14", timeout=LONG)
    expect(interact.locator(".widget-output")).not_to_contain_text("12")

    reel = page.locator("#ek-cell-" + str(len(WIDGETS) * 2 + 3 + 2 * 5))
    reel.locator("button").first.click()  # ipywidgets' Play: its first button plays
    expect(reel.get_by_text("frame 0", exact=True)).to_be_hidden(timeout=LONG)
    page.get_by_role("button", name="Knock").click()
    expect(page.get_by_text("who is there")).to_be_visible(timeout=LONG)
    assert page.evaluate("window.__violations") == [], "no CSP violation while the widgets talked to the kernel"
