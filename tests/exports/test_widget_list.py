"""The Widget List, run with nbclient and exported: every widget drawn on the static page from the
saved state, with its value, label and layout, without JavaScript; and, in Chromium, drawn with
the same classes, readouts and labels as ipywidgets' own HTML manager (from the committed bundle)
draws the same state."""

from __future__ import annotations

import json
import re

import pytest

from essaykit.essay import load_essay
from essaykit.exports.execute import execute_essay
from essaykit.exports.page import render_page
from essaykit.html.widget_bundle import bundle_dir, manifest
from essaykit.html.widget_state import VIEW_MIME, WidgetState
from helpers.browser import external_requests
from helpers.widget_list import WIDGETS, widget_list_notebook

# What each widget of the list must show on the static page (in its section of the page).
EXPECTED = {
    "IntSlider": ['<div class="widget-readout">7</div>', ">Test:</label>"],
    "FloatSlider": ['<div class="widget-readout">7.5</div>'],
    "VerticalSlider": ["widget-vslider", '<div class="widget-readout">3.00</div>'],
    "FloatLogSlider": ['<div class="widget-readout">10.0</div>'],
    "IntRangeSlider": ["5 – 7"],
    "FloatRangeSlider": ["2.50 – 7.50"],
    "IntProgress": ["progress-bar-success", "width: 70%"],
    "FloatProgress": ["progress-bar-danger", "width: 35%"],
    "BoundedIntText": ['type="number"', 'min="0" max="10"', 'value="7"'],
    "FloatText": ['value="7.5"'],
    "ToggleButton": ["mod-info mod-active", 'aria-pressed="true"', '<i class="fa fa-check"></i>Click me'],
    "Checkbox": ['<input type="checkbox" checked disabled>', "Check me"],
    "Valid": ["mod-invalid", "Invalid"],
    "Dropdown": ['<option value="2" selected>2</option>'],
    "RadioButtons": ['value="1" checked disabled></label>', "pineapple"],
    "Select": ['<option value="macOS" selected>macOS</option>', 'size="3"'],
    "SelectionSlider": ['<div class="widget-readout">sunny side up</div>'],
    "ToggleButtons": ["mod-active mod-warning", ">Regular<"],
    "SelectMultiple": ['<option value="Oranges" selected>', '<option value="Pears" selected>'],
    "Text": ['value="Hello World"', 'placeholder="Type something"'],
    "Textarea": [">Hello\nWorld</textarea>"],
    "Combobox": ['value="Chocolate"', '<option value="Coconut"></option>'],
    "Password": ['type="password"'],
    "Label": ["widget-label", "<math"],
    "HTML": ["Hello <b>World</b>"],
    "HTMLMath": ["widget-htmlmath-content", "<math"],
    "Button": ["mod-danger", '<i class="fa fa-check"></i>Click me'],
    "Play": ["widget-play", "fa-play"],
    "DatePicker": ['value="2024-03-14"'],
    "ColorPicker": ['value="#0000ff"'],
    "Box": ["widget-box"],
    "VBox": ["widget-vbox", ">top</button>", ">bottom</button>"],
    "GridBox": ["widget-gridbox", "grid-template-columns: repeat(3, 160px)", ">cell 5</button>"],
    "Accordion": ["<span>Slider</span>", "<span>Text</span>", " open>"],
    "Tab": ['class="lm-TabBar-tab lm-mod-current"><div class="lm-TabBar-tabIcon"></div><div class="lm-TabBar-tabLabel">Two'],
    "Output": ["widget-output", "printed inside"],
    "interact": ["widget-interact", '<div class="widget-readout">6</div>', "12"],
    "jslink": ['<div class="widget-readout">4</div>'],
}


@pytest.fixture(scope="module")
def widget_list(tmp_path_factory):
    """(the executed essay, its static page) for the Widget List notebook."""
    folder = tmp_path_factory.mktemp("widget-list")
    path = folder / "widget-list.ipynb"
    path.write_text(json.dumps(widget_list_notebook()), encoding="utf-8")
    essay = execute_essay(load_essay(path))
    page = folder / "widget-list.html"
    page.write_text(render_page(essay), encoding="utf-8")
    return essay, page


def sections(html: str) -> dict[str, str]:
    """The page cut at each widget's heading."""
    parts = re.split(r'<h2 id="[^"]*">', html)
    return {p.split("<", 1)[0]: p for p in parts[1:]}


def test_nbclient_saves_the_widget_state(widget_list):
    essay, _ = widget_list
    widgets = WidgetState.from_notebook(essay.notebook)
    names = {m["model_name"] for m in widgets.models.values()}
    assert {"IntSliderModel", "TabModel", "OutputModel", "GridBoxModel"} <= names, "the export keeps every model"


def test_every_widget_of_the_list_is_drawn_with_its_value(widget_list):
    _, page = widget_list
    html = page.read_text(encoding="utf-8")
    found = sections(html)
    assert set(found) >= {name for name, _ in WIDGETS}, "every widget has its section"
    for name, wanted in EXPECTED.items():
        part = found[name]
        assert "data-ek-widget=" in part, f"{name} is drawn from the saved state"
        assert "Interactive element" not in part, f"{name} is not replaced by the live-version note"
        for text in wanted:
            assert text in part, f"{name} should show {text!r}"
    assert "<style>" in html and ".widget-slider" in html, "ipywidgets' stylesheet comes with the page"
    assert "font/woff2;base64," in html, "the icon font is embedded: a button shows its icon offline"


def test_a_page_without_widgets_carries_no_widget_stylesheet(tmp_path, write_notebook):
    from helpers.notebooks import md_cell, notebook

    essay = load_essay(write_notebook(notebook([md_cell("Plain text.")], essay={"title": "T", "slug": "t"})))
    html = render_page(essay)
    assert ".widget-slider" not in html and "Font Awesome" not in html, "pages without widgets stay light"


