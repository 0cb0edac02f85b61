"""Hostile and malformed input for CommentStore.post() and import_records().

Each case is either refused with a CommentError naming the field, or stored
with its text kept and rendered inert: the body HTML holds only the comment
profile's tags, no event handlers, and links only to http, https or mailto.
The same table runs through the form path (post) and the backup path
(import_records), on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import html.parser
from datetime import datetime, timedelta, timezone

import pytest

from essaykit.errors import CommentError
from helpers.hostile_fields import CASES, IMPORTED_CASES, PARENT_ELSEWHERE, Refused, Stored

ESSAY = "the-salt-road"
OTHER = "another-essay"
NOW = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)
ALLOWED_TAGS = {"a", "blockquote", "br", "code", "em", "li", "ol", "p", "pre", "strong", "ul", "del", "s"}
# nh3 keeps its harmless generic attributes (title, lang) on every tag; their values are escaped.
ALLOWED_ATTRS = {"href", "rel", "start", "title", "lang"}


class _Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def assert_inert(markup: str) -> None:
    parser = _Tags()
    parser.feed(markup)
    for tag, attrs in parser.found:
        assert tag in ALLOWED_TAGS, f"<{tag}> must never come out of a reader's comment: {markup[:200]}"
        for name, value in attrs:
            assert name in ALLOWED_ATTRS, f"attribute {name}= on <{tag}> must be stripped: {markup[:200]}"
            if name == "href":
                assert (value or "").startswith(("http://", "https://", "mailto:")), f"unsafe link {value!r}"
            if name == "rel":
                assert value == "nofollow ugc noopener", "reader links get nofollow ugc noopener"


@pytest.fixture
def store_url(db_url):
    return db_url


def _values(store, overrides: dict) -> dict:
    values = {"author": "Ada", "email": "ada@example.org", "website": "", "body": "A fine essay.", "parent": None}
    values.update(overrides)
    if values["parent"] is PARENT_ELSEWHERE:
        elsewhere = store.import_records([{"id": "elsewhere-1", "essay": OTHER, "author": "Bo", "body": "hi",
                                           "created": "2026-01-01T00:00:00Z", "status": "approved"}])
        assert elsewhere.added == 1
        values["parent"] = "elsewhere-1"
    return values


def _check_stored(comment, expected: Stored) -> None:
    for key, value in expected.expect.items():
        assert getattr(comment, key) == value, f"{key} should be stored as {value!r}"
    assert_inert(comment.body_html)
    if expected.html_has:
        assert expected.html_has in comment.body_html, f"expected {expected.html_has!r} in {comment.body_html[:300]!r}"
    assert comment.website == "" or comment.website.startswith(("http://", "https://"))


@pytest.mark.parametrize("overrides, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_post(store, overrides, expected):
    values = _values(store, overrides)
    if isinstance(expected, Refused):
        with pytest.raises(CommentError) as info:
            store.post(ESSAY, session="reader", now=NOW, **values)
        assert info.value.field == expected.field, f"the error should name {expected.field!r}: {info.value}"
        assert str(info.value), "the reader needs a message"
        assert [c.essay for c in store.list()] in ([], [OTHER]), "nothing may be stored for a refused comment"
        return
    result = store.post(ESSAY, session="reader", now=NOW, **values)
    store.set_status([result.comment.id], "approved", by="test")
    shown = store.thread(ESSAY).items
    assert [c.id for c in shown] == [result.comment.id]
    _check_stored(shown[0], expected)


@pytest.mark.parametrize("overrides, expected", [c[1:] for c in IMPORTED_CASES], ids=[c[0] for c in IMPORTED_CASES])
def test_import(store, overrides, expected):
    values = _values(store, overrides)
    record = {"id": "hostile-1", "essay": ESSAY, "created": "2026-11-20T18:00:00Z", "status": "approved",
              "kind": "comment", "source_url": "", **values}
    report = store.import_records([record], source="test")
    if isinstance(expected, Refused):
        assert report.added == 0 and len(report.errors) == 1
        problem = report.errors[0]
        assert (problem.index, problem.field) == (0, expected.field), str(problem)
        assert store.thread(ESSAY).items == []
        return
    assert (report.added, report.errors) == (1, [])
    _check_stored(store.get("hostile-1"), expected)


def test_the_body_limit_counts_characters_not_bytes(store):
    body = "é" * 5000  # 10,000 bytes in UTF-8
    result = store.post(ESSAY, author="Ada", email="ada@example.org", body=body, now=NOW)
    assert store.get(result.comment.id).body == body, "the database must store the whole body, untruncated"


def test_a_refused_post_never_counts_toward_flood_control(store):
    with pytest.raises(CommentError):
        store.post(ESSAY, author="Ada", email="bad", body="hello", session="s", now=NOW)
    result = store.post(ESSAY, author="Ada", email="ada@example.org", body="hello", session="s",
                        now=NOW + timedelta(seconds=1))
    assert result.status == "pending"
