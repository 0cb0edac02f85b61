"""The static page's HTML: head metadata, header, spoilers, safety and weight."""

import re

import pytest

from essaykit.essay import load_essay
from essaykit.exports.page import render_page
from helpers import EXAMPLE
from helpers.notebooks import code_cell, md_cell, notebook

ESSAY = {"title": "Night Train", "author": "Ana Ruiz", "date": "2026-03-04", "summary": "A short review.",
         "rating": 3.5, "lang": "es", "url": "https://example.org/night-train", "tags": ["film"]}


def page_for(write_notebook, cells, essay=None, **kw):
    path = write_notebook(notebook(cells, {**ESSAY, **(essay or {})}))
    return render_page(load_essay(path), **kw)


def test_head_has_description_social_tags_canonical_and_lang(write_notebook):
    html = page_for(write_notebook, [md_cell("Hello.")])
    assert '<html lang="es"' in html, "lang comes from essay.lang"
    assert "<title>Night Train</title>" in html
    assert '<meta name="description" content="A short review.">' in html, "description comes from the summary"
    assert '<meta property="og:title" content="Night Train">' in html
    assert '<meta property="og:description" content="A short review.">' in html
    assert '<meta property="og:url" content="https://example.org/night-train">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert '<link rel="canonical" href="https://example.org/night-train">' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html


def test_no_canonical_without_url(write_notebook):
    html = page_for(write_notebook, [md_cell("Hello.")], {"url": ""})
    assert 'rel="canonical"' not in html and "og:url" not in html, "no canonical link without a url"


def test_header_shows_author_date_reading_time_and_rating(write_notebook):
    words = " ".join(["word"] * 450)
    html = page_for(write_notebook, [md_cell(words), code_cell("x = " + " + ".join(["1"] * 500))])
    assert "By Ana Ruiz" in html
    assert '<time class="ek-byline__date" datetime="2026-03-04">4 March 2026</time>' in html
    assert "3 min read" in html, "450 words / 200 per minute rounds up to 3; code is not counted"
    assert 'aria-label="Rated 3.5 out of 5"' in html, "stars need a text equivalent"
    assert "Rated 3.5 out of 5</span>" in html, "the rating is also shown as visible text"


@pytest.mark.parametrize("count, shown", [(2, False), (3, True)])
def test_table_of_contents_from_three_headings(write_notebook, count, shown):
    cells = [md_cell(f"## Part {i}\n\ntext") for i in range(count)]
    html = page_for(write_notebook, cells)
    assert ('class="ek-toc"' in html) is shown, "a contents list appears with three or more headings only"
    if shown:
        assert '<a href="#ek-h-part-0">Part 0</a>' in html


def test_spoiler_block_is_native_details_with_label(write_notebook):
    html = page_for(write_notebook, [
        md_cell("Before."),
        md_cell("The end.", tags=["spoiler"], essay={"spoiler_label": "The ending"}),
    ])
    block = re.search(r"<details[^>]*>.*?</details>", html, re.S).group(0)
    assert "data-ek-spoiler-block" in block and "<summary" in block
    assert "The ending" in block and "The end." in block
    assert "<details open" not in html, "spoiler blocks start closed"


@pytest.mark.parametrize("cells, has_button", [
    ([md_cell("One ||a|| only.")], False),
    ([md_cell("Two ||a|| and ||b||.")], True),
    ([md_cell("||a||"), md_cell("x", tags=["spoiler"])], True),
])
def test_reveal_all_only_with_more_than_one_spoiler(write_notebook, cells, has_button):
    html = page_for(write_notebook, cells)
    assert ('<button type="button" class="ek-reveal-all"' in html) is has_button, \
        "the reveal-all control appears when there is more than one spoiler"


def test_spoilers_in_widget_twins_count_towards_reveal_all(write_notebook):
    twin = ('<details class="ek-spoiler-block" data-ek-spoiler-block><summary>s</summary>'
            '<div class="ek-spoiler-block__body">x</div></details>')
    out = {"output_type": "display_data", "metadata": {}, "data": {"text/html": twin}}
    html = page_for(write_notebook, [md_cell("One ||a||."), code_cell("Spoiler('x')", outputs=[out])])
    assert 'class="ek-reveal-all"' in html, "a Spoiler widget's twin is a spoiler too"


