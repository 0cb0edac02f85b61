"""A page saved as one MHTML file ("Webpage, Single File" in Chrome and Edge) is read as the saved page it holds."""

import quopri

from essaykit.importers.model import Failed
from essaykit.importers.run import read_file

BOUNDARY = "----MultipartBoundary--k3Jf8s----"
PAGE = ('<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">'
        "<title>Harbour Lights – Notes from the Quay</title></head><body><nav><a href='/'>Home</a></nav>"
        "<article><h1 class='entry-title'>Harbour Lights</h1><div class='entry-content'>"
        "<p>The lanterns went up along the harbour wall at dusk — one by one — while the boats came in.</p>"
        "<p>Später regnete es; wir gingen trotzdem zweimal über den Kai. 灯笼在雨中。</p></div></article>"
        "<ol class='comment-list'><li class='comment' id='comment-7'><article class='comment-body'>"
        "<footer class='comment-meta'><b class='fn'>Mara Quill</b> <time datetime='2024-03-04T09:10:00+00:00'>"
        "March 4, 2024</time></footer><div class='comment-content'><p>I was there too; the rain made it.</p></div>"
        "</article></li></ol></body></html>")


def _mhtml(parts: list[tuple[str, bytes]]) -> bytes:
    head = ("From: <Saved by Blink>\r\nSnapshot-Content-Location: https://quay.example/2024/03/harbour-lights/\r\n"
            "Subject: Harbour Lights\r\nDate: Sun, 3 Mar 2024 10:00:00 -0000\r\nMIME-Version: 1.0\r\n"
            f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{BOUNDARY}"\r\n\r\n\r\n')
    body = b""
    for kind, payload in parts:
        body += (f"--{BOUNDARY}\r\nContent-Type: {kind}\r\nContent-Transfer-Encoding: quoted-printable\r\n"
                 "Content-Location: https://quay.example/2024/03/harbour-lights/\r\n\r\n").encode() + payload + b"\r\n"
    return head.encode() + body + f"--{BOUNDARY}--\r\n".encode()


def test_a_single_file_page_is_read_as_its_html_page(tmp_path):
    path = tmp_path / "Harbour Lights.mhtml"
    path.write_bytes(_mhtml([("text/html", quopri.encodestring(PAGE.encode("utf-8"))),
                             ("text/css", b"body { color: red; }")]))
    kind, outcomes = read_file(path)
    [post] = list(outcomes)
    assert kind == "html"
    assert post.title == "Harbour Lights"
    assert any("— one by one —" in block for block in post.blocks), post.blocks
    assert any("Später regnete es" in block and "灯笼在雨中" in block for block in post.blocks), post.blocks
    assert not any("=3D" in block or "Content-Type" in block for block in post.blocks), "no MIME text in the essay"
    [comment] = [c for c in post.comments if c.kind == "comment"]
    assert comment.author == "Mara Quill" and "the rain made it" in comment.body


def test_an_mhtml_file_without_a_page_is_refused_by_name(tmp_path):
    path = tmp_path / "styles.mhtml"
    path.write_bytes(_mhtml([("text/css", b"body { color: red; }")]))
    [failed] = list(read_file(path)[1])
    assert isinstance(failed, Failed), failed
    assert failed.where == "styles.mhtml" and "no HTML page" in failed.message and "HTML only" in failed.message


def test_a_safari_web_archive_is_read_as_its_main_page(tmp_path):
    # Safari's default "Save As…" format: a binary property list holding the page's bytes and their encoding.
    import plistlib

    archive = {"WebMainResource": {"WebResourceData": PAGE.encode("utf-8"), "WebResourceMIMEType": "text/html",
                                   "WebResourceTextEncodingName": "UTF-8",
                                   "WebResourceURL": "https://quay.example/2024/03/harbour-lights/"},
               "WebSubresources": [{"WebResourceData": b"body{}", "WebResourceMIMEType": "text/css",
                                    "WebResourceURL": "https://quay.example/style.css"}]}
    path = tmp_path / "Harbour Lights.webarchive"
    path.write_bytes(plistlib.dumps(archive, fmt=plistlib.FMT_BINARY))
    kind, outcomes = read_file(path)
    [post] = list(outcomes)
    assert kind == "html" and post.title == "Harbour Lights"
    assert any("Später regnete es" in block and "灯笼在雨中" in block for block in post.blocks), post.blocks


def test_a_broken_web_archive_is_refused_by_name(tmp_path):
    path = tmp_path / "broken.webarchive"
    path.write_bytes(b"bplist00" + b"WebMainResource" + b"\x00\x01garbage" * 10)
    [failed] = list(read_file(path)[1])
    assert isinstance(failed, Failed), failed
    assert failed.where == "broken.webarchive" and "Safari web archive" in failed.message and "Page Source" in failed.message
