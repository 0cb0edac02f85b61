"""The comments of a saved page: comment-list markup of blog themes and comment plugins, else the comment area's text.

A mixin of :class:`.html_page._Page` (:class:`CommentMarkup`) and the step
that fills a post's comments (:func:`read_comments`). Threads come from the
markup's nesting; each comment keeps its own date; the post author's own
replies are marked from the theme's structure (WordPress's and
WordPress.com's ``bypostauthor``, Blogger's ``blog-author``), never from a
name. What is read from text instead of markup follows the text copy's
rules, including being held ``pending`` when the text does not vouch for it.
"""

from __future__ import annotations

import re

from bs4 import Tag

from .comment_names import SAYS_AFTER, tidy_comment_names
from .comment_platforms import outside_forms, platform_comments
from .html_forum import forum_replies
from .html_threads import AUTHOR_CLASSES, copy_without_lines, named_by_header, structured_comments
from .htmlmd import comment_markdown
from .leftovers import SAID, author_mark, furniture_only, plain_lines
from .model import ImportedComment, ImportedPost
from .names import clean_name, local_id, parse_loose_date, short_hash
from .page_byline import COMMENT_WRITER, replied_to
from .page_meta import language
from .post_parts import explain_post
from .page_text import DIALOGS, copy_without, first_in, text_lines

_COMMENT_ID = re.compile(r"^(?:comment|li-comment|div-comment|wpd-comm|wc-comm)-(.+?)(?:_0)?$")
# An old theme's footer line under the comment: "Comment by NAME — DATE @ TIME" (WordPress's first default theme and
# the many made from it), "Kommentar von …", "Commentaire de …"; or a forum-like "written by NAME on DATE".
_COMMENT_BY = re.compile(r"^(?:comment|kommentar|commentaire|comentario|comentário|commento|geschrieben|written|posted)"
                         r"\s+(?:by|von|de|par|di|da)\s+(?P<name>[^—–|]{1,80}?)\s*(?:[—–|]|\s-\s|\s(?:on|am|le|el|il|em)\s)"
                         r"\s*(?P<date>.*\d.*)$", re.I)
# "NAME on DATE said:" in ".comment-author" (older WordPress themes): the name, then its comment's date.
_NAME_ON_DATE = re.compile(r"^(?P<name>\S.{0,59}?)\s+(?:on|am|le|el|il|em)\s+(?P<date>\S.*\d.*)$", re.I)
_PINGBACK_PREFIX = re.compile(r"^\s*(pingback|trackback)\s*:\s*", re.I)
_DIALOG = ", ".join(DIALOGS)
# wpDiscuz before version 7 wrote "wc-comment"; since then "wpd-comment".
COMMENT_CLASSES = {"comment", "pingback", "trackback", "wpd-comment", "wc-comment", "js-comment", "epoch-comment",
                   "epoch-single-comment", "kinja-reply", "comment-item", "reply-item"}
# Where a list of ``li#comment-N`` items found outside any comment container is not a thread: the site's widgets.
_AREA_NAME = re.compile(r"^(?:comments|comments-area|wpcomm)$")


def _is_area(tag) -> bool:
    """The theme's whole comment area (its id or class)."""
    return any(_AREA_NAME.match(name) for name in (str(tag.get("id") or ""), *(tag.get("class") or [])))
_NOT_A_THREAD = "aside, nav, footer, .widget, .sidebar, #sidebar, [role=complementary]"  # forms: outside_forms


