"""Which reader a file needs: a WordPress, Blogger, Ghost or Disqus export, a saved HTML page or a text copy.

Decided by the file's content, not its name: a WordPress export saved as
``.txt`` is still read as one, and a PNG renamed ``.xml`` is refused.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ImportFormatError

HEAD_BYTES = 64 * 1024
FORMATS = ("wxr", "html", "text", "disqus", "blogger", "ghost")

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (unzip it and import the .xml inside)"),
    (b"\x1f\x8b", "a gzip archive (gunzip it first)"),
    (b"%PDF", "a PDF document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "a program"),
    (b"BZh", "a bzip2 archive (bunzip2 it first)"),
    (b"\xfd7zXZ\x00", "an xz archive (unxz it first)"),
)
_WHAT_WE_READ = ("essaykit imports a WordPress export (.xml), a Blogger export (.xml or Takeout's feed.atom), "
                 "a Ghost export (.json), a Disqus export (.xml), a saved HTML page or a plain-text copy of a post")
_DISQUS_ROOT = re.compile(r"<disqus\b[^>]*xmlns=[\"']http://disqus\.com", re.I)
# Blogger's two export shapes: the classic kind categories, or Takeout's blogger: namespace.
BLOGGER = re.compile(r"schemas\.google\.com/blogger/(?:2008/kind#|20\d\d[\"'/])")
_FEED_ROOT = re.compile(r"^(?:<\?[^>]*\?>\s*|<!--.*?-->\s*)*<feed\b", re.S)  # an Atom feed, not an XHTML page
GHOST = re.compile(r'^\{\s*"db"\s*:\s*\[\s*\{\s*"meta"\s*:|"exported_on"\s*:')
# "Save page as… Webpage, Single File" (Chrome, Edge, Opera): one MIME message whose parts are the page and its files.
MHTML = re.compile(r"\A(?:[\w-]+:[^\n]*\n(?:[ \t][^\n]*\n)*)*?content-type:\s*multipart/related", re.I)
WEBARCHIVE = b"WebMainResource"
# JSON's own start: an object's first key, or an array of arrays or objects (never how a copied post begins).
_JSON_START = re.compile(r'\A(?:\{\s*"|\[\s*[\[{])')
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body)\b|<!--\s*saved from url=", re.I)


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when ``data`` is UTF-16 saved without a byte-order mark, else None.

    Such a file has a NUL byte beside every ASCII character (markup, spaces, line ends), always on the same side of
    each pair and seldom on the other; in Chinese or Japanese text few characters are ASCII, but its spaces and line
    ends are. Random binary data has NULs on both sides; a stray NUL in UTF-8 text seldom sits beside a line end.
    """
    sample = data[:4096]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or len(sample) < 8:
        return None
    pairs = [sample[i:i + 2] for i in range(0, len(sample) - 1, 2)]
    for codec, nul, other in (("utf-16-le", 1, 0), ("utf-16-be", 0, 1)):
        units = [pair for pair in pairs if pair[nul] == 0]
        wrong_side = sum(pair[other] == 0 for pair in pairs)  # CJK characters such as U+4E00 have a zero byte
        if len(units) < 2 or wrong_side > len(pairs) // 20 or wrong_side * 4 > len(units):
            continue
        spaces = sum(pair[other] in b" \t\r\n" for pair in units)
        if len(units) >= 0.1 * len(pairs) or spaces * 2 >= len(units):
            try:
                sample[:len(sample) - len(sample) % 4].decode(codec)
            except UnicodeDecodeError:
                continue  # not text in this codec (an unpaired surrogate): NULs by chance
            return codec
    return None


def sparse_nuls(data: bytes) -> bool:
    """True when ``data`` has a few stray NUL bytes (at most one in a thousand), as a damaged download may: the
    text around them is still read, without them, where more would mean a binary file."""
    nuls = data.count(0)
    return 0 < nuls <= len(data) // 1000


