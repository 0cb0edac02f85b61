"""Never invent, never publish a guess; keep what the blogger had (issue 28, items 3 and 4), end to end into the store."""

from __future__ import annotations

import os
from datetime import datetime, timezone

from essaykit.limits import MAX_BODY_CHARS
from essaykit.comments.store import CommentStore

from .builders import FIXTURES, wxr_comment, wxr_item, write_wxr


def _store(tmp_path):
    db = tmp_path / "c.sqlite"
    return f"sqlite:///{db}"


def _list(url, essay):
    store = CommentStore.open(url)
    try:
        return store.list(essay), store
    finally:
        store.close()


def test_comment_like_text_the_copy_does_not_vouch_for_is_held_pending_with_its_reason(cli, tmp_path):
    copy = tmp_path / "loose.txt"
    copy.write_text("A Quiet Harbour\n\nPosted on May 3, 2026 by Wren Okonkwo\n\n"
                    "The harbour film is slow and kind, and I liked it more than I expected to.\n\n"
                    "Great review, I will go and see it this week.\n— Ana\n\n"
                    "Not for me, but the music is lovely.\n— Ben\n", encoding="utf-8")
    url = _store(tmp_path)
    result = cli("import", copy, "-o", tmp_path / "out", "--db", url)
    assert result.exit_code == 0, result.output
    assert "2 comment-like blocks held for review as pending" in result.stdout, "the summary says how sure it is"
    store = CommentStore.open(url)
    try:
        comments = store.list("a-quiet-harbour")
        assert [(c.author, c.status) for c in comments] == [("Ana", "pending"), ("Ben", "pending")]
        reason = store.log(comments[0].id)[0]["reason"]
    finally:
        store.close()
    assert "not sure it is a comment" in reason and "no date" in reason, "the reason is kept in the moderation log"


def test_named_and_dated_comments_are_approved_and_said_to_be(cli, tmp_path):
    result = cli("import", FIXTURES / "corpus" / "fr-wordpress.txt", "-o", tmp_path / "out", "--db", _store(tmp_path))
    assert result.exit_code == 0, result.output
    assert "le-phare: 2 comments" in result.stdout and "all with names and dates" in result.stdout


def test_explain_says_why_a_comment_was_held(cli, tmp_path):
    copy = tmp_path / "held.txt"
    copy.write_text("Fog Lines\n\nPosted on May 3, 2026 by Wren\n\nA film made of fog.\n\n"
                    "Loved it, honestly.\n— Ana\n\nMe too!\n— Ben\n", encoding="utf-8")
    result = cli("import", copy, "--dry-run", "--explain", "-o", tmp_path / "out")
    assert "held for review (pending)" in result.stdout and "its name is from a signature" in result.stdout


def test_no_date_anywhere_is_the_day_the_copy_was_saved_never_the_import_day(cli, tmp_path):
    copy = tmp_path / "undated.txt"
    copy.write_text("Undated Thoughts\n\nA film with no date on its page, and a review with none either.\n\n"
                    "4 Comments\n\nJo says:\nSo true.\n\nReply\n", encoding="utf-8")
    saved = datetime(2021, 6, 1, 12, tzinfo=timezone.utc).timestamp()
    os.utime(copy, (saved, saved))
    url = _store(tmp_path)
    assert cli("import", copy, "-o", tmp_path / "out", "--db", url).exit_code == 0
    [comment], _ = _list(url, "undated-thoughts")
    assert comment.created.date().isoformat() == "2021-06-01", "dated with the day the file was saved"
    assert comment.status == "pending"


def test_a_long_public_comment_and_its_reply_are_kept_whole(cli, tmp_path):
    long_body = ("This is a long and careful comment about the film. " * 120)[:5504].strip()
    assert len(long_body) > MAX_BODY_CHARS
    export = write_wxr(tmp_path / "blog.xml", wxr_item(1, title="Long talk", comments=(
        wxr_comment(1, content=long_body), wxr_comment(2, content="And a reply to it.", parent=1))))
    url = _store(tmp_path)
    result = cli("import", export, "-o", tmp_path / "out", "--db", url)
    assert result.exit_code == 0, result.output
    comments, _ = _list(url, "post-1")
    assert [len(c.body) for c in comments] == [len(long_body), len("And a reply to it.")]
    assert comments[1].parent == comments[0].id


