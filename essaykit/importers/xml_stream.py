"""An export's XML read as a stream, and what went wrong in it said so its owner can fix it.

WordPress and Blogger exports are read element by element: each complete
element at one level is handed over, then dropped, so memory holds what the
reader keeps, not the file. defusedxml refuses entity declarations (no
export writes them; they are how entity-expansion and external-entity
attacks start) and fetches nothing. Errors are decided on expat's error
codes (``ParseError.code``), never on the message's words.

HTML's named entities (``&nbsp;``, ``&eacute;``, ``&hellip;``), which XML
does not define, are read as the characters they name where they stand
outside a CDATA section: older WordPress versions and some plugins write
titles and excerpts with them, and expat would stop at the first one.

A file that begins with a UTF-16 byte-order mark is read as UTF-16 whatever
its first line declares: an export opened and saved again in an editor that
writes "Unicode" (Windows Notepad) keeps ``encoding="UTF-8"`` in its first
line, and the mark says better than that line how the bytes are written.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO
from xml.parsers.expat import errors as expat_errors

_READ_CHUNK = 1 << 16
_TOKEN = re.compile(rb"<!\[CDATA\[|\]\]>|&([A-Za-z][A-Za-z0-9]{0,31});")
_XML_ENTITIES = frozenset((b"amp", b"lt", b"gt", b"quot", b"apos"))
_TOKEN_MAX = 40  # longer than any token above: a tail this long may hold the start of one

_ENDS_EARLY = frozenset(expat_errors.codes[m] for m in (
    expat_errors.XML_ERROR_NO_ELEMENTS, expat_errors.XML_ERROR_UNCLOSED_TOKEN,
    expat_errors.XML_ERROR_UNCLOSED_CDATA_SECTION))
_WRONG_ENCODING = frozenset(expat_errors.codes[m] for m in (
    expat_errors.XML_ERROR_INCORRECT_ENCODING, expat_errors.XML_ERROR_UNKNOWN_ENCODING))
_INVALID_TOKEN = expat_errors.codes[expat_errors.XML_ERROR_INVALID_TOKEN]


def parse_error_message(name: str, opener: Callable[[], BinaryIO], exc, after: str, *, again: str,
                        writer: str) -> str:
    """The line for a file whose XML does not parse: where, why, and what to do.

    ``name`` is the file's name (a ZIP member's with its archive's), ``opener`` opens it again;
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
    bad = first_bad_utf8(opener)
    if bad is not None and code == _INVALID_TOKEN:
        return (f"byte {bad:,} (line {line}) is not UTF-8 although the file says it is "
                f"({after}); convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8 {name} > fixed.xml")
    return f"not well-formed XML at line {line}, column {column}: {message} ({after}); fix the file or {again}"


