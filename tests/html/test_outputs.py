"""Code-cell outputs on the static page: twins, notes, images and the HTML policy."""

import base64

import pytest

from essaykit.html import spoiler_block, stars
from essaykit.html.outputs import WIDGET_VIEW, clean_output_html, merge_streams, render_output

from helpers.hostile_urls import HTML_LINK, SPELLINGS, SVG_IMAGE, data_urls
from helpers.notebooks import PNG_1PX


def display(data, **meta):
    return {"output_type": "display_data", "data": data, "metadata": meta}


def test_widget_twin_wins_over_widget_view():
    out = display({WIDGET_VIEW: {"model_id": "abc"}, "text/html": '<p class="ek-twin">4 comments</p>',
                   "text/plain": "CommentSection()"})
    html = render_output(out)
    assert '<p class="ek-twin">4 comments</p>' in html, "the static twin (text/html) must be used"
    assert "Interactive element" not in html


def test_widget_without_twin_becomes_a_note_with_live_link():
    out = display({WIDGET_VIEW: {"model_id": "abc"}, "text/plain": "IntSlider(value=0)"})
    html = render_output(out, live_url="https://live.example.org/x")
    assert "Interactive element" in html and "open the live version" in html
    assert 'href="https://live.example.org/x"' in html, "the note should link to the live page when there is one"
    assert "IntSlider" not in html, "the widget's repr is not for readers"


def test_png_is_embedded_with_its_size():
    html = render_output(display({"image/png": PNG_1PX + "\n", "text/plain": "<Figure>"}, **{"image/png": {"width": 40}}))
    assert f'src="data:image/png;base64,{PNG_1PX}"' in html, "images must be embedded as data URLs"
    assert 'width="40"' in html


def test_svg_is_shown_as_an_image_not_inlined():
    svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>'
    html = render_output(display({"image/svg+xml": svg}))
    assert html.startswith('<img class="ek-output-image"'), "SVG goes through <img>, where it cannot run script"
    assert "onload" not in html and "<svg" not in html
    assert base64.b64encode(svg.encode()).decode() in html


def test_stdout_shown_stderr_hidden_and_ansi_colours_kept():
    outs = merge_streams([
        {"output_type": "stream", "name": "stdout", "text": "a\n"},
        {"output_type": "stream", "name": "stdout", "text": "\x1b[31mb<c>\x1b[0m\n"},
        {"output_type": "stream", "name": "stderr", "text": "DeprecationWarning: x"},
    ])
    assert len(outs) == 2, "consecutive stdout chunks merge into one block"
    assert render_output(outs[0]) == '<pre class="ek-output-stream">a\n<span class="ansi-red-fg">b&lt;c&gt;</span>\n</pre>', \
        "ANSI colours become classes, as nbconvert shows them"
    assert render_output(outs[1]) == "", "warnings on stderr are for the author, not the reader"


def test_error_output_is_a_quiet_note():
    html = render_output({"output_type": "error", "ename": "ValueError", "evalue": "secret path /home/me",
                          "traceback": ["..."]})
    assert "could not be shown" in html and "secret" not in html


def test_plain_text_and_markdown():
    assert render_output(display({"text/plain": "<b>1</b>"})) == '<pre class="ek-output-text">&lt;b&gt;1&lt;/b&gt;</pre>'
    assert "<em>hi</em>" in render_output(display({"text/markdown": "*hi*", "text/plain": "x"}))


def test_execute_result_with_list_valued_html():
    out = {"output_type": "execute_result", "execution_count": 1, "metadata": {},
           "data": {"text/html": ["<table>", "<tr><td>1</td></tr>", "</table>"]}}
    assert "<td>1</td>" in render_output(out)


