"""Every export goes through the same steps as WordPress's for pingbacks and ratings.

A pingback with no address is kept as an unlinked mention whose title and site are read from its
name (WordPress's "TITLE – SITE") the way a text copy's are; an explicit rating inside a longer line
("First of all, five stars, thumbs way up") is read from a Blogger, Ghost, Medium or Substack post too.
"""

from __future__ import annotations

import json

import pytest

from essaykit.importers.records import comment_records
from essaykit.importers.run import ImportRun
from essaykit.importers.wxr import read_wxr

from .builders import write_wxr, wxr_comment, wxr_item
from .test_exports import SUBSTACK_CSV, make_folder, make_zip, medium_post

VERDICT = "First of all, five stars, thumbs way up: the best thing I saw on a screen this whole grey winter."


def test_a_wordpress_pingback_without_an_address_keeps_its_title_and_site(tmp_path):
    pings = (wxr_comment(7, author="Nine Slow Films &#8211; The Quiet Reel", kind="pingback", content=""),
             wxr_comment(8, author="Still Frames » Ten quiet films", kind="trackback", content="[…] a fine list […]"),
             wxr_comment(9, author="Linked | Elsewhere", kind="pingback", url="https://elsewhere.example.net/p/1"))
    [post] = read_wxr(write_wxr(tmp_path / "blog.xml", wxr_item(3, comments=pings)))
    records = {r["id"].rsplit("-", 1)[-1]: r for r in comment_records(post, "a-post")}
    assert (records["7"]["title"], records["7"]["site"], records["7"]["source_url"]) == (
        "Nine Slow Films", "The Quiet Reel", ""), "no address made up; its title and site kept"
    assert (records["8"]["kind"], records["8"]["title"], records["8"]["site"]) == ("pingback", "Ten quiet films",
                                                                                    "Still Frames")
    assert records["9"]["source_url"] == "https://elsewhere.example.net/p/1" and records["9"]["title"] == "Linked"
    assert sum("kept as an unlinked mention" in n for n in post.notes) == 2, post.notes


def _blogger(tmp_path):
    kind = "http://schemas.google.com/blogger/2008/kind#post"
    path = tmp_path / "blog.xml"
    path.write_text(
        "<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        "<id>tag:blogger.com,1999:blog-42.archive</id><title>Reels</title>"
        "<entry><id>tag:blogger.com,1999:blog-42.post-7</id><published>2020-01-02T03:04:05.000Z</published>"
        f"<category scheme='http://schemas.google.com/g/2005#kind' term='{kind}'/><title type='text'>The Verdict</title>"
        f"<content type='html'>&lt;p&gt;{VERDICT}&lt;/p&gt;</content>"
        "<link rel='alternate' type='text/html' href='https://reels.blogspot.com/2020/01/the-verdict.html'/>"
        "<author><name>Wren</name></author></entry></feed>", encoding="utf-8")
    return path


def _ghost(tmp_path):
    path = tmp_path / "site.ghost.json"
    post = {"id": "1", "uuid": "5b1d-verdict", "title": "The Verdict", "slug": "the-verdict", "status": "published",
            "type": "post", "published_at": "2020-01-02T03:04:05.000Z", "html": f"<p>{VERDICT}</p>"}
    path.write_text(json.dumps({"db": [{"meta": {"exported_on": 1}, "data": {"posts": [post]}}]}), encoding="utf-8")
    return path


def _medium(tmp_path):
    return make_zip(tmp_path / "medium.zip", {"posts/2020-01-02_The-Verdict-3c7869fdae53.html": medium_post(
        "The Verdict", f'<p class="graf graf--p">{VERDICT}</p><p class="graf graf--p">More.</p>'
                       '<p class="graf graf--p">And more.</p><p class="graf graf--p">The end.</p>',
        post_id="3c7869fdae53")})


def _substack(tmp_path):
    header = SUBSTACK_CSV.splitlines()[0]
    return make_folder(tmp_path / "substack", {
        "posts.csv": f"{header}\n7.the-verdict,2020-01-02T03:04:05.000Z,true,,,newsletter,everyone,The Verdict,,\n",
        "posts/7.the-verdict.html": f"<p>{VERDICT}</p>"})


@pytest.mark.parametrize("make", [_blogger, _ghost, _medium, _substack], ids=["blogger", "ghost", "medium", "substack"])
def test_a_rating_inside_a_longer_line_is_read_from_every_export(tmp_path, make):
    out, lines, notes = tmp_path / "out", [], []
    run = ImportRun(out, db=f"sqlite:///{tmp_path / 'c.sqlite'}", echo=lines.append, warn=notes.append)
    try:
        totals = run.run([make(tmp_path)])
    finally:
        run.close()
    assert totals.written == 1, (lines, notes)
    essay = json.loads((out / "the-verdict.ipynb").read_text(encoding="utf-8"))["metadata"]["essay"]
    assert essay["rating"] == 5, "the verdict in the post's first line"
    assert any("five stars" in n for n in notes if "guessed" in n), notes
