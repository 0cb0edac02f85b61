"""Sessions: the essaykit_reader cookie is minted and signed by the server. A missing, forged,
tampered or expired value is replaced, never trusted and never echoed; the key rotates."""

from __future__ import annotations

import pytest

from helpers.security import Browser

from essaykit.comments.sessions import Sessions
from essaykit.db.signing_keys import rotate
from essaykit.comments.store import CommentStore
from essaykit.comments import trust

COOKIE = "essaykit_reader"
YEAR = 365 * 24 * 3600


def server_sessions(server) -> Sessions:
    with CommentStore.open(server.db) as store:
        return Sessions.for_store(store)


@pytest.mark.parametrize("route", ["/voila/render/the-salt-road.ipynb", "/api/ratings?essay=the-salt-road"])
def test_a_new_reader_gets_a_signed_session_with_safe_attributes(hostile_server, route):
    reader = Browser(hostile_server)
    reader.request("GET", route)
    line = reader.set_cookie_line(COOKIE)
    assert line and "HttpOnly" in line and "SameSite=Lax" in line and "Path=/" in line, line
    assert server_sessions(hostile_server).verify(reader.cookies[COOKIE]), "the server's own signature"
    reader.request("GET", route)
    assert reader.set_cookie_line(COOKIE) is None, "a genuine session is kept, not re-issued"


def forged_values(server) -> dict:
    sessions = server_sessions(server)
    session, token = sessions.mint()
    expired = sessions.mint(now=1_000_000)[1]  # signed by the right key in 1970: long expired
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    other_key = Sessions((b"some other database's key!!",)).mint()[1]
    return {"made-up": "admin", "expired": expired, "tampered": tampered, "another key": other_key,
            "id swapped": "X" * 24 + token[24:], "script": '"><script>alert(1)</script>'}


@pytest.mark.parametrize("case", ["made-up", "expired", "tampered", "another key", "id swapped", "script"])
def test_a_forged_session_is_replaced_and_never_echoed(hostile_server, case):
    value = forged_values(hostile_server)[case]
    for route in ("/voila/render/the-salt-road.ipynb", "/api/ratings?essay=the-salt-road"):
        reader = Browser(hostile_server)
        reader.cookies[COOKIE] = value
        answer = reader.request("GET", route)
        fresh = reader.cookies.get(COOKIE)
        assert fresh and fresh != value, f"{case}: {route} must replace the value"
        assert server_sessions(hostile_server).verify(fresh), "with one the server signed"
        assert value not in answer.text or case == "made-up", f"{case}: the forged value is not echoed back"


def test_a_forged_session_cannot_post_as_the_one_it_imitates(hostile_server):
    """Posting with a forged cookie starts a new session: the limits of the real one still hold."""
    reader = Browser(hostile_server)
    reader.post_comment()
    forger = Browser(hostile_server)
    genuine = reader.cookies[COOKIE]
    forger.cookies[COOKIE] = genuine[:-1] + ("x" if genuine[-1] != "x" else "y")  # never the genuine value
    answer = forger.post_comment()
    assert answer.status == 202
    assert forger.cookies[COOKIE].split(".")[0] != reader.cookies[COOKIE].split(".")[0], \
        "the forger got a session id of its own, not the one it imitated"


# --- rotation (essaykit secret rotate) --------------------------------------------------------------


def test_rotation_keeps_old_sessions_for_the_grace_period_then_drops_them(db_url):
    with CommentStore.open(db_url) as store:
        before = Sessions.for_store(store)
        session, token = before.mint()
        known = trust.mint_known(before, "ada@example.org")
        rotate(store, grace_days=30)
        during = Sessions.for_store(store)
        assert during.verify(token) == session, "an old session lives on through the grace period"
        same, renewed, fresh = during.resume(token)
        assert same == session and renewed != token and fresh, "and comes back re-signed with the new key"
        assert Sessions(during.keys[:1]).verify(renewed) == session
        assert trust.verify_known(during, known) == "ada@example.org", "tokens too"
        after_grace = Sessions.for_store(store, now=__import__("time").time() + 31 * 86400)
        assert after_grace.verify(token) is None, "after the grace period the old key is gone"
        rotate(store, grace_days=0)
        assert Sessions.for_store(store).verify(renewed) is None, "--grace 0 drops the old key at once"
        assert trust.verify_known(store, known) is None


def test_the_rotate_command(cli, tmp_path):
    db = f"sqlite:///{tmp_path / 'c.sqlite'}"
    with CommentStore.open(db) as store:
        old = store.setting("session_secret")
    result = cli("secret", "rotate", "--db", db)
    assert result.exit_code == 0 and "accepted until" in result.output, result.output
    with CommentStore.open(db) as store:
        assert store.setting("session_secret") != old
        assert store.setting("session_secret_previous") == old
    refused = cli("secret", "rotate", "--grace", "-1", "--db", db)
    assert refused.exit_code != 0 and "-1" in refused.output


def test_cookies_in_the_old_format_keep_their_reader_and_come_back_in_the_new_one(hostile_server):
    """A reader's cookies signed before essaykit.db.signing still name them, and are re-issued."""
    from helpers.legacy_tokens import old_known, old_session

    with CommentStore.open(hostile_server.db) as store:
        key = store.setting("session_secret").encode()
    reader = Browser(hostile_server)
    reader.cookies[COOKIE] = old_session(key, "L" * 24)
    reader.cookies[trust.KNOWN_COOKIE] = old_known(key, "ada@example.org")
    reader.request("GET", "/api/ratings?essay=the-salt-road")
    renewed = reader.cookies[COOKIE]
    assert renewed != old_session(key, "L" * 24) and server_sessions(hostile_server).verify(renewed) == "L" * 24, \
        "the same reader, in the new format"
    known = reader.cookies[trust.KNOWN_COOKIE]
    assert known.count(".") == 2 and trust.verify_known(server_sessions(hostile_server), known) == "ada@example.org"
    assert not trust.needs_reissue(server_sessions(hostile_server), known), "re-signed the new way"