def first_bad_utf8(opener: Callable[[], BinaryIO]) -> int | None:
    """The offset of the first byte that is not valid UTF-8, or None."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with opener() as fh:
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


class HtmlEntities:
    """The binary file ``raw`` with HTML's named entities outside CDATA sections given as character references.

    ``&nbsp;`` becomes ``&#160;``, which every XML parser reads; XML's own five entities and names HTML does not
    know stay as they are (expat then names the line). Read in chunks, holding back a tail that may be cut mid-token.
    """

    def __init__(self, raw: BinaryIO):
        self.raw, self.pending, self.in_cdata = raw, b"", False

    def read(self, size: int = -1) -> bytes:
        from html.entities import html5

        out: list[bytes] = []
        while not out or (chunk and not any(out)):  # b"" only at the end of the file, as a parser expects
            chunk = self.raw.read(_READ_CHUNK if size is None or size < 0 else max(size, _TOKEN_MAX))
            data, out, pos = self.pending + chunk, [], 0
            for match in _TOKEN.finditer(data):
                out.append(data[pos:match.start()])
                token, name, pos = match.group(), match.group(1), match.end()
                if name is None:
                    self.in_cdata = token.startswith(b"<")
                elif not self.in_cdata and name not in _XML_ENTITIES and (text := html5.get(name.decode() + ";")):
                    token = "".join(f"&#{ord(char)};" for char in text).encode()
                out.append(token)
            held = max(pos, len(data) - _TOKEN_MAX) if chunk else len(data)
            out.append(data[pos:held])
            self.pending = data[held:]
        return b"".join(out)


_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_DECLARED = re.compile(rb"\A(<\?xml[^>]*?\sencoding\s*=\s*)([\"'])[A-Za-z0-9._-]*\2")


class FromUtf16:
    """The binary file ``raw`` as UTF-8 when it begins with a UTF-16 byte-order mark (its declaration then says
    UTF-8 too), else as it is. Decoded in chunks; a broken surrogate becomes U+FFFD rather than an error."""

    def __init__(self, raw: BinaryIO):
        self.raw, self.decoder, self.pending, self.started = raw, None, b"", False

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.raw.close()

    def read(self, size: int = -1) -> bytes:
        if not self.started:
            self.started = True
            self.pending = self.raw.read(2)
            codec = next((codec for bom, codec in _BOMS if self.pending == bom), None)
            if codec is not None:  # the whole declaration is in the first chunk decoded
                self.decoder = codecs.getincrementaldecoder(codec)(errors="replace")
                self.pending = _DECLARED.sub(rb'\1"UTF-8"', self._decoded(_READ_CHUNK), count=1)
        whole = size is None or size < 0
        while whole or len(self.pending) < size:
            more = self._decoded(_READ_CHUNK) if self.decoder is not None else self.raw.read(-1 if whole else size)
            if not more:
                break
            self.pending += more
        out, self.pending = (self.pending, b"") if whole else (self.pending[:size], self.pending[size:])
        return out

    def _decoded(self, size: int) -> bytes:
        """The next ``size`` bytes of the file as UTF-8 (b"" at its end)."""
        out = b""
        while not out:  # one odd byte decodes to nothing yet: read on
            chunk = self.raw.read(size)
            out = self.decoder.decode(chunk, final=not chunk).encode("utf-8")
            if not chunk:
                break
        return out


class ExportStream:
    """The complete elements ``level`` deep in the XML at ``path`` (the root is level 1), each dropped once used.

    Iterating yields elements, or one :class:`~.model.Failed` and then stops:
    the file's XML is broken, declares entities, nests deeper than
    ``max_depth`` or cannot be read. ``parent`` (if given) says which element
    at ``level - 1`` holds them (``<channel>``); :attr:`found_parent` tells
    whether one was seen. ``writer`` names the program that writes the file,
    ``again`` how to export again, and ``after()`` what was read before an error.
    ``opener`` and ``name`` read a member of an archive instead, streamed as a file is.
    """

    def __init__(self, path: Path, level: int, *, writer: str, again: str, after: Callable[[], str],
                 parent: Callable[[str], bool] | None = None, max_depth: int | None = None,
                 opener: Callable[[], BinaryIO] | None = None, name: str = ""):
        self.path, self.level, self.writer, self.again = path, level, writer, again
        self.name = name or path.name
        opened = opener or (lambda: open(path, "rb"))
        self.open = lambda: FromUtf16(opened())
        self.after, self.parent, self.max_depth = after, parent, max_depth
        self.found_parent = False

    def __iter__(self) -> Iterator:
        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import ParseError, iterparse

        from .model import Failed

        depth, holder = 0, None
        try:
            with self.open() as fh:
                for event, element in iterparse(HtmlEntities(fh), events=("start", "end")):
                    if event == "start":
                        depth += 1
                        if depth == self.level - 1 and (self.parent is None or self.parent(element.tag)):
                            holder, self.found_parent = element, True
                        elif self.max_depth is not None and depth > self.max_depth:
                            yield Failed(self.name, f"XML nested more than {self.max_depth} levels deep; "
                                         f"a {self.writer} export is not, so this is not one ({self.again})")
                            return
                        continue
                    depth -= 1
                    if depth == self.level - 1 and holder is not None:
                        yield element  # complete: the reader uses it, then it is dropped
                        holder.remove(element)
        except DefusedXmlException as exc:
            yield Failed(self.name, entities_refused(exc, self.writer, self.again))
        except ParseError as exc:
            yield Failed(self.name, parse_error_message(self.name, self.open, exc, self.after(), again=self.again,
                                                        writer=self.writer))
        except LookupError as exc:
            yield Failed(self.name, f"declares an encoding Python does not know ({exc}); fix the "
                         f"encoding=\"…\" in the first line ({self.writer} writes UTF-8)")
        except OSError as exc:
            yield Failed(self.name, f"cannot read: {exc.strerror or exc}")
