"""The one renderer: inline spoilers, sanitising, and the comment profile."""

import pytest

from essaykit.markdown import SPOILER_LABEL, headings, render_markdown, unclosed_spoiler

from helpers.hostile_urls import HTML_LINK, SPELLINGS, SVG_IMAGE, data_urls
from helpers.notebooks import PNG_1PX


def test_inline_spoiler_becomes_labelled_hidden_span():
    html = render_markdown("The killer is ||the *butler*||.")
    assert 'class="ek-spoiler"' in html, "|| pairs should become spoiler markup"
    assert f'<span class="ek-spoiler__label">{SPOILER_LABEL}</span>' in html, "its spoken name, for screen readers"
    assert '<span class="ek-spoiler__text" aria-hidden="true">' in html, "the hidden words are not read out early"
    assert 'tabindex="0"' in html, "the spoiler must be reachable by keyboard"
    assert "<em>butler</em>" in html, "Markdown inside the spoiler is still rendered"
    assert "||" not in html


@pytest.mark.parametrize("source", ["`a||b||c`", "```\n||x||\n```", "    ||indented code||"])
def test_code_leaves_double_bars_alone(source):
    html = render_markdown(source)
    assert "ek-spoiler" not in html, "code spans and blocks must not turn into spoilers"
    assert "||" in html


def test_code_span_inside_spoiler_is_kept_whole():
    html = render_markdown("||see `a||b` here||")
    assert html.count('class="ek-spoiler"') == 1
    assert "<code>a||b</code>" in html


@pytest.mark.parametrize("source, unclosed", [
    ("a || b", True), ("||a|| and || b", True), ("||a||", False), ("`||`", False), ("```\n||\n```", False),
    (r"two bars: \|\|", False), (r"a \|| b", False),
])
def test_unclosed_spoiler_detection(source, unclosed):
    assert unclosed_spoiler(source) is unclosed


@pytest.mark.parametrize("payload, forbidden", [
    ("<script>window.x=1</script>", "<script"),
    ('<img src=x onerror="window.x=1">', "onerror"),
    ("[link](javascript:alert(1))", 'href="javascript:'),
    ('<a href="javascript:alert(1)">a</a>', "javascript:"),
    ('<a href="JaVaScRiPt:alert(1)">a</a>', "alert"),
    ("[x](vbscript:msgbox(1))", 'href="vbscript'),
    ('<svg onload="alert(1)"><circle/></svg>', "onload"),
    ('<iframe src="https://example.org"></iframe>', "<iframe"),
    ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "data:text/html"),
    ('<img src="data:image/svg+xml;base64,PHN2Zz4=">', "data:image/svg"),
    ('<style>body{display:none}</style>', "<style"),
    ('<span class="ek-spoiler" data-ek-spoiler>fake</span>', "data-ek-spoiler"),
])
def test_essay_html_is_sanitised(payload, forbidden):
    assert forbidden not in render_markdown(payload)


def test_forged_spoiler_placeholder_is_inert():
    from essaykit import markdown

    forged = f"{markdown._OPEN}boo{markdown._CLOSE}"
    html = render_markdown(forged)
    assert "ek-spoiler" not in html, "an author must not be able to forge spoiler markup"


def test_comment_profile_has_no_raw_html_images_or_headings():
    html = render_markdown("# big\n\n<b>raw</b> ![img](http://x/y.png) **ok** [l](https://e.org)", profile="comment")
    assert "<h1" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;b&gt;" in html, "raw HTML in a comment is shown as text"
    assert "<strong>ok</strong>" in html
    assert 'rel="nofollow ugc noopener"' in html


def test_heading_ids_are_unique_and_stable():
    found = headings("## Act one\n\ntext\n\n## Act one\n\n### Coda")
    assert [h.id for h in found] == ["ek-h-act-one", "ek-h-act-one-2", "ek-h-coda"]
    html = render_markdown("## Act one\n\n## Act one")
    assert 'id="ek-h-act-one"' in html and 'id="ek-h-act-one-2"' in html


def test_unknown_profile_is_refused():
    with pytest.raises(ValueError, match="profile"):
        render_markdown("x", profile="bogus")


def test_emoji_and_rtl_survive():
    text = "שלום 🎬 مرحبا"
    assert text in render_markdown(text)


def test_heading_anchors_transliterate_other_scripts():
    html = render_markdown("## Солёная дорога\n\n## 🎬")
    assert 'id="ek-h-solenaia-doroga"' in html, "a Cyrillic heading gets a readable anchor, not 'section'"
    assert 'id="ek-h-section"' in html, "a heading with nothing to transliterate falls back to 'section'"


@pytest.mark.parametrize("spelling", SPELLINGS.values(), ids=SPELLINGS.keys())
@pytest.mark.parametrize("attribute, payload", [
    ('<a href="{}{}">x</a>', HTML_LINK), ('<img alt="x" src="{}{}">', SVG_IMAGE), ('<a href="{}{}">x</a>', SVG_IMAGE),
], ids=["html link", "svg image", "svg link"])
def test_no_data_url_but_raster_images_however_it_is_spelled(spelling, attribute, payload):
    html = render_markdown(attribute.format(spelling, payload))
    assert data_urls(html) == [], "only a raster image may be a data: URL in an author's Markdown"


@pytest.mark.parametrize("spelling", SPELLINGS.values(), ids=SPELLINGS.keys())
def test_raster_data_image_survives_in_any_spelling(spelling):
    html = render_markdown(f'<img alt="dot" src="{spelling}image/png;base64,{PNG_1PX}">')
    assert data_urls(html) == [("img", "src", f"data:image/png;base64,{PNG_1PX}")], \
        "an embedded PNG is what an author may use, and it is kept as the browser reads it"


def test_links_written_against_jupyterlab_reach_their_heading(tmp_path):
    from essaykit.essay import essay_from_dict
    from helpers.notebooks import md_cell, notebook
    from essaykit.html.blocks import render_blocks

    nb = notebook([md_cell("See [the method](#How-it-works) and [café](#Caf%C3%A9-notes)."),
                   md_cell("## How it works\n\nText."), md_cell("### Café notes")], essay={"title": "Links"})
    html = "\n".join(render_blocks(essay_from_dict(nb, tmp_path / "e.ipynb"), code=lambda b: ""))
    assert 'href="#ek-h-how-it-works"' in html and 'id="ek-h-how-it-works"' in html, \
        "JupyterLab's #Heading-Text links point at the heading"
    assert 'href="#ek-h-cafe-notes"' in html, "non-ASCII headings too (the link is percent-encoded)"
