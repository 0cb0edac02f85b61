"""Render an :class:`~essaykit.essay.Essay` as one self-contained HTML page.

The page inlines its CSS and its few lines of JS, embeds every image, and
makes no network request when opened. Output HTML follows the policy in
:mod:`essaykit.html.outputs`; the blocks come from the one block
loop, :func:`essaykit.html.blocks.render_blocks`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from markupsafe import Markup

from ..html import asset, environment, stylesheet, theme_script
from .._highlight import highlight_html
from ..essay import CodeBlock, Essay
from ..comments.passages import PARAGRAPH_HREF, paragraph_form_href, passages
from ..html.blocks import render_blocks as _render_blocks
from ..html.outputs import merge_streams, render_output
from ..html.share import MASTODON_ROUTE, share_html
from ..html.widget_bundle import DRAWN, ICON, page_css_of as widget_css
from ..html.widget_state import WidgetState
from .offline import lazy_images, offline_images
from .page_comments import StoreComments, thread_parts
from .page_widgets import widget_scripts, with_script_policy
from .settings import SiteSettings
from .structured import essay_json_ld


@dataclass(frozen=True)
class SitePage:
    """Where a page sits in a built site (``essaykit build``); None for a lone export.

    ``root`` is the way from the page to the site's top ("" for a page at the
    top); ``previous`` and ``next`` are (href, title) of the older and newer
    essays; ``card_image`` is the URL of the social card image written beside
    the page; ``media`` stores a local image's bytes as a file and returns its URL.
    """

    settings: SiteSettings = SiteSettings()
    root: str = ""
    previous: tuple[str, str] | None = None
    next: tuple[str, str] | None = None
    card_image: str = ""
    media: Callable[[bytes, str], str] | None = None
    api: str = ""
    readers: tuple[float, int] | None = None  # readers' (average out of 5, count), for the structured data

# Spoiler markup: the author's Markdown cannot forge it (the renderer strips data-ek-* attributes), so counting
# it counts spoilers from the text, from widget twins and from readers' comments alike.
# The pattern starts with its literal name (and the space before it is checked apart) because re then scans
# for the name at C speed: one starting with \s tried every space of a body, 6 ms on a page of 1,000 marks.
_SPOILER_MARK = re.compile(r"data-ek-spoiler(?:-block)?(?=[\s>=])")


def spoiler_count(markup: str) -> int:
    """How many spoilers (inline and block, the text's, the widget twins' and comments') ``markup`` holds."""
    return sum(1 for found in _SPOILER_MARK.finditer(markup) if markup[found.start() - 1:found.start()].isspace())


AUTHOR_RATING = "ek-rating-widget__author"  # the rating widget shows the author's rating (the header then does not)


@dataclass(frozen=True)
class BodyFacts:
    """What the page around a body needs to know of it (the template's ``spoiler_count`` and
    ``author_rating``, the stylesheets and scripts it inlines), told by the render that made the body rather
    than read back from the joined body: with a thousand comments that is a megabyte and more, and reading it
    again for each fact cost about what making it did. Widgets and the author's rating come only from the
    essay's own markup and its code outputs: the readers' comments (the thread, the margin notes) can hold a
    spoiler (counted) but no widget, and a reader who writes the rating widget's class name in a comment
    does not take the rating off the page's header."""

    spoilers: int = 0  # spoilers in the body: the text's, the widget twins' and the comments'
    passages: bool = False  # a comment on a passage is marked in it
    widgets: bool = False  # a code output draws a saved widget
    icons: bool = False  # and a drawn widget shows an icon
    author_rating: bool = False  # the rating widget shows the author's rating

    @classmethod
    def of(cls, own: Iterable[str], every: Iterable[str], *, passages: bool = False) -> BodyFacts:
        """The facts of a body whose parts are ``every`` (each once), of which ``own`` are the essay's markup
        and its code outputs (not the readers' words: the store's thread, the margin notes)."""
        own = list(own)
        widgets = any(map(DRAWN.search, own))
        return cls(spoilers=sum(map(spoiler_count, every)), passages=passages, widgets=widgets,
                   icons=widgets and any(map(ICON.search, own)), author_rating=any(AUTHOR_RATING in p for p in own))

    @classmethod
    def read(cls, body: str) -> BodyFacts:
        """The facts of a body made elsewhere, read from it (all of it counts as the essay's own)."""
        return cls.of([body], [body], passages=PASSAGE_MARK in body)


PASSAGE_MARK = '<mark class="ek-anchor"'  # a comment on a passage is shown on the page
OUTPUT_SLOT = "<!--ek-output-->"  # where a code cell's output goes back into a marked body (render_body)

# Tags an author can put on a code cell to keep parts of it off the page
# (the names Jupyter Book and nbconvert's TagRemovePreprocessor use).
REMOVE_CELL = "remove-cell"
REMOVE_OUTPUT = "remove-output"
REMOVE_INPUT = "remove-input"


def code_language(essay: Essay) -> str:
    """The language of the essay's code cells, for colouring them (Python when the notebook does not say)."""
    meta = essay.notebook.get("metadata") or {}
    for key, field in (("language_info", "name"), ("kernelspec", "language")):
        value = meta.get(key) or {}
        if isinstance(value, dict) and isinstance(value.get(field), str) and value[field].strip():
            return value[field]
    return "python"


def render_code_block(block: CodeBlock, *, show_code: bool, live_url: str, language: str = "python",
                      widgets: WidgetState | None = None) -> str:
    """A code cell: its source only with ``show_code`` (coloured), then its outputs, errors
    shown as a notebook shows them (a static page is what the author chose to publish), and
    widgets drawn from the notebook's saved ``widgets`` state."""
    if REMOVE_CELL in block.tags:
        return ""
    parts = []
    if show_code and block.source.strip() and REMOVE_INPUT not in block.tags:
        parts.append(highlight_html(block.source, language).replace('<pre class="ek-code">',
                                                                    '<pre class="ek-source ek-code">', 1))
    if REMOVE_OUTPUT not in block.tags:
        parts.extend(render_output(o, live_url, show_errors=True, widgets=widgets) for o in merge_streams(block.outputs))
    parts = [p for p in parts if p]
    if not parts:
        return ""
    return f'<div class="ek-output" data-ek-cell="{block.cell_index + 1}">' + "\n".join(parts) + "</div>"


def render_blocks(essay: Essay, *, show_code: bool = False, api: str = "", page_url: str = "",
                  media: Callable[[bytes, str], str] | None = None,
                  comments: StoreComments | None = None, outputs: list[tuple[str, ...]] | None = None) -> Iterable[str]:
    """The HTML of each block in order, images embedded (or, with ``media``, written
    out as files); empty code cells yield nothing. With ``outputs``, each code cell's HTML is put there (in
    parts: the store's thread is one, see :func:`.page_comments.thread_parts`) and :data:`OUTPUT_SLOT` is
    yielded in its place.

    With ``api`` (an ``essaykit serve`` address), cells that only show essaykit's comment section or
    rating become live: the snapshot plus a form that posts to that server (see :mod:`.live_api`).
    ``comments`` (from the comment store, :mod:`.page_comments`) replace the notebook's snapshot of the thread.
    """
    from .live_api import live_block

    folder = Path(essay.path).parent
    language = code_language(essay)
    widgets = WidgetState.from_notebook(essay.notebook)

    def code(block):
        part = render_code_block(block, show_code=show_code, live_url=essay.meta.live_url, language=language,
                                 widgets=widgets)
        parts = (part,)
        if not {REMOVE_CELL, REMOVE_OUTPUT} & set(block.tags):  # the author keeps it off the page
            parts = thread_parts(part, comments, block)
        if api:  # even without a saved snapshot: the form works, and the page fetches the thread
            part = "".join(parts)
            parts = (live_block(block, essay, part, api=api, page_url=page_url) or part,)
        if not any(parts):
            return ""
        if outputs is not None:
            outputs.append(parts)
            return OUTPUT_SLOT
        return "".join(parts)

    return _render_blocks(essay, images=lambda markup: offline_images(markup, folder, media=media), code=code)


def warm(essay: Essay) -> None:
    """Render everything that does not depend on code outputs, so the work can
    overlap with a kernel starting up; the results are cached on the essay."""
    for block in essay.text_blocks:
        block.html  # noqa: B018 - cached_property
    essay.headings  # noqa: B018
    essay.word_count  # noqa: B018
    environment().get_template("index.html.j2")


def render_body(essay: Essay, *, show_code: bool = False, site: SitePage | None = None, api: str = "",
                page_url: str = "", comments: StoreComments | None = None) -> str:
    """The essay's blocks as one HTML string; a site's images are lazy-loaded files. ``comments`` (from the
    comment store) put the thread's snapshot and the comments on passages in it, as the live page shows them."""
    return _body(essay, show_code=show_code, site=site, api=api, page_url=page_url, comments=comments)[0]


def _body(essay: Essay, *, show_code: bool, site: SitePage | None, api: str, page_url: str,
          comments: StoreComments | None) -> tuple[str, Callable[[], BodyFacts]]:
    """:func:`render_body`, and what works out its :class:`BodyFacts` from the parts it joins when a page asks
    (:func:`render_body` alone, for a feed or a search record, does not pay for them)."""
    on = comments.on if comments is not None else None
    thread = comments.thread if comments is not None else None
    blocks = functools.partial(render_blocks, essay, show_code=show_code, api=api, page_url=page_url,
                               media=site.media if site else None, comments=comments)
    # The blocks with a slot for each code cell's output, the outputs (the thread among them: a megabyte with
    # a thousand comments) put in at the one join that makes the body: each is copied once, into the body.
    outputs: list[tuple[str, ...]] = []
    markup = "\n".join(blocks(outputs=outputs))
    marked = api or (on is not None and on.placed)
    pieces = [markup]
    if marked:
        # A page whose form posts gets paragraph ids and "Comment on this paragraph" (the API's form on it).
        # Marked without its code outputs, which hold no words of the essay but the thread: the marking
        # reads and remembers the essay's markup, not the thread's.
        on = on or passages(essay, [])
        href = paragraph_form_href(api, essay.meta.slug, page_url) if api else PARAGRAPH_HREF
        pieces = on.pieces(markup, paragraph_links=bool(api), href=href)
    body = _with_outputs(pieces, outputs)
    if body is None:  # the essay's own markup says OUTPUT_SLOT (never seen): rendered with its outputs in place
        whole = "\n".join(blocks())
        body = on.body(whole, paragraph_links=bool(api), href=href) if marked else whole
        facts = functools.partial(BodyFacts.read, body)
    else:
        def facts() -> BodyFacts:
            parts = [part for output in outputs for part in output]
            return BodyFacts.of([markup] + [part for part in parts if part is not thread], pieces + parts,
                                passages=bool(marked) and any(PASSAGE_MARK in piece for piece in pieces))
    return (lazy_images(body) if site is not None else body), facts


def _with_outputs(pieces: list[str], outputs: list[tuple[str, ...]]) -> str | None:
    """The body's ``pieces`` joined with the parts of ``outputs`` in place of their :data:`OUTPUT_SLOT`, in one
    join: the marked body and the thread it holds (each a megabyte with a thousand comments on passages) are
    copied once. None when the slots are not one per output."""
    parts: list[str] = []
    filled, slots = iter(outputs), 0
    for piece in pieces:
        if OUTPUT_SLOT not in piece:
            parts.append(piece)
            continue
        first, *rest = piece.split(OUTPUT_SLOT)
        parts.append(first)
        for part in rest:
            parts += next(filled, ())
            parts.append(part)
            slots += 1
    return "".join(parts) if slots == len(outputs) else None


def mention_endpoints(api: str, page_url: str = "") -> tuple[str, str] | None:
    """The Webmention and pingback endpoints of the ``essaykit serve`` at ``api`` (made absolute against
    ``page_url``), or None without one. The pingback one is "" when it cannot be made absolute: Pingback 1.0
    wants an absolute URL, and a relative one is worse than none."""
    api = (api or "").strip()
    if not api:
        return None
    root = urljoin(page_url, api if api.endswith("/") else api + "/") if page_url else api.rstrip("/") + "/"
    pingback = root + "pingback" if urlsplit(root).scheme in ("http", "https") else ""
    return root + "webmention", pingback


def render_page(essay: Essay, *, show_code: bool = False, canonical: str | None = None, home_url: str = "",
                api: str | None = None, page_url: str = "", site: SitePage | None = None,
                body: str | None = None, template=None, context: dict | None = None,
                comments: StoreComments | None = None) -> str:
    """The whole static page for ``essay``: CSS and JS inlined, no external requests.

    ``canonical`` defaults to the essay's ``url``; ``home_url`` adds a link
    back to a site index; ``site`` places the page in a built site (header,
    navigation, tags, previous and next, author line, card image). ``api``
    (default: the essay's ``comments_api``) makes the comment section and
    rating live against that ``essaykit serve``; the page then talks to that
    origin, and only to it; its forms come back to ``page_url`` (default: the
    canonical URL) after posting, and it gets ``<link>`` elements naming that
    server's Webmention and pingback endpoints. ``body`` is the output of
    :func:`render_body` when the caller has it already (it must have been
    rendered with the same ``api`` and ``comments``). ``comments``: the essay's comments from the comment
    store (:func:`.page_comments.read_comments`), shown as the live page shows them. ``template`` replaces
    ``index.html.j2`` (nbconvert passes the one ``--template`` chose), ``context`` adds variables
    (nbconvert's ``nb`` and ``resources``).
    """
    from .live_api import check_api, module_scripts

    api = check_api(essay.meta.comments_api if api is None else api)
    canonical = essay.meta.url if canonical is None else canonical
    template = template or environment().get_template("index.html.j2")
    if body is None:
        body, facts_of = _body(essay, show_code=show_code, site=site, api=api, page_url=page_url or canonical,
                               comments=comments)
        facts = facts_of()
    else:
        facts = BodyFacts.read(body)
    body = Markup(body)
    meta = essay.meta
    card = site.card_image if site else ""
    if not card and re.match(r"^https?://", meta.image):
        card = meta.image
    structured = essay_json_ld(meta, canonical=canonical, settings=site.settings if site else None,
                               image=card, readers=site.readers if site else None)
    share = share_html(meta, canonical, mastodon_action=f"{api.rstrip('/')}/{MASTODON_ROUTE}" if api else "")
    widgets = widget_scripts(essay, drawn=facts.widgets, root=site.root if site else None)
    page = template.render(
        structured=Markup(structured), share=Markup(share),
        essay=essay, body=body, spoiler_count=facts.spoilers, author_rating=facts.author_rating,
        css=stylesheet() + ("\n" + asset("passages.css") if api or facts.passages else "")
        + widget_css(facts.widgets, facts.icons),
        js=asset("essay.js") + ("\n" + asset("passages.js") if api else ""), theme_js=theme_script(),
        canonical=canonical, home_url=home_url, site=site, modules=Markup(module_scripts(body) if api else ""),
        mention_endpoints=mention_endpoints(api, canonical or page_url),
        card_image=card, unpublished=meta.unpublished(), tag_href=tag_href,
        widgets=Markup(widgets), **(context or {}),
    )
    # Only the widget bundle's page gets a script policy (the bundle's script comes in ``widgets`` alone).
    return with_script_policy(page) if widgets else page


def tag_slug(tag: str) -> str:
    """The folder name of a tag's page: ``tags/<tag_slug>/``."""
    import hashlib

    from ..essay import slugify

    return slugify(tag, max_chars=60) or "tag-" + hashlib.sha256(tag.encode()).hexdigest()[:10]


def tag_href(tag: str, root: str = "") -> str:
    return f"{root}tags/{tag_slug(tag)}/"
