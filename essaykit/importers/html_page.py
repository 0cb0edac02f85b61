"""Read a single post from a page saved by a browser ("Save page as…").

The article is the first of the usual containers (``.entry-content``,
``article``, ``.post``, ``main``…); its title is the one the page's
sources agree on (:mod:`.titles`). The comment list is the
usual ``ol.comment-list`` / ``ol.commentlist`` with ``li.comment``,
``li.pingback`` and ``li.trackback`` items; nesting gives the threads.
Navigation, sidebars, scripts, share buttons and the comment form are
dropped.
"""

from __future__ import annotations

import re
from itertools import takewhile
from pathlib import Path

from bs4 import BeautifulSoup

from ..errors import ImportFormatError
from .._html_bounds import HtmlTooBig, check_html
from .charsets import INVISIBLE_ENDS, decode_page
from .comment_platforms import REGIONS as PLATFORM_COMMENT_AREAS
from .html_comments import CommentMarkup, read_comments
from .html_forum import later_page, opening_post, opening_poster, reply_words
from .article_bounds import HOLDS_MAIN_TEXT, headline_lede, narrowed, near_parts, widened, with_parts
from .html_extract import (KEEP_OURS_AT, Extracted, covered, doubts, extract, holds_block, menu_items, page_words,
                           plain_words, without_headline, without_link_lists, without_more_stories, words)
from .htmlmd import post_blocks
from .leftovers import action_line, cut_at_comments, date_line, pingback, plain_lines, says_header, without_leftovers
from .model import Failed, ImportedPost, Outcome
from .names import iso, parse_loose_date, saved_day, short_hash, slugify
from .page_byline import post_author, post_date
from .page_meta import is_post, json_ld, json_ld_errors, language, meta, read_only
from .page_text import (FORMS, Lookup, calendars_only, copy_skipping, copy_without, first_match as _first,
                        matches_outside, scripts_opened, without_calendars, without_share_bars)
from .spoilers import split_at_announcement
from . import titles

MAX_PAGE_BYTES = 50 * 1024 * 1024
ARTICLE_SELECTORS = (
    ".entry-content", ".gh-content", ".post-content", ".post-body.entry-content", ".post-body", ".article-content", ".post-body", "article .content",
    "[itemprop=articleBody]", ".e-content", "article", ".post", ".hentry", "main", "#content", "body",
)
COMMENT_LIST_SELECTORS = ("ol.comment-list", "ol.commentlist", "ul.comment-list", "ul.commentlist", "dl.commentlist",
                          ".field--name-comment", "section.comments",
                          ".wpd-thread-list", "#wpdcom", ".epoch-comments", "#epoch-comments", "#disqus_thread #post-list",
                          ".comment-list", ".comment-thread", "#comment-holder", "#comments-block", "#comments ol",
                          "#comments ul", "#comments", ".comments-area")
# Page furniture inside or around the article that is not the post.
DROP_SELECTORS = (
    "script", "style", "noscript", "template", "nav", "aside", FORMS, "button", "input", "select", "textarea",
    "iframe[src*='facebook']", ".sharedaddy", ".sd-sharing", ".jp-relatedposts",
    ".related-posts", ".post-navigation", ".navigation", ".nav-links", ".comments-area", "#comments",
    ".comment-respond", "#respond", ".widget", ".sidebar", "#sidebar", ".entry-footer", ".entry-meta",
    ".post-meta", ".byline", ".author-bio", ".wp-block-buttons", ".screen-reader-text", ".skip-link",
    "#jp-post-flair", ".jp-post-flair", ".wpl-likebox", ".post-share-buttons", ".post-footer", ".gh-subscribe",
    ".kg-signup-card", ".post-sidebar", ".comment-thread", "#comment-holder",
    "header.entry-header", ".entry-title", ".post-title", "footer",
) + PLATFORM_COMMENT_AREAS
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)
# Where comments are: left out of what trafilatura reads, so no commenter becomes the author and no comment's date the post's.
COMMENT_AREAS = ("#comments", ".comments-area", ".comment-list", ".commentlist", "#disqus_thread", ".wpd-thread-list",
                 "#wpdcom", ".comment-thread", "#comment-holder", ".comments", "section.comments", ".epoch-wrapper",
                 "#respond", ".comment-respond", "dl.commentlist") + PLATFORM_COMMENT_AREAS
