"""Bylines and date lines under a copied post's title (importers.text_patterns.read_byline)."""

from __future__ import annotations

import pytest

from essaykit.importers.text_patterns import read_byline


@pytest.mark.parametrize("line, author, date", [
    ("Posted on March 3, 2025 by Inga Saar", "Inga Saar", "March 3, 2025"),
    ("Published March 3, 2025 by Inga Saar", "Inga Saar", "March 3, 2025"),  # no "on" before the date
    ("By Inga Saar · March 3, 2025", "Inga Saar", "March 3, 2025"),
])
def test_bylines_give_author_and_date(line, author, date):
    assert read_byline(line) == (author, date)


@pytest.mark.parametrize("line", [
    "Stand by me is the film it keeps quoting.",
    "Down by the river, the ferry waits.",
    "par la fenêtre, on voit la mer",
])
def test_prose_with_by_is_no_byline(line):
    assert read_byline(line) is None
