"""Read a single post from a page saved by a browser ("Save page as…").

The article is the first of the usual containers (``.entry-content``,
``article``, ``.post``, ``main``…); its title comes from ``.entry-title``,
the first ``<h1>``, ``og:title`` or ``<title>``. The comment list is the
usual ``ol.comment-list`` / ``ol.commentlist`` with ``li.comment``,
``li.pingback`` and ``li.trackback`` items; nesting gives the threads.
Navigation, sidebars, scripts, share buttons and the comment form are
dropped.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ImportFormatError
from .bounds import HtmlTooBig, check_html
from .htmlmd import comment_markdown, post_blocks
from .model import Failed, ImportedComment, ImportedPost, Outcome
from .names import iso, local_id, parse_loose_date, short_hash, slugify
from .leftovers import cut_at_comments, plain_lines, without_leftovers
from .page_text import copy_without, text_lines
from .spoilers import split_at_announcement

MAX_PAGE_BYTES = 50 * 1024 * 1024
ARTICLE_SELECTORS = (
    ".entry-content", ".gh-content", ".post-content", ".post-body.entry-content", ".post-body", ".article-content", ".post-body", "article .content",
    "[itemprop=articleBody]", "article", ".post", ".hentry", "main", "#content", "body",
)
TITLE_SELECTORS = (".entry-title", ".post-title", ".gh-article-title", ".article-title", "article h1", "h1")
COMMENT_LIST_SELECTORS = ("ol.comment-list", "ol.commentlist", "ul.comment-list", "ul.commentlist",
                          ".comment-list", ".comment-thread", "#comment-holder", "#comments-block", "#comments ol",
                          "#comments ul", "#comments", ".comments-area")
# Page furniture inside or around the article that is not the post.
DROP_SELECTORS = (
    "script", "style", "noscript", "template", "nav", "aside", "form", "button", "input", "select", "textarea",
    "iframe[src*='facebook']", ".sharedaddy", ".sd-sharing", "[class*=share]", ".jp-relatedposts",
    ".related-posts", ".post-navigation", ".navigation", ".nav-links", ".comments-area", "#comments",
    ".comment-respond", "#respond", ".widget", ".sidebar", "#sidebar", ".entry-footer", ".entry-meta",
    ".post-meta", ".byline", ".author-bio", ".wp-block-buttons", ".screen-reader-text", ".skip-link",
    "#jp-post-flair", ".jp-post-flair", ".wpl-likebox", ".post-share-buttons", ".post-footer", ".gh-subscribe",
    ".kg-signup-card", ".post-sidebar", ".comment-thread", "#comment-holder",
    "header.entry-header", ".entry-title", ".post-title", "footer",
)
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]+$")
_COMMENT_ID = re.compile(r"^(?:comment|li-comment|div-comment)-(.+)$")
_PINGBACK_PREFIX = re.compile(r"^\s*(pingback|trackback)\s*:\s*", re.I)


def _decode(data: bytes, path: Path) -> str:
    from bs4.dammit import UnicodeDammit

    dammit = UnicodeDammit(data, ["utf-8"], is_html=True)
    if dammit.unicode_markup is None:
        raise ImportFormatError(f"{path}: cannot tell the page's character encoding; save it again as UTF-8")
    return dammit.unicode_markup


def _first(soup, selectors, *, text: bool = True):
    for selector in selectors:
        found = soup.select_one(selector)
        if found is not None and (not text or found.get_text(strip=True)):
            return found
    return None


def _meta(soup, *names: str) -> str:
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        if tag is not None and tag.get("content", "").strip():
            return tag["content"].strip()
    return ""


class _Page:
    def __init__(self, path: Path, markup: str):
        from bs4 import BeautifulSoup

        self.path = path
        self.markup = markup
        try:  # before the tree is built: a page nested absurdly deep costs the parser minutes
            check_html(markup)
        except HtmlTooBig as exc:
            raise ImportFormatError(f"{path}: {exc}") from None
        self.soup = BeautifulSoup(markup, "html.parser")
        self.notes: list[str] = []

    def url(self) -> str:
        canonical = self.soup.find("link", rel="canonical")
        for value in (canonical.get("href", "") if canonical else "", _meta(self.soup, "og:url")):
            if value.startswith(("http://", "https://")):
                return value
        saved = _SAVED_FROM.search(self.markup[:4096])
        return saved.group(1) if saved and saved.group(1).startswith(("http://", "https://")) else ""

    def title(self) -> str:
        found = _first(self.soup, TITLE_SELECTORS)
        if found is not None:
            return " ".join(found.get_text(" ", strip=True).split())
        og = _meta(self.soup, "og:title")
        if og:
            return og
        if self.soup.title and self.soup.title.get_text(strip=True):
            return _TITLE_SUFFIX.sub("", " ".join(self.soup.title.get_text().split()))
        return ""

    def json_ld(self) -> dict:
        """The page's schema.org Article/BlogPosting (JSON-LD), or {}."""
        if hasattr(self, "_json_ld"):
            return self._json_ld
        import json

        self._json_ld = {}
        for script in self.soup.find_all("script", type="application/ld+json"):
            try:
                data = json.loads(script.string or "")
            except (ValueError, RecursionError):
                self.notes.append("a JSON-LD block cannot be read; ignored it")
                continue
            items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
            for item in items:
                kind = item.get("@type") if isinstance(item, dict) else None
                kinds = kind if isinstance(kind, list) else [kind]
                if any(k in ("Article", "BlogPosting", "NewsArticle", "Review", "SocialMediaPosting") for k in kinds):
                    self._json_ld = item
                    return item
        return self._json_ld

    def date(self) -> str:
        candidates = [_meta(self.soup, "article:published_time", "date", "dc.date"),
                      str(self.json_ld().get("datePublished") or ""),
                      *(el.get("title", "") for el in self.soup.select("abbr.published[title], .published[title]"))]
        for selector in ("time.entry-date", ".entry-date", ".posted-on time", "time.published", ".byline-meta-date",
                         "article time", ".date-header", "time"):
            found = self.soup.select_one(selector)
            if found is not None:
                candidates += [found.get("datetime", ""), found.get_text(" ", strip=True)]
        for value in candidates:
            moment = parse_loose_date(value)
            if moment:
                return iso(moment)
        shown = next((v for v in candidates if v), "")
        if shown:
            self.notes.append(f"date {shown[:60]!r} cannot be parsed; the essay has no date, set essay.date by hand")
        return ""

    def author(self) -> str:
        for selector in (".entry-meta .author .fn", ".byline .author", ".author.vcard .fn", "a[rel=author]",
                         ".post-author .fn", ".post-author", ".author-name", ".gh-article-author-name"):
            found = self.soup.select_one(selector)
            if found is not None and found.get_text(strip=True):
                return " ".join(found.get_text(" ", strip=True).split()).removeprefix("Posted by ").removeprefix("By ")
        author = self.json_ld().get("author")
        if isinstance(author, list) and author:
            author = author[0]
        if isinstance(author, dict) and isinstance(author.get("name"), str):
            return author["name"].strip()
        if isinstance(author, str) and author.strip():
            return author.strip()
        meta = _meta(self.soup, "author", "article:author")
        return "" if meta.startswith(("http://", "https://")) else meta

    def tags(self) -> list[str]:
        tags: list[str] = []
        for tag in self.soup.select("a[rel~=tag]") or self.soup.find_all("meta", attrs={"property": "article:tag"}):
            name = (tag.get("content") or tag.get_text(" ", strip=True)).strip()
            if name and name.lower() != "uncategorized" and name not in tags:
                tags.append(name)
        return tags

    def comment_list(self):
        return _first(self.soup, COMMENT_LIST_SELECTORS, text=False)

    def comments(self, container) -> list[ImportedComment]:
        if container is None:
            return []
        items = [li for li in container.find_all(["li", "article", "div"])
                 if _is_comment(li) and (li.name == "li" or li.find_parent("li") is None)]
        self.item_number = {id(item): n for n, item in enumerate(items, 1)}  # by identity: Tag == compares trees
        out = []
        for n, item in enumerate(items, 1):
            comment = self.comment(item, n, items)
            if comment is not None:
                out.append(comment)
        return out

    def pings(self, container) -> list[ImportedComment]:
        """Pingbacks in a list of their own (older themes' "Trackbacks/Pingbacks" section)."""
        out = []
        for listing in self.soup.select("ol.pinglist, ul.pinglist, ol.pings, ul.pings, #pings + ol, #pings + ul"):
            if container is not None and (listing is container or container in listing.parents):
                continue
            for n, li in enumerate(listing.find_all("li"), 1):
                anchor = li.find("a", href=True)
                title = " ".join(li.get_text(" ", strip=True).split())
                title = _PINGBACK_PREFIX.sub("", anchor.get_text(" ", strip=True) if anchor else title)
                if not title:
                    continue
                out.append(ImportedComment(
                    local_id=f"ping-{short_hash(title, anchor['href'] if anchor else '')}", parent=None,
                    author=title[:100], body=comment_markdown(title), created=None, kind="pingback",
                    source_url=anchor["href"] if anchor else ""))
        return out

    def comment(self, item, n: int, items: list) -> ImportedComment | None:
        classes = set(item.get("class") or [])
        cid = _comment_id(item) or f"n{n}"
        parent_item = next((p for p in item.find_parents(["li", "article", "div"]) if id(p) in self.item_number), None)
        parent = (_comment_id(parent_item) or f"n{self.item_number[id(parent_item)]}") if parent_item is not None else None
        body_el = (item.select_one(".comment-content") or item.select_one(".comment-body p") and item.select_one(".comment-body")
                   or item.select_one(".comment-text") or item.select_one(".comment-body") or item)
        body_el = copy_without(body_el, (".comment-author", ".comment-meta", ".comment-metadata", ".reply",
                                          ".comment-awaiting-moderation", "ol", "ul.children", "footer",
                                          "script", "style", "form", ".comment-edit-link", ".comment-header",
                                          ".comment-actions", ".comment-replies", ".comment-footer", ".says",
                                          ".comment-reply-link", ".avatar", "img", ".comment-likes"))
        top = body_el.find(True)
        if top is not None and top.name == "li":
            top.name = "div"  # the comment's own item, not a list in its text
        author_el = (item.select_one(".comment-author .fn") or item.select_one("cite.fn") or item.select_one(".fn")
                     or item.select_one(".comment-header .user") or item.select_one("cite.user")
                     or item.select_one(".comment-author"))
        author = " ".join(author_el.get_text(" ", strip=True).split()) if author_el else ""
        author = re.sub(r"\s+(?:says|said)\s*:?$", "", author, flags=re.I).strip()
        link = author_el.find("a", href=True) if author_el else None
        when = item.select_one("time[datetime]")
        created = parse_loose_date(when["datetime"]) if when else None
        if created is None:
            for meta in item.select(".comment-metadata a, .comment-meta a, .comment-meta, .datetime a, .datetime, "
                                    ".comment-timestamp, .comment-date, time"):
                owner = meta.find_parent(["li", "article", "div"], class_=_is_comment_class)
                if owner is not None and owner is not item:
                    continue  # a reply's date, not this comment's
                created = parse_loose_date(meta.get("datetime") or meta.get_text(" ", strip=True))
                if created is not None:
                    break
        if "pingback" in classes or "trackback" in classes or _PINGBACK_PREFIX.match(body_el.get_text(" ", strip=True)):
            anchor = body_el.find("a", href=True)
            title = anchor.get_text(" ", strip=True) if anchor else _PINGBACK_PREFIX.sub("", body_el.get_text(" ", strip=True))
            return ImportedComment(
                local_id=cid, parent=None, author=title or "Pingback", body=comment_markdown(title) or "Pingback",
                created=created, kind="pingback", source_url=anchor["href"] if anchor else "",
            )
        body = comment_markdown(str(body_el))
        if not body:
            self.notes.append(f"comment {cid} is empty; skipped it")
            return None
        return ImportedComment(
            local_id=cid, parent=parent, author=author or "Anonymous", body=body, created=created,
            website=link["href"] if link is not None else "",
        )

    def article(self):
        found = _first(self.soup, ARTICLE_SELECTORS)
        if found is None:
            return None
        return copy_without(found, DROP_SELECTORS)


