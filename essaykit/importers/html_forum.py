"""A saved forum thread: the opening post is the article, the replies under it are its comments.

A forum prints every post of a thread in one stock shape: the poster's card (name, rank, counts), the post's date
and number, and its text. The rows of :data:`FORUMS` say, in CSS selectors, where those are in the public templates
of XenForo (2 and 1), phpBB 3 (prosilver and the styles built on it), vBulletin (4 and 5), Invision Community and
Discourse's page for readers without JavaScript. A page is read as a thread only when two posts or more of one row
each have text of their own; the first of them is the article (its text alone, without the card around it), the
others are comments with the poster's name and the post's date. A thread's later page starts with a reply (its
number over 1, or a "Re:" subject): that post is read as the article all the same, with a doubt that asks for the
first page, and its poster is not taken for the thread's author.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime

from bs4 import BeautifulSoup

from .comment_platforms import Platform, _Reader, outside_forms, unquoted
from .html_extract import words
from .model import ImportedComment
from .page_meta import language

FORUMS = (
    Platform("XenForo 2", "", "article.message--post",
             author=(".message-name .username", ".message-name"), date=(".message-attribution time[datetime]", "time.u-dt"),
             body=(".message-body .bbWrapper", ".message-body"), drop=(".bbCodeBlock-expandLink", ".js-selectToQuoteEnd"),
             ident=r"^js-post-(\d+)$"),
    Platform("XenForo 1", "", "#messageList li.message",
             author=(".messageUserInfo .username", ".userText .username"), date=(".messageMeta .DateTime", ".DateTime"),
             body=(".messageContent .messageText", ".messageText"), drop=(".messageTextEndMarker",), ident=r"^post-(\d+)$"),
    # (a blog's "div.post" with a "postbody" is no forum post: phpBB's has the poster's card or its author line)
    Platform("phpBB 3", "", "div.post:has(.postbody):has(.postprofile, p.author)",
             author=(".postprofile .username", ".postprofile dt a", "p.author strong a", "p.author strong"),
             date=("p.author time[datetime]", "p.author"), body=(".postbody .content",), ident=r"^p(\d+)$"),
    Platform("vBulletin 4", "", "li.postcontainer:has(.postcontent)",
             author=(".username_container .username", ".username"), date=(".postdate .date", ".postdate"),
             body=(".postcontent",), ident=r"^post_(\d+)$"),
    Platform("vBulletin 5", "", "li.b-post:has(.js-post__content-text)",
             author=(".b-userinfo__details .author a", ".author a", ".author"),
             date=(".b-post__timestamp time[datetime]", ".b-post__timestamp"), body=(".js-post__content-text",)),
    Platform("Invision Community", "", "article.cPost:has([data-role=commentContent])",
             author=(".cAuthorPane_author a", ".cAuthorPane_author"), date=(".ipsComment_meta time[datetime]", "time[datetime]"),
             body=("[data-role=commentContent]",), ident=r"^elComment_(\d+)$"),
    Platform("Discourse (its page without JavaScript)", "", "div.crawler-post:has(.post)",
             author=(".creator [itemprop=name]", ".creator a", ".creator"),
             date=(".crawler-post-infos time[datetime]", "time[datetime]", ".post-time"),
             body=(".post[itemprop=text]", ".post[itemprop=articleBody]", ".post"), ident=r"^post_(\d+)$"),
)
MIN_POSTS = 2  # the opening post and one reply at least
_NUMBER = re.compile(r"^#\s?(\d{1,6})$")
_REPLY_SUBJECT = re.compile(r"^(?:re|aw|rép|odp|sv)\s*:", re.I)  # "Re:" and its German, French, Polish, Nordic forms


def forum_thread(lookup) -> tuple[Platform, list] | None:
    """(the forum's row, its posts in page order) when the page shows a thread of :data:`FORUMS`' markup, else None.
    Found once for the page (its lookup is of a page that never changes)."""
    if not hasattr(lookup, "forum_thread"):
        lookup.forum_thread = None
        for forum in FORUMS:
            posts = outside_forms(lookup.select(forum.item))
            ids = {id(p) for p in posts}  # a post quoted whole inside another is part of that one
            posts = [p for p in posts if not any(id(up) in ids for up in p.parents) and _text(forum, p) is not None]
            if len(posts) >= MIN_POSTS:
                lookup.forum_thread = (forum, posts)
                break
    return lookup.forum_thread


def opening_post(lookup):
    """The text of the thread's first post (the article), or None when the page is no forum thread."""
    thread = forum_thread(lookup)
    if thread is None:
        return None
    forum, posts = thread
    text = _text(forum, posts[0])
    return BeautifulSoup(unquoted(text), "html.parser").div if text is not None and text.name == "blockquote" else text


def _text(forum: Platform, post):
    """The post's own text (the first of the row's body selectors that matches with text in it), or None."""
    return next((el for s in forum.body for el in post.select(s)[:1] if el.get_text(strip=True)), None)


def forum_replies(soup, lookup) -> tuple[str, list[ImportedComment]] | None:
    """(the forum's name, the replies as comments) when the page is a forum thread, else None."""
    thread = forum_thread(lookup)
    if thread is None:
        return None
    forum, posts = thread
    return forum.name, _Reader(forum, posts[1:], language(soup)).comments()


def post_number(post) -> int:
    """The post's number in its thread as the forum prints it: a "#21" link (XenForo, vBulletin), Discourse's
    ``position``; 2 for phpBB's "Re: …" subject, which only a reply has; 1 when the post shows none."""
    for link in post.find_all("a"):
        if (found := _NUMBER.match(link.get_text(strip=True))) is not None:
            return int(found.group(1))
    position = post.find(attrs={"itemprop": "position"})
    if position is not None and position.get_text(strip=True).isdigit():
        return int(position.get_text(strip=True))
    subject = post.find("h3")
    return 2 if subject is not None and _REPLY_SUBJECT.match(subject.get_text(" ", strip=True)) else 1


def later_page(lookup) -> list[str]:
    """A doubt when the page is a later page of its thread: its first post is a reply, not the opening post."""
    thread = forum_thread(lookup)
    number = post_number(thread[1][0]) if thread is not None else 1
    return [f"the page is a later page of a forum thread (its first post is number {number}, a reply): the opening "
            "post, the thread's article, is on its first page; save that page instead"] if number > 1 else []


def opening_poster(soup, lookup) -> tuple[str, datetime | None]:
    """The opening post's poster and date as its card and header show them ("" and None where they do not, or where
    the page's first post is a reply)."""
    thread = forum_thread(lookup)
    if thread is None or later_page(lookup):
        return "", None
    forum, posts = thread
    first = _Reader(forum, posts[:1], language(soup)).comment(posts[0])
    return (first.author if first is not None and first.author != "Anonymous" else "",
            first.created if first is not None else None)


def reply_words(lookup) -> Counter:
    """The words of a forum thread's replies, cards and all (none when the page is no thread): they are its comments,
    not page text the article would leave out."""
    thread = forum_thread(lookup)
    return sum((words(post.get_text(" ")) for post in thread[1][1:]), Counter()) if thread is not None else Counter()
