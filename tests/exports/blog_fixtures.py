"""Essays and images for the blog-feature tests (footnotes, figures, site, drafts), written here by hand."""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path


def md(source: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": source}


def nb(cells: list[dict], **essay) -> dict:
    return {"nbformat": 4, "nbformat_minor": 5, "cells": cells,
            "metadata": {"essay": essay, "kernelspec": {"name": "python3", "display_name": "Python 3"}}}


def write(folder: Path, name: str, notebook: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


def png(width: int, height: int, rgb=(120, 90, 60), *, padding: int = 0) -> bytes:
    """A real PNG of one colour; ``padding`` adds an ancillary chunk of that many bytes."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    parts = [b"\x89PNG\r\n\x1a\n", chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))]
    if padding:
        parts.append(chunk(b"tEXt", b"Comment\x00" + b"x" * padding))
    parts += [chunk(b"IDAT", zlib.compress(raw)), chunk(b"IEND", b"")]
    return b"".join(parts)


REVIEW = [
    md("# Trains at dusk\n\nThe film opens on a platform[^platform] and never quite leaves it.[^long]"),
    md("![A grey platform under rain](stills/platform.png \"The platform in the first reel\")\n\n"
       "The second half drifts.[^drift]"),
    md("[^platform]: Shot at a real station, closed for the purpose.\n\n"
       "[^long]: Ninety minutes, of which eighty on the platform.\n\n"
       "[^drift]: Some call it a flaw; I call it weather."),
]


def review_folder(folder: Path) -> Path:
    """Three dated essays (one with footnotes and a figure), one draft and one scheduled."""
    (folder / "stills").mkdir(parents=True, exist_ok=True)
    (folder / "stills" / "platform.png").write_bytes(png(320, 180))
    write(folder, "trains.ipynb", nb(REVIEW, title="Trains at Dusk", date="2026-03-01", author="Mara Quill",
                                       tags=["slow cinema", "trains"], summary="A platform, a rain, a film."))
    write(folder, "harbour.ipynb", nb([md("Boats, mostly.")], title="Harbour Lights", date="2026-02-01",
                                        tags=["slow cinema"]))
    write(folder, "orchard.ipynb", nb([md("Apples in fog.")], title="The Orchard", date="2026-01-01"))
    write(folder, "wip.ipynb", nb([md("Not ready.")], title="Half Written", date="2026-02-15", draft=True,
                                    tags=["trains"]))
    write(folder, "later.ipynb", nb([md("Coming soon.")], title="Next Season", date="2999-01-01"))
    return folder
