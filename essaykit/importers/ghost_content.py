"""A Ghost post without ``html`` in its export: its Lexical or Mobiledoc document as HTML.

Ghost keeps each post as an editor document (Lexical since Ghost 5, Mobiledoc
before) and writes the rendered ``html`` beside it in most exports; some
exports, and posts saved by integrations, have only the document. Rather than
lose those posts, the basic nodes are drawn here: paragraphs, headings,
quotes, lists, bold/italic/code/strike text, links, line breaks, rules, and
the cards that carry words or media (image, gallery, code, HTML, Markdown,
bookmark, embed, video, audio, file, button, callout, toggle). The HTML then
takes the same sanitising path as every imported post. A card that is none of
these (a signup form, a product box) is left out with a note naming it; no
library renders Ghost's documents in Python, and Ghost's own renderer is
JavaScript.
"""

from __future__ import annotations

import json
from html import escape

MAX_DEPTH = 64  # Ghost's editor nests a list in a list, never dozens deep
# Lexical's text format bits: bold, italic, strikethrough, underline, code.
_FORMATS = ((1, "strong"), (2, "em"), (4, "s"), (8, "u"), (16, "code"))


def _a(url: str, text: str) -> str:
    return f'<a href="{escape(url)}">{escape(text or url)}</a>' if url else escape(text)


def _card(kind: str, node: dict, notes: list[str]) -> str:
    """A card of either editor (Lexical node or Mobiledoc payload) as HTML."""
    text = lambda key: str(node.get(key) or "")  # noqa: E731 - a card's fields are optional strings
    if kind == "image":
        caption = f"<figcaption>{text('caption')}</figcaption>" if node.get("caption") else ""
        return f'<figure><img src="{escape(text("src"))}" alt="{escape(text("alt"))}">{caption}</figure>'
    if kind == "gallery":
        images = node.get("images") if isinstance(node.get("images"), list) else []
        return "".join(_card("image", i, notes) for i in images if isinstance(i, dict))
    if kind in ("codeblock", "code"):
        return f"<pre><code>{escape(text('code'))}</code></pre>"
    if kind == "html":
        return text("html")
    if kind == "markdown":
        from ..markdown import render_markdown

        return render_markdown(text("markdown"))
    if kind in ("bookmark", "embed"):
        meta = node.get("metadata") if isinstance(node.get("metadata"), dict) else {}
        return f"<p>{_a(text('url'), str(meta.get('title') or ''))}</p>"
    if kind in ("video", "audio", "file"):
        return f"<p>{_a(text('src'), text('title') or text('fileTitle') or text('fileName'))}</p>"
    if kind == "button":
        return f"<p>{_a(text('buttonUrl'), text('buttonText'))}</p>"
    if kind == "callout":
        return f"<blockquote><p>{text('calloutText')}</p></blockquote>"
    if kind == "toggle":
        return f"<h3>{text('heading')}</h3><div>{text('content')}</div>"
    if kind in ("horizontalrule", "hr", "divider"):
        return "<hr>"
    if kind != "paywall":  # the members-only cut: nothing to show
        notes.append(f"a Ghost {kind!r} card has no words or media to import; left it out")
    return ""


