"""The comment markup of blog platforms and comment systems, in one table, and the reader that follows it.

Each :class:`Platform` row says, in CSS selectors, where that system's
comments are on a saved page, what one comment is, and where its name, date
and text are; and how its replies nest: inside their parent (most), in a
wrapper right after it (Drupal's ``div.indented``), or through a link to it
(Movable Type's "replied to comment from"). The facts come from each
system's public templates (Blogger's layouts, Drupal 7's ``comment.tpl.php``
and 8+'s ``comment.html.twig``, Movable Type's and TypePad's defaults,
Dreamwidth's site scheme, Disqus's embed, Commento, Isso, Stack Exchange's comment lists, SPIP's forum template, Judge.me's reviews, PIXNET's comment list). WordPress's own
list and its plugins (wpDiscuz, Epoch, Jetpack) are read by
:mod:`.html_comments`, whose rules predate this table.

The post author's badge comes only from a system's own marker, never from a
name: Blogger's ``blog-author``, Drupal's ``by-node-author``, Movable Type's
``entry-author-comment`` (its ``IfCommenterIsEntryAuthor`` in the comment
template; TypePad pages built on those templates carry it too), Dreamwidth's
``entry-author`` on the comment's wrapper (the commenter is the entry's
poster), and the moderator marks of Disqus and Commento (``commento-moderator``
on the name), which on a blog's own thread are its author's.

A comment system that draws in a frame (Disqus) is read from the frame the
browser saved: SingleFile inlines it as ``srcdoc``, "Webpage, Complete"
saves it as a page of its own in the page's files folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from bs4 import BeautifulSoup

from .._html_bounds import HtmlTooBig, check_html
from .htmlmd import comment_markdown
from .leftovers import SAID, furniture_only, plain_lines
from .model import ImportedComment
from .names import local_id, parse_loose_date
from .page_meta import language
from .page_text import Lookup, copy_without


@dataclass(frozen=True)
class Platform:
    name: str
    region: str  # the system's own comment area ("" if it has none of its own): there with no comment in it, the
    # page has none (not "markup we do not know", whose text would be read)
    item: str  # one comment
    author: tuple[str, ...]  # first match wins, in this order
    date: tuple[str, ...]
    body: tuple[str, ...]
    drop: tuple[str, ...] = ()  # furniture inside the body
    ident: str = r"^comment-(\d+)$"  # the comment's id in its element's id (or its anchor's)
    author_mark: str = ""  # the system's own marker of the post author's comment (on the item, or inside it)
    follow: str = ""  # the comment's parts that follow it as siblings (Blogger's classic <dt> then <dd>s)
    indented: str = ""  # replies sit in this wrapper right after their parent
    reply_link: str = ""  # a link to the parent comment, by its id
    byline: str = ""  # one line "Posted by: NAME | DATE" holding both
    title: str = ""  # the comment's own headline, which leads its text
    answer: str = ""  # the blog owner's answer printed inside the comment (a reply of its own, by the post author),
    # signed by its last paragraph "NAME 於 DATE 回覆"


PLATFORMS = (
    Platform("Blogger (classic layout)", "dl#comments-block", "dl#comments-block > dt",
             author=("a[href*='/profile/']", "a[rel~=nofollow]", ":scope"), date=(".comment-timestamp a", ".comment-timestamp"),
             body=("dd.comment-body",), drop=(".item-control", ".deleted-comment"), ident=r"^c(\d+)$", author_mark=".blog-author", follow="dd"),
    Platform("Blogger (threaded: newer layouts, Contempo, Soho, Emporio, Notable)", "#comment-holder",
             "#comment-holder li.comment, .comment-thread li.comment:has(> .comment-block)", author=(".comment-header cite.user", ".comment-header .user"),
             date=(".comment-header .datetime a", ".datetime"), body=(".comment-content",), drop=(".deleted-comment",),
             ident=r"^c(\d+)$",
             author_mark=".comment-header .blog-author"),
    Platform("Drupal 8+", "section[data-drupal-selector=comments], .field--type-comment", ".js-comment",
             author=(".comment__author a", ".comment__author", ".comment__submitted .username", "[rel~='schema:author'] [property~='schema:name']",
                     ".username"),
             date=("time[datetime]", ".comment__time", ".comment__submitted", "[data-comment-timestamp]"),
             body=(".comment__content", "[property~='schema:text']", ".content"), drop=("h3", "ul.links", ".links", ".visually-hidden"),
             byline="footer h6, footer .submitted",  # "NAME | DATE" in the comment's footer
             author_mark=".by-node-author", indented="div.indented"),
    Platform("Drupal 7", "#comments.comment-wrapper", "div.comment:has(.submitted)",
             author=(".submitted .username", ".commenter-name .username", ".commenter-name", ".username"),
             date=("[property~='dc:date'][content]", "time[datetime]", ".comment-time", ".submitted"),
             body=(".content",), drop=("h3", "ul.links", ".links", ".rdf-meta"),
             author_mark=".comment-by-node-author", indented="div.indented"),
    Platform("Movable Type 4+", "", ".comments-content div.comment:has(.comment-header):has(.comment-content)",
             author=(".comment-header .vcard .fn", ".comment-header .fn", ".comment-header .author"),
             date=("abbr.published[title]", ".comment-header .byline"), body=(".comment-content",),
             reply_link=".comment-header a[href^='#comment-']", author_mark=".entry-author-comment"),
    Platform("TypePad / classic Movable Type", "#comments-content", ".comments-content div.comment:has(> .comment-footer)",
             author=(), date=(), body=(".comment-content",), byline=".comment-footer", ident=r"^comment-(\w+)$",
             author_mark=".entry-author-comment"),
    Platform("Dreamwidth / LiveJournal (site scheme)", "", "#comments .comment-thread:has(> .dwexpcomment, > .comment-wrapper)",
             author=(".poster .ljuser b", ".poster .ljuser", ".poster"), date=(".datetime",), body=(".comment-content",),
             ident=r"^comment-cmt(\d+)$", author_mark=".comment-wrapper.entry-author"),
    Platform("Disqus", "#disqus_thread", "#post-list li.post, ul.post-list li.post",
             author=(".post-byline .author a", ".post-byline .author"), date=(".post-meta a.time-ago", ".post-meta time"),
             body=(".post-message",), ident=r"^post-(\d+)$", author_mark=".post-byline .moderator"),
    Platform("Commento", "#commento", "#commento .commento-card", author=(".commento-name",),
             date=(".commento-timeago",), body=(".commento-body",), ident=r"^commento-card-(\w+)$",
             author_mark=".commento-name.commento-moderator"),
    # Stack Exchange's comments under a question or an answer: "TEXT – NAME DATE" on one line.
    Platform("Stack Exchange", "", ".comments-list li.comment.js-comment", author=(".comment-user",),
             date=(".comment-date .relativetime-clean", ".comment-date"), body=(".comment-copy",)),
    # Judge.me, a review app of Shopify shops: a product page's reviews are its readers' comments.
    Platform("Judge.me", ".jdgm-rev-widg", ".jdgm-rev-widg .jdgm-rev", author=(".jdgm-rev__author",),
             date=(".jdgm-rev__timestamp",), body=(".jdgm-rev__content",), drop=(".jdgm-rev__custom-form",),
             ident=r"^(.+)$"),
    # SPIP's forums (its stock "forum" template, and the Crayons plugin's "forum-qui-N", "forum-titre-N" classes on
    # the writer's name and the headline): a thread of ul.forum > li.forum-fil, the replies in a list inside.
    Platform("SPIP forum", "ul.forum", "ul.forum li.forum-fil", author=("[class*=forum-qui]", ".forum-chapo .fn"),
             date=("abbr[title]", "time[datetime]", "[class*=forum-date]", ".forum-nav", ".forum-chapo small"),
             body=(".forum-texte",), ident=r"^forum(\d+)$", title="[class*=forum-titre]"),
    # PIXNET's blogs (Taiwan): each comment a ul.single-post of li.post-info ("#1", the name, "於 2013/12/28 10:28"),
    # li.post-text and, when the blog's owner answered (only the owner can), li.reply-text signed "NAME 於 DATE 回覆".
    Platform("PIXNET", "", "#comment-text ul.single-post:has(> li.post-info):has(> li.post-text)",
             author=(".post-info .user-name",), date=(".post-info .post-time",), body=("li.post-text",),
             answer="li.reply-text"),
    Platform("Isso", "#isso-thread, #isso-root", ".isso-comment", author=(".isso-author",),
             date=(".isso-permalink time", "time"), body=(".isso-text",), ident=r"^isso-(\d+)$"),
)
REGIONS = tuple(r.strip() for p in PLATFORMS for r in p.region.split(",") if r.strip())
# "NAME said..." (Blogger), "NAME (not verified)" (Drupal's anonymous commenters).
_SAID = re.compile(rf"\s+(?:{SAID})\s*(?:\.\.\.|…)?\s*:?$"
                   r"|\s*\((?:not verified|nicht überprüft|non vérifié|no verificado)\)$", re.I)
# The date after "on"/"am"/"le"… in a "Submitted by NAME on DATE" line.
_ON = re.compile(r"\s(?:on|am|le|el|il|em|op|den)\s+(?=.*\d)|^[於于]\s*(?=\d)", re.I)  # 於: "at" (Chinese)
_NUMERIC_STAMP = re.compile(r"\d{4}[/.-]\d{1,2}[/.-]\d{1,2}(?:\s+\d{1,2}:\d{2})?")  # "2014/01/01 20:31"
_ZONE_NAME = re.compile(r"\s*\([^)]*\)\s*$")  # a JavaScript Date's "(Coordinated Universal Time)"
MAX_FRAME_BYTES = 20 * 1024 * 1024


def documents(soup, path: Path | None):
    """The page, then each comment frame a browser saved with it (inline ``srcdoc``, or a file beside the page)."""
    yield soup
    for frame in soup.find_all("iframe"):
        markup = frame.get("srcdoc") or _saved_frame(path, str(frame.get("src") or ""))
        if markup:
            try:
                check_html(markup)
            except HtmlTooBig:
                continue
            yield BeautifulSoup(markup, "html.parser")


def _saved_frame(path: Path | None, src: str) -> str:
    """A frame's page saved in the page's own folder; never a file outside it, never one over the size limit."""
    if path is None or not src or re.match(r"^[a-z][a-z0-9+.-]*:", src, re.I) or src.startswith("//"):
        return ""
    folder = path.parent.resolve()
    target = (folder / src.split("#")[0].split("?")[0]).resolve()
    if folder not in target.parents or target.suffix.lower() not in (".html", ".htm") or not target.is_file():
        return ""
    if target.stat().st_size > MAX_FRAME_BYTES:
        return ""
    return target.read_bytes().decode("utf-8", "replace")


def platform_comments(soup, path: Path | None = None) -> tuple[str, list[ImportedComment]] | None:
    """(the platform's name, its comments) for the first platform of the table the page (or a saved frame) shows;
    an empty list when its comment area is there with no comment in it; None when no platform of the table is there."""
    empty = None
    for doc in documents(soup, path):
        lookup = Lookup(doc)
        for platform in PLATFORMS:
            items = outside_forms(lookup.select(platform.item))
            found = _Reader(platform, items, language(soup)).comments() if items else []
            if found:  # items of which none reads as a comment are another system's look-alikes
                return platform.name, found
            if empty is None and platform.region and lookup.select_one(platform.region) is not None:
                empty = platform.name
    return (empty, []) if empty is not None and not soup.select("li.comment, .wpd-comment, .comment-body") else None


def outside_forms(items: list) -> list:
    """``items`` less those inside a form of their own (a comment form's preview, a reply template). A form that
    holds several of them, or the page's headline too, wraps the thread or the whole page (ASP.NET's one form,
    themes that put the list in their comment form): its items are read."""
    held: dict[int, int] = {}
    forms = {id(item): item.find_parent("form") for item in items}
    for form in forms.values():
        if form is not None:
            held[id(form)] = held.get(id(form), 0) + 1
    return [item for item in items if (form := forms[id(item)]) is None or held[id(form)] >= 2
            or form.find("h1") is not None]


class _Reader:
    def __init__(self, platform: Platform, items: list, lang: str = ""):
        self.p, self.items, self.lang = platform, items, lang  # the page's language: how it writes "05/03/2020"
        self.members = {id(item): n for n, item in enumerate(items, 1)}

    def parts(self, item) -> list:
        parts = [item]
        for sibling in item.find_next_siblings() if self.p.follow else ():
            if id(sibling) in self.members or not sibling.css.match(self.p.follow):
                break
            parts.append(sibling)
        return parts

    def owned(self, item, selectors: tuple[str, ...]):
        """The matches of ``selectors`` (in their order) that belong to ``item``, not to a reply inside it."""
        for selector in selectors:
            for part in self.parts(item):
                if selector == ":scope" or part is not item and part.css.match(selector):
                    yield part
                    continue
                for found in part.select(selector):
                    owner = next((p for p in found.parents if id(p) in self.members), None)
                    if owner is None or owner is item:
                        yield found

    def own(self, item, selectors: tuple[str, ...]):
        return next(self.owned(item, selectors), None)

    def ident(self, item) -> str:
        anchor = item.find_previous_sibling()
        inner = item.find("a", id=True)  # SPIP: the permalink's anchor is the comment's first link
        for el in (item, anchor if anchor is not None and anchor.name == "a" else None, inner):
            found = re.match(self.p.ident, str(el.get("id") or "")) if el is not None else None
            if found:
                return local_id(found.group(1))
        return f"n{self.members[id(item)]}"

    def parent(self, item):
        holder = next((p for p in item.parents if id(p) in self.members), None)
        if holder is not None:
            return holder
        wrapper = next((p for p in item.parents if p.name and self.p.indented and p.css.match(self.p.indented)), None)
        if wrapper is not None:
            return wrapper.find_previous_sibling(lambda el: id(el) in self.members)
        link = self.own(item, (self.p.reply_link,)) if self.p.reply_link else None
        target = str(link.get("href") or "").lstrip("#") if link is not None else ""
        return next((other for other in self.items if other is not item and target and other.get("id") == target), None)

    def comments(self) -> list[ImportedComment]:
        out = []
        for item in self.items:
            comment = self.comment(item)
            if comment is not None:
                out.append(comment)
                answer = self.own(item, (self.p.answer,)) if self.p.answer else None
                answered = self.answer(answer, comment) if answer is not None else None
                out += [answered] if answered is not None else []
        return out

    def answer(self, el, comment: ImportedComment) -> ImportedComment | None:
        """The blog owner's answer inside ``comment``: its text without the signing paragraph, the name and date
        that paragraph gives ("NAME 於 DATE 回覆"), by the post author (the platform lets only the owner answer)."""
        signs = el.find_all("p")
        signed = " ".join(signs[-1].get_text(" ", strip=True).split()) if signs else ""
        stamp = _NUMERIC_STAMP.search(signed)
        link = signs[-1].find("a") if stamp else None  # a last paragraph without a date is text, not the signature
        author = " ".join(link.get_text(" ", strip=True).split()) if link is not None else ""
        body = comment_markdown(unquoted(copy_without(el, ("p:last-of-type",)) if stamp else el))
        if not body or furniture_only(plain_lines(body)):
            return None
        answer = ImportedComment(local_id=f"{comment.local_id}-a", parent=comment.local_id, author=author[:100] or "Anonymous",
                                 body=body, created=parse_loose_date(stamp.group(), self.lang) if stamp else None,
                                 website=str(link.get("href") or "") if link is not None else "", by_author=True)
        if not author or answer.created is None:
            answer.hold("an answer under a comment without the name and date that sign it")
        return answer

    def comment(self, item) -> ImportedComment | None:
        # The first that shows a name: Blogger's avatar is a profile link too, with only a picture in it.
        author_el = next((el for el in self.owned(item, self.p.author) if _name(el)), None)
        author = _name(author_el)
        created = next((when for el in (self.own(item, (s,)) for s in self.p.date) if el is not None
                        for when in [_when(el, author, self.lang)] if when is not None), None)
        byline = self.own(item, (self.p.byline,)) if self.p.byline else None
        if byline is not None:  # "Posted by: NAME | DATE"
            said, _, dated = " ".join(byline.get_text(" ", strip=True).split()).partition("|")
            author_el = byline.find("a", href=True) or author_el
            author = author or said.split(":", 1)[-1].strip()
            created = created or parse_loose_date(dated.split("|")[0], self.lang)
        body_el = self.own(item, self.p.body)
        if body_el is None:
            return None
        body = comment_markdown(unquoted(copy_without(body_el, self.p.drop) if self.p.drop else body_el))
        if not body or furniture_only(plain_lines(body)):
            return None
        title_el = self.own(item, (self.p.title,)) if self.p.title else None
        title = " ".join(title_el.get_text(" ", strip=True).split()) if title_el is not None else ""
        if title and title.casefold() not in body.casefold():
            body = f"**{title}**\n\n{body}"
        parent = self.parent(item)
        link = author_el.find("a", href=True) if author_el is not None and author_el.name != "a" else author_el
        website = str(link.get("href") or "") if link is not None else ""
        return ImportedComment(
            local_id=self.ident(item), parent=self.ident(parent) if parent is not None else None,
            author=author[:100] or "Anonymous", body=body, created=created,
            website=website if website.startswith(("http://", "https://")) else "",
            by_author=bool(self.p.author_mark) and (item.css.match(self.p.author_mark)
                                                    or self.own(item, (self.p.author_mark,)) is not None))


def unquoted(el) -> str:
    """The markup of a comment's text element; one that is a ``<blockquote>`` itself (vBulletin's post text) or a
    list's ``<li>`` (PIXNET's) as a ``<div>``: it is the text, not a quote or a list in it."""
    root = el.find(True) if el.name == "[document]" else el  # copy_without's copy is a document around it
    return f"<div>{root.decode_contents()}</div>" if root is not None and root.name in ("blockquote", "li") else str(el)


def _name(el) -> str:
    if el is None:
        return ""
    named = copy_without(el, ("img", ".avatar-image-container", ".badge", "script"))
    return _SAID.sub("", " ".join(named.get_text(" ", strip=True).split())).strip()


def _when(el, author: str, lang: str = ""):
    """The date an element shows: in an attribute (``datetime``, ``content``, ``title``, a timestamp), or in its
    text, also after the name and "on" of a "Submitted by NAME on DATE" line."""
    stamp = str(el.get("data-comment-timestamp") or "")
    if stamp.isdigit():
        return datetime.fromtimestamp(int(stamp), tz=timezone.utc)
    text = " ".join(el.get_text(" ", strip=True).split())
    for value in (el.get("datetime"), el.get("content"), el.get("data-content"), el.get("title"), text):
        value = _ZONE_NAME.sub("", str(value or "")) or str(value or "").strip("() ")  # SPIP: "(22 juin 2018 @11h13)"
        found = parse_loose_date(value, lang) if value else None
        if found is not None:
            return found
    if "»" in text and (found := parse_loose_date(text.rsplit("»", 1)[1], lang)) is not None:
        return found  # phpBB's "by NAME » DATE"
    after = _ON.split(text.replace(author, " ") if author else text)
    return parse_loose_date(after[-1], lang) if len(after) > 1 else None

