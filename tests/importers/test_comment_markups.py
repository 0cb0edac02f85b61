"""Comment markups of older and smaller themes and systems: each read with names and dates, never furniture.

The fixtures are written for these tests; each copies the *shape* a family of themes prints (WordPress's first
default theme, Thesis's <dl>, wpDiscuz before version 7, Drupal 8's fields, hand-made news and forum systems).
"""

from __future__ import annotations

from essaykit.importers.html_page import read_html_page

ARTICLE = ("<article class='post'><h1>The Tide Tables of Wexmoor</h1><p>"
           + "Every spring the harbour master pins new tide tables to the chandlery door. " * 20 + "</p></article>")


def _post(tmp_path, extra: str, *, lang: str = "en"):
    path = tmp_path / "page.html"
    path.write_text(f"<html lang='{lang}'><head><title>The Tide Tables of Wexmoor</title></head><body>{ARTICLE}"
                    f"{extra}</body></html>", encoding="utf-8")
    [post] = read_html_page(path)
    return post


def _kubrick(cid: int, name: str, when: str, text: str, *, by: str = "Comment by") -> str:
    # The body sits inside .comment-author with the signature line (the theme never closes it before the text).
    return (f"<li class='comment depth-1' id='comment-{cid}'><div id='div-comment-{cid}'><div class='comment-author vcard'>"
            f"<img class='avatar' src='a.png' alt=''><p>{text}</p><p><cite>{by} <span class='fn'>{name}</span> &#8212; "
            f"{when} @ <a href='#comment-{cid}'>10:05</a></cite> <span class='reply'>| <a class='comment-reply-link' "
            f"href='?replytocom={cid}'>Reply</a></span></p></div></div></li>")


def test_an_old_themes_signature_line_gives_name_and_date_and_the_text_inside_the_author_block(tmp_path):
    thread = ("<h3 id='comments'>2 Responses to “The Tide Tables of Wexmoor”</h3><ol id='commentlist'>"
              + _kubrick(11, "Oona Pell", "2019-03-02", "The spring tides came early this year.")
              + _kubrick(12, "Bram Tiller", "2019-03-03", "Thanks for pinning them up again.", by="Kommentar von")
              + "</ol>")
    comments = {c.author: c for c in _post(tmp_path, thread).comments}
    assert set(comments) == {"Oona Pell", "Bram Tiller"}
    assert comments["Oona Pell"].body == "The spring tides came early this year."
    assert comments["Bram Tiller"].body == "Thanks for pinning them up again."
    assert comments["Oona Pell"].created.date().isoformat() == "2019-03-02"
    assert all(c.status == "approved" for c in comments.values())


def test_wordpress_items_in_a_list_of_no_known_class_and_a_written_by_line(tmp_path):
    thread = ("<div class='comments-container'><ul class='comments'>"
              + "".join(f"<li id='comment-{n}'><div><h2 id='c{n}'>{title}</h2><span class='metadata'>geschrieben von "
                        f"{name} am {day}. Jan. 2015, 19:04</span><span class='reply-comment'>[ <a href='/login'>antworten"
                        f"</a> ]</span></div><p>{text}</p></li>"
                        for n, title, name, day, text in ((1, "Ebbe", "kuestenfan", 21, "Die Ebbe war diesmal lang."),
                                                          (2, "Flut", "wattlaeufer", 22, "Und die Flut kam schnell.")))
              + "</ul></div>")
    comments = {c.author: c for c in _post(tmp_path, thread, lang="de").comments}
    assert set(comments) == {"kuestenfan", "wattlaeufer"}
    assert comments["wattlaeufer"].created.day == 22 and "Und die Flut kam schnell." in comments["wattlaeufer"].body
    assert "antworten" not in comments["kuestenfan"].body, "the reply link is furniture"