@pytest.mark.parametrize("payload, forbidden, reason", [
    ('<script src="https://cdn.example.org/require.js"></script>', "<script", "no scripts from outputs"),
    ("<script>document.title='x'</script>", "document.title", "inline script content is removed too"),
    ('<link rel="stylesheet" href="https://cdn.example.org/a.css">', "<link", "no external stylesheets"),
    ("<style>@import url(https://x.example/a.css)</style>", "@import", "no style elements"),
    ('<img src="https://example.org/pixel.png">', "example.org", "no remote images"),
    ('<img src="//example.org/pixel.png">', "example.org", "no protocol-relative images"),
    ('<img src="local.png">', "local.png", "no relative images: the page travels alone"),
    ('<div style="background: url(https://example.org/bg.png)">x</div>', "url(", "no fetches via inline CSS"),
    ('<div style="background: u\\72l(https://example.org/bg.png)">x</div>', "example.org", "no CSS escapes"),
    ('<p onclick="alert(1)">x</p>', "onclick", "no event handlers"),
    ('<a href="javascript:alert(1)">x</a>', "javascript:", "no javascript: links"),
    ('<a href="data:text/html,hi">x</a>', "data:text/html", "no data: links"),
    ('<iframe src="https://example.org"></iframe>', "<iframe", "no frames"),
    ('<object data="https://example.org/a.swf"></object>', "<object", "no plugins"),
    ('<video poster="https://example.org/p.png"></video>', "example.org", "no media posters"),
    ('<img srcset="https://example.org/a.png 2x" src="data:image/png;base64,AAAA">', "srcset", "no srcset"),
    ('<form action="https://example.org"><input name=q></form>', "<form", "no forms in a static page"),
    ('<svg><image href="https://example.org/a.png"/></svg>', "example.org", "no inline SVG fetching images"),
    ('<img src="data:image/svg+xml;base64,PHN2Zz4=" onerror="alert(1)">', "onerror", "no handlers on images"),
])
def test_output_html_cannot_fetch_or_run_anything(payload, forbidden, reason):
    assert forbidden not in clean_output_html(payload), reason


def test_output_policy_keeps_the_essaykit_vocabulary():
    twin = spoiler_block("The ending", '<p>It was <span class="ek-spoiler" data-ek-spoiler tabindex="0" '
                               'role="button" aria-expanded="false"><span class="ek-spoiler__label">spoiler, activate '
                               'to reveal</span><span class="ek-spoiler__text" aria-hidden="true">the sea</span></span>.</p>',
                               block_id="ek-s-1")
    twin += stars(3.5)
    cleaned = clean_output_html(twin)
    for needed in ("<details", "data-ek-spoiler-block", 'id="ek-s-1"', "<summary", 'class="ek-spoiler"',
                   "data-ek-spoiler", 'tabindex="0"', 'role="button"', '<span class="ek-spoiler__label">', 'aria-hidden="true"',
                   'class="ek-stars"', "--ek-stars-fill: 70.0%", 'aria-label="Rated 3.5 out of 5"'):
        assert needed in cleaned, f"widget twins rely on {needed!r}; the output policy must keep it"


def test_output_policy_keeps_tables_links_and_data_images():
    html = clean_output_html(
        '<table class="dataframe" border="1"><thead><tr><th scope="col">a</th></tr></thead>'
        '<tbody><tr><td colspan="2">1</td></tr></tbody></table>'
        f'<a href="https://example.org/x">x</a><img alt="dot" src="data:image/png;base64,{PNG_1PX}">'
    )
    assert 'class="dataframe"' in html and 'colspan="2"' in html
    assert 'href="https://example.org/x"' in html, "links do not fetch anything and are kept"
    assert f"data:image/png;base64,{PNG_1PX}" in html, "embedded images are kept"


def test_output_links_keep_known_rel_tokens_and_gain_noopener():
    from essaykit.html.outputs import clean_output_html

    cleaned = clean_output_html('<a href="https://e.org/" rel="nofollow ugc opener bogus">x</a>')
    assert 'rel="nofollow ugc noopener"' in cleaned, "unknown rel tokens are dropped and noopener is always there"
    assert "opener bogus" not in cleaned


@pytest.mark.parametrize("spelling", SPELLINGS.values(), ids=SPELLINGS.keys())
@pytest.mark.parametrize("markup", ['<a href="{}{}">x</a>', '<img alt="x" src="{}{}">'], ids=["link", "image"])
def test_output_html_allows_no_data_url_but_images_however_it_is_spelled(spelling, markup):
    html = clean_output_html(markup.format(spelling, HTML_LINK) + markup.format(spelling, SVG_IMAGE))
    allowed = [("img", "src", f"data:{SVG_IMAGE}")] if markup.startswith("<img") else []
    assert data_urls(html) == allowed, "an output may embed an image through <img>, never HTML and never as a link"
