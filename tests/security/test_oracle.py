"""The email oracle: the answer to a post must not tell whether an email (or an email and body)
was seen before. It may depend only on what the poster's own browser proves."""

from __future__ import annotations

import re

import pytest

from helpers.security import Browser, approve

# The pace between posts is test_lockout's subject; here a browser may post twice at once.
RULES = {"min_interval": 0}


def shape(answer) -> tuple:
    """Everything of an API answer but the words the poster typed and the new comment's id."""
    body = answer.json
    html = re.sub(r"ek-c-[0-9a-f]+|[0-9a-f]{12}", "ID", body.get("html", ""))
    html = re.sub(r"<p>.*?</p>", "<p>BODY</p>", html, flags=re.S)
    html = re.sub(r'data:image/svg\+xml;base64,[A-Za-z0-9+/=]+', "AVATAR", html)
    html = re.sub(r"<time[^>]*>.*?</time>", "TIME", html, flags=re.S)
    return (answer.status, sorted(body), body["status"], body["notice"], html,
            answer.headers.get("content-type"), "retry-after" in answer.headers)


@pytest.fixture(scope="module")
def known(hostile_server):
    """An approved commenter, their email and one of their comments' body."""
    ada = Browser(hostile_server)
    first = ada.post_comment(email="known.person@example.org", author="Known", body="The words they wrote.")
    approve(hostile_server.db, first.json["id"])
    return {"email": "known.person@example.org", "body": "The words they wrote."}


def test_a_known_email_gets_exactly_the_answer_an_unknown_one_gets(hostile_server, known):
    unknown = Browser(hostile_server).post_comment(email="never.seen@example.org", author="Someone",
                                                   body="Hello there.")
    claimed = Browser(hostile_server).post_comment(email=known["email"], author="Someone", body="Hello there!")
    assert shape(claimed) == shape(unknown), "a stranger must not learn that this email has commented"
    assert claimed.json["status"] == "pending"


def test_a_duplicate_is_answered_like_any_held_post(hostile_server, known):
    fresh = Browser(hostile_server).post_comment(email="x.fresh@example.org", author="Someone", body="New words.")
    duplicate = Browser(hostile_server).post_comment(email=known["email"], author="Someone", body=known["body"])
    assert shape(duplicate) == shape(fresh), "the duplicate must not confirm the stored email-and-body pair"
    case = Browser(hostile_server).post_comment(email=known["email"].upper(), author="Someone", body=known["body"])
    assert shape(case) == shape(fresh), "nor may the same pair with the email in another case"


def test_the_plain_form_answers_alike_too(hostile_server, known):
    answers = [
        Browser(hostile_server).post_comment(form=True, email="form.new@example.org", body="Form words."),
        Browser(hostile_server).post_comment(form=True, email=known["email"], body="Other form words."),
        Browser(hostile_server).post_comment(form=True, email=known["email"], body=known["body"]),
    ]
    found = {(a.status, a.headers["location"]) for a in answers}
    assert len(found) == 1, f"three answers must be one: {found}"
    status, location = found.pop()
    assert status == 303 and location.endswith("#ek-comment-pending"), location


def test_only_the_posters_own_session_learns_of_its_duplicate(hostile_server):
    """Refusing a duplicate is fine when it is the browser's own: it proves nothing about anyone else."""
    me = Browser(hostile_server)
    me.post_comment(email="me@example.org", body="Said once.")
    again = me.post_comment(email="me@example.org", body="Said once.")
    assert again.status == 400 and "already posted" in again.json["message"]
