"""Who wrote a saved page's post, and when: its byline, read from what the page states.

A page names its author in several places: the theme's byline (``.byline .author``,
``a[rel=author]``…), the JSON-LD ``author`` (often several people) and the ``author`` meta tag;
trafilatura reads them too (:mod:`.html_extract`). Each statement is cleaned of what themes print
around a name ("Post author By …", "Von …", "Por …") and kept only when it is a name: a statement
that is the site's own name, a web address or a paragraph of the author's bio says who published
the page, not who wrote the post, so another source's person wins over it. The date is the first
the page states that can be read, in the page's language (:func:`.names.parse_loose_date`).
"""

from __future__ import annotations

import re

from .names import BY, LABEL, REPLY_TO_WORDS, ambiguous_date, clean_name, date_order, iso, parse_loose_date, stated_iso
from .page_meta import is_post, json_ld, kinds, language, meta
from .titles import key

# Theme markup around the post's author, strongest first.
# A link to the writer's page on the site (WordPress's ``/author/NAME/``, a newsroom's ``/staff/``, ``/profiles/``) or
# to their mail: in a byline, it names the writer; the byline's other links are its date, section or share buttons.
_PROFILE_LINK = ", ".join(f"[href*={part!r}]" for part in ("/author", "author-", "/authors/", "/staff/", "/profile",
                                                            "/people/", "/users/", "/user/", "/contributor", "/writers/"))
_PROFILE_LINK += ", [href^='mailto:']"
# schema.org's microdata (``itemprop="author"``, its ``name``), rel=author and Drupal's RDFa (``rel="sioc:has_creator"``)
# are stock markup; ``.byline`` names the element that holds the byline in most news and blog themes, its name part
# spelt ``byline__name``, ``byline-author`` or as the byline's first link.
AUTHOR_SELECTORS = (".entry-meta .author .fn", ".byline .author", ".author.vcard .fn", "a[rel~=author]",
                    "[itemprop~=author] [itemprop~=name]", "[itemprop~=author]", "[rel~='sioc:has_creator']",
                    ".node__submitted .field--name-uid", ".submitted .username", ".field--name-field-author",
                    ".field-name-field-author", ".field-field-contributor", ".post-author .fn", ".post-author",
                    ".author-name", ".gh-article-author-name", ".byline__name", ".byline-author", ".byline-name",
                    f".byline a:is({_PROFILE_LINK})")
DATE_SELECTORS = ("time.entry-date", ".entry-date", ".posted-on time", "time.published", ".byline-meta-date",
                  ".node__submitted .field--name-created", "article time", ".date-header", "time")
# trafilatura writes "facebook.com" as "Facebook Com".
_WEB_ADDRESS = re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|org|net|de|at|ch|fr|it|es|pl|uk|info)\b|\s(?i:com|org|net)$"
                          r"|\s(?:De|Ch|Fr|Info|Io)$")  # "Bueltge De": a host, as trafilatura writes it
_NOT_WORD = re.compile(r"\W+")
# A company's legal form after its name ("Weinhaus Kay GmbH", "Canal Media Ltd.", "Freunde der Schleuse e.V."): an
# organisation (the publisher, the agency that built the site), not a person who wrote the post.
_COMPANY = re.compile(r"(?:\s|^)(?:g?GmbH|mbH|AG|KG|GbR|e\.\s?V\.?|Ltd\.?|Limited|Inc\.?|LLC|PLC|plc|Corp\.?|S\.A\.?|SAS|"
                      r"SARL|S\.L\.?|S\.p\.A\.?|S\.r\.l\.?|Srl|B\.V\.?|N\.V\.?|Pty(?: Ltd\.?)?|Sp\. z o\.o\.)$")
# The news agencies a story is credited to ("AFP", "Reuters", "dpa"): whose wire it came over, not who wrote it.
_AGENCY = re.compile(r"^(?:the )?(?:afp|ap|reuters|dpa|apa|sda|ats|kna|epd|ansa|efe|pap|associated press"
                     r"|agence france[- ]presse|agencia efe|press association)$", re.I)
