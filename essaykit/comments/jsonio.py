"""The JSON backup format: reading files and importing records (see docs/comments.md).

A backup is a JSON list of objects with the keys ``id, essay, parent,
author, email, website, body, created, status, kind, source_url, by_author``.
``id``, ``essay``, ``author`` (may be empty for mentions), ``body`` and
``created`` are required; the others default to null/"" and ``status``
to ``pending``, ``kind`` to ``comment``. A mention may also have a
``title`` (its page's title) and a ``site`` (the site's name as its source
gives it). A mention from an imported text copy may have no ``source_url``
(the copy showed none, and none is made up): it is kept as an *unlinked*
mention, and then needs a title, site or author to show. ``by_author`` (a boolean: the essay
author's own reply) is honoured only when the caller vouches that the file
is the author's own backup (``author_backup=True``, which only
``essaykit comments import`` passes); anywhere else it is ignored like any
other unknown key, so nothing a reader can send marks a comment as the
author's. An optional ``reason`` (why an importer held a comment
``pending``) goes into the moderation log. A body may be longer than the
comment form's limit (``MAX_IMPORTED_BODY_CHARS``): it was public before.
``spam_score`` (the spam filter's score when the comment arrived, 0-1 or null)
is kept as given; it decides nothing. ``edited`` (when its writer last edited
it, a time no earlier than ``created``) and ``load_seconds`` (from the form's
load to the post, a whole number) are restored when given. ``anchor`` (a top-level comment's passage,
:mod:`.anchor`) is checked like the API's. ``identity`` (the verified identity a signed-in reader posted under,
``KIND:VALUE``) is honoured, like ``by_author``, only in the author's own backup. Other keys are ignored.

Every record is checked with the same field rules as the comment form
(:mod:`.fields`), so an import cannot smuggle in what the form refuses.

A record whose email belongs to a person erased after it was written
(:data:`essaykit.db.schema.erased_people`, ``essaykit people erase``) is left
out and counted: restoring an older backup does not bring them back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import sqlalchemy as sa

from ..db.schema import comments as c
from ..db.schema import erased_people
from ..db.schema import moderation_log as log
from ..db.schema import utcnow
from ..errors import CommentError, ImportFormatError
from . import fields
from ..limits import MAX_IMPORTED_BODY_CHARS
from .anchor import REPLY_ANCHORED, Anchor, clean_anchor
from .model import ImportProblem, ImportReport
from .signins import KINDS
from .statements import anchor_columns

KEYS = ("id", "essay", "parent", "author", "email", "website", "body", "created", "status", "kind", "source_url",
        "by_author", "spam_score", "anchor", "edited", "load_seconds")
REQUIRED = ("id", "essay", "author", "body", "created")
MAX_LOAD_SECONDS = 2**31 - 1  # what the column holds
_TEXT_KEYS = ("email", "website", "source_url")
#: The purpose an erased address is hashed for (``Database.hash``): :data:`essaykit.db.schema.erased_people`.
ERASED = "erased"


@dataclass(frozen=True)
class Record:
    """One imported comment after every field passed its check."""

    id: str
    essay: str
    parent: str | None
    author: str
    email: str
    website: str
    body: str
    created: datetime
    status: str
    kind: str
    source_url: str
    title: str = ""
    site: str = ""
    by_author: bool = False
    reason: str = ""
    spam_score: float | None = None
    anchor: Anchor | None = None
    edited: datetime | None = None
    load_seconds: int | None = None
    identity: str = ""


def read_file(path: str | Path) -> list:
    """The list of records in a JSON file; ImportFormatError (one line) when it is not one."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ImportFormatError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ImportFormatError(f"{path}: is a folder; give a .json file made by `essaykit comments export`") from None
    except UnicodeDecodeError:
        raise ImportFormatError(f"{path}: is not UTF-8 text; give a .json file made by `essaykit comments export`") from None
    except OSError as exc:
        raise ImportFormatError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(
            f"{path}: is not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "give a file made by `essaykit comments export`"
        ) from None
    if not isinstance(data, list):
        raise ImportFormatError(
            f"{path}: holds a JSON {type(data).__name__ if not isinstance(data, dict) else 'object'}, "
            "not a list of comments; see docs/comments.md for the format"
        )
    return data