class CommentMarkup:
    """Reading comment-list markup (needs ``_Page``'s ``soup`` and ``notes``)."""

    def comments(self, container) -> list[ImportedComment]:
        items = self.items(container)
        area = container.find_parent(_is_area) if container is not None else None
        if not items and area is not None:  # "#comments ul" found another list first (trackbacks, a menu)
            container, items = area, self.items(area)
        if not items and container is not None and container.name != "dl":
            terms = next((dl for dl in container.find_all("dl") if dl.find("dt", class_=_is_comment_class)
                          or dl.find("dt", id=_COMMENT_ID)), None)
            if terms is not None:  # a theme's <dl> thread inside its comment area (Thesis: dt header, dd text)
                return self.term_comments(terms)
        if not items:
            # No container, or one that holds none (an "#comments" heading): WordPress's own item ids, wherever the
            # theme put its list ("ul.comments", "ul.comment-items"), outside the site's widgets.
            items = outside_forms([li for li in self.soup.find_all("li", id=_COMMENT_ID)
                                   if not _in_dialog(li) and not any(p.css.match(_NOT_A_THREAD) for p in li.parents if p.name)])
        self.item_number = {id(item): n for n, item in enumerate(items, 1)}  # by identity: Tag == compares trees
        out = []
        for n, item in enumerate(items, 1):
            comment = self.comment(item, n, items)
            if comment is not None:
                out.append(comment)
        return out

    def items(self, container) -> list:
        """The comment items of ``container``, which is widened to the whole list when it is a reply list inside a
        comment ("#comments ul" found a thread's ``ul.children`` first)."""
        if container is None:
            return []
        outer = [p for p in container.parents if p.name and _is_comment(p)]
        if outer and outer[-1].parent is not None:
            container = outer[-1].parent
        return [li for li in container.find_all(["li", "article", "div"])
                if _is_comment(li) and (li.name == "li" or li.find_parent("li") is None) and not _in_dialog(li)]

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
        text_el = (_own(item, ".comment-content, .wpd-comment-text, .wc-comment-text, .comment__content, "
                              ".epoch-comment-content, .ast-comment-content")
                   or item.select_one(".comment-body p") and item.select_one(".comment-body")
                   or item.select_one(".comment-text") or item.select_one(".comment-body")
                   or _own(item, ".field-name-comment-body"))  # Drupal 7's stock comment text
        # With no text element, the item is the text less its header, whose parts may have only bare names.
        body_el = copy_without(text_el or item, (*_HEADER, ".comment-author", *(() if text_el else _BARE_HEADER)))
        author_el = _own(item, ".comment-author .fn, cite.fn, .fn, .comment-header .user, cite.user, .comment-author, "
                               ".wpd-comment-author, .wc-comment-author, .comment__author, .epoch-author-link, "
                               ".epoch-comment-author, [class*=author-name], .username, [itemprop=creator] [itemprop=name], "
                               "[itemprop=creator], [itemprop=author] [itemprop=name], [itemprop=author]")  # schema.org's
        replying = author_el is not None and replied_to(author_el)
        if replying:  # SPIP: the .fn is what the comment answers; its writer is "par NAME" in the reviewer's hCard
            author_el = _own(item, COMMENT_WRITER)
        signed = next((el for el in (_own(item, "cite"), _own(item, ".metadata, .meta")) if el is not None
                       and _COMMENT_BY.match(" ".join(el.get_text(" ", strip=True).split()))), None)
        if signed is not None and (author_el is None or author_el in signed.parents or signed in author_el.parents
                                   or author_el is signed):
            author_el = author_el or signed  # the name is the line's; its date too (below)
            if text_el is None:
                body_el = _without_header(item, signed)
        elif not body_el.get_text(strip=True) and author_el is not None:
            # Old themes (WordPress's Kubrick, WordPress.com's classic ones) put the comment's paragraphs inside
            # ".comment-author" with the "NAME — DATE" line: without that line, what is left is the comment.
            body_el = _without_header(item, author_el)
        top = body_el.find(True)
        if top is not None and top.name == "li":
            top.name = "div"  # the comment's own item, not a list in its text
        # Epoch writes a name without a website as bare text beside "· DATE": the date is not the name.
        named = copy_without(author_el, ("time", ".epoch-divide", ".epoch-comment-link")) if author_el else None
        author = " ".join(named.get_text(" ", strip=True).split()) if named else ""
        said_on = SAYS_AFTER.search(author) is not None
        author = SAYS_AFTER.sub("", author).strip()
        if replying:
            author = clean_name(author)
        said = _COMMENT_BY.match(" ".join(signed.get_text(" ", strip=True).split())) if signed is not None else None
        if said and (author_el is signed or not author):
            author = said.group("name").strip()
        link = author_el.find("a", href=True) if author_el else None
        when, lang = _own(item, "time[datetime]"), language(self.soup)  # kept on the read-only page: read once
        created = parse_loose_date(when["datetime"]) if when else None
        if said_on and (on := _NAME_ON_DATE.match(author)) is not None and (
                (dated := parse_loose_date(on.group("date").replace(",", " "), lang)) is not None):
            author, created = on.group("name").strip(), created or dated  # not "Ana on May 3, 2018 at 4:47 pm"
        if created is None and said:
            created = parse_loose_date(said.group("date").replace("@", " ").replace(",", " "), lang)
        if created is None:
            for meta in item.select(".comment-metadata a, .comment-meta a, .comment-meta, .datetime a, .datetime, "
                                    ".comment-timestamp, .comment-date, .wpd-comment-date[title], .wpd-comment-date, "
                                    ".wc-comment-date, "
                                    ".comment__time, .comment__permalink, time, abbr.published[title], abbr.date[title], "
                                    "[itemprop=commentTime], [itemprop=dateCreated], [itemprop=datePublished]"):
                owner = meta.find_parent(["li", "article", "div"], class_=_is_comment_class)
                if owner is not None and owner is not item:
                    continue  # a reply's date, not this comment's
                # A plugin may leave a placeholder in datetime (Epoch writes datetime="comment_date").
                created = next((found for value in (meta.get("datetime"), meta.get("title"), meta.get("content"),
                                                    meta.get_text(" ", strip=True))
                                if value and (found := parse_loose_date(value, lang)) is not None), None)
                if created is not None:
                    break
        if "pingback" in classes or "trackback" in classes or _PINGBACK_PREFIX.match(body_el.get_text(" ", strip=True)):
            # A header names the linking post (title, address); the excerpt under it links to this post itself.
            named = [author_el, *author_el.find_all("a", href=True)] if author_el is not None else []
            anchor = next((a for a in named if a.name == "a" and a.get("href")), None) or body_el.find("a", href=True)
            title = anchor.get_text(" ", strip=True) if anchor else _PINGBACK_PREFIX.sub("", body_el.get_text(" ", strip=True))
            return ImportedComment(
                local_id=cid, parent=None, author=title or "Pingback", body=comment_markdown(title) or "Pingback",
                created=created, kind="pingback", source_url=anchor["href"] if anchor else "",
            )
        body = comment_markdown(str(body_el))
        head = _own(item, ".comment-header, header") if not author else None  # looked for only when no name was read
        heads = ["\n".join(text_lines(copy_without(head, _REPLY_TOOLS)))] if head is not None else []  # less "Reply"
        if not author and (found := named_by_header(body, created, heads, lang)) is not None:
            author, created, body = found  # the theme's header in classes no rule names: read as a text copy's
        if not body:
            self.notes.append(f"comment {cid} is empty; skipped it")
            return None
        if furniture_only(plain_lines(body)):
            self.notes.append(f"comment {cid} is page furniture ({body[:60]!r}), not a comment; left it out")
            return None
        return ImportedComment(
            local_id=cid, parent=parent, author=author or "Anonymous", body=body, created=created,
            website=link["href"] if link is not None else "", by_author=_by_post_author(item, author_el),
        )

    def term_comments(self, container) -> list[ImportedComment]:
        """Old themes' ``<dl>``: each ``<dt>`` is a header ("NAME said on DATE:"), its ``<dd>`` the comment."""
        out = []
        for n, dt in enumerate(container.find_all("dt"), 1):
            dd = dt.find_next_sibling("dd")
            body = comment_markdown(str(dd)) if dd is not None else ""
            if not body or furniture_only(plain_lines(body)):
                continue
            header = " ".join(dt.get_text(" ", strip=True).split())
            named = dt.select_one("cite, .fn, [class*=comment_author], [class*=comment-author], strong, b")
            said = re.match(rf"^(?P<name>.{{1,80}}?)\s+(?:{SAID})\b\s*(?:on\s+)?(?P<date>.*?):?$", header, re.I)
            author = (" ".join(named.get_text(" ", strip=True).split()) if named is not None
                      else said.group("name") if said else header[:80])
            date_text = said.group("date") if said else header.removeprefix(author)
            link = dt.find("a", href=re.compile(r"^https?://"))
            out.append(ImportedComment(
                local_id=_comment_id(dt) or f"n{n}", parent=None, author=author or "Anonymous", body=body,
                created=parse_loose_date(date_text.strip(" :,")), website=link["href"] if link is not None else ""))
        return out



