"""Footnotes (sidenotes and end notes), figures and image sizes in the one Markdown renderer."""

import base64
import re
import struct

import pytest

from essaykit._imagesize import image_size
from essaykit.essay import essay_from_dict
from essaykit.markdown import Footnotes, render_markdown


def md(source):
    return {"cell_type": "markdown", "metadata": {}, "source": source}


def essay(*sources):
    return essay_from_dict({"nbformat": 4, "cells": [md(s) for s in sources], "metadata": {"essay": {"title": "T"}}},
                           "t.ipynb")


def test_a_footnote_becomes_a_reference_a_sidenote_and_an_end_note():
    html = render_markdown("A platform.[^p]\n\n[^p]: Shot at a *real* station.")
    ref = re.search(r'<sup class="ek-fnref"><a href="#(ek-fn-[0-9a-f]+-1)" id="(ek-fn-[0-9a-f]+-ref-1)" '
                    r'role="doc-noteref" aria-label="Note 1">1</a></sup>', html)
    assert ref, html
    note_id, ref_id = ref.groups()
    assert '<span class="ek-sidenote" role="note">' in html and "Shot at a <em>real</em> station." in html
    assert f'<li id="{note_id}" value="1"><p>Shot at a <em>real</em> station. <a class="ek-fn-back" href="#{ref_id}" ' \
           'role="doc-backlink" aria-label="Back to reference 1">↩</a></p></li>' in html, "end note with a back link"
    assert 'role="doc-endnotes" aria-labelledby=' in html and ">Notes</h2>" in html


def test_notes_are_numbered_across_cells_and_may_be_defined_in_any_cell():
    e = essay("One[^a] two[^b].", "Three[^c] and one again[^a].\n\n[^c]: Sea.", "[^a]: Aye.\n\n[^b]: Bee.")
    html = "".join(b.html for b in e.blocks)
    assert [m for m in re.findall(r'aria-label="Note (\d+)"', html)] == ["1", "2", "3", "4"]
    assert [(n.number, n.html) for n in e.footnotes] == [(1, "<p>Aye.</p>"), (2, "<p>Bee.</p>"), (3, "<p>Sea.</p>"),
                                                          (4, "<p>Aye.</p>")]
    assert len(set(n.id for n in e.footnotes)) == 4, "every end note has its own id on the page"
    assert "[^a]:" not in html and "Aye." in e.blocks[0].html, "the definition cell shows nothing itself"


def test_a_reference_to_a_note_never_defined_stays_text():
    assert render_markdown("See[^nowhere].") == "<p>See[^nowhere].</p>\n"


def test_footnote_markup_cannot_be_forged_or_used_to_inject():
    fn = Footnotes()
    html = render_markdown(
        '<sup class="ek-fnref" id="ek-fn-ref-1"><a id="ek-fn-1" href="javascript:alert(1)" onclick="x()">1</a></sup>'
        "ekfnref0x ekfnopen0x ekfnblockx\n\nText[^x]\n\n"
        '[^x]: <img src=x onerror=alert(1)><script>alert(2)</script>[bad](javascript:alert(3)) fine',
        footnotes=fn)
    assert "javascript:" not in html.replace("[bad](javascript:alert(3))", "")
    assert "onerror" not in html and "<script" not in html and "onclick" not in html
    assert html.count('id="ek-fn-ref-1"') == 1 and html.count("ek-fnref") == 1, "only the real reference has ids"
    assert "ekfnref0x" in html, "text that looks like a placeholder (without the secret nonce) stays text"
    assert len(fn.items) == 1 and "fine" in fn.items[0].html


def test_readers_comments_have_no_footnotes():
    html = render_markdown("Nice[^1]\n\n[^1]: mine", profile="comment")
    assert "ek-fnref" not in html and "[^1]" in html


def test_titled_image_alone_in_a_paragraph_becomes_a_figure():
    html = render_markdown('![Rain on a platform](still.png "The <first> reel & more")')
    assert html.strip() == ('<figure><img src="still.png" alt="Rain on a platform">'
                            "<figcaption>The &lt;first&gt; reel &amp; more</figcaption></figure>")
    inline = render_markdown('Text ![a](b.png "tip") text')
    assert "<figure" not in inline and 'title="tip"' in inline, "an image inside text stays an image"
    assert "<figure" not in render_markdown("![no title](b.png)")


def _jpeg(width, height):
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00" + b"\x00" * 9
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


@pytest.mark.parametrize("data, size", [
    (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", 640, 360) + b"\x08\x02\x00\x00\x00", (640, 360)),
    (b"GIF89a" + struct.pack("<HH", 31, 17) + b"\x00" * 8, (31, 17)),
    (_jpeg(1024, 683), (1024, 683)),
    (b"RIFF\x00\x00\x00\x00WEBPVP8X" + b"\x0a\x00\x00\x00" + b"\x00" * 4 + (799).to_bytes(3, "little")
     + (599).to_bytes(3, "little"), (800, 600)),
    (b"RIFF\x00\x00\x00\x00WEBPVP8L" + b"\x00" * 4 + b"\x2f" + (((100 - 1) | ((50 - 1) << 14))).to_bytes(4, "little"),
     (100, 50)),
    (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="120" height="80px">', (120, 80)),
    (b'<svg viewBox="0 0 300 150" xmlns="http://www.w3.org/2000/svg">', (300, 150)),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 4, None),
    (b"\xff\xd8\xff", None),
    (b"not an image", None),
    (b"<svg width='100%'>", None),
    (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", 0, 10), None),
])
def test_image_size_from_headers(data, size):
    assert image_size(data) == size


def test_attached_image_gets_its_width_and_height(tmp_path):
    from essaykit.exports.offline import offline_images

    png = (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", 64, 48)
           + b"\x08\x02\x00\x00\x00")
    (tmp_path / "still.png").write_bytes(png)
    url = "data:image/png;base64," + base64.b64encode(png).decode()
    out = offline_images(f'<p><img src="still.png" alt="a"><img src="{url}" alt="b"></p>', tmp_path)
    assert out.count('width="64" height="48"') == 2, out
