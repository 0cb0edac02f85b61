"""The HTTP ``Link`` header (RFC 8288), as far as endpoint discovery needs it.

    Link: <https://example.org/wm>; rel="webmention", </other>; rel="alternate"

A header may hold several links separated by commas, a response may carry
several Link headers, URIs may contain commas and semicolons inside ``<>``,
parameter values may be quoted (with backslash escapes), and ``rel`` may
list several space-separated relation types in any case.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator


def parse(values: Iterable[str]) -> Iterator[tuple[str, dict[str, str]]]:
    """Each link of the headers ``values`` as (URI reference, parameters with lower-case names)."""
    for value in values:
        yield from _parse_one(value or "")


def _parse_one(text: str) -> Iterator[tuple[str, dict[str, str]]]:
    i, n = 0, len(text)
    while i < n:
        start = text.find("<", i)
        if start < 0:
            return
        end = text.find(">", start + 1)
        if end < 0:
            return
        uri = text[start + 1:end].strip()
        i = end + 1
        params: dict[str, str] = {}
        while i < n:
            while i < n and text[i] in " \t":
                i += 1
            if i >= n or text[i] == ",":
                i += 1
                break
            if text[i] != ";":
                # Junk between links: skip to the next comma outside quotes.
                i = _skip_to_comma(text, i)
                break
            i += 1
            name_start = i
            while i < n and text[i] not in "=;,":
                i += 1
            name = text[name_start:i].strip().lower()
            value = ""
            if i < n and text[i] == "=":
                i += 1
                while i < n and text[i] in " \t":
                    i += 1
                if i < n and text[i] == '"':
                    i += 1
                    chars = []
                    while i < n and text[i] != '"':
                        if text[i] == "\\" and i + 1 < n:
                            i += 1
                        chars.append(text[i])
                        i += 1
                    i += 1
                    value = "".join(chars)
                else:
                    value_start = i
                    while i < n and text[i] not in ";,":
                        i += 1
                    value = text[value_start:i].strip()
            if name and name not in params:  # RFC 8288: only the first rel counts
                params[name] = value
        yield uri, params


def _skip_to_comma(text: str, i: int) -> int:
    quoted = False
    while i < len(text):
        ch = text[i]
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            return i + 1
        i += 1
    return i


def find_rel(values: Iterable[str], rel: str) -> str | None:
    """The URI reference of the first link whose ``rel`` includes ``rel`` (case-insensitive), or None."""
    rel = rel.lower()
    for uri, params in parse(values):
        if rel in params.get("rel", "").lower().split():
            return uri
    return None