# A comment's header, footer and tools: not its text.
_HEADER = (".comment-meta", ".comment-metadata", ".reply", ".wpd-comment-header", ".wpd-comment-footer", ".wpd-reply",
           ".wpd-comment", ".wc-comment-header", ".wc-comment-footer", ".wc-comment-left", ".comment__content > h3",
           ".comment__meta", ".comment-awaiting-moderation", "ol", "ul.children", "footer", "script", "style", "form",
           ".comment-edit-link", ".comment-header", ".comment-actions", ".comment-replies", ".comment-footer", ".says",
           ".comment-reply-link", ".avatar", "img", ".comment-likes",
           ".reply-comment", ".pmcc-comments-report-link")  # a moderation plugin's "Report" link

_REPLY_TOOLS = (".reply", ".comment-reply-link", ".comment-edit-link")
_BARE_HEADER = (".username", ".date", ".rating", "header")  # and HTML's own header element (Drupal's stock comment)


def _without_header(item, author_el):
    """A copy of ``item`` without the line that holds the commenter's name (its paragraph or heading) nor
    :data:`_HEADER`'s parts."""
    line = author_el.find_parent(["p", "cite", "h2", "h3", "h4", "h5", "h6", "header"])
    if line is None or item not in line.parents:
        line = author_el
    return copy_without_lines(item, _HEADER, [line])


