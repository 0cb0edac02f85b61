"""ipywidgets' controls drawn from their saved state: one function per family, each writing the
markup and classes of ipywidgets' own view (``@jupyter-widgets/controls``), disabled.

Sliders are drawn as noUiSlider draws them (handles placed by the same ``translate``), with
``role="slider"`` and ``aria-valuenow``; readouts use the widget's ``readout_format`` (d3's
format mini-language, whose common forms Python's ``format`` shares).
"""

from __future__ import annotations

import math
import re

from .widget_state import Drawing, escape, with_math

_STYLE_CLASS = {"primary", "success", "info", "warning", "danger"}
# d3-format's "s" (SI prefixes); Python has no such type.
_SI = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"), (1, ""), (1e-3, "m"), (1e-6, "µ"), (1e-9, "n")]


def readout(value, spec: str) -> str:
    """``value`` as d3-format's ``spec`` writes it (the forms widgets use: d, f, e, g, %, s, with , and ~)."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return escape(value)
    trim = "~" in (spec or "")
    spec = (spec or "").replace("~", "")
    m = re.fullmatch(r"([,]?)(?:\.(\d+))?([defgs%r]?)", spec)
    if not m:
        return escape(value)
    comma, digits, kind = m.groups()
    if kind == "s":
        scale, prefix = next(((s, p) for s, p in _SI if abs(value) >= s), (1, ""))
        return f"{value / scale:.{int(digits or 3)}g}{prefix}"
    if kind in ("d", ""):
        return format(round(value), f"{comma}d") if kind == "d" or isinstance(value, int) else format(value, comma)
    if kind in ("g", "r") and not trim:  # d3 keeps g's significant zeros ("10.0"); Python needs "#"
        return format(value, f"#{comma}.{digits or 6}g").rstrip(".")
    return format(value, f"{comma}.{digits or 6}{'g' if kind == 'r' else kind}")


def _percent(value, low, high) -> float:
    try:
        share = (float(value) - float(low)) / (float(high) - float(low))
    except (TypeError, ValueError, ZeroDivisionError):
        return 0.0
    return 0.0 if math.isnan(share) else min(max(share, 0.0), 1.0) * 100


def _handle(pct: float, vertical: bool, index: int, count: int, now, text: str, name: str) -> str:
    # noUiSlider moves each origin by ten times the distance from its end (its width is 10 %).
    move = f"translate(0px, {(100 - pct) * 10:g}%)" if vertical else f"translate({-(100 - pct) * 10:g}%, 0px)"
    which = "lower" if index == 0 else "upper"
    return (f'<div class="noUi-origin" style="transform: {move}; z-index: {5 if count > 1 and index == 0 else 4};">'
            f'<div class="noUi-handle noUi-handle-{which}" data-handle="{index}" role="slider" aria-disabled="true"'
            f' aria-orientation="{"vertical" if vertical else "horizontal"}" aria-valuenow="{escape(now)}"'
            f' aria-valuetext="{escape(text)}" aria-label="{escape(name)}"><div class="noUi-touch-area"></div></div></div>')


def _slider(d: Drawing, state: dict, pcts: list[float], nows: list, text: str, kind: str = "jupyter-widgets ") -> str:
    vertical = state.get("orientation") == "vertical"
    name = state.get("description") or "value"
    connect = ""
    if len(pcts) == 2:
        low, high = pcts
        move = (f"translate(0px, {100 - high:g}%) scale(1, {(high - low) / 100:g})" if vertical
                else f"translate({low:g}%, 0px) scale({(high - low) / 100:g}, 1)")
        connect = f'<div class="noUi-connect" style="transform: {move};"></div>'
    handles = "".join(_handle(p, vertical, i, len(pcts), nows[i], text, name) for i, p in enumerate(pcts))
    direction = "noUi-rtl noUi-vertical" if vertical else "noUi-ltr noUi-horizontal"
    handle_css = d.style(state, "handle")
    if handle_css:
        handles = handles.replace('class="noUi-handle ', f'style="{escape(handle_css)}" class="noUi-handle ')
    track = (f'<div class="slider-container"><div class="slider noUi-target {direction} noUi-txt-dir-ltr" disabled>'
             f'<div class="noUi-base"><div class="noUi-connects">{connect}</div>{handles}</div></div></div>')
    shown = f'<div class="widget-readout">{escape(text)}</div>' if state.get("readout", True) else ""
    classes = "widget-inline-vbox widget-slider widget-vslider" if vertical else "widget-inline-hbox widget-slider widget-hslider"
    return d.root("div", state, kind + classes, d.label(state) + track + shown)


def number_slider(d: Drawing, state: dict) -> str:
    """IntSlider, FloatSlider, FloatLogSlider and the two range sliders."""
    low, high, value = state.get("min", 0), state.get("max", 100), state.get("value")
    values = list(value) if isinstance(value, (list, tuple)) else [value]
    spec = state.get("readout_format") or ("d" if "Int" in state.get("_model_name", "") else ".2f")
    if state.get("_model_name") == "FloatLogSliderModel":
        base = state.get("base", 10)
        positions = [math.log(v, base) if isinstance(v, (int, float)) and v > 0 and base > 1 else low for v in values]
    else:
        positions = values
    text = " – ".join(readout(v, spec) for v in values)
    return _slider(d, state, [_percent(p, low, high) for p in positions], positions, text)


def selection_slider(d: Drawing, state: dict) -> str:
    """SelectionSlider and SelectionRangeSlider: the handles sit on the chosen options' indices."""
    labels = state.get("_options_labels") or []
    index = state.get("index")
    indices = list(index) if isinstance(index, (list, tuple)) else [index]
    last = max(len(labels) - 1, 1)
    names = [labels[i] if isinstance(i, int) and 0 <= i < len(labels) else "" for i in indices]
    # ipywidgets' selection sliders lack the jupyter-widgets class its other sliders have.
    return _slider(d, state, [_percent(i or 0, 0, last) for i in indices], indices, " – ".join(names), kind="")


