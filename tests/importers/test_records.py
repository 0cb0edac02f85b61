"""Imported comments → store records (essaykit.importers.records): ids, threads, orphans, contacts."""

from __future__ import annotations

from datetime import datetime, timezone

from essaykit.importers.model import ImportedComment, ImportedPost
from essaykit.importers.records import comment_records

WHEN = datetime(2026, 10, 3, 8, 0, tzinfo=timezone.utc)


def post(*comments: ImportedComment) -> ImportedPost:
    return ImportedPost(where="blog.xml: item 1", title="T", slug="t", source={"kind": "wxr", "id": "1"},
                        comment_prefix="wxr-abcd1234", date="2026-10-02T18:30:00Z", comments=list(comments))


def comment(cid: str, parent: str | None = None, **kw) -> ImportedComment:
    return ImportedComment(local_id=cid, parent=parent, author=kw.pop("author", f"Reader {cid}"),
                           body=kw.pop("body", f"Comment {cid}."), created=kw.pop("created", WHEN), **kw)


def test_ids_are_stable_and_prefixed_per_source():
    first = comment_records(post(comment("7"), comment("8", "7")), "t")
    again = comment_records(post(comment("7"), comment("8", "7")), "t")
    assert [r["id"] for r in first] == ["wxr-abcd1234-7", "wxr-abcd1234-8"] == [r["id"] for r in again]
    assert first[1]["parent"] == "wxr-abcd1234-7" and first[0]["essay"] == "t"


def test_parents_come_before_replies_whatever_the_source_order():
    records = comment_records(post(comment("3", "2"), comment("2", "1"), comment("1")), "t")
    order = [r["id"].rsplit("-", 1)[1] for r in records]
    assert order == ["1", "2", "3"]


def test_a_reply_to_a_missing_comment_goes_to_the_top_level_with_a_note():
    p = post(comment("5", "404"))
    [record] = comment_records(p, "t")
    assert record["parent"] is None
    assert any("404" in n and "not in the file" in n for n in p.notes)


def test_a_reply_loop_is_broken_with_a_note():
    p = post(comment("1", "2"), comment("2", "1"))
    records = comment_records(p, "t")
    assert len(records) == 2 and any(r["parent"] is None for r in records)
    assert any("loop" in n for n in p.notes)


def test_bad_email_and_website_are_dropped_with_a_note_and_good_ones_kept():
    p = post(comment("1", email="not-an-email", website="javascript:alert(1)"),
             comment("2", email="ines@example.org", website="https://ines.example.org/"))
    bad, good = comment_records(p, "t")
    assert bad["email"] == "" and bad["website"] == ""
    assert good["email"] == "ines@example.org" and good["website"] == "https://ines.example.org/"
    assert sum("left it out" in n for n in p.notes) == 2


def test_a_mention_without_a_source_url_is_kept_unlinked_not_turned_into_a_comment():
    p = post(comment("1", kind="pingback", source_url=""), comment("2", kind="trackback", source_url="https://x.example.net/p"))
    unlinked, ping = comment_records(p, "t")
    assert ping["kind"] == "pingback" and ping["source_url"] == "https://x.example.net/p", "a trackback is stored as a pingback"
    assert unlinked["kind"] == "pingback" and unlinked["source_url"] == "", "no address is made up"
    assert any("has no URL" in n and "unlinked mention" in n for n in p.notes)


def test_a_comment_without_a_date_gets_the_post_date():
    [record] = comment_records(post(comment("1", created=None)), "t")
    assert record["created"] == "2026-10-02T18:30:00Z"


def test_statuses_are_passed_through_unchanged():
    statuses = ["approved", "pending", "spam", "deleted"]
    records = comment_records(post(*(comment(str(i), status=s) for i, s in enumerate(statuses))), "t")
    assert [r["status"] for r in records] == statuses


def test_a_reply_to_a_pingback_stands_alone_with_a_note():
    p = post(comment("1", kind="pingback", source_url="https://x.example.net/p"), comment("2", "1"))
    ping, reply = comment_records(p, "t")
    assert ping["kind"] == "pingback" and reply["parent"] is None
    assert any("comment 2 replies to pingback 1" in n for n in p.notes)
