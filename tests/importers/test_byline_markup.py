"""A saved page's author in the stock markup themes and CMSs print it with (schema.org microdata, rel=author,
Drupal's RDFa, a byline's link to the writer's page), what a byline leaves after the name (a month cut from its
day, a name cut short), a news agency's credit, and htmldate's made-up 1st of a month
(essaykit.importers.page_byline, names, html_extract)."""

from __future__ import annotations

import pytest

from essaykit.importers.html_extract import extract
from essaykit.importers.names import clean_name

from .builders import LOCK_TEXT, byline_post

_TEXT = LOCK_TEXT


def _post(tmp_path, body: str, head: str = ""):
    return byline_post(tmp_path, head=head, body=body, lang="en")


@pytest.mark.parametrize("byline", [
    # schema.org microdata: the author item and its name
    "<p itemprop='author' itemscope itemtype='https://schema.org/Person'>By <a href='/bio'>"
    "<span itemprop='name'>Ilse Varga</span></a></p>",
    "<span itemprop='author'>Ilse Varga</span>",
    # rel=author among other link types
    "<p>Words: <a rel='author external' href='https://ilse.example.org/'>Ilse Varga</a></p>",
    # Drupal 7's RDFa
    "<div class='submitted'><span rel='sioc:has_creator'><a href='/users/ilse' typeof='sioc:UserAccount' "
    "property='foaf:name'>Ilse Varga</a></span></div>",
    # a byline's name part, as news themes spell it
    "<div class='byline'><span class='byline__name'>Ilse Varga</span></div>",
    "<div class='byline'><span class='byline-author'>Ilse Varga</span></div>",
    # a byline's link to the writer's page; its other links (the section, a share button) are not the writer
    "<p class='byline'><a href='/section/waterways'>Waterways</a> <a href='https://share.example/?u=1'>Twitter</a> "
    "By <a href='/staff/ilse-varga'>Ilse Varga</a></p>",
])
def test_the_writer_is_read_from_the_stock_markup_of_a_byline(tmp_path, byline):
    assert _post(tmp_path, byline).author == "Ilse Varga"


def test_a_bylines_links_that_lead_to_no_writers_page_name_nobody(tmp_path):
    post = _post(tmp_path, "<p class='byline'><a href='/section/waterways'>Waterways</a> "
                           "<a href='https://share.example/?u=1'>Twitter</a></p>")
    assert post.author == ""


def test_microdata_in_a_comment_names_the_commenter_not_the_writer(tmp_path):
    post = byline_post(tmp_path, lang="en", after="<div id='comments'><ol class='commentlist'><li class='comment' itemscope "
                       "itemtype='https://schema.org/Comment'><span itemprop='author'>Tomas Brun</span>"
                       "<p>I was on the last barge that night.</p></li></ol></div>")
    assert post.author != "Tomas Brun"


@pytest.mark.parametrize("stated, want", [
    ("Ilse Varga March", "Ilse Varga"),  # the byline's "March 25, 2015" with its digits cut off
    ("By Ilse Varga; TOMAS BRUN December", "Ilse Varga, TOMAS BRUN"),
    ("Jo March", "Jo March"),  # a month left alone would leave one word: it is the surname
    ("Ilse Varga May", "Ilse Varga May"),  # May, June, April, August are names as often as months
    ("Ilse Varga-Bru...", ""), ("Ilse Varga-Bru…", ""),  # a name the page cut short to fit its box
])
def test_what_a_byline_leaves_after_the_name(stated, want):
    assert clean_name(stated) == want


def test_a_news_agency_gives_way_to_the_person_and_alone_is_only_a_guess(tmp_path):
    post = _post(tmp_path, "<div class='byline'><span class='author'>AFP</span></div>",
                 '<script type="application/ld+json">{"@type": "NewsArticle", "author": '
                 '[{"@type": "Person", "name": "Ilse Varga"}]}</script>')
    assert post.author == "Ilse Varga"
    alone = _post(tmp_path, "<div class='byline'><span class='author'>Reuters</span></div>")
    assert any("names the site or its publisher" in g for g in alone.guessed)