def _own(item, selectors: str):
    """The first element matching one of ``selectors`` (in that order of preference) in ``item``, not in a reply."""
    # Only the comment's own elements (a reply is one, not what it holds) are tried: searching the whole item made
    # a long thread cost its replies over and over.
    own = list(_own_elements(item))
    for selector in selectors.split(", "):
        found = first_in(own, selector)
        if found is not None:
            return found
    return None


def _own_elements(item):
    """``item``'s elements in page order, without those inside a reply (a comment within it). The comment's own
    wrapper inside its item (``li#li-comment-7 > article#comment-7.comment``) is no reply: its id is the item's."""
    same = _COMMENT_ID.match(str(item.get("id") or ""))
    stack = [child for child in reversed(item.contents) if isinstance(child, Tag)]
    while stack:
        el = stack.pop()
        yield el
        inner = same is not None and (own := _COMMENT_ID.match(str(el.get("id") or ""))) is not None and own[1] == same[1]
        if inner or not _is_comment(el):
            stack.extend(child for child in reversed(el.contents) if isinstance(child, Tag))


def _by_post_author(item, author_el) -> bool:
    """The theme marks this comment, or its author's name, as the post author's (``bypostauthor``, ``blog-author``)."""
    marked = [item]
    if author_el is not None:
        el = author_el
        while el is not None and el is not item:
            marked.append(el)
            el = el.parent
    if any(set(el.get("class") or []) & AUTHOR_CLASSES for el in marked):
        return True
    # A badge beside the name (Astra's "Post author", a theme's "Autor"): the comment's own, not a reply's.
    badge = _own(item, "[class*=post-author], [class*=author-badge], [class*=author-label]")
    return badge is not None and author_mark(badge.get_text(" ", strip=True))


def _is_comment_class(classes) -> bool:
    return bool(set(classes or []) & COMMENT_CLASSES)


def _is_comment(el) -> bool:
    if el.name not in ("li", "article", "div"):
        return False
    classes = set(el.get("class") or [])
    return bool(classes & COMMENT_CLASSES) or bool(
        el.name == "li" and _COMMENT_ID.match(el.get("id", "")))


def _comment_id(el) -> str:
    if el is None:
        return ""
    for candidate in [el, *el.find_all(id=_COMMENT_ID, limit=1)]:
        found = _COMMENT_ID.match(candidate.get("id", ""))
        if found:
            return local_id(found.group(1))
    return ""




def _in_dialog(tag) -> bool:
    """Inside a dialog (:data:`.page_text.DIALOGS`): the site's message, not a reader's comment."""
    return first_in([t for t in (tag, *tag.parents) if t.name and t.name != "[document]"], _DIALOG) is not None


# A count where a commenter's name would be ("14,358", "5.3K", "1.2 万"): a player's or a post's counter line read
# as a comment header, over its button row ("I like this" / "I dislike this"). Counters print grouped digits or a
# magnitude; bare digits are left alone ("1009": some sites number their readers).
_COUNTER = re.compile(r"^(?:\d{1,3}(?:[,.\s'’]\d{3})+|\d+(?:[.,]\d+)?\s*(?:[kmb]|mio|mln|tsd|万|千|億|亿)\.?)$", re.I)


def hold_the_unvouched(comments: list[ImportedComment]) -> None:
    """A comment block with neither a name nor a date of its own, or with a count for a name: nothing on the page
    vouches that a reader wrote it (a form's message, a placeholder, a video's views over its like buttons), so it is
    held for review, never published as approved."""
    for comment in comments:
        if comment.kind == "comment" and comment.author in ("", "Anonymous") and comment.created is None:
            comment.hold("no name and no date on the page: nothing shows a reader wrote it")
        elif comment.kind == "comment" and _COUNTER.match(comment.author):
            comment.hold(f"a number where the name goes ({comment.author!r}): a counter of views or likes over a "
                         "button row, not a reader")


