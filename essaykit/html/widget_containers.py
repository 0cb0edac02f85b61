"""ipywidgets' containers drawn from their saved state: boxes, Tab, Accordion, Stack, Output and
Image, with the markup and classes of ipywidgets' own views.

Without JavaScript an Accordion is ``<details>`` (each pane opens and closes with the keyboard,
the saved pane open); a Tab shows its title bar and the saved page, as the notebook showed it.
"""

from __future__ import annotations

import base64

from .widget_state import Drawing, escape

_BOX_STYLE = {"success", "info", "warning", "danger"}


def box(d: Drawing, state: dict) -> str:
    """Box, HBox, VBox and GridBox (whose layout's grid traits become its CSS grid)."""
    name = state.get("_model_name")
    classes = {"HBoxModel": "widget-box widget-hbox", "VBoxModel": "widget-box widget-vbox",
               "GridBoxModel": "widget-gridbox"}.get(name, "widget-box")
    style = state.get("box_style")
    if style in _BOX_STYLE:
        classes += f" alert alert-{style}"
    return d.root("div", state, f"lm-Panel jupyter-widgets widget-container {classes}", d.children(state))


def stack(d: Drawing, state: dict) -> str:
    """Stack: only the selected child, as ipywidgets shows it."""
    index, children = state.get("selected_index"), state.get("children") or []
    shown = d.child(children[index]) if isinstance(index, int) and 0 <= index < len(children) else ""
    return d.root("div", state, "lm-Panel jupyter-widgets widget-container widget-box", shown)


def _titles(state: dict) -> list[str]:
    titles = state.get("titles") or ()
    return [t if isinstance(t, str) else "" for t in titles]


def tab(d: Drawing, state: dict) -> str:
    index, titles, uid = state.get("selected_index"), _titles(state), d.new_id()
    tabs, pages = [], []
    for i, ref in enumerate(state.get("children") or ()):
        current = i == index
        title = titles[i] if i < len(titles) and titles[i] else f"Page {i}"
        tabs.append(f'<li id="{uid}-tab-{i}" role="tab" aria-selected="{"true" if current else "false"}"'
                    f' aria-controls="{uid}-page-{i}" class="lm-TabBar-tab{" lm-mod-current" if current else ""}">'
                    f'<div class="lm-TabBar-tabIcon"></div><div class="lm-TabBar-tabLabel">{escape(title)}</div></li>')
        hidden = "" if current else " hidden"
        pages.append(f'<div id="{uid}-page-{i}" role="tabpanel" aria-labelledby="{uid}-tab-{i}"'
                     f' class="ek-widget-tab-page{"" if current else " lm-mod-hidden"}"{hidden}>{d.child(ref)}</div>')
    bar = (f'<div class="lm-Widget lm-TabBar jupyter-widget-TabPanel-tabBar widget-tab-bar" data-orientation="horizontal">'
           f'<ul role="tablist" class="lm-TabBar-content" aria-orientation="horizontal">{"".join(tabs)}</ul></div>')
    contents = f'<div class="lm-Widget lm-Panel jupyter-widget-TabPanel-tabContents widget-tab-contents">{"".join(pages)}</div>'
    return d.root("div", state, "jupyter-widget-TabPanel jupyter-widgets widget-container jupyter-widget-tab widget-tab",
                  bar + contents)


def accordion(d: Drawing, state: dict) -> str:
    index, titles, panes = state.get("selected_index"), _titles(state), []
    for i, ref in enumerate(state.get("children") or ()):
        active = i == index
        title = titles[i] if i < len(titles) else ""
        state_classes = " jupyter-widget-Collapse-open jupyter-widget-Accordion-child-active" if active else ""
        panes.append(
            f'<details class="lm-Widget jupyter-widget-Collapse jupyter-widget-Accordion-child{state_classes}"'
            f'{" open" if active else ""}><summary class="lm-Widget jupyter-widget-Collapse-header">'
            f'<span>{escape(title)}</span></summary>'
            f'<div class="lm-Widget lm-Panel jupyter-widget-Collapse-contents">{d.child(ref)}</div></details>')
    return d.root("div", state, "lm-Panel jupyter-widget-Accordion jupyter-widgets widget-accordion widget-container",
                  "".join(panes))


def output(d: Drawing, state: dict) -> str:
    """Output: what it captured, through the page's own output renderer."""
    shown = []
    for captured in state.get("outputs") or ():
        markup = d.output(captured) if isinstance(captured, dict) else ""
        if markup:
            shown.append('<div class="lm-Widget lm-Panel jp-OutputArea-child"><div class="lm-Widget jp-OutputArea-output">'
                         f"{markup}</div></div>")
    return d.root("div", state, "lm-Panel jupyter-widgets widget-output",
                  f'<div class="lm-Widget jp-OutputArea">{"".join(shown)}</div>')


_IMAGE_FORMATS = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg", "gif": "image/gif", "webp": "image/webp"}


def image(d: Drawing, state: dict) -> str:
    """Image: its bytes come with the state as a base64 buffer (raster formats only; "" otherwise)."""
    mime = _IMAGE_FORMATS.get(str(state.get("format", "png")).lower())
    data = (state.get("value") or {}).get("base64") if isinstance(state.get("value"), dict) else None
    if not mime or not isinstance(data, str):
        return ""
    try:
        base64.b64decode(data, validate=True)
    except ValueError:
        return ""
    size = "".join(f' {k}="{escape(state[k])}"' for k in ("width", "height")
                   if isinstance(state.get(k), str) and state[k].strip().isdigit())
    return d.root("img", state, "jupyter-widgets widget-image", "", f' alt=""{size} src="data:{mime};base64,{data}"')
