"""The one Markdown → safe HTML renderer every essaykit surface uses.

Two profiles share the same parser and sanitiser:

``essay``
    The author's text: CommonMark plus tables and strikethrough, raw HTML
    allowed but sanitised, heading ids for the table of contents, and inline
    spoilers written ``||like this||``.
``comment``
    A reader's text: emphasis, links, inline code and code blocks, quotes and
    lists. No images, no headings, no tables and no raw HTML (it is shown as
    text). Links get ``rel="nofollow ugc noopener"``.

Inline spoilers are turned into placeholders carrying a per-process random
nonce *before* sanitising and into markup *after*, so the sanitiser never has
to allow the attributes the spoiler markup needs, and an author cannot forge
that markup through raw HTML.
"""

from __future__ import annotations

import functools
import html
import re
import secrets
from dataclasses import dataclass

from .errors import ConfigError

SPOILER_LABEL = "spoiler, activate to reveal"
URL_SCHEMES = frozenset({"http", "https", "mailto"})
COMMENT_LINK_REL = "nofollow ugc noopener"

_NONCE = secrets.token_hex(8)
_OPEN = f"ekspoileropen{_NONCE}x"
_CLOSE = f"ekspoilerclose{_NONCE}x"
_HEADING_ID = re.compile(r"^ek-h-[a-z0-9-]{1,80}$")

_ESSAY_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "dd", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong",
    "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
_COMMENT_TAGS = {"a", "blockquote", "br", "code", "em", "li", "ol", "p", "pre", "strong", "ul", "del", "s"}


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str


def _spoiler_rule(state, silent: bool) -> bool:
    """Inline rule for ``||hidden words||``; code spans inside are skipped over."""
    src, start, end = state.src, state.pos, state.posMax
    if not src.startswith("||", start) or start + 2 >= end:
        return False
    pos = start + 2
    while pos < end:
        ch = src[pos]
        if ch == "\\":
            pos += 2
            continue
        if ch == "`":
            run = len(src[pos:end]) - len(src[pos:end].lstrip("`"))
            close = src.find("`" * run, pos + run, end)
            if close < 0:
                pos += run
                continue
            pos = close + run
            continue
        if src.startswith("||", pos):
            break
        pos += 1
    else:
        return False
    if pos == start + 2:
        return False
    if not silent:
        old_max = state.posMax
        state.push("spoiler_open", "span", 1)
        state.pos, state.posMax = start + 2, pos
        state.md.inline.tokenize(state)
        state.push("spoiler_close", "span", -1)
        state.posMax = old_max
    state.pos = pos + 2
    return True


def _add_heading_ids(state) -> None:
    # essay.py imports this module, so the one slugify is imported here, at render time.
    # Anchors keep two rules of their own: at most 60 characters (they are read in
    # URLs), and "section" for a heading with nothing to transliterate (emoji only).
    from .essay import slugify

    seen: dict[str, int] = {}
    tokens = state.tokens
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            base = "ek-h-" + (slugify(tokens[i + 1].content, max_chars=60) or "section")
            n = seen.get(base, 0)
            seen[base] = n + 1
            tok.attrSet("id", base if n == 0 else f"{base}-{n + 1}")


# CommonMark's text rule only stops at its own terminator characters; ours adds
# "|" so the spoiler rule gets a chance to see "||".
_TEXT_STOP = re.compile(r"[\n!#$%&*+\-:<=>@\[\\\]^_`{}~|]")


def _text_rule(state, silent: bool) -> bool:
    found = _TEXT_STOP.search(state.src, state.pos, state.posMax)
    pos = found.start() if found else state.posMax
    if pos == state.pos:
        return False
    if not silent:
        state.pending += state.src[state.pos : pos]
    state.pos = pos
    return True


@functools.cache
def _parser(profile: str):
    from markdown_it import MarkdownIt

    if profile in ("essay", "check"):
        md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
        md.core.ruler.push("ek_heading_ids", _add_heading_ids)
        if profile == "check":
            # Keep escaped characters as their own tokens, so "\\||" is not mistaken for "||".
            md.disable("text_join")
    else:
        md = MarkdownIt("commonmark", {"html": False}).enable("strikethrough")
        md.disable(["image", "heading", "lheading", "html_block", "html_inline", "reference"])
    md.inline.ruler.at("text", _text_rule)
    md.inline.ruler.before("text", "ek_spoiler", _spoiler_rule)
    md.add_render_rule("spoiler_open", lambda *a: _OPEN)
    md.add_render_rule("spoiler_close", lambda *a: _CLOSE)
    return md


