"""The "Notify me of replies" box and the ``notify`` field: offered only when the server sends mail,
and any value that is not a clear yes means no."""

from __future__ import annotations

import pytest

from essaykit.comments.render import form_context, form_html
from essaykit.comments.submission import Submission

LABEL = "Notify me of replies by email"


def test_the_box_is_offered_only_when_mail_is_on():
    assert LABEL not in form_html(form_context("the-salt-road")), "no SMTP: no promise of email"
    on = form_html(form_context("the-salt-road", notify_box=True))
    assert LABEL in on and 'name="notify" value="1">' in on
    kept = form_html(form_context("the-salt-road", notify_box=True, notify=True))
    assert 'name="notify" value="1" checked>' in kept, "a refused form keeps the box ticked"


@pytest.mark.parametrize("value, wanted", [
    (True, True), ("1", True), ("on", True), ("true", True), (" YES ", True),
    (False, False), ("", False), ("0", False), ("off", False), (None, False), (1, False), ({"x": 1}, False),
    (["1"], False), ("1\r\nBcc: x", False), ("1" * 10_000, False),
])
def test_notify_values(value, wanted):
    fields = {"author": "Ada", "email": "ada@example.org", "body": "Hi.", "notify": value}
    assert Submission.from_mapping("the-salt-road", fields).notify is wanted


def test_notify_is_recorded_only_for_the_comment_that_asked(store):
    from essaykit.mail import outbox

    asked = store.post("the-salt-road", author="Ada", email="ada@example.org", body="One.", notify=True)
    store.post("the-salt-road", author="Bo", email="bo@example.org", body="Two.", session="other")
    with store.reading() as conn:
        import sqlalchemy as sa

        from essaykit.db.schema import comments, mail_subscriptions

        rows = conn.execute(sa.select(comments.c.public_id, mail_subscriptions.c.state)
                            .select_from(mail_subscriptions.join(comments))).all()
        assert [tuple(r) for r in rows] == [(asked.comment.id, "requested")]
        assert not outbox.is_verified(conn, "ada@example.org")
