"""`--download-images` for the exports of many files: images the export holds are taken from it, others fetched.

A Ghost export zipped with its site's content/images/ (as Ghost's own importer takes it) gives its images
from the archive: found by path, bounded, never outside the archive, checked by their bytes. Every other
image (Blogger's, Medium's, Substack's, WordPress.com's) goes through the safe fetcher, whose refusal of a
private address shows it was asked. No test here reaches the network: every host resolves to a private address.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json

import pytest

from essaykit.importers import exports
from essaykit.importers.images import ImageDownloader, image_policy
from essaykit.importers.run import ImportRun
from exports.blog_fixtures import png

from .builders import wxr_document, wxr_item
from .test_download_images import JPEG
from .test_exports import SUBSTACK_CSV, make_folder, make_zip, medium_post

PRIVATE = dataclasses.replace(image_policy(), resolver=lambda host, port: ["10.1.2.3"])
OUTSIDE = "http://cdn.example.org/still.png"


def run_import(tmp_path, export):
    out, lines, notes = tmp_path / "out", [], []
    run = ImportRun(out, db=f"sqlite:///{tmp_path / 'c.sqlite'}", echo=lines.append, warn=notes.append,
                    images=ImageDownloader(out, PRIVATE))
    try:
        totals = run.run([export])
    finally:
        run.close()
    return out, totals, lines, notes


def cells(out, slug: str) -> str:
    return "\n".join(c["source"] for c in json.loads((out / f"{slug}.ipynb").read_text(encoding="utf-8"))["cells"])


def ghost_zip(tmp_path, html: str, files: dict[str, bytes]):
    post = {"id": "1", "uuid": "77c0-lamps", "title": "Lamps", "slug": "lamps", "status": "published", "type": "post",
            "published_at": "2024-05-01T10:00:00.000Z", "html": html,
            "feature_image": "__GHOST_URL__/content/images/2024/05/cover.jpg"}
    export = {"db": [{"meta": {"exported_on": 1714557600000, "version": "5.82.0"}, "data": {"posts": [post]}}]}
    return make_zip(tmp_path / "ghost-site.zip", {"site.ghost.2024-05-01.json": json.dumps(export), **files},
                    root="ghost-site/")


def test_a_ghost_zip_gives_its_own_images_from_the_archive_and_nothing_else(tmp_path, monkeypatch):
    monkeypatch.setattr(exports, "IMAGE_MAX_BYTES", 4096)  # the cap on one image, made small to test it quickly
    lamp = png(3, 2)
    (tmp_path / "secret.png").write_bytes(png(1, 1))
    html = "".join(f'<p><img src="{src}" alt="{alt}"></p>' for alt, src in (
        ("Lamp", "__GHOST_URL__/content/images/2024/05/lamp.png"), ("Missing", "__GHOST_URL__/content/images/gone.png"),
        ("Escape", "__GHOST_URL__/../../secret.png"), ("Big", "__GHOST_URL__/content/images/big.png"),
        ("Fake", "__GHOST_URL__/content/images/fake.png"), ("Outside", OUTSIDE)))
    export = ghost_zip(tmp_path, "<p>Lamps along the quay.</p>" + html, {
        "content/images/2024/05/lamp.png": lamp, "content/images/2024/05/cover.jpg": JPEG,
        "content/images/big.png": png(2, 2, padding=8192), "content/images/fake.png": b"<html>not a picture</html>"})
    out, totals, lines, notes = run_import(tmp_path, export)
    assert totals.written == 1 and totals.failed == 0, notes
    assert "2 images stored in media/, 5 left as links" in lines[0], lines
    text = cells(out, "lamps")
    name = hashlib.sha256(lamp).hexdigest()[:20] + ".png"
    assert (out / "media" / name).read_bytes() == lamp and f"![Lamp](media/{name})" in text
    assert "![](media/" in text and any(p.suffix == ".jpg" for p in (out / "media").iterdir()), "the feature image"
    assert len(list((out / "media").iterdir())) == 2, "nothing refused was stored"

    def why(url: str) -> str:
        said = [n for n in notes if f"image {url} not downloaded" in n]
        assert said, (url, notes)
        return said[0]

    assert "the export does not hold the file" in why("/content/images/gone.png")
    assert "the export does not hold the file" in why("/../../secret.png"), "no path climbs out of the archive"
    assert "the export's copy cannot be used" in why("/content/images/big.png") and "over the" in why(
        "/content/images/big.png"), "an image over the cap is not read whole"
    assert "bytes are not a PNG" in why("/content/images/fake.png")
    assert "private address" in why(OUTSIDE), "an image the export does not hold goes through the safe fetcher"


def _takeout(tmp_path):
    kind = "http://schemas.google.com/blogger/2008/kind#post"
    feed = ("<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom' "
            "xmlns:blogger='http://schemas.google.com/blogger/2018'><id>tag:blogger.com,1999:blog-42</id>"
            "<entry><id>tag:blogger.com,1999:blog-42.post-7</id><blogger:type>POST</blogger:type>"
            "<blogger:status>LIVE</blogger:status><blogger:filename>/2020/01/stills.html</blogger:filename>"
            f"<published>2020-01-02T03:04:05.000Z</published><category scheme='x' term='{kind}'/>"
            f"<title>Stills</title><content type='html'>&lt;p&gt;Frames.&lt;/p&gt;&lt;img src='{OUTSIDE}'&gt;</content>"
            "</entry></feed>")
    return make_zip(tmp_path / "takeout-20240501.zip", {"Takeout/Blogger/Blogs/Reels/feed.atom": feed,
                                                        "Takeout/archive_browser.html": "<html>Takeout</html>"})


def _medium(tmp_path):
    return make_zip(tmp_path / "medium.zip", {"posts/2020-01-02_Stills-3c7869fdae53.html": medium_post(
        "Stills", f'<p class="graf graf--p">Frames.</p><figure><img src="{OUTSIDE}"></figure>', post_id="3c7869fdae53")})


def _substack(tmp_path):
    return make_folder(tmp_path / "substack", {
        "posts.csv": SUBSTACK_CSV.splitlines()[0] + "\n7.stills,2020-01-02T03:04:05Z,true,,,newsletter,everyone,Stills,,\n",
        "posts/7.stills.html": f'<p>Frames.</p><picture><img src="{OUTSIDE}"></picture>'})


def _wordpress_com(tmp_path):
    wxr = wxr_document(wxr_item(7, title="Stills", name="stills", content=f'<p>Frames.</p><img src="{OUTSIDE}">'))
    return make_zip(tmp_path / "reels.wordpress.com.zip", {"reels.wordpress.2024-05-01.000.xml": wxr})


@pytest.mark.parametrize("make", [_takeout, _medium, _substack, _wordpress_com],
                         ids=["blogger-takeout", "medium", "substack", "wordpress-com"])
def test_the_images_of_every_other_export_go_through_the_safe_fetcher(tmp_path, make):
    out, totals, lines, notes = run_import(tmp_path, make(tmp_path))
    assert totals.written == 1, (lines, notes)
    assert any(f"image {OUTSIDE} not downloaded" in n and "private address" in n for n in notes), notes
    assert f"[Image]({OUTSIDE})" in cells(out, "stills"), "a refused image keeps its link"
