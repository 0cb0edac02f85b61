"""A comments heading whose count has a thousands separator ("1.977 commentaires", "2,304 comments") is one: the
comments under it are shown to be comments, and the count, far above what the copy holds, vouches for none (issue 28)."""

from __future__ import annotations

import pytest

from essaykit.importers import leftovers as lo

from .builders import read_copy_lines

HEAD = ["Sauvons le vieux kiosque", "Publié le 4 mars 2026 par Lina Morel", "",
        "Le kiosque du parc ferme ses volets cet hiver, et la mairie hésite encore entre le réparer et le remplacer "
        "par un abri de verre sans charme.", ""]


@pytest.mark.parametrize("heading, headers", [
    ("1.977 commentaires", ("Odile - Le 22/01/2026 à 12:01:03", "Bastien - Le 24/01/2026 à 18:19:59")),
    ("2,304 comments", ("Odile", "Bastien")),
    ("12.408 Kommentare", ("Odile", "Bastien")),
])
def test_a_count_in_thousands_heads_the_comments(tmp_path, heading, headers):
    dated = headers[0] != "Odile"
    lines = [heading]
    for name, words in zip(headers, ("Il faut garder le kiosque tel quel.", "Le verre ne tiendra pas dix ans.")):
        lines += [name] + ([] if dated else ["January 22, 2026 at 12:01 pm"]) + [words, "0" if dated else "Like", ""]
    post = read_copy_lines(tmp_path, HEAD + lines)
    got = [(c.author, c.status) for c in post.comments if c.kind == "comment"]
    assert got == [("Odile", "approved"), ("Bastien", "approved")]
    assert lo.heading_number(heading) is None  # no count that could vouch for what was found


def test_a_number_that_is_no_count_in_thousands_is_no_heading():
    assert not lo.comments_heading("2.5 comments") and not lo.comments_heading("1.97 Kommentare")