def test_comments_ul_finding_a_trackback_list_or_a_reply_list_first_still_reads_the_whole_thread(tmp_path):
    reply = ("<li class='comment depth-2' id='comment-3'><div class='comment-body'><div class='comment-author vcard'>"
             "<cite class='fn'>Ines Marr</cite></div><div class='comment-meta'><a href='#'>March 4, 2019 at 9:12 am</a>"
             "</div><p>Only the neap tides, though.</p></div></li>")
    thread = ("<div id='comments'><ul class='trackback_list'></ul><ol class='thread'>"
              "<li class='comment depth-1' id='comment-2'><div class='comment-body'><div class='comment-author vcard'>"
              "<cite class='fn'>Col Harte</cite></div><div class='comment-meta'><a href='#'>March 3, 2019 at 8:00 am</a>"
              f"</div><p>The table for April is wrong.</p></div><ul class='children'>{reply}</ul></li></ol></div>")
    comments = {c.author: c for c in _post(tmp_path, thread).comments}
    assert set(comments) == {"Col Harte", "Ines Marr"}
    assert comments["Ines Marr"].parent == comments["Col Harte"].local_id


def test_a_definition_list_thread_inside_the_comment_area(tmp_path):
    thread = ("<div id='comments'><ul class='trackback_list'></ul><dl id='comment_list'>"
              + "".join(f"<dt class='comment depth-1' id='comment-{n}'><span class='comment_author'>{name}</span>"
                        f"<span class='comment_time'><a href='#comment-{n}'>July {n}, 2015 at 6:57 pm</a></span></dt>"
                        f"<dd class='comment depth-1'><div class='format_text'><p>{text}</p></div></dd>"
                        for n, name, text in ((6, "FLOUNDER", "Where is the tide clock?"), (7, "Leo", "By the door.")))
              + "</dl></div>")
    comments = {c.author: c for c in _post(tmp_path, thread).comments}
    assert set(comments) == {"FLOUNDER", "Leo"}
    assert comments["Leo"].body == "By the door." and comments["Leo"].created.day == 7


def test_a_definition_list_header_with_no_name_element_says_the_name_in_the_pages_language(tmp_path):
    # "NAME sagte am DATE:" in the <dt>: the name is what stands before leftovers.SAID
    thread = ("<div id='comments'><dl id='comment_list'>"
              + "".join(f"<dt class='comment depth-1' id='comment-{n}'>{name} sagte am {n}. Juli 2015:</dt>"
                        f"<dd class='comment depth-1'><p>{text}</p></dd>"
                        for n, name, text in ((3, "Greta Lind", "Wo hängt die Gezeitenuhr?"), (4, "Jonas", "Neben der Tür.")))
              + "</dl></div>")
    comments = {c.author: c for c in _post(tmp_path, thread, lang="de").comments}
    assert set(comments) == {"Greta Lind", "Jonas"}
    assert comments["Jonas"].body == "Neben der Tür."


def test_old_wpdiscuz_markup_and_its_post_author_mark(tmp_path):
    def item(cid: int, name: str, text: str, who: str) -> str:
        return (f"<div class='wc-comment {who} wc_comment_level-1' id='wc-comm-{cid}_0'><div class='wc-comment-left'>"
                f"<img class='avatar' src='a.png' alt='{name}'><div class='wc-comment-label'><span>Gast</span></div></div>"
                f"<div class='wc-comment-right' id='comment-{cid}'><div class='wc-comment-header'><div class='wc-comment-author'>"
                f"{name}</div></div><div class='wc-comment-text'><p>{text}</p></div><div class='wc-comment-footer'>"
                f"<div class='wc-comment-date'>3. Januar 2020 10:24</div><span>Antworten</span></div></div></div>")

    thread = ("<div id='comments' class='comments-area'><div id='wpcomm'><div class='wc-thread-wrapper'>"
              + item(5, "Nele", "Danke für die Tabellen!", "wc-blog-guest")
              + item(6, "Robert", "Gern geschehen.", "wc-blog-user wc-blog-post_author") + "</div></div></div>")
    comments = {c.author: c for c in _post(tmp_path, thread, lang="de").comments}
    assert set(comments) == {"Nele", "Robert"}
    assert comments["Nele"].body == "Danke für die Tabellen!" and comments["Nele"].created.year == 2020
    assert comments["Robert"].by_author and not comments["Nele"].by_author


