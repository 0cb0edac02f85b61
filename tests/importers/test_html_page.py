"""Reading a browser-saved page of one post (essaykit.importers.html_page)."""

from __future__ import annotations

import pytest
from .builders import HTML_FIXTURE

from essaykit.importers.html_page import read_html_page
from essaykit.importers.model import Failed, ImportedPost


@pytest.fixture(scope="module")
def post() -> ImportedPost:
    [found] = read_html_page(HTML_FIXTURE)
    assert isinstance(found, ImportedPost)
    return found


def test_title_author_date_url_and_tags(post):
    assert post.title == "The Orchard at Night"
    assert post.author == "Oskar Lind"
    assert post.date == "2026-09-18T20:15:00Z"
    assert post.url == "https://lanternhours.example.net/2026/09/the-orchard-at-night/"
    assert post.slug == "the-orchard-at-night"
    assert post.tags == ["horror", "orchards"]
    assert post.source == {"kind": "html", "file": "saved-page.html", "id": post.url}


def test_the_article_body_is_kept_and_the_page_furniture_dropped(post):
    text = "\n".join(post.blocks + post.spoiler_blocks)
    assert post.blocks[0].startswith("Most horror films are afraid of the dark.")
    assert "### The craft" in post.blocks
    for furniture in ("Skip to content", "Archive", "Share on Social", "Related", "Another review", "Recent posts",
                      "Previous post", "Leave a Reply", "Post Comment", "Proudly powered", "trackingQueue",
                      "pixel.gif", "Tagged", "Pearl Asante", "# The Orchard at Night"):
        assert furniture not in text, f"{furniture!r} is page furniture (or the title/comments), not the article"


def test_the_spoiler_warning_splits_the_article(post):
    assert post.spoiler_label == "Spoiler warning: the rest of this review discusses the ending."
    assert post.spoiler_blocks[0] == "The orchard is picking them, one ladder at a time."


def test_comments_are_threaded_three_deep_with_a_pingback(post):
    by_id = {c.local_id: c for c in post.comments}
    assert set(by_id) == {"301", "302", "303", "304"}
    assert (by_id["301"].parent, by_id["302"].parent, by_id["303"].parent) == (None, "301", "302")
    assert by_id["301"].author == "Pearl Asante" and by_id["301"].website == "https://pearlwrites.example.org/"
    assert by_id["301"].body == "The ladder-height camera is such a good idea. I felt **seasick** by the end."
    assert "Reply" not in by_id["301"].body and "That was the point" not in by_id["301"].body, \
        "a comment's body excludes its reply link and its replies"
    assert by_id["302"].created.isoformat() == "2026-09-19T09:30:00+00:00"
    ping = by_id["304"]
    assert ping.kind == "pingback" and ping.source_url == "https://fruitfilms.example.com/autumn-list/"
    assert ping.author == "Ten autumn films worth the chill"


