"""Figures in Markdown: a paragraph that is one titled image becomes a ``<figure>``
whose caption is the image's title (a markdown-it core rule and image renderer)."""

from __future__ import annotations

import html


def figures(state) -> None:
    """A paragraph that is one titled image, ``![alt](src "Caption")``, becomes a
    ``<figure>`` whose ``<figcaption>`` is the title."""
    tokens = state.tokens
    for i in range(len(tokens) - 2):
        opening, inline, closing = tokens[i], tokens[i + 1], tokens[i + 2]
        if opening.type != "paragraph_open" or inline.type != "inline" or closing.type != "paragraph_close":
            continue
        children = [c for c in inline.children or [] if not (c.type == "text" and not c.content.strip())]
        if len(children) == 1 and children[0].type == "image" and (children[0].attrGet("title") or "").strip():
            opening.tag = closing.tag = "figure"
            children[0].meta["figure"] = True


def render_image(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    if not token.meta.get("figure"):
        return self.image(tokens, idx, options, env)
    caption = str(token.attrGet("title") or "").strip()
    token.attrs.pop("title", None)
    return self.image(tokens, idx, options, env) + f"<figcaption>{html.escape(caption)}</figcaption>"