@pytest.mark.browser
def test_the_static_widgets_show_without_javascript(browser, widget_list, tmp_path):
    _, page_path = widget_list
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1000, "height": 900})
    page = context.new_page()
    seen = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(page_path.as_uri())
    drawn = page.locator(".ek-widget")
    assert drawn.count() == len(WIDGETS)
    for i in range(drawn.count()):
        box = drawn.nth(i).bounding_box()
        assert box and box["width"] > 20 and box["height"] > 10, f"widget {WIDGETS[i][0]} takes room on the page"
    tab = page.locator(".widget-tab .lm-TabBar-tab.lm-mod-current")
    assert tab.inner_text() == "Two"
    assert page.locator(".widget-tab-contents input").nth(0).is_hidden(), "the tab that was not selected is hidden"
    assert page.locator(".widget-tab-contents input").nth(1).is_visible()
    pane = page.locator(".widget-accordion summary").nth(1)
    pane.focus()
    page.keyboard.press("Enter")
    assert page.locator(".widget-accordion details").nth(1).evaluate("d => d.open"), "a pane opens by keyboard"
    icon = page.locator(".widget-button .fa-check").first
    assert icon.evaluate("i => getComputedStyle(i, '::before').fontFamily").startswith('"Font Awesome 5 Free"')
    assert page.locator(".widget-gridbox").evaluate("g => getComputedStyle(g).display") == "grid"
    vertical = page.locator(".widget-vslider .slider").bounding_box()
    assert vertical["height"] > 3 * vertical["width"], "a vertical slider is drawn vertical"
    assert not external_requests(seen), "the page loads nothing from the network"
    page.screenshot(path=str(tmp_path / "widget-list-static.png"), full_page=True)
    context.close()


def _reference_page(essay, folder) -> str:
    """The same state drawn by ipywidgets' own HTML manager from the committed bundle."""
    widgets = WidgetState.from_notebook(essay.notebook)
    views = [o["data"][VIEW_MIME]["model_id"] for c in essay.notebook["cells"] for o in c.get("outputs", ())
             if VIEW_MIME in (o.get("data") or {})]
    files = manifest()
    body = "".join(f'<div class="ref" data-ek-widget="{m}"></div>' for m in views)
    page = folder / "reference.html"
    page.write_text(
        f'<!doctype html><html><head><link rel="stylesheet" href="{(bundle_dir() / files["controls"]).as_uri()}">'
        f"{widgets.script()}</head><body>{body}<script src=\"{(bundle_dir() / files['js']).as_uri()}\"></script>"
        "<script>essaykitWidgets.renderSaved(document, undefined, true).then(() => { document.body.dataset.done = 'yes' },"
        " (e) => { document.body.dataset.done = String(e) })</script></body></html>", encoding="utf-8")
    return page.as_uri()


_SUMMARY = """roots => roots.map(root => {
  const view = root.querySelector(':scope > .lm-Widget, :scope > .widget-subarea > .lm-Widget');
  const classes = Array.from(view.classList).filter(c => c !== 'jupyter-widgets-disconnected').sort();
  // A formula we drew as MathML reads as its TeX, which is what ipywidgets' manager leaves without MathJax.
  const text = e => {
    const copy = e.cloneNode(true);
    copy.querySelectorAll('math').forEach(m => m.replaceWith('$' + m.querySelector('annotation').textContent + '$'));
    return copy.textContent.trim();
  };
  const texts = sel => Array.from(view.querySelectorAll(sel)).map(text);
  return {classes, readouts: texts('.widget-readout'), labels: texts('.widget-label').filter(Boolean),
          checked: Array.from(view.querySelectorAll('input[type=checkbox], input[type=radio]')).map(i => i.checked),
          selects: Array.from(view.querySelectorAll('select')).map(s => Array.from(s.selectedOptions).map(o => o.text))};
})"""


@pytest.mark.browser
def test_the_drawing_matches_ipywidgets_own_manager(browser, page, widget_list, tmp_path):
    essay, static = widget_list
    page.goto(_reference_page(essay, tmp_path))
    page.wait_for_function("document.body.dataset.done")
    assert page.evaluate("document.body.dataset.done") == "yes", "ipywidgets' manager drew the saved state"
    theirs = page.evaluate(_SUMMARY, page.locator(".ref").element_handles())
    # Our drawing is what the page shows without JavaScript (with it, ipywidgets' views replace it).
    context = browser.new_context(java_script_enabled=False)
    mine = context.new_page()
    mine.goto(static.as_uri())
    ours = mine.evaluate(_SUMMARY, mine.locator(".ek-widget").element_handles())
    context.close()
    assert len(ours) == len(theirs) == len(WIDGETS)
    # Classes of the view, readouts, ticked boxes, chosen options and descriptions, as ipywidgets has them.
    differences = [f"{name} {key}: ours {mine[key]} ipywidgets {upstream[key]}"
                   for (name, _), mine, upstream in zip(WIDGETS, ours, theirs) for key in mine if mine[key] != upstream[key]]
    assert not differences, "\n".join(differences)


@pytest.mark.browser
def test_with_javascript_ipywidgets_manager_brings_every_widget_to_life(page, widget_list):
    _, static = widget_list
    page.goto(static.as_uri())
    page.wait_for_function("document.documentElement.hasAttribute('data-ek-widgets')")
    assert page.evaluate("document.documentElement.dataset.ekWidgets") == str(len(WIDGETS)), page.console_errors
    assert page.locator(".ek-widget.is-live").count() == len(WIDGETS)
    assert not page.console_errors, page.console_errors
    assert not external_requests(page.requests_seen), "the bundle is in the page: nothing from the network"