# WordPress's reply form (comment_form()): its "Leave a Reply" heading and "Cancel reply" link sit outside the <form>.
REPLY_FORM = ("#respond", ".comment-respond", "#reply-title", ".comment-reply-title", "#cancel-comment-reply-link")
# Where a page's comment area is looked for when no comment markup is known, in this order of preference.
_TEXT_AREAS = ("#comments", ".comments-area", ".comments", "#disqus_thread", "[id*=comments]", "section.comments")
# Lists of the site's latest comments, each a link to another post: WordPress's "Recent Comments" widget (its stock
# ids and classes, and the "widget_" class every widget carries), or any list in the sidebar or the site's footer
# (an <aside> or <footer> outside the article: inside it, one may hold the post's own comments).
_WIDGETS = "nav, .widget, .sidebar, #sidebar, [class^=widget_], [class*=' widget_'], #recentcomments, .recentcomments"
_SITE_PARTS = "aside, footer, [role=complementary]"


def _in_widget(el) -> bool:
    """In the site's widgets, its sidebar or its footer, not the post's own comment area."""
    return any(p.css.match(_WIDGETS) or p.css.match(_SITE_PARTS) and p.find_parent(["article", "main"]) is None
               for p in (el, *el.parents) if p.name and p.name != "[document]")


def _text_area(lookup):
    """The page's comment area to read as text: the first of :data:`_TEXT_AREAS` with text that is no widget's."""
    for selector in _TEXT_AREAS:
        found = next((el for el in lookup.select(selector) if el.get_text(strip=True) and not _in_widget(el)), None)
        if found is not None:
            return found
    return None


def read_comments(page, post: ImportedPost, container, tail: list[str], dropped: int) -> None:
    """Fill ``post``'s comments from ``container`` (or the comment area's text), and its report lines."""
    # A platform of comment_platforms' table: its comments, or [] when its comment area is there and empty.
    known = forum_replies(page.soup, page.lookup) or platform_comments(page.soup, page.path)
    post.comments = known[1] if known else []
    if post.comments:
        post.found.append(f"comments in {known[0]}'s markup")
    if not post.comments:
        post.comments = page.term_comments(container) if container is not None and container.name == "dl" else page.comments(container)
    post.comments += page.pings(container)
    if not post.comments:
        post.comments = structured_comments(page.soup)
        if post.comments:
            post.guessed.append(f"{len(post.comments)} comments found by their shape (blocks alike, each with a name, "
                                "a date and text, where the page keeps comments); check them with --explain")
    if not post.comments and known is None:  # a known system's empty area has no comment to read as text
        # Comments in markup we do not know (or as text in the article): read them as a text copy would be.
        holder = container or _text_area(page.lookup)
        lines = text_lines(copy_without(holder, REPLY_FORM)) if holder is not None else []
        if not lines and tail:
            lines = [line for block in tail for line in [*plain_lines(block), ""]]
        if lines:
            from .text import comments_in_text

            post.comments, guessed, dropped_lines = comments_in_text(page.path, lines, post.date, post.notes)
            post.guessed.extend(guessed)
            post.dropped.extend(dropped_lines)
            if post.comments:
                post.guessed.append(f"{len(post.comments)} comments read from the page's text (no comment list "
                                    "markup found); check them with --explain")
    elif tail:
        post.dropped.append(f"{len(tail)} block{'s' if len(tail) != 1 else ''} of the comment section left in the article")
    post.comments = tidy_comment_names(post.comments, post.notes, language(page.soup))  # labels off the names; a repeated comment once
    hold_the_unvouched(post.comments)
    if dropped:
        post.dropped.append(f"{dropped} block{'s' if dropped != 1 else ''} of boilerplate left in the article")
    comments = [c for c in post.comments if c.kind == "comment"]
    post.found.append(f"title{', author' if post.author else ''}{', date' if post.date else ''}, {len(post.blocks) + len(post.spoiler_blocks)} blocks; "
                      f"{len(comments)} comments ({sum(c.created is not None for c in comments)} with their own date, "
                      f"{sum(c.parent is not None for c in comments)} replies), {len(post.comments) - len(comments)} mentions")
    undated = [c.local_id for c in comments if c.created is None]
    if undated and not any("no date in the copy" in n for n in post.notes):
        post.notes.append(f"{len(undated)} comment{'s have' if len(undated) != 1 else ' has'} no date on the page; "
                          "dated like the post")
    explain_post(post)
