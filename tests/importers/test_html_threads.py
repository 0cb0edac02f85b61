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


def test_a_nested_thread_whose_first_level_list_has_no_comment_name_is_read_whole(tmp_path):
    """Only the reply lists say "thread"; the first comments, which hold them, and their siblings are comments too."""
    def item(mid: str, name: str, stamp: str, text: str, replies: str = "") -> str:
        return (f"<li class='member' id='msg_{mid}'><a class='author' href='/u/{mid}'><h4>{name}</h4></a>"
                f"<time datetime='{stamp}'>{stamp[:10]}</time><div class='objlink'><p>{text}</p></div>"
                "<ul class='toolbar'><li class='reply'><a>antworten</a></li><li><a>melden</a></li></ul>"
                + (f"<ul class='thread'>{replies}</ul>" if replies else "") + "</li>")

    thread = ("<div class='sect_talk'><ul class='directory'>"
              + item("1", "Wenke Sorg", "2020-01-14T13:29:55+01:00", "Der Kai war gestern voller Laternen.",
                     item("2", "kranfahrer", "2020-01-14T14:56:29+01:00", "@Wenke Sorg Einundvierzig waren es."))
              + item("3", "Odo Pfeil", "2020-01-14T15:10:00+01:00", "Und keine einzige ging aus.")
              + "</ul></div>")
    comments = {c.author: c for c in _page(tmp_path, thread).comments}
    assert set(comments) == {"Wenke Sorg", "kranfahrer", "Odo Pfeil"}
    assert comments["kranfahrer"].parent == comments["Wenke Sorg"].local_id
    assert comments["Odo Pfeil"].body == "Und keine einzige ging aus.", "the item's text, not a list, nor its buttons"
    assert all(c.status == "approved" for c in comments.values())


def test_a_lone_comment_block_with_its_title_is_read_and_a_list_of_linked_comments_is_not(tmp_path):
    lone = ("<div class='kommentare'><div class='rubrik'>Kommentare</div><div class='kommentar-item'>"
            "<div class='kommentar-info'><div class='benutzer'>Deichgraf7</div><div class='datum'>31.10.2023, 19.18 Uhr</div>"
            "</div><h5>Na endlich</h5><div class='kommentar-text'>Die Laternen am Kai brennen wieder.</div></div></div>"
            "<ul class='box'>" + "".join(f"<li class='kommentar'><a href='/n/{n}#k' title='06.11.2023, 13.47 Uhr'>"
                                       f"Ein anderer Beitrag {n}</a></li>" for n in range(3)) + "</ul>")
    [comment] = _page(tmp_path, lone).comments
    assert comment.author == "Deichgraf7" and comment.status == "approved"
    assert comment.created.day == 31 and comment.created.month == 10
    assert comment.body == "**Na endlich**\n\nDie Laternen am Kai brennen wieder.", "the comment's headline leads its text"
    alone = lone.replace("<div class='benutzer'>Deichgraf7</div>", "")
    assert _page(tmp_path, alone).comments == [], "one block with no name of its own is not a thread"


def test_a_name_and_a_date_on_one_header_line_and_the_page_language_reads_the_date(tmp_path):
    def card(line: str, text: str) -> str:
        return (f"<div class='mo-comment-card'><div class='mo-comment-infos'><strong>{line}</strong></div>"
                f"<div class='mo-comment-content'>{text}</div></div>")

    cards = ("<div class='mo-comments-list'>" + card("Muriel - Le 05/03/2020 à 12:01:03", "Pour le quai !")
             + card("Jean-Noël - Le 24/11/2019 à 18:45:00", "Les lanternes restent.") + "</div>")
    path = tmp_path / "page.html"
    path.write_text(f"<html lang='fr'><head><title>Lanterns on the Quay</title></head><body>{ARTICLE}{cards}</body></html>",
                    encoding="utf-8")
    [post] = read_html_page(path)
    comments = {c.author: c for c in post.comments}
    assert set(comments) == {"Muriel", "Jean-Noël"} and all(c.status == "approved" for c in comments.values())
    assert (comments["Muriel"].created.month, comments["Muriel"].created.day) == (3, 5), "French: day first"
    assert comments["Muriel"].body == "Pour le quai !"
    undated = cards.replace("Le 05/03/2020 à 12:01:03", "membre").replace("Le 24/11/2019 à 18:45:00", "membre")
    assert _page(tmp_path, undated).comments == [], "a line without a date is not a name and a date"
    worded = cards.replace("Muriel - Le", "於").replace("Jean-Noël - Le", "於")
    assert _page(tmp_path, worded).comments == [], "a word before the date, with no mark between, is no name"


def test_a_camel_case_comment_name_class_is_the_name(tmp_path):
    def block(cid: str, name: str, day: str, text: str) -> str:
        return (f"<div class='shareBarCommentsListComment' id='comment{cid}'><p class='shareBarCommentsListCommentName'>"
                f"{name}</p><p class='shareBarCommentsListCommentTimestamp'>{day}</p>"
                f"<div class='shareBarCommentsListCommentText'>{text}</div></div>")

    thread = ("<div class='shareBarCommentsList'>" + block("7", "Elke Marsch", "20.01.2017", "Wann wird geräumt?")
              + block("8", "Die Redaktion", "21.01.2017", "Ab sieben Uhr.") + "</div>")
    comments = {c.author: c for c in _page(tmp_path, thread).comments}
    assert set(comments) == {"Elke Marsch", "Die Redaktion"}
    assert comments["Elke Marsch"].body == "Wann wird geräumt?" and comments["Elke Marsch"].created.day == 20


