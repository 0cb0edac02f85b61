"""The saved page's title is the one its sources agree on; a title nobody can be sure of is unknown, or reported as a
guess, never published as sure."""

import pytest
from bs4 import BeautifulSoup

from essaykit.importers import titles
from essaykit.importers.html_page import _in_comments, read_html_page

BODY = "<article><p>" + "The ferry left before dawn and nobody on the pier waved. " * 20 + "</p></article>"


def _choose(head: str, body: str = "", url: str = "", menu: frozenset[str] = frozenset()) -> titles.Choice:
    soup = BeautifulSoup(f"<html><head>{head}</head><body>{body}</body></html>", "html.parser")
    return titles.choose(soup, in_comments=_in_comments, menu=set(menu), hosts=titles.host_names(url),
                         sites=titles.site_names(soup) | titles.host_names(url))


@pytest.mark.parametrize("head, body, url, want", [
    # <title> cut at the site's name that og:site_name states; og:title agrees
    ("<title>Fog on the Pier | Harbour Notes</title><meta property='og:site_name' content='Harbour Notes'>", "", "",
     "Fog on the Pier"),
    # JSON-LD headline and the article's <h1> agree; the <title> adds the site's name after an unusual mark
    ('<script type="application/ld+json">{"@type": "BlogPosting", "headline": "Nine Rooms of Rain"}</script>'
     "<title>Nine Rooms of Rain ✩ Reel Notes</title>", "<h1 class='entry-title'>Nine Rooms of Rain</h1>", "",
     "Nine Rooms of Rain"),
    # Blogger's "Blog: Post": the colon cuts where the post's heading agrees
    ("<title>Frames per Second: A Winter Without Snow</title>", "<h3 class='post-title'>A Winter Without Snow</h3>", "",
     "A Winter Without Snow"),
    # the site's name after the separator is the host's name
    ("<title>Ferries of the North - Wikifjord</title>", "", "https://en.wikifjord.org/wiki/Ferries", "Ferries of the North"),
    # the site's logo <h1> is not the post's title
    ("<title>Salt and Ash</title><meta property='og:title' content='Salt and Ash'>",
     "<header><h1>Harbour Notes</h1></header>", "", "Salt and Ash"),
    # JSON-LD wrapped in CDATA as XHTML-era CMSs write it; with the <title>, it outweighs the share card's og:title
    ('<script type="application/ld+json"><![CDATA[ {"@type": "NewsArticle", "headline": "Tidal Maps, Hands-on"} ]]>'
     "</script><meta property='og:title' content='Tidal maps are the new sea charts'>"
     "<meta name='twitter:title' content='Tidal maps are the new sea charts'>"
     "<title>Tidal Maps, Hands-on - Harbour Notes</title>", "<h1>Tidal maps are the new sea charts</h1>", "",
     "Tidal Maps, Hands-on"),
    # Dublin Core in any spelling, and several RDFa properties in one attribute
    ("<meta property='x:title dc:title' content='The Lighthouse Keepers'>"
     "<meta property='og:title twitter:title' content='Keepers'><title>Home</title>", "", "", "The Lighthouse Keepers"),
    ("<meta name='DC.title' content='A Survey of Harbour Lights'><title>Record 4411</title>", "", "",
     "A Survey of Harbour Lights"),
    # two statements that share only what comes before their colons do not agree on it; the <title> is whole
    ("<title>Notes on ferries: the winter timetable</title>",
     "<h1>Notes on ferries: what the crews told me</h1>", "", "Notes on ferries: the winter timetable"),
    # the site's name first, after "»", is the host's; a part that names the host is the site's
    ("<title>Ferry-Law » May a ferry refuse a dog?</title>", "<h1 id='header'><a href='/'>Ferry-Law</a></h1>",
     "https://www.ferry-law.de/2011/07/dogs.html", "May a ferry refuse a dog?"),
    ("<title>Harbour quarter - City of Bergenholm</title>", "<nav><h1>Town hall</h1></nav>",
     "https://www.bergenholm.de/quarter", "Harbour quarter"),
    # sources that agree are shown as the heading writes it, not as the metadata flattened it to ASCII
    ("<meta property='og:title' content='\"Which harbour we want\"...'>", "<h1>„Which harbour we want“…</h1>", "",
     "„Which harbour we want“…"),
    # og:title and the <title> agree on "Post | Site": the site's name the page states is still cut
    ("<title>Kelp Bread Rezept | HAFENKÜCHE</title><meta property='og:title' content='Kelp Bread Rezept | HAFENKÜCHE'>"
     "<meta property='og:site_name' content='Hafenküche'>", "", "", "Kelp Bread Rezept"),
    # a part that is a web address names the site, even on a page saved without its address
    ("<title>Wurmfarm | kiel-garten.de</title><meta property='og:title' content='Wurmfarm | kiel-garten.de'>", "", "",
     "Wurmfarm"),
    ("<title>Pierogi z kaszą przepis – Zobacz na gotuj-tu.pl</title>", "", "", "Pierogi z kaszą przepis"),
    # "›" and the box-drawing bar are separators SEO plugins offer
    ("<title>Ropes and Knots › Harbour Notes</title><meta property='og:site_name' content='Harbour Notes'>", "", "",
     "Ropes and Knots"),
    ("<title>Produkttest: Segeltuch │ Hafen Markt</title><meta property='og:site_name' content='Hafen Markt'>", "", "",
     "Produkttest: Segeltuch"),
    # a separator left at the end where the site's name was meant to follow is no part of the title; quotes are
    ("<title>Ropes and Knots -</title><meta property='og:title' content='Ropes and Knots -'>", "", "", "Ropes and Knots"),
    ("<title>»Kein Hafen mehr« | Hafen Markt</title><meta property='og:title' content='»Kein Hafen mehr« | Hafen Markt'>"
     "<meta property='og:site_name' content='Hafen Markt'>", "", "", "»Kein Hafen mehr«"),
    # the site's logo is the only <h1> and the <title> names it after the post's: the theme's marked headline wins
    ("<title>Market Day at the Pier › Harbour Society e.V</title>",
     "<header><h1><a href='/'>Harbour Society e.V</a></h1></header><h2 class='entry-title'>Market Day at the Pier</h2>", "",
     "Market Day at the Pier"),
    # the site's name and its section first, the post's short title last
    ("<title>Harbour Society of Northern Ports - News » Market Day</title>"
     "<meta property='og:site_name' content='Harbour Society of Northern Ports - News'>", "", "", "Market Day"),
    # the heading puts an office's kicker before the headline the <title> says whole; a one-word share card is a section's
    ("<title>Night ferries run until March</title><meta property='og:title' content='Press releases'>",
     "<h1>Press release of the harbour office : Night ferries run until March</h1>", "", "Night ferries run until March"),
    # never the site's name that ends a heading, even where the <title> is only that name
    ("<title>Harbour Notes</title><meta property='og:site_name' content='Harbour Notes'>"
     "<meta property='og:title' content='Night ferries run until March'>",
     "<h1>Night ferries run until March : Harbour Notes</h1>", "", "Night ferries run until March"),
    # Chinese titles join the site's name without spaces
    ("<title>夜里的渡船时刻表-海港日报</title>", "", "", "夜里的渡船时刻表"),
    ("<title>夜里的渡船时刻表_生活频道_海港日报</title>", "", "", "夜里的渡船时刻表"),  # and its channel before it
    # such a <title> is one word by its spaces, yet no short one: the site's name in the only <h1> does not outweigh it
    ("<title>夜里的渡船时刻表_生活频道_海港日报</title>", "<h1>海港日报</h1>", "", "夜里的渡船时刻表"),
    # the page's only <h1> says the <title>'s headline in other words: the headline readers saw, whole
    ("<title>Ferry Tickets: 5 Cheap Routes Along the Coast | Harbour Notes</title>",
     "<h1>Five Cheap Ferry Routes Along the Coast You Can Take Tomorrow</h1><article><h2>Related</h2></article>", "",
     "Five Cheap Ferry Routes Along the Coast You Can Take Tomorrow"),
    ("<title>The winter ferry timetable changes in March</title>",
     "<header><h1 class='site-title'><a href='/'>Harbour Notes</a></h1></header>"
     "<h1>Take a look at the winter ferry timetable — it changes in March!</h1>", "",
     "Take a look at the winter ferry timetable — it changes in March!"),
    ("<title>夜里的渡船时刻表有变化 | 海港日报</title>", "<h1>渡船夜里的时刻表</h1>", "", "渡船夜里的时刻表"),
    ("<title>Aussie Ferries Spark Fury Over Graphic Ad | Harbour Notes</title>",
     "<h1>Aussie Ferries Spark Fury Over 'Graphic' Ad</h1>", "", "Aussie Ferries Spark Fury Over 'Graphic' Ad"),
    # a Japanese <title> joins the site's name to the headline with a full-width colon
    ("<title>夜の渡し船の時刻表：港湾協会 広報室</title>", "<h1>夜の渡し船の時刻表</h1>", "", "夜の渡し船の時刻表"),
    # a forum's breadcrumb between the thread's title and the site's name: its sections are no part of the title
    ("<title>Night ferries stop at ten? | Timetables | Forum | harbour-notes.de</title>", "", "",
     "Night ferries stop at ten?"),
    ("<title>Night ferries run until March | Politik | Harbour Notes</title>"
     "<meta property='og:site_name' content='Harbour Notes'>", "", "", "Night ferries run until March"),
    # a part of two words, or after a short title, is no section's
    ("<title>Ferry Diaries | Part Two | Harbour Notes</title><meta property='og:site_name' content='Harbour Notes'>",
     "", "", "Ferry Diaries | Part Two"),
    ("<title>Diaries | 1987 | Harbour Notes</title><meta property='og:site_name' content='Harbour Notes'>",
     "", "", "Diaries | 1987"),
    # the same text spaced otherwise is no rewording: the <title>'s spelling stays
    ("<title>夜の渡し船の時刻表：冬の改正 - 港湾協会</title>", "<h1>夜の渡し船の時刻表 ： 冬の改正</h1>", "", "夜の渡し船の時刻表：冬の改正"),
    # two of three words alike past a shared start: a test or a teaser on the page, not the headline reworded
    ("<title>Tide tables with depth input and chart output</title>",
     "<h1>Tide tables beta: depth input, chart output test</h1>", "", "Tide tables with depth input and chart output"),
    # an <h1> that shares a word or two with the <title> is a section's heading, and two <h1>s say nothing alone
    ("<title>Night ferries run until March | Harbour Notes</title>", "<h1>Ferries Monday</h1>", "",
     "Night ferries run until March"),
    ("<title>Night ferries run until March | Harbour Notes</title>",
     "<h1>Night ferries will run until the end of March</h1><h1>Night ferries and day ferries compared</h1>", "",
     "Night ferries run until March"),
    # schema.org's alternativeHeadline marks a second headline: a short form for search engines on the page's <h1>
    # beside the marked headline, or a subtitle; never the title, even where the <title> says it too
    ("<title>Pier Mistakes | Harbour Notes</title><meta property='og:site_name' content='Harbour Notes'>",
     "<header><h1 itemprop='alternativeHeadline'>Pier Mistakes</h1>"
     "<h2 itemprop='headline' class='post-title'>The 5 Biggest Mistakes Pier Builders Make, and How to Avoid Them</h2>"
     "</header>", "", "The 5 Biggest Mistakes Pier Builders Make, and How to Avoid Them"),
    ("<title>Ferries stop at ten | Harbour Notes</title><meta property='og:site_name' content='Harbour Notes'>",
     "<article><h1 itemprop='alternativeHeadline'>The last boat leaves early all winter long</h1></article>", "",
     "Ferries stop at ten"),
    # the visible headline and the tab's <title> agree on one wording, the JSON-LD headline and the share card on
    # another that only machines read: readers' wording; a section's <h1> that the <title> names is still no match
    # for the post's own <h1> and its share card
    ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferries cut back their winter crossings"}'
     "</script><meta property='og:title' content='Ferries cut back their winter crossings'>"
     "<title>Storm season: Ferries cut back crossings - Harbour Post</title>",
     "<h1>Storm season: Ferries cut back crossings</h1>", "", "Storm season: Ferries cut back crossings"),
    ("<meta property='og:title' content='The first ferry decides the day'><title>News - Harbour Institute</title>",
     "<h1>News</h1><h1>The first ferry decides the day</h1>", "", "The first ferry decides the day"),
])
def test_the_title_the_sources_agree_on(head, body, url, want):
    assert _choose(head, body, url).title == want


