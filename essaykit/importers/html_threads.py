"""Comments in markup no theme rule names, found by their structure.

A comment thread is a run of blocks of one shape (the same tag and classes,
or schema.org ``Comment``, or microformats ``h-cite``/``u-comment``), each
with an author, a date and text, inside a part of the page whose id or
class says it holds comments or replies ("comments", "replies",
"discussion", "Kommentare", "commentaires", "留言"…). Kinja's replies,
Discourse embeds and many hand-made themes look like this. A block with an
author and a date it can read is a comment; one without either is held
``pending`` with the reason, and teaser lists elsewhere on the page are never
read (they are not in a comment region).
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime, timezone

from bs4 import Tag

from .htmlmd import comment_markdown
from .leftovers import furniture_only, plain_lines
from .model import ImportedComment
from .names import clean_name, local_id, parse_loose_date
from .page_byline import COMMENT_WRITER, replied_to
from .page_meta import language
from .page_text import copy_without

# Whole words of an id or class ("js_replies", "comment-list"), not parts ("commented", a post's state).
COMMENT_REGION = re.compile(r"(?:^|[\s_-])(?:comments?|repl(?:y|ies)|responses|discussion|thread|kommentare?|antworten"
                            r"|commentaires?|comentarios?|comentários?|commenti|reacties|留言|评论|評論|コメント)(?=$|[\s_-])", re.I)
# The same words inside a camelCase class ("MtnCommentText", "newsCommentContainer"), which has no separator.
_CAMEL_REGION = re.compile(r"[a-z](?:Comments?|Kommentare?|Repl(?:y|ies)|Responses?)(?=$|[A-Z\s_-])")
# Groups of nearly as many blocks as the largest are the same thread seen deeper in: the outermost is the comment.
SAME_THREAD = 0.8
# The name's and the date's classes also in other languages and in camelCase ("autor", "benutzer", "datum", "fecha",
# "AuthorName", "CommentTime"); a line of "meta" or "info" last, read for a date without the name in it.
_AUTHOR = (".fn", "[itemprop=author] [itemprop=name]", "[itemprop=author]", "[itemprop=creator]", ".p-author", ".u-author", ".display-name",
           ".username", "[class*=author-name]", "cite", "[class*=author]", "[class*=AuthorName]", "[class*=autor]",
           "[class*=benutzer]", "[class*=AccountName]", "[class*=UserName]", "[class*=CommentName]",
           "[class*=comment-name]", "[class*=comment_name]", "[class*=commenter]", "[class*=comment-user]", "[class*=nickname]", ".name", ".nick")
_DATE = ("time[datetime]", "[itemprop=dateCreated]", "[itemprop=commentTime]", "[itemprop=datePublished]", ".dt-published", "[data-publishtime]",
         ".published", "[class*=date]", "[class*=time]", "time", "[class*=Date]", "[class*=Time]", "[class*=datum]",
         "[class*=fecha]", "[class*=meta]", "[class*=info]")
_BODY = ("[itemprop=text]", "[itemprop=commentText]", ".e-content", ".p-content", "[class*=content]", "[class*=body]", "[class*=text]",
         "[class*=Content]", "[class*=Body]", "[class*=Text]", "[class*=Message]", "[class*=message]")
_DROP = ("script", "style", "form", "button", "header", "footer", "img", "svg", "[class*=avatar]", "[class*=dropdown]",
         "[class*=hovercard]", "[class*=tools]", "[class*=toolbar]", "[class*=actions]")
# Classes themes put on the post author's own comment (WordPress, WordPress.com, Blogger, wpDiscuz, Drupal).
AUTHOR_CLASSES = {"bypostauthor", "byauthor", "blog-author", "wpd-blog-author", "wpd-blog-post_author", "wc-blog-post_author",
                  "by-node-author",
                  "comment-by-author", "is-author"}
_FURNITURE = re.compile(r"avatar|hovercard|dropdown|tools|actions|meta|header|footer", re.I)
# Classes that say where a block stands, not what it is ("first odd", "depth-2", "thread-even"): one thread's blocks
# differ in them.
_PLACE = re.compile(r"^(?:first|last|odd|even|alt|clearfix|clear-block|depth-\d+|(?:thread|comment)-(?:odd|even|alt)"
                    r"|(?:\w+-)?by-\w+|comment-author-\S+|byuser|bypostauthor|byauthor"
                    r"|[a-z_-]*\d{3,})$")  # "16060957", "comment-16060957": the block's own number, not its kind
MIN_BLOCKS = 2
HEADER_CHARS = 160
TEASER_LINK_SHARE = 0.5  # a block whose text is this much link text is a teaser  # one block is a post or a promo; a thread has at least two
# schema.org's Comment type, and UserComments, its older one (creator, commentTime, commentText).
_SCHEMA_COMMENT = re.compile(r"schema\.org/(?:Comment|UserComments)/?$")
_MARKED = re.compile(r"\b(?:h-cite|u-comment|p-comment)\b")
# A block whose own class says it is one comment ("kommentar-item", "comment-entry"): one alone is a thread of one.
_ONE_COMMENT = re.compile(r"(?:^|[_-])(?:comment|kommentar|commentaire|comentario|comentário|commento|reactie)"
                          r"(?:$|[_-](?:item|entry|single)$)", re.I)
# "NAME - DATE", "NAME | DATE", "NAME · DATE", "NAME, DATE": a name, a mark, then a date.
_NAME_DASH_DATE = re.compile(r"^(?P<name>[^|·•–—,]{2,60}?)\s*(?:\s[-–—]\s|[|·•–—,])\s*(?P<date>.*\d.*)$")
_HEADING = ("h1", "h2", "h3", "h4", "h5", "h6")


def copy_without_lines(el, selectors, lines):
    """:func:`.page_text.copy_without`, also without the elements ``lines`` (a comment's header lines)."""
    for line in lines:
        line["data-ek-header"] = ""  # marked for the copy only, unmarked at once
    try:
        return copy_without(el, (*selectors, "[data-ek-header]"))
    finally:
        for line in lines:
            del line["data-ek-header"]


def _in_region(el) -> bool:
    if _SCHEMA_COMMENT.search(str(el.get("itemtype") or "")):  # the page's own markup says it is a comment
        return True
    for node in (el, *el.parents):
        if node.name in ("body", "html", None):
            return False
        names = " ".join([str(node.get("id") or ""), *(node.get("class") or [])])
        if COMMENT_REGION.search(names) or _CAMEL_REGION.search(names):
            return True
    return False


def _shape(el) -> tuple | None:
    if el.name not in ("article", "li", "div", "section"):
        return None
    if _SCHEMA_COMMENT.search(str(el.get("itemtype") or "")):
        return ("schema.org Comment",)
    classes = " ".join(el.get("class") or [])
    if _MARKED.search(classes):
        return ("microformats comment",)
    kept = tuple(sorted(c for c in el.get("class") or [] if not _PLACE.match(c)))
    return (el.name, kept) if kept else None


def _own_elements(item, members) -> list:
    """``item``'s elements in page order, without those inside another block of its thread (a reply is one of its
    elements, not what the reply holds)."""
    # Walked once per block: searching the whole block for each selector made a nested thread cost its replies over
    # and over (quadratic in the nesting).
    own, stack = [], [child for child in reversed(item.contents) if isinstance(child, Tag)]
    while stack:
        el = stack.pop()
        own.append(el)
        if id(el) not in members:
            stack.extend(child for child in reversed(el.contents) if isinstance(child, Tag))
    return own


class _Matches:
    """Which elements under ``roots`` match a selector, found by one ``select`` per selector over the whole region: a
    ``select`` in each block (or ``match`` on each of its elements) cost every block the blocks of the other shapes
    inside it, over and over."""

    def __init__(self, roots):
        self.roots, self.found = roots, {}

    def _ids(self, selector: str) -> set[int]:
        if selector not in self.found:
            self.found[selector] = {id(el) for root in self.roots for el in root.select(selector)}
        return self.found[selector]

    def first(self, own, selectors) -> object | None:
        """The first of a block's own elements (:func:`_own_elements`) that matches one of ``selectors``, in their
        order."""
        for selector in selectors:
            ids = self._ids(selector)
            found = next((el for el in own if id(el) in ids), None)
            if found is not None:
                return found
        return None

    def every(self, own, selectors) -> list:
        """The block's own elements that match each of ``selectors``, selector by selector."""
        return [el for selector in selectors for ids in [self._ids(selector)] for el in own if id(el) in ids]


def _when(el, author: str = "", lang: str = "") -> datetime | None:
    """The date ``el`` shows; a numeric one ("05/03/2020") read as the page's language ``lang`` writes dates."""
    stamp = str(el.get("data-publishtime") or "")
    if stamp.isdigit():  # milliseconds since 1970 (Kinja)
        return datetime.fromtimestamp(int(stamp) / 1000, tz=timezone.utc)
    text = " ".join(el.get_text(" ", strip=True).split())
    for value in (el.get("datetime"), el.get("title"), el.get("content"), text,
                  text.replace(author, " ").strip(" /|·,-–—") if author and author in text else ""):
        found = parse_loose_date(str(value), lang) if value else None
        if found is not None:
            return found
    # A line that prints more than the date ("Reply #1" over "Oct. 9, 2010 - 7:28 AM"): the date in an element of its own.
    return next((found for child in el.find_all(True, limit=20)
                 if (found := parse_loose_date(" ".join(child.get_text(" ", strip=True).split()), lang)) is not None), None)


def line_name(date_el, lang: str = "") -> str:
    """The name a block's one header line prints before its date ("Muriel - Le 22/01/2020 à 12:01", "Ana | 3 May
    2021"), when what follows the name reads as a date and the name as a name; else ""."""
    text = " ".join(date_el.get_text(" ", strip=True).split()) if date_el is not None else ""
    if not text or len(text) > HEADER_CHARS:
        return ""
    found = _NAME_DASH_DATE.match(text)  # a mark between them: a word before a date ("於 2013/12/28") is no name
    name = clean_name(found["name"]) if found and parse_loose_date(found["name"], lang) is None else ""
    return name if name and len(name.split()) <= 4 and parse_loose_date(found["date"], lang) is not None else ""


def _grouped(soup) -> dict[tuple, list]:
    """The blocks of each shape in a comment region, in page order. A nested thread may name only its reply lists
    ("thread", "replies"), not the list of its first comments: a block of the same shape that holds one of those
    replies is a comment too, and so are the blocks of its shape beside it."""
    every: dict[tuple, list] = defaultdict(list)
    for el in soup.find_all(("article", "li", "div", "section")):
        shape = _shape(el)
        if shape is not None:
            every[shape].append(el)
    groups = {}
    for shape, items in every.items():
        inside = {id(el) for el in items if _in_region(el)}
        if not inside:
            continue
        ids = {id(el) for el in items}
        holders = {id(p) for el in items if id(el) in inside for p in el.parents if id(p) in ids and id(p) not in inside}
        lists = {id(el.parent) for el in items if id(el) in holders}
        groups[shape] = [el for el in items if id(el) in inside or id(el) in holders or id(el.parent) in lists]
    return groups


_NUMERIC = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](?:\d{4}|\d{2})\b")


