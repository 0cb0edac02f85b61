"""trafilatura raising on a page's markup loses its second opinion, never the import."""

from essaykit.importers.html_page import read_html_page
from essaykit.importers.model import ImportedPost

PARAGRAPH = ("The ferry left the harbour an hour late, and the gulls followed it past the breakwater "
             "while the passengers lined the rail to watch the town grow small behind them.")


def test_an_unknown_rend_on_a_hi_element_keeps_the_importers_own_reading(tmp_path):
    # <hi rend="uppercase"> (TEI markup pasted into a page) made trafilatura 2.3's HTML output raise KeyError.
    page = tmp_path / "ferry.html"
    page.write_text("<html><head><title>The Late Ferry</title></head><body><article><h1>The Late Ferry</h1>"
                    + f"<p>{PARAGRAPH}</p>" * 3 + f'<p><hi rend="uppercase">All aboard</hi>, {PARAGRAPH}</p>'
                    + "</article></body></html>", encoding="utf-8")
    [post] = read_html_page(page)
    assert isinstance(post, ImportedPost), post
    assert post.title == "The Late Ferry"
    assert sum(PARAGRAPH in block for block in post.blocks) == 4, post.blocks
    assert any("trafilatura could not read" in note and "KeyError" in note for note in post.notes), post.notes
