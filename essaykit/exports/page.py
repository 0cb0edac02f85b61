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
# it counts spoilers from the text, from widget twins and from readers' comments alike: the attribute's name
# after a space, then its end (a space, ">" or "=").
_SPOILER = "data-ek-spoiler"
_SPOILER_MARK = re.compile(r"data-ek-spoiler(?:-block)?(?=[\s>=])")


def spoiler_count(markup: str) -> int:
    """How many spoilers (inline and block, the text's, the widget twins' and comments') ``markup`` holds.

    Each place the name is is found by ``str.find`` and only there is the pattern tried: a page of a thousand
    comments is a megabyte and more, most of it without a spoiler, and ``find`` goes through it about three
    times faster than the pattern's own search (0.17 against 0.55 ms a megabyte of typographic text)."""
    count, at = 0, markup.find(_SPOILER)
    while at >= 0:
        if markup[at - 1:at].isspace() and _SPOILER_MARK.match(markup, at):
            count += 1
        at = markup.find(_SPOILER, at + len(_SPOILER))
    return count


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
BODY_SLOT = "\x00ek-body\x00"  # where the essay template's page gets its body (render_page)

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
    return body_parts(essay, show_code=show_code, site=site, api=api, page_url=page_url, comments=comments).text()


class Body:
    """A rendered body in the parts it is made of (the marked paragraphs, the code outputs, the store's thread),
    not yet joined, and what works out its :class:`BodyFacts` from them when a page asks (a feed's copy or a
    search record does not pay for them). A page joins the parts once, into the page itself (:func:`render_page`):
    with a thousand comments the body is a megabyte and more, and each copy of it is memory new to the process."""

    __slots__ = ("parts", "_facts")

    def __init__(self, parts: list[str], facts: Callable[[], BodyFacts]) -> None:
        self.parts, self._facts = parts, facts

    @classmethod
    def of(cls, markup: str) -> Body:
        """A body made elsewhere, whose facts are read from it."""
        return cls([markup], functools.partial(BodyFacts.read, markup))

    def facts(self) -> BodyFacts:
        return self._facts()

    def text(self) -> str:
        """The body as one string."""
        return self.parts[0] if len(self.parts) == 1 else "".join(self.parts)


def body_parts(essay: Essay, *, show_code: bool = False, site: SitePage | None = None, api: str = "",
               page_url: str = "", comments: StoreComments | None = None) -> Body:
    """:func:`render_body` in its parts (a :class:`Body`), each part once, for a caller that joins them into more
    (a page) or needs the body's facts too."""
    on = comments.on if comments is not None else None
    thread = comments.thread if comments is not None else None
    blocks = functools.partial(render_blocks, essay, show_code=show_code, api=api, page_url=page_url,
                               media=site.media if site else None, comments=comments)
    # The blocks with a slot for each code cell's output, the outputs (the thread among them: a megabyte with
    # a thousand comments) put in at the one join that makes the page (or the body): each is copied once.
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
    parts = _with_outputs(pieces, outputs, markup.count(OUTPUT_SLOT))
    if parts is None:  # the essay's own markup says OUTPUT_SLOT (never seen): rendered with its outputs in place
        whole = "\n".join(blocks())
        body = Body.of(on.body(whole, paragraph_links=bool(api), href=href) if marked else whole)
    else:
        def facts() -> BodyFacts:
            told = [part for output in outputs for part in output]
            return BodyFacts.of([markup] + [part for part in told if part is not thread], pieces + told,
                                passages=bool(marked) and any(PASSAGE_MARK in piece for piece in pieces))
        body = Body(parts, facts)
    if site is not None:
        # Each part on its own: every part is whole elements, so no image tag is cut between two; a part with
        # no image comes back as it is (the thread's avatars are images: it is copied).
        body.parts = [lazy_images(part) for part in body.parts]
    return body


