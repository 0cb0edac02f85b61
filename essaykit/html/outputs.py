"""Code-cell outputs as HTML for a page that must never touch the network.

Which part of a mime bundle is shown follows nbconvert's display priority, with
our widget twins first and a fallback: when the preferred part shows nothing
once sanitised (an ``<iframe>``, a script), the next one is used.

1. ``text/html``. Every essaykit widget puts its *static twin* here (stars for
   a Rating, the approved comments for a CommentSection), so the twin wins
   over the widget view. An ``<iframe>`` (``YouTubeVideo``, ``IFrame``)
   becomes a video facade or a link (:mod:`essaykit.html.video`).
2. ``application/vnd.jupyter.widget-view+json`` alone: a widget without a
   twin. A standard ipywidget in the notebook's saved widget state is drawn
   from that state as ipywidgets draws it (:mod:`essaykit.html.widget_views`),
   in ``<div class="ek-widget" data-ek-widget="MODEL_ID">``; any other widget
   needs a kernel, so it becomes a short note pointing to the live version
   rather than an empty box or a script tag.
3. ``text/markdown``, SVG, ``text/latex`` (formulas as MathML), raster images
   (PNG, JPEG, GIF, WebP, embedded as ``data:`` URLs), ``application/json``,
   then ``text/plain``.

Streams and tracebacks keep their ANSI colours (nbconvert's ``ansi2html``).
Errors are a quiet note by default; pages made from stored outputs or with
``--allow-errors`` pass ``show_errors`` and show the traceback, as stock does.

The HTML policy. Output HTML comes from the author's own code, so it is
trusted not to be malicious, but a careless ``display(HTML(...))`` could still
pull in a CDN script, a remote stylesheet or a hot-linked image, and then the
page is no longer a self-contained file. So output HTML goes through nh3 with
an allowlist (see :func:`clean_output_html`):

- no ``<script>``, ``<style>``, ``<link>``, ``<iframe>``, ``<object>``,
  ``<embed>``, forms or event-handler attributes;
- ``src`` only as a ``data:image/...`` URL (remote and relative images are
  dropped), ``href`` only http(s), mailto or in-page ``#`` links;
- ``style`` attributes only when they load nothing (no ``url(``,
  ``image-set(``, ``@import`` or CSS escapes);
- ``class``, ``id``, ``role``, ``title``, ``lang``, ``aria-*`` and
  ``data-ek-*`` survive, so widget twins built from the essaykit vocabulary
  (``ek-spoiler``, ``ek-stars``, ``data-ek-spoiler`` …) keep working.

SVG is never inlined: it is shown through ``<img src="data:image/svg+xml…">``,
where browsers run no script and load nothing.
"""

from __future__ import annotations

import base64
import functools
import html
import json
import re

from .._data_urls import RASTER_TYPES, SVG_TYPE, browser_url, filter_data_url, is_data_url
from .._mathml import MATHML_ATTRIBUTES, MATHML_TAGS, STYLE_FETCHES, filter_mathml_attribute, latex_html
from . import widget_note
from .video import iframe_output
from .widget_state import WidgetState
from .widget_views import draw_view

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# What an output may embed; SVG too, as it is shown through <img>.
IMAGE_TYPES = (*RASTER_TYPES, SVG_TYPE)
ERROR_NOTE = '<p class="ek-output-error">This part of the essay could not be shown.</p>'

# ANSI escape sequences (colours, cursor moves) in streams and tracebacks.
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")
_SAFE_HREF = re.compile(r"^(https?:|mailto:|#)", re.I)
_URL_ATTRS = frozenset({"src", "href", "poster", "srcset", "background", "action", "formaction", "xlink:href"})