# A byline's word alone, before the name in an element of its own: "By <a href=/author/kay>Kay</a>", "Von <span>…"
# ("Text:" is a label of credits too: "Text 14 KB", "Text und Bild: …")
_BY_ALONE = re.compile(rf"\s*(?:{BY}|(?!text|texto|testo)(?:{LABEL}))\s*:?\s*", re.I)
_REPLIED_TO = re.compile(rf"(?:{REPLY_TO_WORDS})\s*:?\s*$", re.I)
# Where a comment's header names its writer when its ``.fn`` names another (hReview's reviewer, an hCard).
COMMENT_WRITER = ".reviewer, .vcard"


def replied_to(el) -> bool:
    """Whether a name element in a comment's header names the comment (or post) it answers, not its writer: SPIP
    prints "par NAME" in the reviewer's hCard, then "En réponse à : <a class="fn">…</a>"."""
    lead = "".join(s if isinstance(s, str) else s.get_text(" ") for s in reversed(list(el.previous_siblings)))
    return bool(_REPLIED_TO.search(" ".join(lead.split())))


def _site_like(name: str, sites: set[str]) -> bool:
    """Whether a byline names the site or its publisher (its name, its host, a web address, a news agency, a
    company by its legal form) rather than a person."""
    folded = {_NOT_WORD.sub("", site) for site in sites}  # "mdr.de" written "Mdr De", "@NatGeoUK" for "NatGeoUK"
    return (_NOT_WORD.sub("", key(name)) in folded or bool(_WEB_ADDRESS.search(name)) or bool(_AGENCY.match(name))
            or bool(_COMPANY.search(name)))


def _people(name: str) -> frozenset[str]:
    return frozenset(_NOT_WORD.sub(" ", n).strip() for n in key(name).split(", "))


def _teaser(el) -> bool:
    """Whether ``el`` is in a card that links to another post: one of several ``<article>`` elements on the page,
    holding a few words and not the page's headline (a list of related or latest posts, each with its date and
    writer). The post's own ``<article>`` holds its text or its ``<h1>``."""
    card = el.find_parent("article")
    if card is None or card.find("h1") is not None or len(card.get_text(" ").split()) >= TEASER_WORDS:
        return False
    top = card.find_parents()[-1]
    return len(top.find_all("article", limit=2)) > 1


# A card of "more stories" holds a headline, a dek, a date and a name; a post's article, even a short one, more.
TEASER_WORDS = 60


def _in_post(el, in_comments) -> bool:
    """Whether a byline element is the post's: not a comment's, a sidebar's or a menu's, nor in the page's footer (a
    footer or an aside inside the article is the post's own: Drupal prints "Submitted by NAME" there), nor in another
    post's teaser card."""
    footer, aside = el.find_parent("footer"), el.find_parent("aside")
    return (not in_comments(el) and el.find_parent("nav") is None and _own(footer) and _own(aside) and not _teaser(el))


def _own(part) -> bool:
    """Whether a footer or an aside (or no such part: ``None``) holds the post's own lines: one inside the article
    (a news theme sets the byline in an aside beside the story's text) does, the page's does not."""
    return part is None or part.find_parent("article") is not None


def _after_by(soup, in_comments) -> tuple[str, bool]:
    """The name the page prints right after a byline's word or label alone ("By", "Von", "Autor:") in the post: in
    a link, in an element that ends its line ("By <span>Kay Lee</span>", nothing after it), or as the line's text
    after a label element of its own ("<b>Autor:</b> Kay Lee<br>"); "" if none. A byline's word inside a sentence
    ("as told by …") is not alone, nor one after other words on its line (a credit: "Hosting by <a>…</a>"); the
    first byline word alone in the post decides, and its name must read as one (:func:`.names.clean_name`)."""
    for said in soup.find_all(string=_BY_ALONE):
        if not _BY_ALONE.fullmatch(str(said)) or said.parent is None:
            continue
        labelled = len(said.parent.contents) == 1  # the word is an element of its own: "<h5>Autor:</h5>"
        word = said.parent if labelled else said
        name = word.next_sibling
        while name is not None and (isinstance(name, str) and not name.strip() or getattr(name, "name", "") == "br"):
            name = name.next_sibling
        if any(isinstance(n, str) and n.strip() or not isinstance(n, str) and n.get_text(strip=True)
               for n in _line_before(word)):
            continue  # "<i>Portrait</i> by <a>…</a>", "Hosting by <a>…</a>": a credit within a line, not a byline
        if name is None or not _in_post(said.parent, in_comments) or _in_card_list(said):
            continue
        if isinstance(name, str):
            text = str(name) if labelled and (name.next_sibling is None or name.next_sibling.name == "br") else ""
        elif name.name == "a":
            # "By <a>Kay Lee</a> March 3, 2021": the line reads as the link's name; "Autor: <a>Rechtsanwalt</a> Kay
            # Lee": the name goes on after the link, which is not all of it
            text = name.get_text(" ", strip=True)
            if clean_name(f"{text} {_rest_of_line(name)}") != clean_name(text):
                text = ""
        elif name.name in _NAME_TAGS and not any(
                isinstance(n, str) and n.strip() or getattr(n, "name", None) not in ("br", None) for n in name.next_siblings):
            text = name.get_text(" ", strip=True)  # "by <span>Kay</span> in the dock": words after it, a sentence
        elif labelled and name.name in ("p", "div"):
            text = name.get_text(" ", strip=True)  # "<h4>Autor</h4><p><a>Kay Lee</a></p>"; a bio is no name
        else:
            text = ""
        # the first byline decides: the ones after it are other stories' (a list of cards) or the page's credits
        if not clean_name(text) or text.strip().endswith(":"):
            return "", False  # "Auteur : <span>Auteur(s) :</span>": another label, no name
        # "Autorin: NAME" may be a line of a book's or a film's facts (title, pages, publisher), not the post's byline
        return text, bool(re.fullmatch(rf"\s*(?:{LABEL})\s*:?\s*", str(said), re.I))
    return "", False


