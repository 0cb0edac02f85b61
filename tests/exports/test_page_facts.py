"""What a static page knows of its body (issue 24): the render that makes the body tells it (spoilers, marks,
widgets, the author's rating) instead of the page scanning the joined body, a megabyte and more with a thousand
comments. Told or read, the facts are the same; only a reader's words can no longer pass for the rating widget."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from essaykit.comments.passages import passages
from essaykit.comments.store import CommentStore
from essaykit.essay import load_essay
from essaykit.exports.export import essay_page
from essaykit.exports.page import BodyFacts, body_parts, spoiler_count
from essaykit.exports.page_comments import read_comments
from helpers.notebooks import code_cell, md_cell, notebook

EXAMPLE = Path(__file__).resolve().parents[2] / "notebooks" / "the-salt-road.ipynb"


def _told(essay, **options):
    """The body and the facts the render tells of it (worked out when a page asks for them)."""
    body = body_parts(essay, **options)
    return body.text(), body.facts()


def approved(store: CommentStore, slug: str, body: str, anchor: dict | None = None) -> None:
    posted = store.post(slug, author="Ada", email="ada@example.org", body=body, anchor=anchor).comment
    store.set_status(posted.id, "approved", by="test")


@pytest.fixture
def salt_road(tmp_path):
    """The example essay (spoilers, a rating widget with the author's verdict, the comment section) and a store
    with comments on its passages and on the whole essay, some of them holding spoilers."""
    path = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, path)
    essay = load_essay(path)
    page = passages(essay, []).page
    db = f"sqlite:///{tmp_path / 'comments.sqlite'}"
    with CommentStore.open(db) as store:
        for n, paragraph in enumerate(page.paragraphs[:6]):
            words = page.text[paragraph.start:paragraph.end].split()
            if len(words) > 8:
                approved(store, essay.meta.slug, f"On it ||hidden {n}|| and more.",
                         {"exact": " ".join(words[2:6]), "prefix": " ".join(words[:2]) + " ", "suffix": ""})
        approved(store, essay.meta.slug, "A whole-essay note with ||a spoiler of mine||.")
    return path, db


@pytest.mark.parametrize("api", ["", "http://127.0.0.1:9/"])
def test_the_facts_the_render_tells_are_those_its_body_holds(salt_road, api):
    path, db = salt_road
    essay = load_essay(path)
    for comments in (None, read_comments(essay, db=db, notebook_dir=path.parent)):
        body, told = _told(essay, show_code=False, site=None, api=api, page_url="", comments=comments)
        assert told == BodyFacts.read(body)
    assert told.passages and told.spoilers > 2, "the store's comments are on the page"


def test_spoilers_in_the_comments_are_counted_with_the_essays(salt_road):
    path, db = salt_road
    essay = load_essay(path)
    alone = _told(essay, show_code=False, site=None, api="", page_url="", comments=None)[1].spoilers
    comments = read_comments(essay, db=db, notebook_dir=path.parent)
    body, told = _told(essay, show_code=False, site=None, api="", page_url="", comments=comments)
    # each comment on a passage holds one, in its margin note and in the thread; the whole-essay one in the thread
    assert told.spoilers == spoiler_count(body) > alone + len(comments.on.placed)


def her(tmp_path: Path, *cells) -> Path:
    nb = notebook([md_cell("A film about a voice."), *cells,
                   code_cell("from essaykit import CommentSection\nCommentSection()")],
                  essay={"title": "Her", "slug": "her", "rating": 4})
    path = tmp_path / "her.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def test_a_readers_words_do_not_take_the_authors_rating_off_the_header(tmp_path):
    path = her(tmp_path)
    db = f"sqlite:///{tmp_path / 'comments.sqlite'}"
    with CommentStore.open(db) as store:
        approved(store, "her", "Why is there no ek-rating-widget__author here?")
    html = essay_page(load_essay(path), execute=False, db=db)
    assert "ek-rating-widget__author here" in html, "the comment is on the page"
    assert '<p class="ek-rating">' in html, "the header keeps the author's stars: no rating widget shows them"


def test_the_rating_widgets_verdict_takes_the_stars_off_the_header(tmp_path):
    path = her(tmp_path, code_cell("from essaykit import Rating\nRating(value=4)"))
    essay = load_essay(path)
    body, told = _told(essay, show_code=False, site=None, api="http://127.0.0.1:9/", page_url="", comments=None)
    assert told.author_rating and told == BodyFacts.read(body)
    html = essay_page(essay, execute=False, api="http://127.0.0.1:9/")
    assert "ek-rating-widget__author" in html and '<p class="ek-rating">' not in html
