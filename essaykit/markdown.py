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
from dataclasses import dataclass, field

from ._data_urls import RASTER_TYPES, filter_data_url
from ._figures import figures, render_image
from ._highlight import filter_class, markdown_highlight
from ._mathml import MATHML_ATTRIBUTES, MATHML_TAGS, filter_mathml_attribute, formula_errors, math_plugin
from .errors import ConfigError
from .slug import slugify

SPOILER_LABEL = "spoiler, activate to reveal"
URL_SCHEMES = frozenset({"http", "https", "mailto"})
COMMENT_LINK_REL = "nofollow ugc noopener"

_NONCE = secrets.token_hex(8)
_OPEN = f"ekspoileropen{_NONCE}x"
_CLOSE = f"ekspoilerclose{_NONCE}x"
_HEADING_ID = re.compile(r"^ek-h-[a-z0-9-]{1,80}$")
# Footnote placeholders: like the spoiler's, they carry the nonce, so an author
# cannot type them; only the cell-local number the parser gives follows them.
_FN_REF = f"ekfnref{_NONCE}x"
_FN_OPEN = f"ekfnopen{_NONCE}x"
_FN_CLOSE = f"ekfnclose{_NONCE}x"
_FN_BLOCK = f"ekfnblock{_NONCE}x"
_FN_END = f"ekfnend{_NONCE}x"
_FN_REF_RE = re.compile(re.escape(_FN_REF) + r"(\d+)x")
_FN_NOTE_RE = re.compile(re.escape(_FN_OPEN) + r"(\d+)x(.*?)" + re.escape(_FN_CLOSE), re.S)
_FN_BLOCK_RE = re.compile(re.escape(_FN_BLOCK) + r".*?" + re.escape(_FN_END), re.S)
# Block-level tags that cannot sit inside the <span> a sidenote is (it lives inside a paragraph).
_BLOCK_TAG = re.compile(r"<(/?)(?:p|ul|ol|li|blockquote|pre|div|h[1-6]|table|thead|tbody|tfoot|tr|td|th|dl|dt|dd|figure|figcaption)\b[^>]*>")
_HR_TAG = re.compile(r"<hr\s*/?>")


_ESSAY_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "dd", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong",
    "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
_COMMENT_TAGS = {"a", "blockquote", "br", "code", "em", "li", "ol", "p", "pre", "strong", "ul", "del", "s"}


@dataclass(frozen=True)
class Footnote:
    """One footnote of a page: its number, the id of its end note and its safe HTML."""

    number: int
    id: str
    ref_id: str
    html: str


@dataclass
class Footnotes:
    """The footnotes of one page, numbered in order across every fragment rendered with it.

    Pass the same object to :func:`render_markdown` for each cell of an essay:
    references are numbered on from the cells before, each becomes a sidenote
    beside the text, and ``items`` collects the end notes for the page's end
    (the ``endnotes`` macro shows them).
    """

    prefix: str = "ek-fn-"
    items: list[Footnote] = field(default_factory=list)


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
    # Anchors keep two rules of their own: at most 60 characters (they are read in
    # URLs), and "section" for a heading with nothing to transliterate (emoji only).
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
        from mdit_py_plugins.footnote import footnote_plugin

        md = MarkdownIt("commonmark", {"html": True, "highlight": markdown_highlight}).enable(["table", "strikethrough"])
        md.use(footnote_plugin, inline=False)
        math_plugin(md)
        md.add_render_rule("footnote_ref", lambda _self, tokens, idx, *a: f"{_FN_REF}{int(tokens[idx].meta['id'])}x")
        md.add_render_rule("footnote_block_open", lambda *a: _FN_BLOCK)
        md.add_render_rule("footnote_block_close", lambda *a: _FN_END)
        md.add_render_rule("footnote_open", lambda _self, tokens, idx, *a: f"{_FN_OPEN}{int(tokens[idx].meta['id'])}x")
        md.add_render_rule("footnote_close", lambda *a: _FN_CLOSE)
        md.add_render_rule("footnote_anchor", lambda *a: "")
        md.core.ruler.push("ek_heading_ids", _add_heading_ids)
        md.core.ruler.push("ek_figures", figures)
        md.add_render_rule("image", render_image)
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


def _filter_attribute(tag: str, attr: str, value: str) -> str | None:
    if attr == "class":
        return filter_class(value)
    if tag in MATHML_TAGS:
        return filter_mathml_attribute(tag, attr, value)
    if attr == "id":
        return value if _HEADING_ID.match(value) else None
    # An author may embed raster images; SVG, HTML and data: links never (see essaykit._data_urls).
    return filter_data_url(tag, attr, value, RASTER_TYPES)


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
            **MATHML_ATTRIBUTES,
            "code": {"class"},
            "pre": {"class"},
            "span": {"class"},
        }
        return nh3.Cleaner(
            tags=_ESSAY_TAGS | MATHML_TAGS,
            clean_content_tags={"script", "style"},
            attributes=attributes,
            attribute_filter=_filter_attribute,
            url_schemes=set(URL_SCHEMES | {"data"}),
            link_rel="noopener",
        )
    return nh3.Cleaner(
        tags=_COMMENT_TAGS,
        clean_content_tags={"script", "style"},
        attributes={"a": {"href"}, "ol": {"start"}},
        attribute_filter=_filter_attribute,
        url_schemes=set(URL_SCHEMES),
        link_rel=COMMENT_LINK_REL,
    )