EXTRACTOR_DROPS = tuple(s for s in DROP_SELECTORS if s not in ("header.entry-header", ".entry-title", ".post-title", "footer"))
MIN_MAIN_WORDS = 10  # trafilatura's main text replaces ours only when it has at least this many words


def _matches(lookup: Lookup, selectors) -> list:
    """The first selector's matches (in ``lookup``'s page) that hold text. Never one inside the comments: some themes
    mark each comment's text ``.entry-content`` too; nor one that holds a booking calendar only."""
    for selector in selectors:
        found = [el for el in lookup.select(selector) if el.get_text(strip=True) and not _in_comments(el)
                 and not (el.find("table") is not None and calendars_only(el))]
        if found:
            return found
    return []


def _longest(elements):
    """The element with the most text: a post, not the teaser or promo before it; None when there is none."""
    return max(elements, key=lambda el: len(el.get_text(" ", strip=True)), default=None)


def _around_article(page, selectors):
    """A copy of the page's tree without what matches ``selectors``, except the elements that hold the article
    container: Blogger's post sits in a ``div.widget.Blog``, some news sites put the article in an ``<aside>``. The
    container is the one the page's own lookup found (:meth:`_Page.article_matches`). Matched on the page itself and
    left out of the copy (copying a whole page to remove most of it cost more than the rest of the reading)."""
    main = _longest(page.article_matches())
    holders = {id(el) for el in (main, *main.parents)} if main is not None else set()
    return copy_skipping(page.soup, {id(found) for found in matches_outside(page.soup, selectors, keep=holders)})