def test_drupal_8_comment_subject_is_not_its_name_nor_its_text(tmp_path):
    thread = ("<section data-drupal-selector='comments'>"
              "<article class='js-comment comment' id='comment-214' typeof='schema:Comment'>"
              "<mark class='hidden' data-comment-timestamp='1587481447'></mark><footer><h6>Hedda Brink | Di, 21. April 2020"
              " - 16:40</h6></footer><div><div class='field--name-comment-body'><p property='schema:name'>"
              "<a class='permalink' href='/comment/214'>Zu den Gezeiten</a></p></div>"
              "<div class='field field--name-comment-body' property='schema:text'><p>Die Tabelle hängt schief.</p></div>"
              "<ul class='links'><li><a href='/reply'>Antworten</a></li></ul></div></article></section>")
    [comment] = _post(tmp_path, thread, lang="de").comments
    assert (comment.author, comment.body) == ("Hedda Brink", "Die Tabelle hängt schief.")
    assert comment.created.year == 2020 and comment.status == "approved"


def test_camel_case_and_german_comment_blocks_are_read_by_their_shape(tmp_path):
    forum = "".join(f"<div class='MtnComment' id='c{n}'><div class='MtnCommentContent'><div class='MtnCommentInformation'>"
                    f"<span class='MtnCommentAccountName'>{name}</span><span class='MtnCommentTime'><span>28.09.19</span>"
                    f"<span>12:{n}4</span></span></div><div class='MtnCommentText'>{text}</div></div></div>"
                    for n, name, text in ((1, "kielwasser", "Bei mir ist die Tabelle leer."),
                                          (2, "pricke", "Neu laden hilft.")))
    comments = {c.author: c for c in _post(tmp_path, f"<main>{forum}</main>", lang="de").comments}
    assert {a: c.body for a, c in comments.items()} == {"kielwasser": "Bei mir ist die Tabelle leer.",
                                                       "pricke": "Neu laden hilft."}, "the text without its header"
    letters = "".join(f"<div class='leserbrief'><div class='leserbrief_meta'><span class='autor'>{name}</span> / "
                      f"22.04.2020</div><p>{text}</p></div>"
                      for name, text in (("Karl Dorn", "Gute Übersicht."), ("Uta Stein", "Danke, sehr hilfreich.")))
    comments = {c.author: c for c in _post(tmp_path, f"<div id='comment_entries'>{letters}</div>", lang="de").comments}
    assert set(comments) == {"Karl Dorn", "Uta Stein"}
    assert comments["Uta Stein"].body == "Danke, sehr hilfreich." and comments["Uta Stein"].created.month == 4


def test_comment_ids_in_a_widget_or_without_name_and_date_are_never_approved(tmp_path):
    widget = ("<aside class='widget'><ul><li id='comment-90'><a href='/p/1#comment-90'>Sam bei Ebbe und Flut</a></li>"
              "<li id='comment-91'><a href='/p/2#comment-91'>Kim bei Sturmflut</a></li></ul></aside>")
    assert _post(tmp_path, widget).comments == [], "a recent-comments widget is the site's, not this post's thread"
    bare = "<ol class='list'><li id='comment-5'><p>Nice <b>tables</p></li><li id='comment-6'><p>Me too</li></ol>"
    comments = _post(tmp_path, bare).comments
    assert comments and all(c.status == "pending" and c.reason for c in comments), "malformed, unsigned: held"


