"""Spoiler widget: argument checks, the static twin, and what the front end may change."""

from __future__ import annotations

import re

import ipywidgets
import pytest
from IPython.display import HTML

from essaykit.errors import WidgetError
from essaykit.widgets.spoiler import Spoiler, SpoilerToggle
from helpers.browser import STOCK_VOILA_CDN, external_requests
from helpers.cli import run_essaykit
from helpers.notebooks import code_cell, md_cell, notebook
from helpers.widgets import WIDGET_VIEW, front_end, twin



def front_end_update(widget, **state) -> None:
    """Deliver a comm ``update`` message as the browser would send it."""
    front_end(widget, "update", state)


class PngOnly:
    """A displayable object whose only rich form is a PNG, like a plot."""

    def _repr_png_(self):
        return b"\x89PNG\r\n\x1a\nfake"


# --- bad input -------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, shown",
    [(None, "None"), ("", "''"), ("   \n", "'   \\n'"), (b"raw", "b'raw'")],
    ids=["none", "empty", "blank", "bytes"],
)
def test_bad_content_is_refused_naming_parameter_and_value(content, shown):
    with pytest.raises(ValueError) as info:
        Spoiler(content)
    message = str(info.value)
    assert "content=" in message and shown in message, message
    assert isinstance(info.value, WidgetError) and info.value.parameter == "content"


@pytest.mark.parametrize(
    "label",
    ["", "   ", "x" * 10240, 5, None, "line one\nline two", "bell\x07"],
    ids=["empty", "blank", "10KB", "int", "none", "newline", "control"],
)
def test_bad_label_is_refused_naming_parameter_and_value(label):
    with pytest.raises(ValueError) as info:
        Spoiler("hidden", label=label)
    message = str(info.value)
    assert "label=" in message, message
    assert repr(label)[:20] in message, f"the message should quote the bad label: {message}"
    assert len(message) < 300, "a 10 KB label must be quoted shortened, not in full"


def test_label_changed_later_is_checked_too():
    spoiler = Spoiler("hidden")
    with pytest.raises(ValueError, match="label"):
        spoiler.label = ""
    assert spoiler.label == "Spoiler"


def test_label_is_trimmed():
    assert Spoiler("hidden", label="  The ending  ").label == "The ending"


# --- mime bundle and static twin ------------------------------------------------------


def test_bundle_has_live_view_and_static_twin():
    data, _ = Spoiler("hidden")._repr_mimebundle_()
    assert WIDGET_VIEW in data, "JupyterLab and Voilà need the widget view"
    assert data["text/html"].lstrip().startswith("<details"), "exports need the <details> twin"


def test_twin_is_a_closed_details_labelled_with_the_label():
    html = twin(Spoiler("The sled is *Rosebud*.", label="Who is Rosebud?"))
    details = re.search(r"<details[^>]*>", html).group(0)
    assert "open" not in details, "a spoiler must start hidden in the export"
    summary = re.search(r"<summary[^>]*>(.*?)</summary>", html, re.S).group(1)
    assert "Who is Rosebud?" in summary, "the summary should carry the label"
    assert "<em>Rosebud</em>" in html, "string content is rendered as Markdown"


def test_twin_uses_the_shared_vocabulary():
    from essaykit.html import spoiler_block

    spoiler = Spoiler("plain words", label="Ending")
    assert twin(spoiler) == spoiler_block("Ending", spoiler.body_html()), \
        "the twin should be exactly the vocabulary's spoiler block so it looks the same everywhere"


def test_label_is_escaped_in_the_twin():
    html = twin(Spoiler("x", label='<img src=x onerror="alert(1)">'))
    assert "<img" not in html, "a label is text, never markup"
    assert "&lt;img" in html


def test_markdown_content_is_sanitised():
    html = twin(Spoiler("ok <script>alert(1)</script> [x](javascript:alert(2))"))
    assert "<script" not in html and 'href="javascript:' not in html, "Markdown goes through the essay sanitiser"


def test_html_object_is_html_and_cleaned():
    html = twin(Spoiler(HTML('<b>bold</b><script>alert(1)</script><img src="https://cdn.example/x.png">')))
    assert "<b>bold</b>" in html, "an IPython HTML object is shown as HTML, not Markdown"
    assert "<script" not in html and "cdn.example" not in html, "output HTML follows the offline export policy"