class _Page(CommentMarkup):
    def __init__(self, path: Path, markup: str):
        self.path = path
        self.markup = markup
        try:  # before the tree is built: a page nested absurdly deep costs the parser minutes
            check_html(markup)
        except HtmlTooBig as exc:
            raise ImportFormatError(f"{path}: {exc}") from None
        self.soup = BeautifulSoup(scripts_opened(markup), "html.parser")
        self.lookup = Lookup(self.soup)  # the page is only read, never changed
        read_only(self.soup)
        self.notes: list[str] = []
        self.guessed: list[str] = []
        self.keep_at = KEEP_OURS_AT  # the share of trafilatura's main text our article must hold to be kept
        self.parts: list = []  # more of the article, in containers like its own (article_bounds.near_parts)

    def article_matches(self) -> list:
        """The first article selector's matches that hold text (:func:`_matches`); found once, the page never changes."""
        if not hasattr(self, "_article_matches"):
            opening = opening_post(self.lookup)  # a forum thread's first post, without the replies under it
            self._article_matches = [opening] if opening is not None else _matches(self.lookup, ARTICLE_SELECTORS)
            self.forum = opening is not None
        return self._article_matches

    def url(self) -> str:
        canonical = self.soup.find("link", rel="canonical")
        # Medium's export names the post's address in its footer only ("Canonical link").
        exported = self.lookup.select_one("a.p-canonical[href]")
        for value in (canonical.get("href", "") if canonical else "", meta(self.soup, "og:url"),
                      exported.get("href", "") if exported else ""):
            if value.startswith(("http://", "https://")):
                return value
        saved = _SAVED_FROM.search(self.markup[:4096])
        return saved.group(1) if saved and saved.group(1).startswith(("http://", "https://")) else ""

    def json_ld(self) -> dict:
        """The page's schema.org Article/BlogPosting (JSON-LD), or {}."""
        if not hasattr(self, "_json_ld"):
            self._json_ld = next((item for item in json_ld(self.soup) if is_post(item)), {})
            if json_ld_errors(self.soup):
                self.notes.append("a JSON-LD block cannot be read; ignored it")
        return self._json_ld

    def date(self) -> str:
        return post_date(self.lookup, self.json_ld(), self.notes, self.guessed, in_comments=_in_comments)

    def tags(self) -> list[str]:
        tags: list[str] = []
        for tag in self.lookup.select("a[rel~=tag]") or self.soup.find_all("meta", attrs={"property": "article:tag"}):
            name = (tag.get("content") or tag.get_text(" ", strip=True)).strip()
            if name and name.lower() != "uncategorized" and name not in tags:
                tags.append(name)
        return tags

    def comment_list(self):
        return _first(self.soup, COMMENT_LIST_SELECTORS, text=False)

    def article(self, theirs=None, title: str = ""):
        """The article container; narrowed to the element that holds ``theirs`` (trafilatura's main text, as words)
        when the container is wider, widened to the element around it that holds it when the container is narrower
        (article_bounds), with its lede when that sits outside it."""
        matches = self.article_matches()
        found = _longest(matches)
        if found is None:
            return None
        self.parts = [(*how, copy_without(el, DROP_SELECTORS)) for *how, el in near_parts(found, matches)]
        # (one of several containers of its kind is an item of a list, FAQ answers or teasers: not widened over the rest)
        wide = widened(found, theirs) if theirs and len(matches) == 1 and not self.forum else found
        # a widened reading must hold the main text; a forum's opening post is the article whatever the rest says
        self.keep_at = 0 if self.forum else KEEP_OURS_AT if wide is found else HOLDS_MAIN_TEXT
        found = narrowed(wide, theirs) if theirs and not self.forum else found
        lede = _lede(found) or headline_lede(found, title)
        if lede is not None:
            found = BeautifulSoup(f"<div>{lede}{found}</div>", "html.parser").div
        return without_calendars(without_share_bars(copy_without(found, DROP_SELECTORS)))


# A news page's standfirst: between the headline and the article's body (schema.org's articleBody leaves it out).
# (a French paper's is its "chapô")
# (a word of the class, BEM's "article-header__lead" and "header--lead" included: "_" separates words there)
_LEDE_CLASS = re.compile(r"(?<![a-z0-9])(?:lead|lede|teaser|intro|standfirst|summary|excerpt|abstract|deck|dek|subline"
                         r"|description|chapo|chapeau)(?![a-z0-9])",
                         re.I)
LEDE_MIN_WORDS = 8
_NOT_LEDE = re.compile(r"(?<!no-)sidebar|caption|credit|copyright", re.I)
_SENTENCE_END = re.compile(r"[.!?…:;。！？][\"'“”»«)]*(?:\s|$)")
LEDE_LEVELS = 3  # how many of the container's ancestors are looked beside


def _lede(container):
    """The lede just before ``container``: an element whose class names a lede, after the headline (in the header
    block that holds it, or between it and the body), that is text rather than links; None when there is none."""
    for holder in (container, *container.parents)[:LEDE_LEVELS + 1]:
        if holder.name in ("body", "html", "[document]"):
            return None
        for before in holder.find_previous_siblings(True):
            inside = before.find_all(True)
            headline = next((el for el in (before, *inside) if (el.name in ("h1", "h2") or _marked_headline(el))
                             and not _lede_named(el)), None)
            if headline is not None:  # above the headline is the page's, not the article's
                after = inside[next((i + 1 for i, el in enumerate(inside) if el is headline), 0):]
                return next((el for el in after if _lede_named(el) and _is_text(el)), None)
            whole = len(before.get_text(" ", strip=True))
            # this element or one inside it that holds its text (a grid's row around the standfirst)
            found = next((el for el in (before, *inside) if _lede_named(el) and _is_text(el)
                          and len(el.get_text(" ", strip=True)) >= 0.8 * whole), None)
            if found is not None:
                return found
    return None


