"""essaykit.db.signing: one way to sign, a salt per purpose, rotating keys, and the tokens readers
already hold (signed in the formats before it) still accepted and re-issued, on SQLite and PostgreSQL."""

from __future__ import annotations

import time

import pytest

from helpers.legacy_tokens import old_known, old_link_token, old_session

from essaykit.comments import trust
from essaykit.comments.sessions import Sessions
from essaykit.comments.store import CommentStore
from essaykit.db.signing import MAX_AGE_SECONDS, BadToken, ExpiredToken, Signer
from essaykit.db.signing_keys import SETTING, rotate, signer_for
from essaykit.mail.links import MODERATE_DAYS, UNSUBSCRIBE_DAYS, Links

KEY = b"k" * 32
DAY = 86400


@pytest.fixture
def store(db_url):
    with CommentStore.open(db_url) as opened:
        yield opened


def old_tokens(store, *, now: float | None = None) -> dict:
    """A session cookie, an "approved before" cookie and mail links as the previous essaykit minted them."""
    key = store.setting(SETTING).encode()
    return {"session": old_session(key, "S" * 24, now=now), "known": old_known(key, "ada@example.org", now=now),
            "moderate": old_link_token(key, "moderate", "approve-c1", ttl=MODERATE_DAYS * DAY, now=now),
            "unsubscribe": old_link_token(key, "unsubscribe", "sub123", ttl=UNSUBSCRIBE_DAYS * DAY, now=now)}


def test_old_tokens_verify_and_come_back_in_the_new_format(store):
    old = old_tokens(store)
    sessions = Sessions.for_store(store)
    assert sessions.verify(old["session"]) == "S" * 24
    same, renewed, fresh = sessions.resume(old["session"])
    assert (same, fresh) == ("S" * 24, True) and renewed != old["session"], "the old cookie is re-issued"
    assert sessions.unsign("session", renewed, max_age=MAX_AGE_SECONDS).current, "in the new format, current key"
    assert sessions.resume(renewed) == ("S" * 24, renewed, False), "a current cookie is kept as it is"

    assert trust.verify_known(store, old["known"]) == "ada@example.org"
    assert trust.needs_reissue(store, old["known"]), "the old 'approved before' cookie is given anew"
    assert not trust.needs_reissue(store, trust.mint_known(store, "ada@example.org"))

    links = Links(signer_for(store), "https://blog.example.org/")
    assert links.read_moderate(old["moderate"]) == ("approve", "c1", ""), "a link in an email already sent works"
    assert links.read("unsubscribe", old["unsubscribe"]) == ("sub123", "")
    assert links.read("confirm", old["unsubscribe"]) == (None, "invalid"), "the purpose is still signed"


def test_old_tokens_that_are_not_genuine_or_too_old_are_refused(store):
    key = store.setting(SETTING).encode()
    sessions = Sessions.for_store(store)
    links = Links(signer_for(store), "")
    genuine = old_session(key, "S" * 24)
    assert sessions.verify("T" + genuine[1:]) is None, "another id under the same MAC"
    assert sessions.verify(old_session(b"another database's key!", "S" * 24)) is None
    assert sessions.verify(old_session(key, "S" * 24, now=time.time() - MAX_AGE_SECONDS - 60)) is None
    assert trust.verify_known(store, old_known(key, "Ada@Example.org")) is None, "only normalised addresses"
    expired = old_link_token(key, "moderate", "approve-c1", ttl=-60)
    assert links.read_moderate(expired) == (None, None, "expired")
    assert links.read_moderate(expired.replace("approve", "delete")) == (None, None, "invalid")


def test_old_and_new_tokens_live_through_the_rotation_grace_period_then_stop(store):
    old = old_tokens(store)
    new = {"session": Sessions.for_store(store).mint()[1], "known": trust.mint_known(store, "ada@example.org"),
           "unsubscribe": Links(signer_for(store), "").unsubscribe("sub123").rsplit("/", 1)[1]}
    rotate(store, grace_days=30)
    during = Sessions.for_store(store)
    for tokens in (old, new):
        assert during.verify(tokens["session"]) is not None, "sessions live on through the grace period"
        assert not during.resume(tokens["session"])[1] == tokens["session"], "and are re-signed with the new key"
        assert trust.verify_known(store, tokens["known"]) == "ada@example.org"
        assert trust.needs_reissue(store, tokens["known"])
        assert Links(signer_for(store), "").read("unsubscribe", tokens["unsubscribe"]) == ("sub123", "")

    later = time.time() + 31 * DAY
    after = Sessions.for_store(store, now=later)
    for tokens in (old, new):
        assert after.verify(tokens["session"], now=later) is None, "after the grace period the old key is gone"
        assert Links(signer_for(store, now=later), "").read("unsubscribe", tokens["unsubscribe"]) == (None, "invalid")
    rotate(store, grace_days=0)
    assert trust.verify_known(store, new["known"]) is None, "--grace 0 drops the old key at once"


def test_a_token_is_good_for_its_purpose_key_and_age_only():
    signer = Signer((KEY,))
    token = signer.sign("session", "abc")
    assert signer.unsign("session", token, max_age=60).payload == "abc"
    for purpose in ("known", "moderate", "confirm", "unsubscribe", "other"):
        with pytest.raises(BadToken):
            signer.unsign(purpose, token, max_age=60)
    with pytest.raises(BadToken):
        Signer((b"x" * 32,)).unsign("session", token, max_age=60)
    with pytest.raises(ExpiredToken):
        signer.unsign("session", signer.sign("session", "abc", now=time.time() - 120), max_age=60)
    with pytest.raises(ExpiredToken):
        signer.unsign("session", signer.sign("session", "abc", now=time.time() + 3600), max_age=60)
    assert signer.unsign("session", signer.sign("session", "abc", now=time.time() + 60), max_age=60).payload == "abc", \
        "a server whose clock is a minute ahead is still believed"


@pytest.mark.parametrize("spoil", ["last character", "inserted character", "empty", "huge", "not text"])
def test_a_variant_of_a_genuine_token_is_refused(spoil):
    signer = Signer((KEY,))
    token = signer.sign("session", "abc")
    variants = {  # the same signature bytes written another way, or nothing like a token
        "last character": [token[:-1] + c for c in "AQgw" if c != token[-1]],
        "inserted character": [token[:-5] + "!" + token[-5:], token[:-5] + "=" + token[-5:]],
        "empty": [""], "huge": [token + "A" * 2000], "not text": [None, 12345, token.encode()],
    }[spoil]
    for variant in variants:
        with pytest.raises(BadToken):
            signer.unsign("session", variant, max_age=60)


def test_a_signer_needs_real_keys():
    from essaykit.errors import StoreError

    for keys in ((), (b"short",), ("text key, not bytes",)):
        with pytest.raises(StoreError, match="signing key"):
            Signer(keys)