def _is_comment_class(classes) -> bool:
    return bool(set(classes or []) & {"comment", "pingback", "trackback"})


def _is_comment(el) -> bool:
    classes = set(el.get("class") or [])
    return bool(classes & {"comment", "pingback", "trackback"}) or bool(
        el.name == "li" and _COMMENT_ID.match(el.get("id", "")))


def _comment_id(el) -> str:
    if el is None:
        return ""
    for candidate in [el, *el.find_all(id=_COMMENT_ID, limit=1)]:
        found = _COMMENT_ID.match(candidate.get("id", ""))
        if found:
            return local_id(found.group(1))
    return ""


def read_html_page(path: Path) -> list[Outcome]:
    """The post in the saved page at ``path``, as one outcome."""
    path = Path(path)
    if path.stat().st_size > MAX_PAGE_BYTES:
        return [Failed(path.name, f"page is over {MAX_PAGE_BYTES // 1048576} MB; is this really one saved post?")]
    try:
        page = _Page(path, _decode(path.read_bytes(), path))
    except ImportFormatError as exc:
        return [Failed(path.name, str(exc).removeprefix(f"{path}: "))]
    title = page.title()
    url = page.url()
    date = page.date()
    article = page.article()
    if article is None or not article.get_text(strip=True):
        return [Failed(path.name, "no article text found (looked for .entry-content, article, .post, main); "
                       "save the post's own page, not the blog's front page")]
    where = f"{path.name}: {title[:60]!r}" if title else path.name
    notes = page.notes
    if not title:
        title = f"Untitled ({date[:10]})" if date else f"Untitled ({path.stem})"
        notes.append(f"has no title; called it {title!r}")
    slug = slugify(url.rstrip("/").rsplit("/", 1)[-1]) if url else ""
    slug = slug or slugify("" if title.startswith("Untitled (") else title) or (f"post-{date[:10]}" if date else slugify(path.stem) or "post")
    try:
        blocks = post_blocks(str(article), base_url=url)
    except ValueError as exc:
        return [Failed(where, f"cannot convert the article: {exc}")]
    if blocks and blocks[0].startswith("#") and blocks[0].lstrip("#").strip() == title:
        blocks = blocks[1:]  # the title is the essay's metadata; the page shows it already
    blocks, tail = cut_at_comments(blocks)
    blocks, dropped = without_leftovers(blocks)
    author = page.author()
    for block in blocks[:2]:  # a byline the theme printed as a paragraph of the article
        from .text_patterns import read_byline

        found = read_byline(" ".join(plain_lines(block))) if len(block) <= 140 else None
        if found is not None:
            author = author or found[0]
            if not date and (moment := parse_loose_date(found[1])):
                date = iso(moment)
            blocks = [b for b in blocks if b is not block]
            break
    opened, label, hidden = split_at_announcement(blocks)
    identity = url or title
    post = ImportedPost(
        where=where, title=title, slug=slug, author=author, date=date, url=url, tags=page.tags(),
        summary=_meta(page.soup, "description", "og:description")[:500], blocks=opened, spoiler_label=label,
        spoiler_blocks=hidden, source={"kind": "html", "file": path.name, "id": identity},
        comment_prefix=f"html-{short_hash(identity)}", notes=notes,
    )
    container = page.comment_list()
    post.comments = page.comments(container)
    post.comments += page.pings(container)
    if not post.comments:
        # Comments in markup we do not know (or as text in the article): read them as a text copy would be.
        holder = container or _first(page.soup, ("#comments", ".comments-area", ".comments", "#disqus_thread",
                                                 "[id*=comments]", "section.comments"))
        lines = text_lines(holder) if holder is not None else []
        if not lines and tail:
            lines = [line for block in tail for line in [*plain_lines(block), ""]]
        if lines:
            from .text import comments_in_text

            post.comments, guessed, dropped_lines = comments_in_text(path, lines, date, notes)
            post.guessed.extend(guessed)
            post.dropped.extend(dropped_lines)
            if post.comments:
                post.guessed.append(f"{len(post.comments)} comments read from the page's text (no comment list "
                                    "markup found); check them with --explain")
    elif tail:
        post.dropped.append(f"{len(tail)} block{'s' if len(tail) != 1 else ''} of the comment section left in the article")
    if dropped:
        post.dropped.append(f"{dropped} block{'s' if dropped != 1 else ''} of boilerplate left in the article")
    comments = [c for c in post.comments if c.kind == "comment"]
    post.found.append(f"title{', author' if post.author else ''}{', date' if post.date else ''}, {len(blocks)} blocks; "
                      f"{len(comments)} comments ({sum(c.created is not None for c in comments)} with their own date, "
                      f"{sum(c.parent is not None for c in comments)} replies), {len(post.comments) - len(comments)} mentions")
    undated = [c.local_id for c in comments if c.created is None]
    if undated and not any("no date in the copy" in n for n in notes):
        post.notes.append(f"{len(undated)} comment{'s have' if len(undated) != 1 else ' has'} no date on the page; "
                          "dated like the post")
    for n, block in enumerate(opened + hidden, 1):
        post.explain.append(("", "spoiler" if n > len(opened) else "text", block.splitlines()[0][:100] if block else ""))
    for c in post.comments:
        post.explain.append(("", f"{c.kind} by {c.author}" + (f" on {iso(c.created)}" if c.created else " (no date)"),
                             c.body.splitlines()[0][:100] if c.body else ""))
    return [post]