def _microdata(vocabulary: str) -> str:
    """Two readers' notes marked up in schema.org microdata, in a part of the page no class calls comments: the
    ``Comment`` type (author, dateCreated, text) or the older ``UserComments`` (creator, commentTime, commentText)."""
    said = [("Ilse Varga", "2024-03-12T10:30:00+01:00", "12.03.2024 10:30", "Wir waren am Kai, als die Laternen angingen."),
            ("Tomas Ek", "2024-03-13T08:05:00+01:00", "13.03.2024 08:05", "Forty lanterns, and one behind the crane.")]
    if vocabulary == "Comment":
        blocks = [f"<div class='note' itemprop='comment' itemscope itemtype='https://schema.org/Comment'>"
                  f"<div itemprop='author' itemscope itemtype='https://schema.org/Person'><span itemprop='name'>{name}</span></div>"
                  f"<time itemprop='dateCreated' datetime='{stamp}'>{shown}</time><div itemprop='text'><p>{text}</p></div></div>"
                  for name, stamp, shown, text in said]
    else:
        blocks = [f"<div class='note' itemprop='comment' itemscope itemtype='http://schema.org/UserComments'>"
                  f"<span itemprop='creator'>{name}</span> <span itemprop='commentTime' content='{stamp}'>{shown}</span>"
                  f"<p itemprop='commentText'>{text}</p></div>" for name, stamp, shown, text in said]
    return "<section class='feedback'><h2>Leserstimmen</h2>" + "".join(blocks) + "</section>"


def test_comments_in_schema_org_microdata_are_read_wherever_they_stand(tmp_path):
    for vocabulary in ("Comment", "UserComments"):
        comments = _page(tmp_path, _microdata(vocabulary)).comments
        got = [(c.author, c.created.isoformat() if c.created else None, c.body, c.status) for c in comments]
        assert got == [("Ilse Varga", "2024-03-12T09:30:00+00:00", "Wir waren am Kai, als die Laternen angingen.", "approved"),
                       ("Tomas Ek", "2024-03-13T07:05:00+00:00", "Forty lanterns, and one behind the crane.", "approved")], vocabulary


def _numbered(number: int, name: str, when: str, text: str, member: str = "") -> str:
    """A comment whose list item carries its own number as a class ("qk-comment 4471203"), its name in a "-user"
    element and its date as "Le DD/MM/YYYY à HH:MM", as some news sites' own comment systems write them; a member's
    comment has one more class inside ("qk-comment-member"), so only the numbered items are alike."""
    return (f"<li class='qk-comment {number}'><article class='qk-comment-content{member}'>"
            f"<div class='qk-comment-avatar-wrapper'><img alt='Avatar' src='a.png'><span>Member</span></div>"
            f"<div class='qk-comment-header'><a class='qk-comment-user' href='/u/{name}'>{name}</a></div>"
            f"<div class='qk-comment-msg'><p>{text}</p></div>"
            f"<div class='qk-comment-footer'><span class='qk-comment-timestamp'>{when}</span>"
            f"<div class='qk-comment-tools'><a href='#'>Report</a> <a href='#'>Reply</a></div></div></article></li>")


def test_items_numbered_by_class_are_one_thread_and_its_dates_read_day_first(tmp_path):
    thread = ("<ul class='qk-comments'>"
              + _numbered(4471203, "harbourowl", "Le 21/04/2013 à 02:20", "The crane lights were on all night.",
                          " qk-comment-member")
              + _numbered(4470811, "ropewalker", "Le 07/04/2013 à 17:29", "Forty lanterns, then the fog.")
              + _numbered(4470790, "quaymouse", "Le 06/04/2013 à 12:16", "We saw them from the ferry.") + "</ul>")
    comments = {c.author: c for c in _page(tmp_path, thread).comments}
    assert set(comments) == {"harbourowl", "ropewalker", "quaymouse"}, "each item's own number is not its kind"
    assert comments["ropewalker"].body == "Forty lanterns, then the fog."
    assert all(c.status == "approved" for c in comments.values())
    # the page states no language: "21/04/2013" in the same thread says its "07/04/2013" is the 7th of April
    assert (comments["ropewalker"].created.month, comments["ropewalker"].created.day) == (4, 7)
    assert (comments["quaymouse"].created.month, comments["quaymouse"].created.day) == (4, 6)


def test_a_thread_whose_numeric_dates_say_nothing_keeps_month_first(tmp_path):
    thread = ("<ul class='qk-comments'>"
              + _numbered(4471203, "harbourowl", "Le 07/04/2013 à 02:20", "The crane lights were on all night.")
              + _numbered(4470811, "ropewalker", "Le 06/04/2013 à 17:29", "Forty lanterns, then the fog.") + "</ul>")
    comments = {c.author: c for c in _page(tmp_path, thread).comments}
    assert (comments["ropewalker"].created.month, comments["ropewalker"].created.day) == (6, 4), "as before: no proof"
