"""Standard ipywidgets on a live page are drawn by ipywidgets' own manager from essaykit's widget bundle,
without Voilà's front end, and stay live: a slider redraws what an Output widget shows, interact()
works, typing reaches the kernel."""

from __future__ import annotations

import json
import re

import pytest

from helpers.browser import shot
from helpers.notebooks import code_cell, md_cell, notebook
from helpers.servers import serve_essaykit, stop_process

pytestmark = pytest.mark.browser
LONG = 90_000  # ms

SLIDER = ("import ipywidgets as w\n"
          "out = w.Output()\n"
          "stars = w.IntSlider(value=2, min=0, max=6, description='Stars')\n"
          "def draw(change=None):\n"
          "    with out:\n"
          "        out.clear_output(wait=True)\n"
          "        print('drawn with', stars.value, 'stars')\n"
          "stars.observe(draw, 'value')\n"
          "draw()\n"
          "w.VBox([stars, out])")
INTERACT = ("from ipywidgets import interact\n"
            "@interact(word=['salt', 'road'])\n"
            "def shout(word):\n"
            "    print(word.upper() + '!')")
ECHO = ("import ipywidgets as w\n"
        "name = w.Text(description='Name')\n"
        "said = w.Label('nobody yet')\n"
        "name.observe(lambda c: setattr(said, 'value', 'hello ' + c['new']), 'value')\n"
        "w.HBox([name, said])")

CHOICES = ("import ipywidgets as w\n"
           "agree = w.Checkbox(False, description='Agree')\n"
           "drink = w.RadioButtons(options=['tea', 'coffee'], description='Drink')\n"
           "chosen = w.Label('no choice yet')\n"
           "def show(_=None):\n"
           "    chosen.value = f'chosen: {agree.value} {drink.value}'\n"
           "agree.observe(show, 'value')\n"
           "drink.observe(show, 'value')\n"
           "w.VBox([agree, drink, chosen])")


# An Image widget from PNG bytes: its value reaches the page as a binary buffer (base64 in the state).
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
IMAGE = f"import base64\npicture = w.Image(value=base64.b64decode('{PNG}'), format='png', width=32)\npicture"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lean") / "essays"
    folder.mkdir()
    nb = notebook([md_cell("A review with controls."), code_cell(SLIDER), code_cell(INTERACT), code_cell(ECHO),
                   code_cell(CHOICES), code_cell(IMAGE)],
                  essay={"title": "Controls", "slug": "controls"})
    (folder / "controls.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    server = serve_essaykit(folder, log=folder.parent / "server.log", warm_kernels=1, args=["--idle-seconds=5"])
    yield server
    stop_process(server.proc)


def test_standard_controls_are_drawn_by_ipywidgets_manager_and_stay_live(site, browser):
    from playwright.sync_api import expect

    context = browser.new_context()
    page = context.new_page()
    scripts = []
    page.on("request", lambda r: r.resource_type == "script" and scripts.append(r.url))
    page.goto(site.url + "/voila/render/controls.ipynb")
    # ipywidgets' slider (noUiSlider) names its handle by the value, not by the description: found by its box.
    slider = page.locator(".widget-slider").filter(has_text="Stars").get_by_role("slider")
    expect(slider).to_be_visible(timeout=LONG)
    expect(slider).to_have_attribute("aria-valuetext", "2")
    expect(page.get_by_text("drawn with 2 stars")).to_be_visible()
    expect(page.get_by_text("SALT!")).to_be_visible(), "interact() ran its function into its Output"

    slider.focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_text("drawn with 3 stars")).to_be_visible(timeout=LONG)
    expect(page.get_by_text("drawn with 2 stars")).to_have_count(0)

    page.get_by_role("combobox", name="word").select_option("road")
    expect(page.get_by_text("ROAD!")).to_be_visible(timeout=LONG)

    page.get_by_role("textbox", name="Name").fill("Maren")
    page.get_by_role("textbox", name="Name").press("Enter")
    expect(page.get_by_text("hello Maren")).to_be_visible(timeout=LONG)
    page.get_by_role("checkbox", name="Agree").check()
    expect(page.get_by_text("chosen: True tea")).to_be_visible(timeout=LONG)
    page.get_by_role("radio", name="coffee").check()
    expect(page.get_by_text("chosen: True coffee")).to_be_visible(timeout=LONG)
    # Arrow keys move the choice and the focus together, and the focus stays once the kernel has answered.
    drinks = page.locator(".widget-radio").filter(has_text="Drink").get_by_role("radio")
    expect(drinks).to_have_count(2)
    page.keyboard.press("ArrowUp")
    expect(page.get_by_text("chosen: True tea")).to_be_visible(timeout=LONG)
    expect(page.get_by_role("radio", name="tea")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_text("chosen: True coffee")).to_be_visible(timeout=LONG)
    expect(page.get_by_role("radio", name="coffee")).to_be_focused()
    # The Image's bytes came with the state: ipywidgets' view shows them (a blob: URL of its own).
    picture = page.locator(".widget-image")
    expect(picture).to_have_attribute("src", re.compile(r"^blob:"))
    page.wait_for_function("img => img.complete && img.naturalWidth === 1", arg=picture.element_handle())
    # ipywidgets' views take the page's colours (widgets.css), and the reader's dark toggle switches them.
    name = page.get_by_role("textbox", name="Name")
    colours = "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]"
    assert name.evaluate(colours) == ["rgb(253, 252, 249)", "rgb(31, 29, 26)"]
    page.evaluate("() => document.documentElement.setAttribute('data-ek-theme', 'dark')")
    assert name.evaluate(colours) == ["rgb(23, 21, 19)", "rgb(235, 230, 221)"]
    shot(page, "lean-widgets")
    assert not any("voila.js" in url for url in scripts), f"Voilà's bundle was loaded: {scripts[:3]}"
    assert any("/essaykit/widgets/widgets." in url for url in scripts), f"the widget bundle drew them: {scripts}"
    context.close()