_PAGE = ("<html lang='en'><head><title>The Lock at Six</title>{head}</head><body><article><h1>The Lock at Six</h1>"
         + _TEXT * 3 + "</article><footer><p>© 2022 Canal Weekly</p></footer></body></html>")


def test_a_year_alone_is_not_the_posts_day():
    """htmldate's extensive search reads "© 2022" as 1 January 2022: no date then, rather than a made-up one."""
    assert not extract(_PAGE.format(head="")).date.startswith("2022-01-01")


def test_a_first_of_the_month_the_markup_states_is_kept():
    head = "<meta property='article:published_time' content='2022-03-01T10:00:00+00:00'>"
    assert extract(_PAGE.format(head=head)).date.startswith("2022-03-01")


@pytest.mark.parametrize("stated", ["wordpressadmin", "Edit", "Bearbeiten", "Canal Weekly Editorial Team", "Lock Blog Staff"])
def test_a_login_an_edit_link_or_a_desk_is_no_ones_name(stated):
    assert clean_name(stated) == ""


def test_trafilaturas_spelling_of_the_sites_host_beside_the_writer_is_left_out(tmp_path):
    """trafilatura writes the host "varga.de" as "Varga De"; the byline names the writer and the site."""
    post = _post(tmp_path, "", "<meta name='author' content='Ilse Varga; Varga De'>")
    assert post.author == "Ilse Varga"


def test_a_letter_in_a_span_of_its_own_is_read_as_the_metadata_writes_the_name(tmp_path):
    post = _post(tmp_path, "<p class='byline' itemprop='author'><span itemprop='name'><a href='/contributor/ilse'>"
                           "Ilse Varg<span class='last-letter'>a</span></a></span></p>",
                 "<meta name='author' content='Ilse Varga'>")
    assert post.author == "Ilse Varga"


@pytest.mark.parametrize("stated", ["Gespeichert von ilse am 7. Juli 2019 - 18:44", "Submitted by ilse on 7 July 2019"])
def test_drupals_submitted_line_gives_the_login(stated):
    assert clean_name(stated) == "ilse"


_GRAPH = ('<script type="application/ld+json">{{"@context": "https://schema.org", "@graph": ['
          '{{"@type": "WebPage", "@id": "https://canal.example/lock/#webpage", "author": {{"@id": "#kay"}}}}, '
          '{{"@type": "{kind}", "@id": "#kay", "name": "Ilse Varga"}}]}}</script>')


def test_the_writer_the_json_ld_states_for_the_page_when_no_article_names_one(tmp_path):
    # Yoast's graph on a theme that marks no article: the WebPage's author, pointed at by its @id
    assert _post(tmp_path, "", _GRAPH.format(kind="Person")).author == "Ilse Varga"
    # an organisation as the page's author is its publisher, not a writer the page states
    assert _post(tmp_path, "", _GRAPH.format(kind="Organization")).author == ""


def test_a_byline_in_an_aside_is_the_posts_only_inside_the_article(tmp_path):
    inside = _post(tmp_path, "<aside class='meta'><address><a rel='author' href='/profile/ilse-varga'>Ilse Varga"
                             "</a></address></aside>")
    assert inside.author == "Ilse Varga"
    sidebar = byline_post(tmp_path, lang="en", after="<aside class='sidebar'><p>Latest by <a rel='author' "
                          "href='/profile/tomas-brun'>Tomas Brun</a></p></aside>")
    assert sidebar.author == ""


def test_a_byline_of_several_writers_each_linked_names_them_all(tmp_path):
    post = _post(tmp_path, "<p class='byline'>By <a rel='author' href='/profile/ilse-varga'>Ilse Varga</a> and "
                           "<a rel='author' href='/profile/tomas-brun'>Tomas Brun</a></p>")
    assert post.author == "Ilse Varga, Tomas Brun"


