"""A text copy's comment dates are read as the copy's post date is: in the language the copy is written in, with
the month names of the languages its readers write (essaykit.importers.text_byline.CopyDates)."""

from __future__ import annotations

import pytest

from essaykit.importers.names import parse_loose_date
from essaykit.importers.text import read_text_copy

_FR = ("Le gardien de l'écluse ouvre les portes à six heures, et il ne les ferme que lorsque la dernière péniche est "
       "passée. Puis il rentre chez lui, mais pas avant d'avoir allumé les lanternes sur le quai.\n\n")
_EN = ("The lock keeper opens the gates at six, and he does not close them until the last barge is through. Then he "
       "walks home, but not before he has lit the lanterns on the jetty and written the day in his book.\n\n")
_PL = ("Dozorca śluzy otwiera wrota o szóstej i nie zamyka ich, dopóki ostatnia barka nie przepłynie. Potem wraca do "
       "domu, ale dopiero gdy zapali latarnie na pomoście i zapisze dzień w swojej księdze, jak co wieczór.\n\n")


def _comments(tmp_path, head: str, body: str, heading: str, comments: list[tuple[str, str, str]], reply: str):
    text = head + body * 4 + heading + "\n\n" + "".join(f"{name}\n{when}\n\n{said}\n\n{reply}\n\n"
                                                        for name, when, said in comments)
    path = tmp_path / "copy.txt"
    path.write_text(text, encoding="utf-8")
    [post] = read_text_copy(path)
    return post, {c.author: c for c in post.comments}


def test_a_french_copys_comment_dates_are_read_day_first(tmp_path):
    post, by = _comments(tmp_path, "Le Journal de l'Écluse\nAccueil\n\nLa porte de six heures\nPar Inès Varga\n12/04/2019\n\n",
                         _FR, "2 réponses à « La porte de six heures »",
                         [("Marie Dubois", "03/04/2019 à 17:49", "Très beau texte, merci pour ces lanternes."),
                          ("Paul Martin", "05/04/2019 à 09:12", "Je passe souvent par cette écluse le dimanche.")],
                         "Répondre")
    assert by["Marie Dubois"].created.isoformat()[:16] == "2019-04-03T17:49"
    assert by["Paul Martin"].created.isoformat()[:10] == "2019-04-05"
    assert any("comment 1: date '03/04/2019 à 17:49' read as 2019-04-03 (day first: the copy is written in 'fr')" in g
               for g in post.guessed), post.guessed


def test_an_english_copys_comment_dates_stay_month_first(tmp_path):
    _, by = _comments(tmp_path, "Canal Weekly\nHome\n\nThe Lock at Six\nBy Ilse Varga\n\n", _EN, "2 Comments",
                      [("Kay Moss", "03/04/2019 at 5:49 pm", "Lovely piece, thank you for the lanterns."),
                       ("Ana Ruiz", "05/04/2019 at 9:12 am", "I walk past that lock on Sundays.")], "Reply")
    assert by["Kay Moss"].created.isoformat()[:10] == "2019-03-04"


def test_a_polish_copys_comment_dates_with_month_names_are_read(tmp_path):
    _, by = _comments(tmp_path, "Dziennik Śluzy\nStrona główna\n\nBrama o szóstej\nprzez Jana Kowalska\n\n", _PL,
                      "2 komentarze",
                      [("Marek Nowak", "18 lutego 2021 o 21:09", "Piękny tekst, dziękuję za te latarnie."),
                       ("Ewa Wiśniewska", "3 marca 2021 o 08:15", "Często przechodzę obok tej śluzy w niedzielę.")],
                      "Odpowiedz")
    assert by["Marek Nowak"].created.isoformat()[:16] == "2021-02-18T21:09"
    assert by["Ewa Wiśniewska"].created.isoformat()[:10] == "2021-03-03"


@pytest.mark.parametrize("written, want", [
    ("2019年3月4日", "2019-03-04"), ("2019年3月4日 10:21", "2019-03-04"), ("2019년 3월 4일", "2019-03-04"),
    ("4 grudnia 2019 16:32", "2019-12-04"), ("3 mei 2020 om 10:30", "2020-05-03"), ("maart 3, 2020", "2020-03-03"),
])
def test_dates_written_in_more_languages_are_read(written, want):
    assert parse_loose_date(written).isoformat()[:10] == want


@pytest.mark.parametrize("written", ["2019年13月45日", "31/31/2019", "lutego", "o 21:09"])
def test_what_only_looks_like_a_date_is_none(written):
    assert parse_loose_date(written) is None


@pytest.mark.parametrize("written, language", [
    ("vor 2 Stunden, 2020", "de"), ("gestern, 17:49 Uhr 2020", "de"), ("2 days ago, 2021", "en"),
    ("hace 3 días, 2021", "es"), ("- 2 min 2 min - 2020-04-04 2020-04-04", "de"),  # a video's runtime by its date
])
def test_a_relative_date_is_none(written, language):
    # read against the import's clock it would be an invented date: the day depends on when the page was seen
    assert parse_loose_date(written, language) is None
