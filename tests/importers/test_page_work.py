"""What a saved page's import reads of the whole page is read once a page (counted, never timed): its meta tags and
JSON-LD, its article containers; the menu's links come from the page's lookup; the result is what it was."""

from __future__ import annotations

from bs4 import BeautifulSoup

from essaykit.importers import html_page, page_meta
from essaykit.importers.html_extract import menu_items
from essaykit.importers.html_page import read_html_page
from essaykit.importers.page_text import Lookup

PAGE = """<html lang="de"><head><title>Der Kanal im Winter – Schleusenblog</title>
<meta property="og:title" content="Der Kanal im Winter"><meta name="author" content="Ilse Brenner">
<meta property="og:site_name" content="Schleusenblog"><meta name="description" content="Eis auf dem Kanal.">
<script type="application/ld+json">{"@type": "BlogPosting", "headline": "Der Kanal im Winter",
 "datePublished": "2024-01-12T08:00:00+01:00", "author": {"@type": "Person", "name": "Ilse Brenner"}}</script>
<script type="application/ld+json">{"@type": "BlogPosting", broken</script></head>
<body><header><nav><a href="/">Start</a> <a href="/archiv">Archiv</a> <a class="current" href="/kanal">Kanal</a></nav></header>
<aside class="widget"><div class="post"><h1>Der Kanal im Winter</h1><div class="entry-content">
<p>Im Januar fror der Kanal zum ersten Mal seit Jahren zu, und die Schleuse blieb drei Wochen geschlossen.</p>
<p>Die Schiffer warteten am Oberhafen, tranken Tee und erzählten von älteren Wintern am Wasser.</p>
</div></div></aside>
<div id="comments"><ol class="comment-list"><li class="comment" id="comment-1"><div class="comment-author">Otto</div>
<div class="comment-content"><p>Schöne Bilder vom Eis, danke für den Bericht.</p></div></li></ol></div>
</body></html>"""


def _counting(monkeypatch, module, name):
    calls = []
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_the_head_and_the_article_containers_are_read_once_a_page(tmp_path, monkeypatch):
    path = tmp_path / "kanal.html"
    path.write_text(PAGE, encoding="utf-8")
    before = read_html_page(path)[0]
    metas, items, errors = (_counting(monkeypatch, page_meta, name) for name in ("_meta_tags", "_json_ld", "_json_ld_errors"))
    languages = _counting(monkeypatch, page_meta, "_language")
    containers = _counting(monkeypatch, html_page, "_matches")
    post = read_html_page(path)[0]
    # once on the page, once on trafilatura's output (whose head carries its reading's metadata)
    assert (len(metas), len(items), len(errors), len(languages)) == (2, 1, 1, 1)
    assert [args[1] for args in containers].count(html_page.ARTICLE_SELECTORS) == 1
    # the same post as before, its article found in the <aside> that trafilatura's copy of the page kept
    assert (post.title, post.author, post.date, post.blocks, post.notes) == (
        before.title, before.author, before.date, before.blocks, before.notes)
    assert post.author == "Ilse Brenner" and post.date.startswith("2024-01-12")
    assert any("Oberhafen" in block for block in post.blocks)
    assert any("JSON-LD" in note for note in post.notes)


def test_a_tree_not_marked_read_only_is_read_again_each_time():
    soup = BeautifulSoup(PAGE, "html.parser")
    assert page_meta.meta(soup, "og:site_name") == "Schleusenblog"
    soup.find("meta", property="og:site_name")["content"] = "Anderer Name"
    assert page_meta.meta(soup, "og:site_name") == "Anderer Name"
    page_meta.read_only(soup)
    assert page_meta.meta(soup, "og:site_name") == "Anderer Name"
    first = page_meta.json_ld(soup)
    first.clear()  # a caller's list is its own: the kept one is not emptied
    assert [item["headline"] for item in page_meta.json_ld(soup)] == ["Der Kanal im Winter"]


def test_the_menu_is_read_from_the_pages_lookup_and_finds_the_same_links():
    soup = BeautifulSoup(PAGE, "html.parser")
    expected = menu_items(soup, "https://example.org/kanal")
    assert expected == {"start", "archiv"}

    def whole_page(*args, **kwargs):
        raise AssertionError("searched the whole page again")

    lookup = Lookup(soup)
    soup.select = whole_page  # an instance attribute: bs4's select on this tree is not asked again
    assert menu_items(soup, "https://example.org/kanal", lookup) == expected


def test_what_is_kept_of_a_read_only_page_sits_beside_its_tree_and_goes_with_it():
    import gc

    soup = BeautifulSoup(PAGE, "html.parser")
    own = set(soup.__dict__)
    page_meta.read_only(soup)
    assert page_meta.meta(soup, "og:title") == "Der Kanal im Winter" and page_meta.language(soup) == "de"
    assert set(soup.__dict__) == own  # nothing is added to BeautifulSoup's own object
    other = BeautifulSoup(PAGE, "html.parser")  # an equal tree (bs4's ==) is another page: read on its own
    other.find("meta", property="og:title")["content"] = "Ein anderer Titel"
    page_meta.read_only(other)
    assert page_meta.meta(other, "og:title") == "Ein anderer Titel"
    pages = {id(soup), id(other)}
    assert pages <= set(page_meta._READS)
    del soup, other
    gc.collect()
    assert not pages & set(page_meta._READS)  # gone with their trees
