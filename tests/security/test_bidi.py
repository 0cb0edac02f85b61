"""Text tricks: bidi controls (U+202A-U+202E, U+2066-U+2069) are stripped from comment bodies,
as they are from names, on every posting path."""

from __future__ import annotations

import pytest

from helpers.security import Browser, approve, stored

from essaykit.comments.fields import BIDI_CONTROLS, clean_body, clean_name, strip_bidi_controls

CONTROLS = sorted(BIDI_CONTROLS)


def test_the_controls_are_exactly_the_bidi_embeddings_overrides_and_isolates():
    assert CONTROLS == [chr(c) for c in (0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069)]


@pytest.mark.parametrize("control", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_bodies_and_names_lose_every_control_alike(control):
    text = f"see {control}txt.exe{control} now"
    assert clean_body(text) == clean_name(text) == strip_bidi_controls(text) == "see txt.exe now"


def test_right_to_left_letters_and_marks_stay_in_bodies():
    body = "\u05e9\u05dc\u05d5\u05dd (hello)\u200f."
    assert clean_body(body) == body, "Hebrew letters and the RLM mark are text, not tricks"


def test_a_body_with_an_override_is_stored_and_shown_without_it(hostile_server):
    reader = Browser(hostile_server)
    answer = reader.post_comment(author="gpj.\u202eevil", body="Download invoice\u202efdp.exe now \u2066x\u2069")
    assert answer.status == 202
    kept = stored(hostile_server.db, answer.json["id"])
    assert kept.body == "Download invoicefdp.exe now x" and kept.author == "gpj.evil"
    assert not set(answer.text) & BIDI_CONTROLS, "the poster's own copy has none either"
    approve(hostile_server.db, answer.json["id"])
    page = Browser(hostile_server).request("GET", "/api/comments?essay=the-salt-road").text
    assert "Download invoicefdp.exe" in page and not set(page) & BIDI_CONTROLS


def test_an_older_stored_body_is_rendered_without_them(store):
    import sqlalchemy as sa

    from essaykit.db.engine import get_engine
    from essaykit.db.schema import comments

    posted = store.post("e", author="Old", email="old@example.org", body="before")
    with get_engine(store.url).begin() as conn:  # as a database written before the rule would hold it
        conn.execute(sa.update(comments).where(comments.c.public_id == posted.comment.id)
                     .values(body="old \u202eevil"))
    assert "\u202e" not in store.get(posted.comment.id).body_html