@pytest.mark.parametrize("head, body", [
    ("", "<p>No heading anywhere.</p>"),  # nothing states a title
    ("<title>Harbour Notes</title><meta property='og:site_name' content='Harbour Notes'>", ""),  # only the site's name
    # the <title> and the only heading disagree, and the <title>'s tail is no site the page names
    ("<title>Chapter One - Ferries and Fog Horns</title>", "<main><h1>Definitions</h1><h1>Why Ferries?</h1></main>"),
    # what is left once the site's name is cut is the start of that name: the site's short name, no post's title
    ("<title>HARBOUR • Harbour Notes</title><meta property='og:site_name' content='Harbour Notes'>", ""),
    # one word after the site's address names a section of the site, not a post
    ("<title>harbour-notes.de | Prices</title><meta property='og:site_name' content='harbour-notes.de'>", ""),
])
def test_a_title_nobody_can_be_sure_of_is_unknown(head, body):
    choice = _choose(head, body)
    assert choice.title == "" and choice.why


@pytest.mark.parametrize("title, url, want", [
    # the site's name first, in words its host writes without spaces (and a possessive): the rest is the post's
    ("Greta Lindqvist's Harbour Log | Why the Night Ferry Stopped Running in Winter",
     "https://gretalindqvist.example/2019/night-ferry", "Why the Night Ferry Stopped Running in Winter"),
    # umlauts spelled out in the host ("ä" as "ae")
    ("Klänge am Kai | Warum die Nachtfähre im Winter nicht mehr fährt", "https://www.klaenge-am-kai.example/nachtfaehre/",
     "Warum die Nachtfähre im Winter nicht mehr fährt"),
])
def test_a_site_name_the_host_writes_without_spaces_is_cut(title, url, want):
    assert _choose(f"<title>{title}</title>", "", url).title == want


