"""The example essay rendered as a static page, opened in a real Chromium."""

import pytest

from conftest import EXAMPLE
from essaykit.essay import load_essay
from essaykit.exports.page import render_page

pytestmark = pytest.mark.browser


def test_title_and_first_paragraph_are_visible(page, tmp_path, static_server):
    essay = load_essay(EXAMPLE)
    (tmp_path / "index.html").write_text(render_page(essay), encoding="utf-8")
    base = static_server(tmp_path)
    page.goto(base + "index.html")
    title = page.locator("h1.ek-title")
    assert title.is_visible()
    assert title.inner_text() == essay.meta.title
    first = page.locator(".ek-body > p").first
    assert first.is_visible(), "the opening paragraph should be on screen"
    opening = essay.blocks[0].source.split("\n\n")[0][:40]
    assert opening.split()[0] in first.inner_text()
    page.screenshot(path=str(tmp_path / "static.png"), full_page=False)
