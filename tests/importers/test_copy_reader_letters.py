"""Readers' letters in a text copy: "NAME / DATE" headers under a heading such as "Leserpost" (issue 28).

German news sites print their readers' comments under "Leserbriefe", "Leserpost" or "Leserkommentare", each one
under its writer's name and the day ("Mara Olsen / 12.03.2026"), with no reply link; a Blogger theme may call its
comments "3 Meinungen". The same "NAME / DATE" shape over a paragraph, again and again, is a list (of comments or of
teasers), never the post's headline and byline. Each fixture was written for essaykit in the shape a browser's copy
of such a page has; the names and words are invented.
"""

from __future__ import annotations

from essaykit.importers.text_headers import comments_start, header_run

from .builders import approved_names, read_copy_lines

PROSE = ("Der Fährbetrieb auf dem See ruht seit dem Frühjahr, und niemand im Dorf weiß so recht, wann das alte Schiff "
         "wieder fahren wird, obwohl die Gemeinde im Herbst neue Pläne vorgelegt hat.")
MORE = ("Wer im Winter mit dem Bus fahren muss, steht oft eine halbe Stunde an der Haltestelle, und die Kinder kommen "
        "zu spät zur Schule, während der Gemeinderat über Gutachten redet und nichts geschieht.")
LETTERS = (("Mara Olsen", "Endlich schreibt einmal jemand darüber, wie lange wir schon auf die Fähre warten müssen."),
           ("Ilka Brand", "Danke für den Artikel, gut geschrieben!"),  # a short letter has a headline's length
           ("Tobias Wirth", "@Mara Olsen Ganz Ihrer Meinung, der Umweg über die Brücke kostet jeden Tag eine Stunde."),
           ("Jonas Petri", "Ich fahre seit Jahren mit dem Rad um den See und vermisse die Fähre trotzdem sehr."))


def _news_page(heading: str) -> list[str]:
    """A news site's copy: menus, the author's byline over the headline (with a "read aloud" button between), the
    article, then the readers' letters under ``heading`` and a list of the author's other pieces."""
    lines = ["start: heute: archiv: suche: kontakt:", "Ruth Amsel", "Ruth Amsel / 14.03.2026 / 06:15 / Foto: Seeblick / 42 /",
             "Vorlesen", "Die Fähre, die nicht mehr fährt", "Stillstand", "", PROSE, "", PROSE, "", PROSE, "",
             "Kategorien: Dorf: See:", heading, ""]
    for name, text in LETTERS:
        lines += [f"{name} / 14.03.2026", "", text if len(text) < 60 else f"{text} {MORE}", ""]
    lines += ["Weitere anzeigen", "1", "2", "›", "Leserbrief schreiben:", "",
              "Leserbriefe können nur am Tag des Artikels eingereicht werden.", "", "Verwandte Themen"]
    for day, title in (("02.03.2026", "Der Steg am Nordufer wird erneuert"), ("20.02.2026", "Neue Bänke am Hafen"),
                       ("11.02.2026", "Das Eis auf dem See trägt nicht")):
        lines += [f"Ruth Amsel / {day} / 06:00 / 17", title, "", f"{title}: was die Gemeinde plant und was es kostet…/ mehr", ""]
    return lines


def test_letters_under_a_readers_heading_are_comments_and_never_the_headline(tmp_path):
    post = read_copy_lines(tmp_path, _news_page("Leserpost"))
    assert post.title == "Die Fähre, die nicht mehr fährt"  # not a letter over its writer's "NAME / DATE"
    assert approved_names(post) == [name for name, _ in LETTERS]
    assert [c.created.day for c in post.comments if c.status == "approved"] == [14] * len(LETTERS)
    bodies = " ".join(c.body for c in post.comments)
    assert "Weitere anzeigen" not in bodies and "Steg am Nordufer" not in bodies  # the buttons and the teasers
    assert "Endlich schreibt" not in " ".join(post.blocks)


def test_the_readers_heading_words_in_german(tmp_path):
    for heading in ("Leserbriefe", "Leserkommentare", "Leser-Kommentare (4)", "4 Leserkommentare", "Leserstimmen",
                    "3 Meinungen:"):
        assert comments_start(heading), heading
    for line in ("Meinungen", "Leserbriefe können nur am Tag des Artikels eingereicht werden.", "Meinungen zum Hafen"):
        assert not comments_start(line), line
    assert approved_names(read_copy_lines(tmp_path, _news_page("Leserbriefe"))) == [name for name, _ in LETTERS]


def test_the_same_header_shape_without_a_heading_is_held(tmp_path):
    """With no heading, no "says" and no reply link, the run of "NAME / DATE" headers proves nothing: held."""
    lines = [line for line in _news_page("") if line not in ("Weitere anzeigen", "Leserbrief schreiben:")]
    post = read_copy_lines(tmp_path, lines)
    assert post.title == "Die Fähre, die nicht mehr fährt"
    assert approved_names(post) == []


def test_a_header_run_needs_three_headers_of_one_shape_each_over_its_own_text():
    letters = ["Mara Olsen / 14.03.2026", "Schön.", "Tobias Wirth / 14.03.2026", "Gut.", "Ilka Brand / 15.03.2026", "Ja."]
    assert all(header_run(letters, i) for i in (0, 2, 4))
    assert not header_run(letters[:4], 0)  # two are no run
    assert not header_run(["Mara Olsen / 14.03.2026", "Tobias Wirth / 14.03.2026", "Ilka Brand / 15.03.2026"], 0)
    mixed = ["Mara Olsen / 14.03.2026", "Schön.", "Tobias Wirth – 14.03.2026", "Gut.", "Ilka Brand / 15.03.2026", "Ja."]
    assert not header_run(mixed, 0)  # another separator is another shape
    assert not header_run(["Die Fähre / Der See", "Text.", "Die Brücke / Der Weg", "Text.", "Das Ufer / Der Steg"], 0)


def test_a_blogger_count_of_opinions_ends_the_article(tmp_path):
    post = read_copy_lines(tmp_path, ["Die Fähre, die nicht mehr fährt", "März 14, 2026", "", PROSE, "", PROSE, "",
                            "März 14, 2026 / Ruth / 1 Meinungen / Dorf", "1 Meinungen:", "Mara Olsen", "",
                            "Endlich schreibt einmal jemand darüber, wie lange wir schon warten.", "",
                            "AntwortenLöschen", "Antworten", "Kommentar hinzufügen", "Weitere laden...", "",
                            "Neuerer Post Älterer Post"])
    assert [c.author for c in post.comments] == ["Mara Olsen"]  # no "Weitere laden..." after the form's link
    assert "Endlich schreibt" not in " ".join(post.blocks)
