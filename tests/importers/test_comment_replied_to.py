"""A comment header's "in reply to" names what the comment answers, never who wrote it (SPIP's forum markup: the
writer in the reviewer's hCard, "En réponse à : <a class="fn">…</a>" after it). The fixtures copy that shape."""

from __future__ import annotations

import pytest

from essaykit.importers.html_page import read_html_page

ARTICLE = ("<article class='post'><h1>Les marées de Wexmoor</h1><p>"
           + "Chaque printemps, le capitaine du port affiche les nouvelles tables des marées sur la porte. " * 20
           + "</p></article>")


def _spip(cid: int, writer: str, iso: str, text: str, *, wrapped: bool, answers: str = "Les marées") -> str:
    comment = (f"<div class='comment hreview'><p class='comment-meta'><a class='permalink' href='#forum{cid}'>#</a>"
               f"<time datetime='{iso}'>Le 17 juillet à 22:09</time>{writer}"
               f"<span class='item'>En réponse à : <a class='url fn' href='marees'>{answers}</a></span></p>"
               f"<div class='comment-content description'><p>{text}</p></div></div>")
    return f"<li class='comment-li comment-item' id='forum{cid}'>{comment}</li>" if wrapped else comment


def _comments(tmp_path, *items: str, wrapped: bool):
    thread = (f"<div class='comments'><h2>Vos commentaires</h2><ul class='comments-items'>{''.join(items)}</ul></div>"
              if wrapped else f"<div id='comments' class='comments'><h2>Vos commentaires</h2>{''.join(items)}</div>")
    path = tmp_path / "page.html"
    path.write_text(f"<html lang='fr'><head><title>Les marées de Wexmoor</title></head><body>{ARTICLE}{thread}"
                    "</body></html>", encoding="utf-8")
    [post] = read_html_page(path)
    return post.comments


def _by(name: str) -> str:
    return f"<span class='reviewer vcard'><span class='sep'>, </span>par {name}</span>"


@pytest.mark.parametrize("wrapped", [False, True])  # the comment's own block, or inside the forum's list item
def test_the_writer_is_the_reviewer_not_what_the_comment_answers(tmp_path, wrapped):
    comments = _comments(tmp_path,
                         _spip(1, _by("Horace Pell"), "2019-07-17T20:09:45Z", "Les marées sont arrivées tôt cette année.",
                               wrapped=wrapped),
                         _spip(2, _by("Marie Dubois"), "2019-07-18T07:12:00Z", "Merci de les afficher encore.",
                               wrapped=wrapped), wrapped=wrapped)
    assert [c.author for c in comments] == ["Horace Pell", "Marie Dubois"]
    assert comments[0].created.isoformat()[:10] == "2019-07-17"


@pytest.mark.parametrize("wrapped", [False, True])
def test_a_reply_line_with_no_writer_gives_no_name_at_all(tmp_path, wrapped):
    # hostile: a short title ("Olga") that reads like a name, and no reviewer to name the writer
    comments = _comments(tmp_path,
                         _spip(1, "", "2019-07-17T20:09:45Z", "Les marées sont arrivées tôt cette année.",
                               wrapped=wrapped, answers="Olga"),
                         _spip(2, "", "2019-07-18T07:12:00Z", "Merci de les afficher encore.", wrapped=wrapped,
                               answers="Olga"), wrapped=wrapped)
    assert comments and all(c.author != "Olga" for c in comments)
