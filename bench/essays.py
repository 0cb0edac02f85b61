"""Generate many plausible essay notebooks for benchmarks and load tests.

    from bench.essays import generate_essays
    paths = generate_essays(folder, 200, code_every=20)

Essays are deterministic (seeded), mostly text: about 900 words in six
sections with an inline spoiler and a spoiler block. Every ``code_every``-th
essay also has code cells (a printed table and an HTML output), so a build
starts a kernel for those only.
"""

from __future__ import annotations

import json
import random
import struct
import zlib
from datetime import date, timedelta
from pathlib import Path

_WORDS = (
    "road salt mule light winter valley letter monastery camera frame silence score actor scene story "
    "journey weight dust river town rail survey map patience labour grief memory hand voice window "
    "morning evening slow quiet long careful stubborn honest bright heavy sharp small strange kind "
    "walks carries watches waits turns folds burns loses finds keeps remembers answers refuses holds"
).split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, sentences: int = 5) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


_TAGS = ("drama", "documentary", "slow cinema", "comedy", "festival", "interview", "classic", "animation")


def still_png(width: int = 480, height: int = 270, shade: int = 0) -> bytes:
    """A small real PNG (one colour) for the essays' figures."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes((90 + shade, 80, 70)) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def essay_notebook(index: int, *, with_code: bool, seed: int = 7, blog: bool = False) -> dict:
    """One generated essay as a notebook dict. ``blog`` adds what a blog post has: two tags,
    footnotes and a captioned figure (``stills/still-N.png``, see :func:`generate_essays`)."""
    rng = random.Random(seed * 100003 + index)
    title = f"Essay {index:03d}: the {rng.choice(_WORDS)} and the {rng.choice(_WORDS)}"
    cells = [{"cell_type": "markdown", "metadata": {}, "source": _paragraph(rng, 6)}]
    for section in range(6):
        text = f"## Part {section + 1}: {rng.choice(_WORDS)}\n\n{_paragraph(rng)}\n\n{_paragraph(rng)}"
        if section == 2:
            text += f" Then ||{_sentence(rng)[:-1]}|| and the rest."
        cells.append({"cell_type": "markdown", "metadata": {}, "source": text})
        if section == 4:
            cells.append({"cell_type": "markdown", "metadata": {"tags": ["spoiler"]}, "source": _paragraph(rng)})
    if blog:
        cells.insert(2, {"cell_type": "markdown", "metadata": {}, "source":
                         f"![A still from the film](stills/still-{index % 5}.png \"{_sentence(rng)[:-1]}\")\n\n"
                         f"{_sentence(rng)[:-1]}.[^1] {_sentence(rng)[:-1]}.[^2]"})
        cells.append({"cell_type": "markdown", "metadata": {}, "source":
                      f"[^1]: {_sentence(rng)}\n\n[^2]: {_sentence(rng)}"})
    if with_code:
        cells.append({"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                      "source": "rows = [(n, n * n) for n in range(5)]\nfor n, sq in rows:\n    print(n, sq)"})
        cells.append({"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                      "source": "from IPython.display import HTML\nHTML('<p><strong>' + str(sum(range(10))) + '</strong> items</p>')"})
    for i, cell in enumerate(cells):
        cell["id"] = f"c{index}-{i}"
    day = date(2016, 1, 1) + timedelta(days=index * 3)  # all in the past: none is scheduled
    return {
        "nbformat": 4, "nbformat_minor": 5, "cells": cells,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
            "essay": {"title": title, "author": "Bench Writer", "date": day.isoformat(),
                      "summary": _sentence(rng), "rating": rng.randint(0, 10) / 2,
                      "slug": f"essay-{index:03d}",
                      "tags": ["bench", *rng.sample(_TAGS, 2)] if blog else ["bench"]},
        },
    }


def generate_essays(folder: Path, count: int, *, code_every: int = 20, blog: bool = False) -> list[Path]:
    """Write ``count`` essays into ``folder``; every ``code_every``-th one has code. Returns their paths.
    With ``blog``, essays have tags, footnotes and a figure, and the stills are written too."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if blog:
        (folder / "stills").mkdir(exist_ok=True)
        for n in range(5):
            (folder / "stills" / f"still-{n}.png").write_bytes(still_png(shade=n * 10))
    paths = []
    for i in range(count):
        path = folder / f"essay-{i:03d}.ipynb"
        nb = essay_notebook(i, with_code=code_every > 0 and i % code_every == 0, blog=blog)
        path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
        paths.append(path)
    return paths
