"""Read Substack's export (Settings → Exports): ``posts.csv`` and one body fragment per post in ``posts/``.

``posts.csv`` has a row per post: ``post_id`` (``12345.the-slug``: Substack's
number, then the slug), ``post_date``, ``is_published``, ``email_sent_at``,
``type`` (``newsletter``, ``podcast``, ``thread``…), ``audience``
(``everyone``, ``only_free``, ``only_paid``, ``founding``), ``title``,
``subtitle`` and ``podcast_url``; newer exports add ``inbox_sent_at``. The
body is ``posts/<post_id>.html``, a fragment without the page around it.
Only ``post_id`` is required; a missing column is named in a note and its
field is left empty. Nothing in the export names the publication's address,
so the essays have no ``url``, and comments are not part of it.

Never a guess published: an unpublished post, a post for
subscribers only (any ``audience`` but ``everyone``) and any post of an export without ``is_published`` become
draft essays (``essay.draft``), for the author to publish.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from html import escape

from bs4 import BeautifulSoup

from .._html_bounds import HtmlTooBig, check_html
from ..errors import ImportFormatError
from .archive import Bundle
from .html_page import MAX_PAGE_BYTES
from .model import Failed, ImportedPost, Outcome, Skipped
from .names import slugify
from .post_parts import explain_post, post_date, post_parts
from .text_patterns import MAX_TEXT_BYTES

COLUMNS = ("post_id", "post_date", "is_published", "type", "audience", "title", "subtitle", "podcast_url")
_EVERYONE = {"everyone", ""}  # any other audience (only_free, only_paid, founding) was for subscribers only
# Substack's own furniture inside a body: subscribe and share buttons, the subscription box.
_FURNITURE = ("p.button-wrapper", ".subscription-widget-wrap", ".subscription-widget", ".share-dialog")


def read_substack(bundle: Bundle, csv_name: str) -> Iterator[Outcome]:
    """One outcome per row of the export's ``posts.csv`` (``csv_name``), in its order."""
    where_csv = f"{bundle.label}: {csv_name}"
    try:
        text = bundle.read(csv_name, MAX_TEXT_BYTES).decode("utf-8-sig")
    except ImportFormatError as exc:
        yield Failed(where_csv, str(exc).removeprefix(f"{where_csv}: "))
        return
    except UnicodeDecodeError as exc:
        yield Failed(where_csv, f"byte {exc.start:,} is not UTF-8, which Substack writes; download the export again")
        return
    rows = csv.DictReader(io.StringIO(text.replace("\0", "\ufffd")))
    header = [name.strip().lower() for name in rows.fieldnames or ()]
    if "post_id" not in header:
        yield Failed(where_csv, f"has no post_id column (its header is {', '.join(header)[:200] or 'empty'}); "
                     "this is not Substack's posts.csv, or it was edited: download the export again")
        return
    missing = [c for c in COLUMNS if c not in header]
    folder = csv_name.rsplit("posts.csv", 1)[0] + "posts/"
    line = 1
    try:
        for row in rows:
            line = rows.line_num
            cells = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
            yield _post(bundle, folder, cells, f"{where_csv}:{line}", missing)
    except csv.Error as exc:
        yield Failed(f"{where_csv}:{line + 1}", f"not a CSV record ({exc}); download the export again")


def _post(bundle: Bundle, folder: str, row: dict[str, str], where: str, missing: list[str]) -> Outcome:
    post_id = row.get("post_id", "")
    number, _, slug_part = post_id.partition(".")
    if not post_id:
        return Failed(where, "empty post_id; the row cannot be matched to a body in posts/")
    where = f"{where} ({post_id})"
    if row.get("type") == "thread":
        return Skipped(where, "a discussion thread (type thread): its replies are not in the export, so no essay")
    body_name = f"{folder}{post_id}.html"
    if body_name not in bundle.sizes:
        return Failed(where, f"its body, {body_name}, is not in the export; download the export again")
    try:
        markup = bundle.read(body_name, MAX_PAGE_BYTES).decode("utf-8")
        check_html(markup)
    except ImportFormatError as exc:
        return Failed(where, str(exc))
    except UnicodeDecodeError as exc:
        return Failed(where, f"{body_name}: byte {exc.start:,} is not UTF-8, which Substack writes")
    except HtmlTooBig as exc:
        return Failed(where, f"{body_name}: {exc}")
    soup = BeautifulSoup(markup, "html.parser")
    for furniture in soup.select(", ".join(_FURNITURE)):
        furniture.decompose()
    notes = [f"posts.csv has no {name} column; set essay.{field} by hand"
             for name, field in (("post_date", "date"), ("title", "title"), ("subtitle", "summary")) if name in missing]
    podcast = row.get("podcast_url", "")
    if podcast.startswith(("https://", "http://")):
        soup.insert(0, BeautifulSoup(f'<p><a href="{escape(podcast)}">Listen to the episode</a></p>', "html.parser"))
        notes.append("a podcast episode: its audio stays on Substack, linked from the first cell")
    date = post_date(row.get("post_date", ""), notes=notes, field="post_date")
    title = row.get("title", "")
    try:
        parts = post_parts(title, slug_part, date, str(soup), base_url="", number=number or post_id, notes=notes)
    except ValueError as exc:
        return Failed(where, f"{body_name}: cannot convert the post: {exc}")
    published = row.get("is_published", "").lower()
    audience = row.get("audience", "")
    draft = published != "true" or audience not in _EVERYONE
    if "is_published" in missing:
        notes.append("posts.csv has no is_published column, so whether it was published is unknown: imported as a draft")
    elif published != "true":
        notes.append("not published on Substack: imported as a draft essay (essay.draft)")
    if audience not in _EVERYONE:
        notes.append(f"for subscribers only on Substack (audience {audience}): imported as a draft, "
                     "since an essay is public once published; publish it if you mean to")
    post = ImportedPost(
        where=where, title=parts.title, slug=parts.slug,
        source={"kind": "substack", "site": "substack.com", "id": post_id}, comment_prefix=f"substack-{slugify(number)}",
        date=date, summary=row.get("subtitle", "")[:500], blocks=parts.blocks, spoiler_label=parts.spoiler_label,
        spoiler_blocks=parts.spoiler_blocks, notes=notes, draft=draft,
        explain=[("", "title (posts.csv title)", title), ("", "summary (subtitle)", row.get("subtitle", "")),
                 ("", "date (post_date)", date or "none"),
                 ("", "draft" if draft else "published", f"is_published={published or '?'}, "
                  f"audience={row.get('audience') or '?'}, type={row.get('type') or '?'}")],
    )
    explain_post(post)
    return post
