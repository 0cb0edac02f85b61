"""A text copy's writer named on a line of their own by the headline (essaykit.importers.text_meta_row's
label_over_name and name_over_role, through read_text_copy): under a byline's label with a blank line between, under
"AUTOR/IN" or "Published by"; over their role, their handle, their address or the link to their account."""

from __future__ import annotations

import pytest

from essaykit.importers.text_meta_row import name_over_role

from .canal_copy import DE, EN, ES, canal_copy


@pytest.mark.parametrize("head, prose", [
    ("Autor\n\nIlse Varga,", DE),  # a blank line between the label and the name, a comma after it
    ("AUTOR/IN\nIlse Varga", DE),
    ("Published by\nIlse Varga", EN),
    ("\nIlse Varga\nPolitical Editor\n@ilsevarga", EN),
    ("Ilse Varga\nPeriodista Judicial\n4 de mayo de 2022", ES),
    ("Ilse Varga\nTwitter\n19 FEB 2020 - 18:37 CET", ES),
    ("Ilse Varga\nivarga@example.com.br\n04.05.2022, 05:45:00", ES),
])
def test_the_writers_line_by_the_headline_names_the_author(tmp_path, head, prose):
    assert canal_copy(tmp_path, head, prose).author == "Ilse Varga"


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