def test_code_hidden_by_default_and_shown_on_request(write_notebook):
    cells = [md_cell("Text."), code_cell("secret_source = 42",
                                          outputs=[{"output_type": "stream", "name": "stdout", "text": "42\n"}])]
    hidden = page_for(write_notebook, cells)
    assert "secret_source" not in hidden, "code sources are hidden by default"
    assert "42\n</pre>" in hidden, "outputs are shown"
    shown = page_for(write_notebook, cells, show_code=True)
    assert re.search(r"secret_source</span>.*=</span>.*42</span>", shown), "the source is shown, coloured"


@pytest.mark.parametrize("tag, source_shown, output_shown", [
    ("remove-cell", False, False), ("remove-output", True, False), ("remove-input", False, True),
])
def test_removal_tags(write_notebook, tag, source_shown, output_shown):
    out = {"output_type": "stream", "name": "stdout", "text": "OUTPUT-TEXT"}
    html = page_for(write_notebook, [md_cell("x"), code_cell("SOURCE_TEXT", tags=[tag], outputs=[out])],
                    show_code=True)
    assert ("SOURCE_TEXT" in html) is source_shown
    assert ("OUTPUT-TEXT" in html) is output_shown


@pytest.mark.parametrize("field", ["title", "author", "summary"])
def test_metadata_cannot_break_out_of_the_head(write_notebook, field):
    evil = "</title><script>alert(1)</script><meta x=\"\">"
    html = page_for(write_notebook, [md_cell("x")], {field: evil})
    assert "<script>alert(1)" not in html, f"essay.{field} must be escaped wherever it appears"
    assert "&lt;/title&gt;&lt;script&gt;" in html
    assert html.count("<script>") == 2, "the only scripts are the page's own: the theme line in <head> and the enhancement"


@pytest.mark.parametrize("payload, forbidden", [
    ("<script>alert(1)</script>", "alert(1)"),
    ('<img src="x" onerror="alert(1)">', "onerror"),
    ("[click](javascript:alert(1))", 'href="javascript:'),
    ('<a href="JAVASCRIPT:alert(1)">x</a>', "alert"),
    ('<div onmouseover="alert(1)">x</div>', "onmouseover"),
])
def test_raw_html_in_markdown_is_sanitised(write_notebook, payload, forbidden):
    html = page_for(write_notebook, [md_cell(payload)])
    assert forbidden not in html.split("<body", 1)[1].split("<script>")[0], "author HTML is sanitised"


def test_markdown_images_never_fetch(write_notebook, tmp_path):
    (tmp_path / "still.png").write_bytes(b"\x89PNG\r\n\x1a\nfake")
    html = page_for(write_notebook, [md_cell(
        "![A still](still.png) ![Poster](https://example.org/poster.jpg) ![Gone](missing.png) ![Up](../x.png)")])
    body = html.split("<body", 1)[1]
    assert 'src="data:image/png;base64,' in body, "an image beside the notebook is embedded"
    assert 'src="https://' not in body and 'src="missing.png"' not in body, "nothing is fetched"
    assert '<a class="ek-offline-image" href="https://example.org/poster.jpg">[Poster]</a>' in body
    assert "[Gone]" in body and "[Up]" in body, "unusable images keep their alt text"


def test_page_is_self_contained(write_notebook):
    html = render_page(load_essay(EXAMPLE))
    assert not re.search(r"<script[^>]*\bsrc=", html), "no external scripts"
    assert not re.search(r"<link[^>]*stylesheet", html), "no external stylesheets"
    assert "@font-face" not in html and "@import" not in html, "no web fonts or imported CSS"
    assert not re.search(r'\ssrc="(?!data:)', html), "every src is embedded"
    # 40 KB before the page carried its JSON-LD (about 0.7 KB) and notebook.css (5.4 KB: formulas,
    # coloured code, video facades, which every page may hold); 46 KB before its share links (about
    # 5 KB: their markup, styles and script) and the demo's chart section (0.6 KB).
    assert len(html.encode()) < 51 * 1024, "the example page should weigh under 51 KB"


def test_spoiler_count_counts_the_spoiler_attributes_only():
    from essaykit.exports.page import spoiler_count

    assert spoiler_count('<p data-ek-spoiler>x</p><div\tdata-ek-spoiler-block="1">y</div>') == 2
    # At the very start (no space before it), a longer name, and a name inside another word are no spoiler.
    assert spoiler_count('data-ek-spoiler <i data-ek-spoiler-label=x> <i xdata-ek-spoiler>') == 0
