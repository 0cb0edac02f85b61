"""A saved page's whole article where the page's make-up hides it: a form around the page, a booking calendar in
the article element, a headline and standfirst in a hero block above the body."""

from __future__ import annotations

from collections import Counter

from essaykit.importers.html_page import read_html_page
from essaykit.importers.page_text import calendar

_BODY = ("<p>" + "The allotment society shares seeds, tools and a long shed full of broken deckchairs. " * 3
         + "</p><p>New members get a plot by the pond once the waiting list moves, usually in spring.</p>")


_LEDE = "Bring your spare beans and leave with somebody else's tomatoes, as the society has done for years."


def _read(tmp_path, markup: str, **options):
    page = tmp_path / "page.html"
    page.write_text(markup, encoding="utf-8")
    [post] = read_html_page(page, **options)
    return post, "\n".join(post.blocks)


def _swap_page(tmp_path, inside: str, body_class: str = ""):
    """A page about the seed swap, read by essaykit's own rules alone."""
    return _read(tmp_path, f"<html><head><title>Seed swap on Sunday</title></head><body class='{body_class}'>{inside}"
                 "</body></html>", second_opinion=False)


def _month(days: int = 30, first_blank: int = 2) -> str:
    cells = ["<th>Mo</th><th>Tu</th><th>We</th><th>Th</th><th>Fr</th><th>Sa</th><th>Su</th>"]
    row = ["<td></td>"] * first_blank + [f"<td>{day}</td>" for day in range(1, days + 1)]
    return "<table>" + "".join(f"<tr>{''.join(row[k:k + 7])}</tr>" for k in range(0, len(row), 7)) + "</table>"


def test_a_form_around_the_whole_page_is_not_furniture_but_a_comment_form_still_is(tmp_path):
    """ASP.NET Web Forms and some recipe sites put the whole body in one ``<form>``: it holds the headline, so it is
    the page, not a form to drop; the comment form inside it is still dropped."""
    post, text = _read(tmp_path, (
        "<html><head><title>Plot news</title></head><body><form id='aspnetForm' method='post'>"
        "<input type='hidden' name='__VIEWSTATE' value='x'><div class='page'><h1>Plot news</h1>"
        f"<div class='recipe'>{_BODY}</div><form class='comment-form'><p>Your email address will not be "
        "published. Required fields are marked and checked by the moderators every evening.</p>"
        "<textarea name='comment'></textarea></form></div></form></body></html>"))
    assert "long shed full of broken deckchairs" in text and "by the pond" in text, post.blocks
    assert "will not be published" not in text


def test_a_booking_calendar_in_the_article_element_is_not_the_article(tmp_path):
    """A holiday let's page has its availability calendar in the only ``<article>``: the months of days are not
    the post, and the description outside it is."""
    post, text = _read(tmp_path, (
        "<html><head><title>Pond Cottage</title></head><body><div class='detail'><h1>Pond Cottage</h1>"
        f"<div class='description'>{_BODY}</div></div><article><b>May</b>{_month(31)}<b>June</b>{_month(30, 5)}"
        "</article></body></html>"))
    assert "long shed full of broken deckchairs" in text, post.blocks
    assert "| 1 |" not in text and "28" not in text, post.blocks


def test_a_table_of_figures_is_not_a_calendar():
    """Only a run of days 1, 2, 3… to 28 makes a calendar: a results table of small numbers is the article's."""
    from bs4 import BeautifulSoup

    scores = "".join(f"<tr><td>{k}</td><td>{(k * 7) % 31}</td><td>{(k * 3) % 29}</td></tr>" for k in range(1, 12))
    month = BeautifulSoup(_month(31), "html.parser").table
    assert calendar(month)
    assert not calendar(BeautifulSoup(f"<table>{scores}</table>", "html.parser").table)
    assert not calendar(BeautifulSoup(_month(27), "html.parser").table)  # too short for a month