def _marked_headline(el) -> bool:
    """An element schema.org's microdata marks as the headline (a theme's ``<div itemprop="headline">``)."""
    return "headline" in str(el.get("itemprop") or "").split()


def _lede_named(el) -> bool:
    named = " ".join(el.get("class") or ()) + " " + str(el.get("itemprop") or "")
    # microformats' p-summary is the entry's summary (Medium's subtitle), which the essay keeps as such; a teaser
    # in a sidebar or a picture's caption is not the article's (the page's own classes say which plugins it has:
    # "wp-featherlight-captions" on <body> names a lightbox, not a caption around the lede)
    return (bool(_LEDE_CLASS.search(named)) and "p-summary" not in named and el.find_parent("figure") is None
            and not any(_NOT_LEDE.search(" ".join(p.get("class") or ())) for p in (el, *el.parents)
                        if p.name not in ("body", "html")))


def _is_text(el) -> bool:
    """A sentence of a few words, not mostly links (a list of teasers for other articles) nor a row of labels (a
    media player's "Open in a new window Stream links")."""
    text = el.get_text(" ", strip=True)
    linked = sum(len(a.get_text(" ", strip=True)) for a in el.find_all("a"))
    return len(text.split()) >= LEDE_MIN_WORDS and linked < len(text) / 2 and _SENTENCE_END.search(text) is not None


def _summary(soup) -> str:
    """The entry's own summary (microformats' ``p-summary``: Medium's subtitle), when no meta tag gives one."""
    found = soup.select_one(".h-entry .p-summary")
    return " ".join(found.get_text(" ", strip=True).split()) if found is not None else ""


_COMMENT_HOLDERS = frozenset({"comment", "comments", "commentlist", "comment-list", "comments-area", "comment-body"})


def _in_comments(el) -> bool:
    """Whether ``el`` sits inside a comment or the comment list (by the ids and classes themes use)."""
    for parent in el.parents:
        if parent.name in ("body", "html", None):
            return False
        ident = str(parent.get("id") or "")
        if ident == "comments" or ident.startswith("comment-") or _COMMENT_HOLDERS & set(parent.get("class") or ()):
            return True
    return False


# A heading that says "comments" in so many words starts them; "Response" or "Discussion" may be the article's own.
_COMMENT_WORD = re.compile(r"comm?ent|kommentar|коммент", re.I)
# How far into a cut-off comment section a comment's own shape (a "says:" header, a date line, a reply link) is looked for.
COMMENT_SHAPE_BLOCKS = 6


def _cut_at_comments(blocks: list[str]) -> tuple[list[str], list[str]]:
    """:func:`cut_at_comments`, except at a heading with neither a count nor the word "comment" ("Response",
    "Discussion") that no comment follows: in an article container, that is a section of the article (an API post's
    "Response" section), not its comments."""
    start = 0
    while True:
        kept, tail = cut_at_comments(blocks[start:])
        heading = next(iter(plain_lines(tail[0])), "") if tail else ""
        if not tail or any(ch.isdigit() for ch in heading) or _COMMENT_WORD.search(heading):
            return blocks[:start] + kept, tail
        window = tail[:COMMENT_SHAPE_BLOCKS]
        # A heading that says "NAME says:" with no date ("The label says:" over a quote) is the article's own unless
        # its own section (up to the next heading) has another comment shape: a date line, a reply link.
        if tail[0].startswith("#") and (said := says_header(heading)) is not None and not said[1]:
            window = list(takewhile(lambda block: not block.startswith("#"), window[1:]))
        lines = [line for block in window for line in plain_lines(block)]
        if any(says_header(line) or date_line(line) or action_line(line) or pingback(line) for line in lines):
            return blocks[:start] + kept, tail
        start += len(kept)  # the heading stays in the article; look again after it


