"""Imported HTML → Markdown: post bodies become cells, comment bodies become comment Markdown.

Every fragment goes through :func:`essaykit.markdown.sanitize_html` (the
project's one sanitiser) *before* it is converted, so a ``<script>``, an
``on*`` handler or a ``javascript:`` URL is gone before any Markdown is
written; the Markdown is sanitised again when it is rendered.

WordPress stores classic-editor posts and most comments without ``<p>``
tags (it adds them when it shows the page), so text outside block elements
is split into paragraphs at blank lines and single line breaks are kept,
as WordPress itself does. Images become links (``[Image: alt](src)``) and
embedded media become links to their source: an essay page loads nothing
from other sites.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urljoin

from markdownify import BACKSLASH, MarkdownConverter

from ..markdown import sanitize_html
from .._html_bounds import HtmlTooBig, check_html
from .charsets import MAX_GAP

# Elements that make a cell of their own; anything else is inline text.
BLOCK_TAGS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre",
    "table", "hr", "figure", "dl",
})
# Wrappers whose content counts as if it stood at the top level.
CONTAINER_TAGS = frozenset({"div", "section", "article", "main", "center", "header", "footer", "span"})
SOFT_HYPHEN = "\u00ad"
MEDIA_TAGS = ("iframe", "video", "audio", "embed", "object")

# Tag names no page uses, for the wrappers _media_to_links unwraps (a page's own "<" is escaped when written).
_SPAN_MARK, _BLOCK_MARK = "essaykit-unwrapped-span", "essaykit-unwrapped-block"
_WRAPPER_MARKS = re.compile(f"</?(?:{_SPAN_MARK}|{_BLOCK_MARK})>")
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_CAPTION = re.compile(r"\[/?caption[^\]]*\]", re.I)
_EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.I | re.S)
_MEDIA_SHORTCODE = re.compile(r"\[(audio|video|playlist|gallery)\b([^\]]*)\](?:.*?\[/\1\])?", re.I | re.S)
_SHORTCODE_SRC = re.compile(r"\b(?:src|mp3|mp4|m4a|ogg|webm|wav)\s*=\s*[\"']([^\"']+)[\"']", re.I)
_BARE_URL_LINE = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.M)
# Markup that needs the structural pass before sanitising (players, wrappers, <b>/<i>).
_NEEDS_STRUCTURE = re.compile(r"<(?:iframe|video|audio|embed|object|div|section|article|main|center|header|footer|span|b|i)\b", re.I)


class _Converter(MarkdownConverter):
    """markdownify with our choices: ATX headings, escaped text, images as links, absolute URLs."""

    def __init__(self, base_url: str = ""):
        super().__init__(
            heading_style="ATX", bullets="-", escape_misc=True, newline_style=BACKSLASH,
            autolinks=True, strip_document="strip",
        )
        self.base_url = base_url

    def escape(self, text, parent_tags):
        # "\[" and "\(" are formula delimiters in a notebook's Markdown (as in JupyterLab), so a
        # literal bracket or parenthesis of an old post is written as a character reference.
        escaped = super().escape(text, parent_tags)
        return (escaped.replace("\\[", "&#91;").replace("\\]", "&#93;")
                .replace("\\(", "&#40;").replace("\\)", "&#41;"))

    def _url(self, value: str | None) -> str:
        if not value:
            return ""
        url = urljoin(self.base_url, value.strip()) if self.base_url else value.strip()
        # Spaces and parentheses would end a Markdown link early.
        return quote(url, safe="/:?#[]@!$&'*+,;=%~-._")

    def convert_a(self, el, text, parent_tags):
        href = el.get("href")
        if href:
            if "_noformat" not in parent_tags and el.get_text().strip() == href.strip() and not el.get("title"):
                return f"<{self._url(href)}>"  # a bare URL: an autolink reads better than [url](url)
            el["href"] = self._url(href)
        return super().convert_a(el, text, parent_tags)

    def convert_img(self, el, text, parent_tags):
        src = self._url(el.get("src"))
        alt = self.escape((el.get("alt") or "").strip(), parent_tags)
        if not src:
            return alt
        label = f"Image: {alt}" if alt else "Image"
        return f"[{label}]({src})"

    def convert_figcaption(self, el, text, parent_tags):
        text = text.strip()
        return f"\n\n*{text}*\n\n" if text else ""


def _strip_wordpress(markup: str) -> str:
    """Drop HTML comments (``<!--more-->``, block-editor markers) and unwrap shortcodes."""
    markup = _HTML_COMMENT.sub("", markup)
    if "[" not in markup:
        return markup
    markup = _CAPTION.sub("\n\n", markup)
    markup = _EMBED.sub(lambda m: f'\n\n<a href="{m.group(1).strip()}">{m.group(1).strip()}</a>\n\n', markup)

    def media(m: re.Match) -> str:
        found = _SHORTCODE_SRC.search(m.group(2))
        return f'\n\n<a href="{found.group(1)}">{m.group(1).capitalize()}: {found.group(1)}</a>\n\n' if found else ""

    return _MEDIA_SHORTCODE.sub(media, markup)


def _media_to_links(soup) -> None:
    """Replace embedded players with a link to what they play, and unwrap layout wrappers.

    Wrappers get blank lines around them so their text still splits into
    paragraphs once the wrapper is gone. ``<b>`` and ``<i>`` become
    ``<strong>`` and ``<em>``, which the comment profile keeps.
    """
    for old, new in (("b", "strong"), ("i", "em")):
        for el in soup.find_all(old):
            el.name = new
    for el in soup.find_all(MEDIA_TAGS):
        if el.decomposed:  # inside a player already dropped (an <embed> in an <object> with no address)
            continue
        src = el.get("src") or el.get("data")
        if not src:
            inner = el.find("source", src=True)
            src = inner.get("src") if inner else ""
        if src:
            link = soup.new_tag("a", href=src)
            link.string = f"Embedded {el.name if el.name != 'iframe' else 'media'}: {src}"
            para = soup.new_tag("p")
            para.append(link)
            el.replace_with(para)
        else:
            el.decompose()
    # Unwrapping one by one costs a search of the parent's children each (bs4 finds a child by position), which is
    # quadratic on a page of thousands of wrappers (minutes for a 2 MB Reddit page): they are marked instead, and
    # the marks are replaced in the markup once it is written (_WRAPPER_MARKS).
    for el in soup.find_all(CONTAINER_TAGS):
        el.attrs = {}
        el.name = _SPAN_MARK if el.name == "span" else _BLOCK_MARK


# markdownify collapses a run of spaces and tabs outside <pre> to one space, looking from each of its positions for a
# line break first (its square in time): a run longer than MAX_GAP (the bound a text copy's lines get, see
# :func:`.charsets.short_gaps`) is cut to it before, which gives the same Markdown. Spaces and tabs only: those are what
# markdownify collapses there (a run of no-break spaces is kept as it is, so it must stay whole).
_LONG_RUN = re.compile(r"[\t ]{%d,}" % (MAX_GAP + 1))


def _safe_soup(markup: str, profile: str):
    from bs4 import BeautifulSoup, NavigableString

    if _NEEDS_STRUCTURE.search(markup):
        soup = BeautifulSoup(markup, "html.parser")
        _media_to_links(soup)
        # A wrapper's text stays a paragraph of its own (blank lines around it); a span's runs on.
        markup = _WRAPPER_MARKS.sub(lambda m: "" if _SPAN_MARK in m.group(0) else "\n\n", str(soup))
    safe = sanitize_html(markup, profile=profile)
    soup = BeautifulSoup(safe, "html.parser")
    if _LONG_RUN.search(safe):
        for text in soup.find_all(string=_LONG_RUN):
            if type(text) is NavigableString and text.find_parent("pre") is None:  # a comment stays one
                text.replace_with(_LONG_RUN.sub(lambda run: run.group()[:MAX_GAP], str(text)))
    return soup


def _paragraphs(converter: _Converter, pieces: list[str]) -> list[str]:
    """Inline HTML outside block elements, split at blank lines the way WordPress does."""
    joined = "".join(pieces)
    out = []
    for part in _BLANK_LINE.split(joined):
        part = part.strip()
        if not part:
            continue
        if "<" not in part and "&" not in part:
            text = _escaped_lines(part)  # plain text: no need to parse it again
        else:
            text = converter.convert(part.replace("\n", "<br>")).strip()
        if text:
            out.append(text)
    return out


def _blocks(soup, converter: _Converter) -> list[str]:
    from bs4 import Comment, NavigableString

    blocks: list[str] = []
    inline: list[str] = []
    for node in list(soup.children):
        if isinstance(node, Comment):
            continue
        if isinstance(node, NavigableString):
            # Text comes back unescaped; escape it again before it is re-parsed.
            inline.append(html.escape(str(node), quote=False))
            continue
        if node.name in BLOCK_TAGS:
            blocks.extend(_paragraphs(converter, inline))
            inline = []
            text = converter.process_tag(node).strip()
            if text:
                blocks.append(text)
        else:
            inline.append(str(node))
    blocks.extend(_paragraphs(converter, inline))
    return blocks


def post_blocks(markup: str, *, base_url: str = "") -> list[str]:
    """Post HTML as Markdown, one string per paragraph or block (heading, list, quote, code).

    Bare URLs on a line of their own (WordPress oEmbeds) become links.
    """
    markup = _strip_wordpress(markup)
    if not markup.strip():
        return []
    markup = _BARE_URL_LINE.sub(lambda m: f'\n\n<a href="{m.group(1)}">{m.group(1)}</a>\n\n', markup)
    try:
        check_html(markup)
    except HtmlTooBig as exc:  # a post's HTML from an export: its advice is the export's, not a saved page's
        raise ValueError(f"its HTML is too big to convert: {exc.fact}; simplify the post on the old blog and export "
                         "again") from None
    try:
        blocks = _blocks(_safe_soup(markup, "essay"), _Converter(base_url))
    except RecursionError:
        raise ValueError("its HTML is nested too deeply to convert (hundreds of levels); "
                         "simplify the post in WordPress and export again") from None
    # A soft hyphen is a hint for the old page's line breaks; in the essay's Markdown it splits the word for search
    # and for its author, who cannot see it.
    return [block.replace(SOFT_HYPHEN, "") for block in blocks]


_plain_converter = _Converter()


def comment_markdown(markup: str) -> str:
    """A comment's HTML as Markdown for the comment profile (never raw HTML).

    Plain text, which most comments are, skips the HTML parser: only
    Markdown's special characters are escaped and line breaks kept.
    """
    markup = _strip_wordpress(markup).replace("\r\n", "\n").replace("\r", "\n")
    if "<" not in markup and "&" not in markup:
        return "\n\n".join(_escaped_lines(p) for p in _BLANK_LINE.split(markup) if p.strip())
    try:
        check_html(markup)
        return "\n\n".join(_blocks(_safe_soup(markup, "comment"), _plain_converter))
    except (RecursionError, HtmlTooBig):
        # Absurdly nested or huge markup (no person writes it): keep the words, drop the structure.
        return "\n\n".join(_escaped_lines(p) for p in _BLANK_LINE.split(plain_text(markup)) if p.strip())


def _escaped_lines(text: str) -> str:
    """Plain text as Markdown showing exactly that text, its line breaks kept as hard breaks."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\\\n".join(_plain_converter.escape(line, set()) for line in lines if line)


def plain_markdown(text: str) -> str:
    """Plain text (a text copy's paragraph) as Markdown that shows exactly that text."""
    return _escaped_lines(text)


def plain_text(markup: str) -> str:
    """The visible text of an HTML fragment, whitespace collapsed (titles, summaries)."""
    text = _HTML_COMMENT.sub("", markup)
    text = re.sub(r"<[^>]*>", " ", text)
    return " ".join(html.unescape(text).split())