def check_record(raw: object, *, author_backup: bool = False) -> Record:
    """The record with every field checked; CommentError names the first bad field.

    ``by_author`` is read only when ``author_backup`` is true (see the module docstring).
    """
    if not isinstance(raw, dict):
        raise CommentError(f"is a JSON {type(raw).__name__}, not an object with the keys {', '.join(KEYS)}")
    for key in REQUIRED:
        if raw.get(key) is None:
            raise CommentError(f"the key {key!r} is missing", key)
    public_id = fields.check_public_id(raw["id"])
    essay = fields.check_slug(raw["essay"])
    kind = fields.check_kind(raw.get("kind") or "comment")
    status = fields.check_status(raw.get("status") or "pending")
    for key in _TEXT_KEYS:
        if raw.get(key) is not None and not isinstance(raw[key], str):
            raise CommentError(f"the {key} must be a string or null (not {type(raw[key]).__name__})", key)
    parent = raw.get("parent")
    if parent is not None:
        if isinstance(parent, int) and not isinstance(parent, bool):
            parent = str(parent)
        parent = fields.check_public_id(parent, field="parent")
        if parent == public_id:
            raise CommentError(f"the comment {public_id!r} names itself as its parent", "parent")
    title = site = ""
    if kind == "comment":
        source_url = ""
        author = fields.clean_name(raw["author"])
    else:
        source_url = fields.clean_url(raw.get("source_url") or "", field="source_url")
        title = fields.clean_title(raw.get("title") or "")
        site = fields.clean_title(raw.get("site") or "", field="site")
        author = fields.clean_name(raw["author"], required=False) or (urlsplit(source_url).hostname or "")
        if not (source_url or title or site or author):
            raise CommentError(f"a {kind} needs its source_url, or at least the title, site or author its source "
                               "names", "source_url")
    by_author = False
    if author_backup and raw.get("by_author") is not None:
        by_author = raw["by_author"]
        if not isinstance(by_author, bool):
            raise CommentError(f"the by_author must be true or false (not {by_author!r})", "by_author")
        if by_author and kind != "comment":
            raise CommentError(f"a {kind} cannot be the author's reply; set by_author to false", "by_author")
    spam_score = raw.get("spam_score")
    if spam_score is not None and (isinstance(spam_score, bool) or not isinstance(spam_score, (int, float))
                                   or not 0 <= spam_score <= 1):
        raise CommentError(f"the spam_score must be a number from 0 to 1, or null (not {spam_score!r})", "spam_score")
    created = fields.parse_created(raw["created"])
    edited = None if raw.get("edited") is None else fields.parse_created(raw["edited"], field="edited")
    if edited is not None and edited < created:
        raise CommentError(f"the comment cannot be edited ({raw['edited']!r}) before it was written "
                           f"({raw['created']!r})", "edited")
    load_seconds = raw.get("load_seconds")
    if load_seconds is not None and (isinstance(load_seconds, bool) or not isinstance(load_seconds, int)
                                     or not 0 <= load_seconds <= MAX_LOAD_SECONDS):
        raise CommentError(f"the load_seconds must be a whole number of seconds from 0 to {MAX_LOAD_SECONDS}, "
                           f"or null (not {load_seconds!r})", "load_seconds")
    anchor = clean_anchor(raw.get("anchor"), backup=True)
    if anchor is not None and (parent is not None or kind != "comment"):
        raise CommentError(REPLY_ANCHORED, "anchor")
    identity = raw.get("identity") if author_backup and kind == "comment" else None
    if identity is not None and (not isinstance(identity, str) or len(identity) > 2000
                                 or identity.partition(":")[0] not in KINDS or not identity.partition(":")[2]):
        raise CommentError(f"the identity must be KIND:VALUE with a kind of {', '.join(KINDS)} "
                           f"(not {str(identity)[:80]!r})", "identity")
    return Record(
        id=public_id, essay=essay, parent=parent, author=author,
        email=fields.clean_email(raw.get("email") or "", required=False),
        website=fields.clean_url(raw.get("website") or ""),
        body=fields.clean_body(raw["body"], limit=MAX_IMPORTED_BODY_CHARS),
        created=created, status=status, kind=kind, source_url=source_url, title=title, site=site, by_author=by_author,
        reason=raw["reason"][:200] if isinstance(raw.get("reason"), str) else "",
        spam_score=None if spam_score is None else float(spam_score), anchor=anchor, edited=edited,
        load_seconds=load_seconds, identity=identity or "",
    )


def erased_since(conn, store, emails) -> dict[str, datetime]:
    """``{email key: when it was erased}`` for those of ``emails`` whose person was erased (aware UTC)."""
    keys = {store.hash(ERASED, key): key for key in {fields.normalise_email(e) for e in emails}}
    found: dict[str, datetime] = {}
    hashes = sorted(keys)
    for start in range(0, len(hashes), 500):
        query = sa.select(erased_people).where(erased_people.c.email_hash.in_(hashes[start:start + 500]))
        for row in conn.execute(query):
            found[keys[row.email_hash]] = row.erased_at.replace(tzinfo=timezone.utc)
    return found


