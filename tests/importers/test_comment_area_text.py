"""The comment area read as text (no comment markup known): the post's own area, never a widget's list of the
site's latest comments, and never WordPress's reply form.

The fixtures are written for these tests; each copies the shape of a family of pages (WordPress's "Recent Comments"
widget in a sidebar, a news site's "latest comments" box in its footer, WordPress's reply form with its heading
and "Cancel reply" link outside the <form>).
"""

from __future__ import annotations

from essaykit.importers.html_page import read_html_page

ARTICLE = ("<main><h1>The Lamplighters of Orrin Quay</h1><div class='post-content'>"
           + "<p>Every dusk the lamplighters of Orrin Quay walk the harbour wall with their long poles. </p>" * 12
           + "</div></main>")


def _post(tmp_path, before: str, after: str, *, lang: str = "en"):
    path = tmp_path / "page.html"
    path.write_text(f"<html lang='{lang}'><head><title>The Lamplighters of Orrin Quay</title></head><body>{before}"
                    f"{ARTICLE}{after}</body></html>", encoding="utf-8")
    [post] = read_html_page(path)
    return post


def _recent(names, *, word: str = "on") -> str:
    # WordPress's widget: "NAME on POST TITLE", each a link to a comment on another post.
    return "".join(f"<li class='recentcomments'><span class='comment-author-link'>{name}</span> {word} "
                   f"<a href='/other-{n}/#comment-{n}'>A walk along the {name} dunes</a></li>"
                   for n, name in enumerate(names, 1))


def test_a_recent_comments_widget_is_not_the_posts_comment_area(tmp_path):
    widget = ("<div id='recent-comments' class='dbx-box widget_recent_comments'><h2>Lately said</h2>"
              f"<ul id='recentcomments'>{_recent(['Odile', 'Pavel', 'Wren', 'Odile'], word='zu')}</ul></div>")
    post = _post(tmp_path, f"<div class='left-column'>{widget}</div>", "", lang="de")
    assert post.comments == [], [c.body for c in post.comments]


def test_a_latest_comments_box_in_the_sites_footer_is_not_the_posts_comment_area(tmp_path):
    box = ("<footer class='site-footer'><section class='box-latest'><h3>Latest comments</h3><ul id='latest-comments'>"
           + "".join(f"<li><div class='meta'>06.11.23 - 1{n}:00 by {name} on</div><div><a href='/story-{n}#comment-{n}'>"
                     f"Ferry timetable changes for the winter</a></div></li>" for n, name in enumerate(["Hollis", "Mara"]))
           + "</ul></section></footer>")
    post = _post(tmp_path, "", box)
    assert post.comments == [], [c.body for c in post.comments]


def test_wordpress_reply_form_heading_and_cancel_link_are_not_a_comment(tmp_path):
    area = ("<div id='comments' class='comments-area no-comment-yet'><div id='respond' class='comment-respond'>"
            "<h3 id='reply-title' class='comment-reply-title'>{heading} <small><a id='cancel-comment-reply-link' "
            "href='#respond' style='display:none'>{cancel}</a></small></h3><form id='commentform'><p>"
            "<textarea name='comment'></textarea></p></form></div></div>")
    for heading, cancel, lang in (("Schreiben Sie einen Kommentar", "Antworten abbrechen", "de"),
                                  ("Leave your thoughts", "Stop replying", "en")):
        post = _post(tmp_path, "", area.format(heading=heading, cancel=cancel), lang=lang)
        assert post.comments == [], (heading, [c.body for c in post.comments])


def test_the_posts_own_comment_area_is_still_read_when_a_widget_comes_first(tmp_path):
    widget = f"<aside><div id='recent-comments' class='widget'><ul>{_recent(['Odile', 'Pavel'])}</ul></div></aside>"
    area = ("<section id='reader-comments'><h3>2 Comments</h3>"
            "<div class='c-item'><div class='c-head'><strong>Tamsin Vale</strong></div><div class='c-when'>March 3, 2025 "
            "at 9:10 pm</div><div class='c-text'><p>My grandfather carried one of those poles.</p></div>"
            "<a href='#'>Reply</a></div>"
            "<div class='c-item'><div class='c-head'><strong>Ewan Roe</strong></div><div class='c-when'>March 4, 2025 "
            "at 7:45 am</div><div class='c-text'><p>The wall is lit by sensors now, sadly.</p></div><a href='#'>Reply</a>"
            "</div></section>")
    post = _post(tmp_path, widget, area)
    comments = {c.author: c for c in post.comments if c.kind == "comment"}
    assert set(comments) == {"Tamsin Vale", "Ewan Roe"}
    assert "grandfather" in comments["Tamsin Vale"].body and "Odile" not in comments["Ewan Roe"].body


def test_an_empty_or_still_loading_comment_area_says_so_and_holds_no_comment(tmp_path):
    for lines, lang in ((["Kommentare werden geladen. Bitte kurz warten...", "Noch keine Kommentare vorhanden. Sei der "
                          "Erste!"], "de"),
                        (["Loading comments…", "There are no reader comments yet - be the first to add your thoughts"], "en"),
                        (["Il n'y a pas encore de commentaires. Soyez le premier à réagir !"], "fr"),
                        # a theme's own heading over the reply form, with the form's cancel link, in no stock markup
                        (["Hinterlasse jetzt einen Kommentar Antworten abbrechen"], "de"),
                        (["Share your comment with us Cancel"], "en")):
        area = "<section id='kommentare' class='comments'>" + "".join(f"<p>{line}</p>" for line in lines) + "</section>"
        post = _post(tmp_path, "", area, lang=lang)
        assert post.comments == [], (lines, [c.body for c in post.comments])


def test_blocks_shaped_like_comments_that_say_there_are_none_are_no_comments(tmp_path):
    # A news site's two comment tabs, each an empty list with its prompt in the comment's shape.
    area = "<div id='comments-panel'>" + "".join(
        f"<div class='comment-card'><span class='comment-author'>Pick a display name to join in</span>"
        f"<span class='comment-time'>{when}</span><div class='comment-text'>There are no {kind}comments yet - be the first "
        f"to add your thoughts</div></div>" for kind, when in (("", "3 May 2025"), ("subscriber ", "4 May 2025"))) + "</div>"
    post = _post(tmp_path, "", area)
    assert not any("comments yet" in c.body for c in post.comments), [c.body for c in post.comments]
    assert all(c.status == "pending" for c in post.comments), "a prompt to sign in is never an approved comment"
