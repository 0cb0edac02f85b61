"""The comment API of ``essaykit serve``: comments and ratings over HTTP, no kernel needed.

This module holds what the routes share (:class:`CommentApi`: the store, the
signed sessions, the origin policy, the GET cache), the reader's view of a
page, and small helpers; the routes themselves are in :mod:`.handlers`.

Routes (see docs/comments.md for every field and status):

    GET  /api/comments?essay=SLUG[&page=N|&after=CURSOR][&per_page=M]   approved thread, paged by key
    POST /api/comments     JSON → 202 {"status", "id", "notice", "loaded"}; a plain form → 303 back to the essay
    GET  /api/comments/timing?essay=SLUG                                 {"loaded": a static form's signed load time}
    GET  /api/comments/form?essay=SLUG&on=ek-p-…&return=URL             a page: the form on one paragraph (no JS)
    PATCH|DELETE /api/comments/ID   the reader's own comment, edited or deleted (:mod:`.own`)
    GET  /api/ratings?essay=SLUG                                         average, count, this reader's own
    POST /api/ratings      essay, value
    GET  /api/counts?essay=a&essay=b                                     approved comments per essay
    POST /api/follow       email → 202; the Follow form (:mod:`.follow`)

The handlers are thin: every comment goes through
:func:`essaykit.comments.submission.submit` (the widget's path too), so through
:meth:`CommentStore.post` and :func:`~essaykit.comments.moderation.decide`.
Database calls are short and synchronous; GET answers are cached per
(query, database version), where the version is one primary-key lookup,
so a busy thread is rendered once per change, not once per reader.

Every POST must come from this server's own pages or an ``--allow-origin``
(:mod:`.origins`); bodies over :data:`MAX_BODY_BYTES` are refused before
they are read. The reader is a signed session cookie
(:mod:`essaykit.comments.sessions`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass, field

import sqlalchemy as sa

from ...db.engine import get_engine
from ...comments.identicon import identicon_data_url
from ...comments.model import iso_utc
from ...comments.render import own_comment_html
from ...db.schema import comments as comments_table
from ...comments.sessions import Sessions
from ...comments.store import CommentStore
from .forms import message_page

log = logging.getLogger("essaykit.api")

MAX_BODY_BYTES = 64 * 1024
MAX_FIELDS = 50
MAX_COUNT_ESSAYS = 100
DEFAULT_PER_PAGE = 50
JSON_TYPE = "application/json"
FORM_TYPE = "application/x-www-form-urlencoded"
PENDING_ANCHOR = "ek-comment-pending"
PUBLISHED_ANCHOR = "ek-comment-published"
CACHE_SECONDS = 10
SESSION_KEYS_SECONDS = 60  # how often the signing keys are re-read from the database
UNAVAILABLE = "comments are unavailable right now; please try again in a few minutes"
NOT_SAVED = "Sorry, your comment could not be saved just now. Please try again in a minute."


_current: list = []


def install(api: CommentApi) -> None:
    """Make ``api`` the one the live pages of this process render their comment sections with."""
    _current[:] = [api]


def current() -> CommentApi | None:
    """The comment API of this ``essaykit serve`` process, or None (e.g. under plain ``voila``)."""
    return _current[0] if _current else None


class ApiError(Exception):
    """A refusal with an HTTP status, the field at fault (or None), a one-line message and, for a
    refusal for now, how many seconds to wait."""

    def __init__(self, status: int, message: str, field: str | None = None, *, problems: list[dict] | None = None,
                 extra: dict | None = None, retry_after: int = 0):
        super().__init__(message)
        self.extra = extra or {}
        self.retry_after = retry_after  # seconds, sent as Retry-After when not 0
        self.status = status
        self.field = field
        self.message = message
        self.problems = problems or [{"field": field, "message": message}]


@dataclass
class CommentApi:
    """What the handlers share: the site, the store (opened on first use), sessions, the origin policy
    and the GET cache. A database that cannot be opened makes the API answer 503, never the pages fail."""

    site: object  # essaykit.live.site.EssaySite
    policy: object  # essaykit.live.origins.OriginPolicy
    db_url: str | None = None
    mail_enabled: bool = False  # the form offers "Notify me of replies" (essaykit.mail)
    sign_in: object = None  # essaykit.signin.config.SignInConfig: the ways readers may sign in (None: none)
    cache_size: int = 512
    _cache: OrderedDict = field(default_factory=OrderedDict)
    _store: object = None
    _sessions: object = None
    _fallback: bytes = b""
    _retry_at: float = 0.0

    @property
    def store(self):
        """The comment store; StoreError (an EssaykitError) while the database cannot be opened."""
        if self._store is None:
            self._store = CommentStore.open(self.db_url, essay_dir=self.site.root)
        return self._store

    @property
    def sessions(self):
        """Signs reader sessions with the database's keys (re-read every minute, so a rotation by
        ``essaykit secret rotate`` reaches a running server); while the database is unavailable, with
        a key of this process only (readers keep their session until the server restarts)."""
        if self._sessions is not None and time.monotonic() < self._retry_at:
            return self._sessions
        try:
            keys = Sessions.for_store(self.store).keys
        except Exception as exc:  # a broken database must not stop readers from reading
            if not self._fallback:
                log.warning("reader sessions are signed with a temporary key: %s", exc)
                self._fallback = secrets.token_bytes(32)
            self._retry_at = time.monotonic() + 60
            self._sessions = Sessions((self._fallback,))
            return self._sessions
        self._sessions = Sessions(keys + ((self._fallback,) if self._fallback else ()))
        self._retry_at = time.monotonic() + SESSION_KEYS_SECONDS
        return self._sessions

    # --- essays ----------------------------------------------------------------

    def essay(self, slug: object):
        """The served essay with this slug; ApiError 400 when missing, 404 when unknown."""
        if slug is None or slug == "":
            raise ApiError(400, "say which essay: essay=SLUG", "essay")
        item = self.site.by_slug(slug) if isinstance(slug, str) else None
        if item is None:
            raise ApiError(404, f"there is no essay {str(slug)[:100]!r} on this server", "essay")
        return item

    def page_url(self, item, base_url: str) -> str:
        """Where the live page of ``item`` is on this server (a path)."""
        return base_url if self.site.single else f"{base_url}voila/render/{item.name}"

    # --- caching ---------------------------------------------------------------

    def version(self) -> str:
        """Changes whenever any comment, moderation decision or rating is written, by any server or
        command sharing the database (one primary-key read; see :func:`~essaykit.db.schema.add_store_version`)."""
        return str(self.store.version())

    def cached(self, key: tuple, make):
        """``make()``'s (body, etag) for ``key``, kept while the database version stays the same."""
        full = (*key, self.version())
        hit = self._cache.get(full)
        if hit is not None:
            self._cache.move_to_end(full)
            return hit
        body = json.dumps(make(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        value = (body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')
        self._cache[full] = value
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return value


_ITEMS: OrderedDict = OrderedDict()


def public_item(comment) -> dict:
    """A comment as the API shows it: no email, no session, the identicon as a data URL.

    Remembered per comment (its words never change), so a busy thread is converted once."""
    key = (comment.id, comment.essay, comment.author, comment.website, comment.body, comment.created,
           comment.avatar, comment.is_tombstone, comment.depth, comment.parent, comment.by_author, comment.edited, comment.verified)
    item = _ITEMS.get(key)
    if item is None:
        item = _ITEMS[key] = _item(comment)
        if len(_ITEMS) > 20_000:
            _ITEMS.popitem(last=False)
    return item


def _item(comment) -> dict:
    tombstone = comment.is_tombstone
    return {
        "id": comment.id,
        "parent": comment.parent,
        "depth": comment.depth,
        "author": "" if tombstone else comment.author,
        "website": "" if tombstone else comment.website,
        "body_html": "" if tombstone else comment.body_html,
        "created": iso_utc(comment.created),
        "kind": "deleted" if tombstone else comment.kind,
        "avatar": "" if tombstone else identicon_data_url(comment.avatar),
        "by_author": not tombstone and comment.by_author,
        "edited": not tombstone and comment.edited is not None,
        "verified": "" if tombstone else comment.verified,  # how a signed-in writer proved who they are
    }


# --- helpers ---------------------------------------------------------------------------


def etag_matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    return header.strip() == "*" or etag in [t.strip().removeprefix("W/") for t in header.split(",")]


def truthy(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() in ("1", "true", "on", "yes"))


def stars_value(value: object, scale: int) -> int:
    """A rating from JSON or a form: a whole number from 1 to ``scale``; ApiError 400 otherwise."""
    number = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and math.isfinite(value) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 4:
        number = int(value.strip())
    if number is None or not 1 <= number <= scale:
        raise ApiError(400, f"Rating: a rating is a whole number of stars from 1 to {scale} (not {str(value)[:20]!r})",
                       "value")
    return number


def approved_counts(store, slugs: list[str]) -> dict:
    c = comments_table
    query = (sa.select(c.c.essay, sa.func.count()).where(c.c.essay.in_(slugs), c.c.kind == "comment",
                                                         c.c.status == "approved").group_by(c.c.essay))
    with get_engine(store.url).connect() as conn:
        found = dict(conn.execute(query).all())
    return {slug: int(found.get(slug, 0)) for slug in slugs}


def own_html(result, max_depth: int) -> str:
    """The reader's new comment as the thread shows it (marked "awaiting moderation" unless published)."""
    return own_comment_html(result.comment, pending=result.public_status != "approved", max_depth=max_depth)


def error_page(error: ApiError, *, back_url: str = "") -> str:
    return message_page(error.status, error.message, back_url=back_url)
