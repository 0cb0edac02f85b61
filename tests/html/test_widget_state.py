"""Widgets drawn on the server from a notebook's saved widget state: values, labels, layout,
the output policy for author HTML and styles, and what is not drawn."""

from __future__ import annotations

import re

import pytest

from essaykit.html.outputs import render_output
from essaykit.html.widget_controls import readout
from essaykit.html.widget_state import STATE_MIME, VIEW_MIME, WidgetState

CONTROLS = "@jupyter-widgets/controls"


def model(name: str, view: str, module: str = CONTROLS, **traits) -> dict:
    state = {"_model_name": name, "_model_module": module, "_model_module_version": "2.0.0",
             "_view_name": view, "_view_module": module, "_view_module_version": "2.0.0", **traits}
    return {"model_name": name, "model_module": module, "model_module_version": "2.0.0", "state": state}


def saved(**models) -> WidgetState:
    nb = {"metadata": {"widgets": {STATE_MIME: {"version_major": 2, "version_minor": 0, "state": models}}}}
    return WidgetState.from_notebook(nb)


def view(model_id: str) -> dict:
    return {"output_type": "display_data", "data": {
        VIEW_MIME: {"version_major": 2, "version_minor": 0, "model_id": model_id},
        "text/plain": "IntSlider(value=7)"}}


def draw(widgets: WidgetState, model_id: str = "w") -> str:
    return render_output(view(model_id), widgets=widgets)


def test_a_slider_is_drawn_at_its_value_with_its_label():
    widgets = saved(w=model("IntSliderModel", "IntSliderView", value=7, min=0, max=10, description="Test:",
                            readout_format="d", layout="IPY_MODEL_l"),
                    l=model("LayoutModel", "LayoutView", "@jupyter-widgets/base", width="300px"))
    html = draw(widgets)
    assert 'data-ek-widget="w"' in html, "the drawn view is marked with its model id for the manager"
    assert "widget-slider widget-hslider" in html, "ipywidgets' slider classes"
    assert '<label class="widget-label" title="Test:">Test:</label>' in html
    assert '<div class="widget-readout">7</div>' in html, "the readout shows the saved value"
    assert 'aria-valuenow="7"' in html and 'role="slider"' in html, "the handle says its value to screen readers"
    assert "translate(-300%, 0px)" in html, "the handle sits at 70 %, where noUiSlider puts it"
    assert 'style="width: 300px"' in html, "the layout's width is the view's CSS"
    assert "Interactive element" not in html


def test_a_vertical_range_slider_has_two_handles_and_a_connect():
    widgets = saved(w=model("FloatRangeSliderModel", "FloatRangeSliderView", value=[2.5, 7.5], min=0, max=10,
                            orientation="vertical", readout_format=".2f"))
    html = draw(widgets)
    assert "widget-vslider" in html and "noUi-vertical" in html
    assert html.count('class="noUi-handle ') == 2
    assert "2.50 – 7.50" in html
    assert 'class="noUi-connect"' in html


def test_selection_widgets_show_the_saved_choice():
    widgets = saved(
        d=model("DropdownModel", "DropdownView", _options_labels=["1", "2", "3"], index=1, description="Number:"),
        r=model("RadioButtonsModel", "RadioButtonsView", _options_labels=["a", "b"], index=1),
        m=model("SelectMultipleModel", "SelectMultipleView", _options_labels=["x", "y", "z"], index=[0, 2], rows=3),
        t=model("ToggleButtonsModel", "ToggleButtonsView", _options_labels=["Slow", "Fast"], index=0,
                button_style="warning"))
    dropdown = draw(widgets, "d")
    assert re.search(r'<option value="2" selected>2</option>', dropdown)
    assert re.search(r'<label class="widget-label" for="(ek-widget-\d+)"[^>]*>Number:</label><select id="\1" disabled>',
                     dropdown), "the label names its select"
    assert '<input type="radio" name="ek-widget-1" value="1" checked disabled>' in draw(widgets, "r")
    multiple = draw(widgets, "m")
    assert multiple.count(" selected>") == 2 and " multiple" in multiple
    toggles = draw(widgets, "t")
    assert 'mod-active mod-warning" aria-pressed="true"' in toggles


def test_buttons_keep_their_style_and_icon():
    html = draw(saved(w=model("ButtonModel", "ButtonView", description="Go", button_style="danger", icon="check")))
    assert html.startswith('<div class="ek-widget" data-ek-widget="w"><button class="lm-Widget jupyter-widgets '
                           'jupyter-button widget-button mod-danger"')
    assert '<i class="fa fa-check"></i>Go</button>' in html


