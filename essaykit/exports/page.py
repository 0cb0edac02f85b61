"""Render an :class:`~essaykit.essay.Essay` as one self-contained HTML page."""

from __future__ import annotations

import html
from collections.abc import Iterable

from markupsafe import Markup

from ..essay import CodeBlock, Essay, SpoilerBlock, TextBlock
from . import vocab

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp")


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def render_output(output: dict, live_url: str = "") -> str:
    """One code-cell output as HTML. A widget's static twin (its ``text/html``)
    wins over the widget view; a widget with no twin becomes a short note."""
    kind = output.get("output_type")
    if kind == "error":
        return '<p class="ek-output-error">This part of the essay could not be shown.</p>'
    if kind == "stream":
        return f'<pre class="ek-output-stream">{html.escape(_text(output.get("text", "")))}</pre>'
    data = output.get("data") or {}
    if "text/html" in data:
        return _text(data["text/html"])
    if WIDGET_VIEW in data:
        return vocab.widget_note(live_url)
    for mime in _IMAGE_TYPES:
        if mime in data:
            payload = _text(data[mime]).replace("\n", "")
            return f'<img alt="" src="data:{mime};base64,{html.escape(payload)}">'
    if "image/svg+xml" in data:
        from ..markdown import sanitize_html

        return sanitize_html(_text(data["image/svg+xml"]))
    if "text/markdown" in data:
        from ..markdown import render_markdown

        return render_markdown(_text(data["text/markdown"]))
    if "text/plain" in data:
        return f'<pre class="ek-output-text">{html.escape(_text(data["text/plain"]))}</pre>'
    return ""


def render_blocks(essay: Essay, *, show_code: bool = False) -> Iterable[str]:
    for i, block in enumerate(essay.blocks):
        if isinstance(block, TextBlock):
            yield block.html
        elif isinstance(block, SpoilerBlock):
            yield vocab.spoiler_block(block.label, block.html, block_id=f"ek-spoiler-{i}")
        elif isinstance(block, CodeBlock):
            parts = []
            if show_code and block.source.strip():
                parts.append(f'<pre class="ek-source"><code>{html.escape(block.source)}</code></pre>')
            parts.extend(render_output(o, essay.meta.live_url) for o in block.outputs)
            parts = [p for p in parts if p]
            if parts:
                yield f'<div class="ek-output" data-ek-cell="{block.cell_index + 1}">' + "\n".join(parts) + "</div>"


def render_page(essay: Essay, *, show_code: bool = False) -> str:
    """The whole static page for ``essay``: CSS and JS inlined, no external requests."""
    template = vocab.environment().get_template("index.html.j2")
    body = Markup("\n".join(render_blocks(essay, show_code=show_code)))
    return template.render(essay=essay, body=body, css=vocab.asset("essay.css"), js=vocab.asset("essay.js"))
