"""Attack: crash the comment API with input no form would send (each of these answered 500).

A lone surrogate (JSON's ``"\\ud800"``) in a comment's body or website, a rating of 4,301 digits
(past Python's integer-string limit) and a "Show more" cursor whose row id overflows the database's
integers. Each is refused with 400 and a message at its field; nothing is stored, and the server
still answers honest readers.
"""

from __future__ import annotations

import base64

import pytest
from helpers.api_client import ESSAY, stored
from helpers.security import Browser

def send_raw(server, reader: Browser, path: str, text: str):
    """POST ``text`` exactly as written (JSON escapes included) from ``reader``."""
    return reader.request("POST", path, text, {"Origin": server.url, "Content-Type": "application/json"})


@pytest.mark.parametrize("field", ["body", "website", "author"])
def test_a_lone_surrogate_is_refused_at_its_field(hostile_server, field):
    reader = Browser(hostile_server)
    values = {"essay": ESSAY, "author": "A reader", "email": "lone@example.org", "body": "Words.",
              "website": "https://example.org/"}
    values[field] = "\\ud800" + ("https://example.org/" if field == "website" else "x")
    text = "{" + ", ".join(f'"{k}": "{v}"' for k, v in values.items()) + "}"
    before = len(stored(hostile_server.db, ESSAY))
    answer = send_raw(hostile_server, reader, "/api/comments", text)
    assert answer.status == 400, answer
    assert answer.json["field"] == field and "surrogate" in answer.json["message"], answer.json
    assert len(stored(hostile_server.db, ESSAY)) == before, "nothing was stored"


def test_a_rating_of_4301_digits_is_refused_at_its_field(hostile_server):
    reader = Browser(hostile_server)
    answer = send_raw(hostile_server, reader, "/api/ratings", '{"essay": "%s", "value": %s}' % (ESSAY, "9" * 4301))
    assert answer.status == 400, answer
    assert answer.json["field"] == "value" and answer.json["message"].startswith("Rating:"), answer.json
    assert reader.rate(3).status == 201, "the same reader still rates honestly"


@pytest.mark.parametrize("row_id", [2**63, 10**40, -1])
def test_a_cursor_whose_id_overflows_is_refused(hostile_server, row_id):
    cursor = base64.urlsafe_b64encode(f"20240101000000000000.{row_id}".encode()).decode().rstrip("=")
    answer = Browser(hostile_server).request("GET", f"/api/comments?essay={ESSAY}&after={cursor}")
    assert answer.status == 400, answer
    assert answer.json["field"] == "after" and "cursor" in answer.json["message"], answer.json
