"""Attack: an import file that costs the importer minutes (or its stack) to read.

16,000 nested ``<div>`` in a 180 KB saved page once took 95 s, and 100,000
never finished. Every path that parses HTML (a saved page, a WordPress post
or comment, a Disqus message) now measures the markup first: more than 256
levels of nesting or 200,000 elements is refused with a message naming the
file and the limit, before a tree is built. A real page with thousands of
comments is far below both limits and still imports. (How fast the refusal
is: bench/import_bombs.py.)
"""

from __future__ import annotations

import pytest
from helpers.hardening import nested_page, wordpress_page
from importers.builders import wxr_comment, wxr_item, write_wxr

from essaykit._html_bounds import MAX_DEPTH, MAX_ELEMENTS
from essaykit.importers.html_page import read_html_page
from essaykit.importers.model import Failed, ImportedPost
from essaykit.importers.wxr import read_wxr

pytestmark = pytest.mark.timeout(120)  # a regression hangs; it must not stall the suite


@pytest.mark.parametrize("levels", [16_000, 100_000])
def test_saved_page_of_nested_divs_is_refused_naming_file_and_limit(cli, tmp_path, levels):
    page = tmp_path / f"nested-{levels}.html"
    page.write_text(nested_page(levels, closed=levels < 50_000))
    result = cli("import", str(page), "--dry-run", "-o", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert f"nested-{levels}.html" in result.output, "the message names the file"
    assert f"more than {MAX_DEPTH} levels" in result.output, "and the limit"
    assert "save the post's page again" in result.output, "and what to do"


def test_saved_page_with_too_many_elements_is_refused(cli, tmp_path):
    page = tmp_path / "flat.html"
    page.write_text("<html><body><article><h1>Flat</h1><p>Words.</p>" + "<b></b>" * (MAX_ELEMENTS + 10)
                    + "</article></body></html>")
    result = cli("import", str(page), "--dry-run", "-o", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert "flat.html" in result.output and f"more than {MAX_ELEMENTS:,} HTML elements" in result.output, result.output


def test_nesting_just_under_the_limit_still_imports(tmp_path):
    page = tmp_path / "deep-but-fine.html"
    page.write_text(nested_page(MAX_DEPTH - 10))
    [post] = read_html_page(page)
    assert isinstance(post, ImportedPost), getattr(post, "message", post)
    assert "deep" in "\n".join(post.blocks)


def test_void_elements_and_stray_end_tags_do_not_count_as_nesting(tmp_path):
    page = tmp_path / "voids.html"
    page.write_text("<html><body><article><h1>Voids</h1>" + "<p>line<br><img src=x.png>" + "</p>" * 1
                    + "<br>" * 5000 + "</span>" * 5000 + "<p>End of the post.</p></article></body></html>")
    [post] = read_html_page(page)
    assert isinstance(post, ImportedPost), getattr(post, "message", post)


def test_a_real_page_with_two_thousand_comments_imports(tmp_path):
    page = tmp_path / "much-discussed.html"
    page.write_text(wordpress_page(2000))
    [post] = read_html_page(page)
    assert isinstance(post, ImportedPost), getattr(post, "message", post)
    assert post.slug == "much-discussed" and len(post.comments) == 2000
    replies = [c for c in post.comments if c.parent is not None]
    assert len(replies) == 2000 // 3, "every third comment is a reply"


def test_wordpress_post_bomb_fails_alone_and_comment_bomb_keeps_its_words(tmp_path):
    export = write_wxr(tmp_path / "blog.xml",
                       wxr_item(1, title="Bomb", content="<div>" * 20_000 + "boom"),
                       wxr_item(2, title="Wide", content="<i></i>" * (MAX_ELEMENTS + 1)),
                       wxr_item(3, title="Fine", comments=(wxr_comment(7, content="<span>" * 20_000 + "kept words"),)))
    bomb, wide, fine = read_wxr(export)
    assert isinstance(bomb, Failed) and "'Bomb'" in bomb.where and f"more than {MAX_DEPTH} levels" in bomb.message
    assert isinstance(wide, Failed) and "'Wide'" in wide.where and "HTML elements" in wide.message
    assert isinstance(fine, ImportedPost) and fine.comments[0].body == "kept words"


def test_disqus_message_bomb_keeps_its_words(tmp_path):
    from essaykit.importers.disqus import read_disqus

    ns = 'xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals"'
    message = "&lt;div&gt;" * 20_000 + "still readable"
    export = tmp_path / "disqus.xml"
    export.write_text(
        f'<?xml version="1.0" encoding="utf-8"?><disqus {ns}>'
        '<thread dsq:id="1"><link>https://blog.example.org/a-post/</link><title>A post</title>'
        "<createdAt>2025-01-01T10:00:00Z</createdAt></thread>"
        '<post dsq:id="9"><message>' + message + "</message><createdAt>2025-01-02T10:00:00Z</createdAt>"
        "<author><name>Reader</name><email>r@example.org</email></author>"
        '<thread dsq:id="1"/></post></disqus>')
    [thread] = read_disqus(export)
    assert [c.body for c in thread.comments] == ["still readable"]
