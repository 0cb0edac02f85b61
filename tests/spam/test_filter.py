"""The spam filter in the moderation path: trained from the record, deciding above the threshold once it
has seen enough, corrected by the author, shared between stores, scoring mentions and surviving hostile input."""

from __future__ import annotations

import re
import time

import pytest

from essaykit.comments.moderation import Rules
from essaykit.comments.store import CommentStore
from essaykit.errors import ConfigError
from essaykit.spam.features import Sample, features
from fixtures.spam import ham, spam

HAM, SPAM = ham(), spam()
# 70% of each kind is the author's record, the rest arrives as new posts (every kind of spam in both).
TRAIN_HAM, NEW_HAM = [r for i, r in enumerate(HAM) if i % 10 < 7], [r for i, r in enumerate(HAM) if i % 10 >= 7]
TRAIN_SPAM, NEW_SPAM = [r for i, r in enumerate(SPAM) if i % 10 < 7], [r for i, r in enumerate(SPAM) if i % 10 >= 7]


def _records(rows, status, prefix):
    return [{"id": f"{prefix}{i}", "essay": "the-long-take", "author": r["author"], "email": r["email"],
             "website": r["website"], "body": r["body"], "created": f"2026-01-01T00:{i // 60:02d}:{i % 60:02d}Z",
             "status": status} for i, r in enumerate(rows)]


def _interleaved(hams, spams):
    # The order decisions come in: mixed, as an author meets them.
    out = []
    for i in range(max(len(hams), len(spams))):
        out += hams[i:i + 1] + spams[i:i + 1]
    return out


def _train(store, hams=TRAIN_HAM, spams=TRAIN_SPAM):
    report = store.import_records(_interleaved(_records(hams, "approved", "h"), _records(spams, "spam", "s")))
    assert not report.errors


def _post(store, row, **extra):
    return store.post("the-long-take", author=row["author"], email=row["email"], website=row["website"],
                      body=row["body"], **extra)


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'comments.sqlite'}"


@pytest.fixture
def trained(url):
    with CommentStore.open(url, rules=Rules.permissive()) as store:
        _train(store)
        yield store


def test_after_training_on_the_record_new_spam_is_caught_and_real_comments_are_not(trained):
    model = trained.spam.model()
    assert (model.ham, model.spam) == (len(TRAIN_HAM), len(TRAIN_SPAM)), "imports are training data"
    spam_results = [_post(trained, row) for row in NEW_SPAM]
    ham_results = [_post(trained, row) for row in NEW_HAM]
    caught = [r for r in spam_results if r.status == "spam"]
    sent_away = [r for r in ham_results if r.status == "spam"]
    assert len(caught) >= 0.8 * len(NEW_SPAM), [r.comment.body for r in spam_results if r.status != "spam"]
    assert len(sent_away) <= 1, [r.reason for r in sent_away]
    assert all(re.match(r"filter [01]\.\d\d: \w", r.reason) for r in caught), "the reason names the filter, score, features"
    assert all(r.comment.spam_score is not None for r in ham_results + spam_results)
    stored = trained.get(caught[0].comment.id)
    assert stored.spam_score >= 0.9 and stored.spam_reason == caught[0].reason
    assert trained.log(caught[0].comment.id)[0]["by"] == "filter"


def test_rules_alone_would_have_caught_none_of_that_spam(url):
    with CommentStore.open(url, rules=Rules.permissive()) as store:
        results = [_post(store, row) for row in NEW_SPAM]
    assert not [r for r in results if r.status == "spam"]


def test_below_the_minimum_it_scores_but_decides_nothing(url):
    rules = Rules.permissive(spam_min_examples=len(TRAIN_SPAM) + 1)
    with CommentStore.open(url, rules=rules) as store:
        _train(store)
        results = [_post(store, row) for row in NEW_SPAM[:10]]
    assert all(r.status == "pending" for r in results), [r.reason for r in results]
    assert sum(r.comment.spam_score >= 0.9 for r in results) >= 5, "it still scores"


def test_the_threshold_is_the_authors(url):
    with CommentStore.open(url, rules=Rules.permissive(spam_threshold=1.0)) as store:
        _train(store)
        results = [_post(store, row) for row in NEW_SPAM[:10]]
    assert all(r.status != "spam" for r in results), "a score below 1.0 never reaches a threshold of 1.0"


