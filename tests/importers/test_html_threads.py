"""Comments in markup no theme rule names are found by their shape; teasers and pages without comments give none."""

from __future__ import annotations

from essaykit.importers.html_page import read_html_page

ARTICLE = ("<article class='post commented' data-authorid='77'><h1>Lanterns on the Quay</h1>"
           "<div class='byline'><a data-authorid='77' class='fn'>Mara Quist</a></div><p>"
           + "The lanterns were lit one by one as the last boat came in. " * 20 + "</p></article>")


def _reply(rid: str, parent: str, author_id: str, name: str, stamp: int, text: str) -> str:
    return (f"<article class='js_reply reply' id='reply_{rid}' data-id='{rid}' data-parentid='{parent}'>"
            f"<header><div class='meta' data-authorid='{author_id}'><a class='fn' href='#'>{name}</a>"
            f"<span class='publish-time' data-publishtime='{stamp}'><a href='#'>3/09/15 8:14am</a></span></div></header>"
            f"<div class='hovercard content'>{name} Profile Follow</div>"
            f"<div class='reply-content post-content'><p>{text}</p></div></article>")


def _page(tmp_path, extra: str):
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><title>Lanterns on the Quay</title></head><body>{ARTICLE}{extra}</body></html>",
                    encoding="utf-8")
    [post] = read_html_page(path)
    return post


def test_a_reply_thread_of_unknown_markup_is_read_by_its_shape(tmp_path):
    thread = ("<section class='js_replies'>"
              + _reply("1", "0", "12", "quaywalker", 1425913955940, "We counted forty lanterns that night.")
              + _reply("2", "1", "77", "Mara Quist", 1425914092673, "Forty-one: one was behind the crane.")
              + "</section>")
    post = _page(tmp_path, thread)
    comments = {c.author: c for c in post.comments}
    assert set(comments) == {"quaywalker", "Mara Quist"}
    assert comments["quaywalker"].body == "We counted forty lanterns that night." and comments["quaywalker"].status == "approved"
    assert comments["quaywalker"].created.year == 2015, "the comment's own date, not the import day"
    assert comments["Mara Quist"].parent == comments["quaywalker"].local_id, "threaded by the page's parent ids"
    assert comments["Mara Quist"].by_author and not comments["quaywalker"].by_author, "author ids, not names"
    assert any("by their shape" in g for g in post.guessed)


def test_a_block_without_a_date_is_held_not_approved(tmp_path):
    undated = ("<div id='comments'>"
               "<div class='note first odd'><span class='fn'>Ilse</span><span class='date'>12 March 2024</span><p>Lovely.</p></div>"
               "<div class='note even'><span class='fn'>Tom</span><span class='date'>soon</span><p>Agreed, lovely.</p></div>"
               "<div class='note odd'><span class='fn'>Ana</span><span class='date'>13 March 2024</span><p>Yes!</p></div>"
               "</div>")
    comments = _page(tmp_path, undated).comments
    assert {c.author for c in comments} == {"Ilse", "Tom", "Ana"}, "one thread whatever its odd/even classes"
    held = [c for c in comments if c.author == "Tom"]
    assert [c.status for c in comments if c.author != "Tom"] == ["approved", "approved"]
    assert held and held[0].status == "pending" and "a date" in held[0].reason


def test_teasers_in_a_comment_section_and_a_page_without_comments_give_none(tmp_path):
    teasers = ("<aside class='section-comment'>"
               + "".join(f"<div class='teaser'><span class='author'>Columnist {n}</span><time datetime='2017-11-21'>"
                         f"21 Nov</time><p><a href='/opinion/{n}'>Comment: the harbour budget, part {n}</a></p></div>"
                         for n in range(3)) + "</aside>")
    assert _page(tmp_path, teasers).comments == [], "a list of linked headlines is not a thread"
    assert _page(tmp_path, "<footer>No comments yet.</footer>").comments == []


def test_replies_nested_inside_a_comment_body_are_each_their_own_comment(tmp_path):
    """A theme that prints a reply, and the reply's reply, inside the parent comment's text block."""
    def reply(rid: str, name: str, text: str, inner: str = "") -> str:
        return (f"<article class='js_reply reply' id='reply_{rid}' data-id='{rid}'><header><div class='meta'>"
                f"<a class='fn' href='#'>{name}</a><span class='publish-time'><a href='#'>3/09/15 8:14am</a></span>"
                f"</div></header><div class='reply-content post-content'><p>{text}</p>{inner}</div></article>")

    thread = ("<section class='js_replies'>"
              + reply("1", "quaywalker", "We counted forty lanterns.",
                      reply("2", "harbourcat", "Forty-one, surely.", reply("3", "netmender", "Forty-two with mine.")))
              + "</section>")
    post = _page(tmp_path, thread)
    bodies = {c.author: c.body for c in post.comments}
    assert bodies == {"quaywalker": "We counted forty lanterns.", "harbourcat": "Forty-one, surely.",
                      "netmender": "Forty-two with mine."}