def _numeric_order(date_els: list) -> str:
    """On a page that states no language, the way round its thread writes "07/04/2013", from the thread's own dates:
    a language of that order when one of them can only be day first ("21/04/2013") or only month first
    ("04/21/2013") and none says the other; else "" (month first, as before)."""
    seen = {("DMY" if int(a) > 12 else "MDY") for el in date_els if el is not None
            for a, b in _NUMERIC.findall(el.get_text(" ", strip=True)) if (int(a) > 12) != (int(b) > 12)}
    return {frozenset({"DMY"}): "en-GB", frozenset({"MDY"}): "en-US"}.get(frozenset(seen), "")


def _lone(items: list, usable: list, matches: _Matches) -> bool:
    """A thread of one: a block whose own class says it is a comment, with a name element of its own and a date."""
    return (len(items) == len(usable) == 1 and any(_ONE_COMMENT.search(c) for c in items[0].get("class") or [])
            and matches.first(usable[0], _AUTHOR) is not None)


def structured_comments(soup) -> list[ImportedComment]:
    """The comments of the largest run of same-shaped author+date+text blocks in a comment region, in page order."""
    groups = _grouped(soup)
    lang = language(soup)
    blocks = {id(el) for items in groups.values() for el in items}
    matches = _Matches([el for items in groups.values() for el in items
                        if not any(id(p) in blocks for p in el.parents)])
    threads = []
    for shape, items in groups.items():
        members = {id(item) for item in items}
        owns = (_own_elements(item, members) for item in items)
        usable = [own for own in owns if (date_el := matches.first(own, _DATE)) is not None
                  and (matches.first(own, _AUTHOR) is not None or line_name(date_el, lang))]
        if len(usable) >= MIN_BLOCKS and len(usable) * 2 > len(items) or _lone(items, usable, matches):
            threads.append((len(usable), sum(len(list(i.parents)) for i in items) / len(items), items))
    if not threads:
        return []
    most = max(n for n, _, _ in threads)
    best = min((t for t in threads if t[0] >= SAME_THREAD * most), key=lambda t: t[1])[2]
    members = {id(item) for item in best}
    lang = lang or _numeric_order([matches.first(_own_elements(item, members), _DATE) for item in best])
    # The post's author as the page's own ids name them outside the comments (Kinja's data-authorid in the byline).
    post_authors = {str(el["data-authorid"]) for el in soup.select("[data-authorid]") if not _in_region(el)}
    by_data_id = {str(item.get("data-id")): item for item in best if item.get("data-id")}
    out = []
    for n, item in enumerate(best, 1):
        own = _own_elements(item, members)
        comment = _comment(item, n, members, own, matches, lang)
        if comment is None:
            continue
        parent = by_data_id.get(str(item.get("data-parentid") or ""))
        if comment.parent is None and parent is not None and parent is not item:
            comment.parent = local_id(str(parent.get("id") or ""))
        ids = {str(el["data-authorid"]) for el in own if el.has_attr("data-authorid")}
        comment.by_author = bool(ids & post_authors) or bool(set(item.get("class") or []) & AUTHOR_CLASSES)
        out.append(comment)
    return out


