"""The headline the theme marks as the post's is the title readers saw, over a share card written for search engines;
only where the page marks one headline, and never a kicker, a label, a teaser or the site's name."""

import pytest
from bs4 import BeautifulSoup

from essaykit.importers import titles
from essaykit.importers.html_page import _in_comments, read_html_page

# og:title, twitter:title and the <title> agree on a title written for search engines.
SEO = ("<meta property='og:title' content='Ferry Timetables: Everything You Need to Know'>"
       "<meta name='twitter:title' content='Ferry Timetables: Everything You Need to Know'>"
       "<meta property='og:site_name' content='Harbour Notes'>"
       "<title>Ferry Timetables: Everything You Need to Know | Harbour Notes</title>")
AGREED = "Ferry Timetables: Everything You Need to Know"


def _choose(head: str, body: str) -> titles.Choice:
    soup = BeautifulSoup(f"<html><head>{head}</head><body>{body}</body></html>", "html.parser")
    return titles.choose(soup, in_comments=_in_comments, menu=set(), sites=titles.site_names(soup))


@pytest.mark.parametrize("body, want", [
    # WordPress's .entry-title, schema.org microdata, a news theme's .article-title
    ("<article><h1 class='entry-title'>Why the night ferry leaves at four</h1><p>Text.</p></article>",
     "Why the night ferry leaves at four"),
    ("<div><h2 itemprop='headline'>Die Fähre fährt um vier</h2></div>", "Die Fähre fährt um vier"),
    ("<main><header><h1 class='article-title'>夜里的渡船为什么四点出发</h1></header></main>", "夜里的渡船为什么四点出发"),
    # the agreed title and more after a mark: the metadata cut the headline short, the marked one is whole
    ("<article><h1 class='entry-title'>Ferry Timetables: Everything You Need to Know – and What the Tide Says</h1>"
     "</article>", "Ferry Timetables: Everything You Need to Know – and What the Tide Says"),
    # the same headline marked twice (the <h1> and its microdata) is one headline
    ("<article><h1 class='entry-title' itemprop='headline'>Why the night ferry leaves at four</h1></article>",
     "Why the night ferry leaves at four"),
])
def test_the_marked_headline_wins_over_the_share_card(body, want):
    choice = _choose(SEO, body)
    assert choice.title == want
    assert AGREED in choice.why, "the report names what the metadata said"


@pytest.mark.parametrize("body, want", [
    # a theme that marks no headline: the <h1> of the article, or of the page's main part, is what readers saw
    ("<article><h1>Why the night ferry leaves at four</h1><p>Text.</p></article>", "Why the night ferry leaves at four"),
    ("<main><h1>Die Fähre fährt um vier</h1><p>Text.</p></main>", "Die Fähre fährt um vier"),
    # a listing's several articles, each with its <h1>: none is the page's, the agreed title stays
    ("<article><h1>Why the night ferry leaves at four</h1></article><article><h1>Gulls of the pier</h1></article>",
     AGREED),
    # an <h1> outside the article (the site's banner) is no headline of the post
    ("<h1>Harbour notes weekly</h1><article><p>Text.</p></article>", AGREED),
])
def test_the_article_heading_wins_where_the_theme_marks_none(body, want):
    assert _choose(SEO, body).title == want