def _lexical(node, notes: list[str], depth: int = 0) -> str:
    if depth > MAX_DEPTH:
        raise ValueError(f"its Lexical document is nested more than {MAX_DEPTH} levels deep")
    if not isinstance(node, dict):
        return ""
    kind = str(node.get("type") or "").removeprefix("extended-")
    inner = "".join(_lexical(child, notes, depth + 1) for child in node.get("children") or [] if isinstance(child, dict))
    if kind == "root":
        return inner
    if kind == "text":
        html = escape(str(node.get("text") or ""))
        bits = node.get("format") if isinstance(node.get("format"), int) else 0
        for bit, tag in _FORMATS:
            if bits & bit:
                html = f"<{tag}>{html}</{tag}>"
        return html
    if kind in ("link", "autolink"):
        return f'<a href="{escape(str(node.get("url") or ""))}">{inner}</a>'
    if kind == "linebreak":
        return "<br>"
    if kind == "tab":
        return " "
    if kind == "paragraph":
        return f"<p>{inner}</p>"
    if kind == "heading":
        tag = str(node.get("tag") or "h2")
        return f"<{tag}>{inner}</{tag}>" if tag in ("h1", "h2", "h3", "h4", "h5", "h6") else f"<h2>{inner}</h2>"
    if kind in ("quote", "aside"):
        return f"<blockquote>{inner}</blockquote>"
    if kind == "list":
        tag = "ol" if node.get("listType") == "number" or node.get("tag") == "ol" else "ul"
        return f"<{tag}>{inner}</{tag}>"
    if kind == "listitem":
        return f"<li>{inner}</li>"
    return _card(kind, node, notes)


def _mobiledoc(doc: dict, notes: list[str]) -> str:
    """Mobiledoc 0.3: markup sections of text markers, lists, and cards by index."""
    markups = [m for m in doc.get("markups") or [] if isinstance(m, list) and m]
    cards = [c for c in doc.get("cards") or [] if isinstance(c, list) and c]

    def markers(items) -> str:
        html, open_tags = "", []
        for marker in items if isinstance(items, list) else []:
            if not (isinstance(marker, list) and len(marker) == 4):
                continue
            _, opens, closes, value = marker
            for index in opens if isinstance(opens, list) else []:
                if isinstance(index, int) and 0 <= index < len(markups):
                    tag, attrs = str(markups[index][0]).lower(), markups[index][1] if len(markups[index]) > 1 else []
                    href = attrs[attrs.index("href") + 1] if isinstance(attrs, list) and "href" in attrs[:-1] else ""
                    html += f'<a href="{escape(str(href))}">' if tag == "a" else f"<{escape(tag)}>"
                    open_tags.append(tag)
            html += escape(value) if isinstance(value, str) else ""
            for _ in range(min(closes, len(open_tags)) if isinstance(closes, int) else 0):
                html += f"</{escape(open_tags.pop())}>"
        return html + "".join(f"</{escape(t)}>" for t in reversed(open_tags))

    out = []
    for section in doc.get("sections") or []:
        if not (isinstance(section, list) and section):
            continue
        if section[0] == 1 and len(section) >= 3:
            tag = str(section[1]).lower()
            tag = tag if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "aside") else "p"
            out.append(f"<{tag}>{markers(section[2])}</{tag}>")
        elif section[0] == 3 and len(section) >= 3:
            tag = "ol" if str(section[1]).lower() == "ol" else "ul"
            items = "".join(f"<li>{markers(item)}</li>" for item in section[2] if isinstance(item, list))
            out.append(f"<{tag}>{items}</{tag}>")
        elif section[0] == 10 and len(section) >= 2 and isinstance(section[1], int) and 0 <= section[1] < len(cards):
            name, payload = cards[section[1]][0], cards[section[1]][1] if len(cards[section[1]]) > 1 else {}
            out.append(_card(str(name).removesuffix("-card"), payload if isinstance(payload, dict) else {}, notes))
    return "".join(out)


def document_html(post: dict, notes: list[str]) -> str | None:
    """HTML for a post that has only its editor document; None when it has neither form."""
    for key, draw in (("lexical", lambda d: _lexical(d.get("root"), notes)), ("mobiledoc", lambda d: _mobiledoc(d, notes))):
        raw = post.get(key)
        if not raw:
            continue
        try:
            doc = json.loads(raw) if isinstance(raw, str) else raw
        except (json.JSONDecodeError, RecursionError):
            raise ValueError(f"its {key} document is not valid JSON; open the post in Ghost, save it and export "
                             "again") from None
        if isinstance(doc, dict):
            notes.append(f"the export has no HTML for it; drew it from its {key} document (basic nodes and cards)")
            return draw(doc)
    return None