def test_nothing_learned_means_no_score(url):
    with CommentStore.open(url, rules=Rules.permissive()) as store:
        result = _post(store, NEW_SPAM[0])
    assert result.comment.spam_score is None and result.status == "pending"


def test_a_proven_commenter_is_never_sent_to_spam_by_the_filter_alone(trained):
    row = NEW_SPAM[0]
    first = _post(trained, {**row, "body": row["body"] + " (first)"})
    assert first.status == "spam"
    trained.set_status(first.comment.id, "approved", by="author")
    proven = _post(trained, row, proven_email=row["email"])
    assert proven.status == "approved" and proven.comment.spam_score is not None


def test_approving_a_filtered_comment_trains_the_filter_at_once(trained):
    caught = next(r for r in (_post(trained, row) for row in NEW_SPAM) if r.status == "spam")
    before = trained.spam.model()
    version_score = before.score(Sample.of(caught.comment)).probability
    for _ in range(5):  # the author keeps approving this sender's kind of comment
        trained.set_status(caught.comment.id, "approved", by="author")
        trained.set_status(caught.comment.id, "pending", by="author")
    after = trained.spam.model()
    assert after is not before and after.ham == before.ham + 5
    assert after.score(Sample.of(caught.comment)).probability < version_score


def test_the_filters_own_catches_are_not_training_data(trained):
    seen = len(trained.spam.record())
    results = [_post(trained, row) for row in NEW_SPAM]
    assert any(r.status == "spam" for r in results)
    assert len(trained.spam.record()) == seen, "unconfirmed filter decisions are not learned"
    deleted = next(r for r in results if r.status == "spam")
    trained.set_status(deleted.comment.id, "deleted", by="author")
    assert len(trained.spam.record()) == seen, "deleted comments are neither ham nor spam"
    trained.set_status(deleted.comment.id, "spam", by="author")
    assert len(trained.spam.record()) == seen + 1, "the author's confirmation is"


def test_the_model_survives_a_restart_and_is_shared_by_two_stores(url):
    with CommentStore.open(url, rules=Rules.permissive()) as first:
        _train(first)
        learned = first.spam.model()
    with CommentStore.open(url, rules=Rules.permissive()) as again:
        reopened = again.spam.model()
        assert (reopened.ham, reopened.spam) == (learned.ham, learned.spam), "kept in the database"
        assert _post(again, NEW_SPAM[0]).status == "spam"
    with CommentStore.open(url, rules=Rules.permissive()) as a, CommentStore.open(url, rules=Rules.permissive()) as b:
        assert a.spam.model() is a.spam.model(), "not reloaded while the version is unchanged"
        old_b = b.spam.model()
        target = _post(a, NEW_SPAM[1])
        a.set_status(target.comment.id, "approved", by="author")
        new_b = b.spam.model()
        assert new_b is not old_b and new_b.ham == old_b.ham + 1, "the other replica loads the new version"


def test_rebuild_is_the_record_from_scratch(trained):
    for row in NEW_HAM[:3]:
        trained.set_status(_post(trained, row).comment.id, "approved", by="author")
    model = trained.spam.rebuild()
    assert (model.ham, model.spam) == (len(TRAIN_HAM) + 3, len(TRAIN_SPAM))


def test_mentions_are_scored_on_their_text_and_source_domain(trained):
    spammy = trained.post("the-long-take", author="", email="", body="Best essay writing service, order now",
                          kind="webmention", source_url="https://topessayhelpnow.com/blog/review", website="")
    friendly = trained.post("the-long-take", author="", email="", kind="webmention", website="",
                            body="A long post about the kitchen scene and its long take, with a link to this essay.",
                            source_url="https://kleinwrites.net/2026/long-take")
    assert spammy.comment.spam_score > friendly.comment.spam_score
    assert spammy.status == "spam" and friendly.status == "pending"