def import_into(store, records: object, *, source: str, author_backup: bool = False) -> ImportReport:
    """Check every record, then add the new ones in one transaction (parents before replies)."""
    if not isinstance(records, list):
        raise CommentError(f"import expects a list of records (not a {type(records).__name__})")
    report = ImportReport()
    checked: list[tuple[int, Record]] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(records):
        try:
            record = check_record(raw, author_backup=author_backup)
        except CommentError as exc:
            report.errors.append(ImportProblem(index, exc.field, str(exc)))
            continue
        if record.id in seen:
            report.errors.append(ImportProblem(index, "id", f"the id {record.id!r} is also used by record {seen[record.id]}"))
            continue
        seen[record.id] = index
        checked.append((index, record))

    with store.writing() as conn:
        known: dict[str, tuple[int, str, int, str]] = {}  # public id -> (row id, essay, depth, kind)
        wanted = {r.id for _, r in checked} | {r.parent for _, r in checked if r.parent}
        wanted_list = sorted(wanted)
        for start in range(0, len(wanted_list), 500):
            chunk = wanted_list[start:start + 500]
            query = sa.select(c.c.public_id, c.c.id, c.c.essay, c.c.depth, c.c.kind).where(c.c.public_id.in_(chunk))
            for row in conn.execute(query):
                known[row.public_id] = (row.id, row.essay, row.depth, row.kind)
        todo = []
        erased = erased_since(conn, store, [r.email for _, r in checked if r.email])
        for index, record in checked:
            if record.id in known:
                if known[record.id][1] != record.essay:
                    report.errors.append(ImportProblem(
                        index, "essay",
                        f"the id {record.id!r} is already stored for the essay {known[record.id][1]!r}, "
                        f"not {record.essay!r}; it was left alone"))
                else:
                    report.unchanged += 1
            elif record.email and erased.get(fields.normalise_email(record.email), record.created) > record.created:
                report.erased += 1  # written before its writer's data was erased
            else:
                todo.append((index, record))
        now = utcnow()
        # One statement with parameters, compiled once (values baked into each statement cost a compile per row).
        insert_comment = c.insert().returning(c.c.id)
        logged: list[dict] = []
        # Replies may come before their parents in a file; keep passing until nothing more can go in.
        while todo:
            later = []
            for index, record in todo:
                parent_row = None
                if record.parent:
                    if record.parent not in known:
                        later.append((index, record))
                        continue
                    parent_row = known[record.parent]
                    if parent_row[1] != record.essay:
                        report.errors.append(ImportProblem(
                            index, "parent", f"the parent {record.parent!r} belongs to another essay ({parent_row[1]!r})"))
                        continue
                    if parent_row[3] != "comment" or record.kind != "comment":
                        report.errors.append(ImportProblem(
                            index, "parent", "only comments can be replies to comments; set parent to null"))
                        continue
                depth = parent_row[2] + 1 if parent_row else 0
                row_id = conn.execute(insert_comment, dict(
                    public_id=record.id, essay=record.essay, parent_id=parent_row[0] if parent_row else None,
                    depth=depth, author=record.author, email=record.email, email_key=fields.normalise_email(record.email),
                    website=record.website, body=record.body, body_hash=fields.body_hash(record.body),
                    created=record.created.replace(tzinfo=None), status=record.status, kind=record.kind,
                    source_url=record.source_url, session_hash="", import_source=source, title=record.title, site=record.site,
                    by_author=record.by_author, spam_score=record.spam_score, **anchor_columns(record.anchor),
                    edited_at=None if record.edited is None else record.edited.replace(tzinfo=None),
                    load_seconds=record.load_seconds,
                    identity=record.identity,
                )).scalar_one()
                logged.append(dict(comment_id=row_id, old=None, new=record.status, by=f"import:{source}",
                                   reason=record.reason or "imported", at=now))
                known[record.id] = (row_id, record.essay, depth, record.kind)
                report.added += 1
            if len(later) == len(todo):
                for index, record in later:
                    report.errors.append(ImportProblem(
                        index, "parent", f"the parent {record.parent!r} is neither stored nor in this file"))
                break
            todo = later
        if logged:
            conn.execute(log.insert(), logged)
    report.errors.sort(key=lambda p: p.index)
    return report
