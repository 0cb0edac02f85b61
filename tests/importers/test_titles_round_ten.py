"""Saved-page titles, issue 28 round ten: statements that write one title in two spellings agree (Unicode's canonical
forms, French spacing before a colon, a Japanese full stop at the end), and an article with several bare <h1>s (a
document's sections) marks no headline over what the page's other statements agree on. Invented pages."""

import unicodedata

import pytest
from bs4 import BeautifulSoup

from essaykit.importers import titles
from essaykit.importers.html_page import _in_comments


def _choose(head: str, body: str) -> titles.Choice:
    soup = BeautifulSoup(f"<html><head>{head}</head><body>{body}</body></html>", "html.parser")
    return titles.choose(soup, in_comments=_in_comments, menu=set(), sites=titles.site_names(soup))


@pytest.mark.parametrize("one, other", [
    # Bengali's "ড়" as one character and as "ড" with its dot below: one letter, two spellings
    ("নদীর পা\u09dcে নতুন ঘাট", "নদীর পা\u09a1\u09bcে নতুন ঘাট"),
    # an accent as its own character after the letter
    ("Café am Hafen öffnet", unicodedata.normalize("NFD", "Café am Hafen öffnet")),
    # French typography spaces a colon and a question mark from the word before
    ("Marché du port : les bateaux reviennent ?", "Marché du port: les bateaux reviennent?"),
    # a Japanese full stop at the end, as "." at the end of a Latin title
    ("港の市場が再開へ。", "港の市場が再開へ"),
])
def test_two_spellings_of_one_title_fold_alike(one, other):
    assert one != other
    assert titles.key(one) == titles.key(other)


def test_a_colon_inside_the_title_still_counts():
    # only the space before it goes: the words on both sides are still compared
    assert titles.key("Marché : bateaux") != titles.key("Marché bateaux")
    assert titles.key("Kicker: Post") != titles.key("Kicker Post")


def test_statements_in_two_unicode_forms_agree():
    # the heading writes the letter composed, the <title> decomposed: the two agree, so the site's name after the
    # <title>'s bar is cut by their agreement, not by its place alone
    said = "নদীর পা\u09dcে নতুন ঘাট"
    head = f"<title>{unicodedata.normalize('NFD', said)} | ঘাটের খবর</title>"
    chosen = _choose(head, f"<article><h1 class='entry-title'>{said}</h1><p>লেখা।</p></article>")
    assert titles.key(chosen.title) == titles.key(said)
    assert ".entry-title and <title>" in chosen.why and not chosen.doubt


README = ("<article><h1>quaytool</h1><p>Counts ferries.</p><h1>Usage</h1><p>Run it.</p>"
          "<h1>Screenshots</h1><p>None yet.</p></article>")
SAID = "jdoe/quaytool: Count the ferries at the old quay from the harbour's timetable"


def test_a_documents_sections_are_no_marked_headline():
    # a README's name, "Usage" and "Screenshots" as the article's <h1>s: no headline is marked, the statements the
    # <title> and the share card agree on are the title
    head = f'<title>{SAID}</title><meta property="og:title" content="{SAID}">'
    chosen = _choose(head, README)
    assert chosen.title == SAID


def test_the_articles_only_bare_h1_is_still_the_headline():
    # one bare <h1> in the article is what readers saw, over a <title> written for search engines
    head = f'<title>{SAID}</title><meta property="og:title" content="{SAID}">'
    body = "<article><h1>Quaytool counts the ferries for you</h1><p>Counts ferries.</p></article>"
    assert _choose(head, body).title == "Quaytool counts the ferries for you"


# A <title> alone, over the page's only heading that says another headline: which one names the post, nothing says.
ALONE = "Sept bateaux quittent le vieux port ce soir"
OTHER = "Les pêcheurs du quai racontent leur dernière saison"


@pytest.mark.parametrize("head, body", [
    # the <title> says one headline, the article's only <h2> (no <h1> on the page) another
    (f"<title>{ALONE}</title>", f"<article><h2>{OTHER}</h2><p>Texte.</p></article>"),
    # a share card alone, over the article's only <h2> of a few words, in German
    ("<meta property='og:title' content='Anna gab dem Hafencafé fünf Sterne'>",
     "<article><h2>Warmer Kuchen am Kai</h2><p>Text.</p></article>"),
])
def test_a_lone_statement_against_the_only_heading_is_a_guess(head, body):
    chosen = _choose(head, body)
    assert chosen.title and chosen.doubt
    assert "only heading" in chosen.doubt


@pytest.mark.parametrize("head, body", [
    # the heading says the title: no doubt
    (f"<title>{ALONE}</title>", f"<article><h2>{ALONE}</h2></article>"),
    # a one-word heading is a section's label
    (f"<title>{ALONE}</title>", "<article><h2>Actualités</h2></article>"),
    # a heading the <title> names whole is the site's or a section's name ("Post_Section_Site")
    ("<title>港の市場が再開へ_地域_港町日報</title>", "<article><h2>港町日報</h2></article>"),
    # the same words spaced otherwise ("記事 ： 続き")
    ("<title>港の市場が再開へ：朝の競り</title>", "<article><h2>港の市場が再開へ ： 朝の競り</h2></article>"),
    # a page's only <h1> of a few words is as often a section's label as a headline
    (f"<title>{ALONE}</title>", "<h1>Centre de santé</h1><p>Texte.</p>"),
    # an article's <h2> under a headline the theme marks is its subtitle, not a second headline
    (f"<title>{ALONE}</title>", f"<article><div itemprop='headline'>{ALONE}</div><h2>{OTHER}</h2></article>"),
])
def test_no_doubt_where_the_heading_is_the_titles_or_no_headline(head, body):
    chosen = _choose(head, body)
    assert chosen.title and not chosen.doubt
