"""Comments on a passage on static pages (issue 24), in-process: `essaykit export` and `essaykit build` with a
comment store render the live page's marks, margin notes, counts and "on “…”", keep a spoiler's words hidden
(thread, feeds, <meta>, structured data), list orphans with their old quote, and with --api link every
paragraph to the API's form on it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from essaykit.comments.passages import PARAGRAPH_HREF, SPOILER_LABEL, paragraph_form_href
from essaykit.comments.store import CommentStore
from essaykit.essay import load_essay
from essaykit.exports.export import essay_page
from essaykit.exports.page import OUTPUT_SLOT, render_blocks, render_body
from essaykit.exports.page_comments import read_comments
from essaykit.exports.site import BuildOptions, build_site
from essaykit.exports.site_index import CONTENT_DIR
from helpers.notebooks import code_cell, md_cell, notebook

P1 = "Her is a film about Theodore, who falls for an operating system."
P2 = "Samantha adopted her personality around Ted, and that is the whole point."
INLINE = "secretly the narrator"
BLOCK = "leaves with the other systems"
API = "http://127.0.0.1:9/"
PAGE = "http://127.0.0.1:8/her.html"


def write_essay(folder: Path, second: str = P2) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    nb = notebook([md_cell(P1), md_cell(second), md_cell(f"The robot is ||{INLINE}|| all along."),
                   md_cell(f"Samantha {BLOCK}.", tags=["spoiler"]),
                   code_cell("from essaykit import CommentSection\nCommentSection()")],
                  essay={"title": "Her", "slug": "her", "summary": "A film about a voice."})
    path = folder / "her.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def comment_on(db: str, exact: str, body: str, *, prefix: str = "", suffix: str = "", approved: bool = True) -> str:
    with CommentStore.open(db) as store:
        posted = store.post("her", author="Ada", email="ada@example.org", body=body,
                            anchor={"exact": exact, "prefix": prefix, "suffix": suffix}).comment
        if approved:
            store.set_status(posted.id, "approved", by="test")
    return posted.id


@pytest.fixture
def site(tmp_path):
    """The essay, a store with comments on: a paragraph, an inline spoiler, a spoiler block, words now gone
    (an orphan) and one still pending."""
    path = write_essay(tmp_path / "essays")
    db = f"sqlite:///{tmp_path / 'comments.sqlite'}"
    ids = {
        "plain": comment_on(db, "her personality around Ted", "Not how *I* read it.", prefix="adopted ",
                            suffix=", and"),
        "inline": comment_on(db, INLINE, "Inline spoiler talk.", prefix="is ", suffix=" all"),
        "block": comment_on(db, BLOCK, "Block spoiler talk.", prefix="Samantha ", suffix="."),
        "orphan": comment_on(db, "a scene the author cut", "About the cut scene."),
        "pending": comment_on(db, "falls for an operating system", "Waiting.", approved=False),
    }
    return path, db, ids


def static_page(path: Path, db: str, **options) -> str:
    return essay_page(load_essay(path), execute=False, db=db, **options)


def test_the_static_page_marks_passages_with_their_margin_notes_and_counts_like_the_live_page(site):
    path, db, ids = site
    html = static_page(path, db)
    plain = ids["plain"]
    assert (f'<mark class="ek-anchor" id="ek-a-{plain}" data-ek-comments="1" aria-describedby="ek-am-{plain}">'
            "her personality around Ted</mark>") in html, "the passage is marked and names its margin note"
    assert f'<a class="ek-anchor__link" href="#ek-c-{plain}"' in html, "the mark links to the comment in the thread"
    note = re.search(rf'<aside class="ek-anchor-notes" id="ek-an-(ek-p-[0-9a-f]+)"[^>]*>'
                     rf'.*?id="ek-am-{plain}".*?</aside>', html, re.S)
    assert note and "Not how <em>I</em> read it." in note.group(0), "the comment sits in the margin, rendered"
    assert html.index(note.group(0)) < html.index(f'<p id="{note.group(1)}">'), "beside the start of its paragraph"
    assert '<p class="ek-anchor-count"><a href="#ek-c-' in html and "1 comment on this paragraph" in html
    assert ".ek-anchor-notes" in html, "the page carries passages.css (margin from 1240 px, counts below)"
    assert "Waiting." not in html and html.count('class="ek-anchor"') == 3, "a pending comment shows nowhere"
    assert 'class="ek-para-tools"' not in html and 'textContent = "Respond"' not in html, \
        "without --api there is no form to comment with (no paragraph links, no passages.js)"


def test_a_body_marked_without_its_code_outputs_is_the_body_marked_with_them(site):
    path, db, _ = site
    essay = load_essay(path)
    comments = read_comments(essay, db=db, notebook_dir=path.parent)
    for api in ("", API):
        body = render_body(essay, comments=comments, api=api, page_url=PAGE)
        whole = "\n".join(render_blocks(essay, comments=comments, api=api, page_url=PAGE))
        href = paragraph_form_href(api, "her", PAGE) if api else PARAGRAPH_HREF
        assert body == comments.on.body(whole, paragraph_links=bool(api), href=href), \
            "the outputs (the thread) go back where they were, the marks where marking them in place puts them"
        assert OUTPUT_SLOT not in body and '<section class="ek-comments' in body and 'class="ek-anchor"' in body


def test_the_thread_says_what_each_comment_answers_orphans_with_their_old_quote(site):
    path, db, ids = site
    html = static_page(path, db)
    thread = html[html.index('<section class="ek-comments'):]
    # the label's quotation marks are character references (essaykit.comments.render.on_markup)
    assert f'<a href="#ek-a-{ids["plain"]}">on &ldquo;her personality around Ted&rdquo;</a>' in thread
    assert "on &ldquo;a scene the author cut&rdquo; (no longer in the essay)" in thread, "an orphan keeps its old quote"
    assert f'id="ek-c-{ids["orphan"]}"' in thread and f'id="ek-a-{ids["orphan"]}"' not in html, "and has no mark"
    assert "4 comments" in thread, "the thread is the store's at build time"


def test_a_passage_in_a_spoiler_stays_inside_it(site):
    path, db, ids = site
    html = static_page(path, db, canonical="https://example.org/her.html")
    thread = html[html.index('<section class="ek-comments'):]
    assert thread.count(SPOILER_LABEL) == 2 and INLINE not in thread and BLOCK not in thread
    block = re.search(r'<details class="ek-spoiler-block.*?</details>', html, re.S).group(0)
    assert f'id="ek-am-{ids["block"]}"' in block and "Block spoiler talk." in block, \
        "a spoiler block's margin note is hidden with it"
    assert html.count("Block spoiler talk.") == 2, "in the hidden block and in the thread, nowhere else"
    inline = re.search(rf'<mark class="ek-anchor" id="ek-a-{ids["inline"]}"[^>]*>', html).group(0)
    assert "aria-describedby" not in inline and f'id="ek-am-{ids["inline"]}"' not in html, \
        "an inline spoiler's comment gets no margin note (it would show beside the hidden words)"
    spoiler_text = re.search(r'<span class="ek-spoiler__text"[^>]*>.*?</span>', html, re.S)
    assert spoiler_text and INLINE in spoiler_text.group(0), "its mark stays inside the hidden inline text"
    head = html[:html.index("</head>")]
    structured = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    for words in (INLINE, BLOCK, "Inline spoiler talk", "Block spoiler talk"):
        assert words not in head and words not in structured, f"{words!r} stays out of <meta> and structured data"


def test_with_api_every_paragraph_links_to_the_api_form_and_the_page_can_respond(site):
    path, db, ids = site
    html = static_page(path, db, api=API, page_url=PAGE)
    links = re.findall(r'<p class="ek-para-tools"><a class="ek-para-comment" rel="nofollow" href="([^"]+)">', html)
    assert len(links) == 2, "a link after every paragraph but the two a spoiler touches (the quote would tell it)"
    assert links[0].startswith(f"{API}api/comments/form?essay=her&amp;return=http%3A%2F%2F127.0.0.1%3A8%2Fher.html"
                               "&amp;on=ek-p-") and links[0].endswith("#ek-cf")
    assert f'<mark class="ek-anchor" id="ek-a-{ids["plain"]}"' in html, "the marks too"
    assert 'textContent = "Respond"' in html, "passages.js comes along for the Respond button"
    assert f'action="{API}api/comments"' in html and f'name="return" value="{PAGE}"' in html


def test_without_a_store_the_page_is_as_before(tmp_path):
    path = write_essay(tmp_path / "essays")
    html = essay_page(load_essay(path), execute=False, db=None)
    assert "ek-anchor" not in html and not (tmp_path / "essays" / "comments.sqlite").exists(), "nothing is created"


def test_the_site_shows_them_keeps_spoilers_out_of_its_feeds_and_rebuilds_when_a_comment_is_approved(site, tmp_path):
    path, db, ids = site
    out = tmp_path / "site"
    options = BuildOptions(db=db, execute=False, jobs=1, base_url="https://example.org/")
    build_site(path.parent, out, options, stream=open("/dev/null", "w"))
    page = (out / "her.html").read_text(encoding="utf-8")
    assert f'<mark class="ek-anchor" id="ek-a-{ids["plain"]}"' in page and "on &ldquo;a scene the author cut&rdquo;" in page
    feeds = "".join((out / name).read_text(encoding="utf-8") for name in ("comments.xml", "her.comments.xml"))
    assert "Inline spoiler talk." in feeds and "on a passage" in feeds
    for words in (INLINE, BLOCK, "her personality around Ted"):
        assert words not in feeds, f"the comment feeds never quote a passage ({words!r})"
    content = (out / CONTENT_DIR / "her.html").read_text(encoding="utf-8")
    assert "ek-anchor" not in content and "Not how" not in content, "the feeds' copy of the essay has no margin"

    later = comment_on(db, "Theodore", "Approved after the first build.", prefix="about ", suffix=", who")
    report = build_site(path.parent, out, options, stream=open("/dev/null", "w"))
    assert [Path(o.source).name for o in report.built] == ["her.ipynb"], "a new approved comment rebuilds the page"
    assert f'<mark class="ek-anchor" id="ek-a-{later}"' in (out / "her.html").read_text(encoding="utf-8")
