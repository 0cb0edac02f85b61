"""Blogger exports: the classic backup and Takeout's feed.atom, posts, pages, comments, threads, drafts, hostile files."""

from __future__ import annotations

import json

import pytest

from essaykit.comments.store import CommentStore
from essaykit.importers.blogger import read_blogger
from essaykit.importers.detect import detect_format
from essaykit.importers.model import Failed, ImportedPost, Skipped

from .builders import FIXTURES, assert_notebooks_pass_check

CLASSIC = FIXTURES / "blogger" / "classic-en.xml"
TAKEOUT = FIXTURES / "blogger" / "takeout-de.atom"


def _posts(path):
    return {o.slug: o for o in read_blogger(path) if isinstance(o, ImportedPost)}


def test_classic_backup_posts_pages_labels_and_spoilers():
    found = list(read_blogger(CLASSIC))
    posts = {o.slug: o for o in found if isinstance(o, ImportedPost)}
    assert sorted(posts) == ["about", "the-lamplighters-daughter-restored"], "settings and template entries are not essays"
    post = posts["the-lamplighters-daughter-restored"]
    assert post.title == "The Lamplighter's Daughter, Restored" and post.author == "Maud Calloway"
    assert post.date == "2026-09-19T03:41:00Z", "published -07:00 is stored as UTC, to the second"
    assert post.tags == ["silent films", "restorations"]
    assert post.url == "https://lanternreels.blogspot.com/2026/09/the-lamplighters-daughter-restored.html"
    assert post.source == {"kind": "blogger", "file": "classic-en.xml", "id": "5581902763349011744",
                           "site": "tag:blogger.com,1999:blog-7312045518843318120"}
    assert post.spoiler_label == "Spoilers ahead." and "smugglers' boat" in post.spoiler_blocks[0]
    assert not any("smugglers" in b for b in post.blocks), "the ending stays behind the spoiler"
    [draft] = [o for o in found if isinstance(o, Skipped) and "organ scores" in o.where]
    assert "draft post, not published" in draft.reason


def test_classic_comments_thread_by_related_link_and_the_author_badge_follows_the_profile():
    comments = {c.local_id: c for c in _posts(CLASSIC)["the-lamplighters-daughter-restored"].comments}
    question, answer, namesake = comments["6640128873615502201"], comments["3307719240051187612"], comments["9001882736450019283"]
    assert question.parent is None and answer.parent == "6640128873615502201", "rel=related names the parent comment"
    assert answer.by_author, "same Blogger profile as the post's author, though signed 'Maud C.'"
    assert not namesake.by_author, "the post author's name typed by someone else is no badge"
    assert question.email == "" and namesake.email == "maud.fan@example.org", "noreply@blogger.com is not kept"
    assert "**unbearable**" in question.body and question.website.endswith("/11290876543210987654")
    assert namesake.created is None, "no date in the feed: the writer dates it like the post, never today"


def test_takeout_shape_in_german_with_replies_deleted_and_orphans():
    found = list(read_blogger(TAKEOUT))
    posts = {o.slug: o for o in found if isinstance(o, ImportedPost)}
    assert sorted(posts) == ["der-salzweg", "uber-mich"], "blogger:filename gives the slug"
    post = posts["der-salzweg"]
    assert post.title == "Der Salzweg: ein stiller Film über das Gehen" and post.tags == ["Kritik", "Wanderfilme"]
    assert post.date == "2026-03-17T19:30:00Z" and post.url == "", "Takeout gives no address: none is made up"
    assert post.spoiler_label == "Achtung, Spoiler!" and "Ziel nicht" in post.spoiler_blocks[0]
    comments = {c.author: c for c in post.comments}
    assert set(comments) == {"Jörg Brandner", "Ilse", "Ilse Wendt"}, "DELETED and trashed comments are skipped"
    assert comments["Ilse"].parent == "7712093346671809182" and comments["Ilse"].by_author
    assert not comments["Ilse Wendt"].by_author, "an anonymous namesake of the author has no profile address"
    assert post.dropped == ["2 deleted, spam or empty comments"]
    assert any(isinstance(o, Skipped) and "Entwurf" in o.where and "draft" in o.reason for o in found)
    assert any(isinstance(o, Skipped) and o.reason.startswith("1 comment for no post") for o in found)


@pytest.mark.parametrize("path", [CLASSIC, TAKEOUT])
def test_both_shapes_are_detected_by_content_whatever_the_name(tmp_path, path):
    renamed = tmp_path / "backup.txt"
    renamed.write_bytes(path.read_bytes())
    assert detect_format(renamed) == "blogger"


def test_an_xhtml_blogspot_page_is_still_a_page(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml">'
                    '<head><title>x</title><link href="http://schemas.google.com/blogger/2008/kind#post"/></head>'
                    "<body><p>x</p></body></html>", encoding="utf-8")
    assert detect_format(page) == "html"


def _feed(body: str, head: str = "") -> str:
    return (f"<?xml version='1.0' encoding='utf-8'?>{head}<feed xmlns='http://www.w3.org/2005/Atom' "
            f"xmlns:blogger='http://schemas.google.com/blogger/2018'><id>tag:blogger.com,1999:blog-1</id>{body}</feed>")