_OUTPUT_TAGS = {
    "a", "abbr", "article", "aside", "b", "blockquote", "br", "button", "caption", "cite", "code",
    "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "u", "ul", "var",
} | MATHML_TAGS
_OUTPUT_ATTRIBUTES = {
    **MATHML_ATTRIBUTES,
    "*": {"class", "id", "role", "title", "lang", "dir", "style", "tabindex", "hidden"},
    "a": {"href", "rel"},
    "img": {"src", "alt", "width", "height"},
    "details": {"open"},
    "button": {"type", "disabled"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed"},
    "table": {"border"},
}


_REL_TOKENS = {"nofollow", "ugc", "noopener", "noreferrer", "sponsored", "external", "author", "license"}


def _filter_attribute(tag: str, attr: str, value: str) -> str | None:
    """Drop every attribute value that would make the page fetch something."""
    name = attr.lower()
    if name in ("src", "href") and is_data_url(value):
        return filter_data_url(tag, name, value, IMAGE_TYPES)
    if tag in MATHML_TAGS and name in ("style", "id"):
        return filter_mathml_attribute(tag, name, value)
    if name == "src":
        return None  # remote or relative: the page travels alone
    if name == "href":
        return value if _SAFE_HREF.match(browser_url(value)) else None
    if name in _URL_ATTRS:
        return None
    if name == "style":
        return None if STYLE_FETCHES.search(value) else value
    if name == "rel":
        # Keep what the widget said (a comment's "nofollow ugc"), always with noopener.
        kept = [t for t in value.lower().split() if t in _REL_TOKENS]
        return " ".join(dict.fromkeys([*kept, "noopener"]))
    return value


@functools.cache
def _cleaner():
    import nh3

    return nh3.Cleaner(
        tags=_OUTPUT_TAGS,
        clean_content_tags={"script", "style", "template", "noscript"},
        attributes=_OUTPUT_ATTRIBUTES,
        generic_attribute_prefixes={"aria-", "data-ek-"},
        attribute_filter=_filter_attribute,
        url_schemes={"http", "https", "mailto", "data"},
        # rel is filtered per link instead (see _filter_attribute): a fixed
        # link_rel would replace the "nofollow ugc" on readers' links. No
        # target attribute survives, so a link without rel cannot reach window.opener.
        link_rel=None,
    )


def clean_output_html(markup: str) -> str:
    """Apply the output HTML policy described in the module docstring."""
    return _cleaner().clean(markup)


def text_of(value) -> str:
    """A notebook's text field as one string (nbformat stores multi-line text as a list of lines)."""
    return "".join(value) if isinstance(value, list) else str(value or "")


def _plain(text: str) -> str:
    return html.escape(ANSI.sub("", text))


def _coloured(text: str) -> str:
    """Stream or traceback text with its ANSI colours as classes (plain when it has none)."""
    if "\x1b" not in text:
        return html.escape(text)
    # nbconvert costs 1.7 s to import; only text with escape codes pays it (and an
    # export or Voilà has imported it already).
    from nbconvert.filters.ansi import ansi2html

    return ansi2html(text)


def _image(mime: str, payload: str, meta: dict) -> str:
    payload = payload.replace("\n", "")
    if mime == "image/svg+xml":
        payload = base64.b64encode(payload.encode("utf-8")).decode("ascii")
    size = ""
    for key in ("width", "height"):
        value = meta.get(key) if isinstance(meta, dict) else None
        if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 100000:
            size += f' {key}="{value}"'
    return f'<img class="ek-output-image" alt=""{size} src="data:{mime};base64,{html.escape(payload)}">'


# What shows something once sanitised: text, or an element that is seen without any.
_VISIBLE = re.compile(r"<(img|math|hr|input|meter|progress)\b|>[^<]*\S[^<]*<|^[^<]*\S", re.I)
# The repr IPython gives objects that have no text form of their own.
_BARE_REPR = re.compile(r"^<[\w.]+(?: object)?(?: at 0x[0-9a-f]+)?>$")
_PRIORITY = ("text/html", WIDGET_VIEW, "text/markdown", "image/svg+xml", "text/latex", *RASTER_TYPES,
             "application/json", "text/plain")


def _html_output(data: dict) -> str:
    markup = text_of(data["text/html"])
    if "<iframe" in markup.lower():
        jpeg = data.get("image/jpeg")
        thumb = f"data:image/jpeg;base64,{text_of(jpeg).replace(chr(10), '')}" if isinstance(jpeg, (str, list)) else ""
        framed = iframe_output(markup, thumb)
        if framed:
            return framed
    return clean_output_html(markup)


def _widget(view, live_url: str, show_errors: bool, widgets: WidgetState | None) -> str:
    """A widget view drawn from the saved state, or the note pointing to the live version."""
    model_id = view.get("model_id") if isinstance(view, dict) else None
    if widgets and isinstance(model_id, str):
        drawn = draw_view(widgets, model_id, clean=clean_output_html,
                          output=lambda o: render_output(o, live_url, show_errors=show_errors, widgets=widgets))
        if drawn:
            return f'<div class="ek-widget" data-ek-widget="{html.escape(model_id)}">{drawn}</div>'
    return widget_note(live_url)


def _render_mime(mime: str, data: dict, meta: dict, live_url: str) -> str:
    if mime == "text/html":
        return _html_output(data)
    if mime in RASTER_TYPES or mime == "image/svg+xml":
        return _image(mime, text_of(data[mime]), meta.get(mime) or {})
    if mime == "text/markdown":
        from ..markdown import render_markdown

        return render_markdown(text_of(data[mime]))
    if mime == "text/latex":
        return f'<div class="ek-output-latex">{latex_html(text_of(data[mime]))}</div>'
    if mime == "application/json":
        shown = json.dumps(data[mime], indent=2, ensure_ascii=False, default=str)
        return f'<pre class="ek-output-json">{html.escape(shown)}</pre>'
    text = text_of(data[mime])
    if _BARE_REPR.match(text.strip()):
        return ""
    return f'<pre class="ek-output-text">{_plain(text)}</pre>'


def render_error(output: dict) -> str:
    """An error output as a notebook shows it: the traceback with its colours."""
    trace = output.get("traceback")
    text = "\n".join(str(line) for line in trace) if isinstance(trace, list) and trace else (
        f"{output.get('ename', 'Error')}: {output.get('evalue', '')}")
    return f'<pre class="ek-output-error-trace">{_coloured(text)}</pre>'


def render_output(output: dict, live_url: str = "", *, show_errors: bool = False,
                  widgets: WidgetState | None = None) -> str:
    """One code-cell output as HTML under the policy in the module docstring; ``widgets`` is the
    notebook's saved widget state (:meth:`WidgetState.from_notebook`), which widget views are drawn from."""
    kind = output.get("output_type")
    if kind == "error":
        return render_error(output) if show_errors else ERROR_NOTE
    if kind == "stream":
        # stderr is warnings and logging meant for the author, not the reader.
        if output.get("name") == "stderr":
            return ""
        return f'<pre class="ek-output-stream">{_coloured(text_of(output.get("text", "")))}</pre>'
    if kind not in ("display_data", "execute_result"):
        return ""
    data = output.get("data") or {}
    meta = output.get("metadata") or {}
    for mime in _PRIORITY:
        if mime in data:
            shown = (_widget(data[mime], live_url, show_errors, widgets) if mime == WIDGET_VIEW
                     else _render_mime(mime, data, meta if isinstance(meta, dict) else {}, live_url))
            if shown and _VISIBLE.search(shown):
                return shown
    return ""


def merge_streams(outputs) -> list[dict]:
    """Join consecutive stream outputs of the same name, as a notebook shows them."""
    merged: list[dict] = []
    for out in outputs:
        prev = merged[-1] if merged else None
        if (
            prev is not None and out.get("output_type") == "stream" and prev.get("output_type") == "stream"
            and prev.get("name") == out.get("name")
        ):
            merged[-1] = {**prev, "text": text_of(prev.get("text", "")) + text_of(out.get("text", ""))}
        else:
            merged.append(out)
    return merged