def test_a_standfirst_under_the_headline_in_a_hero_block_is_the_articles_lede(tmp_path):
    """A theme shows the headline and its standfirst over a full-width picture, far above the article's container:
    the standfirst is the article's; the site name's ``<h1>`` and its tagline are not."""
    post, text = _swap_page(tmp_path, (
        "<header class='site'><h1>Plotters</h1>"
        "<p>A weekly letter from the allotments by the pond, since nineteen ninety-two.</p></header>"
        "<div class='hero'><div class='hero-text'><h1 class='entry-title'>Seed swap on Sunday</h1>"
        f"<p>{_LEDE}</p>"
        "<div class='hero-date'><a href='/author/ann'>Ann</a> 3 May 2020</div></div></div><main><article "
        f"class='post'><div class='entry-content'>{_BODY}</div></article></main>"))
    assert post.blocks[0].startswith("Bring your spare beans"), post.blocks
    assert "weekly letter" not in text and "long shed full" in text


def test_no_lede_is_taken_when_the_headline_is_not_the_posts_title(tmp_path):
    post, text = _swap_page(tmp_path, (
        "<div class='hero'><h1>Plotters weekly</h1>"
        "<p>A weekly letter from the allotments by the pond, since nineteen ninety-two.</p></div><article "
        f"class='post'><h2>Seed swap on Sunday</h2><div class='entry-content'>{_BODY}</div></article>"))
    assert "weekly letter" not in text, post.blocks


def test_a_lede_whose_words_recur_in_a_long_article_is_still_kept(tmp_path):
    """The page builder splits the post in two ``<article>``s (headline and standfirst; body): trafilatura's main text
    has the standfirst before the body, and that the long body repeats its words elsewhere does not make it a
    paragraph both readings have."""
    lede = "Seeds, tools and deckchairs: the society explains who gets which plot and when the list moves."
    body = "".join(f"<p>{lede.split(':')[0]} section {k}: the society, the plot, the list, when it moves and who "
                   f"gets which of the tools and seeds; and deckchairs too, as every year.</p>" for k in range(12))
    post, text = _read(tmp_path, (
        "<html><head><title>How plots are given</title></head><body><section><article id='stage'><div "
        "class='stage-head'><h1>How plots are given out each spring?</h1></div><div class='stage-body'>"
        f"<p>{lede}</p></div></article><article class='content'>{body}</article></section></body></html>"))
    assert lede in text, post.blocks[:3]
    assert "each spring?" not in text


def _slides(n: int) -> str:
    return "".join(f"<figure class='slide'><img src='/p{k}.jpg'><figcaption><p>Costume {k}: a cardboard box painted "
                   f"like a seed packet number {k}, with a paper hat and string from the shed.</p></figcaption></figure>"
                   for k in range(n))


def test_a_gallery_posts_captions_beside_its_intro_container_are_the_article(tmp_path):
    """The theme's container holds only the gallery's intro; the captions, the post's text, are slides beside it in
    the same ``<article>``: the article is widened to hold them, not replaced by trafilatura's shorter reading."""
    post, text = _read(tmp_path, (
        "<html><head><title>Cheap costumes</title></head><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav>"
        "<article class='gallery'><h1>Cheap costumes</h1><div class='post-content'><p>Twenty costumes made from what "
        f"the allotment shed holds, for the harvest party on Saturday night.</p></div><div class='slides'>{_slides(20)}"
        "</div></article><footer><p>Plotters, since 1992.</p></footer></body></html>"))
    assert "Twenty costumes made from what the allotment shed holds" in text, post.blocks[:3]
    assert all(f"seed packet number {k}," in text for k in range(20)), text
    assert not any("main text trafilatura found" in note for note in post.notes), post.notes  # our reading, widened


