"""A page's lists of selectors are tried only on the elements that could match them (counted, never timed), and
find what soupsieve's own search finds, in the same order."""

from __future__ import annotations

import soupsieve
from bs4 import BeautifulSoup
from bs4.element import Tag

from essaykit.importers import page_text
from essaykit.importers.html_page import DROP_SELECTORS
from essaykit.importers.page_text import Lookup, matches_outside, needs

# Lists of the shapes the importer writes: tags, classes, ids, attribute tests alone, pseudo-classes with commas
# inside, a descendant that needs no tag, and a list inside one string.
SELECTORS = ("script", "nav", ".sidebar", "#respond", "[itemprop=articleBody]", "[id*=kommentar]", "a[rel~=tag]",
             "form:not(:has(h1, main, article, [role=main]))", "div :first-child", "li:nth-child(2n+1)",
             "section[data-region=comments], .field--type-comment", ":is(.teaser, .promo)", "[data-x] > [data-y]",
             "iframe[src*='video']", "*")


def _page(paragraphs: int) -> BeautifulSoup:
    rows = "".join(f"<p class='absatz'>Absatz {n} über den <em>Kanal</em> und die <a href='/s{n}'>Schleuse</a>.</p>"
                   for n in range(paragraphs))
    return BeautifulSoup(
        "<html><body><nav><a href='/'>Start</a></nav><form><input name='q'></form>"
        "<form><h1>Ganze Seite</h1></form>"
        f"<article itemprop='articleBody'><div class='text'>{rows}</div><a rel='tag' href='/t'>Kanal</a>"
        "<div class='teaser'>Mehr</div><ul><li>a</li><li>b</li><li>c</li></ul>"
        "<div data-x='1'><span data-y='2'>y</span></div><iframe src='https://video.example/x'></iframe></article>"
        "<aside class='sidebar'><p>Links</p></aside><div id='kommentare'><p>Leser schreibt.</p></div>"
        "<div id='respond'><textarea></textarea></div><section data-region='comments'><p>z</p></section>"
        "<script>var x = 1;</script></body></html>", "html.parser")


def _outside(tree, selectors):
    """What ``matches_outside`` must find, by soupsieve alone: the matches not inside another match."""
    found = tree.select(", ".join(selectors))
    return [el for el in found if not any(parent in found for parent in el.parents)]


def test_what_an_element_must_carry_is_read_from_the_selectors_last_compound():
    assert needs("div.entry-meta .author.fn") == ("class", "author")
    assert needs("h1.title#main") == ("id", "main")
    assert needs("form:not(:has(h1, main))") == ("tag", "form")
    assert needs("[itemprop=headline]") == ("attr", "itemprop")
    assert needs("div [rel~=tag]") == ("attr", "rel")
    # nothing for sure: a descendant of any tag, a list, a negation, soupsieve's "!=", a namespace, an escape
    for selector in ("div :first-child", ".a, .b", ":not(.a)", "[lang!=en]", "svg|rect", r".a\:b", "*", ""):
        assert needs(selector) is None, selector


def test_each_selector_alone_and_the_list_find_what_soupsieve_finds():
    soup = _page(20)
    for selector in (*SELECTORS, ", ".join(SELECTORS[:7])):
        assert matches_outside(soup, (selector,)) == _outside(soup, (selector,)), selector
        assert Lookup(soup).select(selector) == soup.select(selector), selector
    assert matches_outside(soup, SELECTORS[:-1]) == _outside(soup, SELECTORS[:-1])
    assert matches_outside(soup, DROP_SELECTORS) == _outside(soup, DROP_SELECTORS)


def _tries(monkeypatch, run) -> dict[str, int]:
    """How many elements each compiled list was tried on while ``run()`` ran."""
    tries: dict[str, int] = {}
    compile_ = soupsieve.compile

    class Counted:
        def __init__(self, pattern):
            self.pattern, self.compiled = pattern, compile_(pattern)

        def match(self, el):
            tries[self.pattern] = tries.get(self.pattern, 0) + 1
            return self.compiled.match(el)

    monkeypatch.setattr(page_text.soupsieve, "compile", Counted)
    monkeypatch.setattr(Tag, "select", lambda *a, **k: (_ for _ in ()).throw(AssertionError("a whole-page search")))
    run()
    monkeypatch.undo()
    return tries


def test_a_long_article_is_not_tried_against_the_whole_drop_list(monkeypatch):
    soup = _page(2000)
    elements = sum(1 for el in soup.descendants if isinstance(el, Tag))
    found = []
    tries = _tries(monkeypatch, lambda: found.extend(matches_outside(soup, DROP_SELECTORS)))
    assert [el.name for el in found] == ["nav", "form", "aside", "div", "script"]
    whole = tries.get(", ".join(DROP_SELECTORS), 0)
    # the paragraphs, their links and emphasis carry nothing the list needs: only the page's few other elements are
    # tried against it (every element was: some 6,000 tries of sixty selectors each)
    assert elements > 6000 and whole < 40
    assert sum(tries.values()) - whole <= elements  # the one selector that needs nothing ("iframe[src*=...]")


def test_a_lookup_tries_an_attribute_test_only_on_elements_with_that_attribute(monkeypatch):
    soup = _page(2000)
    lookup = Lookup(soup)
    found = []
    tries = _tries(monkeypatch, lambda: found.extend(lookup.select("[itemprop=articleBody]")
                                                     + lookup.select("section[data-region=comments], [id*=kommentar]")
                                                     + lookup.select("form:not(:has(h1, main))")))
    assert [el.name for el in found] == ["article", "div", "section", "form"]
    assert sum(tries.values()) <= 6  # one article, the elements with an id, one section, two forms


