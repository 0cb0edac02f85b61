"""What went wrong in an export's XML, said so its owner can fix it (WordPress and Blogger exports).

Decided on expat's error codes (``ParseError.code``), never on the message's
words; ``again`` says where to make the export again.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from xml.parsers.expat import errors as expat_errors

_READ_CHUNK = 1 << 16

_ENDS_EARLY = frozenset(expat_errors.codes[m] for m in (
    expat_errors.XML_ERROR_NO_ELEMENTS, expat_errors.XML_ERROR_UNCLOSED_TOKEN,
    expat_errors.XML_ERROR_UNCLOSED_CDATA_SECTION))
_WRONG_ENCODING = frozenset(expat_errors.codes[m] for m in (
    expat_errors.XML_ERROR_INCORRECT_ENCODING, expat_errors.XML_ERROR_UNKNOWN_ENCODING))
_INVALID_TOKEN = expat_errors.codes[expat_errors.XML_ERROR_INVALID_TOKEN]


def parse_error_message(path: Path, exc, after: str, *, again: str, writer: str) -> str:
    """The line for a file whose XML does not parse: where, why, and what to do.

    ``after`` says what was read before the error ("3 items read before it"),
    ``again`` how to export again ("export it again from WordPress (Tools → Export)"),
    ``writer`` the program that wrote the file ("WordPress").
    """
    line, column = getattr(exc, "position", (0, 0))
    code = getattr(exc, "code", None)
    message = expat_errors.messages.get(code, str(exc))
    if code in _ENDS_EARLY:  # the input stopped mid-element
        return f"the XML ends early at line {line} ({after}); the file is truncated, {again}"
    if code in _WRONG_ENCODING:
        return (f"line {line}: {message}; the encoding=\"…\" in the first line does not match the bytes "
                f"({writer} writes UTF-8: fix the declaration or convert the file)")
    bad = first_bad_utf8(path)
    if bad is not None and code == _INVALID_TOKEN:
        return (f"byte {bad:,} (line {line}) is not UTF-8 although the file says it is "
                f"({after}); convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8 {path.name} > fixed.xml")
    return f"not well-formed XML at line {line}, column {column}: {message} ({after}); fix the file or {again}"


def first_bad_utf8(path: Path) -> int | None:
    """The offset of the first byte that is not valid UTF-8, or None."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(_READ_CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return offset + exc.start
            offset += len(chunk)
    return None


def entities_refused(exc, writer: str, again: str) -> str:
    """The line for a file that declares entities or a DTD (defusedxml refused it)."""
    return (f"declares XML entities or a DTD ({type(exc).__name__}); {writer} exports never do, "
            f"so it was refused ({again})")