# A link to a member's page ("/profile/…", "/users/kay", "?member_id=…"): the commenter's name in a header no class
# marks as the author's.
_PROFILE_LINK = re.compile(r"/(?:profiles?|users?|members?|membres?|social|people|benutzer|mitglieder|usuarios?|utenti"
                           r"|utente|perfil|profil)(?:[/_.?=-]|$)|[?&](?:member|user)_?id=", re.I)


def _profile_name(own: list, date_el):
    """The block's first link to a member's page before its date, with a short text: the name in a header of avatar,
    profile link and date."""
    for el in own:
        if el is date_el:
            return None
        text = el.get_text(" ", strip=True) if el.name == "a" else ""
        if text and _PROFILE_LINK.search(str(el.get("href") or "")) and len(text) <= 60 and len(text.split()) <= 4:
            return el
    return None


def _text_beside(item, members: set[int]):
    """A header block's text beside it: the first element after it in its list item with text that is not mostly
    links (the reply and report buttons) nor furniture, when the block itself holds only a short header."""
    parent = item.parent
    if parent is None or parent.name != "li" or item.find("p") is not None or len(item.get_text(" ", strip=True)) > 2 * HEADER_CHARS:
        return None
    for el in item.find_next_siblings(True):
        if id(el) in members or any(id(d) in members for d in el.find_all(True)) or el.name in ("form", "script", "style"):
            return None
        text = el.get_text(" ", strip=True)
        linked = sum(len(a.get_text(" ", strip=True)) for a in el.find_all("a"))
        if text and linked < TEASER_LINK_SHARE * len(text) and not _FURNITURE.search(" ".join(el.get("class") or [])):
            return el
    return None