def _with_outputs(pieces: list[str], outputs: list[tuple[str, ...]], slots: int) -> list[str] | None:
    """The body's ``pieces`` with the parts of ``outputs`` in place of their :data:`OUTPUT_SLOT` (``slots`` of
    them in the essay's markup), in order, to be joined once: the marked body and the thread it holds (each a
    megabyte with a thousand comments on passages). None when the slots are not one per output.

    The pieces are searched from the last back to the earliest that holds a slot: the marked
    paragraphs before it (the margin notes of a thousand comments are half a megabyte) are not read again. An
    essay's comment section, the output that holds the thread, is most often its last cell."""
    if slots != len(outputs):
        return None
    first, left = len(pieces), slots
    while left > 0 and first:
        first -= 1
        left -= pieces[first].count(OUTPUT_SLOT)
    if left:
        return None
    parts, filled = pieces[:first], iter(outputs)
    for piece in pieces[first:]:
        if OUTPUT_SLOT not in piece:
            parts.append(piece)
            continue
        between = piece.split(OUTPUT_SLOT)
        parts.append(between[0])
        for part in between[1:]:
            parts += next(filled)
            parts.append(part)
    return parts


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
                body: str | Body | None = None, template=None, context: dict | None = None,
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
    :func:`render_body` (or :func:`body_parts`) when the caller has it already (it must have been
    rendered with the same ``api`` and ``comments``). ``comments``: the essay's comments from the comment
    store (:func:`.page_comments.read_comments`), shown as the live page shows them. ``template`` replaces
    ``index.html.j2`` (nbconvert passes the one ``--template`` chose), ``context`` adds variables
    (nbconvert's ``nb`` and ``resources``).
    """
    from .live_api import check_api, module_scripts

    api = check_api(essay.meta.comments_api if api is None else api)
    canonical = essay.meta.url if canonical is None else canonical
    own = template is None  # the essay template: its body goes into the page at one place, as it is
    template = template or environment().get_template("index.html.j2")
    if body is None:
        body = body_parts(essay, show_code=show_code, site=site, api=api, page_url=page_url or canonical,
                          comments=comments)
    elif isinstance(body, str):
        body = Body.of(body)
    facts = body.facts()
    meta = essay.meta
    card = site.card_image if site else ""
    if not card and re.match(r"^https?://", meta.image):
        card = meta.image
    structured = essay_json_ld(meta, canonical=canonical, settings=site.settings if site else None,
                               image=card, readers=site.readers if site else None)
    share = share_html(meta, canonical, mastodon_action=f"{api.rstrip('/')}/{MASTODON_ROUTE}" if api else "")
    widgets = widget_scripts(essay, drawn=facts.widgets, root=site.root if site else None)

    def render(markup: str) -> str:
        return template.render(
            structured=Markup(structured), share=Markup(share),
            essay=essay, body=markup, spoiler_count=facts.spoilers, author_rating=facts.author_rating,
            css=stylesheet() + ("\n" + asset("passages.css") if api or facts.passages else "")
            + widget_css(facts.widgets, facts.icons),
            js=asset("essay.js") + ("\n" + asset("passages.js") if api else ""), theme_js=theme_script(),
            canonical=canonical, home_url=home_url, site=site,
            modules=Markup(module_scripts(body.parts) if api else ""),
            mention_endpoints=mention_endpoints(api, canonical or page_url),
            card_image=card, unpublished=meta.unpublished(), tag_href=tag_href,
            widgets=Markup(widgets), **(context or {}),
        )

    page = None
    if own:
        # The page around a slot, and the body's parts joined into it in the one join that makes the page: the
        # body (a megabyte and more with a thousand comments) is never a string of its own, copied again into
        # the page. The essay template puts the body in as it is (autoescape off); a slot the page does not
        # hold exactly once (a title that says it, say) renders the page with the body instead.
        head, slot, tail = render(BODY_SLOT).partition(BODY_SLOT)
        if slot and BODY_SLOT not in tail:
            page = "".join([head, *body.parts, tail])
    if page is None:  # a template of the author's own gets the body as safe markup, as it always did
        page = render(Markup(body.text()))
    # Only the widget bundle's page gets a script policy (the bundle's script comes in ``widgets`` alone).
    return with_script_policy(page) if widgets else page


def tag_slug(tag: str) -> str:
    """The folder name of a tag's page: ``tags/<tag_slug>/``."""
    import hashlib

    from ..essay import slugify

    return slugify(tag, max_chars=60) or "tag-" + hashlib.sha256(tag.encode()).hexdigest()[:10]


def tag_href(tag: str, root: str = "") -> str:
    return f"{root}tags/{tag_slug(tag)}/"
