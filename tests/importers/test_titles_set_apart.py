"""Saved-page titles, issue 28 round nine: an <h1> that begins with a lead in an element of its own and goes on
without a mark ("<h1><span class='subtitle'>Kicker</span> Headline</h1>") shows a kicker on its own line; where the
<title>, a share card or JSON-LD cuts the lead off with a mark, the title is the rest. Invented pages."""

import pytest
from bs4 import BeautifulSoup

from essaykit.importers import headings, titles
from essaykit.importers.html_page import _in_comments

HEADLINE = "Ferries carry the cheese to the old quay"


def _choose(head: str, body: str) -> titles.Choice:
    soup = BeautifulSoup(f"<html><head>{head}</head><body>{body}</body></html>", "html.parser")
    return titles.choose(soup, in_comments=_in_comments, menu=set(), sites=titles.site_names(soup))


def _h1(html: str):
    return BeautifulSoup(html, "html.parser").find("h1")


def test_a_lead_in_its_own_element_is_told_from_the_rest():
    assert headings.set_apart(_h1(f"<h1>\n <span class='subtitle'>Harbour fair</span>\n {HEADLINE} </h1>")) == \
        ("Harbour fair", HEADLINE)
    # a link first is the headline's own link, no lead; a lead ending in a colon is read whole with its kicker
    assert headings.set_apart(_h1(f"<h1><a href='/p'>Harbour fair</a> {HEADLINE}</h1>")) is None
    assert headings.set_apart(_h1(f"<h1><b>Review:</b> {HEADLINE}</h1>")) is None
    # a mark after the lead: the heading writes the kicker and its mark, as one line
    assert headings.set_apart(_h1(f"<h1><span>Harbour fair</span> – {HEADLINE}</h1>")) is None
    assert headings.set_apart(_h1(f"<h1>{HEADLINE}</h1>")) is None


@pytest.mark.parametrize("head", [
    # the publisher's JSON-LD and the <title> write the lead with a dash after it
    f"<title>Harbour fair - {HEADLINE} - Quay Gazette</title><meta property='og:site_name' content='Quay Gazette'>"
    f'<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Harbour fair - {HEADLINE}"}}</script>',
    # the <title> alone, its site's name and the lead cut off by marks
    f"<title>Harbour fair - ferries carry cheese | Quay Gazette</title>",
])
def test_the_title_is_the_rest_where_another_statement_cuts_the_lead_off(head):
    body = f"<main><h1><span class='subtitle'>Harbour fair</span> {HEADLINE}</h1><p>Text.</p></main>"
    chosen = _choose(head, body)
    assert chosen.title == HEADLINE
    assert "Harbour fair" in chosen.why and not chosen.doubt


def test_no_statement_with_the_mark_keeps_the_heading_whole():
    # nothing says where the lead ends: the <h1>'s whole text, as before
    body = f"<main><h1><span class='subtitle'>Harbour fair</span> {HEADLINE}</h1></main>"
    assert _choose(f"<title>Harbour fair {HEADLINE}</title>", body).title == f"Harbour fair {HEADLINE}"
    # a title that is only the lead and the site's name does not make the lead a kicker of the whole heading
    assert _choose("<title>Harbour fair</title>", body).title != HEADLINE


def test_a_colon_after_the_lead_keeps_the_heading_whole():
    # "Lead: Rest" in the metadata is one title with its kicker, as readers read it in a heading with its colon
    head = (f"<title>Harbour fair: {HEADLINE} | Quay Gazette</title><meta property='og:site_name' content='Quay Gazette'>"
            f'<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Harbour fair: {HEADLINE}"}}</script>')
    body = f"<main><h1 class='entry-title'><span class='subtitle'>Harbour fair</span> {HEADLINE}</h1></main>"
    assert _choose(head, body).title == f"Harbour fair {HEADLINE}"