def _month(extra: str = "") -> str:
    cells = "".join(f"<td>{day}</td>" + ("</tr><tr>" if day % 7 == 0 else "") for day in range(1, 31))
    return f"<table class='kalender'><tr><th>Mo</th><th>Di</th></tr><tr>{cells}</tr></table>{extra}"


def test_a_long_article_with_a_table_is_not_copied_to_learn_it_is_no_calendar(monkeypatch):
    copies = []
    copy_without = page_text.copy_without
    monkeypatch.setattr(page_text, "copy_without", lambda *a: copies.append(a) or copy_without(*a))
    rows = "".join(f"<p>Absatz {n} über den Kanal.</p>" for n in range(2000))
    article = BeautifulSoup(f"<article>{rows}<table><tr><td>Schleuse</td><td>4 m</td></tr></table></article>",
                            "html.parser").article
    assert not page_text.calendars_only(article) and copies == []
    # a container of a calendar and nothing else (a script and blanks are no text) is one; with a line of text it is not
    assert page_text.calendars_only(BeautifulSoup(f"<div> {_month('<script>var a = 1;</script>')} </div>",
                                                  "html.parser").div)
    assert not page_text.calendars_only(BeautifulSoup(f"<div>{_month('<p>Termine im Mai</p>')}</div>",
                                                      "html.parser").div)
    assert not page_text.calendars_only(BeautifulSoup("<div><table><tr><td>Preis</td></tr></table></div>",
                                                      "html.parser").div)


MENUS = ("nav", "header", ".menu", "[role=navigation]", ".nav", "#menu")


def test_the_links_inside_menus_are_what_soupsieve_finds_each_holder_matched_once(monkeypatch):
    soup = BeautifulSoup(
        "<html><body><header class='kopf'><a href='/'>Start</a><template><div><a href='/t'>Vorlage</a></div></template>"
        "</header><div role='navigation'><ul><li><a href='/a'>Archiv</a></li><li><a href='/k'>Kanal</a></li></ul></div>"
        "<nav><div class='menu'><a href='/n'>Neu</a></div></nav><div id='menu'><span><a href='/m'>Mehr</a></span></div>"
        f"<article>{_page(50).article}<a href='/x'>Im Text</a></article>"
        "<div class='nav-links'><a href='/w'>Weiter</a></div></body></html>", "html.parser")
    expected = soup.select(", ".join(f"{holder} a" for holder in MENUS))
    assert [a.get_text() for a in expected] == ["Start", "Archiv", "Kanal", "Neu", "Mehr"]  # not in the <template>
    lookup = Lookup(soup)
    found = []
    tries = _tries(monkeypatch, lambda: found.extend(lookup.inside(MENUS, "a")))
    assert found == expected and [id(a) for a in found] == [id(a) for a in expected]
    # only the holders' candidates (tags, classes, ids, role) are tried, each once: not every link's every ancestor
    assert sum(tries.values()) <= 6


def test_the_text_without_the_furniture_is_the_copys_text():
    soup = _page(30)
    for selectors in (DROP_SELECTORS, ("script", ".sidebar", "form:not(:has(h1, main, article, [role=main]))"), ("p",)):
        for el in (soup, soup.body, soup.article):
            assert page_text.text_without(el, selectors) == page_text.copy_without(el, selectors).get_text(" ")
    # a matching element is left out itself, as its copy would be; comments and code are never text
    page = BeautifulSoup("<body><aside class='widget'>Rand</aside><p>Text<!-- nein --></p><script>x()</script></body>",
                         "html.parser")
    assert page_text.text_without(page.aside, (".widget",)) == ""
    assert page_text.text_without(page, (".widget",), "|") == "Text"


def test_a_copy_that_leaves_elements_out_is_the_copy_with_them_removed():
    from copy import deepcopy

    soup = _page(40)
    skip = matches_outside(soup, DROP_SELECTORS)
    assert skip  # the menu, the forms, the sidebar, the reply box, the script
    made = page_text.copy_skipping(soup, {id(el) for el in skip})
    copy = deepcopy(soup)
    for el in matches_outside(copy, DROP_SELECTORS):
        el.decompose()
    assert str(made) == str(copy) and made.get_text("|") == copy.get_text("|")
    # its elements are linked in page order, as a parse links them (what find, select and get_text walk)
    assert [str(el) for el in made.descendants] == [str(el) for el in copy.descendants]
    assert [el.name for el in made.find_all(True)] == [el.name for el in copy.find_all(True)]
    assert made.select("p.absatz")[-1].get_text() == "Absatz 39 über den Kanal und die Schleuse."
    assert str(soup) == str(_page(40))  # the page itself is left alone


def test_the_first_element_that_matches_is_soupsieves_and_only_candidates_are_tried(monkeypatch):
    soup = _page(200)
    elements = [el for el in soup.descendants if isinstance(el, Tag)]
    for selector in (*SELECTORS, "div.text .absatz em", "[class*=absatz]", "li + li"):
        expected = next((el for el in elements if soupsieve.match(selector, el)), None)
        assert page_text.first_in(elements, selector) is expected, selector
    found = []
    tries = _tries(monkeypatch, lambda: found.append(page_text.first_in(elements, "#respond")))
    assert found[0]["id"] == "respond" and sum(tries.values()) <= 2  # the elements with that id, not the page's 1,000