def _comment(item, n: int, members: set[int], own: list, matches: _Matches, lang: str = "") -> ImportedComment | None:
    author_el, date_el = matches.first(own, _AUTHOR), matches.first(own, _DATE)
    if author_el is None:
        author_el = _profile_name(own, date_el)
    replying = author_el is not None and replied_to(author_el)
    if replying:  # SPIP: the .fn is what the comment answers; its writer is "par NAME" in the reviewer's hCard
        author_el = matches.first(own, (COMMENT_WRITER,))
    # The comment's text: the largest text block of its own that holds neither the name nor the date (a hover card
    # or a header also says "content").
    heads = [el for el in (author_el, date_el) if el is not None]
    bodies = [el for el in matches.every(own, _BODY)
              if not any(h is el or el in h.parents for h in heads)
              and not _FURNITURE.search(" ".join(el.get("class") or []))]
    # Rather one that does not hold them either ("MtnCommentContent" holds the name, the date and "MtnCommentText").
    apart = [el for el in bodies if not any(el in h.parents for h in heads)]
    body_el = max(apart or bodies, key=lambda el: len(el.get_text(" ", strip=True)), default=item)
    if body_el is item:  # a header block (avatar, name, date) whose text stands after it in the comment's list item
        body_el = _text_beside(item, members) or item
    nested = [el for el in body_el.find_all(True) if id(el) in members]
    # A short name or date line inside the text taken is the comment's header, not its text.
    lines = [h for h in heads if body_el in h.parents and len(h.get_text(" ", strip=True)) <= HEADER_CHARS]
    body_copy = copy_without_lines(body_el, _DROP, lines)
    whole = body_copy.find(True)
    if whole is not None and whole.name == "li":  # the whole block, a list's item: its text, not a list of one
        whole.name = "div"
    for el in body_copy.find_all(True):  # a reply inside this block is a comment of its own
        if el.decomposed:  # inside a reply already taken out (a reply to a reply)
            continue
        if el.get("id") and any(el.get("id") == m.get("id") for m in nested):
            el.decompose()
    text = body_copy.get_text(" ", strip=True)
    linked = sum(len(a.get_text(" ", strip=True)) for a in body_copy.find_all("a"))
    if not text or linked >= TEASER_LINK_SHARE * len(text):
        return None  # a headline that links elsewhere: a teaser of another page, not a comment
    body = comment_markdown(str(body_copy))
    if not body or furniture_only(plain_lines(body)):
        return None
    title = _title(own, (*heads, body_el), text)
    body = f"**{title}**\n\n{body}" if title else body
    author = " ".join(author_el.get_text(" ", strip=True).split())[:100] if author_el is not None else ""
    author = clean_name(author) if replying else author or line_name(date_el, lang)
    parent_item = next((p for p in item.parents if id(p) in members), None)
    cid = local_id(str(item.get("id") or f"s{n}"))
    comment = ImportedComment(local_id=cid, parent=local_id(str(parent_item.get("id") or "")) or None
                              if parent_item is not None else None, author=author or "Anonymous", body=body,
                              created=_when(date_el, author, lang) if date_el is not None else None)
    missing = [what for what, ok in (("an author", bool(author)), ("a date", comment.created is not None)) if not ok]
    if missing:
        comment.hold(f"a block shaped like the page's comments, without {' or '.join(missing)}")
    return comment


