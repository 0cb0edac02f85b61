"""Time from page load to post: the form's signed load time is read, stored and used by the filter, and
whatever a reader sends instead (nothing, a forgery, a replay, a token from the future, a megabyte) times
nothing and loses nothing."""

from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from essaykit.comments import timing
from essaykit.comments.moderation import Rules
from essaykit.comments.store import CommentStore
from essaykit.comments.submission import Submission, submit
from essaykit.db.schema import comments
from essaykit.db.signing import Signer
from essaykit.db.signing_keys import signer_for
from essaykit.spam.features import Sample, describe, features
from essaykit.spam.model import train

ESSAY = "the-long-take"
NOW = 1_800_000_000.0
AT = datetime.fromtimestamp(NOW, timezone.utc)


@pytest.fixture
def store(tmp_path):
    with CommentStore.open(f"sqlite:///{tmp_path / 'comments.sqlite'}", rules=Rules.permissive()) as opened:
        yield opened


def load_seconds(store, public_id: str):
    with store.reading() as conn:
        return conn.execute(sa.select(comments.c.load_seconds).where(comments.c.public_id == public_id)).scalar()


def post(store, token, body="The long take in the kitchen scene holds for four minutes.", **extra):
    return store.post(ESSAY, author="Ada", email="ada@example.org", body=body, loaded=token, now=AT, **extra)


def test_a_genuine_token_gives_the_seconds_from_load_to_post(store):
    signer = signer_for(store)
    token = timing.mint(signer, ESSAY, now=NOW - 95)
    found = timing.read(signer, ESSAY, token, now=NOW)
    assert (found.seconds, found.problem) == (95, "") and found.nonce
    result = post(store, token)
    assert result.status == "pending", "timed or not, the rules decide as before"
    assert load_seconds(store, result.comment.id) == 95


@pytest.mark.parametrize("make, problem", [
    (lambda s: "", "missing"),
    (lambda s: timing.mint(s, ESSAY, now=NOW - 5)[:-2] + "AA", "forged"),  # the time or signature changed
    (lambda s: timing.mint(Signer((b"another database's key!",)), ESSAY, now=NOW - 5), "forged"),
    (lambda s: s.sign("session", f"{ESSAY} abc", now=NOW - 5), "forged"),  # another purpose's token
    (lambda s: timing.mint(s, "another-essay", now=NOW - 5), "made for another essay"),
    (lambda s: timing.mint(s, ESSAY, now=NOW - timing.MAX_AGE_SECONDS - 1), "expired or from the future"),
    (lambda s: timing.mint(s, ESSAY, now=NOW + 3600), "expired or from the future"),
    (lambda s: "A" * 1_000_000, "forged"),
    (lambda s: "\x00\xff" * 300, "forged"),
])
def test_what_is_not_genuine_and_fresh_times_nothing_and_the_comment_is_kept(store, make, problem):
    token = make(signer_for(store))
    found = timing.read(signer_for(store), ESSAY, token, now=NOW)
    assert (found.seconds, found.nonce, found.problem) == (None, None, problem)
    result = post(store, token)
    assert store.get(result.comment.id).body.startswith("The long take"), "the comment is stored all the same"
    assert load_seconds(store, result.comment.id) is None


def test_a_token_times_one_comment_only(store):
    token = timing.mint(signer_for(store), ESSAY, now=NOW - 40)
    first = post(store, token)
    again = post(store, token, body="Another comment sent with the same page's token, an hour of spam later.")
    assert load_seconds(store, first.comment.id) == 40
    assert load_seconds(store, again.comment.id) is None, "a replayed token is no load time"


def test_the_form_field_is_never_a_refusal(store):
    for sent in (12, ["a"], {"x": 1}, None, "B" * 50_000):
        submission = Submission.from_mapping(ESSAY, {"author": "Ada", "email": "ada@example.org",
                                                     "body": f"A fine essay ({sent!r:.20})", timing.FIELD: sent})
        result = submit(store, submission, session="")
        assert load_seconds(store, result.comment.id) is None
    token = timing.mint(signer_for(store), ESSAY, now=time.time() - 30)
    submission = Submission.from_mapping(ESSAY, {"author": "Ada", "email": "ada@example.org",
                                                 "body": "Timed through the one submission path.", timing.FIELD: token})
    assert 29 <= load_seconds(store, submit(store, submission, session="").comment.id) <= 60


def test_the_filter_reads_the_time_as_a_bucket_and_learns_from_it():
    assert "time:none" in features(Sample(body="hi"))
    assert "time:<3s" in features(Sample(body="hi", load_seconds=1))
    assert "time:>1h" in features(Sample(body="hi", load_seconds=10**9)), "a huge value is only the last bucket"
    assert describe("time:<3s") == "time from page load to post <3s"
    assert describe("time:none") == "time from page load to post not known"
    words = ["nice", "film", "scene", "post", "great", "shot", "light", "take"]
    # Spam and ham with the same words: only the time tells them apart.
    record = [(Sample(body=f"{w} {v}", load_seconds=1 if i % 2 else 90), bool(i % 2))
              for i, (w, v) in enumerate((w, v) for w in words for v in words)]
    model = train(record)
    fast = model.score(Sample(body="great light", load_seconds=1))
    slow = model.score(Sample(body="great light", load_seconds=90))
    assert fast.probability > 0.7 > 0.3 > slow.probability, (fast, slow)
    assert "time from page load to post <3s" in fast.reason()


def test_the_stored_time_is_training_data(store):
    signer = signer_for(store)
    result = post(store, timing.mint(signer, ESSAY, now=NOW - 1))
    store.set_status(result.comment.id, "spam", by="author")
    [(sample, is_spam)] = [(s, sp) for s, sp in store.spam.record() if s.body.startswith("The long take")]
    assert is_spam and sample.load_seconds == 1 and "time:<3s" in features(sample)