def test_hostile_and_broken_feeds_fail_by_name(tmp_path):
    bomb = tmp_path / "bomb.atom"
    bomb.write_text(_feed("<title>&a;</title>", head='<!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa">]>'))
    [failure] = read_blogger(bomb)
    assert isinstance(failure, Failed) and failure.where == "bomb.atom" and "refused" in failure.message
    cut = tmp_path / "cut.atom"
    cut.write_text(TAKEOUT.read_text(encoding="utf-8")[:2500], encoding="utf-8")
    [failure] = read_blogger(cut)
    assert isinstance(failure, Failed) and "truncated" in failure.message and "Takeout" in failure.message
    deep = tmp_path / "deep.atom"
    deep.write_text(_feed("<entry>" + "<div>" * 5000 + "</div>" * 5000 + "</entry>"))
    [failure] = read_blogger(deep)
    assert isinstance(failure, Failed) and "nested more than 64 levels" in failure.message


def test_missing_fields_and_foreign_namespaces_do_not_stop_the_rest(tmp_path):
    feed = tmp_path / "odd.atom"
    feed.write_text(_feed(
        "<entry><blogger:type>POST</blogger:type><title></title><content type='html'></content></entry>"
        "<entry><id>tag:blogger.com,1999:blog-1.post-2</id><blogger:type>POST</blogger:type>"
        "<blogger:status>LIVE</blogger:status><title>Fine</title><published>not a date</published>"
        "<content type='html'>&lt;p&gt;Words.&lt;/p&gt;</content></entry>"
        "<entry xmlns='urn:elsewhere'><id>tag:blogger.com,1999:blog-1.post-3</id><type>POST</type></entry>"
        "<entry><id>tag:blogger.com,1999:blog-1.post-4</id><blogger:parent>tag:blogger.com,1999:blog-1.post-2"
        "</blogger:parent><blogger:type>COMMENT</blogger:type><blogger:status>PENDING</blogger:status>"
        "<content type='html'>Held?</content></entry>"
        "<entry><id>tag:blogger.com,1999:blog-1.post-5</id><blogger:type>COMMENT</blogger:type>"
        "<content type='html'>On no post at all.</content></entry>"))
    found = list(read_blogger(feed))
    posts = {o.title: o for o in found if isinstance(o, ImportedPost)}
    assert set(posts) == {"Fine", "Untitled (post 2)"}, "a foreign namespace's <type> does not make a post"
    assert posts["Untitled (post 2)"].comments == [], "a comment naming no post is not given to the post without an id"
    assert any(isinstance(o, Skipped) and o.reason.startswith("1 comment for no post") for o in found)
    fine = posts["Fine"]
    assert fine.date == "" and any("cannot be parsed" in n for n in fine.notes)
    [held] = fine.comments
    assert held.status == "pending" and held.author == "Anonymous" and any("PENDING".lower() in n for n in fine.notes)


def test_cli_imports_both_blogger_shapes_with_comments_and_again_adds_nothing(cli, tmp_path):
    out, db = tmp_path / "nb", f"sqlite:///{tmp_path / 'c.sqlite'}"
    first = cli("import", CLASSIC, TAKEOUT, "-o", out, "--db", db)
    assert first.exit_code == 0, first.output
    assert "the-lamplighters-daughter-restored: 3 comments, 0 mentions (new notebook; 3 comments added" in first.stdout
    assert "der-salzweg: 3 comments, 0 mentions (new notebook; 3 comments added" in first.stdout
    assert "skipped classic-en.xml: entry 4 'Notes for a piece on organ scores'" in first.stderr
    assert_notebooks_pass_check(out)
    nb = json.loads((out / "der-salzweg.ipynb").read_text(encoding="utf-8"))
    essay = nb["metadata"]["essay"]
    assert essay["source"]["kind"] == "blogger" and essay["date"] == "2026-03-17T19:30:00Z"
    assert [c["metadata"].get("tags") for c in nb["cells"]][-2:] == [["spoiler"], ["comments"]]
    store = CommentStore.open(db)
    try:
        salzweg = {c.author: c for c in store.list("der-salzweg")}
        lamp = {c.author: c for c in store.list("the-lamplighters-daughter-restored")}
    finally:
        store.close()
    assert salzweg["Ilse"].by_author and salzweg["Ilse"].parent == salzweg["Jörg Brandner"].id
    assert salzweg["Ilse Wendt"].created.isoformat().startswith("2026-03-17T19:30"), "no comment date: the post's"
    assert lamp["Maud C."].by_author and not lamp["Maud Calloway"].by_author
    assert "Werbung GmbH" not in salzweg and "Spam Bot" not in salzweg
    again = cli("import", CLASSIC, TAKEOUT, "-o", out, "--db", db)
    assert again.exit_code == 0, again.output
    assert "der-salzweg: 3 comments, 0 mentions (notebook exists and was kept; --force replaces it; 0 comments added, " \
           "3 already stored" in again.stdout
    assert sorted(p.name for p in out.glob("*.ipynb")) == [
        "about.ipynb", "der-salzweg.ipynb", "the-lamplighters-daughter-restored.ipynb", "uber-mich.ipynb"]


def test_explain_shows_each_comment_and_why_deleted_ones_were_dropped(cli, tmp_path):
    result = cli("import", TAKEOUT, "--dry-run", "--explain", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any("comment by Ilse on 2026-03-18T20:05:00Z, a reply, the post's author" in line and "Danke, Jörg!" in line
               for line in lines)
    assert any("comment by Ilse Wendt (no date)" in line for line in lines)
    assert any("dropped comment (deleted)" in line and "Werbung GmbH: Billige Uhren hier!" in line for line in lines)
    assert any("dropped comment (trashed)" in line and "Spam Bot" in line for line in lines)
    assert not (tmp_path / "out").exists(), "--dry-run --explain writes nothing"
