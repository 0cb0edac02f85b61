"""The reference corpus, page by page: title, author, date, body recall and precision, comments, nothing invented.

Every page and text copy in fixtures/corpus/ was written for essaykit from the
shapes real blogs print (WordPress in German and French, wpDiscuz, Drupal,
old ``<dl>`` themes, teasers and promos inside ``<article>``, comment areas
with nothing but furniture, a post that quotes HTML), with the reference
reading in expected.json.
"""

from __future__ import annotations

import pytest

from .corpus import expected, read, score, CORPUS

NAMES = sorted(expected())


@pytest.mark.parametrize("name", NAMES)
def test_page_reads_like_its_reference(name):
    want = expected()[name]
    got = score(name, read(CORPUS / name), want)
    assert (got.title, got.author, got.date) == (True, True, True), got
    assert got.recall >= 0.9 and got.precision >= 0.9, got
    assert got.found == got.visible, f"{name}: {got.found} of {got.visible} visible comments found"
    assert got.invented_approved == 0, f"{name}: an approved comment that is not on the page"
    assert got.by_author_right, f"{name}: the post author's replies, and only they, carry the Author badge"


def test_the_corpus_covers_languages_and_platforms():
    assert {n.split("-")[0] for n in NAMES} >= {"de", "fr", "es", "it", "pt", "en"}
    assert {n.rsplit(".", 1)[1] for n in NAMES} == {"html", "txt"}


@pytest.mark.parametrize("name", ["en-no-comments.html", "en-no-comments.txt"])
def test_furniture_is_never_a_comment(name):
    post = read(CORPUS / name)
    assert post.comments == [], [(c.author, c.body) for c in post.comments]
    assert "941" not in "\n".join(post.blocks), "the comment count under the headline is metadata, not text"


def test_a_comment_count_under_the_headline_is_not_the_comments_heading():
    post = read(CORPUS / "de-wordpress.txt")
    assert len(post.blocks) >= 4 and "Tankstelle" not in "\n".join(post.blocks)
    assert [(c.author, c.created.isoformat()[:16]) for c in post.comments] == [
        ("Jonas Keller", "2024-03-18T09:12"), ("Anna Becker", "2024-03-18T17:49")]
    assert all(c.status == "approved" and not c.reason for c in post.comments), "headers with names and dates: sure"


def test_a_share_class_around_the_article_does_not_delete_it():
    post = read(CORPUS / "de-wordpress.html")
    assert "Salzstraße" in "\n".join(post.blocks) and not post.doubts


def test_a_teaser_inside_article_is_not_the_post():
    post = read(CORPUS / "en-teaser-in-article.html")
    text = "\n".join(post.blocks)
    assert "Saturn" in text and "Frame Rate Weekly" not in text


def test_a_post_quoting_html_is_read_as_text():
    from essaykit.importers.detect import detect_format

    assert detect_format(CORPUS / "en-tech-html.txt") == "text"
    post = read(CORPUS / "en-tech-html.txt")
    assert "background: #111;" in "\n".join(post.blocks) and [c.author for c in post.comments] == ["Priya", "Tom"]


def test_a_rating_inside_a_longer_line_is_read():
    from essaykit.importers.verdict import find_rating

    assert find_rating("First of all, five stars, thumbs way up, and here is why I loved every minute of it.")[0] == 5
    assert find_rating("Premièrement, cinq étoiles, sans hésiter : c'est le plus beau film de l'hiver.")[0] == 5
    assert find_rating("We stayed in a five-star hotel near the festival, which was lovely but far too expensive.")[0] is None
