"""A saved page's author and date: a person's name rather than the site's, and numeric dates read as the page's
language writes them (essaykit.importers.page_byline, through read_html_page)."""

from __future__ import annotations

import pytest

from essaykit.importers.html_page import read_html_page
from essaykit.importers.names import date_order, parse_loose_date
from essaykit.importers.page_byline import clean_name

from .builders import LOCK_TEXT, byline_post

_TEXT = LOCK_TEXT


def _post(tmp_path, head: str, body: str, lang: str = ""):
    return byline_post(tmp_path, head=head, body=body, lang=lang)


@pytest.mark.parametrize("stated, want", [
    ("Post author By Ilse Varga", "Ilse Varga"),  # Twenty Twenty's label read with the name
    ("Von Ilse Varga", "Ilse Varga"),
    ("Por Inés Varga", "Inés Varga"),
    ("Autor: Ilse Varga", "Ilse Varga"),
    ("Ilse Varga; Tomas Brun", "Ilse Varga, Tomas Brun"),  # trafilatura's list
    ("Ilse Varga (https://ilse.example.org/)", "Ilse Varga"),  # a name with its homepage
    ("No Author", ""),  # what a CMS writes where nobody was named
    ("Username", ""),  # a login form's label
    ("Tomas Brun says", ""),  # a comment's header
    ("Authority control", ""),  # a wiki's navbox heading, found for the "author" in its id
    ("Zur Person Alle Beiträge Ilse Varga Alle Beiträge von ihr lesen", ""),  # a bio box, not a name
])
def test_a_byline_is_cleaned_to_its_names(stated, want):
    assert clean_name(stated) == want


def test_the_sites_own_name_as_author_gives_way_to_the_person_json_ld_names(tmp_path):
    post = _post(tmp_path, "<meta property='og:site_name' content='Canal Weekly'><meta name='author' content='Canal Weekly'>"
                 '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "The Lock at Six",'
                 ' "author": [{"@type": "Person", "name": "Ilse Varga"}, {"@type": "Person", "name": "Tomas Brun"}]}'
                 "</script>", "")
    assert post.author == "Ilse Varga, Tomas Brun"
    assert not any("names the site" in g for g in post.guessed)


@pytest.mark.parametrize("stated, byline, want", [
    # a theme's byline that shows the first of several authors gives way to the list of all
    ('[{"name": "Ilse Varga"}, {"name": "Tomas Brun"}]', "By Ilse Varga", "Ilse Varga, Tomas Brun"),
    # a JSON-LD author of type Organization is the publisher: the theme's byline names the writer
    ('{"@type": "Organization", "name": "Canal Weekly"}', "Von Ilse Varga", "Ilse Varga"),
])
def test_the_json_ld_author_and_the_themes_byline(tmp_path, stated, byline, want):
    post = _post(tmp_path, f'<script type="application/ld+json">{{"@type": "BlogPosting", "author": {stated}}}</script>',
                 f"<div class='byline'><span class='author'>{byline}</span></div>")
    assert post.author == want


def test_an_author_that_only_names_the_site_is_kept_as_a_guess(tmp_path):
    post = _post(tmp_path, "<meta property='og:site_name' content='Canal Weekly'><meta name='author' content='Canal Weekly'>",
                 "")
    assert post.author == "Canal Weekly"
    assert any("names the site or its publisher" in g for g in post.guessed)


@pytest.mark.parametrize("lang, want", [("de", "2015-03-05"), ("fr-FR", "2015-03-05"), ("en-GB", "2015-03-05"),
                                        ("pt_BR", "2015-03-05"), ("en-US", "2015-05-03"), ("", "2015-05-03")])
def test_a_numeric_date_is_read_as_the_pages_language_writes_dates(lang, want):
    assert parse_loose_date("05/03/2015", lang).date().isoformat() == want


def test_a_date_that_cannot_be_read_the_languages_way_is_read_the_other_way():
    assert parse_loose_date("12/31/2015", "de").date().isoformat() == "2015-12-31"
    assert date_order("nl") == "DMY" and date_order("en") == "MDY" and date_order("xx-nope") == ""


@pytest.mark.parametrize("written, utc", [
    ("March 3, 2026 at 4:12 pm CET", "2026-03-03T15:12"), ("Tue 3 Mar 2026 10:00 EST", "2026-03-03T15:00"),
    ("3 March 2026 10:00 CEST", "2026-03-03T08:00"), ("3 March 2026 10:00 UTC+2", "2026-03-03T08:00"),
    ("3 March 2026 10:00 GMT-5", "2026-03-03T15:00"), ("3 March 2026 10:00 GMT+05:30", "2026-03-03T04:30"),
    # ambiguous (US or China) and unknown abbreviations: the time as written, never shifted by a guess
    ("May 5, 2020 10:00 CST", "2020-05-05T10:00"), ("May 5, 2020 10:00 XYZ", "2020-05-05T10:00"),
])
def test_a_time_zone_a_page_prints_after_the_time_is_read_the_way_its_readers_mean_it(written, utc):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # dateutil warns about names it does not know (a future version raises)
        moment = parse_loose_date(written)
    assert moment.isoformat().startswith(utc)


def test_a_german_pages_byline_date_is_day_first_and_the_report_says_why(tmp_path):
    post = _post(tmp_path, "", "<time class='entry-date'>05/03/2015</time>", lang="de-DE")
    assert post.date.startswith("2015-03-05")
    assert any("day first, as 'de-DE' writes dates" in g for g in post.guessed)


def test_og_locale_gives_the_language_when_the_html_element_does_not(tmp_path):
    post = _post(tmp_path, "<meta property='og:locale' content='en_GB'>", "<time class='entry-date'>05/03/2015</time>")
    assert post.date.startswith("2015-03-05")