def _in_card_list(said) -> bool:
    """Whether a byline's word is in one item of a list whose other items have bylines too: a list of other stories,
    each with its writer."""
    item = said.find_parent("li")
    if item is None or item.parent is None:
        return False
    return sum(1 for other in item.parent.find_all("li", recursive=False)
               if any(_BY_ALONE.fullmatch(str(t)) for t in other.find_all(string=_BY_ALONE))) > 1


def _line_before(el) -> list:
    """The nodes before ``el`` on its line: back to a line break or the start of its parent."""
    before = []
    for node in el.previous_siblings:
        if getattr(node, "name", None) in ("br", "p", "div"):
            break
        before.append(node)
    return before


def _rest_of_line(el) -> str:
    """The text after ``el`` up to the next line break or the end of its parent."""
    rest = []
    for node in el.next_siblings:
        if getattr(node, "name", None) in ("br", "p", "div"):
            break
        rest.append(str(node) if isinstance(node, str) else node.get_text(" "))
    return " ".join("".join(rest).split())


# The source of a name after a label alone ("Autor:"), not a byline's word ("By", "Von")
LABELLED = "a label before the name"
# The elements a byline sets its name in, after its word: "Von <strong>Kay Lee</strong>", "von <em>…</em>".
_NAME_TAGS = ("span", "strong", "b", "em", "i")


def _json_ld_authors(soup) -> tuple[str, set[str]]:
    """(the names of the first article or post's JSON-LD author that names someone, joined, or ""; the names its
    authors of ``"@type": "Organization"`` have: the publisher, not a writer). Where no article names one, the
    author of the page itself (``WebPage``, a recipe, a forum post…), when it is a person: Yoast writes a post's
    writer on its ``WebPage`` when the theme marks no article."""
    items = json_ld(soup)
    # Yoast and other SEO plugins name the author once in the @graph and point the article at it by its @id
    by_id = {item["@id"]: item for item in items if isinstance(item.get("@id"), str) and "name" in item}
    for posts in (True, False):
        for item in items:
            if is_post(item) != posts:
                continue
            stated = item.get("author")
            people = [by_id.get(p.get("@id"), p) if isinstance(p, dict) and "name" not in p else p
                      for p in (stated if isinstance(stated, list) else [stated])]
            if not posts:  # the page's author, not an article's: only a person stated as one
                people = [p for p in people if isinstance(p, dict) and "Person" in kinds(p)]
            names = [p.get("name") if isinstance(p, dict) else p for p in people]
            names = [" ".join(n.split()) for n in names if isinstance(n, str) and n.strip()]
            if names:
                return "; ".join(names), {" ".join(p["name"].split()) for p in people if isinstance(p, dict)
                                          and isinstance(p.get("name"), str) and "Organization" in str(p.get("@type"))}
    return "", set()