def _article_blocks(article, title: str, url: str) -> tuple[list[str], list[str], int, tuple[str, str] | None]:
    """(blocks, the comment section found inside the article, leftovers dropped, byline) of an article element."""
    from .text_patterns import read_byline

    blocks = post_blocks(str(article), base_url=url)
    while blocks and blocks[0] == "---":  # a section divider before the text (Medium's) divides nothing
        blocks = blocks[1:]
    if blocks and blocks[0].startswith("#") and blocks[0].lstrip("#").strip() == title:
        blocks = blocks[1:]  # the title is the essay's metadata; the page shows it already
    blocks, tail = _cut_at_comments(blocks)
    blocks, dropped = without_leftovers(blocks)
    for block in blocks[:2]:  # a byline the theme printed as a paragraph of the article
        found = read_byline(" ".join(plain_lines(block))) if len(block) <= 140 else None
        if found is not None:
            return [b for b in blocks if b is not block], tail, dropped, found
    return blocks, tail, dropped, None


LEDE_BLOCKS = 2  # at most this many of trafilatura's blocks before the text both have are taken as a lede


def _lede_blocks(ours: list[str], theirs: list[str], headlines: set[str]) -> list[str]:
    """The paragraphs trafilatura's main text has before the start of ours (a standfirst outside the theme's
    article container): they precede the first block both readings have, which is among our first ones. A block
    that is one of the page's ``headlines`` (titles.key) is the headline, not a lede."""
    have, start = plain_words(ours), plain_words(ours[:3])
    lede = []
    for block in theirs[:LEDE_BLOCKS + 1]:
        if holds_block(have, block):
            return lede if holds_block(start, block) else []
        if (not block.startswith(("#", "[Image")) and len(plain_lines(block)) == 1 and len(block.split()) >= LEDE_MIN_WORDS
                and titles.key(" ".join(plain_lines(block))) not in headlines):
            lede.append(block)  # a paragraph: not a headline, an image or a line of links and dates
    return []