def progress(d: Drawing, state: dict) -> str:
    vertical = state.get("orientation") == "vertical"
    pct = _percent(state.get("value"), state.get("min", 0), state.get("max", 100))
    size = f"width: 100%; height: {pct:g}%" if vertical else f"width: {pct:g}%; height: 100%"
    bar_style = state.get("bar_style")
    classes = "progress-bar" + (f" progress-bar-{bar_style}" if bar_style in _STYLE_CLASS else "")
    colour = d.style(state, "bar")
    bar = (f'<div class="progress" style="position: relative;" role="progressbar" aria-valuenow="{escape(state.get("value"))}"'
           f' aria-valuemin="{escape(state.get("min", 0))}" aria-valuemax="{escape(state.get("max", 100))}"'
           f' aria-label="{escape(state.get("description") or "progress")}"><div class="{classes}" style="position: absolute;'
           f' bottom: 0px; left: 0px; {size}{"; " + escape(colour) if colour else ""};"></div></div>')
    kind = "widget-vprogress widget-inline-vbox" if vertical else "widget-hprogress widget-inline-hbox"
    return d.root("div", state, "jupyter-widgets " + kind, d.label(state) + bar)


def _input(d: Drawing, state: dict, classes: str, field: str) -> str:
    return d.root("div", state, f"jupyter-widgets widget-inline-hbox {classes}", field)


def number_text(d: Drawing, state: dict) -> str:
    """IntText, FloatText and their bounded kinds."""
    uid = d.new_id()
    bounds = "".join(f' {k}="{escape(state[k])}"' for k in ("min", "max") if isinstance(state.get(k), (int, float)))
    step = state.get("step")
    bounds += f' step="{escape(step) if isinstance(step, (int, float)) else "any"}"'
    field = f'<input type="number" id="{uid}"{bounds} value="{escape(state.get("value"))}" disabled>'
    return _input(d, state, "widget-text", d.label(state, uid) + field)


