"""Which reader a file gets (essaykit.importers.detect): by content, not by name."""

from __future__ import annotations

import gzip
import io
import zipfile

import pytest
from .builders import HTML_FIXTURE, TEXT_FIXTURE, WXR_FIXTURE, wxr_document, wxr_item

from essaykit.errors import ImportFormatError
from essaykit.importers.detect import detect_format


@pytest.mark.parametrize("source, name, expected", [
    (WXR_FIXTURE, "export.xml", "wxr"),
    (WXR_FIXTURE, "export.txt", "wxr"),  # the name does not decide
    (HTML_FIXTURE, "page.html", "html"),
    (HTML_FIXTURE, "page.txt", "html"),
    (TEXT_FIXTURE, "post.txt", "text"),
    (TEXT_FIXTURE, "post.html", "text"),
])
def test_format_comes_from_the_content(tmp_path, source, name, expected):
    target = tmp_path / name
    target.write_bytes(source.read_bytes())
    assert detect_format(target) == expected


def test_wxr_1_1_and_utf16_with_bom_are_recognised(tmp_path):
    old = tmp_path / "old.xml"
    old.write_text(wxr_document(wxr_item(1), version="1.1"), encoding="utf-8")
    assert detect_format(old) == "wxr"
    wide = tmp_path / "wide.xml"
    wide.write_bytes(wxr_document(wxr_item(1), declaration='<?xml version="1.0" encoding="UTF-16"?>').encode("utf-16"))
    assert detect_format(wide) == "wxr"


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("export.xml", "<rss/>")
    return buf.getvalue()


@pytest.mark.parametrize("content, words", [
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG image"),
    (_zip(), "ZIP archive"),
    (gzip.compress(b"<rss></rss>", mtime=0), "gzip"),  # mtime=0: the same bytes, so the same test id, in every worker
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    (b"", "empty"),
    (b"   \n\n  ", "empty"),
    (b"abc\x00\x01\x02def" * 20, "binary"),
    (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>', "not a WordPress export"),
    (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title></channel></rss>', "not a WordPress export"),
    (b'{"nbformat": 4, "cells": []}', "already a Jupyter notebook"),
])
def test_files_we_cannot_import_are_refused_by_name(tmp_path, content, words):
    path = tmp_path / "upload.xml"
    path.write_bytes(content)
    with pytest.raises(ImportFormatError) as err:
        detect_format(path)
    assert str(path) in str(err.value) and words in str(err.value)


def test_missing_file_and_folder_are_refused(tmp_path):
    with pytest.raises(ImportFormatError, match="no such file"):
        detect_format(tmp_path / "nope.xml")
    with pytest.raises(ImportFormatError, match="is a folder"):
        detect_format(tmp_path)
