"""Classes of saved pages whose title was wrong on trafilatura's half 1 (issue 28, round eight): a heading whose spans
are all classed "headline" (the kicker's too), a box marked as the headline's that holds the heading and the post's
category, a French colon before the headline, and a parenthesis that ends the headline."""

import pytest
from bs4 import BeautifulSoup

from essaykit.importers import headings, titles
from essaykit.importers.html_page import _in_comments


def _choose(head: str, body: str = "", url: str = "") -> titles.Choice:
    soup = BeautifulSoup(f"<html><head>{head}</head><body>{body}</body></html>", "html.parser")
    return titles.choose(soup, in_comments=_in_comments, menu=set(), hosts=titles.host_names(url),
                         sites=titles.site_names(soup) | titles.host_names(url))


def _heading(html: str) -> str:
    return headings.text(BeautifulSoup(html, "html.parser").find(True))


def test_the_headline_part_is_not_the_kicker_classed_headline_too():
    # every part is classed "headline"; the kicker and the colon between them are told apart by a second class word
    html = ("<h1><span class='headline headline--topline'>Ferry boom</span> <span class='headline headline--colon'>: "
            "</span> <span class='headline headline--1'>Night crossings sell out - and the harbour gains</span></h1>")
    assert _heading(html) == "Night crossings sell out - and the harbour gains"
    # the metadata says the headline; the kicker in the <h1> no longer makes the <h1> another title
    head = ("<title>Night crossings sell out - and the harbour gains | HAFENBLATT</title>"
            "<meta property='og:title' content='HAFENBLATT | Night crossings sell out - and the harbour gains'>"
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
            '"Night crossings sell out - and the harbour gains"}</script>')
    assert _choose(head, f"<main>{html}</main>").title == "Night crossings sell out - and the harbour gains"


def test_a_marked_box_says_the_heading_it_holds_not_its_category_and_comment_link():
    box = ("<div class='post-title'><h2><a href='/2008/07/fog/' rel='bookmark'>Why does the fog stay?</a></h2>"
           "<span class='post-cat'><a href='/category/weather/' rel='category tag'>Weather</a></span> "
           "<span class='mini-add-comment'><a href='#respond'>Comment</a></span></div>")
    assert _heading(box) == "Why does the fog stay?"
    chosen = _choose("<title>Why does the fog stay? | Harbour Notes</title>",
                     f"<h1><a href='/'>Harbour Notes</a></h1>{box}")
    assert chosen.title == "Why does the fog stay?"
    # a box with two headings is no one headline's: its whole text as before
    two = "<div class='post-title'><h2>Why does the fog stay?</h2><h3>And why it leaves</h3></div>"
    assert _heading(two) == "Why does the fog stay? And why it leaves"


def test_a_french_colon_after_a_kicker_cuts_where_the_heading_says_the_rest():
    head = ("<title>Pétition : Sauvons le phare du port, seul phare habité</title>"
            "<meta property='og:title' content='Pétition : Sauvons le phare du port, seul phare habité'>")
    assert _choose(head, "<h1>Sauvons le phare du port, seul phare habité</h1>").title == \
        "Sauvons le phare du port, seul phare habité"
    # with no heading that says the rest, nothing agrees on a cut: the title stays whole
    assert _choose(head).title == "Pétition : Sauvons le phare du port, seul phare habité"


@pytest.mark.parametrize("body, want", [
    # the post's marked headline says the parenthesis: it ends the title, even where a bare <h1> leaves it out
    ("<h1 class='entry-title'>Fried kelp (a harbour snack)</h1><article><h1>Fried kelp</h1></article>",
     "Fried kelp (a harbour snack)"),
    # no heading says it: the <h1> without the cabin's number is the title, the number an addition of the metadata
    ("<h1>Cabin on the dunes</h1>", "Cabin on the dunes"),
])
def test_a_parenthesis_after_the_headline(body, want):
    text = "Fried kelp (a harbour snack)" if "kelp" in body else "Cabin on the dunes (40222) - Holiday Cabins North"
    head = f"<title>{text}</title><meta name='title' content='{text}'><meta property='og:title' content='{text}'>"
    assert _choose(head, body).title == want


def test_a_heading_marked_as_the_posts_is_no_logo_for_another_class_word():
    # a page builder's headline element: marked entry-title and post_title, and with a class word that says "blog title"
    h1 = "<h1 class='w-post-elm post_title entry-title harbourblogtitle'>Ropes on the boat</h1>"
    assert not headings.is_logo(BeautifulSoup(h1, "html.parser").h1)
    assert headings.is_logo(BeautifulSoup("<h1 class='harbourblogtitle'>Harbour Notes</h1>", "html.parser").h1)
    head = ("<title>Ropes on the boat – learn about the knots</title>"
            "<meta property='og:title' content='Ropes on the boat – learn about the knots'>")
    teasers = "".join(f"<article><h2 class='post_title entry-title'>{t}</h2></article>"
                      for t in ("Winter storage on the pier", "Coats for the cold crossing"))
    assert _choose(head, h1 + teasers).title == "Ropes on the boat"


def test_a_heading_that_says_a_kicker_and_its_colon_is_read_whole():
    # the headline, JSON-LD and share card say "Kicker: Post"; only the <title> leaves the kicker out
    text = "Second crossing this week: the night ferry sails to the islands on Friday"
    head = (f'<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{text}"}}</script>'
            f"<meta property='og:title' content='{text}'>"
            "<title>the night ferry sails to the islands on Friday - Coast - Harbour Daily</title>")
    assert _choose(head, f"<h1>{text}</h1>").title == text
    # a kicker only the heading has is still cut where the <title> says the rest whole
    assert _choose("<title>Night ferries run until March</title>",
                   "<h1>Press release of the harbour office: Night ferries run until March</h1>").title == \
        "Night ferries run until March"