def text(d: Drawing, state: dict) -> str:
    """Text, Password (its value is never written into the page) and Combobox."""
    uid = d.new_id()
    password = state.get("_model_name") == "PasswordModel"
    value = "" if password else f' value="{escape(state.get("value"))}"'
    hint = state.get("placeholder")
    hint = f' placeholder="{escape(hint)}"' if isinstance(hint, str) and hint.strip("\u200b") else ""
    options = state.get("options") if state.get("_model_name") == "ComboboxModel" else None
    listed = ""
    if options:
        listed = f' list="{uid}-options"'
        choices = "".join(f'<option value="{escape(o)}"></option>' for o in options)
    kind = "password" if password else "text"
    field = f'<input type="{kind}" id="{uid}" class="widget-input"{value}{hint}{listed} disabled>'
    if options:
        field += f'<datalist id="{uid}-options">{choices}</datalist>'
    return _input(d, state, "widget-text", d.label(state, uid) + field)


def textarea(d: Drawing, state: dict) -> str:
    uid = d.new_id()
    rows = state.get("rows")
    rows = f' rows="{rows}"' if isinstance(rows, int) and rows > 0 else ""
    field = f'<textarea id="{uid}" class="widget-input"{rows} disabled>{escape(state.get("value"))}</textarea>'
    return _input(d, state, "widget-textarea", d.label(state, uid) + field)


def date_picker(d: Drawing, state: dict) -> str:
    """DatePicker (its value is serialised as year, 0-based month and day)."""
    uid = d.new_id()
    value = state.get("value")
    shown = ""
    if isinstance(value, dict) and all(isinstance(value.get(k), int) for k in ("year", "month", "date")):
        shown = f' value="{value["year"]:04d}-{value["month"] + 1:02d}-{value["date"]:02d}"'
    field = f'<input type="date" id="{uid}"{shown} disabled>'
    return _input(d, state, "widget-datepicker", d.label(state, uid) + field)


def color_picker(d: Drawing, state: dict) -> str:
    uid = d.new_id()
    value = escape(state.get("value"))
    concise = " concise" if state.get("concise") else ""
    field = (f'<div class="widget-inline-hbox widget-colorpicker-input{concise}"><input type="text" id="{uid}"'
             f' value="{value}" disabled><input type="color" value="{value}" aria-label="colour" disabled></div>')
    return _input(d, state, "widget-colorpicker", d.label(state, uid) + field)


def checkbox(d: Drawing, state: dict) -> str:
    description = escape(state.get("description"))
    indent = '<label class="widget-label">\u200b</label>' if state.get("indent", True) else ""
    checked = " checked" if state.get("value") else ""
    box = (f'<label class="widget-label-basic"><input type="checkbox"{checked} disabled>'
           f'<span title="{description}">{description}</span></label>')
    return d.root("div", state, "jupyter-widgets widget-inline-hbox widget-checkbox", indent + box)


def _icon(name) -> str:
    return f'<i class="fa fa-{escape(name)}"></i>' if isinstance(name, str) and name else ""


def _style_class(state: dict, trait: str = "button_style") -> str:
    style = state.get(trait)
    return f" mod-{style}" if style in _STYLE_CLASS else ""


def button(d: Drawing, state: dict) -> str:
    """Button and ToggleButton (pressed when its value is true)."""
    toggle = state.get("_model_name") == "ToggleButtonModel"
    classes = "jupyter-widgets jupyter-button " + ("widget-toggle-button" if toggle else "widget-button")
    classes += _style_class(state) + (" mod-active" if toggle and state.get("value") else "")
    pressed = f' aria-pressed="{"true" if state.get("value") else "false"}"' if toggle else ""
    inner = _icon(state.get("icon")) + escape(state.get("description"))
    return d.root("button", state, classes, inner, f' type="button"{pressed} disabled')