def test_a_part_that_names_only_part_of_the_host_is_no_site_name():
    # "Greta's" is one word of "gretalindqvist": which part is the post's, nothing says
    choice = _choose("<title>Greta's Harbour Log | Why the Night Ferry Stopped Running in Winter</title>", "",
                     "https://gretalindqvist.example/2019/night-ferry")
    assert choice.title == "" and choice.why


# With the site's name stated: "Training" is left, the page's title; one word after the site's name is a section's
# name (as "site.de | Prices"), unknown as before.
@pytest.mark.parametrize("title, with_site", [("Harbour Rowing Club - Training", ""),
                                              ("Training - Harbour Rowing Club", "Training")])
def test_a_menu_item_in_the_title_is_no_site_name(title, with_site):
    """A <title> part that is an item of the page's menu names one of the site's pages, not the site: whether the
    other part is the site's name or the post's title, nothing says."""
    choice = _choose(f"<title>{title}</title>", "", "", menu=frozenset({"training", "contact"}))
    assert choice.title == "" and choice.why
    choice = _choose(f"<title>{title}</title><meta property='og:site_name' content='Harbour Rowing Club'>", "", "",
                     menu=frozenset({"training", "contact"}))
    assert choice.title == with_site


_LOG = "<title>Greta Lindqvist's Harbour Log | Why the Night Ferry Stopped Running in Winter</title>"


