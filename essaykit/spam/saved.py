"""The one spam model of a comment database: kept in it, shared by every server, trained from its record.

    spam = SpamFilter(db)                     # db: an essaykit.db.database.Database
    score = spam.score(Sample(body="…"))      # None only while nothing was ever learned
    spam.rebuild()                            # `essaykit spam train`

The model is a row of ``spam_model`` with a version that rises with every save. A
:class:`SpamFilter` keeps the model it last loaded and reads only the version
before scoring (one indexed row), loading the model again when another process
(a replica, the CLI) saved a newer one.

Training data is the moderation record: approved comments and mentions are ham,
spam-marked ones spam; pending and deleted ones are neither, nor the author's own
replies, nor what the filter itself sent to spam until the author confirms it
(so it never learns from its own guesses). :meth:`learn` adds the author's
decisions online, in the transaction that records them; :meth:`rebuild` trains a
new model from the whole record, then, in one write transaction, also learns
whatever was decided while it trained, and saves it: servers keep scoring with
the old model until that commit.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator

import sqlalchemy as sa

from ..db.engine import retrying
from ..db.schema import comments as c
from ..db.schema import moderation_log as log
from ..db.schema import spam_model, utcnow
from .features import Sample
from .model import Score, SpamModel, train, verdict

#: Who the filter is in the moderation log (its decisions are not training data).
FILTER = "filter"
LABELS = {"approved": False, "spam": True}
_ROW = 1
_LOCK = "essaykit-spam-model"

_VERSION = sa.select(spam_model.c.version).where(spam_model.c.id == _ROW)
_LOAD = sa.select(spam_model.c.version, spam_model.c.ham, spam_model.c.spam, spam_model.c.model) \
    .where(spam_model.c.id == _ROW)
# The newest log entry of each comment: who made its current status.
_LATEST = sa.select(log.c.comment_id, sa.func.max(log.c.id).label("last")).group_by(log.c.comment_id).subquery()
_RECORD = (
    sa.select(c.c.id, c.c.status, c.c.body, c.c.author, c.c.email, c.c.website, c.c.kind, c.c.source_url,
              c.c.title, c.c.load_seconds, log.c.id.label("log_id"))
    .select_from(c.join(_LATEST, _LATEST.c.comment_id == c.c.id).join(log, log.c.id == _LATEST.c.last))
    .where(c.c.status.in_(tuple(LABELS)), c.c.by_author.is_(False), log.c.by != FILTER)
)


def judge(model: SpamModel | None, sample: Sample, minimum: int) -> dict:
    """What moderation hears of the filter: the score and reason (:func:`.model.verdict`), and whether it
    may decide (it has learned ``minimum`` decisions of each kind)."""
    return {**verdict(model.score(sample) if model is not None else None),
            "spam_ready": model is not None and model.ready(minimum)}


def examples(rows) -> list[tuple[Sample, bool]]:
    """``(sample, is_spam)`` pairs from rows of the comments table."""
    return list(each_example(rows))


def each_example(rows) -> Iterator[tuple[Sample, bool]]:
    """``(sample, is_spam)`` pairs from rows of the comments table, one at a time (none held)."""
    return ((Sample.of(row), LABELS[row.status]) for row in rows)


class SpamFilter:
    """The spam model of one database (see the module's docstring)."""

    def __init__(self, db):
        self._db = db
        self._loaded: tuple[int, SpamModel] | None = None
        self._guard = threading.Lock()

    # --- reading ------------------------------------------------------------------------------

    def model(self) -> SpamModel | None:
        """The current model, reloaded only when its version changed; None before any learning."""
        with self._db.reading() as conn:
            version = conn.execute(_VERSION).scalar()
            if version is None:
                return None
            with self._guard:
                if self._loaded is not None and self._loaded[0] == version:
                    return self._loaded[1]
            row = conn.execute(_LOAD).first()
        model = SpamModel.from_bytes(row.model, ham=row.ham, spam=row.spam)
        with self._guard:
            self._loaded = (row.version, model)
        return model

    def score(self, sample: Sample) -> Score | None:
        model = self.model()
        return None if model is None else model.score(sample)

    def record(self) -> list[tuple[Sample, bool]]:
        """The author's decisions, oldest first: the training data."""
        with self._db.reading() as conn:
            return examples(conn.execute(_RECORD.order_by(c.c.id)))

    # --- writing ------------------------------------------------------------------------------

    def learn(self, conn, comment_ids: Iterable[int]) -> None:
        """Learn the current status of these comments (row ids), in the caller's write transaction."""
        ids = list(comment_ids)
        if not ids:
            return
        found = examples(conn.execute(_RECORD.where(c.c.id.in_(ids)).order_by(c.c.id)))
        if not found:
            return
        self._db.lock(conn, _LOCK)
        row = conn.execute(_LOAD).first()
        model = SpamModel.from_bytes(row.model, ham=row.ham, spam=row.spam) if row else SpamModel()
        for sample, is_spam in found:
            model.learn(sample, is_spam)
        self._save(conn, model, None if row is None else row.version)

    def rebuild(self) -> SpamModel:
        """A new model from the whole record, saved in place of the old one (safe while serving)."""
        with self._db.reading() as conn:
            upto = conn.execute(sa.select(sa.func.max(log.c.id))).scalar() or 0
            model = train(each_example(conn.execute(_RECORD.where(log.c.id <= upto).order_by(c.c.id))))

        def work() -> SpamModel:
            with self._db.writing() as conn:
                self._db.lock(conn, _LOCK)
                # Decisions made while it trained: learned too, so none is lost to the swap.
                model_now = SpamModel.from_bytes(model.to_bytes(), ham=model.ham, spam=model.spam)  # a retry starts afresh
                for sample, is_spam in examples(conn.execute(_RECORD.where(log.c.id > upto).order_by(c.c.id))):
                    model_now.learn(sample, is_spam)
                self._save(conn, model_now, conn.execute(_VERSION).scalar())
            return model_now

        return retrying(work, what="save the spam model")

    def _save(self, conn, model: SpamModel, version: int | None) -> None:
        values = {"ham": model.ham, "spam": model.spam, "model": model.to_bytes(), "trained_at": utcnow()}
        if version is None:
            conn.execute(spam_model.insert().values(id=_ROW, version=1, **values))
        else:
            conn.execute(spam_model.update().where(spam_model.c.id == _ROW).values(version=version + 1, **values))
