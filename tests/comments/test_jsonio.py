"""The JSON backup format (docs/comments.md): reading files and checking records."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

import pytest

from essaykit.comments.jsonio import KEYS, check_record, read_file
from essaykit.comments.store import CommentStore
from essaykit.errors import CommentError, ImportFormatError
from helpers import ROOT

DOCS = ROOT / "docs" / "comments.md"
BASE = {"id": "c1", "essay": "the-salt-road", "author": "Ada", "body": "Hi", "created": "2026-11-20T18:04:05Z"}


def test_the_keys_are_exactly_the_documented_ones():
    assert KEYS == ("id", "essay", "parent", "author", "email", "website", "body", "created", "status", "kind",
                    "source_url", "by_author", "spam_score", "anchor", "edited", "load_seconds")
    table = DOCS.read_text(encoding="utf-8")
    for key in KEYS:
        assert f"| `{key}` |" in table, f"docs/comments.md should document the key {key!r}"


def test_the_documented_example_imports_cleanly(tmp_path):
    text = DOCS.read_text(encoding="utf-8")
    example = re.search(r"```json\n(.*?)```", text, re.S).group(1)
    records = json.loads(example)
    with CommentStore.open(f"sqlite:///{tmp_path / 'c.sqlite'}") as store:
        report = store.import_records(records)
        assert (report.added, report.errors) == (3, [])
        assert store.export() == records, "the example is exactly what export writes back"


def test_by_author_is_honoured_only_from_the_authors_own_backup(tmp_path):
    reply = {**BASE, "id": "r1", "by_author": True}
    assert check_record(reply).by_author is False, "a record nobody vouched for cannot claim the Author badge"
    assert check_record(reply, author_backup=True).by_author is True
    with CommentStore.open(f"sqlite:///{tmp_path / 'c.sqlite'}") as store:
        assert store.import_records([reply]).added == 1
        assert store.get("r1").by_author is False, "import_records() ignores by_author unless author_backup=True"
        assert store.import_records([{**reply, "id": "r2"}], author_backup=True).added == 1
        assert store.get("r2").by_author is True


def test_a_mention_cannot_be_the_authors_reply():
    mention = {**BASE, "kind": "webmention", "source_url": "https://example.org/post", "by_author": True}
    with pytest.raises(CommentError) as caught:
        check_record(mention, author_backup=True)
    assert caught.value.field == "by_author"


def test_minimal_record_gets_the_documented_defaults():
    record = check_record(BASE)
    assert (record.parent, record.email, record.website, record.status, record.kind, record.source_url) == (
        None, "", "", "pending", "comment", "")


@pytest.mark.parametrize("created, expected", [
    ("2026-11-20T18:04:05Z", datetime(2026, 11, 20, 18, 4, 5, tzinfo=timezone.utc)),
    ("2026-11-20T18:04:05.250000Z", datetime(2026, 11, 20, 18, 4, 5, 250000, tzinfo=timezone.utc)),
    ("2026-11-20T20:04:05+02:00", datetime(2026, 11, 20, 18, 4, 5, tzinfo=timezone.utc)),
    ("2026-11-20T18:04:05", datetime(2026, 11, 20, 18, 4, 5, tzinfo=timezone.utc)),
    ("2026-11-20 18:04:05z", datetime(2026, 11, 20, 18, 4, 5, tzinfo=timezone.utc)),
])
def test_created_is_read_as_utc(created, expected):
    assert check_record({**BASE, "created": created}).created == expected


BAD = [
    ("missing id", {"id": None}, "id"),
    ("missing essay", {"essay": None}, "essay"),
    ("missing body", {"body": None}, "body"),
    ("missing created", {"created": None}, "created"),
    ("numeric id", {"id": 12}, "id"),
    ("id with spaces", {"id": "a b"}, "id"),
    ("uppercase essay slug", {"essay": "The Salt Road"}, "essay"),
    ("unknown status", {"status": "published"}, "status"),
    ("unknown kind", {"kind": "trackback"}, "kind"),
    ("created not ISO", {"created": "20/11/2026"}, "created"),
    ("created as a number", {"created": 1763661845}, "created"),
    ("email not a string", {"email": ["a@b.org"]}, "email"),
    ("website not a string", {"website": 5}, "website"),
    ("parent names itself", {"parent": "c1"}, "parent"),
    ("pingback with no source, title, site or author", {"kind": "pingback", "author": ""}, "source_url"),
    ("pingback from javascript", {"kind": "pingback", "source_url": "javascript:alert(1)"}, "source_url"),
    ("edited before it was written", {"edited": "2026-11-20T18:04:04Z"}, "edited"),
    ("edited not ISO", {"edited": "yesterday"}, "edited"),
    ("load_seconds negative", {"load_seconds": -1}, "load_seconds"),
    ("load_seconds fractional", {"load_seconds": 1.5}, "load_seconds"),
    ("load_seconds a boolean", {"load_seconds": True}, "load_seconds"),
    ("load_seconds too large", {"load_seconds": 2**40}, "load_seconds"),
]


def test_a_backup_restores_edited_and_load_seconds(tmp_path):
    record = {**BASE, "email": "ada@example.org", "edited": "2026-11-20T18:10:00Z", "load_seconds": 41}
    with CommentStore.open(f"sqlite:///{tmp_path / 'c.sqlite'}") as store:
        assert store.import_records([record, {**BASE, "id": "c2"}]).added == 2
        restored = store.get("c1")
        assert restored.edited == datetime(2026, 11, 20, 18, 10, tzinfo=timezone.utc) and restored.load_seconds == 41
        [again, plain] = store.export()
        assert (again["edited"], again["load_seconds"]) == ("2026-11-20T18:10:00Z", 41), "the backup carries both"
        assert "edited" not in plain and "load_seconds" not in plain, "a comment never edited or timed says nothing"


@pytest.mark.parametrize("changes, field", [c[1:] for c in BAD], ids=[c[0] for c in BAD])
def test_bad_records_name_the_field(changes, field):
    with pytest.raises(CommentError) as info:
        check_record({**BASE, **changes})
    assert info.value.field == field, str(info.value)


@pytest.mark.parametrize("raw", [[], "text", 3, None])
def test_a_record_must_be_an_object(raw):
    with pytest.raises(CommentError, match="not an object"):
        check_record(raw)


def test_unknown_keys_are_ignored():
    assert check_record({**BASE, "likes": 3, "ip": "10.0.0.1"}).id == "c1"


def test_a_pingback_without_author_takes_the_host():
    record = check_record({**BASE, "author": "", "kind": "pingback", "source_url": "https://films.example/p"})
    assert record.author == "films.example"


def test_a_pingback_without_source_is_kept_unlinked_with_its_title_and_site():
    """A text copy shows some pingbacks with no address: the mention keeps what it says, and no URL is made up."""
    record = check_record({**BASE, "author": "", "kind": "pingback", "title": "Ten quiet films", "site": "Still Frames"})
    assert (record.source_url, record.title, record.site, record.author) == ("", "Ten quiet films", "Still Frames", "")
    assert check_record({**BASE, "kind": "pingback"}).author == BASE["author"], "an author alone is enough"


def test_an_integer_parent_is_read_as_its_string_id():
    assert check_record({**BASE, "id": "c2", "parent": 7}).parent == "7"


def test_read_file_returns_the_list(tmp_path):
    path = tmp_path / "b.json"
    path.write_text(json.dumps([BASE]), encoding="utf-8")
    assert read_file(path) == [BASE]


def test_read_file_on_a_folder(tmp_path):
    with pytest.raises(ImportFormatError, match="is a folder"):
        read_file(tmp_path)