def test_a_heading_a_theme_classes_as_the_post_title_agrees_with_the_title():
    """"Site | Post" with the site's name stated nowhere else: the one heading the theme classes as the post's title
    ("blog_post_title") says which part is the post's."""
    body = "<h2 class='blog_post_title'>Why the Night Ferry Stopped Running in Winter</h2><h2>Timetables</h2>"
    assert _choose(_LOG, body).title == "Why the Night Ferry Stopped Running in Winter"


@pytest.mark.parametrize("body", [
    # several headings classed so are a list of teasers
    "<h2 class='blog_post_title'>Why the Night Ferry Stopped Running in Winter</h2>"
    "<h2 class='blog_post_title'>Fog on the Pier</h2>",
    # a related post's
    "<h3 class='related_post_title'>Why the Night Ferry Stopped Running in Winter</h3>",
])
def test_teasers_classed_as_post_titles_say_nothing(body):
    choice = _choose(_LOG, body)
    assert choice.title == "" and choice.why


def test_the_site_short_name_before_the_host_name_is_no_title():
    # "Harbour Notes" names the host harbournotes: what is left, "HARBOUR", only begins it
    choice = _choose("<title>HARBOUR • Harbour Notes</title>", "", "https://harbournotes.example/fog/")
    assert choice.title == "" and choice.why


def test_a_menu_item_cut_from_the_title_where_the_page_has_its_own_headline():
    """With a headline on the page, a menu item in the <title> (the site's edition) is cut and the marked headline
    replaces the rest."""
    choice = _choose("<title>Ferries run less in winter — Harbour Edition</title>",
                     "<article><h1>The ferries cut back their winter crossings again</h1></article>", "",
                     menu=frozenset({"harbour edition", "contact"}))
    assert choice.title == "The ferries cut back their winter crossings again"