def valid(d: Drawing, state: dict) -> str:
    ok = bool(state.get("value"))
    mark = f'<i class="fa fa-fw fa-{"check" if ok else "times"}"></i>'
    note = f'<span class="widget-valid-readout widget-readout">{"" if ok else escape(state.get("readout", "Invalid"))}</span>'
    kind = "mod-valid" if ok else "mod-invalid"
    return d.root("div", state, f"jupyter-widgets widget-valid widget-inline-hbox {kind}", d.label(state) + mark + note)


def _chosen(state: dict) -> set:
    index = state.get("index")
    return set(index) if isinstance(index, (list, tuple)) else {index}


def select(d: Drawing, state: dict) -> str:
    """Dropdown, Select and SelectMultiple: a disabled ``<select>`` on the saved choice."""
    uid = d.new_id()
    chosen, name = _chosen(state), state.get("_model_name")
    options = "".join(f'<option value="{escape(label)}"{" selected" if i in chosen else ""}>{escape(label)}</option>'
                      for i, label in enumerate(state.get("_options_labels") or ()))
    if name == "DropdownModel":
        return _input(d, state, "widget-dropdown", d.label(state, uid) + f'<select id="{uid}" disabled>{options}</select>')
    rows = state.get("rows")
    attrs = (" multiple" if name == "SelectMultipleModel" else "") + (f' size="{rows}"' if isinstance(rows, int) else "")
    classes = "widget-select" + (" widget-select-multiple" if name == "SelectMultipleModel" else "")
    return _input(d, state, classes, d.label(state, uid) + f'<select id="{uid}"{attrs} disabled>{options}</select>')


def radio_buttons(d: Drawing, state: dict) -> str:
    group, chosen = d.new_id(), _chosen(state)
    items = "".join(f'<label>{escape(label)}<input type="radio" name="{group}" value="{i}"'
                    f'{" checked" if i in chosen else ""} disabled></label>'
                    for i, label in enumerate(state.get("_options_labels") or ()))
    box = (f'<div class="widget-radio-box widget-radio-box-vertical" role="radiogroup"'
           f' aria-label="{escape(state.get("description") or "options")}">{items}</div>')
    return d.root("div", state, "widget-radio", d.label(state) + box)


def toggle_buttons(d: Drawing, state: dict) -> str:
    chosen, icons = _chosen(state), state.get("icons") or []
    buttons = "".join(
        f'<button type="button" class="widget-toggle-button jupyter-button{" mod-active" if i in chosen else ""}'
        f'{_style_class(state)}" aria-pressed="{"true" if i in chosen else "false"}" disabled>{escape(label)}'
        f'{_icon(icons[i]) if i < len(icons) else "<i></i>"}</button>'
        for i, label in enumerate(state.get("_options_labels") or ()))
    return d.root("div", state, "widget-toggle-buttons", d.label(state) + f"<div>{buttons}</div>")


def play(d: Drawing, state: dict) -> str:
    buttons = "".join(f'<button type="button" class="jupyter-button" aria-label="{name}" disabled>{_icon(icon)}</button>'
                      for name, icon in (("Play", "play"), ("Stop", "stop"), ("Repeat", "retweet")))
    return d.root("div", state, "jupyter-widgets widget-inline-hbox widget-play", buttons)


def label(d: Drawing, state: dict) -> str:
    """Label: text, with its formulas as MathML as ipywidgets typesets them (in a span, so the
    flex box keeps the spaces between words and formulas)."""
    plain = escape(state.get("value"))
    shown = with_math(plain)
    return d.root("div", state, "jupyter-widgets widget-inline-hbox widget-label",
                  shown if shown == plain else f"<span>{shown}</span>")


def html_view(d: Drawing, state: dict) -> str:
    """HTML and HTMLMath: the author's HTML under the output policy (HTMLMath's formulas as MathML)."""
    kind = "widget-htmlmath" if state.get("_model_name") == "HTMLMathModel" else "widget-html"
    content = d.clean(str(state.get("value") or ""))
    if kind == "widget-htmlmath":
        content = with_math(content)
    return d.root("div", state, f"jupyter-widgets widget-inline-hbox {kind}",
                  d.label(state) + f'<div class="{kind}-content">{content}</div>')
