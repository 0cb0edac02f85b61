"""The static page joined once from its body's parts (issue 24): the essay template renders the page around a
slot, and the marked paragraphs, the code outputs and the store's thread are joined into it in one join. The
page is byte for byte the page the template makes with the whole body put in; a slot the page does not hold
once falls back to that; a site's lazy images and a live page's scripts are read from the parts."""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

import pytest

from essaykit.comments.passages import PARAGRAPH_HREF
from essaykit.comments.store import CommentStore
from essaykit.essay import load_essay
from essaykit.exports.offline import lazy_images
from essaykit.exports.page import (BODY_SLOT, OUTPUT_SLOT, SitePage, body_parts, render_blocks, render_page,
                                   spoiler_count)
from essaykit.exports.page_comments import read_comments
from essaykit.html import environment
from helpers.notebooks import code_cell, md_cell, notebook

EXAMPLE = Path(__file__).resolve().parents[2] / "notebooks" / "the-salt-road.ipynb"
API = "http://127.0.0.1:9/"
WORDS = ["Theodore", "keeps", "his", "distance", "while", "the", "voice", "grows", "warmer", "and", "stranger"]


def paragraph(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(30)) + "."


def shown(text: str) -> dict:
    return {"output_type": "display_data", "metadata": {}, "data": {"text/html": f"<p>{text}</p>"}}


def approved(store: CommentStore, slug: str, body: str, anchor: dict | None = None) -> None:
    posted = store.post(slug, author="Ada", email="ada@example.org", body=body, anchor=anchor).comment
    store.set_status(posted.id, "approved", by="test")


@pytest.fixture
def outputs_between(tmp_path):
    """An essay with code outputs before, between and after its paragraphs (the comment section last), and a
    store with comments on every paragraph and on the whole essay."""
    rng = random.Random(3)
    texts = [paragraph(rng) for _ in range(6)]
    cells = [code_cell("show(1)", outputs=[shown("first output")])]
    for n, text in enumerate(texts):
        cells.append(md_cell(text))
        if n in (1, 3):
            cells.append(code_cell(f"show({n})", outputs=[shown(f"output after paragraph {n}")]))
    cells.append(code_cell("from essaykit import CommentSection\nCommentSection()"))
    path = tmp_path / "her.ipynb"
    path.write_text(json.dumps(notebook(cells, essay={"title": "Her", "slug": "her"})), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'comments.sqlite'}"
    with CommentStore.open(db) as store:
        for text in texts:
            words = text.split()
            approved(store, "her", "On this ||hidden|| bit.",
                     {"exact": " ".join(words[3:7]), "prefix": " ".join(words[:3]) + " ", "suffix": ""})
        approved(store, "her", "On the whole essay.")
    return path, db


def as_safe_markup(essay, **options) -> str:
    """The page as the essay template makes it with the whole body put in (a template given by the caller)."""
    return render_page(essay, template=environment().get_template("index.html.j2"), **options)


@pytest.mark.parametrize("api", ["", API])
def test_the_page_joined_from_its_parts_is_the_page_with_its_body_put_in(outputs_between, api):
    path, db = outputs_between
    essay = load_essay(path)
    comments = read_comments(essay, db=db, notebook_dir=path.parent)
    page = render_page(essay, comments=comments, api=api)
    assert page == as_safe_markup(essay, comments=comments, api=api)
    assert BODY_SLOT not in page and OUTPUT_SLOT not in page
    order = [page.index(said) for said in ("first output", "output after paragraph 1", "output after paragraph 3",
                                           '<section class="ek-comments')]
    assert order == sorted(order), "each output where its cell is"
    assert page.count('class="ek-anchor"') >= 6 and ("comments.js" in page or "bootPages" in page) == bool(api)


def test_outputs_before_between_and_after_the_marked_paragraphs_go_back_in_place(outputs_between):
    path, db = outputs_between
    essay = load_essay(path)
    comments = read_comments(essay, db=db, notebook_dir=path.parent)
    body = body_parts(essay, comments=comments)
    whole = "\n".join(render_blocks(essay, comments=comments))
    assert body.text() == comments.on.body(whole, paragraph_links=False, href=PARAGRAPH_HREF)
    assert body.facts().spoilers == spoiler_count(body.text()) >= 6


def test_a_title_that_says_the_slot_gets_the_page_with_its_body(tmp_path):
    nb = notebook([md_cell("A film about a voice.")], essay={"title": f"Odd {BODY_SLOT} title", "slug": "odd"})
    path = tmp_path / "odd.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    essay = load_essay(path)
    page = render_page(essay)
    assert page == as_safe_markup(essay)
    assert page.count("A film about a voice.") == 1 and BODY_SLOT in page, "the title keeps what it says"


def test_a_sites_images_are_lazy_in_every_part_as_in_the_whole_body(tmp_path):
    path = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, path)
    essay = load_essay(path)
    db = f"sqlite:///{tmp_path / 'comments.sqlite'}"
    with CommentStore.open(db) as store:
        for n in range(3):
            approved(store, essay.meta.slug, f"Comment {n}, with an avatar.")
    comments = read_comments(essay, db=db, notebook_dir=path.parent)
    written = []
    site = SitePage(media=lambda data, suffix: written.append(data) or f"media/{len(written)}{suffix}")
    body = body_parts(essay, site=site, comments=comments)
    assert len(body.parts) > 1 and body.text().count('class="ek-comment__avatar"') == 3
    assert body.text() == lazy_images("".join(part.replace(' loading="lazy" decoding="async"', "")
                                              for part in body.parts))
    assert not re.search(r"<img\b(?![^>]*\bloading=)", body.text()), "every image is lazy"


def test_spoiler_count_finds_what_the_pattern_finds():
    rng = random.Random(24)
    bits = ["data-ek-spoiler", "data-ek-spoiler-block", "-block", " ", "\t", ">", "=", "x", "’", "data-ek-spoilerdata"]
    pattern = re.compile(r"(?<=\s)data-ek-spoiler(?:-block)?(?=[\s>=])")
    for _ in range(20000):
        markup = "".join(rng.choice(bits) for _ in range(rng.randrange(12)))
        assert spoiler_count(markup) == len(pattern.findall(markup)), markup