@pytest.mark.parametrize("body", [
    # a list of teasers, each marked as a post's headline: none of them is sure
    "<h2 class='entry-title'>Why the night ferry leaves at four</h2><h2 class='entry-title'>Gulls of the pier</h2>",
    # a kicker before the title in the same element, with no class that says so
    "<h1 class='entry-title'>Harbour guide Ferry Timetables: Everything You Need to Know</h1>",
    # a subtitle after the title in the same element, with no class that says so
    "<h1 class='entry-title'>Ferry Timetables: Everything You Need to Know Why the tide sets the hour</h1>",
    "<main><h1>Ferry Timetables: Everything You Need to Know Why the tide sets the hour</h1></main>",
    # a label, not a headline
    "<h2 class='post-title'>Blog</h2>",
    # the site's name marked as a headline
    "<h2 class='post-title'>Harbour Notes</h2>",
    # cut short for the layout
    "<h2 class='entry-title'>Why the night ferry leaves at…</h2>",
    # another heading shows the agreed title: the marked one is a box's
    "<h1>Ferry Timetables: Everything You Need to Know</h1><h2 class='entry-title'>Listen to the radio report</h2>",
    # in the site's navigation or a sidebar: no post's
    "<nav><h2 class='entry-title'>Why the night ferry leaves at four</h2></nav>",
    "<aside><h3 itemprop='headline'>Why the night ferry leaves at four</h3></aside>",
    # marked but empty, or only spaces and markup
    "<h1 class='entry-title'>   <span></span></h1>",
])
def test_the_agreed_title_stays_where_the_marked_headline_is_not_sure(body):
    assert _choose(SEO, body).title == AGREED


def test_the_posts_own_among_marked_teasers_is_the_one_that_says_most_of_the_agreed_title():
    teasers = "<h3 class='entry-title'>Gulls of the pier</h3><h3 class='entry-title'>A winter on the night ferry</h3>"
    edited = "<h1 class='entry-title'>Ferry Timetables: All You Need to Know</h1>"
    assert _choose(SEO, edited + teasers).title == "Ferry Timetables: All You Need to Know"
    # two marked headlines say most of it: which one is the post's, nothing says
    twin = "<h3 class='entry-title'>Ferry Timetables: What You Need to Know</h3>"
    assert _choose(SEO, edited + twin + teasers).title == AGREED


def test_a_marked_headline_alone_is_still_the_title():
    """Nothing else states a title: the marked headline is it, as before."""
    assert _choose("", "<article><h1 class='entry-title'>Gulls of the pier</h1></article>").title == "Gulls of the pier"


def test_a_saved_page_imports_with_the_marked_headline(tmp_path):
    body = "<p>" + "The night ferry leaves at four because the tide turns then, and the crew sleeps after. " * 20 + "</p>"
    page = tmp_path / "ferry.html"
    page.write_text(f"<html><head>{SEO}</head><body><article><h1 class='entry-title'>Why the night ferry leaves at four"
                    f"</h1><div class='entry-content'>{body}</div></article></body></html>", encoding="utf-8")
    [post] = read_html_page(page)
    assert post.title == "Why the night ferry leaves at four"
    assert not any("title" in doubt for doubt in post.doubts), post.doubts


@pytest.mark.parametrize("head, body, want", [
    # a library's record: Dublin Core states the title, the page's bare <h1> is a heading of the layout
    ("<meta name='DC.title' content='Tide Tables of the Northern Harbours, 1902'><title>Catalogue record</title>",
     "<article><h1>Record details</h1><p>Text.</p></article>", "Tide Tables of the Northern Harbours, 1902"),
    ("<meta name='dcterms.title' content='Die Fähre im Winter'>", "<main><h1>Bestand und Nachweise</h1></main>", "Die Fähre im Winter"),
    # Dublin Core says the <title> whole, site and all: the cut title is no statement of it, the <h1> still wins
    ("<meta name='DC.title' content='Ferry Timetables: Everything You Need to Know | Harbour Notes'>" + SEO,
     "<article><h1>Why the night ferry leaves at four</h1></article>", "Why the night ferry leaves at four"),
    # a heading the theme marks as the post's still wins over it
    ("<meta name='DC.title' content='Tide Tables of the Northern Harbours, 1902'>",
     "<article><h1 class='entry-title'>Tide tables, 1902</h1></article>", "Tide tables, 1902"),
])
def test_a_bare_heading_never_replaces_the_dublin_core_title(head, body, want):
    assert _choose(head, body).title == want
