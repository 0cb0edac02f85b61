"""`essaykit import --download-images`: a post's images fetched through the safe fetcher into media/.

Every server here is a real HTTP server on loopback. Where a test needs the old blog to be a
*public* host (so that a redirect to 127.0.0.1 is the hostile part), its name resolves to a
public address that is never connected to: the connection lands on the loopback server, as in
tests/mentions/test_fetch.py.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json

import pytest

from essaykit.importers.images import IMAGE_MAX_BYTES, ImageDownloader, image_policy
from essaykit.importers.run import ImportRun
from exports.blog_fixtures import png
from helpers.mention_sites import PUBLIC, PageSite, RawServer, route_public_to

from .builders import wxr_item, write_wxr


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


@pytest.fixture
def blog():
    with PageSite() as site:
        yield site


@pytest.fixture
def public(blog, monkeypatch):
    """A policy under which ``old.blog.test`` is a public host whose connections reach ``blog``."""
    route_public_to(blog.port, monkeypatch)
    names = {"old.blog.test": [PUBLIC], "intranet.test": ["10.1.2.3"]}
    return dataclasses.replace(image_policy(), resolver=lambda host, port: names[host])


def post_with(tmp_path, *images: str, spoiler: str = ""):
    """A WordPress export of one post showing ``images`` (URLs), one linked to its full size."""
    body = "<p>Stills from the film.</p>" + "".join(
        f'<p><a href="{src}?full"><img src="{src}" alt="Still {i}"></a></p>' for i, src in enumerate(images))
    if spoiler:
        body += f'<p>Spoilers ahead.</p><p><img src="{spoiler}" alt="The ending"></p>'
    return write_wxr(tmp_path / "blog.xml", wxr_item(7, title="Stills", content=body, name="stills"))


def notebook_text(out) -> str:
    nb = json.loads((out / "stills.ipynb").read_text(encoding="utf-8"))
    return "\n".join(c["source"] for c in nb["cells"])


def run_import(tmp_path, wxr, policy, **kwargs):
    lines, notes = [], []
    out = tmp_path / "notebooks"
    run = ImportRun(out, db=f"sqlite:///{tmp_path / 'c.sqlite'}", echo=lines.append, warn=notes.append,
                    images=ImageDownloader(out, policy), **kwargs)
    try:
        totals = run.run([wxr])
    finally:
        run.close()
    return out, totals, lines, notes


def test_images_are_stored_by_content_and_the_markdown_points_at_them(tmp_path, blog, public):
    picture = png(3, 2)
    blog.put("/a.png", picture, headers={"Content-Type": "image/png"})
    blog.put("/b.jpg", JPEG, headers={"Content-Type": "application/octet-stream"})  # checked by its bytes
    blog.put("/again.png", picture, headers={"Content-Type": "image/png"})
    blog.put("/end.png", png(1, 1, (0, 0, 0)), headers={"Content-Type": "image/png"})
    urls = [f"http://old.blog.test/{name}" for name in ("a.png", "b.jpg", "again.png")]
    wxr = post_with(tmp_path, *urls, urls[0], spoiler="http://old.blog.test/end.png")
    out, totals, lines, notes = run_import(tmp_path, wxr, public)
    assert totals.failed == 0, notes
    name = hashlib.sha256(picture).hexdigest()[:20] + ".png"
    assert (out / "media" / name).read_bytes() == picture
    assert sorted(p.suffix for p in (out / "media").iterdir()) == [".jpg", ".png", ".png"], \
        "the same bytes are one file, whatever their URL"
    text = notebook_text(out)
    assert f"[![Still 0](media/{name})](http://old.blog.test/a.png?full)" in text, "the link to the full size stays"
    assert f"![Still 2](media/{name})" in text
    assert "![The ending](media/" in text, "a spoiler block's images are fetched too"
    assert "[Image" not in text, text
    assert blog.gets.count("/a.png") == 1, "a URL is fetched once per run"
    assert "5 images stored in media/" in lines[0], lines


def test_hostile_images_are_reported_one_by_one_and_keep_their_links(tmp_path, blog, public):
    blog.put("/ok.png", png(2, 2), headers={"Content-Type": "image/png"})
    blog.put("/inside.png", png(2, 2), headers={"Content-Type": "image/png"})
    blog.redirect("/to-loopback.png", f"http://127.0.0.1:{blog.port}/inside.png")
    blog.redirect("/to-intranet.png", "http://intranet.test/inside.png")
    blog.redirect("/to-metadata.png", "http://169.254.169.254/latest/meta-data/")
    blog.put("/page.png", "<html><body>Not found, but 200</body></html>")
    blog.put("/lying.png", "<html>I say I am a PNG</html>", headers={"Content-Type": "image/png"})
    blog.put("/vector.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>', headers={"Content-Type": "image/svg+xml"})
    blog.put("/huge.png", png(2, 2, padding=IMAGE_MAX_BYTES), headers={"Content-Type": "image/png"})
    blog.put("/gone.png", b"", status=404, headers={"Content-Type": "image/png"})
    for i in range(7):
        blog.redirect(f"/loop{i}.png", f"/loop{i + 1}.png")
    cases = {
        "to-loopback.png": "loopback", "to-intranet.png": "private address", "to-metadata.png": "metadata",
        "page.png": "text/html", "lying.png": "bytes are not", "vector.svg": "image/svg+xml",
        "huge.png": "the limit is 5,242,880", "gone.png": "answered 404", "loop0.png": "redirects more than 5",
    }
    urls = ["http://old.blog.test/ok.png"] + [f"http://old.blog.test/{name}" for name in cases]
    out, totals, lines, notes = run_import(tmp_path, post_with(tmp_path, *urls), public)
    assert totals.failed == 0 and totals.written == 1, "a missing image does not fail the post"
    assert "1 image stored in media/, 9 left as links" in lines[0], lines
    text = notebook_text(out)
    assert "![Still 0](media/" in text
    for name, why in cases.items():
        url = f"http://old.blog.test/{name}"
        assert f"[Image: Still {urls.index(url)}]({url})" in text, f"{name} keeps its original link"
        said = [n for n in notes if f"image {url} not downloaded" in n]
        assert said and why in said[0], (name, said)
    assert "/inside.png" not in blog.gets, "no redirect reached the private side"
    assert len(list((out / "media").iterdir())) == 1, "nothing refused was stored"


def test_a_slow_or_endless_image_hits_the_caps(tmp_path):
    def drip(conn, stop):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 100000\r\n\r\n\x89PNG\r\n\x1a\n")
        while not stop.wait(0.1):
            conn.sendall(b"x")

    def endless(conn, stop):  # no Content-Length: the cap is met while reading
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nConnection: close\r\n\r\n\x89PNG\r\n\x1a\n")
        while not stop.is_set():
            conn.sendall(b"\x00" * 65536)

    slow, big = RawServer(drip), RawServer(endless)
    try:
        policy = dataclasses.replace(image_policy(allow_private=True), timeout=1.0)
        urls = [f"http://127.0.0.1:{slow.port}/slow.png", f"http://127.0.0.1:{big.port}/endless.png"]
        out, totals, lines, notes = run_import(tmp_path, post_with(tmp_path, *urls), policy)
    finally:
        slow.close()
        big.close()
    text = notebook_text(out)
    assert all(f"({url})" in text for url in urls), text
    assert any(urls[0] in n and "time limit" in n for n in notes), notes
    assert any(urls[1] in n and "larger than 5,242,880 bytes" in n for n in notes), notes
    assert not (out / "media").exists()


def test_the_cli_refuses_loopback_unless_allowed_and_dry_run_fetches_nothing(tmp_path, blog, cli):
    blog.put("/a.png", png(2, 2), headers={"Content-Type": "image/png"})
    url = f"{blog.url}/a.png"
    wxr = post_with(tmp_path, url)
    out, db = tmp_path / "notebooks", f"sqlite:///{tmp_path / 'c.sqlite'}"

    result = cli("import", wxr, "-o", out, "--db", db, "--download-images", "--dry-run")
    assert result.exit_code == 0 and "would download 1 image" in result.output, result.output
    assert blog.gets == [] and not out.exists()

    result = cli("import", wxr, "-o", out, "--db", db, "--download-images")
    assert result.exit_code == 0, result.output
    assert f"image {url} not downloaded, its link is kept: refused to fetch 127.0.0.1" in result.output
    assert "loopback" in result.output and blog.gets == []
    assert f"[Image: Still 0]({url})" in notebook_text(out)

    result = cli("import", wxr, "-o", out, "--db", db, "--download-images", "--allow-private-sources", "--force")
    assert result.exit_code == 0 and "1 image stored in media/" in result.output, result.output
    assert "![Still 0](media/" in notebook_text(out) and blog.gets == ["/a.png"]

    result = cli("import", wxr, "-o", out, "--db", db, "--allow-private-sources")
    assert result.exit_code == 2 and "--allow-private-sources is for --download-images" in result.output


def test_without_the_flag_images_stay_links_and_nothing_is_fetched(tmp_path, blog, cli):
    blog.put("/a.png", png(2, 2), headers={"Content-Type": "image/png"})
    out = tmp_path / "notebooks"
    result = cli("import", post_with(tmp_path, f"{blog.url}/a.png"), "-o", out,
                 "--db", f"sqlite:///{tmp_path / 'c.sqlite'}")
    assert result.exit_code == 0, result.output
    assert f"[Image: Still 0]({blog.url}/a.png)" in notebook_text(out) and blog.gets == []