def test_stack_exchange_comments_and_shop_reviews_are_read_with_their_names_and_dates(tmp_path):
    def remark(cid: int, text: str, name: str, when: str) -> str:
        return (f"<li class='comment js-comment' id='comment-{cid}'><div class='comment-text'><div class='comment-body'>"
                f"<span class='comment-copy'>{text}</span><div>– <a class='comment-user' href='/users/{cid}'>{name}</a>"
                f"</div><span class='comment-date'><span class='relativetime-clean' title='x'>{when}</span></span>"
                f"</div></div></li>")

    remarks = ("<div class='comments'><ul class='comments-list'>" + remark(1, "Which tide, though?", "ebbwise", "Sep 27, 2019 at 0:14")
               + remark(2, "The spring one.", "moonpull", "Sep 28, 2019 at 9:01") + "</ul></div>")
    comments = {c.author: c for c in _post(tmp_path, remarks).comments}
    assert {a: c.body for a, c in comments.items()} == {"ebbwise": "Which tide, though?", "moonpull": "The spring one."}
    assert comments["moonpull"].created.day == 28
    reviews = ("<div class='jdgm-rev-widg'>" + "".join(
        f"<div class='jdgm-rev' data-review-id='r{n}'><div class='jdgm-rev__header'><span class='jdgm-rev__timestamp' "
        f"data-content='2020-02-2{n} 15:23:13 UTC'></span><span class='jdgm-rev__author'>{name}</span></div>"
        f"<div class='jdgm-rev__content'><b class='jdgm-rev__title'>{title}</b><div class='jdgm-rev__body'><p>{text}</p>"
        f"</div></div></div>" for n, name, title, text in ((1, "S.", "Gut", "Die Tabellen sind klar."),
                                                           (2, "D.", "Naja", "Zu klein gedruckt.")))
               + "</div>")
    comments = {c.author: c for c in _post(tmp_path, reviews, lang="de").comments}
    assert set(comments) == {"S.", "D."} and "Zu klein gedruckt." in comments["D."].body
    assert comments["D."].created.day == 22


def test_a_comment_lists_numeric_dates_are_read_as_the_pages_language_writes_them_and_abbr_titles_are_dates(tmp_path):
    def item(cid: int, name: str, when: str, text: str) -> str:
        return (f"<li class='comment' id='comment-{cid}'><div class='comment-author vcard'><span class='fn'>{name}</span>"
                f"</div>{when}<div class='comment-content'><p>{text}</p></div></li>")

    thread = ("<ol class='commentlist'>" + item(1, "Odile Brun", "<span class='comment-date'>05/03/2020 10:30</span>", "Merci.")
              + item(2, "Jules Roc", "<abbr class='date' title='2019-09-13T20:30:51Z'>Le 13 septembre</abbr>", "Bravo.")
              + "</ol>")
    comments = {c.author: c for c in _post(tmp_path, thread, lang="fr").comments}
    assert (comments["Odile Brun"].created.month, comments["Odile Brun"].created.day) == (3, 5), "French: day first"
    assert comments["Jules Roc"].created.isoformat().startswith("2019-09-13T20:30")
    english = {c.author: c for c in _post(tmp_path, thread, lang="en-US").comments}
    assert (english["Odile Brun"].created.month, english["Odile Brun"].created.day) == (5, 3)


def _own_classes(cid: int, head: str, text: str) -> str:
    # WordPress's own item id, but the theme's own classes for the name and the date (no rule names them).
    return f"<li id='comment-{cid}'><div class='c-box'>{head}<div class='c-say'><p>{text}</p></div></div></li>"


def test_a_name_over_a_date_printed_in_classes_no_rule_names_gives_the_comments_name_and_date(tmp_path):
    thread = ("<h3 id='comments'>3 Kommentare</h3><ol class='c-list'>"
              + _own_classes(21, "<div class='c-who'>Mareike</div><div class='c-when'><a href='#comment-21'>8. Dezember "
                             "2010 um 10:56</a></div>", "Die Tabelle hängt bei uns im Flur.")
              + _own_classes(22, "<a class='c-num' href='#comment-22'>2</a><div class='c-who'>Kommentar von Georg77</div>"
                             "<div class='c-when'>16. März 2011 um 12:22</div>", "Und die Flut kam früher als gedacht.")
              + _own_classes(23, "", "Ich finde die Tabelle sehr nützlich.</p><p>3. April 2012")
              + "</ol>")
    comments = _post(tmp_path, thread, lang="de").comments
    named = {c.author: c for c in comments if c.status == "approved"}
    assert set(named) == {"Mareike", "Georg77"}
    assert named["Mareike"].created.isoformat()[:16] == "2010-12-08T10:56"
    assert named["Georg77"].created.isoformat()[:16] == "2011-03-16T12:22"
    assert named["Mareike"].body == "Die Tabelle hängt bei uns im Flur.", "the header lines are not the text"
    assert named["Georg77"].body == "Und die Flut kam früher als gedacht."
    unnamed = [c for c in comments if c.author == "Anonymous"]
    assert len(unnamed) == 1 and unnamed[0].status == "pending", "a sentence over a date is no name"