def test_a_container_is_not_widened_into_a_page_much_larger_than_the_main_text():
    from bs4 import BeautifulSoup

    from essaykit.importers.article_bounds import widened
    from essaykit.importers.html_extract import words

    intro = "<p>Twenty costumes made from what the shed holds.</p>"
    rails = "".join(f"<li><a href='/{k}'>Another story about plots and ponds number {k}</a></li>" for k in range(60))
    soup = BeautifulSoup(f"<body><div class='wrap'><div class='post-content'>{intro}</div><div>{_slides(3)}</div>"
                         f"<ul>{rails}</ul></div></body>", "html.parser")
    theirs = words(BeautifulSoup(_slides(3), "html.parser").get_text(" "))
    container = soup.select_one(".post-content")
    assert widened(container, theirs) is container
    assert widened(container, Counter()) is container  # no main text: nothing to widen to



def test_a_lede_is_kept_when_the_pages_body_names_a_captions_plugin(tmp_path):
    """A lightbox plugin adds "wp-featherlight-captions" to ``<body>``: that names the page's plugins, so the
    excerpt under the headline is still the lede; an excerpt inside a picture's caption still is not."""
    post, text = _swap_page(tmp_path, (
        "<article class='post'><header class='entry-header'><h1 class='entry-title'>Seed swap on Sunday</h1>"
        f"<div class='entry-excerpt'><p>{_LEDE}</p></div></header><figure class='wp-caption'><img src='/a.jpg'><figcaption><div "
        "class='excerpt'>The shed at dawn, before the queue of gardeners with their jars formed.</div></figcaption>"
        f"</figure><div class='entry-content'>{_BODY}</div></article>"), "single wp-featherlight-captions")
    assert post.blocks[0].startswith("Bring your spare beans"), post.blocks
    assert "shed at dawn" not in text


def test_a_script_written_as_an_empty_element_keeps_its_code_out_of_the_article(tmp_path):
    """A crawler's copy serializes scripts as ``<script …/>`` with the code after them: the code is the script's, as
    a browser reads it; an empty ``<script src=…/>`` followed by the article swallows nothing."""
    post, text = _read(tmp_path, (
        "<html><head><title>Plot news</title><script src='/a.js'/></head><body><script src='/b.js'/>"
        "<div class='entry-content'><h2>Plot news</h2><script type='text/javascript'/>(function() { document."
        f"addEventListener('DOMContentLoaded', init); }})();</script>{_BODY}</div></body></html>"), second_opinion=False)
    assert "addEventListener" not in text, post.blocks
    assert "long shed full of broken deckchairs" in text and "by the pond" in text, post.blocks


def test_a_lede_named_in_bem_style_is_the_articles_lede(tmp_path):
    """BEM class names join words with "__" and "--" ("article-header__lead"): the lede is still named a lede, and a
    "leader" board is still not."""
    post, text = _swap_page(tmp_path, (
        "<main><article class='article'><header "
        "class='article-header'><h1 class='article-header__title'>Seed swap on Sunday</h1><div class='article-header__"
        "leaderboard'><p>Advertise with us: reach ten thousand gardeners every week for a modest fee.</p></div>"
        f"<p class='article-header__lead'>{_LEDE}</p></header><div class='article__body entry-content'>{_BODY}</div>"
        "</article></main>"))
    assert post.blocks[0].startswith("Bring your spare beans"), post.blocks
    assert "Advertise with us" not in text



def test_a_lede_under_a_headline_marked_by_microdata_is_the_articles_lede(tmp_path):
    """A theme prints the headline in ``<div itemprop="headline">`` rather than a heading, with the byline and a
    picture's credit in the same header block: the excerpt under that headline is still the lede."""
    post, text = _swap_page(tmp_path, (
        "<article class='post'><div class='article-header'><header><div class='big-title' itemprop='headline'>"
        "<span class='kicker'>Allotments</span> Seed swap on Sunday</div></header>"
        f"<p class='article-excerpt'>{_LEDE}</p><div class='byline'>By Ana Lima, 3 March 2024</div>"
        "<div class='image-wrapper'>© Photo agency / archive</div></div>"
        f"<div class='row'><div class='entry-content'>{_BODY}</div></div></article>"), "single")
    assert post.blocks[0].startswith("Bring your spare beans"), post.blocks