def test_boxes_grid_tab_and_accordion_hold_their_children():
    widgets = saved(
        a=model("LabelModel", "LabelView", value="first"), b=model("LabelModel", "LabelView", value="second"),
        g=model("GridBoxModel", "GridBoxView", children=["IPY_MODEL_a", "IPY_MODEL_b"], layout="IPY_MODEL_gl"),
        gl=model("LayoutModel", "LayoutView", "@jupyter-widgets/base", grid_template_columns="repeat(2, 1fr)"),
        t=model("TabModel", "TabView", children=["IPY_MODEL_a", "IPY_MODEL_b"], titles=["One", "Two"], selected_index=1),
        c=model("AccordionModel", "AccordionView", children=["IPY_MODEL_a", "IPY_MODEL_b"], titles=["A", "B"],
                selected_index=0))
    grid = draw(widgets, "g")
    assert "widget-container widget-gridbox" in grid and "grid-template-columns: repeat(2, 1fr)" in grid
    assert grid.index("first") < grid.index("second")
    tab = draw(widgets, "t")
    assert re.search(r'aria-selected="true"[^>]*class="lm-TabBar-tab lm-mod-current"><div class="lm-TabBar-tabIcon">'
                     r'</div><div class="lm-TabBar-tabLabel">Two</div>', tab), "the saved tab is current, titled"
    assert re.search(r'lm-mod-hidden" hidden>.*first', tab), "the other page is hidden, as ipywidgets hides it"
    accordion = draw(widgets, "c")
    assert accordion.count("<details") == 2 and accordion.count(" open>") == 1
    assert "<span>A</span>" in accordion and "<span>B</span>" in accordion


def test_an_output_widget_shows_what_it_captured_through_the_output_policy():
    captured = [{"output_type": "stream", "name": "stdout", "text": "printed inside\n"},
                {"output_type": "display_data", "data": {"text/html": '<b>bold</b><script>alert(1)</script>'}}]
    html = draw(saved(w=model("OutputModel", "OutputView", "@jupyter-widgets/output", outputs=captured)))
    assert "widget-output" in html and "printed inside" in html and "<b>bold</b>" in html
    assert "<script>alert" not in html, "captured HTML goes through the same policy as any output"


def test_html_and_htmlmath_and_label_formulas_become_mathml():
    widgets = saved(h=model("HTMLMathModel", "HTMLMathView", value=r"Area: $\pi r^2$ <img src=x onerror=alert(1)>"),
                    l=model("LabelModel", "LabelView", value="The $m$ in $E=mc^2$"))
    html = draw(widgets, "h")
    assert "<math" in html and "$" not in html, "HTMLMath's formula is MathML, no raw TeX"
    assert "onerror" not in html and 'src="x"' not in html, "the author's HTML is sanitised"
    label = draw(widgets, "l")
    assert label.count("<math") == 2 and "<span>The " in label


@pytest.mark.parametrize("hostile", ["x</label><script>alert(1)</script>", '"><img src=x onerror=alert(1)>'])
def test_descriptions_and_values_are_escaped(hostile):
    html = draw(saved(w=model("TextModel", "TextView", value=hostile, description=hostile, placeholder=hostile)))
    assert "<script>" not in html and "<img" not in html


def test_styles_that_would_fetch_are_dropped():
    widgets = saved(w=model("ButtonModel", "ButtonView", description="b", layout="IPY_MODEL_l", style="IPY_MODEL_s"),
                    l=model("LayoutModel", "LayoutView", "@jupyter-widgets/base", width="url(https://x.example/a)",
                            height="40px"),
                    s=model("ButtonStyleModel", "StyleView", button_color="red; background: url(//x.example)"))
    html = draw(widgets)
    assert "x.example" not in html, "a layout or style value that loads something is not written"
    assert "height: 40px" in html


def test_a_password_never_reaches_the_page():
    html = draw(saved(w=model("PasswordModel", "PasswordView", value="hunter2", description="Password:")))
    assert "hunter2" not in html and 'type="password"' in html


def test_unknown_widgets_and_missing_state_fall_back_to_the_note():
    widgets = saved(w=model("FigureModel", "FigureView", "bqplot"))
    assert "Interactive element" in draw(widgets), "a third-party widget is not guessed at"
    assert "Interactive element" in draw(WidgetState(), "w"), "no saved state: the note"
    assert "Interactive element" in draw(saved(), "missing")


def test_a_box_that_contains_itself_is_drawn_once():
    widgets = saved(w=model("VBoxModel", "VBoxView", children=["IPY_MODEL_w", "IPY_MODEL_x"]),
                    x=model("LabelModel", "LabelView", value="inside"))
    html = draw(widgets)
    assert html.count("widget-vbox") == 1 and "inside" in html


def test_the_state_script_cannot_end_early():
    widgets = saved(w=model("LabelModel", "LabelView", value="</script><script>alert(1)</script>"))
    script = widgets.script()
    assert script.count("</script>") == 1 and script.startswith(f'<script type="{STATE_MIME}">')


@pytest.mark.parametrize(("value", "spec", "shown"), [
    (7, "d", "7"), (7.6, "d", "8"), (7.5, ".2f", "7.50"), (10.0, ".3g", "10.0"), (1234.5, ",.1f", "1,234.5"),
    (0.25, ".0%", "25%"), (1500, ".2s", "1.5k"), (3.5, "~g", "3.5"), ("x", ".2f", "x"),
])
def test_readouts_follow_d3_format(value, spec, shown):
    assert readout(value, spec) == shown