def decode_head(data: bytes) -> str:
    """The start of a file as text, for sniffing only (never for content)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if bom_less := utf16_without_bom(data):
        return data.decode(bom_less, errors="replace")
    return data.decode("utf-8", errors="replace").lstrip("\ufeff").replace("\x00", "")


def saved_as_one_file(head: bytes) -> str | None:
    """"mhtml" or "webarchive" when ``head``, a file's first bytes, starts a page saved as one file, else None."""
    if head.startswith(b"bplist00") and WEBARCHIVE in head[:HEAD_BYTES]:
        return "webarchive"  # Safari's "Save As… Web Archive": the page inside a property list
    if MHTML.search(head[:4096].removeprefix(b"\xef\xbb\xbf").decode("latin-1").lstrip().replace("\r\n", "\n")):
        return "mhtml"
    return None


def detect_format(path: Path) -> str:
    """One of :data:`FORMATS` for ``path``; ImportFormatError for anything else."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(HEAD_BYTES)
    except FileNotFoundError:
        raise ImportFormatError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise ImportFormatError(f"{path}: is a folder; give the export file inside it") from None
    except OSError as exc:
        raise ImportFormatError(f"{path}: cannot read: {exc.strerror}") from None
    if not head.strip():
        raise ImportFormatError(f"{path}: the file is empty; {_WHAT_WE_READ}")
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise ImportFormatError(f"{path}: this is {what}, not something to import; {_WHAT_WE_READ}")
    if saved_as_one_file(head):
        return "html"  # MHTML or a Safari web archive: charsets.decode_page unpacks the page
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_without_bom(head)
    if not utf16 and b"\x00" in head and not sparse_nuls(head):
        raise ImportFormatError(f"{path}: binary data (NUL bytes), not text; {_WHAT_WE_READ}")
    text = decode_head(head)
    start = text.lstrip()[:512].lower()
    if start.startswith(("<?xml", "<rss", "<feed")) and not utf16 and b"\x00" in head:
        raise ImportFormatError(f"{path}: XML with NUL bytes in it, which XML never has: the file is damaged; "
                                "download or export it again")
    if start.startswith(("<?xml", "<rss", "<feed")):
        if "wordpress.org/export/" in text:
            return "wxr"
        if _FEED_ROOT.search(text.lstrip()[:4096]) and BLOGGER.search(text):
            return "blogger"
        if _DISQUS_ROOT.search(text[:4096]):
            return "disqus"
        if _HTML_START.search(text[:4096]):
            return "html"
        raise ImportFormatError(
            f"{path}: XML, but not a WordPress export (no wordpress.org/export namespace), a Blogger export "
            "nor a Disqus export; in WordPress use Tools → Export → All content, in Blogger Settings → Back up "
            "content, and import that file"
        )
    if _DISQUS_ROOT.search(text[:4096]):
        return "disqus"
    if start.startswith("<") and _HTML_START.search(text[:4096]):
        return "html"  # a saved page starts with markup; a text copy of a post that quotes <html> starts with words
    if start.startswith("{") and GHOST.search(text.lstrip()[:4096]):
        return "ghost"
    if start.startswith("{") and '"nbformat"' in text:
        raise ImportFormatError(f"{path}: already a Jupyter notebook; open it in JupyterLab or run `essaykit check` on it")
    if _JSON_START.match(text.lstrip()):
        raise ImportFormatError(
            f"{path}: JSON, but not a Ghost export (no \"db\" with \"meta\" at its start, nor \"exported_on\"); the "
            "only JSON essaykit reads is Ghost's (Ghost Admin → Settings → Import/Export → Export content); for "
            "another platform's posts, save each post's page from the browser and import the .html")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    # Binary data has control bytes; text in any code page (Windows-1252, -1251, Shift_JIS, GBK, EUC-KR) has none, and
    # U+FFFD, which its letters become when read as UTF-8 here, says nothing: text.decode_text reads its code page.
    if controls > 8:
        raise ImportFormatError(f"{path}: binary data, not text; {_WHAT_WE_READ}")
    return "text"
