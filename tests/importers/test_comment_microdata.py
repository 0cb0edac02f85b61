"""A WordPress theme's comment list whose name and date stand only in schema.org microdata (the UserComments
vocabulary's creator and commentTime, or Comment's author and dateCreated), in classes no theme rule names."""

from __future__ import annotations

import pytest

from essaykit.importers.html_page import read_html_page

ARTICLE = ("<article class='post'><h1>Pear Jam for Cold Evenings</h1><div class='entry-content'><p>"
           + "We cooked the pears slowly with a little honey until the kitchen smelled of winter. " * 15 + "</p></div></article>")


def _item(cid: str, name: str, stamp: str, shown: str, text: str, vocabulary: str) -> str:
    if vocabulary == "UserComments":
        who = f"<span class='who' itemprop='creator'><span itemprop='name'><a href='https://example.org/{cid}'>{name}</a></span></span>"
        when = f"<span class='stamp' datetime='{stamp}' itemprop='commentTime'>{shown}</span>"
        said = f"<div class='comment-content' itemprop='commentText'><p>{text}</p></div>"
    else:
        who = f"<span class='who' itemprop='author' itemscope itemtype='https://schema.org/Person'><span itemprop='name'>{name}</span></span>"
        when = f"<meta itemprop='dateCreated' content='{stamp}'><span class='stamp'>{shown}</span>"
        said = f"<div class='comment-content' itemprop='text'><p>{text}</p></div>"
    return (f"<div class='comment even depth-1' id='comment-{cid}' itemscope itemtype='https://schema.org/{vocabulary}'>"
            f"<div class='thecomment'><div class='comment-text'>{who} {when}{said}</div></div></div>")


@pytest.mark.parametrize("vocabulary", ["UserComments", "Comment"])
def test_the_name_and_date_in_schema_org_microdata_are_read(tmp_path, vocabulary):
    listing = ("<div class='post-comments' id='comments'><h4>2 comments</h4><div class='comments'>"
               + _item("701", "Cherie Lund", "2019-08-17T14:19:00-05:00", "August 17, 2019 - 2:19 pm",
                       "I made this jam today and it set nicely.", vocabulary)
               + _item("702", "Regan Osei", "2019-08-18T09:02:00-05:00", "August 18, 2019 - 9:02 am",
                       "Glad it worked, thanks for trying it!", vocabulary)
               + "</div></div>")
    path = tmp_path / "page.html"
    path.write_text(f"<html lang='en'><head><title>Pear Jam for Cold Evenings</title></head><body>{ARTICLE}{listing}"
                    "</body></html>", encoding="utf-8")
    [post] = read_html_page(path, second_opinion=False)
    got = [(c.author, c.created.isoformat() if c.created else None, c.body, c.status) for c in post.comments]
    assert got == [("Cherie Lund", "2019-08-17T19:19:00+00:00", "I made this jam today and it set nicely.", "approved"),
                   ("Regan Osei", "2019-08-18T14:02:00+00:00", "Glad it worked, thanks for trying it!", "approved")]