def post_author(lookup, *, in_comments, sites: set[str], later: tuple[tuple[str, str], ...] = ()) -> tuple[str, str, str]:
    """(author, its source, why it is doubtful or "") of the post on the page ``lookup`` indexes (a
    :class:`.page_text.Lookup`). The theme's byline first, then JSON-LD, the meta tag and ``later`` ((source, byline)
    pairs: a byline in the article's text, trafilatura's reading); a statement that names the site comes after every
    person, and is doubtful."""
    soup = lookup.tree
    stated: list[tuple[str, str]] = []
    glued: dict[str, str] = {}
    for selector in AUTHOR_SELECTORS:
        matches = [el for el in lookup.select(selector) if el.get_text(strip=True)]
        found = next((el for el in matches if _in_post(el, in_comments)), None)
        if found is not None:
            # "<a rel=author>Kay</a> and <a rel=author>Lee</a>": a byline of several writers, each its own link
            together = [el for el in matches if el.parent is found.parent] if found.name == "a" else [found]
            if len({clean_name(el.get_text("")) or None for el in together} - {None}) != len(together):
                together = [found]  # a link that is no name ("RSS", "More"), or the same writer twice
            stated.append((selector, ", ".join(el.get_text(" ", strip=True) for el in together)))
            glued[selector] = ", ".join(clean_name(el.get_text("")) for el in together)
    after_by, labelled = _after_by(soup, in_comments)
    stated.append((LABELLED if labelled else "a byline's word before the name", after_by))
    named, organisations = _json_ld_authors(soup)
    sites = sites | {key(name) for name in organisations}
    stated += [("JSON-LD author", named), ("the author meta tag", meta(soup, "author", "article:author")), *later]
    cleaned = [(source, clean_name(text)) for source, text in stated if text]
    # A letter a theme wraps in a span of its own ("Will Knigh<span>t</span>") is no word: the name as the page's
    # metadata writes it, when one of those readings is it
    others = {name for source, name in cleaned if source not in glued}
    cleaned = [(source, glued[source] if glued.get(source) in others else name) for source, name in cleaned]
    cleaned = [found for found in cleaned if found[1]]
    # "Prisma Média; Marie Merlet": the publisher named beside the writer is not an author
    people = [(source, ", ".join(n for n in name.split(", ") if not _site_like(n, sites))) for source, name in cleaned]
    people = [(source, name) for source, name in people if name]
    if people:
        # A theme's byline often shows the first of several authors; a later statement that names them all wins.
        chosen = _people(people[0][1])
        source, name = max(people, key=lambda found: len(_people(found[1])) if chosen <= _people(found[1]) else 0)
        return name, source, (f"author {name!r} follows a label ('Autor:', 'Author:') that may name a book's or a "
                              "work's author, not the post's" if source == LABELLED else "")
    if cleaned:
        source, name = cleaned[0]
        return name, source, f"author {name!r} ({source}) names the site or its publisher, not a person"
    return "", "", ""


def post_date(lookup, article_item: dict, notes: list[str], guessed: list[str], *, in_comments) -> str:
    """The post's date (ISO 8601, with the offset the page states) from the first statement the page makes that can
    be read, or ""; a numeric date is read as the page's language writes dates, and said so in ``guessed``. A date
    in the comments, a sidebar or a menu is a comment's or another post's, never this one's."""
    soup = lookup.tree
    candidates = [meta(soup, "article:published_time", "date", "dc.date"), str(article_item.get("datePublished") or ""),
                  *(el.get("title", "") for el in soup.select("abbr.published[title], .published[title]"))]
    for selector in DATE_SELECTORS:
        found = next((el for el in lookup.select(selector) if _in_post(el, in_comments)), None)
        if found is not None:
            candidates += [found.get("datetime", ""), found.get_text(" ", strip=True)]
    lang = language(soup)
    for value in candidates:
        # The offset the page states is kept: the post's day is the one its writer saw, not UTC's.
        moment = parse_loose_date(value, lang, utc=False)
        if moment:
            if ambiguous_date(value):
                order = date_order(lang)
                guessed.append(f"post date {value.strip()[:40]!r} read as {iso(moment)[:10]} "
                               + (f"({'day' if order == 'DMY' else 'month'} first, as {lang!r} writes dates)" if order
                                  else "(month first: the page states no language)"))
            return stated_iso(moment)
    shown = next((v for v in candidates if v), "")
    if shown:
        notes.append(f"date {shown[:60]!r} cannot be parsed; the essay has no date, set essay.date by hand")
    return ""
