"""Older WordPress themes print a comment's header as "NAME on DATE said:" inside ".comment-author", the date as a
link: the name is NAME alone, and the comment takes the date it shows (issue 28)."""

from __future__ import annotations

import pytest

from essaykit.importers.html_page import read_html_page

ARTICLE = ("<article class='post'><h1 class='entry-title'>Lanterns on the Quay</h1><p>"
           + "The lanterns were lit one by one as the last boat came in. " * 20 + "</p></article>")


def _comment(cid: int, name: str, on: str, date: str, said: str, text: str) -> str:
    return (f"<li class='comment depth-1' id='comment-{cid}'><div id='div-comment-{cid}'>"
            f"<div class='comment-author'><strong>{name}</strong> {on} <a href='#comment-{cid}'>{date}</a> {said}</div>"
            f"<p>{text}</p><div class='reply'></div></div></li>")


@pytest.mark.parametrize("on,said,first,second", [
    ("on", "said:", "September 12, 2018 at 4:47 pm", "September 13, 2018 at 5:23 pm"),
    ("am", "sagte:", "12. September 2018 um 16:47", "13. September 2018 um 17:23"),
])
def test_name_on_date_said_gives_the_name_and_the_date(tmp_path, on, said, first, second):
    thread = ("<h3>2 Responses</h3><ol class='commentlist'>"
              + _comment(11, "Mira Holm", on, first, said, "Were the lanterns paper or glass this year?")
              + _comment(12, "Jon (Harbour Office)", on, second, said, "Glass, the paper ones burnt last winter.")
              + "</ol>")
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><title>Lanterns on the Quay</title></head><body>{ARTICLE}{thread}</body></html>",
                    encoding="utf-8")
    [post] = read_html_page(path)
    assert [(c.author, c.created.date().isoformat() if c.created else None) for c in post.comments] == [
        ("Mira Holm", "2018-09-12"), ("Jon (Harbour Office)", "2018-09-13")]
    assert post.comments[0].body == "Were the lanterns paper or glass this year?"
