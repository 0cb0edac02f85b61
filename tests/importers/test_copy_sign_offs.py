"""A comment that ends with its sign-off ("Viele Grüße," over "Maja", "LG netta", "Kind regards,") keeps it: the
sign-off is never the next comment's author, and the name under a lone sign-off is the signature of the comment above,
not a header (issue 28). The shape is a comments plugin's whose date sits under each comment's buttons."""

from __future__ import annotations

import pytest

from .builders import read_copy_lines

BUTTONS = "Daumen hoch0Daumen runter  Antworten"


def _thread(sign_off: str, signature: list[str]) -> list[str]:
    return [
        "Lemon Sheet Cake", "Posted on May 4, 2024 by Kathrin Lau", "",
        "The sheet cake bakes in twenty-five minutes and keeps for three days in a tin, wrapped in a clean towel.", "",
        "The glaze sets within the hour if the kitchen is cool, and a little zest on top keeps it fresh.", "",
        "5 Kommentare", "",
        "Ilse", "", "I baked it for my sister's birthday and the glaze set beautifully in the cold kitchen.",
        sign_off, *signature, "", BUTTONS, "25. September 2024 22:07",
        "Tom", "", "How large should the tray be for a double batch of the dough, and does the time change?", "",
        BUTTONS, "26. September 2024 09:37",
        "Nora", "", "Made it twice already this month, the zest on top is the trick that makes all the difference.", "",
        BUTTONS, "27. September 2024 10:15", "",
    ]


@pytest.mark.parametrize("sign_off,signature", [
    ("Viele Grüße,", ["Ilse"]), ("Viele liebe Grüße", ["Ilse"]), ("Kind regards,", ["Ilse"]), ("LG ilse", []),
    ("Cheers", ["Ilse"]),
])
def test_a_sign_off_and_its_name_stay_in_their_comment(tmp_path, sign_off, signature):
    post = read_copy_lines(tmp_path, _thread(sign_off, signature))
    assert [c.author for c in post.comments] == ["Ilse", "Tom", "Nora"]
    assert sign_off in post.comments[0].body or sign_off.rstrip(",") in post.comments[0].body
    assert "double batch" in post.comments[1].body and "zest on top is the trick" in post.comments[2].body


@pytest.mark.parametrize("line", ["Viele Grüße", "LG netta", "Liebe Grüße", "Kind regards", "Saludos", "Cordialement"])
def test_a_sign_off_is_no_commenters_name(line):
    from essaykit.importers.text_headers import name_text

    assert not name_text(line)
