"""The one way a reader's comment gets in: every field checked at once, then the store.

Both surfaces call :func:`submit`: the ``CommentSection`` widget (over the
kernel) and the HTTP API of ``essaykit serve`` (JSON or a plain form). It

1. refuses values that are not text, or absurdly long, before any work;
2. checks *every* field with :mod:`.fields` and, when any is wrong, raises
   :class:`FormRefused` listing each field's problem, so the form can show
   them all at once, each at its field;
3. hands the values to :meth:`CommentStore.post`, which checks them again,
   asks :func:`.moderation.decide` and stores the comment in one transaction.

Messages speak the form's language: :func:`field_message` puts the form's
label in front ("Email: the email 'x' is not valid …").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from ..db.signing import MAX_TOKEN_CHARS
from ..errors import CommentError
from . import fields, timing
from .anchor import FIELD, REPLY_ANCHORED, anchor_value, clean_anchor

#: Form labels for the store's field names.
FIELD_LABELS = {"author": "Name", "email": "Email", "website": "Website", "body": "Comment", "parent": "Reply",
                "essay": "Essay", "anchor": "Passage"}
#: The fields a reader fills in, in the form's order.
FORM_FIELDS = ("author", "email", "website", "body")
#: Far above every store limit; only stops a hostile megabyte early.
MAX_FIELD_CHARS = 20_000


class FormRefused(CommentError):
    """Several fields are wrong. ``problems`` lists ``(field, message)`` in the form's order;
    ``field`` and the message are the first one's."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__(problems[0][1], problems[0][0])
        self.problems = problems


def field_message(exc: CommentError) -> str:
    """The store's refusal as the form says it: "Email: the email … is not valid"."""
    label = FIELD_LABELS.get(exc.field or "", "")
    text = str(exc).strip()
    return f"{label}: {text}" if label else text[:1].upper() + text[1:]


def problems_of(exc: CommentError) -> list[dict]:
    """Every problem of a refusal as ``[{"field", "message"}]``, messages in the form's language.

    ``field`` is None for a refusal that is about no one field (e.g. the database is busy)."""
    if isinstance(exc, FormRefused):
        return [{"field": name, "message": message} for name, message in exc.problems]
    known = exc.field if exc.field in FIELD_LABELS else None
    return [{"field": known, "message": field_message(exc)}]


@dataclass(frozen=True)
class Submission:
    """What a reader sent, as text. ``parent`` is "" for a top-level comment."""

    essay: str
    author: str = ""
    email: str = ""
    website: str = ""
    body: str = ""
    parent: str = ""
    honeypot: str = ""
    notify: bool = False  # "Notify me of replies by email"
    loaded: str = ""  # the form's signed load time (:mod:`.timing`), as sent
    anchor: object = None  # the passage it answers, as sent (:func:`.anchor.anchor_value`)
    identity: object = None  # the signed-in reader's verified Identity (:mod:`.signins`): name, website, address

    def signed(self, identity) -> Submission:
        """This submission from a reader signed in as ``identity``: its name, website and address replace
        whatever the form sent."""
        return replace(self, identity=identity, author=identity.name, email=identity.email,
                       website=identity.website)

    @classmethod
    def from_mapping(cls, essay: str, values: Mapping[str, object], *, honeypot_name: str = "honeypot") -> Submission:
        """Take the form fields from ``values``; a value that is not text (or too long) is refused by field."""
        taken: dict[str, str] = {}
        problems: list[tuple[str, str]] = []
        for name in (*FORM_FIELDS, "parent", honeypot_name):
            value = values.get(name, "")
            if value is None:
                value = ""
            key = "honeypot" if name == honeypot_name else name
            label = FIELD_LABELS.get(key, key)
            if not isinstance(value, str):
                problems.append((key, f"{label}: this must be text"))
                continue
            if len(value) > MAX_FIELD_CHARS:
                problems.append((key, f"{label}: this is far too long ({len(value):,} characters); please shorten it"))
                continue
            taken[key] = value
        if problems:
            raise FormRefused(problems)
        notify = values.get("notify")
        # Never refused: a load time that is not a token only times nothing (a bucket of the spam filter's).
        loaded = values.get(timing.FIELD)
        taken["loaded"] = loaded if isinstance(loaded, str) and len(loaded) <= MAX_TOKEN_CHARS else ""
        taken["notify"] = notify is True or (isinstance(notify, str) and notify.strip().lower() in ("1", "true", "on", "yes"))
        return cls(essay=essay, anchor=anchor_value(values), **taken)

    def check(self) -> None:
        """Raise :class:`FormRefused` naming every field that the store would refuse."""
        checks = (
            ("author", fields.clean_name),
            ("email", lambda value: fields.clean_email(value, required=self.identity is None)),
            ("website", fields.clean_url),
            ("body", fields.clean_body),
        )
        problems = []
        for name, clean in checks:
            try:
                clean(getattr(self, name))
            except CommentError as exc:
                problems.append((name, field_message(exc)))
        if self.parent:
            try:
                fields.check_public_id(self.parent, field="parent")
            except CommentError as exc:
                problems.append(("parent", field_message(exc)))
        try:
            clean_anchor(self.anchor)
            if self.anchor and self.parent:
                raise CommentError(REPLY_ANCHORED, FIELD)
        except CommentError as exc:
            problems.append(("anchor", field_message(exc)))
        if problems:
            raise FormRefused(problems)


def submit(store, submission: Submission, *, session: str, client: str = "", proven_email: str | None = None):
    """Check every field, then post through :meth:`CommentStore.post` (and so :func:`.moderation.decide`).

    ``session`` is the reader's signed session id, ``client`` their IP and
    ``proven_email`` the address their "approved before" token proves
    (:mod:`.trust`), each exactly as the server established it, never as
    the reader's form says.

    Returns the store's :class:`~.model.PostResult`; raises :class:`FormRefused`
    or the store's :class:`CommentError` (a :class:`~essaykit.errors.RateLimited`
    when the reader posts too fast).
    """
    submission.check()
    return store.post(
        submission.essay, author=submission.author, email=submission.email, website=submission.website,
        body=submission.body, parent=submission.parent or None, session=session, honeypot=submission.honeypot,
        client=client, proven_email=proven_email, notify=submission.notify, loaded=submission.loaded,
        anchor=submission.anchor, identity=submission.identity,
    )