@pytest.mark.parametrize("body", [
    "x" * 5000,
    "http://a.example/ " * 250,
    "".join(chr(c) for c in range(0x20, 0x3000, 3))[:5000],  # every script of the BMP's first pages
    "Привет 你好 مرحبا שלום γειά नमस्ते こんにちは 안녕하세요 ሰላም " * 40,
    "\U0001F600\U0001F4A9" * 1000,
    "\x00\x01\x02binary\xff\xfe" * 100,
])
def test_hostile_comments_are_scored_quickly_and_stored(trained, body):
    started = time.perf_counter()
    result = trained.post("the-long-take", author="Ho\u202estile", email="h@example.org", body=body)
    assert 0 <= result.comment.spam_score <= 1
    assert trained.get(result.comment.id).spam_score == result.comment.spam_score
    sample = Sample(body=body, author="x" * 100, website="https://" + "a." * 60 + "example")
    started = time.perf_counter()
    for _ in range(10):
        trained.spam.model().score(sample)
    assert (time.perf_counter() - started) / 10 < 0.05, "scoring stays in milliseconds, even on a busy machine"
    assert features(sample)


def test_the_rules_check_the_spam_settings(tmp_path):
    with pytest.raises(ConfigError, match="spam_threshold"):
        Rules(spam_threshold=1.5)
    with pytest.raises(ConfigError, match="spam_min_examples"):
        Rules(spam_min_examples=0)
    path = tmp_path / "moderation.json"
    path.write_text('{"spam_threshold": 0.95, "spam_min_examples": 50}')
    assert (Rules.from_file(path).spam_threshold, Rules.from_file(path).spam_min_examples) == (0.95, 50)


def test_look_alike_letters_and_phone_numbers_are_read_as_what_they_stand_for():
    fullwidth = features(Sample(body="ｈｔｔｐ://ｗｗｗ.ｅｂａｙ.ｃｏｍ/ｕｓｒ/ｓｈｏｅｓ314"))
    assert "ld:ebay.com" in fullwidth and "w:ebay" in fullwidth, "fullwidth letters are a link like any other"
    assert "phone:yes" in features(Sample(body="+447935454150 lovely girl talk to me"))
    assert "phone:yes" in features(Sample(body="call 0800 555 0199 now"))
    assert "phone:yes" not in features(Sample(body="I saw it in 2019 at 10:30, twice; 4 stars of 5."))


def test_a_mention_resent_with_spam_is_scored_again_and_the_filters_guess_is_not_learned(trained):
    from essaykit.mentions.store import upsert_mention

    source = "https://kleinwrites.net/2026/long-take"
    first = upsert_mention(trained, "the-long-take", kind="webmention", source_url=source, author="", website="",
                           title="On the long take", excerpt="A long post about the kitchen scene and its long take.")
    trained.set_status(first.comment.id, "approved", by="author")
    seen = len(trained.spam.record())
    resent = upsert_mention(trained, "the-long-take", kind="webmention", source_url=source, author="", website="",
                            title="Best essay writing service", excerpt=NEW_SPAM[0]["body"])
    assert resent.comment.status == "spam" and resent.comment.spam_score >= 0.9, resent.comment
    assert resent.comment.spam_reason.startswith("filter ")
    assert trained.log(first.comment.id)[-1]["by"] == "filter"
    assert len(trained.spam.record()) == seen - 1, "the approval no longer stands; the filter's guess is not a label"


def _reference_model(pairs, epochs):
    """Training as it was done before the record was kept compact: each example's own dict of features, held."""
    from essaykit.spam.model import SpamModel, vector

    held = [(vector(features(sample)), is_spam) for sample, is_spam in pairs]
    model = SpamModel()
    for _ in range(epochs):
        for named, is_spam in held:
            model._learn_features(named, is_spam)
    return model


def test_training_from_a_stream_learns_exactly_what_training_on_held_features_did():
    # rebuild() hands train() the record as a stream of rows and train() keeps only the numbers of each example's
    # features; the weights must be the very same floats as when every example's dict of features was held.
    from essaykit.spam.model import EPOCHS, train

    pairs = [(Sample(body=r["body"], author=r["author"], email=r["email"], website=r["website"]), False) for r in HAM]
    pairs += [(Sample(body=r["body"], author=r["author"], email=r["email"], website=r["website"]), True) for r in SPAM]
    pairs = _interleaved(pairs[:len(HAM)], pairs[len(HAM):])
    streamed = train(iter(pairs))
    reference = _reference_model(pairs, EPOCHS)
    assert streamed._regression.weights == reference._regression.weights
    assert streamed._regression.intercept == reference._regression.intercept
    assert (streamed.ham, streamed.spam) == (len(HAM), len(SPAM))
