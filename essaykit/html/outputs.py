"""Code-cell outputs as HTML for a page that must never touch the network.

Which part of a mime bundle is shown, in order of preference:

1. ``text/html``. Every essaykit widget puts its *static twin* here (stars for
   a Rating, the approved comments for a CommentSection), so the twin wins
   over the widget view.
2. ``application/vnd.jupyter.widget-view+json`` alone: a widget without a
   twin. It needs a kernel, so it becomes a short note pointing to the live
   version rather than an empty box or a script tag.
3. Raster images (PNG, JPEG, GIF, WebP) and SVG, embedded as ``data:`` URLs.
4. ``text/markdown``, then ``text/plain``.

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
import re

from .._data_urls import RASTER_TYPES, SVG_TYPE, browser_url, filter_data_url, is_data_url
from . import widget_note

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# What an output may embed; SVG too, as it is shown through <img>.
IMAGE_TYPES = (*RASTER_TYPES, SVG_TYPE)
ERROR_NOTE = '<p class="ek-output-error">This part of the essay could not be shown.</p>'

# ANSI escape sequences (colours, cursor moves) in streams and tracebacks.
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")
_SAFE_HREF = re.compile(r"^(https?:|mailto:|#)", re.I)
# Anything in a style attribute that can make the browser fetch something.
_STYLE_FETCHES = re.compile(r"url\s*\(|image-set\s*\(|image\s*\(|@import|\\|expression\s*\(", re.I)
_URL_ATTRS = frozenset({"src", "href", "poster", "srcset", "background", "action", "formaction", "xlink:href"})

_OUTPUT_TAGS = {
    "a", "abbr", "article", "aside", "b", "blockquote", "br", "button", "caption", "cite", "code",
    "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "u", "ul", "var",
}
_OUTPUT_ATTRIBUTES = {
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
    if name == "src":
        return None  # remote or relative: the page travels alone
    if name == "href":
        return value if _SAFE_HREF.match(browser_url(value)) else None
    if name in _URL_ATTRS:
        return None
    if name == "style":
        return None if _STYLE_FETCHES.search(value) else value
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


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _plain(text: str) -> str:
    return html.escape(ANSI.sub("", text))


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


def render_output(output: dict, live_url: str = "") -> str:
    """One code-cell output as HTML under the policy in the module docstring."""
    kind = output.get("output_type")
    if kind == "error":
        return ERROR_NOTE
    if kind == "stream":
        # stderr is warnings and logging meant for the author, not the reader.
        if output.get("name") == "stderr":
            return ""
        return f'<pre class="ek-output-stream">{_plain(_text(output.get("text", "")))}</pre>'
    if kind not in ("display_data", "execute_result"):
        return ""
    data = output.get("data") or {}
    meta = output.get("metadata") or {}
    if "text/html" in data:
        return clean_output_html(_text(data["text/html"]))
    if WIDGET_VIEW in data:
        return widget_note(live_url)
    for mime in IMAGE_TYPES:
        if mime in data:
            return _image(mime, _text(data[mime]), meta.get(mime) or {})
    if "text/markdown" in data:
        from ..markdown import render_markdown

        return render_markdown(_text(data["text/markdown"]))
    if "text/plain" in data:
        return f'<pre class="ek-output-text">{_plain(_text(data["text/plain"]))}</pre>'
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
            merged[-1] = {**prev, "text": _text(prev.get("text", "")) + _text(out.get("text", ""))}
        else:
            merged.append(out)
    return merged
