"""Impersonation: typing an approved commenter's email (in any case) must not publish a comment.

Only proof from the poster's own browser does: the signed "approved before" token
(essaykit_known), which the server gives the browser whose earlier comment was approved.
"""

from __future__ import annotations

from helpers.security import Browser, approve, stored

from essaykit.comments import trust

# A returning commenter comes back later; this module does not wait out the 15 s pace between posts.
RULES = {"min_interval": 0}


def known_reader(server, email: str):
    """A reader whose first comment the author approved; returns their browser."""
    ada = Browser(server)
    first = ada.post_comment(email=email, author="Ada", body="My first words here.")
    assert first.status == 202 and first.json["status"] == "pending"
    approve(server.db, first.json["id"])
    return ada


def test_a_known_email_typed_by_another_browser_is_held(hostile_server):
    known_reader(hostile_server, "a1@example.org")
    for variant in ("a1@example.org", "A1@EXAMPLE.org", "  a1@Example.ORG "):
        impostor = Browser(hostile_server)
        answer = impostor.post_comment(email=variant, author="Ada", body=f"I am Ada, honest ({variant!r}).")
        assert answer.status == 202, answer
        assert answer.json["status"] == "pending" and answer.json["notice"] == "Your comment is awaiting moderation.", \
            f"{variant!r} from a browser that proves nothing must be held"
        kept = stored(hostile_server.db, answer.json["id"])
        assert kept.status == "pending"
        assert trust.KNOWN_COOKIE not in impostor.cookies, "typing an address earns no token"
        thread = impostor.request("GET", "/api/comments?essay=the-salt-road").text
        assert "I am Ada, honest" not in thread, "nothing shows under the real commenter's identicon"


def test_the_approved_browser_earns_the_token_and_is_published(hostile_server):
    ada = known_reader(hostile_server, "ada.lovelace@example.org")
    ada.page()
    line = ada.set_cookie_line(trust.KNOWN_COOKIE)
    assert line is not None, "the next page view after the approval gives the browser its token"
    assert "HttpOnly" in line and "SameSite=Lax" in line and "Path=/" in line, line
    later = ada.post_comment(email="Ada.Lovelace@Example.org", author="Ada", body="Back again, with more.")
    assert later.json["status"] == "approved", "a proven returning commenter is published at once"
    assert later.json["notice"] == "Thank you! Your comment is published."


def test_a_copied_token_proves_only_its_own_address(hostile_server):
    ada = known_reader(hostile_server, "ada2@example.org")
    ada.page()
    bob = known_reader(hostile_server, "bob2@example.org")
    bob.page()
    thief = Browser(hostile_server)
    thief.cookies[trust.KNOWN_COOKIE] = bob.cookies[trust.KNOWN_COOKIE]
    answer = thief.post_comment(email="ada2@example.org", author="Ada", body="Bob pretending to be Ada.")
    assert answer.json["status"] == "pending", "Bob's token says nothing about Ada's address"


def test_a_forged_token_is_dropped_not_trusted(hostile_server):
    known_reader(hostile_server, "carol@example.org")
    forger = Browser(hostile_server)
    from essaykit.comments.trust import mint_known

    forger.cookies[trust.KNOWN_COOKIE] = mint_known(b"not the server's key, just guessed", "carol@example.org")
    answer = forger.post_comment(email="carol@example.org", author="Carol", body="Forged proof.")
    assert answer.json["status"] == "pending"
    assert trust.KNOWN_COOKIE not in forger.cookies, "a forged token is cleared, never kept or echoed"


def test_the_plain_form_gives_the_impostor_the_held_answer(hostile_server):
    known_reader(hostile_server, "dora@example.org")
    impostor = Browser(hostile_server)
    answer = impostor.post_comment(form=True, email="DORA@example.org", author="Dora", body="Form impostor.")
    assert answer.status == 303 and answer.headers["location"].endswith("#ek-comment-pending"), answer.headers