def test_a_page_without_a_language_reads_month_first_and_says_so(tmp_path):
    post = _post(tmp_path, "", "<time class='entry-date'>05/03/2015</time>")
    assert post.date.startswith("2015-05-03")
    assert any("month first: the page states no language" in g for g in post.guessed)


def test_the_posts_date_keeps_the_offset_the_page_states_and_an_undated_comment_gets_it_in_utc(tmp_path):
    """A post published at 21:53 in São Paulo is from the 3rd, as its readers saw it, though it was the 4th in UTC."""
    from essaykit.importers.model import ImportedComment
    from essaykit.importers.records import comment_records

    post = _post(tmp_path, "<meta property='article:published_time' content='2022-05-03T21:53:29-03:00'>", "",
                 lang="pt-BR")
    assert post.date == "2022-05-03T21:53:29-03:00"
    post.comments = [ImportedComment(local_id="1", parent=None, author="Ana", body="Boa noite.", created=None)]
    [record] = comment_records(post, "the-lock-at-six")
    assert record["created"] == "2022-05-04T00:53:29Z"


@pytest.mark.parametrize("stated, want", [
    ("Photograph by Ilse Varga, Canal Archive", ""),  # the picture's credit, not the writer
    ("Theme designed by Tomas Brun", ""),
    ("Foto: Ilse Varga", ""),
    ("By", ""),  # the label without its name
    ("Redaktion", ""), ("admin", ""), ("21.10.2019", ""),
    ("Ein Beitrag von Ilse Varga", "Ilse Varga"),
    ("Zum Profil von ilsev ilsev", "ilsev"),  # the link's text and its picture's alt
    ("Ilse Varga Stand: 03.04.2020", "Ilse Varga"),
    ("Ilse Varga 24 Comments", "Ilse Varga"),
    ("Ursula von der Leyen", "Ursula von der Leyen"),  # "von" inside a name is the name's
    ("Di Maio", "Di Maio"),
    ("Von: Ilse Varga", "Ilse Varga"), ("Posted by Ilse in Tagebuch", "Ilse"),  # "by NAME in CATEGORY"
    ("Publié par Inès Varga dans Cinéma", "Inès Varga"), ("Forum Moderator", ""),
    ("Last Updated: January 7, 2025", ""), ("Veröffentlicht am 3. März 2024", ""),  # a date line, no name
])
def test_what_a_theme_prints_around_a_name_or_instead_of_one_is_not_the_name(stated, want):
    assert clean_name(stated) == want


def test_a_json_ld_organization_alone_is_kept_as_a_guess(tmp_path):
    post = _post(tmp_path, '<script type="application/ld+json">{"@type": "NewsArticle", "author": '
                 '{"@type": "Organization", "name": "Canal Weekly"}}</script>', "")
    assert post.author == "Canal Weekly"
    assert any("names the site or its publisher" in g for g in post.guessed)


def test_a_comments_date_is_never_the_posts(tmp_path):
    post = byline_post(tmp_path, lang="en", after="<div id='comments'><ol class='commentlist'><li class='comment'>"
                       "<cite class='fn'>Tomas Brun</cite><time datetime='2024-06-01T10:00:00Z'>June 1, 2024</time>"
                       "<p>I was on the last barge that night.</p></li></ol></div>")
    assert post.date == ""


def test_a_json_ld_author_given_by_its_id_in_the_graph_is_read(tmp_path):
    """Yoast's shape: the article points at a Person node elsewhere in the @graph."""
    post = _post(tmp_path, '<script type="application/ld+json">{"@graph": [{"@type": "Article", "author": '
                 '{"@id": "https://canal.example/#/person/1"}}, {"@type": "Person", "@id": "https://canal.example/#/person/1",'
                 ' "name": "Ilse Varga"}]}</script>', "")
    assert post.author == "Ilse Varga"


def test_a_json_ld_author_pointing_at_no_node_names_nobody(tmp_path):
    post = _post(tmp_path, '<script type="application/ld+json">{"@graph": [{"@type": "Article", "author": '
                 '{"@id": "https://canal.example/#/person/404"}}]}</script>', "")
    assert post.author == ""


def _cards(n: int) -> str:
    """``n`` cards of other posts, as a "latest stories" strip prints them: a headline, a writer and a date each."""
    return "".join(f"<article class='entry post-summary'><header><span class='entry-author'>Tomas Brun</span>"
                   f"<span class='entry-date'>March {n + 2}, 2025 at 4:0{n}pm</span></header>"
                   f"<h3><a href='/other-{n}'>Another story about barges, number {n}</a></h3></article>" for n in range(n))


def test_the_date_of_another_posts_teaser_card_is_not_the_posts(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>The Lock at Six</title></head><body><div class='strip'>" + _cards(3)
                    + "</div><main><h1>The Lock at Six</h1><time datetime='2019-06-04T08:15:00+02:00'>4 June 2019</time>"
                    + _TEXT + "</main></body></html>", encoding="utf-8")
    [post] = read_html_page(page, second_opinion=False)
    assert post.date.startswith("2019-06-04")


def test_a_short_post_in_its_own_article_keeps_its_date(tmp_path):
    # one article element, however short, is the post's own: its date is read
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Lock notes</title></head><body><article><h2>Lock notes</h2>"
                    "<span class='entry-date'>March 2, 2025</span><p>The gates stuck again today.</p>"
                    "</article></body></html>", encoding="utf-8")
    [post] = read_html_page(page, second_opinion=False)
    assert post.date.startswith("2025-03-02")
