"""An export's XML read as a stream, and what went wrong in it said so its owner can fix it.

WordPress and Blogger exports are read element by element: each complete
element at one level is handed over, then dropped, so memory holds what the
reader keeps, not the file. defusedxml refuses entity declarations (no
export writes them; they are how entity-expansion and external-entity
attacks start) and fetches nothing. Errors are decided on expat's error
codes (``ParseError.code``), never on the message's words.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO
from xml.parsers.expat import errors as expat_errors

_READ_CHUNK = 1 << 16

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
        self.open = opener or (lambda: open(path, "rb"))
        self.after, self.parent, self.max_depth = after, parent, max_depth
        self.found_parent = False

    def __iter__(self) -> Iterator:
        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import ParseError, iterparse

        from .model import Failed

        depth, holder = 0, None
        try:
            with self.open() as fh:
                for event, element in iterparse(fh, events=("start", "end")):
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
