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

from essaykit.comments.store import CommentStore
from essaykit.errors import CommentError

ESSAY = "the-salt-road"
OTHER = "another-essay"
NOW = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)
ALLOWED_TAGS = {"a", "blockquote", "br", "code", "em", "li", "ol", "p", "pre", "strong", "ul", "del", "s"}
# nh3 keeps its harmless generic attributes (title, lang) on every tag; their values are escaped.
ALLOWED_ATTRS = {"href", "rel", "start", "title", "lang"}

PARENT_ELSEWHERE = object()  # replaced by the id of an approved comment on another essay


class Refused:
    def __init__(self, field: str):
        self.field = field

    def __repr__(self) -> str:
        return f"Refused({self.field!r})"


class Stored:
    """Stored; ``expect`` maps fields to their stored value, ``html_has`` must appear in body_html."""

    def __init__(self, html_has: str = "", **expect):
        self.html_has = html_has
        self.expect = expect


EMOJI_RTL_NAME = "سارا 🌶️ 👨\u200d👩\u200d👧 Ōtākou"
EMOJI_RTL_BODY = "نظر خوبی بود 🎬👍🏽 — עברית גם"

CASES = [
    # --- the body: markup and script ---
    ("script tag", {"body": "<script>window.__pwned=1</script>"}, Stored("&lt;script&gt;")),
    ("img onerror", {"body": "<img src=x onerror=window.__pwned=1>"}, Stored("&lt;img")),
    ("svg onload", {"body": '<svg onload="window.__pwned=1"><circle r=5 /></svg>'}, Stored()),
    ("svg with script", {"body": "<svg><script>window.__pwned=1</script></svg>"}, Stored()),
    ("iframe", {"body": '<iframe src="javascript:window.__pwned=1"></iframe>'}, Stored()),
    ("style tag", {"body": "<style>body{display:none}</style>hi"}, Stored()),
    ("raw anchor with javascript", {"body": '<a href="javascript:window.__pwned=1">x</a>'}, Stored()),
    ("markdown javascript link", {"body": "[click](javascript:window.__pwned=1)"}, Stored()),
    ("markdown mixed-case javascript", {"body": "[click](JaVaScRiPt:window.__pwned=1)"}, Stored()),
    ("markdown entity javascript", {"body": "[click](javascript&#58;window.__pwned=1)"}, Stored()),
    ("markdown data link", {"body": "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"}, Stored()),
    ("markdown image", {"body": "![x](https://tracker.example/pixel.png)"}, Stored()),
    ("autolink javascript", {"body": "<javascript:window.__pwned=1>"}, Stored()),
    ("reference-style javascript", {"body": "[x][1]\n\n[1]: javascript:window.__pwned=1"}, Stored()),
    ("link title breakout", {"body": '[x](https://ok.example "t\\" onmouseover=\\"window.__pwned=1")'},
     Stored('href="https://ok.example"')),
    ("link text hides a different url", {"body": "[https://bank.example](https://evil.example)"},
     Stored('href="https://evil.example"')),
    ("script in a code span", {"body": "`<script>window.__pwned=1</script>`"}, Stored("<code>&lt;script&gt;")),
    ("sql in the body", {"body": "Robert'); DROP TABLE comments;--"},
     Stored(body="Robert'); DROP TABLE comments;--")),
    ("nul in the body", {"body": "before\x00after"}, Stored(body="beforeafter")),
    ("crlf in the body", {"body": "line one\r\nline two\rline three"}, Stored(body="line one\nline two\nline three")),
    ("emoji and rtl body", {"body": EMOJI_RTL_BODY}, Stored(EMOJI_RTL_BODY, body=EMOJI_RTL_BODY)),
    ("5,000 characters is the limit", {"body": "x" * 5000}, Stored()),
    ("5,001 characters", {"body": "x" * 5001}, Refused("body")),
    ("1 MB body", {"body": "y" * 1_000_000}, Refused("body")),
    ("empty body", {"body": "  \r\n\t "}, Refused("body")),
    ("body that is not text", {"body": ["<script>"]}, Refused("body")),
    # --- the name ---
    ("empty name", {"author": ""}, Refused("author")),
    ("name of zero-width characters only", {"author": "\u200b\u200c\ufeff"}, Refused("author")),
    ("bidi override in the name", {"author": "\u202eexe.gnp"}, Stored(author="exe.gnp")),
    ("bidi isolates in the name", {"author": "Ad\u2067a\u2069m"}, Stored(author="Adam")),
    ("zero-width in the name", {"author": "ad\u200bmi\u200dn"}, Stored(author="admin")),
    ("nul and crlf in the name", {"author": "Eve\x00\r\nBcc: everyone"}, Stored(author="Eve Bcc: everyone")),
    ("quote breakout in the name", {"author": '"><script>window.__pwned=1</script>'},
     Stored(author='"><script>window.__pwned=1</script>')),
    ("single-quote breakout in the name", {"author": "' onmouseover='window.__pwned=1"},
     Stored(author="' onmouseover='window.__pwned=1")),
    ("sql in the name", {"author": "x' OR '1'='1"}, Stored(author="x' OR '1'='1")),
    ("emoji and rtl name", {"author": EMOJI_RTL_NAME}, Stored(author=EMOJI_RTL_NAME)),
    ("over-long name", {"author": "N" * 5000}, Refused("author")),
    # --- the email ---
    ("email without @", {"email": "ada.example.org"}, Refused("email")),
    ("email with a display name", {"email": "Ada <ada@example.org>"}, Refused("email")),
    ("email with a header injection", {"email": "ada@example.org\r\nBcc: x@example.org"}, Refused("email")),
    ("email with a script", {"email": "<script>@example.org"}, Refused("email")),
    # --- the website ---
    ("ftp website", {"website": "ftp://files.example/"}, Refused("website")),
    ("javascript website", {"website": "javascript:window.__pwned=1"}, Refused("website")),
    ("mixed-case javascript website", {"website": "JaVaScRiPt:window.__pwned=1"}, Refused("website")),
    ("javascript website with a tab", {"website": "java\tscript:window.__pwned=1"}, Refused("website")),
    ("data website", {"website": "data:text/html,<script>window.__pwned=1</script>"}, Refused("website")),
    ("double-quote breakout in the website", {"website": 'https://ok.example/" onmouseover="window.__pwned=1'},
     Refused("website")),
    ("single-quote breakout in the website", {"website": "https://ok.example/'><script>x</script>"},
     Refused("website")),
    ("protocol-relative website", {"website": "//evil.example/"}, Refused("website")),
    ("website without a host", {"website": "https://"}, Refused("website")),
    ("bare host website gets https", {"website": "ada.example/about"}, Stored(website="https://ada.example/about")),
    ("website with spaces around", {"website": "  https://ada.example  "}, Stored(website="https://ada.example")),
    # --- the parent ---
    ("parent on another essay", {"parent": PARENT_ELSEWHERE}, Refused("parent")),
    ("parent that does not exist", {"parent": "c0ffee000000"}, Refused("parent")),
    ("sql as the parent", {"parent": "1; DROP TABLE comments;--"}, Refused("parent")),
]

assert len(CASES) >= 30


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
def store(db_url):
    with CommentStore.open(db_url) as s:
        yield s


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


@pytest.mark.parametrize("overrides, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
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