def read_html_page(path: Path, *, second_opinion: bool = True) -> list[Outcome]:
    """The post in the saved page at ``path``, as one outcome.

    ``second_opinion=False`` skips trafilatura (bench/import.py times both ways).
    """
    path = Path(path)
    if path.stat().st_size > MAX_PAGE_BYTES:
        return [Failed(path.name, f"page is over {MAX_PAGE_BYTES // 1048576} MB; is this really one saved post?")]
    try:
        page = _Page(path, decode_page(path.read_bytes(), path))
    except ImportFormatError as exc:
        return [Failed(path.name, str(exc).removeprefix(f"{path}: "))]
    url, date, notes = page.url(), page.date(), page.notes
    container = page.comment_list()
    # trafilatura reads the page without its comments (a commenter is not the post's author, a comment's date not
    # its date) and without the furniture our rules know, so the two readings of the article compare like for like.
    second = (extract(str(without_calendars(without_share_bars(_around_article(page, COMMENT_AREAS + EXTRACTOR_DROPS)))))
              if second_opinion else Extracted())
    if second.failure:
        notes.append(f"trafilatura could not read the page ({second.failure[:120]}); kept the importer's own reading")
    menu = menu_items(page.soup, url, page.lookup)
    # trafilatura's site name is a guess, and now and then it is the post's own headline: no site name then.
    stated = titles.candidates(page.soup, _in_comments, page.lookup)
    headlines = {titles.key(text) for source, text in stated if source != "<title>"}
    guessed_site = "" if titles.key(second.sitename) in headlines else second.sitename
    sitename = meta(page.soup, "og:site_name") or guessed_site
    hosts = titles.host_names(url)
    sites = titles.site_names(page.soup, guessed_site) | hosts
    chosen = titles.choose(page.soup, in_comments=_in_comments, menu=menu, hosts=hosts, sites=sites, stated=stated)
    title = chosen.title.strip(INVISIBLE_ENDS)
    theirs = BeautifulSoup(second.html, "html.parser") if second.html else None
    article = page.article(words(theirs.get_text(" ")) if theirs is not None else None, title)
    try:
        blocks, tail, dropped, byline = _article_blocks(article, title, url) if article is not None else ([], [], 0, None)
        if theirs is not None:
            other = _article_blocks(theirs, title, url)
            ours_words, their_words = words("\n".join(blocks)), words("\n".join(other[0]))
            if sum(their_words.values()) >= MIN_MAIN_WORDS and covered(ours_words, their_words) < page.keep_at:
                notes.append(f"the theme's article container holds {sum((ours_words & their_words).values()):,} of the "
                             f"{sum(their_words.values()):,} words of the page's main text (a teaser, a promo or a "
                             "share bar's container?); the article is the main text trafilatura found")
                blocks, tail, dropped, byline = other[0], tail or other[1], other[2], byline or other[3]
            else:
                blocks = with_parts(_lede_blocks(blocks, other[0], headlines) + blocks, page.parts, their_words, url)
                blocks = without_more_stories(without_link_lists(blocks, their_words), their_words)
    except ValueError as exc:
        return [Failed(f"{path.name}: {title[:60]!r}", f"cannot convert the article: {exc}")]
    blocks = without_headline(blocks, title)
    if not blocks:
        return [Failed(path.name, "no article text found (looked for .entry-content, article, .post, main, and "
                       "asked trafilatura); is this the post's own page? Save it again once it has fully loaded")]
    poster, posted = opening_poster(page.soup, page.lookup) if page.forum else ("", None)  # the forum's own card
    date = iso(posted) if posted is not None else date
    author, said_by, doubtful = (poster, "forum", "") if poster else post_author(
        page.lookup, in_comments=_in_comments, sites=sites,
        later=(("the article's byline", byline[0] if byline else ""), ("trafilatura", second.author)))
    if doubtful or said_by == "trafilatura":
        page.guessed.append(doubtful or f"author {author!r} from the page's metadata (trafilatura)")
    if byline is not None and not date and (moment := parse_loose_date(byline[1], language(page.soup))):
        date = iso(moment)
    if not date and (moment := parse_loose_date(second.date)):
        date = iso(moment)
        page.guessed.append(f"post date {date[:10]} from the page's metadata (htmldate)")
    where = f"{path.name}: {title[:60]!r}" if title else path.name
    if not title:
        title = f"Untitled ({date[:10]})" if date else f"Untitled ({path.stem})"
        notes.append(f"the title is unknown ({chosen.why}); called it {title!r}: set essay.title by hand")
    slug = slugify(url.rstrip("/").rsplit("/", 1)[-1]) if url else ""
    slug = slug or slugify("" if title.startswith("Untitled (") else title) or (f"post-{date[:10]}" if date else slugify(path.stem) or "post")
    opened, label, hidden = split_at_announcement(blocks)
    identity = url or title
    post = ImportedPost(
        where=where, title=title, slug=slug, author=author, date=date, url=url, tags=page.tags(),
        summary=(meta(page.soup, "description", "og:description") or _summary(page.soup))[:500], blocks=opened, spoiler_label=label,
        spoiler_blocks=hidden, source={"kind": "html", "file": path.name, "id": identity},
        comment_prefix=f"html-{short_hash(identity)}", notes=notes, saved=saved_day(path), guessed=page.guessed,
    )
    post.doubts = ([f"the title is unknown: {chosen.why}"] if not chosen.title and chosen.candidates else []) + (
        [f"the title {title!r} is a guess: {chosen.doubt}; set essay.title by hand"] if chosen.doubt else []) + doubts(title=title, sitename=sitename, menu=menu, page=page_words(page.soup) - reply_words(page.lookup),
                         article=words("\n".join(blocks)))
    post.doubts += later_page(page.lookup)  # a forum thread's later page shows no opening post
    read_comments(page, post, container, tail, dropped)
    return [post]