@pytest.mark.parametrize("byline", [
    "<div class='head-meta'><span>By </span><a href='/profile/ilse-varga-77'>Ilse Varga</a></div>",
    "<p class='entry-meta'>by <a href='/writers/iv/'>Ilse Varga</a> March 3, 2021 at 7:18 am</p>",
    "<div class='x1'>Von <span class='x2'>Ilse Varga</span></div>",
    "<p>von <em>Ilse Varga</em></p>",
    # a label element of its own, the name as the line's text after it or in the next block
    "<div class='meta'><span class='label'>Datum:</span> 03.11.2021<br><span class='label'>Autor:</span> Ilse Varga<br></div>",
    "<div class='meta'><b>Von:</b><br><br> Ilse Varga</div>",
    "<div class='meta'><h4>Autor</h4> <p><a href='/profil/ilse-varga'>Ilse Varga</a></p></div>",
])
def test_the_name_in_its_own_element_after_a_bylines_word_alone(tmp_path, byline):
    assert _post(tmp_path, byline).author == "Ilse Varga"


@pytest.mark.parametrize("prose", [
    "<p>The gate was opened by <span>Ilse Varga</span> at dawn.</p>",  # words after the name: a sentence
    "<p>Photo by <a href='/profile/ilse-varga'>Ilse Varga</a></p>",  # a credit, not a byline's word alone
    "<div><b>Von:</b> der Schleuse am Nordufer bis hinunter zur alten Mühle<br></div>",  # a sentence, not a name
    "<div><h4>Autor</h4><p>Ilse Varga schreibt seit vielen Jahren über Kanäle, Schleusen und Häfen.</p></div>",  # a bio
    "<p><i>The Lower Lock</i> by <a href='/profile/ilse-varga'>Ilse Varga</a></p>",  # a credit within its line
    "<div class='tools'><span>Text</span> <span>14 KB</span></div>",  # "Text" labels a file, not a writer
    "<div><b>Auteur :</b> <span>Auteur(s) :</span></div>",  # a label after a label: no name
    # a list of other stories, each with its writer
    "<ol class='more'><li><a href='/a'>The Weir</a><p>By <span>Ilse Varga</span></p></li>"
    "<li><a href='/b'>The Quay</a><p>By <span>Tomas Brun</span></p></li></ol>",
])
def test_a_name_after_by_in_a_sentence_or_a_credit_is_not_the_writer(tmp_path, prose):
    assert _post(tmp_path, prose).author == ""


@pytest.mark.parametrize("company", ["Schleusenwerk GmbH", "Canal Media Ltd.", "Freunde der Schleuse e.V.", "Lockworks Inc."])
def test_a_company_by_its_legal_form_gives_way_to_the_person_and_alone_is_only_a_guess(tmp_path, company):
    head = f"<meta name='author' content='{company}'>"
    alone = _post(tmp_path, "", head)
    assert any("names the site or its publisher" in g for g in alone.guessed)
    beside = _post(tmp_path, "<div class='byline'><span class='author'>Ilse Varga</span></div>", head)
    assert beside.author == "Ilse Varga" and not any(g.startswith("author ") for g in beside.guessed)


def test_a_link_after_a_bylines_label_that_is_only_part_of_the_name_is_not_the_writer(tmp_path):
    post = _post(tmp_path, "<div class='foot'>Autor: <a href='/anwalt/'>Rechtsanwalt</a> Ilse Varga</div>")
    assert post.author != "Rechtsanwalt"


def test_a_name_after_an_author_label_alone_is_only_a_guess(tmp_path):
    # a book's facts in a review: "Autorin:" there names the book's writer, not the post's
    post = _post(tmp_path, "<div>Titel: Die Schleuse</div><div><u>Autorin: </u>Ilse Varga</div><div>Seiten: 400</div>")
    assert post.author == "Ilse Varga" and any("follows a label" in g for g in post.guessed)
    byline = _post(tmp_path, "<div class='x1'>Von <span class='x2'>Ilse Varga</span></div>")
    assert not any(g.startswith("author ") for g in byline.guessed)
