"""Imported HTML → Markdown cells and comment Markdown (essaykit.importers.htmlmd)."""

from __future__ import annotations

import re

import pytest
from .builders import HOSTILE, dangerous

from essaykit.importers.htmlmd import comment_markdown, post_blocks
from essaykit.markdown import render_markdown


def test_each_paragraph_and_block_is_its_own_cell():
    blocks = post_blocks("<p>One.</p><h2>Two</h2><ul><li>a</li><li>b</li></ul><blockquote><p>q</p></blockquote>"
                         "<pre><code>x = 1</code></pre>")
    assert blocks == ["One.", "## Two", "- a\n- b", "> q", "```\nx = 1\n```"]


def test_nested_lists_keep_their_nesting():
    [block] = post_blocks("<ul><li>one<ul><li>inner</li></ul></li><li>two</li></ul>")
    html = render_markdown(block)
    assert html.count("<ul>") == 2, f"the inner list should stay nested: {html}"


def test_more_tag_and_block_editor_comments_are_dropped():
    blocks = post_blocks("<!-- wp:paragraph -->\n<p>Before.</p>\n<!-- /wp:paragraph -->\n<!--more-->\n<p>After.</p>")
    assert blocks == ["Before.", "After."]
    assert not any("wp:" in b or "more" in b for b in blocks)


def test_classic_editor_text_splits_at_blank_lines_and_keeps_line_breaks():
    blocks = post_blocks("First line\nsecond line\n\nNext paragraph with <em>emphasis</em>.")
    assert len(blocks) == 2
    assert "<br" in render_markdown(blocks[0]), "a single newline in classic content is a line break in WordPress"
    assert "<em>emphasis</em>" in render_markdown(blocks[1])


def test_relative_links_become_absolute_and_images_become_links():
    [link, image] = post_blocks('<p><a href="/about/">about</a></p><p><img src="pics/a.jpg" alt="A dog"></p>',
                                base_url="https://blog.example.org/2026/post/")
    assert "https://blog.example.org/about/" in link
    html = render_markdown(image)
    assert "<img" not in html, "images are imported as links, so the page loads nothing from the old blog"
    assert 'href="https://blog.example.org/2026/post/pics/a.jpg"' in html and "Image: A dog" in html


def test_embedded_players_and_shortcodes_become_links():
    blocks = post_blocks('<iframe src="https://video.example.com/embed/1"></iframe>\n'
                         '[caption id="x"]<img src="https://blog.example.org/c.jpg" alt="cap"> Caption text[/caption]\n'
                         '[embed]https://video.example.com/v/2[/embed]')
    joined = "\n".join(blocks)
    assert "https://video.example.com/embed/1" in joined
    assert "[caption" not in joined and "Caption text" in joined
    assert "https://video.example.com/v/2" in joined and "[embed]" not in joined


@pytest.mark.parametrize("text", ["a || b || c", "1 < 2 and 3 > 2", "*not emphasis*", "# not a heading", "[not](a link)"])
def test_literal_text_stays_literal(text):
    [block] = post_blocks(f"<p>{text.replace('<', '&lt;').replace('>', '&gt;')}</p>")
    html = render_markdown(block)
    assert "ek-spoiler" not in html, "a literal || in an old post must not become an inline spoiler"
    assert "<h1" not in html and "<em>" not in html and "<a " not in html, html
    assert html.startswith("<p>") and text.replace("<", "&lt;").replace(">", "&gt;") in html


def test_plain_comment_keeps_paragraphs_and_line_breaks():
    body = comment_markdown("First line\nsecond line\n\nSecond paragraph *with stars*")
    html = render_markdown(body, profile="comment")
    assert html.count("<p>") == 2 and "<br" in html
    assert "*with stars*" in html, "plain comment text is shown as typed, not as Markdown"


def test_comment_html_keeps_its_meaning_in_the_comment_profile():
    body = comment_markdown('<p>I <b>agree</b>, <i>mostly</i>: <a href="https://example.org/x">this</a></p>'
                            "<blockquote>quoted</blockquote><ul><li>point</li></ul><code>x()</code>")
    html = render_markdown(body, profile="comment")
    assert "<strong>agree</strong>" in html and "<em>mostly</em>" in html
    assert 'href="https://example.org/x"' in html and "<blockquote>" in html and "<li>point</li>" in html
    assert "<code>x()</code>" in html


def test_comment_html_is_never_stored_as_raw_html():
    body = comment_markdown("<p>Hello <span>there</span> <u>you</u></p>")
    assert "<" not in body.replace("\\<", ""), f"comment Markdown must not carry HTML tags: {body!r}"


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_post_html_never_renders(payload):
    blocks = post_blocks(f"<p>Before.</p>{payload}<p>After.</p>")
    html = "\n".join(render_markdown(b) for b in blocks)
    assert not dangerous(html), f"active content survived the import: {dangerous(html)} in {html!r}"
    assert "After." in html, "the text after hostile markup must survive"


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_comment_html_never_renders(payload):
    body = comment_markdown(f"Before. {payload} After.")
    html = render_markdown(body, profile="comment")
    assert not dangerous(html), f"active content survived the import: {dangerous(html)} in {html!r}"
    assert not re.search(r"(?<!\\)<script", body, re.I), f"the stored comment keeps unescaped script markup: {body!r}"


def test_a_player_inside_a_dropped_player_is_dropped_with_it():
    """An old Flash ``<object>`` with no address of its own, an ``<embed>`` inside: both go, the text stays."""
    blocks = post_blocks("<p>Before.</p><object width='400'><param name='movie'><embed type='x'></embed></object>"
                         "<p>After.</p>")
    assert blocks == ["Before.", "After."]


def test_layout_wrappers_go_but_their_text_keeps_its_paragraphs():
    # A wrapper's text is a paragraph of its own; a span's text runs on inside its sentence.
    blocks = post_blocks('<section class="x"><div id="a">First <span class="y">part</span> of it.</div>'
                         "<div>Second.</div></section><iframe></iframe>")
    assert blocks == ["First part of it.", "Second."]


def test_text_that_reads_like_the_wrapper_marks_stays_text():
    # The unwrapping marks tags in the written markup; a page's own text that looks like one is escaped, not a mark.
    [block] = post_blocks("<div><p>&lt;essaykit-unwrapped-block&gt; and &lt;/essaykit-unwrapped-span&gt;</p></div>")
    assert "essaykit-unwrapped-block" in block and "essaykit-unwrapped-span" in block


def test_thousands_of_wrappers_keep_every_paragraph():
    # Thousands of sibling wrappers (a long Reddit thread's saved page) are unwrapped in one pass, in order.
    blocks = post_blocks("<div>" + "".join(f"<div><span>line {n}</span></div>" for n in range(3000)) + "</div>")
    assert blocks == [f"line {n}" for n in range(3000)]
