"""A saved page's whole article: its text as the page declares it, and every container the article is split over."""

from __future__ import annotations

from essaykit.importers.html_page import read_html_page

_BODY = ("<p>" + "The repair café fixes toasters, radios and the odd bicycle lamp for whoever brings one in. " * 3
         + "</p><p>Volunteers bring their own screwdrivers and leave with the parts nobody wanted.</p>")


def _read(tmp_path, markup: str | bytes, **options):
    page = tmp_path / "page.html"
    page.write_bytes(markup if isinstance(markup, bytes) else markup.encode("utf-8"))
    [post] = read_html_page(page, **options)
    return post, "\n".join(post.blocks)


def test_a_page_declared_utf8_with_a_stray_latin1_byte_is_read_as_utf8(tmp_path):
    """One Latin-1 byte in an ad's script does not make the whole page another encoding (a browser reads it as the
    UTF-8 it declares and replaces that byte)."""
    markup = ("<html><head><meta charset='utf-8'><title>Schöne Grüße</title><script>/* M\udce4scot */</script></head>"
              f"<body><div class='entry-content'><p>Schöne Grüße aus Köln, wo die Straßen heute still sind.</p>{_BODY}"
              "</div></body></html>")
    post, text = _read(tmp_path, markup.encode("utf-8", errors="surrogateescape"))
    assert "Schöne Grüße aus Köln, wo die Straßen heute still sind." in text, text


def test_soft_hyphens_are_dropped_from_the_article(tmp_path):
    post, text = _read(tmp_path, (
        "<html><head><title>Café</title></head><body><div class='entry-content'>"
        f"<p>Die Ver&shy;anstaltung beginnt um acht Uhr im Gemeinde\u00adsaal.</p>{_BODY}</div></body></html>"))
    assert "Die Veranstaltung beginnt um acht Uhr im Gemeindesaal." in text, text


def test_an_article_split_over_containers_of_one_kind_is_kept_whole_but_not_a_teaser_beside_it(tmp_path):
    """A page builder puts each section of the article in its own ``<article>`` (or the lead in one
    ``.article-content`` and the body in another): every one of them is the article's, in the page's order; a teaser
    for another post in a container of the same kind beside them is not."""
    post, text = _read(tmp_path, (
        "<html><head><title>Repair café on Friday</title></head><body><div class='page'><article class='node'>"
        f"<h1>Repair café on Friday</h1><div class='article-content'>{_BODY}</div><div class='row'><div class='col'>"
        "<div class='article-content'><h2>Opening hours</h2><p>The parish hall opens at two and closes when the last "
        "lamp is mended, usually around six.</p></div></div></div></article><div class='more'><div "
        "class='article-content'><a href='/other'>Other news: the ferry timetable changes</a></div></div></div>"
        "</body></html>"))
    assert post.blocks[0].startswith("The repair café fixes toasters"), post.blocks
    assert "closes when the last lamp is mended" in post.blocks[-1], post.blocks
    assert "ferry timetable" not in text


def test_a_french_papers_chapo_is_the_articles_lede(tmp_path):
    post, text = _read(tmp_path, (
        "<html><head><title>Repair café on Friday</title></head><body><article class='post'><div class='top'>"
        "<nav class='crumbs'><a href='/'>Home</a></nav><h1>Repair café on Friday</h1><div class='chapo'><p>Broken "
        "kettles and silent radios get a second life on Friday afternoon in the parish hall.</p></div></div>"
        f"<div class='entry-content'>{_BODY}</div></article></body></html>"), second_opinion=False)  # our rule alone
    assert post.blocks[0].startswith("Broken kettles and silent radios get a second life"), post.blocks
    assert "nobody wanted" in text and "Home" not in text
