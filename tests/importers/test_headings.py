"""A page's headings as title sources: the headline without its kicker, the site's logo as the site's name, never a
spoiler; and the article's own headline over a title that only adds words to it."""

import pytest
from bs4 import BeautifulSoup

from essaykit.importers import headings, titles
from essaykit.importers.html_page import _in_comments, read_html_page

BODY = "<p>" + "The ferry left before dawn and nobody on the pier waved. " * 20 + "</p>"


def _soup(head: str, body: str) -> BeautifulSoup:
    return BeautifulSoup(f"<html><head>{head}</head><body>{body}</body></html>", "html.parser")


def _choose(head: str, body: str = "", url: str = "") -> titles.Choice:
    soup = _soup(head, body)
    return titles.choose(soup, in_comments=_in_comments, menu=set(), hosts=titles.host_names(url),
                         sites=titles.site_names(soup) | titles.host_names(url))


@pytest.mark.parametrize("head, body, want", [
    # a news theme's kicker inside the <h1>; the share card and the <title> say "Kicker: Headline | Site"
    ("<title>Nach dem Sturm: Fähren fahren wieder ab Mittwoch | Hafenblatt</title>"
     "<meta property='og:title' content='Nach dem Sturm: Fähren fahren wieder ab Mittwoch | Hafenblatt'>",
     "<h1><span class='dachzeile'>Nach dem Sturm</span> <span class='headline'>Fähren fahren wieder ab Mittwoch</span>"
     "</h1>", "Fähren fahren wieder ab Mittwoch"),
    # a kicker the theme marks its own way, a colon only screen readers get, and the headline as bare text
    ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Winter crossings cut to two a day"}'
     "</script><meta property='og:title' content='Ferry timetables: Winter crossings cut to two a day | Harbour Post'>",
     "<article><h1><span class='article-header__roofline'>Ferry timetables</span><span class='sr-only'>: </span>"
     "Winter crossings cut to two a day</h1></article>", "Winter crossings cut to two a day"),
    # a forum thread's prefix label
    ("<title>Announcement - Timetable 4.2 - Winter service | Harbour Forums</title>"
     "<meta property='og:title' content='Announcement - Timetable 4.2 - Winter service'>",
     "<h1><a href='/threads/4-2/'><span class='label label--blue'>Announcement</span>Timetable 4.2 - Winter service</a>"
     "</h1>", "Timetable 4.2 - Winter service"),
    # the site's logo <h1> is one link home; WordPress's classic "Site » Blog Archive » Post"
    ("<title>Harbour Notes » Blog Archive » The Night Ferry</title>",
     "<h1><a href='https://harbournotes.example/'>Harbour Notes</a></h1>", "The Night Ferry"),
    ("<title>Hafennotizen » Blog Archiv » Die Nachtfähre</title>",
     "<h1><a href='https://web.archive.org/web/2014/http://hafen.example/'>Hafennotizen</a></h1>", "Die Nachtfähre"),
    # "Post @ Blog :: Platform ::": the blog's name after "@" is the site's too
    ("<title>Night ferry notes (2) @ Harbour Diary :: Harbour Blogs ::</title>"
     "<meta property='og:title' content='Night ferry notes (2) @ Harbour Diary :: Harbour Blogs ::'>"
     "<meta property='og:site_name' content='Harbour Diary'>", "<h1 class='topbar-logo'>Harbour Blogs</h1>",
     "Night ferry notes (2)"),
    # the article's own headline, where the share card and the <title> add a name or a keyword to it
    ("<title>Kelp bread with sea salt von hafenkoch | Hafenküche</title>"
     "<meta property='og:title' content='Kelp bread with sea salt von hafenkoch | Hafenküche'>"
     "<meta property='og:site_name' content='Hafenküche'>", "<article><h1>Kelp bread with sea salt</h1></article>",
     "Kelp bread with sea salt"),
    ("<title>Chronik: Fähre sinkt im Hafen - hafen.example</title>"
     "<meta property='og:title' content='Chronik: Fähre sinkt im Hafen'>", "<main><h1>Fähre sinkt im Hafen</h1></main>",
     "Fähre sinkt im Hafen"),
    # nor a headline the layout cut short
    ("<title>Ferry crews win the harbour race at last | Harbour Post</title>"
     "<meta property='og:title' content='Ferry crews win the harbour race at last'>",
     "<article><h1>Ferry crews win the harbour…</h1></article>", "Ferry crews win the harbour race at last"),
    # never a headline longer than the title: its first words are a kicker the theme does not mark
    ("<title>Why the charts moved | Harbour Post</title><meta property='og:title' content='Why the charts moved'>",
     "<article><h1>Tidal maps Why the charts moved</h1></article>", "Why the charts moved"),
    # the JSON-LD headline escaped once more than JSON needs still agrees with the heading
    ('<script type="application/ld+json">{"@type": "BlogPosting", "headline": "Salt &#038; Ash on the pier"}</script>'
     "<title>Salt & Ash on the pier – 2023 | Reel Notes</title>", "<article><h1>Salt & Ash on the pier</h1></article>",
     "Salt & Ash on the pier"),
    # soft hyphens are no part of the title
    ("<meta name='twitter:title' content='Fährverkehr eingestellt'>",
     "<h1>Fähr\u00adverkehr ein\u00adgestellt</h1>", "Fährverkehr eingestellt"),
    # a section's name that begins this post's title and a teaser's is no title, however many statements hold it
    ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Regatta 2024 - Two more boats withdraw"}'
     "</script><title>Regatta 2024 - Two more boats withdraw</title>",
     "<article><h1>Regatta 2024 - Two more boats withdraw</h1><h2>Regatta 2024 - The schedule</h2>"
     "<h2>Regatta 2024 - Who sails</h2></article>", "Regatta 2024 - Two more boats withdraw"),
    # a date as a part of its own is the post's date, not its title
    ("<title>23.01.2022 - Ferry crews win the harbour race - Harbour Club</title>"
     "<meta property='og:site_name' content='Harbour Club'>", "<h1>23.01.2022 - Ferry crews win the harbour race</h1>",
     "Ferry crews win the harbour race"),
    # malformed: a heading that is all kicker keeps its text; a heading's link to "#top" is no link home
    ("<title>Night Ferry</title>", "<article><h1><span class='kicker'>Night Ferry</span></h1></article>", "Night Ferry"),
    ("<title>Tide Tables Explained</title>", "<article><h1><a href='#top'>Tide Tables Explained</a></h1></article>",
     "Tide Tables Explained"),
    # the visible headline, italics and all, where the <title> quotes a name in it; the box marked as the headline's
    # that also holds the subtitle under it is no second headline
    ("<title>‘Night Ferry’: A Slow Film Worth the Fare | Harbour Review</title>"
     "<meta property='og:site_name' content='Harbour Review'>",
     "<article><div class='article-title'><h1 itemprop='headline'><span><i>Night Ferry</i>: A Slow Film Worth the"
     " Fare</span></h1><h2>The crossing takes three hours and every one of them counts.</h2></div></article>",
     "Night Ferry: A Slow Film Worth the Fare"),
])
def test_headings_as_title_sources(head, body, want):
    assert _choose(head, body).title == want