def _spoiler_markup(markup: str) -> str:
    # The hidden words are aria-hidden until revealed; the button's spoken name is the
    # visually hidden label after them (after, so the words stay the first thing a pointer meets).
    return markup.replace(
        _OPEN,
        '<span class="ek-spoiler" data-ek-spoiler tabindex="0" role="button" '
        'aria-expanded="false"><span class="ek-spoiler__text" aria-hidden="true">',
    ).replace(_CLOSE, f'</span><span class="ek-spoiler__label">{SPOILER_LABEL}</span></span>')


def sanitize_html(markup: str, *, profile: str = "essay") -> str:
    """Sanitise an HTML fragment with the allowlist of ``profile``.

    Callers with untrusted HTML (importers, outputs) use this directly; it
    never produces spoiler markup.
    """
    return _cleaner(profile).clean(markup)


def _sidenote_html(note_html: str) -> str:
    return _HR_TAG.sub("", _BLOCK_TAG.sub(lambda m: f"<{m.group(1)}span>", note_html)).strip()


def _footnote_markup(markup: str, notes: Footnotes | None) -> str:
    """Turn the footnote placeholders into numbered references with sidenotes,
    and move the notes into ``notes`` (or, for a lone fragment, to its end)."""
    if _FN_REF not in markup and _FN_BLOCK not in markup:
        return markup
    alone = notes is None
    if alone:
        import hashlib

        notes = Footnotes(prefix=f"ek-fn-{hashlib.sha256(markup.encode()).hexdigest()[:8]}-")
    bodies = {int(m.group(1)): m.group(2).strip() for m in _FN_NOTE_RE.finditer(markup)}
    markup = _FN_BLOCK_RE.sub("", markup)
    offset = len(notes.items)
    seen: dict[int, Footnote] = {}

    def ref(m: re.Match) -> str:
        local = int(m.group(1))
        number = offset + local + 1
        note = seen.get(local)
        first = note is None
        if first:
            note = Footnote(number, f"{notes.prefix}{number}", f"{notes.prefix}ref-{number}", bodies.get(local, ""))
            seen[local] = note
        own_id = f' id="{note.ref_id}"' if first else ""
        sup = (f'<sup class="ek-fnref"><a href="#{note.id}"{own_id} '
               f'role="doc-noteref" aria-label="Note {number}">{number}</a></sup>')
        if not first:
            return sup
        return (sup + f'<span class="ek-sidenote" role="note"><span class="ek-sidenote__n" aria-hidden="true">{number}</span> '
                f"{_sidenote_html(note.html)}</span>")

    markup = _FN_REF_RE.sub(ref, markup)
    notes.items.extend(seen[k] for k in sorted(seen))
    if alone:
        markup += endnotes_html(notes)
    return markup


def endnotes_html(notes: Footnotes) -> str:
    """The end notes of a page: shown at its end on narrow screens and in print,
    where the sidenotes are hidden. Empty when there are no notes."""
    if not notes.items:
        return ""
    def item(n: Footnote) -> str:
        back = (f' <a class="ek-fn-back" href="#{n.ref_id}" role="doc-backlink" '
                f'aria-label="Back to reference {n.number}">↩</a>')
        body = n.html[:-4] + back + "</p>" if n.html.endswith("</p>") else n.html + back
        return f'<li id="{n.id}" value="{n.number}">{body}</li>\n'

    items = "".join(item(n) for n in notes.items)
    title = f"{notes.prefix}title"
    return (f'<section class="ek-endnotes" role="doc-endnotes" aria-labelledby="{title}">'
            f'<h2 class="ek-endnotes__title" id="{title}">Notes</h2>\n<ol class="ek-endnotes__list">\n{items}</ol></section>')


def render_markdown(text: str, *, profile: str = "essay", footnotes: Footnotes | None = None) -> str:
    """Render Markdown ``text`` to sanitised HTML.

    ``profile`` is ``"essay"`` for the author's cells or ``"comment"`` for a
    reader's comment; see the module docstring for what each allows.
    ``footnotes`` (essay profile) numbers ``[^1]`` notes on across the cells
    of a page and collects them; without it a fragment's notes follow it.
    """
    if profile not in ("essay", "comment"):
        raise ConfigError(f"profile must be 'essay' or 'comment' (not {profile!r})")
    text = text.replace("\x00", "\ufffd").replace(_NONCE, "")
    rendered = _parser(profile).render(text)
    return _footnote_markup(_spoiler_markup(sanitize_html(rendered, profile=profile)), footnotes)


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


def broken_formulas(text: str) -> list[tuple[str, str]]:
    """(TeX, why) of each formula in an essay cell that cannot be shown as MathML."""
    return formula_errors(_parser("essay").parse(text.replace(_NONCE, "")))


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


_SPOILER_LABEL_SPAN = re.compile(r'<span class="ek-spoiler__label">[^<]*</span>')


def plain_text(markup: str) -> str:
    """Visible text of rendered HTML, for word counts and summaries (spoilers' spoken labels left out)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", _SPOILER_LABEL_SPAN.sub("", markup)))