def test_the_post_authors_own_reply_carries_the_author_badge(cli, tmp_path):
    url = _store(tmp_path)
    assert cli("import", FIXTURES / "blog.wxr.xml", "-o", tmp_path / "out", "--db", url).exit_code == 0
    comments, _ = _list(url, "the-ferrymans-ledger")
    assert [c.author for c in comments if c.by_author] == ["Tova Brandt"], "comment_user_id equals the post author's id"


def test_a_doubtful_page_asks_for_force(cli, tmp_path):
    page = tmp_path / "front.html"
    page.write_text("<html><head><title>Harbour Notes</title><meta property='og:site_name' content='Harbour Notes'>"
                    "</head><body><header><h1>Harbour Notes</h1></header><main><article><p>Read more about the fog.</p>"
                    "</article><section class='archive'>" + "<p>An older post about films and harbours at night. </p>" * 80
                    + "</section></main></body></html>", encoding="utf-8")
    out, url = tmp_path / "out", _store(tmp_path)
    refused = cli("import", page, "-o", out, "--db", url)
    assert refused.exit_code == 1 and "--force" in refused.stderr, refused.output
    assert "site's name" in refused.stderr and not list(out.glob("*.ipynb")), "nothing written for a doubtful essay"
    forced = cli("import", page, "-o", out, "--db", url, "--force")
    assert forced.exit_code == 0 and list(out.glob("*.ipynb"))


def test_a_page_label_in_a_comment_headers_place_is_held_even_under_a_matching_count(tmp_path):
    from essaykit.importers.model import ImportedPost
    from essaykit.importers.text import read_text_copy

    copy = ("A Quiet Harbour\n\nPosted on May 3, 2026 by Wren Okonkwo\n\n"
            "The harbour film is slow and kind, and I liked it more than I expected to. The ferry scenes stay.\n\n"
            "2 Comments\n\n"
            "Share Selection\nMay 4, 2026 at 10:00 am\nThe council warns the ferry crews about the winter timetable.\nReply\n\n"
            "Ana Lima\nMay 5, 2026 at 9:12 am\nGreat review, I will go and see it this week.\nReply\n")
    (tmp_path / "harbour.txt").write_text(copy, encoding="utf-8")
    post = next(o for o in read_text_copy(tmp_path / "harbour.txt") if isinstance(o, ImportedPost))
    got = {c.author: (c.status, c.reason) for c in post.comments}
    assert got["Ana Lima"] == ("approved", ""), got
    assert got["Share Selection"][0] == "pending" and "label of the page" in got["Share Selection"][1], got


def test_label_names_are_told_from_commenters_names():
    from essaykit.importers.text_headers import label_as_name

    labels = ["By Abby Patkin", "Profile", "11991 lecturas", "FESTE FEIERN", "NOV", "Retweets 79",
              "Antwort", "Reader Interactions", "Photographs by Robert Net", "ON INSTAGRAM", "Effective Date"]
    people = ["Red Bastard", "poorsinner101", "Dread-neck", "SPai", "Ela", "jovelstefan", "Tony Pezza", "JIM", "FLOUNDER",
              "Georg N.", "Sallie Goetsch (rhymes with sketch)", "Ursula von der Leyen", "María José", "李明", "@wren_k"]
    assert [n for n in labels if not label_as_name(n)] == []
    assert [n for n in people if label_as_name(n)] == []


def test_a_name_in_capitals_is_held_unless_a_matching_count_vouches_for_it(tmp_path):
    from essaykit.importers.model import ImportedPost
    from essaykit.importers.text import read_text_copy

    teasers = ("Spring Cakes\n\nPosted on May 3, 2026 by Wren Okonkwo\n\n"
               "A strawberry cake that keeps for two days, and the pear one that does not. The oven matters most.\n\n"
               "Comments\n\nREZEPTE\nMay 4, 2026 at 10:00 am\nStrawberry cake, two ways for the first warm weekend.\nReply\n\n"
               "Ana Lima\nMay 5, 2026 at 9:12 am\nGreat recipe, I will bake it this week.\nReply\n")
    counted = teasers.replace("Comments\n\n", "2 Comments\n\n")
    got = {}
    for name, text in (("teasers", teasers), ("counted", counted)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        post = next(o for o in read_text_copy(tmp_path / f"{name}.txt") if isinstance(o, ImportedPost))
        got[name] = {c.author: c.status for c in post.comments}
    assert got["teasers"] == {"REZEPTE": "pending", "Ana Lima": "approved"}, got
    assert got["counted"] == {"REZEPTE": "approved", "Ana Lima": "approved"}, got
