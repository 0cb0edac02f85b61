"""The text of a saved page or a text copy from its bytes, read as a browser or a text editor would read it.

A page saved as one file is unpacked first: MHTML (Chrome's and Edge's "Webpage, Single File", a MIME message) and
Safari's web archive (a property list) each hold the page's bytes and the charset they were saved in.

A saved page says its encoding (``<meta charset>``) and a browser follows the WHATWG Encoding Standard, under which
the label ISO-8859-1 means Windows-1252: on such a page bytes 0x80–0x9F are curly quotes, dashes and "€", never
control characters. A text copy says nothing: it is UTF-8 (or UTF-16 with a byte-order mark) from any recent editor,
else the code page of the Windows it was saved on ("ANSI" in Notepad): Windows-1252 for Western languages,
Windows-1251 for Russian, Shift_JIS for Japanese, GBK for Chinese… charset_normalizer (already installed with
trafilatura) tells those apart; Windows-1252 stays the reading of a copy whose letters are mostly ASCII, where such a
guess is least sure (it takes Portuguese "ação" for Central European "açăo").
"""

from __future__ import annotations

import codecs
import email
import email.policy
import plistlib
import re
from pathlib import Path

from ..errors import ImportFormatError
from .detect import saved_as_one_file, sparse_nuls, utf16_without_bom

# Windows-1252's characters for the C1 bytes, where it has one (0x81, 0x8D, 0x8F, 0x90 and 0x9D stay as they are).
_C1_AS_CP1252 = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
# Bidirectional marks and isolates (and a stray byte-order mark): invisible in a right-to-left title or line, where a
# page or a copy often carries them at the ends; kept there, they make two spellings of one title differ.
INVISIBLE_ENDS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
# A line of a copy holds at most this many spaces or tabs in a row. Copies of real pages have up to about 100 (a
# preformatted RFC's indent, a layout table's gap); a longer run is layout, not text, and each rule that looks at a gap
# in a line ("NAME   says:", "Home  |  News") would cost time in proportion to the run's square.
MAX_GAP = 100
_LONG_GAP = re.compile(r"[^\S\n]{%d,}" % (MAX_GAP + 1))
# A copy whose letters are at least this share non-ASCII is not Western text read in its own code page.
NOT_WESTERN = 0.3


def decode_page(data: bytes, path: Path) -> str:
    """The markup of a saved page (of the page inside, when it was saved as one MHTML file or a Safari web archive)."""
    from bs4.dammit import EncodingDetector, UnicodeDammit

    one_file = saved_as_one_file(data)
    if one_file == "mhtml":
        return _mhtml_page(data, path)
    if one_file == "webarchive":
        return _webarchive_page(data, path)
    # A byte-order mark decides, before any <meta charset> (a browser does the same); UTF-16 without one is told by its
    # NUL bytes. A few stray NULs in a page otherwise of text are dropped, as a browser shows none.
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    if bom_less := utf16_without_bom(data):
        return data.decode(bom_less, errors="replace")
    if sparse_nuls(data):
        data = data.replace(b"\x00", b"")
    if (EncodingDetector.find_declared_encoding(data, is_html=True) or "").lower() in ("utf-8", "utf8"):
        # A page that says it is UTF-8 is read as UTF-8, as a browser reads it: a few stray bytes of another encoding
        # (a Latin-1 "ä" in an ad's script) are replaced, not a reason to guess another encoding for all the text.
        return data.decode("utf-8-sig", errors="replace")
    dammit = UnicodeDammit(data, ["utf-8"], is_html=True)
    if dammit.unicode_markup is None:
        raise ImportFormatError(f"{path}: cannot tell the page's character encoding; save it again as UTF-8")
    if _codec(dammit.original_encoding) == "iso8859-1":
        return dammit.unicode_markup.translate(_C1_AS_CP1252)
    return dammit.unicode_markup


def short_gaps(text: str) -> str:
    """``text`` with each run of more than :data:`MAX_GAP` spaces or tabs in a line cut to its first ``MAX_GAP``."""
    return _LONG_GAP.sub(lambda run: run.group()[:MAX_GAP], text)


def decode_text(data: bytes) -> tuple[str, str | None]:
    """The text of a copy and, when it was not UTF-8, a note saying how it was read."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return data.decode("utf-16", errors="replace"), "the file is not valid UTF-16; damaged characters shown as �"
    if bom_less := utf16_without_bom(data):
        text = data.decode(bom_less, errors="replace")
        return text, f"no byte-order mark; read the file as {bom_less.upper()}" + (
            " (some characters were damaged and are shown as �)" if "\ufffd" in text else "")
    if sparse_nuls(data):
        text, note = decode_text(data.replace(b"\x00", b""))
        dropped = f"{data.count(0)} NUL bytes dropped (the file looks damaged; check the text)"
        return text, f"{note}; {dropped}" if note else dropped
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        where = f"byte {exc.start:,} is not UTF-8"
    western = data.decode("cp1252", errors="replace")
    letters = [c for c in western if c.isalpha()]
    guess = None
    if sum(not c.isascii() for c in letters) >= NOT_WESTERN * len(letters):
        from charset_normalizer import from_bytes  # 80 ms to import, for the rare copy that is not UTF-8

        guess = from_bytes(data).best()
    if guess is None or str(guess) == western:
        return western, f"{where}; read the file as Windows-1252 (check accented letters)"
    return str(guess), f"{where}; read the file as {guess.encoding} (check the text, or save the copy as UTF-8)"


def _mhtml_page(data: bytes, path: Path) -> str:
    """The page in an MHTML file: its first text/html part, in the charset its part header names."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
    if part is None:
        raise ImportFormatError(f"{path}: an MHTML file with no HTML page in it; save the page again as "
                                "\"Webpage, HTML only\" or \"Webpage, Complete\" and import the .html file")
    return _in_charset(part.get_payload(decode=True), part.get_content_charset() or "", path)


def _in_charset(markup: bytes, charset: str, path: Path) -> str:
    """``markup`` in the charset its container recorded, else as any saved page (its <meta>, then the bytes)."""
    if charset and _codec(charset):
        try:
            return markup.decode(charset)
        except UnicodeDecodeError:
            pass  # the recorded charset is wrong for these bytes: the page's own <meta> and the bytes decide
    return decode_page(markup, path)


def _webarchive_page(data: bytes, path: Path) -> str:
    """The page in a Safari web archive: its main resource's bytes, in the encoding Safari recorded for them."""
    try:
        main = plistlib.loads(data)["WebMainResource"]
        markup, charset = bytes(main["WebResourceData"]), str(main.get("WebResourceTextEncodingName") or "")
    except (plistlib.InvalidFileException, KeyError, TypeError, ValueError) as exc:
        raise ImportFormatError(f"{path}: a Safari web archive that cannot be read ({type(exc).__name__}); save the "
                                "page again with File → Save As… → Format: Page Source, and import the .html file") from None
    return _in_charset(markup, charset, path)


def _codec(name: str | None) -> str:
    try:
        return codecs.lookup(name or "").name
    except LookupError:
        return ""