def test_a_page_without_article_text_fails_by_name(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<!doctype html><html><head><title>x</title></head><body><nav>menu</nav></body></html>")
    [failure] = read_html_page(path)
    assert isinstance(failure, Failed) and failure.where == "empty.html" and "no article text" in failure.message


def test_title_falls_back_to_the_title_element_without_the_site_name(tmp_path):
    path = tmp_path / "plain.html"
    path.write_text("<html><head><title>A Quiet Film | My Blog</title></head>"
                    "<body><article><p>Body text.</p></article></body></html>")
    [post] = read_html_page(path)
    assert post.title == "A Quiet Film" and post.blocks == ["Body text."]


def test_a_windows_1252_page_is_decoded_by_its_meta_charset(tmp_path):
    path = tmp_path / "old.html"
    path.write_bytes('<html><head><meta charset="windows-1252"><title>Caf\u00e9</title></head>'
                     '<body><div class="entry-content"><p>Cr\u00e8me br\u00fbl\u00e9e \u2013 fine.</p></div></body></html>'
                     .encode("cp1252"))
    [post] = read_html_page(path)
    assert post.blocks == ["Cr\u00e8me br\u00fbl\u00e9e \u2013 fine."]


def test_no_comment_list_means_no_comments(tmp_path):
    path = tmp_path / "bare.html"
    path.write_text("<html><body><article><h1>Bare</h1><p>Just text.</p></article></body></html>")
    [post] = read_html_page(path)
    assert post.title == "Bare" and post.comments == [] and post.blocks == ["Just text."]


def test_absurdly_nested_article_fails_by_name(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<html><body><article><h1>Deep</h1>" + "<blockquote>" * 3000 + "x</article></body></html>")
    [failure] = read_html_page(path)
    assert isinstance(failure, Failed) and "deep.html" in failure.where and "nested too deeply" in failure.message


def test_a_comment_marked_as_an_entry_is_never_the_title(tmp_path):
    """Some WordPress themes give each comment ``hentry`` and a ``p.entry-title`` ("NAME wrote on DATE"),
    as on hacks.mozilla.org: the post's title is still its own heading."""
    body = " ".join(["The Fetch API gives the web a clean way to make requests."] * 30)
    page = tmp_path / "fetch.html"
    page.write_text(
        "<html><head><title>This API is so Fetching! ✩ Mozilla Hacks</title></head><body>"
        f"<h1 class='page-title'>This API is so Fetching!</h1><article><p>{body}</p></article>"
        "<ol class='commentlist'><li id='comment-1' class='comment even depth-1 hentry'>"
        "<p class='entry-title vcard'><cite class='author fn'>Ann Reader</cite> wrote on March 11th, 2015</p>"
        "<div class='comment-body'><p>Thanks for this.</p></div></li></ol></body></html>", encoding="utf-8")
    [post] = read_html_page(page)
    assert post.title == "This API is so Fetching!", post.title


def test_epoch_comments_keep_their_names_dates_and_words(tmp_path):
    """Epoch (a WordPress comments plugin) as a saved page has it: an empty ``#comments``, then
    ``#epoch-comments`` whose items are ``article.epoch-single-comment`` with the name in
    ``.epoch-author-link`` (bare text when there is no website) and a placeholder ``datetime`` on the date."""
    body = " ".join(["Job boards say more about who posts than who hires."] * 30)

    def item(cid, name, when, text, *, website=True):
        shown = f"<a class='epoch-author-link' href='https://{cid}.example.org'>{name}</a>" if website else name
        return (f"<div id='comment-{cid}'><article id='div-comment-{cid}' class='epoch-comment-body epoch-single-comment'>"
                "<footer class='epoch-comment-meta'><div class='epoch-comment-author'><div class='epoch-comment-author-avatar'>"
                f"<img class='avatar' src='a.png'></div>{shown} <span class='epoch-divide'>·</span> "
                f"<a class='epoch-comment-link' href='#comment-{cid}'><time datetime='comment_date'>{when}</time></a></div></footer>"
                f"<div class='epoch-comment-content'><p>{text}<span class='pmcc-comments-report-link'><a>Report</a></span></p></div>"
                "<ul class='epoch-comment-actions'><li class='epoch-reply'><a class='comment-reply-link'>Reply</a></li></ul>"
                "</article></div>")

    page = tmp_path / "jobs.html"
    page.write_text(
        "<html><head><title>Jobs data – The Tavern</title></head><body><article><h1 class='entry-title'>Jobs data</h1>"
        f"<p>{body}</p></article><div id='comments'></div><div id='epoch-wrap' class='comments-area epoch-wrapper'>"
        "<h3>There are <span id='epoch-count'>2</span> comments</h3><div id='epoch-comments'>"
        + item(11, "Sallie", "March 10, 2017 at 12:20 AM", "Busy all the same.")
        + item(12, "Rarst", "March 10, 2017 at 1:26 AM", "Over-saturation is a nuance.")
        + item(13, "Ammon", "March 11, 2017 at 8:41 PM", "No website, just a name.", website=False)
        + "</div></div></body></html>", encoding="utf-8")
    [post] = read_html_page(page)
    got = [(c.author, c.created.isoformat()[:16] if c.created else None, c.body, c.status) for c in post.comments]
    assert got == [("Sallie", "2017-03-10T00:20", "Busy all the same.", "approved"),
                   ("Rarst", "2017-03-10T01:26", "Over-saturation is a nuance.", "approved"),
                   ("Ammon", "2017-03-11T20:41", "No website, just a name.", "approved")], got


def test_a_tech_post_with_a_response_section_and_entry_content_comments_keeps_its_article(tmp_path):
    """An API post's "Response" section is the article's (no comment follows it), and a theme that marks each
    comment's text ``.entry-content`` does not make a comment the article."""
    para = "<p>" + "The lock keeper answers each boat with a record of its tonnage and its cargo. " * 6 + "</p>"
    page = tmp_path / "locks.html"
    page.write_text(
        "<html><head><title>The Lock Keeper API</title></head><body><article class='post'><h1>The Lock Keeper API</h1>"
        f"<h2>Request</h2>{para}<h2>Response</h2><p>The keeper's ledger row comes back whole.</p>{para}"
        "<h2>Future work</h2><p>Tides are next.</p></article>"
        "<section id='comments'><h3>2 Responses</h3><ol class='commentlist'><li class='comment' id='comment-1'>"
        "<cite>Ann Berg</cite> says:<blockquote class='entry-content'><p>Lovely post.</p></blockquote></li>"
        "<li class='comment' id='comment-2'><cite>Ola Ness</cite> says:<blockquote class='entry-content'>"
        "<p>Thanks, it helped.</p></blockquote></li></ol></section></body></html>", encoding="utf-8")
    [post] = read_html_page(page)
    text = "\n".join(post.blocks)
    assert "## Response" in post.blocks and "The keeper's ledger row comes back whole." in text
    assert "Tides are next." in text and "Lovely post." not in text
    assert "Lovely post." in [c.body for c in post.comments] or any("Lovely post." in c.body for c in post.comments)


def test_a_comments_heading_that_comments_follow_still_ends_the_article(tmp_path):
    page = tmp_path / "ferry.html"
    page.write_text(
        "<html><head><title>Ferry at Dawn</title></head><body><div class='entry-content'>"
        "<p>" + "The ferry left before dawn and nobody on the pier waved. " * 8 + "</p>"
        "<h3>Comments</h3><p>Ann Berg says:</p><p>March 3, 2026 at 4:12 pm</p><p>What a morning.</p>"
        "</div></body></html>", encoding="utf-8")
    [post] = read_html_page(page)
    assert "What a morning." not in "\n".join(post.blocks)


def test_a_comment_forms_error_box_is_no_comment_and_a_block_without_name_or_date_is_held(tmp_path):
    # A news site's comment area: one real comment, an unsigned undated block in the list, and the comment
    # form's error message in a modal whose box carries the class "comment" (seen on a real German page).
    path = tmp_path / "news.html"
    path.write_text(
        "<html><head><title>Rates rise | Paper</title></head><body><article><h1>Rates rise</h1>"
        "<p>The bank raised its rates again on Thursday, the third time this year.</p></article>"
        "<section id='comments'><ol class='comment-list'>"
        "<li class='comment' id='comment-7'><div class='comment-author'><cite class='fn'>Greta</cite></div>"
        "<time datetime='2024-03-02T10:00:00Z'>2 March 2024</time>"
        "<div class='comment-content'><p>About time, my savings thank them.</p></div></li>"
        "<li class='comment' id='comment-8'><div class='comment-content'><p>Loading more…</p></div></li>"
        "</ol>"
        "<div class='modal fade' id='comment-error'><div class='modal-dialog' role='document'>"
        "<div class='modal-content comment'><div class='comment-body'><p><strong>Dein Kommentar wurde nicht "
        "gespeichert.</strong> Der Kommentar ist länger als 4000 Zeichen.</p></div></div></div></div>"
        "</section></body></html>", encoding="utf-8")
    [post] = read_html_page(path)
    approved = [c for c in post.comments if c.status == "approved"]
    assert [c.author for c in approved] == ["Greta"]
    assert not any("gespeichert" in c.body for c in post.comments), "the form's error box is not a comment"
    [held] = [c for c in post.comments if c.status == "pending"]
    assert "Loading more" in held.body and "no name and no date" in held.reason


def _read(tmp_path, markup: str) -> tuple[ImportedPost, str]:
    """The post of a saved page with ``markup``, and its article's text."""
    page = tmp_path / "page.html"
    page.write_text(markup, encoding="utf-8")
    [post] = read_html_page(page)
    return post, "\n".join(post.blocks)


_STALL = "<p>" + "The stall at the corner sells pears by weight and apples by the piece, and nobody argues. " * 3 + "</p>"


def test_a_blogger_post_inside_a_widget_is_not_traded_for_the_pages_other_text(tmp_path):
    """Blogger's post sits in ``div.widget.Blog``: dropping the page's widgets for trafilatura must not drop the
    post, or trafilatura's reading of what is left (the blog's description) replaces the post."""
    post, text = _read(tmp_path, (
        "<html><head><title>Market Day</title></head><body>"
        "<div class='header'><p>" + "A blog about small towns, their markets, their rivers and the people who keep "
        "them going, written on Sunday mornings. " * 2 + "</p></div>"
        "<div class='widget Blog' id='Blog1'><div class='post'><h3 class='post-title'>Market Day</h3><div class='post-body entry-content'>"
        f"{_STALL}<p>The baker closes at noon; the fishmonger stays until the ice melts.</p></div></div></div>"
        "<div class='widget HTML'><h2>About me</h2><p>I walk, I write.</p></div></body></html>"))
    assert "the fishmonger stays until the ice melts" in text and "Sunday mornings" not in text
    assert not any("trafilatura found" in note for note in post.notes), post.notes


def test_a_heading_that_says_what_someone_says_is_the_articles_own(tmp_path):
    """"The label says:" over a quote is a section of the post; a comment header as a heading is still the comments'
    start when a comment's shape (its date) follows it."""
    post, text = _read(tmp_path, (
        "<html><head><title>Olive Soap</title></head><body><div class='entry-content'>"
        f"{_STALL}<h4>The label says:</h4><blockquote><p>Made by hand from olive oil.</p></blockquote>"
        "<p>After four weeks the bar is still whole and smells of nothing at all.</p>"
        "<h4>Ann Berg says:</h4><p>March 3, 2026 at 4:12 pm</p><p>Mine cracked in a week.</p>"
        "</div></body></html>"))
    assert "#### The label says:" in post.blocks and "still whole and smells of nothing" in text
    assert "Mine cracked in a week." not in text


_BODY = ("<p>" + "The repair café fixes toasters, radios and the odd bicycle lamp for whoever brings one in. " * 3
         + "</p><p>Volunteers bring their own screwdrivers and leave with the parts nobody wanted.</p>")


def test_a_news_pages_standfirst_before_the_article_body_is_the_articles(tmp_path):
    """schema.org's articleBody leaves the lede out; a standfirst between the headline and the body is the article's,
    a list of teaser links above the headline is not."""
    post, text = _read(tmp_path, (
        "<html><head><title>Repair café on Friday</title></head><body>"
        "<div class='teaser'><a href='/a'>Road works on the bridge until the end of the month, the town says</a></div>"
        "<div class='article' itemscope itemtype='http://schema.org/Article'><h1>Repair café on Friday</h1>"
        "<div class='row'><div class='teaser-text' itemprop='description'><p>Broken kettles and silent radios get a "
        "second life on Friday afternoon in the parish hall.</p></div></div>"
        f"<div class='row'><div itemprop='articleBody'>{_BODY}</div></div></div></body></html>"))
    assert post.blocks[0].startswith("Broken kettles and silent radios get a second life"), post.blocks
    assert "nobody wanted" in text and "Road works" not in text


def test_a_lede_trafilatura_finds_before_the_themes_container_is_kept(tmp_path):
    post, text = _read(tmp_path, (
        "<html><head><title>Repair café on Friday</title></head><body><article><div class='container'>"
        "<h1>Repair café on Friday</h1><p>Broken kettles and silent radios get a second life on Friday afternoon in the "
        f"parish hall, and the coffee is free.</p></div><div class='container content main'>{_BODY}</div></article>"
        "<footer><p>The town's newsletter, every week.</p></footer></body></html>"))
    assert post.blocks[0].startswith("Broken kettles and silent radios get a second life"), post.blocks
    assert "nobody wanted" in text and "newsletter" not in text


def test_a_standfirst_in_the_header_after_the_headline_is_the_articles(tmp_path):
    """Themes print the lede in the header block with the headline (an excerpt, an ``h2`` named as a lead); what
    the header has above the headline (a kicker linking elsewhere, a teaser) is not the article's."""
    post, text = _read(tmp_path, (
        "<html><head><title>Repair café on Friday</title></head><body><article class='post hentry'>"
        "<header class='entry-header'><p class='teaser'>Other news: the ferry timetable changes on Monday for the "
        "whole of the winter season.</p><h1 class='entry-title'>Repair café on Friday</h1>"
        "<h2 class='article-lead'>Broken kettles and silent radios get a second life on Friday afternoon in the "
        f"parish hall.</h2></header><div class='entry-content'>{_BODY}</div></article></body></html>"))
    assert "Broken kettles and silent radios get a second life" in post.blocks[0], post.blocks
    assert "nobody wanted" in text and "ferry timetable" not in text


def _commented(tmp_path, lang: str, title: str, prose: str, comments: str) -> ImportedPost:
    """The one post of a saved page in ``lang``: ``title``, eight paragraphs of ``prose``, then ``comments``."""
    page = tmp_path / "commented.html"
    page.write_text(f"<!doctype html><html lang='{lang}'><head><title>{title}</title></head><body><article>"
                    f"<h1>{title}</h1>" + f"<p>{prose}</p>" * 8 + f"</article>{comments}</body></html>", encoding="utf-8")
    [post] = read_html_page(page)
    return post


def test_a_pingback_under_the_comments_header_is_the_linking_post_not_the_excerpts_link(tmp_path):
    # Themes that give a pingback the comments' own header: the linking post's title and address are the name's
    # link; the excerpt under it ("[…] link […]") links back to this post, which is not the mention's source.
    post = _commented(tmp_path, "id", "Tentang kebun malam", "Kebun itu sunyi ketika lampu padam dan angin turun.",
        "<div id='comments'><ol class='commentlist'>"
        "<li class='pingback even depth-1' id='comment-41'><div id='div-comment-41'>"
        "<div class='comment-meta'><span class='comment-author vcard'><strong class='fn'>"
        "<a href='https://tetangga.example.org/catatan-kebun/' class='url'>Catatan kebun | Blog Tetangga</a></strong>,"
        " on <a href='#comment-41'>Desember 30, 2015 at 4:36 am</a> said:</span></div>"
        "<p>[…] <a href='https://kebun.example.net/2015/03/tentang-kebun-malam/'>"
        "https://kebun.example.net/2015/03/tentang-kebun-malam/</a> […]</p>"
        "<div class='reply'><a class='comment-reply-link' href='?replytocom=41#respond'>Balas</a></div></div></li>"
        "<li class='pingback' id='comment-42'><div class='comment-body'>Pingback: "
        "<a href='https://lain.example.com/daftar/'>Daftar bacaan minggu ini</a></div></li>"
        "</ol></div>")
    pings = {c.local_id: c for c in post.comments}
    assert {c.kind for c in pings.values()} == {"pingback"}
    assert pings["41"].author == "Catatan kebun | Blog Tetangga"
    assert pings["41"].source_url == "https://tetangga.example.org/catatan-kebun/"
    assert pings["42"].author == "Daftar bacaan minggu ini" and pings["42"].source_url == "https://lain.example.com/daftar/"


def test_a_comment_whose_text_sits_in_a_bare_content_element_keeps_its_header_out(tmp_path):
    # "Top rated comments" boxes: .comment > .comment_content > .username (a link), .date, .content, .rating.
    item = ("<div class='comment'><div class='avatar'><a href='/members/{n}'><img alt='Avatar'></a></div>"
            "<div class='comment_content'><div class='username'><a href='/posts/{n}'>{name}</a></div>"
            "<div class='date'>2 days ago at 07:52 am</div><div class='content'>{text}</div>"
            "<div class='rating'><strong>Rating:</strong> 36 Votes</div></div></div>")
    post = _commented(
        tmp_path, "en", "A lighter laptop", "The new model trades a port for a longer battery and a quieter fan.",
        "<div id='comments'><h2>Top Rated Comments</h2>"
        + item.format(n=11, name="Wren Ott", text="Good to see the keyboard fixed at last.")
        + item.format(n=12, name="Ivo Marsh", text="I would still wait for the next one.")
        + "</div>")
    assert [(c.author, c.body) for c in post.comments] == [
        ("Wren Ott", "Good to see the keyboard fixed at last."), ("Ivo Marsh", "I would still wait for the next one.")]
    assert all(c.created is None for c in post.comments), "'2 days ago' has no day to give: no date, never a guess"


def test_drupal_sevens_stock_comment_keeps_its_submitted_line_out_of_the_text(tmp_path):
    # Drupal 7: article.comment > header > p.submitted (name, "am", time, permalink), the text in
    # .field-name-comment-body, the reply link in ul.links.
    item = ("<article class='comment clearfix'><header><p class='submitted'><span><span class='username'>{name}</span>"
            " am <time datetime='2023-10-18T13:11:26+02:00'>18. Oktober 2023 - 13:11</time></span> "
            "<a href='/comment/{n}#comment-{n}' class='permalink'>Permanenter Link</a></p></header>"
            "<div class='field field-name-comment-body'><div class='field-items'><div class='field-item even'>"
            "<p>{text}</p></div></div></div><ul class='links inline'><li class='comment-reply'>"
            "<a href='/comment/reply/7/{n}'>Antworten</a></li></ul></article>")
    post = _commented(
        tmp_path, "de", "Der Garten im Herbst", "Im Herbst wird der Garten still, und die letzten Äpfel fallen.",
        "<section class='comments'><h2>Kommentare</h2>"
        + item.format(n=81, name="Greta Lind", text="Schön geschrieben, danke.")
        + item.format(n=82, name="Jonas Ruhe", text="Bei uns fallen die Birnen zuerst.")
        + "</section>")
    assert [(c.author, c.body) for c in post.comments] == [
        ("Greta Lind", "Schön geschrieben, danke."), ("Jonas Ruhe", "Bei uns fallen die Birnen zuerst.")]
    assert post.comments[0].created.isoformat() == "2023-10-18T11:11:26+00:00"


def test_a_header_element_with_its_reply_link_still_names_the_comment(tmp_path):
    # article#comment-N > .content > header (span.author, a dated permalink, span.reply) + the text's paragraphs.
    item = ("<li class='comment depth-1' id='li-comment-{n}'><article id='comment-{n}'><aside></aside>"
            "<div class='content'><header><span class='author'>{name}</span> <a href='#comment-{n}'>"
            "<time datetime='2019-07-15T10:37:00+05:30'>July 15, 2019 at 10:37 am</time></a>"
            "<span class='reply'><a class='comment-reply-link' href='#comment-{n}'>Reply</a></span></header>"
            "<p>{text}</p></div></article></li>")
    post = _commented(
        tmp_path, "en", "Ways to lead", "A team follows the person who shows the way, not the one who points.",
        "<section id='comments'><h2>2 Comments</h2><ol>"
        + item.format(n=96, name="Tomas Grey", text="Clear and useful, thanks.")
        + item.format(n=97, name="Ada N.", text="Which book is the second quote from?")
        + "</ol></section>")
    assert [(c.author, c.body) for c in post.comments] == [
        ("Tomas Grey", "Clear and useful, thanks."), ("Ada N.", "Which book is the second quote from?")]