def _title(own: list, taken: tuple, text: str) -> str:
    """The comment's own headline: a heading of the block outside its name, date and text, that is not the text's
    start (a title some systems make of the first words)."""
    for el in own:
        if el.name in _HEADING and not any(el is t or t in el.parents or el in t.parents for t in taken):
            title = " ".join(el.get_text(" ", strip=True).split())
            key = title.rstrip(".… ").casefold()
            return title if 0 < len(title) <= HEADER_CHARS and not text.casefold().startswith(key) else ""
    return ""


# A comment's number printed over its header ("1", "#2", "3."), often a link to the comment itself.
_NUMBER = re.compile(r"^#?\d{1,4}\.?$")


def header_in_text(markdown: str, lang: str = "") -> tuple[str, datetime, str] | None:
    """(name, date, the rest) when a comment's text begins with its own header, as a theme prints it in classes no
    rule names: the name over the date ("Mareike" / "8. Dezember 2010 um 10:56", "Kommentar von NAME" / DATE), or both
    on one line, perhaps under the comment's number. The header is the text copy's (:func:`.text_headers.header`),
    and its date must be read; else None."""
    from .text_headers import COMMENT_BY, header

    source = markdown.splitlines()
    at, lines = [], []  # each plain line's index in ``source``
    for k, line in enumerate(source):
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", re.sub(r"^\s{0,3}(?:>\s?|#{1,6}\s)|[\\*_`]", "", line)).strip()
        if text:
            at.append(k)
            lines.append(text)
    first = next((i for i, text in enumerate(lines[:3]) if not _NUMBER.match(text)), None)
    found = header(lines, first) if first is not None else None
    if found is None:
        return None
    name, when, last = found
    created = parse_loose_date(when, lang)
    name = COMMENT_BY.sub("", name).strip()
    rest = "\n".join(source[at[last] + 1:]).strip()
    return (name, created, rest) if created is not None and name and rest else None


def named_by_header(body: str, created: datetime | None, heads: list[str], lang: str = "") -> tuple[str, datetime, str] | None:
    """(name, date, text) of a comment whose name no element marks, from its header read as a text copy's
    (:func:`header_in_text`): at the top of its text ("Ana Lind [3 May 2020 at 9:12](#comment-4)"), else in a header
    element of the theme's, given as Markdown in ``heads`` (its heading "Ana Lind" over "03/05/2020 à 09:12"), whose
    lines must be the header's and nothing else. When the markup gave the comment's date, the header's is that day."""
    for head in ("", *heads):
        found = header_in_text(f"{head}\n\n{body}" if head else body, lang)
        if found is None or head and found[2] != body.strip():
            continue
        name, when, rest = found
        if created is None or abs((when.date() - created.date()).days) <= 1:
            return name, created or when, rest
    return None