def test_plot_like_object_becomes_embedded_image():
    html = twin(Spoiler(PngOnly(), label="Chart"))
    assert '<img class="ek-output-image"' in html and 'src="data:image/png;base64,' in html, \
        "a PNG-only object should be embedded as a data: image"


def test_plain_widget_twin_is_a_note():
    html = twin(Spoiler(ipywidgets.IntSlider(), label="Try it"))
    assert 'class="ek-widget-note"' in html, "a widget without a twin becomes the vocabulary's note"


def test_nested_spoiler_twin_nests():
    inner = Spoiler("deepest secret", label="Inner")
    html = twin(Spoiler(inner, label="Outer"))
    assert html.count("<details") == 2, "a Spoiler inside a Spoiler keeps its own twin"
    assert html.index("Outer") < html.index("Inner") < html.index("deepest secret")


def test_plain_object_falls_back_to_text():
    assert '<pre class="ek-output-text">42</pre>' in twin(Spoiler(42)), "text/plain is shown preformatted"


# --- live state -----------------------------------------------------------------------


def test_starts_hidden():
    spoiler = Spoiler("hidden")
    toggle, body = spoiler.children
    assert isinstance(toggle, SpoilerToggle) and toggle.label == "Spoiler"
    assert body.layout.display == "none", "the body must be hidden before any front end runs"
    assert spoiler.revealed is False and toggle.expanded is False


def test_widget_content_is_placed_live():
    slider = ipywidgets.IntSlider()
    spoiler = Spoiler(slider)
    assert spoiler.children[1].children == (slider,), "a widget is shown as itself inside the body"


def test_markdown_content_is_an_html_widget():
    body = Spoiler("*x*").children[1]
    assert isinstance(body.children[0], ipywidgets.HTML) and "<em>x</em>" in body.children[0].value


def test_front_end_reveal_shows_body():
    spoiler = Spoiler("hidden")
    toggle, body = spoiler.children
    front_end_update(toggle, expanded=True)
    assert spoiler.revealed is True and body.layout.display is None, "a reveal from the page must show the body"
    front_end_update(toggle, expanded=False)
    assert body.layout.display == "none"


def test_reveal_from_python_updates_toggle():
    spoiler = Spoiler("hidden")
    spoiler.reveal()
    assert spoiler.children[0].expanded is True and spoiler.children[1].layout.display is None


@pytest.mark.parametrize("state", [
    {"expanded": "yes"}, {"expanded": 1}, {"expanded": None}, {"label": "Hacked"}, {"_esm": "alert(1)"},
    {"expanded": True, "label": "Hacked"},
], ids=["string", "int", "null", "label", "esm", "mixed"])
def test_front_end_cannot_set_nonsense_or_kernel_owned_state(state):
    spoiler = Spoiler("hidden", label="Ending")
    toggle = spoiler.children[0]
    esm = toggle._esm
    front_end_update(toggle, **state)  # must not raise
    assert toggle.label == "Ending" and spoiler.label == "Ending", "the label belongs to the kernel"
    assert toggle._esm == esm
    assert toggle.expanded is (state.get("expanded") is True), \
        "only a real boolean is accepted for 'expanded'; other keys in the same message are dropped"


def test_front_end_cannot_rewrite_the_spoiler_box():
    spoiler = Spoiler("hidden")
    children = spoiler.children
    front_end_update(spoiler, children=[], label="x", revealed=True)
    assert spoiler.children == children and spoiler.label == "Spoiler" and spoiler.revealed is False


def test_garbage_messages_do_not_raise():
    toggle = Spoiler("hidden").children[0]
    toggle._handle_msg({"content": {"data": {"method": "update", "state": "not a dict"}}, "buffers": []})
    toggle._handle_msg({"content": {"data": {"method": "custom", "content": {"event": "boom"}}}, "buffers": []})
    assert toggle.expanded is False


# --- in a live page (stock Voilà, real Chromium) ------------------------------------------