@pytest.mark.parametrize("head, body", [
    # the site's name is all the page states: its logo <h1> and a <title> that repeats it
    ("<title>Gaby's Harbour Notes</title>",
     "<h1><a href='http://harbour.example' title=\"Gaby's Harbour Notes\">Gaby's Harbour Notes</a></h1>"),
    ("<title>Harbour Notes</title>", "<h1 id='site-title'><span><a href='/' rel='home'>Harbour Notes</a></span></h1>"),
    # a lone <title> with an empty part: which side is the site's, nothing says
    ("<title>Harbour Rail Enquiries -</title>", ""),
])
def test_a_title_that_is_the_sites_name_is_unknown(head, body):
    choice = _choose(head, body)
    assert choice.title == "" and choice.why


def _headings(body: str) -> list[str]:
    return [text for source, text in titles.candidates(_soup("", body), _in_comments) if source != "<title>"]


def test_no_title_from_a_spoiler():
    body = ("<article class='post tag-spoilers category-spoiler-reviews'><h1 class='entry-title'>Night Ferry, reviewed</h1>"
            "<p>Spoilers ahead!</p><h2>The keeper was the ghost all along</h2>"
            "<details><summary>Ending</summary><h1>The pier burns</h1></details>"
            "<div class='su-spoiler'><h1>Nobody survives</h1></div></article>")
    assert _headings(body) == ["Night Ferry, reviewed"], "the post's tags and categories hide nothing"
    # a sidebar's note about spoilers hides no heading of the post beside it
    aside = "<div class='widget'><p>Spoiler warning: reviews here discuss endings.</p></div>"
    assert _headings(f"{aside}<article><h1>Night Ferry, reviewed</h1></article>") == ["Night Ferry, reviewed"]


