"""essaykit.comments.trust: the signed "approved before" token, and its cookie on a Tornado handler."""

from __future__ import annotations

import time

import pytest

from essaykit.comments import trust
from essaykit.comments.fields import normalise_email
from essaykit.comments.sessions import Sessions

KEY = b"k" * 32
SESSIONS = Sessions((KEY,))


@pytest.mark.parametrize("typed, key", [
    ("a1@example.org", "a1@example.org"), (" A1@EXAMPLE.org ", "a1@example.org"),
    ("Stra\u00dfe@example.org", "strasse@example.org"), ("ada@example.org.", "ada@example.org"),
    ("\uff41da@example.org", "ada@example.org"),  # a fullwidth letter is the letter
])
def test_normalise_email(typed, key):
    assert normalise_email(typed) == key


def test_a_token_round_trips_the_normalised_email():
    token = trust.mint_known(SESSIONS, " Ada@Example.org ")
    assert trust.verify_known(SESSIONS, token) == "ada@example.org"
    assert trust.verify_known(KEY, token) == "ada@example.org", "raw key bytes are a source too"
    assert "Ada" not in token and "@" not in token, "the cookie value is base64, safe in a cookie"


@pytest.mark.parametrize("case", ["tampered mac", "swapped email", "other key", "expired", "from the future",
                                  "session token", "garbage", "huge", "not text"])
def test_anything_but_a_genuine_token_is_none(case):
    token = trust.mint_known(SESSIONS, "ada@example.org")
    other = trust.mint_known(SESSIONS, "bob@example.org")
    bad = {
        "tampered mac": token[:-1] + ("A" if token[-1] != "A" else "B"),
        "swapped email": ".".join([*other.split(".")[:2], *token.split(".")[2:]]),
        "other key": trust.mint_known(b"x" * 32, "ada@example.org"),
        "expired": trust.mint_known(SESSIONS, "ada@example.org", now=time.time() - trust.MAX_AGE_SECONDS - 10),
        "from the future": trust.mint_known(SESSIONS, "ada@example.org", now=time.time() + 3600),
        "session token": SESSIONS.mint()[1],
        "garbage": "k1.!!.??.zz",
        "huge": "k1." + "A" * 5000,
        "not text": 12345,
    }[case]
    assert trust.verify_known(SESSIONS, bad) is None


def test_a_token_needs_an_address():
    with pytest.raises(ValueError, match="email address"):
        trust.mint_known(SESSIONS, "not an address")


class FakeHandler:
    """Just what give_known and known_email touch on a Tornado RequestHandler."""

    def __init__(self, protocol="http", cookies=None):
        self.request = type("Request", (), {"protocol": protocol})()
        self.settings = {"essaykit_api": type("Api", (), {"sessions": SESSIONS})()}
        self.cookies = dict(cookies or {})
        self.set = {}

    def set_cookie(self, name, value, **options):
        self.set[name] = (value, options)

    def get_cookie(self, name):
        return self.cookies.get(name)


@pytest.mark.parametrize("protocol", ["http", "https"])
def test_give_known_sets_an_httponly_lax_cookie(protocol):
    handler = FakeHandler(protocol)
    token = trust.give_known(handler, "Ada@example.org")
    value, options = handler.set[("__Host-" if protocol == "https" else "") + trust.KNOWN_COOKIE]
    assert value == token and options["httponly"] is True and options["samesite"] == "Lax"
    assert options["path"] == "/" and options["expires_days"] == 365
    assert options.get("secure", False) is (protocol == "https"), "Secure exactly when the request came over HTTPS"
    assert "domain" not in options, "a __Host- cookie has no Domain"
    assert trust.known_email(FakeHandler(cookies={trust.KNOWN_COOKIE: token})) == "ada@example.org"
    assert trust.known_email(FakeHandler()) is None
