"""A notebook's saved widget state, drawn on the server as ipywidgets draws it.

Running a notebook with nbclient (``essaykit export``), or saving it in
JupyterLab with "Save Widget State Automatically", stores every widget model in
``metadata.widgets["application/vnd.jupyter.widget-state+json"]``. A widget
output (``application/vnd.jupyter.widget-view+json``) names one of them.
:class:`WidgetState` reads that state; :class:`Drawing` is what the drawing
functions in :mod:`.widget_controls` and :mod:`.widget_containers` share: the
models, how layout and style traits become CSS, ids for ``<label for>``, and
how to draw a child or an Output widget's captured outputs. Each function
writes the markup and CSS classes ipywidgets' own views write, with every
control disabled, so a page needs no JavaScript to show the widgets at the
values they were saved with; :mod:`.widget_views` maps view names to them.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .._mathml import STYLE_FETCHES, formula_html

STATE_MIME = "application/vnd.jupyter.widget-state+json"
VIEW_MIME = "application/vnd.jupyter.widget-view+json"
REF = "IPY_MODEL_"

# Layout traits are CSS properties with "_" for "-" (ipywidgets' LayoutView does the same).
_LAYOUT = frozenset({
    "align_content", "align_items", "align_self", "border_top", "border_right", "border_bottom", "border_left",
    "bottom", "display", "flex", "flex_flow", "grid_area", "grid_auto_columns", "grid_auto_flow",
    "grid_auto_rows", "grid_column", "grid_gap", "grid_row", "grid_template_areas", "grid_template_columns",
    "grid_template_rows", "height", "justify_content", "justify_items", "left", "margin", "max_height",
    "max_width", "min_height", "min_width", "object_fit", "object_position", "order", "overflow", "padding",
    "right", "top", "visibility", "width",
})
# Style traits: (which part of the view, CSS property), as ipywidgets' style models declare them.
_STYLE = {
    "description_width": ("label", "width"), "button_color": ("", "background-color"),
    "bar_color": ("bar", "background-color"), "handle_color": ("handle", "background-color"),
    "font_weight": ("", "font-weight"), "font_size": ("", "font-size"), "font_family": ("", "font-family"),
    "font_style": ("", "font-style"), "font_variant": ("", "font-variant"), "text_color": ("", "color"),
    "text_decoration": ("", "text-decoration"), "background": ("", "background"),
}
# Formulas in widget text, with the delimiters ipywidgets' typesetting (MathJax) reads.
_MATH = re.compile(r"\$\$(.+?)\$\$|\\\[(.+?)\\\]|\\\((.+?)\\\)|(?<![\\$])\$([^$\n]+?)\$", re.S)


def escape(value) -> str:
    return html.escape("" if value is None else str(value))


def with_math(markup: str) -> str:
    """``markup`` with its ``$…$``, ``$$…$$``, ``\\(…\\)`` and ``\\[…\\]`` formulas as MathML."""
    def convert(m: re.Match) -> str:
        display = m.group(1) is not None or m.group(2) is not None
        tex = next(g for g in m.groups() if g is not None)
        return formula_html(html.unescape(tex).strip(), display)

    return _MATH.sub(convert, markup)


def _with_buffers(model: dict) -> dict:
    """``model`` with each saved top-level binary trait (an Image's ``value``) put back as ``{"base64": data}``."""
    buffers = model.get("buffers")
    if not isinstance(buffers, list):
        return model
    state = dict(model["state"])
    for buffer in buffers:
        if (isinstance(buffer, dict) and buffer.get("encoding") == "base64" and isinstance(buffer.get("data"), str)
                and isinstance(buffer.get("path"), list) and len(buffer["path"]) == 1):
            state[str(buffer["path"][0])] = {"base64": buffer["data"]}
    return {**model, "state": state}


@dataclass(frozen=True)
class WidgetState:
    """The models of a saved widget state, by id (each ``{"model_name", "model_module", "state"}``);
    ``saved`` is the state as the notebook stored it, for ipywidgets' own manager."""

    models: Mapping[str, dict] = field(default_factory=dict)
    saved: Mapping[str, dict] = field(default_factory=dict)

    @classmethod
    def from_notebook(cls, nb: Mapping) -> WidgetState:
        """The state saved in notebook ``nb`` (empty when it has none or it is not version 2)."""
        saved = ((nb.get("metadata") or {}).get("widgets") or {}).get(STATE_MIME) or {}
        models = saved.get("state") if isinstance(saved, dict) and saved.get("version_major") == 2 else None
        if not isinstance(models, dict):
            return cls()
        kept = {k: v for k, v in models.items() if isinstance(v, dict) and isinstance(v.get("state"), dict)}
        return cls({k: _with_buffers(v) for k, v in kept.items()}, kept)

    def __bool__(self) -> bool:
        return bool(self.models)

    def state(self, ref) -> dict | None:
        """The traits of the model ``ref`` names (an id or ``IPY_MODEL_<id>``), or None."""
        if not isinstance(ref, str):
            return None
        model = self.models.get(ref.removeprefix(REF))
        return model["state"] if model else None

    def script(self, modules: frozenset[str] | None = None) -> str:
        """The state as ipywidgets' HTML manager reads it from a page (``</`` cannot end the script);
        with ``modules``, only the models of those front-end modules."""
        kept = {k: v for k, v in self.saved.items() if modules is None or v.get("model_module") in modules}
        data = json.dumps({"version_major": 2, "version_minor": 0, "state": kept}, separators=(",", ":"))
        return f'<script type="{STATE_MIME}">' + data.replace("</", "<\\/") + "</script>"


def _css(pairs) -> str:
    """``property: value`` pairs as a style attribute's text; values that would fetch are dropped."""
    kept = []
    for prop, value in pairs:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and value.strip() and not STYLE_FETCHES.search(value) and not re.search(r"[;{}<>\"]", value):
            kept.append(f"{prop}: {value.strip()}")
    return "; ".join(kept)


@dataclass
class Drawing:
    """What the drawing functions share while one page is drawn."""

    widgets: WidgetState
    view: Callable[[Drawing, dict], str]  # draws any model's state (set by widget_views)
    output: Callable[[dict], str]  # one captured output as HTML (set by html.outputs)
    clean: Callable[[str], str]  # author HTML under the output policy (set by html.outputs)
    _ids: int = 0
    _drawing: set = field(default_factory=set)

    def new_id(self) -> str:
        self._ids += 1
        return f"ek-widget-{self._ids}"

    def child(self, ref) -> str:
        """The view of the model ``ref`` names ("" when the state lacks it or it contains itself)."""
        state = self.widgets.state(ref)
        key = ref.removeprefix(REF) if isinstance(ref, str) else ref
        if state is None or key in self._drawing:
            return ""
        self._drawing.add(key)
        try:
            return self.view(self, state)
        finally:
            self._drawing.discard(key)

    def children(self, state: dict) -> str:
        return "".join(self.child(ref) for ref in state.get("children") or ())

    def style(self, state: dict, part: str = "") -> str:
        """The CSS of ``state``'s style traits that apply to ``part`` ("" the view, "label", "bar", "handle")."""
        style = self.widgets.state(state.get("style")) or {}
        return _css((prop, style.get(name)) for name, (where, prop) in _STYLE.items() if where == part)

    def layout(self, state: dict) -> str:
        layout = self.widgets.state(state.get("layout")) or {}
        return _css((name.replace("_", "-"), layout.get(name)) for name in sorted(_LAYOUT))

    def root(self, tag: str, state: dict, classes: str, inner: str, attrs: str = "") -> str:
        """The view's own element: ``lm-Widget`` and ``classes`` (ipywidgets' own for the view), the model's
        ``_dom_classes``, its layout and style traits as CSS; an ``img`` has no ``inner``."""
        extra = " ".join(c for c in state.get("_dom_classes") or () if isinstance(c, str))
        css = "; ".join(s for s in (self.layout(state), self.style(state)) if s)
        style = f' style="{escape(css)}"' if css else ""
        tip = state.get("tooltip")
        title = f' title="{escape(tip)}"' if isinstance(tip, str) and tip else ""
        start = f'<{tag} class="lm-Widget {classes}{" " + escape(extra) if extra else ""}"{style}{title}{attrs}>'
        return start if tag == "img" else f"{start}{inner}</{tag}>"

    def label(self, state: dict, for_id: str = "") -> str:
        """The description as ipywidgets' ``label.widget-label`` ("" when there is none)."""
        text = state.get("description")
        if not isinstance(text, str) or not text:
            return ""
        shown = with_math(self.clean(text) if state.get("description_allow_html") else escape(text))
        attrs = f' for="{for_id}"' if for_id else ""
        css = self.style(state, "label")
        if css:
            attrs += f' style="{escape(css)}"'
        return f'<label class="widget-label"{attrs} title="{escape(text)}">{shown}</label>'