def _plain_item(cid: int, head: str, text: str, *, stamp: str = "") -> str:
    # A WordPress item (li#li-comment-N > article#comment-N) whose theme names its parts in classes no rule knows.
    when = f"<time datetime='{stamp}'>" if stamp else "<span>"
    return (f"<li class='comment depth-1' id='li-comment-{cid}'><article id='comment-{cid}'><aside></aside>"
            f"<div class='box'>{head.replace('<T>', when).replace('</T>', '</time>' if stamp else '</span>')}"
            f"<p>{text}</p></div></article></li>")


def test_a_name_in_a_header_no_class_marks_as_the_authors_is_read_from_the_header_line(tmp_path):
    head = ("<header><span class='who'>{name}</span> <a href='#comment-{cid}'><T>{when}</T></a>"
            "<span class='reply'><a class='comment-reply-link' href='#'>Reply</a></span></header>")
    thread = ("<section id='comments'><h2>2 Comments</h2><ol>"
              + _plain_item(31, head.format(name="Tavi Orne", cid=31, when="March 2, 2019 at 9:40 am"),
                            "The April table has the wrong moon.", stamp="2019-03-02T09:40:00+05:30")
              + _plain_item(32, head.format(name="Lise K.", cid=32, when="March 3, 2019 at 1:05 pm"),
                            "Fixed on the chandlery door now.", stamp="2019-03-03T13:05:00+05:30")
              + "</ol></section>")
    comments = {c.author: c for c in _post(tmp_path, thread).comments}
    assert set(comments) == {"Tavi Orne", "Lise K."}
    assert comments["Tavi Orne"].body == "The April table has the wrong moon.", "the header line is not the text"
    assert comments["Lise K."].created.isoformat()[:10] == "2019-03-03", "the markup's own date is kept"
    assert all(c.status == "approved" for c in comments.values())


def test_a_header_whose_date_is_another_day_than_the_markups_gives_no_name(tmp_path):
    # "Reminder / 12 May 2019" opening the text of a comment dated in March is the reader's own words, not a header.
    thread = ("<section id='comments'><ol>"
              + _plain_item(41, "<div class='comment-meta'><T>March 2, 2019</T></div>",
                            "Reminder</p><p>12 May 2019</p><p>The tables change again then.",
                            stamp="2019-03-02T09:40:00+00:00")
              + "</ol></section>")
    [comment] = _post(tmp_path, thread).comments
    assert comment.author == "Anonymous"
    assert comment.body.startswith("Reminder"), "the reader's first lines stay in the text"


def test_a_heading_in_the_comments_header_over_its_date_is_the_name_in_french_and_german(tmp_path):
    def item(cid, name, when, text):
        return (f"<li class='comment depth-1' id='comment-{cid}'><div class='comment-header'>"
                f"<img class='avatar' src='a.png' alt=''><noscript><img src='a.png' alt=''></noscript><h3>{name}</h3>"
                f"<p class='comment-meta'>{when}</p></div><div class='comment-body'><p>{text}</p></div></li>")

    fr = ("<div id='comments'><h4>2 commentaires</h4><ol class='commentlist'>"
          + item(51, "Maëlle", "18/02/2020 à 16:42", "Les marées de mars sont les plus fortes.")
          + item(52, "Gwenn", "19/02/2020 à 08:10", "Merci pour le tableau.") + "</ol></div>")
    comments = {c.author: c for c in _post(tmp_path, fr, lang="fr").comments}
    assert set(comments) == {"Maëlle", "Gwenn"}
    assert comments["Maëlle"].created.isoformat()[:16] == "2020-02-18T16:42"
    assert comments["Gwenn"].body == "Merci pour le tableau."
    de = ("<div id='comments'><ol class='commentlist'>"
          + item(61, "Hauke", "3. März 2021 um 10:15", "Die Tabelle hängt jetzt im Hafen.")
          + item(62, "Dieser Beitrag gefällt mir sehr gut und ich lese ihn gern", "4. März 2021 um 11:00", "Danke!")
          + "</ol></div>")
    comments = _post(tmp_path, de, lang="de").comments
    assert [c.author for c in comments] == ["Hauke", "Anonymous"], "a sentence over a date is no name"
