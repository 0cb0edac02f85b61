"""Read Medium's export (Settings → Download your information): one HTML document per post in ``posts/``.

Each file is a page of microformats: ``<article class="h-entry">`` with the
title in ``h1.p-name``, the subtitle in ``section[data-field=subtitle]``
(``p-summary``), the body in ``section[data-field=body]`` (``e-content``)
and a footer naming the author (``a.p-author``), the time
(``time.dt-published``) and the post's address (``a.p-canonical``). The
fields are read by those class names with BeautifulSoup, which converts the
body anyway: a microformats parser would give ``p-canonical``'s text
("Canonical link"), not its address.

Drafts (``draft_…`` files, whose footer has only "View original.") become
draft essays. Medium keeps a reader's *responses* as posts of their own, so
the files also hold the responses you wrote under other people's stories:
those have no title heading of their own and are short, and are skipped with
a note. Responses others wrote to your stories are not in the export at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from .._html_bounds import HtmlTooBig, check_html
from .._words import plural
from ..errors import ImportFormatError
from .archive import Bundle
from .html_page import MAX_PAGE_BYTES
from .model import Failed, ImportedPost, Outcome, Skipped
from .names import slugify
from .post_parts import explain_post, post_date, post_parts

# "2016-03-25_Being-a-Better-Lifehacker-ece7c6688e68.html", "draft_Some-Title-ad0ea1c7a4f3.html"
_FILE_NAME = re.compile(r"(?:(?P<day>\d{4}-\d\d-\d\d)_|(?P<draft>draft_))?(?P<slug>.*?)-?(?P<id>[0-9a-f]{8,16})\.html",
                        re.I)
# A response is a short reply: no title heading, at most this many paragraphs, no subheading or figure.
RESPONSE_PARAGRAPHS = 3
_HEADINGS = "h1, h2, h3, h4, h5, h6, figure, img"


def is_medium_post(head: str) -> bool:
    """Whether the start of an HTML file is a Medium export's post page."""
    return 'class="h-entry"' in head and 'data-field="body"' in head


def _text(el) -> str:
    return " ".join(el.get_text(" ", strip=True).split()) if el is not None else ""


def _is_response(body) -> bool:
    if body.select_one(".graf--title") is not None or body.select_one(_HEADINGS) is not None:
        return False
    return len(body.find_all("p")) <= RESPONSE_PARAGRAPHS


def read_post(name: str, where: str, markup: str) -> Outcome:
    """One Medium post file as an outcome: the post, a skipped response, or why it cannot be read."""
    try:
        check_html(markup)
    except HtmlTooBig as exc:  # a file of Medium's export, not a page saved by a browser
        return Failed(where, f"{exc.fact}; this is not a post file as Medium exports them: export again, or leave it out")
    soup = BeautifulSoup(markup, "html.parser")
    entry = soup.select_one("article.h-entry")
    body = entry.select_one("section[data-field=body], .e-content") if entry is not None else None
    if body is None:
        return Failed(where, "not a Medium post (no <article class=\"h-entry\"> with a body section); the export's "
                      "posts/ folder holds only these, so the file was changed or is not from Medium")
    found = _FILE_NAME.fullmatch(name.rsplit("/", 1)[-1])
    published = entry.select_one("time.dt-published[datetime]")
    canonical = entry.select_one("a.p-canonical[href]")
    url = canonical["href"] if canonical is not None and canonical["href"].startswith(("https://", "http://")) else ""
    draft = bool(found and found.group("draft")) or published is None
    title = _text(entry.select_one(".p-name")) or _text(body.select_one(".graf--title")) or _text(soup.title)
    explain = [("", "title (.p-name)", title)]
    if not draft and _is_response(body):
        return Skipped(where, "a response you wrote under someone else's story (no title heading of its own, "
                       f"{plural(len(body.find_all('p')), 'paragraph')}); responses are not essays, so it was left out")
    notes: list[str] = []
    date = post_date(published["datetime"] if published is not None else "", notes=notes,
                     field="the published time (time.dt-published)")
    if not date and found and found.group("day"):
        date = found.group("day") + "T00:00:00Z"
        notes.append(f"the date is the day in the file name, {found.group('day')}")
    subtitle = _text(entry.select_one("section[data-field=subtitle], .p-summary"))
    for duplicate in body.select(".graf--title, .graf--subtitle, .section-divider"):
        duplicate.decompose()  # the title and subtitle are the essay's metadata; the first divider divides nothing
    medium_id = found.group("id") if found else (url.rstrip("/").rsplit("-", 1)[-1] if url else "")
    if not medium_id:
        return Failed(where, "has neither Medium's post id in its file name nor a canonical link; "
                      "keep the export's own file names")
    from_url = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1].removesuffix(f"-{medium_id}") if url else ""
    try:
        # Medium repeats the subtitle as the body's first paragraph: the summary drops it.
        parts = post_parts(title, slugify(from_url) or (found.group("slug") if found else ""), date, str(body),
                           base_url=url or "https://medium.com/", number=medium_id, notes=notes, summary=subtitle)
    except ValueError as exc:
        return Failed(where, f"cannot convert the post: {exc}")
    if draft:
        notes.append("a draft on Medium: imported as a draft essay (essay.draft), off the site until you publish it")
    explain += [("", "summary (subtitle, .p-summary)", subtitle), ("", "date (time.dt-published)", date or "none"),
                ("", "author (.p-author)", _text(entry.select_one(".p-author"))),
                ("", "source (.p-canonical)", url or "none (a draft)"), ("", "draft" if draft else "published", name)]
    cells = len(parts.blocks) + len(parts.spoiler_blocks)
    post = ImportedPost(
        where=where, title=parts.title, slug=parts.slug, source={"kind": "medium", "site": "medium.com", "id": medium_id},
        comment_prefix=f"medium-{medium_id}", author=_text(entry.select_one(".p-author")), date=date,
        summary=subtitle[:500], url=url, blocks=parts.blocks, spoiler_label=parts.spoiler_label,
        spoiler_blocks=parts.spoiler_blocks, notes=notes, draft=draft, explain=explain,
        found=[plural(cells, "block") + (", a subtitle" if subtitle else "") + (", a date" if date else "")],
    )
    explain_post(post)
    return post


def read_medium(bundle: Bundle, names: list[str]) -> Iterator[Outcome]:
    """One outcome per file of the export's ``posts/`` folder, in name order (Medium names them by date)."""
    for name in names:
        where = f"{bundle.label}: {name}"
        try:
            data = bundle.read(name, MAX_PAGE_BYTES)
        except ImportFormatError as exc:
            yield Failed(where, str(exc).removeprefix(f"{where}: "))
            continue
        try:
            markup = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Failed(where, f"byte {exc.start:,} is not UTF-8, which Medium writes; download the export again")
            continue
        yield read_post(name, where, markup)
