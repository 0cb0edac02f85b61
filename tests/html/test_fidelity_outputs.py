"""Every output type a notebook holds: display priority, fallbacks, formulas, colours, video facades."""

import base64

import pytest

from essaykit.html.outputs import render_output
from essaykit.html.video import allow_players, find_video, video_paragraphs
from essaykit._highlight import highlight_html
from essaykit.markdown import render_markdown

JPEG = base64.b64encode(b"\xff\xd8\xff\xe0fakejpeg").decode()
YOUTUBE_HTML = ('\n        <iframe\n            width="400"\n            height="300"\n'
                '            src="https://www.youtube.com/embed/dQw4w9WgXcQ"\n            frameborder="0"\n'
                '            allowfullscreen\n            \n        ></iframe>\n        ')


def display(data, **meta):
    return {"output_type": "display_data", "data": data, "metadata": meta}


def test_math_output_becomes_mathml():
    html = render_output(display({"text/latex": "$\\displaystyle \\frac{a}{b}$",
                                  "text/plain": "<IPython.core.display.Math object>"}))
    assert "<mfrac>" in html, "Math(...) is shown as a formula"
    assert "IPython.core.display" not in html, "never the object's repr"


def test_latex_output_keeps_text_around_formulas():
    html = render_output(display({"text/latex": "Area: $\\pi r^2$ m", "text/plain": "L"}))
    assert "Area:" in html and "<msup>" in html and " m" in html


def test_youtube_output_becomes_a_facade_with_its_stored_thumbnail():
    html = render_output(display({"text/html": YOUTUBE_HTML, "image/jpeg": JPEG,
                                  "text/plain": "<IPython.lib.display.YouTubeVideo at 0x7f>"}))
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html, "offline it is a link to the video"
    assert f'src="data:image/jpeg;base64,{JPEG}"' in html, "with the thumbnail the notebook stored"
    assert 'data-ek-video="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in html, \
        "the player it swaps in is the no-cookie one"
    assert "<iframe" not in html and "YouTubeVideo at" not in html


def test_youtube_output_without_thumbnail_is_still_a_link():
    html = render_output(display({"text/html": YOUTUBE_HTML, "text/plain": "<YouTubeVideo>"}))
    assert "ek-video__link" in html and "<img" not in html, "nothing is fetched at build time"


def test_iframe_of_another_page_becomes_a_link():
    html = render_output(display({"text/html": '<iframe src="https://example.org/map" width=300></iframe>',
                                  "text/plain": "<IPython.lib.display.IFrame at 0x1>"}))
    assert '<a href="https://example.org/map">' in html


def test_html_that_sanitises_to_nothing_falls_back():
    html = render_output(display({"text/html": "<script>draw()</script>", "image/png": JPEG, "text/plain": "Fig"}))
    assert "data:image/png" in html, "an empty HTML part gives way to the next type"


@pytest.mark.parametrize("data, expected", [
    ({"text/markdown": "**b**", "text/plain": "b"}, "<strong>b</strong>"),
    ({"application/json": {"a": [1, 2]}, "text/plain": "{}"}, "&quot;a&quot;: ["),
    ({"image/gif": JPEG}, "data:image/gif;base64,"),
    ({"image/webp": JPEG}, "data:image/webp;base64,"),
    ({"image/svg+xml": "<svg xmlns='http://www.w3.org/2000/svg'/>", "image/png": JPEG}, "data:image/svg+xml"),
])
def test_each_type_is_shown(data, expected):
    assert expected in render_output(display(data))


def test_error_shown_in_place_when_asked():
    error = {"output_type": "error", "ename": "ZeroDivisionError", "evalue": "division by zero",
             "traceback": ["\x1b[0;31mZeroDivisionError\x1b[0m: division by zero"]}
    shown = render_output(error, show_errors=True)
    assert '<span class="ansi-red-fg">ZeroDivisionError</span>: division by zero' in shown, "as a notebook shows it"
    assert "ZeroDivisionError" not in render_output(error), "the live page keeps its short note"


def test_code_is_coloured_on_the_server():
    html = highlight_html("def f():\n    return 'x'  # c\n", "python")
    assert '<span class="ek-hl-k">def</span>' in html and '<span class="ek-hl-c1"># c</span>' in html
    assert html.startswith('<pre class="ek-code"><code>')
    assert highlight_html("<b>", "no-such-language") == '<pre class="ek-code"><code>&lt;b&gt;</code></pre>'


def test_fenced_code_in_markdown_is_coloured():
    html = render_markdown("```python\nimport os\n```")
    assert '<span class="ek-hl-kn">import</span>' in html, "fences are coloured by their language"


@pytest.mark.parametrize("url, player", [
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"),
    ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"),
    ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1"),
])
def test_video_addresses(url, player):
    assert find_video(url).player == player
    html = video_paragraphs(render_markdown(url))
    assert "ek-video" in html, "a video address alone on a line becomes a facade"


def test_video_address_inside_a_sentence_stays_a_link():
    html = video_paragraphs(render_markdown("Watch <https://youtu.be/dQw4w9WgXcQ> now."))
    assert "ek-video" not in html


def test_players_added_to_frame_src_only():
    policy = allow_players("default-src 'self'; frame-src 'self' blob:; img-src 'self'")
    assert "frame-src 'self' blob: https://www.youtube-nocookie.com https://player.vimeo.com" in policy
    assert "img-src 'self'" in policy