def test_an_unknown_title_is_reported_and_the_import_asks_for_force(tmp_path):
    page = tmp_path / "chapter.html"
    page.write_text("<html><head><title>Chapter One - Ferries and Fog Horns</title></head><body><main>"
                    "<h1>Definitions</h1><h1>Why Ferries?</h1>" + BODY + "</main></body></html>", encoding="utf-8")
    [post] = read_html_page(page)
    assert post.title == "Untitled (chapter)", "the essay carries no guessed title"
    assert any("title is unknown" in note and "Definitions" in note for note in post.notes)
    assert any("title is unknown" in doubt for doubt in post.doubts), "a doubt makes the import ask for --force"


def test_the_menu_item_for_the_page_itself_is_no_doubt(tmp_path):
    """A menu that lists this post (its address, or its item marked current) does not make the title a menu item's;
    a menu item that links elsewhere still does."""
    head = ("<link rel='canonical' href='https://harbour.example/tides/'><meta property='og:title' content='{t}'>"
            "<title>{t}</title>")
    menu = ("<nav><ul><li><a href='/tides/'>Tides of March</a></li><li class='menu-item current-menu-item'>"
            "<a href='/tides'>Tides of March</a></li><li><a href='/about/'>About us</a></li>"
            "<li><a href='https://[privacy-preferences]/'>Privacy</a></li></ul></nav>")  # a broken address
    for title, doubtful in (("Tides of March", False), ("About us", True)):
        page = tmp_path / "page.html"
        page.write_text(f"<html><head>{head.format(t=title)}</head><body>{menu}{BODY}</body></html>", encoding="utf-8")
        [post] = read_html_page(page)
        assert post.title == title
        assert any("menu" in d for d in post.doubts) is doubtful, post.doubts


HEADLINE = "Where the ferries still run when the tide turns"


@pytest.mark.parametrize("head, body, doubted", [
    # only the <title> (and share cards) state the title, the page's only <h1> is a headline that says something else:
    # the <h1>, as a guess
    ("<title>Seven quiet harbours to visit this winter</title>", f"<h1>{HEADLINE}</h1>", True),
    ("<title>Seven quiet harbours to visit this winter</title>"
     "<meta property='og:title' content='Seven quiet harbours to visit this winter'>",
     "<header><h1><span>Where the ferries still run</span> <span>when the tide turns</span></h1></header>", True),
    # a section's label as the <h1>, not a headline
    ("<title>Seven quiet harbours to visit this winter</title>", "<h1>Harbour Travel Guide</h1>", False),
    # the same headline, spaced otherwise
    ("<title>渡し船は四時に出る：港だより 冬の号 特集 ページ</title>", "<h1>渡し船は四時に出る ： 港だより 冬の号 特集 ページ</h1>", False),
    # the publisher's JSON-LD headline agrees with the <title>
    ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Seven quiet harbours to visit this '
     'winter"}</script><title>Seven quiet harbours to visit this winter</title>', f"<h1>{HEADLINE}</h1>", False),
    # the two begin with the same words: two chapters of one series
    ("<title>Seven quiet harbours to visit this winter</title>",
     "<h1>Seven quiet harbours where the ferries still run</h1>", False),
    # the page's <h1>s are several: none is the page's own
    ("<title>Seven quiet harbours to visit this winter</title>",
     f"<h1>{HEADLINE}</h1><h1>Gulls of the pier and the boats they follow</h1>", False),
])
def test_the_pages_only_headline_against_the_title_is_a_guess(head, body, doubted):
    choice = _choose(head, body)
    if doubted:
        assert choice.title == HEADLINE
        assert "Seven quiet harbours" in choice.doubt, "the report names what the <title> said"
    else:
        assert choice.title in ("Seven quiet harbours to visit this winter", "渡し船は四時に出る：港だより 冬の号 特集 ページ")
        assert not choice.doubt


def test_a_saved_page_whose_title_is_a_guess_asks_for_a_check(tmp_path):
    page = tmp_path / "harbours.html"
    page.write_text("<html><head><title>Seven quiet harbours to visit this winter</title></head><body>"
                    f"<div><h1>{HEADLINE}</h1></div>{BODY}</body></html>", encoding="utf-8")
    [post] = read_html_page(page)
    assert post.title == HEADLINE
    assert any(d.startswith("the title ") and "is a guess" in d for d in post.doubts), post.doubts