def test_a_spoiler_heading_never_becomes_the_title(tmp_path):
    page = tmp_path / "review.html"
    page.write_text("<html><head></head><body><article><p>Spoilers ahead!</p><h1>The keeper was the ghost</h1>"
                    f"{BODY}</article></body></html>", encoding="utf-8")
    [post] = read_html_page(page)
    assert "ghost" not in post.title and any("title is unknown" in note for note in post.notes)


def test_the_headline_text_of_hostile_headings():
    soup = _soup("", "<h1><span class='headline'></span>Plain words<style>.x{}</style></h1>"
                     "<h1><span class='label'><span class='label'>Hot</span></span><b>Tide</b> tables</h1>")
    first, second = soup.find_all("h1")
    assert headings.text(first) == "Plain words", "an empty headline part is no headline; styles are no text"
    assert headings.text(second) == "Tide tables"
    # no space before punctuation that follows an element at once; one between elements laid out as lines
    name, kicked = _soup("", "<h1><i>Night Ferry</i>, <b>reviewed</b>: the fare</h1>"
                             "<h1><span>Ferries</span><span>Winter crossings cut</span></h1>").find_all("h1")
    assert headings.text(name) == "Night Ferry, reviewed: the fare"
    assert headings.text(kicked) == "Ferries Winter crossings cut"
    assert not headings.is_logo(second)


def test_a_page_titled_only_with_the_sites_name_asks_for_force(tmp_path):
    page = tmp_path / "home.html"
    page.write_text("<html><head><title>Harbour Notes</title></head><body><div id='top'><h1>"
                    "<a href='https://harbournotes.example/' rel='home'>Harbour Notes</a></h1></div>"
                    f"<article>{BODY}</article></body></html>", encoding="utf-8")
    [post] = read_html_page(page)
    assert post.title.startswith("Untitled (")
    assert any("title is unknown" in doubt and "site's name" in doubt for doubt in post.doubts)


def test_furigana_does_not_split_a_japanese_heading():
    """Furigana's <ruby> splits a word into pieces that run on; elements laid out as lines are still spaced."""
    ruby, kicked = _soup("", "<h1>\n <ruby>渡<rt>わた</rt></ruby>し<ruby>船<rt>ぶね</rt></ruby>は<ruby>四時<rt>よじ</rt>"
                             "</ruby>に<ruby>出<rt>で</rt></ruby>る</h1><h1><span>速報</span><span>渡し船が止まる</span></h1>"
                         ).find_all("h1")
    assert headings.text(ruby) == "渡し船は四時に出る"
    assert headings.text(kicked) == "速報 渡し船が止まる"
    # the article's <h1> with furigana agrees with the <title> less the site's name: no spaced variant replaces it
    choice = _choose("<title>渡し船は四時に出る｜港だより</title><meta property='og:title' content='渡し船は四時に出る'>",
                     "<article><h1><ruby>渡<rt>わた</rt></ruby>し<ruby>船<rt>ぶね</rt></ruby>は四時に出る</h1></article>")
    assert choice.title == "渡し船は四時に出る"
    assert "article h1" in choice.why
