"""A text copy's writer named on a line of their own by the headline (essaykit.importers.text_meta_row's
label_over_name and name_over_role, through read_text_copy): under a byline's label with a blank line between, under
"AUTOR/IN" or "Published by"; over their role, their handle, their address or the link to their account."""

from __future__ import annotations

import pytest

from essaykit.importers.text import read_text_copy
from essaykit.importers.text_meta_row import name_over_role

_DE = ("Der Schleusenwärter öffnet die Tore um sechs, und er schließt sie erst, wenn der letzte Kahn durch ist. Dann "
       "geht er heim, aber erst, wenn er die Laternen am Steg angezündet und den Tag in sein Buch geschrieben hat.\n\n")
_ES = ("El guardián de la esclusa abre las compuertas a las seis y no las cierra hasta que pasa la última barcaza. "
       "Luego vuelve a casa, pero antes enciende los faroles del muelle y anota el día en su libro.\n\n")
_EN = ("The lock keeper opens the gates at six, and he does not close them until the last barge is through. Then he "
       "walks home, but not before he has lit the lanterns on the jetty and written the day in his book.\n\n")


def _copy(tmp_path, head: str, prose: str):
    path = tmp_path / "copy.txt"
    path.write_text(f"Startseite\nKanäle\nKontakt\n\nDie Schleuse um sechs\nEin langer Tag am Kanal.\n{head}\n\n" + prose * 4,
                    encoding="utf-8")
    [post] = read_text_copy(path)
    return post


@pytest.mark.parametrize("head, prose", [
    ("Autor\n\nIlse Varga,", _DE),  # a blank line between the label and the name, a comma after it
    ("AUTOR/IN\nIlse Varga", _DE),
    ("Published by\nIlse Varga", _EN),
    ("\nIlse Varga\nPolitical Editor\n@ilsevarga", _EN),
    ("Ilse Varga\nPeriodista Judicial\n4 de mayo de 2022", _ES),
    ("Ilse Varga\nTwitter\n19 FEB 2020 - 18:37 CET", _ES),
    ("Ilse Varga\nivarga@example.com.br\n04.05.2022, 05:45:00", _ES),
])
def test_the_writers_line_by_the_headline_names_the_author(tmp_path, head, prose):
    assert _copy(tmp_path, head, prose).author == "Ilse Varga"


@pytest.mark.parametrize("role", ["Redakteurin im Ressort Wasser und Wege", "Korrespondent in Wien", "Jornalista"])
def test_a_role_in_other_languages_under_the_name(role):
    assert name_over_role(["Die Schleuse um sechs", "", "Ilse Varga", role, "5. Mai 2022"], 0) == (2, "Ilse Varga")


@pytest.mark.parametrize("lines", [
    ["Die Schleuse um sechs", "Neue Wege", "Der Redakteur hat den Text am Abend geschrieben und ihn dann gelesen."],
    ["Die Schleuse um sechs", "Kanäle", "Political Editor"],  # one word: a section as often as a name
    ["Ilse Varga", "Die Schleuse um sechs", "Political Editor"],  # over the headline: no writer's line of its
])
def test_no_name_without_a_whole_name_over_a_role(lines):
    assert name_over_role(lines, 1 if lines[0] == "Ilse Varga" else 0) is None


def test_a_row_of_share_buttons_is_no_writers_account():
    lines = ["The Lock at Six", "Tags", "Canal Locks", "Facebook", "Twitter", "Reddit", "Email"]
    assert name_over_role(lines, 0) is None