def _heading_id_filter(tag: str, attr: str, value: str) -> str | None:
    if attr == "id":
        return value if _HEADING_ID.match(value) else None
    return value


@functools.cache
def _cleaner(profile: str):
    import nh3

    if profile == "essay":
        attributes = {
            "a": {"href", "title"},
            "img": {"src", "alt", "title", "width", "height"},
            "abbr": {"title"},
            "td": {"align"},
            "th": {"align"},
            "ol": {"start"},
            **{f"h{n}": {"id"} for n in range(1, 7)},
        }
        return nh3.Cleaner(
            tags=_ESSAY_TAGS,
            clean_content_tags={"script", "style"},
            attributes=attributes,
            attribute_filter=_heading_id_filter,
            url_schemes=set(URL_SCHEMES | {"data"}),
            link_rel="noopener",
        )
    return nh3.Cleaner(
        tags=_COMMENT_TAGS,
        clean_content_tags={"script", "style"},
        attributes={"a": {"href"}, "ol": {"start"}},
        url_schemes=set(URL_SCHEMES),
        link_rel=COMMENT_LINK_REL,
    )


_DATA_URL_OK = re.compile(r'^data:image/(png|jpeg|gif|webp);base64,', re.I)
_SRC_OR_HREF = re.compile(r'\s(src|href)="(data:[^"]*)"', re.I)


def _restrict_data_urls(markup: str) -> str:
    """Allow ``data:`` only for raster images in ``src``; never SVG, HTML or in links."""

    def fix(m: re.Match) -> str:
        if m.group(1).lower() == "src" and _DATA_URL_OK.match(m.group(2)):
            return m.group(0)
        return ""

    return _SRC_OR_HREF.sub(fix, markup)


def _spoiler_markup(markup: str) -> str:
    return markup.replace(
        _OPEN,
        '<span class="ek-spoiler" data-ek-spoiler tabindex="0" role="button" '
        f'aria-expanded="false" aria-label="{SPOILER_LABEL}"><span class="ek-spoiler__text">',
    ).replace(_CLOSE, "</span></span>")


def sanitize_html(markup: str, *, profile: str = "essay") -> str:
    """Sanitise an HTML fragment with the allowlist of ``profile``.

    Callers with untrusted HTML (importers, outputs) use this directly; it
    never produces spoiler markup.
    """
    return _restrict_data_urls(_cleaner(profile).clean(markup))


def render_markdown(text: str, *, profile: str = "essay") -> str:
    """Render Markdown ``text`` to sanitised HTML.

    ``profile`` is ``"essay"`` for the author's cells or ``"comment"`` for a
    reader's comment; see the module docstring for what each allows.
    """
    if profile not in ("essay", "comment"):
        raise ConfigError(f"profile must be 'essay' or 'comment' (not {profile!r})")
    text = text.replace("\x00", "\ufffd").replace(_NONCE, "")
    rendered = _parser(profile).render(text)
    return _spoiler_markup(sanitize_html(rendered, profile=profile))


def headings(text: str) -> list[Heading]:
    """The headings of an essay cell, with the ids ``render_markdown`` gives them."""
    tokens = _parser("essay").parse(text.replace(_NONCE, ""))
    found = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            inline = tokens[i + 1]
            plain = "".join(
                c.content for c in (inline.children or []) if c.type in ("text", "code_inline")
            )
            found.append(Heading(int(tok.tag[1]), plain.strip(), tok.attrGet("id") or ""))
    return found


def unclosed_spoiler(text: str) -> bool:
    """True when ``||`` opens an inline spoiler that is never closed.

    Code spans and code blocks are ignored, as the renderer ignores them.
    """
    for tok in _parser("check").parse(text):
        if tok.type != "inline":
            continue
        for child in tok.children or []:
            if child.type == "text" and "||" in child.content:
                return True
    return False


def plain_text(markup: str) -> str:
    """Visible text of rendered HTML, for word counts and summaries."""
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))