LIVE_NOTEBOOK_CELLS = [
    ("markdown", "# A page with spoilers\n\nOrdinary text that is never hidden."),
    ("code", "from essaykit import Spoiler\nimport ipywidgets\n"
             "Spoiler('The sled is *Rosebud*.', label='Who is Rosebud?')"),
    ("code", "Spoiler(ipywidgets.IntSlider(description='Knob'), label='A knob to turn')"),
]


@pytest.fixture
def live_spoilers(write_notebook, voila_server):

    cells = [md_cell(src) if kind == "markdown" else code_cell(src) for kind, src in LIVE_NOTEBOOK_CELLS]
    path = write_notebook(notebook(cells, essay={"title": "Spoilers", "slug": "spoilers"}), "spoilers.ipynb")
    return voila_server(path)


@pytest.mark.browser
@pytest.mark.slow
def test_spoiler_reveals_by_mouse_and_keyboard_in_voila(live_spoilers, page, tmp_path):
    page.goto(live_spoilers.url + "/", timeout=120_000)
    button = page.get_by_role("button", name="Who is Rosebud?", exact=True)
    button.wait_for(state="visible", timeout=180_000)
    secret = page.get_by_text("The sled is")
    assert button.get_attribute("aria-expanded") == "false", "the spoiler must announce it is collapsed"
    assert secret.is_hidden(), "the content must start hidden"
    page.screenshot(path=str(tmp_path / "spoiler-closed.png"), full_page=True)

    # aria-controls points at the body that holds the content.
    page.wait_for_function(
        "b => { const id = b.getAttribute('aria-controls'); return id && document.getElementById(id); }",
        arg=button.element_handle(), timeout=30_000,
    )
    controlled = page.locator(f"#{button.get_attribute('aria-controls')}")
    assert "The sled is" in controlled.inner_text(), "aria-controls must name the hidden body"

    button.click()
    secret.wait_for(state="visible", timeout=30_000)
    assert button.get_attribute("aria-expanded") == "true"
    assert secret.locator("em").inner_text() == "Rosebud", "Markdown is rendered in the live widget too"

    # Keyboard only: Tab to the second spoiler, open with Enter, close with Space.
    knob = page.get_by_role("button", name="A knob to turn", exact=True)
    for _ in range(15):
        page.keyboard.press("Tab")
        if knob.evaluate("b => b === document.activeElement"):
            break
    assert knob.evaluate("b => b === document.activeElement"), "the reveal button must be reachable by Tab"
    slider = page.get_by_role("slider")
    assert slider.is_hidden()
    page.keyboard.press("Enter")
    slider.wait_for(state="visible", timeout=30_000)
    assert knob.get_attribute("aria-expanded") == "true"
    page.screenshot(path=str(tmp_path / "spoiler-open.png"), full_page=True)
    page.keyboard.press("Space")
    slider.wait_for(state="hidden", timeout=30_000)
    assert knob.get_attribute("aria-expanded") == "false"
    assert external_requests(page.requests_seen, STOCK_VOILA_CDN) == [], \
        "the widget's code and styles ship in the package; it must fetch nothing from the network"


# --- the static twin in an exported page ----------------------------------------------------


@pytest.mark.browser
@pytest.mark.slow
def test_exported_spoiler_is_a_working_details_block(write_notebook, page, tmp_path):

    cells = [md_cell("# Exported\n\nText."),
             code_cell("from essaykit import Spoiler\nSpoiler('The sled is *Rosebud*.', label='Who is Rosebud?')")]
    path = write_notebook(notebook(cells, essay={"title": "Exported", "slug": "exported"}), "exported.ipynb")
    result = run_essaykit("export", path, "-o", tmp_path / "exported.html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "exported.html").read_text(encoding="utf-8")
    assert html.count('<details class="ek-spoiler-block"') == 1, "the export should hold the Spoiler's twin"
    assert 'class="ek-widget-note"' not in html, "a Spoiler has a twin, so no 'open the live version' note"

    page.goto((tmp_path / "exported.html").as_uri())
    summary = page.locator("summary", has_text="Who is Rosebud?")
    secret = page.get_by_text("The sled is")
    assert secret.is_hidden(), "the exported spoiler starts closed"
    summary.focus()
    page.keyboard.press("Enter")
    secret.wait_for(state="visible", timeout=10_000)
    page.screenshot(path=str(tmp_path / "exported-spoiler.png"), full_page=True)
