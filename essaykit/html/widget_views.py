"""Which drawing function draws which ipywidgets view, and the one entry point, :func:`draw_view`.

A view this table does not know (a third-party widget such as bqplot, or an anywidget) is
not guessed at: :func:`draw_view` returns "" and the page shows its usual note instead.
"""

from __future__ import annotations

from collections.abc import Callable

from . import widget_containers as containers
from . import widget_controls as controls
from .widget_state import Drawing, WidgetState

CONTROLS = "@jupyter-widgets/controls"
OUTPUT = "@jupyter-widgets/output"

VIEWS: dict[tuple[str, str], Callable[[Drawing, dict], str]] = {
    **{(CONTROLS, f"{name}View"): controls.number_slider
       for name in ("IntSlider", "FloatSlider", "FloatLogSlider", "IntRangeSlider", "FloatRangeSlider")},
    **{(CONTROLS, f"{name}View"): controls.selection_slider for name in ("SelectionSlider", "SelectionRangeSlider")},
    (CONTROLS, "ProgressView"): controls.progress,
    **{(CONTROLS, f"{name}View"): controls.number_text for name in ("IntText", "FloatText")},
    **{(CONTROLS, f"{name}View"): controls.text for name in ("Text", "Password", "Combobox")},
    (CONTROLS, "TextareaView"): controls.textarea,
    (CONTROLS, "DatePickerView"): controls.date_picker,
    (CONTROLS, "ColorPickerView"): controls.color_picker,
    (CONTROLS, "CheckboxView"): controls.checkbox,
    **{(CONTROLS, f"{name}View"): controls.button for name in ("Button", "ToggleButton")},
    (CONTROLS, "ValidView"): controls.valid,
    **{(CONTROLS, f"{name}View"): controls.select for name in ("Dropdown", "Select", "SelectMultiple")},
    (CONTROLS, "RadioButtonsView"): controls.radio_buttons,
    (CONTROLS, "ToggleButtonsView"): controls.toggle_buttons,
    (CONTROLS, "PlayView"): controls.play,
    (CONTROLS, "LabelView"): controls.label,
    **{(CONTROLS, f"{name}View"): controls.html_view for name in ("HTML", "HTMLMath")},
    **{(CONTROLS, f"{name}View"): containers.box for name in ("Box", "HBox", "VBox", "GridBox")},
    (CONTROLS, "StackView"): containers.stack,
    (CONTROLS, "TabView"): containers.tab,
    (CONTROLS, "AccordionView"): containers.accordion,
    (CONTROLS, "ImageView"): containers.image,
    (OUTPUT, "OutputView"): containers.output,
}


def _view(d: Drawing, state: dict) -> str:
    if state.get("_view_module_version", "2.0.0").split(".")[0] not in ("2", "1"):
        return ""
    draw = VIEWS.get((state.get("_view_module"), state.get("_view_name")))
    return draw(d, state) if draw else ""


def draw_view(widgets: WidgetState, model_id: str, *, output: Callable[[dict], str], clean: Callable[[str], str]) -> str:
    """The view of ``model_id`` drawn from ``widgets`` ("" when the state lacks it or its view is unknown).

    ``output`` renders an Output widget's captured outputs and ``clean`` sanitises author HTML
    (both from :mod:`essaykit.html.outputs`, which calls this).
    """
    return Drawing(widgets, _view, output, clean).child(model_id)
