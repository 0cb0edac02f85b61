"""A notice that the reader's browser is too old ("Der Browser wird leider nicht mehr unterstützt!", "Please update
your browser") is page furniture in the languages read, never a copy's headline; a headline about browsers stays one
(issue 28)."""

from __future__ import annotations

import pytest

from essaykit.importers.text_controls import control_line

from .builders import read_copy_lines


@pytest.mark.parametrize("line", [
    "Der Browser wird leider nicht mehr unterstützt!", "Your browser is not supported.", "Please update your browser",
    "Votre navigateur n'est plus pris en charge", "Tu navegador está desactualizado", "Aggiorna il tuo browser",
    "You are using an outdated browser.", "Ihr Browser ist veraltet",
    "Achtung: Bitte aktualisiere deinen Browser, sonst fehlen Teile der Seite!",
])
def test_a_browser_notice_is_a_control_line(line):
    assert control_line(line)


@pytest.mark.parametrize("line", [
    "The Best Browser for Privacy in 2026", "Why I Switched Browsers After Ten Years",
    "Browser Extensions Are Not Supported Everywhere: A Review", "How to Update Your Browser on an Old Laptop",
])
def test_a_headline_about_browsers_is_not(line):
    assert not control_line(line)


def test_the_headline_under_a_browser_notice_is_the_title(tmp_path):
    prose = ("Our shops now sell fruit from farms within a day's drive, and the crates come back to the farms to be "
             "filled again instead of being thrown away after one trip.")
    post = read_copy_lines(tmp_path, [
        "Market Hall", "Shops", "Recipes", "Offers", "Account", "",
        "Der Browser wird leider nicht mehr unterstützt!",
        "Um die Seite richtig anzuzeigen, verwende bitte einen dieser Browser:", "Firefox", "Chrome", "Edge", "",
        "Crates That Come Back", "", prose, "", prose.replace("fruit", "vegetables"), "",
        prose.replace("shops", "markets"), "", "Imprint", "Privacy"])
    assert post.title == "Crates That Come Back"
