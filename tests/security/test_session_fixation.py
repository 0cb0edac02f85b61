"""Attack: session fixation. A page on a sibling host (or another port) plants the attacker's own genuine
session in the victim's browser; the attacker then waits to read the victim's held comment, to receive
their "approved before" token once the author approves it, and to post as them, published at once.

Defences: the session is rotated whenever trust changes (a comment posted, "approved before" earned, an
address confirmed), so the planted session never owns what the victim did; over HTTPS the cookies are
``__Host-`` prefixed (a sibling host cannot set them); the kernel route's ``_xsrf`` is bound to the session.
"""

from __future__ import annotations

from urllib.parse import quote

from helpers.security import Browser, approve

from essaykit.comments.sessions import Sessions
from essaykit.comments import trust
from essaykit.comments.store import CommentStore

COOKIE = "essaykit_reader"
KNOWN = "essaykit_known"


def planted(server) -> tuple[Browser, Browser]:
    """(attacker, victim): the victim's browser holds the attacker's genuine session."""
    attacker = Browser(server)
    attacker.page()
    victim = Browser(server)
    victim.cookies = dict(attacker.cookies)
    return attacker, victim


def test_a_planted_session_never_sees_the_victims_held_comment(hostile_server):
    attacker, victim = planted(hostile_server)
    secret = "Held words only my browser may see 7c1f."
    answer = victim.post_comment(body=secret, author="Victim")
    assert answer.status == 202 and answer.json["status"] != "approved", answer
    assert victim.cookies[COOKIE] != attacker.cookies[COOKIE], "posting rotated the victim's session"
    assert secret in victim.page().text, "the poster still sees their held comment"
    assert secret not in attacker.page().text, "the planted session does not own the victim's comment"


def test_a_planted_session_never_receives_the_victims_approved_before_token(hostile_server):
    attacker, victim = planted(hostile_server)
    email = "victim-fixation@example.org"
    posted = victim.post_comment(email=email, body="Approve me, please.")
    approve(hostile_server.db, posted.json["id"])
    attacker.page()
    assert attacker.set_cookie_line(KNOWN) is None and KNOWN not in attacker.cookies, \
        "the attacker's copy of the planted session earns nothing"
    impostor = attacker.post_comment(email=email, body="Posting as the victim.")
    assert impostor.json["status"] != "approved", "without the token the impostor is held"
    before = victim.cookies[COOKIE]
    victim.page()
    assert victim.set_cookie_line(KNOWN), "the victim's own browser earns the token"
    assert victim.cookies[COOKIE] != before, "earning trust rotated the session again"
    with CommentStore.open(hostile_server.db) as store:
        assert trust.verify_known(Sessions.for_store(store), victim.cookies[KNOWN]) == email


def test_rotation_keeps_the_readers_rating(hostile_server):
    reader = Browser(hostile_server)
    reader.page()
    assert reader.rate(4).status == 201
    reader.post_comment(body="A comment after rating.")
    assert reader.summary()["mine"] == 4, "the rating moved to the new session"
    assert reader.rate(5).status == 409, "still one rating per reader after rotation"


def test_a_kernel_token_made_up_with_a_cookie_is_refused(hostile_server):
    """Tornado's double submit accepted any cookie and field that match, and minted a session for each
    cookieless POST. The token is bound to the signed session now."""
    made_up = "2|deadbeef|0011223344556677|1700000000"
    nobody = Browser(hostile_server)
    nobody.cookies = {"_xsrf": made_up}
    answer = nobody.request("POST", "/essaykit/kernel", f"essay=the-salt-road&_xsrf={quote(made_up)}",
                            {"Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status == 403, answer
    assert nobody.set_cookie_line(COOKIE) is None, "a refused POST mints no session"


def test_another_sessions_kernel_token_is_refused(hostile_server):
    reader, other = Browser(hostile_server), Browser(hostile_server)
    reader.page()
    other.page()
    with CommentStore.open(hostile_server.db) as store:
        sessions = Sessions.for_store(store)
    mine = sessions.verify(reader.cookies[COOKIE])
    theirs = sessions.xsrf_token(sessions.verify(other.cookies[COOKIE]))
    assert sessions.check_xsrf(mine, sessions.xsrf_token(mine)), "the reader's own token passes"
    answer = reader.request("POST", "/essaykit/kernel", f"essay=the-salt-road&_xsrf={quote(theirs)}",
                            {"Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status == 403, answer


def test_cookies_over_https_are_host_prefixed(hostile_server):
    """Behind the trusted proxy (hostile_server trusts loopback) that reports HTTPS."""
    reader = Browser(hostile_server)
    reader.request("GET", "/voila/render/the-salt-road.ipynb", headers={"X-Forwarded-Proto": "https"})
    line = reader.set_cookie_line("__Host-" + COOKIE)
    assert line, reader.last_set_cookies
    assert "Secure" in line and "Path=/" in line and "domain" not in line.lower(), line
    assert reader.set_cookie_line(COOKIE) is None, "no plain-named session over HTTPS"
    plain = Browser(hostile_server)
    plain.page()
    assert plain.set_cookie_line(COOKIE) and "Secure" not in plain.set_cookie_line(COOKIE), \
        "plain HTTP (development on localhost) keeps the plain name"


def test_an_old_plain_cookie_over_https_keeps_its_session_and_moves_to_the_prefix(hostile_server):
    reader = Browser(hostile_server)
    reader.page()
    held = "Held before the upgrade 91ab."
    reader.post_comment(body=held)
    https = {"X-Forwarded-Proto": "https"}
    page = reader.request("GET", "/voila/render/the-salt-road.ipynb", headers=https)
    assert held in page.text, "the plain cookie of the release before is still read"
    assert reader.set_cookie_line("__Host-" + COOKIE), "and comes back under the __Host- name"
    assert COOKIE not in reader.cookies, "the plain one is cleared"
    assert held in reader.request("GET", "/voila/render/the-salt-road.ipynb", headers=https).text
