"""essaykit.live.pages.page and essaykit.live.pages.site: what the live template writes, and which files may be sent."""

from __future__ import annotations

import json
import logging

import pytest

from essaykit.live.pages.page import LivePage
from essaykit.live.pages.site import _local_path
from helpers.notebooks import code_cell, md_cell, notebook

WIDGET = "application/vnd.jupyter.widget-view+json"


def page(cells, **essay) -> LivePage:
    return LivePage.from_notebook(notebook(cells, essay={"title": "T", "slug": "t", **essay}), "t")


def test_text_and_slots_in_notebook_order():
    live = page([md_cell("One."), code_cell("x = 1"), md_cell("Two.", tags=["spoiler"]), code_cell("")])
    body = str(live.body_html())
    assert body.index("One.") < body.index('id="ek-cell-1"') < body.index("Two."), "slots sit where their cells are"
    assert 'id="ek-cell-3"' not in body, "an empty code cell gets no slot"
    assert 'aria-busy="true"' in body and "ek-placeholder" in body, "a slot waits quietly"


def test_header_is_escaped_through_the_shared_macros():
    live = page([md_cell("x")], title="<script>alert(1)</script> & co")
    header = str(live.header_html())
    assert "&lt;script&gt;" in header and "<script>" not in header, "metadata is escaped"


def test_widget_view_goes_to_voila_and_wins_over_its_twin():
    output = {"output_type": "display_data", "metadata": {},
              "data": {WIDGET: {"model_id": "abc", "version_major": 2, "version_minor": 0},
                       "text/html": "<details>twin</details>", "text/plain": "</script><script>alert(1)</script>"}}
    html = page([md_cell("x"), code_cell("w")]).output_html(1, output)
    assert 'type="application/vnd.voila.cell-output+json"' in html, "Voilà's front end renders the widget"
    assert "twin" not in html, "the live page shows the widget, not its static twin"
    assert "</script><script>" not in html, "output JSON cannot close the script element"
    payload = html.split('+json">', 1)[1].rsplit("</script>", 1)[0]
    assert json.loads(payload)["data"][WIDGET]["model_id"] == "abc"


def test_error_output_is_a_note_and_the_details_go_to_the_log(caplog):
    output = {"output_type": "error", "ename": "KeyError", "evalue": "'secret'",
              "traceback": ["\x1b[31mTraceback (most recent call last)\x1b[0m", "KeyError: 'secret'"]}
    with caplog.at_level(logging.ERROR, logger="essaykit.live"):
        html = page([md_cell("x"), code_cell("d['secret']")]).output_html(1, output)
    assert "could not be shown" in html and "secret" not in html and "Traceback" not in html
    assert "KeyError" in caplog.text and "cell 2" in caplog.text and "\x1b[" not in caplog.text


def test_a_missing_file_is_named_in_the_log_with_where_it_was_looked_for(caplog):
    output = {"output_type": "error", "ename": "FileNotFoundError",
              "evalue": "No such file or directory: 'figures/chart.png'", "traceback": []}
    live = page([md_cell("x"), code_cell("Image('figures/chart.png')")])
    with caplog.at_level(logging.ERROR, logger="essaykit.live"):
        html = live.output_html(1, output)
    assert "chart.png" not in html, "the reader sees the short note only"
    assert "t: cell 2 raised FileNotFoundError: No such file or directory: 'figures/chart.png'" in caplog.text
    assert f"the notebook's folder, {live.essay.path.parent}: put the file there" in caplog.text, "and what to do"


def test_stderr_is_for_the_author_not_the_reader():
    output = {"output_type": "stream", "name": "stderr", "text": "DeprecationWarning: blah"}
    assert page([md_cell("x"), code_cell("w")]).output_html(1, output) == ""


def test_cell_html_moves_outputs_into_the_slot():
    cell = code_cell("print(1)", outputs=[{"output_type": "stream", "name": "stdout", "text": "1\n"}])
    html = str(page([md_cell("x"), cell]).cell_html(1, cell))
    assert 'id="ek-fill-1"' in html and "ekLive.fill(1)" in html and "<pre" in html


def test_local_images_point_at_the_asset_route():
    body = str(page([md_cell("![p](img/poster.png) ![r](https://example.org/x.png)")]).body_html())
    assert 'src="/voila/files/img/poster.png"' in body
    assert 'src="https://example.org/x.png"' in body


def test_a_notebook_with_problems_has_no_essay():
    live = LivePage.from_notebook(notebook([md_cell("x")]), "untitled")
    assert live.essay is None and live.problems, "no essay metadata is a problem the log reports"


@pytest.mark.parametrize("src, expected", [
    ("poster.png", "poster.png"),
    ("./img/poster.png", "img/poster.png"),
    ("img//poster.png", "img/poster.png"),
    ("img/a%20b.png", "img/a b.png"),
    ("../poster.png", None),
    ("img/../../poster.png", None),
    ("%2e%2e/poster.png", None),
    ("/etc/passwd", "etc/passwd"),
    ("http://example.org/a.png", None),
    ("//example.org/a.png", None),
    ("data:image/png;base64,AAAA", None),
    (".essaykit/comments.sqlite", None),
    ("img/.hidden.png", None),
    ("\x00poster.png", None),
    ("poster.png\n", None),
    ("", None),
])
def test_local_path_table(src, expected):
    assert _local_path(src) == expected


def test_the_live_page_carries_the_static_pages_json_ld(tmp_path):
    """One structured description of an essay, whichever page a crawler reads (a spoiler-free Review here)."""
    import re

    from essaykit.essay import load_essay
    from essaykit.exports.page import render_page

    nb = notebook([md_cell("Text.")], essay={
        "title": "Ending: ||Anselm burns the maps||", "slug": "t", "url": "https://example.org/t", "rating": 4,
        "image": "https://example.org/t.jpg", "reviewed": {"type": "Movie", "name": "Salt"}})
    (tmp_path / "t.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    static = re.search(r'<script type="application/ld\+json">(.*?)</script>', render_page(load_essay(tmp_path / "t.ipynb")))
    live = str(LivePage.from_notebook(nb, "t").template_values()["structured"])
    assert json.loads(live) == json.loads(static.group(1))
    data = json.loads(live)
    assert data["@type"] == "Review" and data["image"] == "https://example.org/t.jpg"
    assert "Anselm" not in live, "no spoiler in structured data"
