"""moderation.decide(): the whole status decision, as a table of cases."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from essaykit.comments.moderation import HONEYPOT_FIELD, Candidate, Context, Decision, Rules, count_links, decide
from essaykit.errors import CommentError

NOW = datetime(2026, 11, 20, 18, 0, 0)
RULES = Rules(hold_words=("refund", "bitcoin wallet"))


def cand(**kw) -> Candidate:
    base = dict(essay="e", author="Ada", email="ada@example.org", body="A thoughtful comment.")
    return Candidate(**{**base, **kw})


def ctx(**kw) -> Context:
    return Context(now=NOW, **kw)


MENTION = dict(kind="pingback", email="", source_url="https://blog.example/p")

# (case id, candidate, context, expected status, expected reason fragment)
DECIDED = [
    ("new email waits", cand(), ctx(), "pending", "first comment"),
    ("proven email is approved", cand(), ctx(proven=True), "approved", "proved"),
    ("known email without proof waits", cand(), ctx(email_has_approved=True), "pending", "without proof"),
    ("one link is fine", cand(body="see https://a.example"), ctx(proven=True), "approved", ""),
    ("two links are held", cand(body="https://a.example and http://b.example"), ctx(proven=True),
     "pending", "2 links"),
    ("markdown links count", cand(body="[a](https://a.example) [b](https://b.example)"),
     ctx(proven=True), "pending", "links"),
    ("www hosts count", cand(body="www.a.example and www.b.example"), ctx(proven=True), "pending", "links"),
    ("block word is spam", cand(body="Buy Viagra now"), ctx(proven=True), "spam", "viagra"),
    ("block word in the name", cand(author="casino king"), ctx(proven=True), "spam", "casino"),
    ("block word in the website", cand(website="https://casino.example"), ctx(), "spam", "casino"),
    ("block words match whole words", cand(body="the casinos of Monte Carlo"), ctx(proven=True),
     "approved", ""),
    ("hold word holds", cand(body="I want a REFUND"), ctx(proven=True), "pending", "refund"),
    ("hold phrase across line breaks", cand(body="send to my bitcoin \n wallet"), ctx(proven=True),
     "pending", "bitcoin wallet"),
    ("hold phrase exact", cand(body="my bitcoin wallet"), ctx(proven=True), "pending", "bitcoin wallet"),
    ("block beats hold", cand(body="refund for viagra"), ctx(proven=True), "spam", "viagra"),
    ("honeypot is spam", cand(honeypot="http://x"), ctx(proven=True), "spam", "honeypot"),
    ("honeypot beats duplicate", cand(honeypot="x"), ctx(duplicate=True), "spam", "honeypot"),
    ("a busy network under its cap", cand(honeypot="x"), ctx(network_last_hour=29), "spam", "honeypot"),
    ("another browser's duplicate is held like any post", cand(), ctx(duplicate=True, proven=True), "spam",
     "duplicate"),
    ("a full queue takes an address that has not posted", cand(), ctx(pending_in_essay=10_000), "pending", ""),
    ("whitespace honeypot is empty", cand(honeypot="  "), ctx(), "pending", ""),
    ("session waited long enough", cand(), ctx(last_from_session=NOW - timedelta(seconds=15)), "pending", ""),
    ("nine posts this hour are fine", cand(), ctx(address_last_hour=9), "pending", ""),
    ("pingback waits", cand(**MENTION), ctx(), "pending", "pingbacks wait"),
    ("pingback block word", cand(body="casino", **MENTION), ctx(), "spam", "casino"),
    ("webmention waits", cand(**{**MENTION, "kind": "webmention"}), ctx(), "pending", "webmentions"),
]


@pytest.mark.parametrize("candidate, context, status, reason", [c[1:] for c in DECIDED], ids=[c[0] for c in DECIDED])
def test_decide(candidate, context, status, reason):
    decision = decide(candidate, context, RULES)
    assert decision.status == status
    assert reason.lower() in decision.reason.lower()


# (case id, candidate, context, rules, field, message fragment)
REFUSED = [
    ("own duplicate", cand(), ctx(duplicate=True, own_duplicate=True), RULES, "body", "already posted"),
    ("duplicate pingback", cand(**MENTION), ctx(duplicate=True), RULES, "source_url", "already has a pingback"),
    ("session too fast", cand(), ctx(last_from_session=NOW - timedelta(seconds=3)), RULES, "body", "wait 12 seconds"),
    ("session one second short", cand(), ctx(last_from_session=NOW - timedelta(seconds=14)), RULES, "body",
     "wait 1 second "),
    ("address too fast", cand(), ctx(last_from_address=NOW - timedelta(seconds=5)), RULES, "body", "wait 10 seconds"),
    ("address hourly cap", cand(), ctx(address_last_hour=10), RULES, "body", "in the last hour"),
    ("network hourly cap", cand(), ctx(network_last_hour=30), RULES, "body", "your network"),
    ("full queue, recent sender", cand(), ctx(pending_in_essay=200, address_last_hour=1), RULES, "body",
     "waiting for the author"),
    ("proven readers are flood-limited too", cand(), ctx(proven=True, address_last_hour=10), RULES, "body",
     "last hour"),
    ("the honeypot counts against its sender", cand(honeypot="x"), ctx(address_last_hour=10), RULES, "body",
     "last hour"),
    ("stricter interval", cand(), ctx(last_from_session=NOW - timedelta(seconds=40)), Rules(min_interval=60), "body",
     "wait 20 seconds"),
]


@pytest.mark.parametrize("candidate, context, rules, field, message", [c[1:] for c in REFUSED],
                         ids=[c[0] for c in REFUSED])
def test_decide_refuses(candidate, context, rules, field, message):
    with pytest.raises(CommentError) as info:
        decide(candidate, context, rules)
    assert info.value.field == field
    assert message in str(info.value)


CONFIGURED = [
    ("flood off", cand(), ctx(last_from_session=NOW, last_from_address=NOW, address_last_hour=1000,
                              network_last_hour=1000, pending_in_essay=10**6), Rules.permissive(), "pending"),
    ("known emails not trusted", cand(), ctx(proven=True), Rules(approve_known_emails=False), "pending"),
    ("mentions trusted", cand(**MENTION), ctx(), Rules(approve_mentions=True), "approved"),
    ("three links allowed", cand(body="https://a.x https://b.x"), ctx(proven=True), Rules(max_links=3),
     "approved"),
    ("no block list", cand(body="casino"), ctx(proven=True), Rules(block_words=()), "approved"),
    ("own block list", cand(body="I love durian"), ctx(proven=True), Rules(block_words=("durian",)),
     "spam"),
]


@pytest.mark.parametrize("candidate, context, rules, status", [c[1:] for c in CONFIGURED],
                         ids=[c[0] for c in CONFIGURED])
def test_rules_are_configurable(candidate, context, rules, status):
    assert decide(candidate, context, rules).status == status


def test_decide_is_pure():
    candidate, context = cand(body="https://a.x https://b.x"), ctx()
    assert decide(candidate, context, RULES) == decide(candidate, context, RULES) == Decision("pending", "2 links (held at 2)")


@pytest.mark.parametrize("changes", [{"min_interval": -1}, {"max_per_hour": -2}, {"max_pending": -1}, {"max_links": 0}, {"max_depth": 0}])
def test_rules_refuse_nonsense(changes):
    with pytest.raises(ValueError, match=next(iter(changes))):
        Rules(**changes)


@pytest.mark.parametrize("text, n", [
    ("no links", 0), ("https://a.example", 1), ("HTTP://A.EXAMPLE and www.b.example", 2),
    ("[x](/relative)", 1), ("mailto:a@b.example", 1), ("ahttps://a", 0),
])
def test_count_links(text, n):
    assert count_links(text) == n


def test_the_honeypot_field_name_is_unusual():
    assert HONEYPOT_FIELD == "ek_homepage_url2"
    assert not any(word in HONEYPOT_FIELD for word in ("email", "name", "comment")), "browsers autofill those"


# --- rules from a file ---------------------------------------------------------------


def test_rules_from_a_json_file(tmp_path):
    path = tmp_path / "moderation.json"
    path.write_text('{"hold_words": ["refund"], "min_interval": 30, "approve_mentions": true}', encoding="utf-8")
    rules = Rules.from_file(path)
    assert (rules.hold_words, rules.min_interval, rules.approve_mentions, rules.max_links) == (
        ("refund",), 30, True, 2)


@pytest.mark.parametrize("content, message", [
    ("not json", "cannot read the moderation rules"),
    ("[1, 2]", "must be a JSON object"),
    ('{"hold_wrods": []}', "unknown moderation setting 'hold_wrods'"),
    ('{"hold_words": "refund"}', "'hold_words' must be a list of words"),
    ('{"min_interval": "15"}', "'min_interval' must be a number"),
    ('{"approve_mentions": 1}', "'approve_mentions' must be true or false"),
    ('{"max_links": 0}', "max_links must be at least 1"),
])
def test_bad_rules_files_are_one_clear_error(tmp_path, content, message):
    from essaykit.errors import ConfigError

    path = tmp_path / "moderation.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        Rules.from_file(path)
    assert str(info.value).startswith(str(path))


def test_the_store_reads_moderation_json_next_to_the_default_database(tmp_path, monkeypatch):
    from essaykit.comments.store import CommentStore

    monkeypatch.delenv("ESSAYKIT_MODERATION", raising=False)
    (tmp_path / ".essaykit").mkdir()
    (tmp_path / ".essaykit" / "moderation.json").write_text('{"hold_words": ["spoiler"]}', encoding="utf-8")
    with CommentStore.open(f"sqlite:///{tmp_path / 'c.sqlite'}", essay_dir=tmp_path) as store:
        assert store.rules.hold_words == ("spoiler",)


def test_essaykit_moderation_names_the_rules_file(tmp_path, monkeypatch):
    from essaykit.comments.store import CommentStore

    path = tmp_path / "strict.json"
    path.write_text('{"max_links": 1}', encoding="utf-8")
    monkeypatch.setenv("ESSAYKIT_MODERATION", str(path))
    with CommentStore.open(f"sqlite:///{tmp_path / 'c.sqlite'}") as store:
        assert store.rules.max_links == 1
