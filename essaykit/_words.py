"""Small helpers for the sentences essaykit prints: plurals and one-line excerpts."""

from __future__ import annotations


def plural(count: int, word: str, words: str | None = None) -> str:
    """``count`` and the noun in the right number: ``plural(1, "essay")`` is "1 essay"."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


def excerpt(text: str, width: int) -> str:
    """``text`` on one line, cut at ``width`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
