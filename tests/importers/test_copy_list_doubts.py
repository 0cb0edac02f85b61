"""What a "comment" of a text copy says can show that it is another part of the page with a comment header's shape:
the last related post over the comments heading's count, a list of other posts with their dates, an events list, a
menu under a name and a date, a forum's list of similar threads with its counts, the comment form's cancel link over
the first commenter's name. Such text is held for review with its reason, never approved; the real comments around
it keep their names (issue 28)."""

from __future__ import annotations

import pytest

from .builders import read_copy_lines

PROSE = ("The ferry leaves the harbour at seven, and the islands come out of the fog one after the other while the "
         "gulls follow the wake all the way to the last pier.")
HEAD = ["Island Hopping in the Fog", "Posted on March 4, 2026 by Ruth Amsel", "", PROSE, "", PROSE.replace("gulls", "terns"), ""]


def approved(post) -> list[tuple[str, str]]:
    return [(c.author, c.body[:20]) for c in post.comments if c.kind == "comment" and not c.reason]


@pytest.mark.parametrize("count", ["17 Discussion to this post", "91 Ergänzungen", "12 réactions à cet article"])
def test_a_count_under_the_last_related_post_is_no_comment(tmp_path, count):
    post = read_copy_lines(tmp_path, HEAD + [
        "Related", "Yellow Coats for Grey Days", "On January 13, 2026", "Harbour Lights", "On January 25, 2026",
        count, " Ilse Varga says:", "March 5, 2026 at 10:12", "",
        "The fog photos are lovely, thank you for the ferry times.", "", "Reply",
        " Tom Weller says:", "March 6, 2026 at 09:05", "", "We took the seven o'clock ferry and saw the seals.", "",
        "Reply", ""])
    assert not any(c.body.startswith(count) and not c.reason for c in post.comments)
    assert [a for a, _ in approved(post)] == ["Ilse Varga", "Tom Weller"]


@pytest.mark.parametrize("cancel, submit, said", [("Anuluj", "Dodaj komentarz", "wtorek, 11 maja 2026, 23:13"),
                                                  ("Cancel reply", "Post Comment", "May 11, 2026 at 11:13 pm"),
                                                  ("Cancelar respuesta", "Publicar comentario", "11 de mayo de 2026, 23:13")])
def test_the_form_s_cancel_link_is_no_commenter_s_name(tmp_path, cancel, submit, said):
    post = read_copy_lines(tmp_path, HEAD + [
        "Comments: 2", "Your comment", "Your name", cancel, submit, "Welmo", said, "",
        "Ganz klar, die Fähre um sieben ist die beste, vor allem im Nebel.", "", "Reply",
        "Karsu", said.replace("11", "12"), "", "Wir waren auch dort und haben die Robben gesehen.", "", "Reply", ""])
    names = [c.author for c in post.comments if c.kind == "comment"]
    assert cancel not in names and submit not in names
    assert [a for a, _ in approved(post)] == ["Welmo", "Karsu"]


def test_a_list_of_other_posts_with_their_dates_is_held(tmp_path):
    post = read_copy_lines(tmp_path, HEAD + [
        "2 Kommentare", "Ilse Varga 5. März 2026", "", "Schöne Fotos, danke für die Fahrzeiten der Fähre.", "", "Antworten",
        "Die Kommentarfunktion ist geschlossen.", "", "Seiten", "Suchen", "Neue Texte", "Die Laterne am Kai 12 Dezember, 2025",
        "Von Nebel und Möwen 8 April, 2025", "Nördliche Fährgeschichten 7 April, 2025", "Mehr Brot für die Überfahrt? 4 April, 2025",
        "[KM] Der letzte Steg. 3 April, 2025", "Neueste Kommentare", "Ilse Varga bei Die Laterne am…", ""])
    assert [a for a, _ in approved(post)] == ["Ilse Varga"]
    assert not any("Überfahrt" in c.body and not c.reason for c in post.comments)


def test_an_events_list_and_a_menu_under_a_name_and_a_date_are_held(tmp_path):
    post = read_copy_lines(tmp_path, HEAD + [
        "3 Comments", "Ilse Varga", "March 5, 2026 at 10:12", "",
        "The fog photos are lovely, thank you for the ferry times.", "", "Reply", "Events",
        "Harbour walk with the pilots in Northport!", "13.11.26 18:30 Uhr",
        "Lantern evening at the old pier!", "14.11.26 19:00 Uhr",
        "Ferry Club North", "15.11.26 18:00 Uhr", "Seal watching for beginners in Southport!", "16.11.26 18:30 Uhr",
        "Ferry Club South", "20.12.26 18:00 Uhr", "Gallery", "Old Boats (9)", "Harbour Nights (5)", "Nets and Ropes (14)",
        "Top News", "Archive", ""])
    assert [a for a, _ in approved(post)] == ["Ilse Varga"]


def test_a_forum_s_similar_threads_with_their_counts_give_no_comment(tmp_path):
    post = read_copy_lines(tmp_path, HEAD + [
        "Antwort erstellen", "Ähnliche Themen", "Die Katze schläft nur noch im Schrank", "Welmo2020",
        "5. September 2025", "Gesundheit", "4 5 6", "Antworten", "115", "Aufrufe", "22K", "28. Oktober 2025", "karsu-80",
        "N", "Teilen:", ""])
    assert approved(post) == []


@pytest.mark.parametrize("mark", [":", "：", "::"])
def test_a_mark_after_a_forum_s_date_is_not_the_comment_s_text(tmp_path, mark):
    post = read_copy_lines(tmp_path, HEAD + [
        "2 commentaires", " Ilse Varga", "(22 juin 2026 @11h29) ", mark, "",
        "même argument", "", "La fête du port est la meilleure de la côte, à mon avis.", "",
        " Tom Weller", "(22 juin 2026 @11h41) ", mark, "", "Les phoques sont revenus au printemps, je les ai vus.", ""])
    comments = [c for c in post.comments if c.kind == "comment" and c.author in ("Ilse Varga", "Tom Weller")]
    assert len(comments) == 2 and all(c.body[:1].isalnum() for c in comments)


def test_a_commenter_s_own_mark_over_the_text_stays(tmp_path):
    post = read_copy_lines(tmp_path, HEAD + [
        "2 Antworten zu Island Hopping", " Welmo-1007 schreibt:", "29. Mai 2026 um 11:06", "", "?",
        "Am Anfang kommt man gut mit, dann wird der Text zu lang für mich.", "", "Antworten", ""])
    assert [c.body.split("\n")[0].strip("\\") for c in post.comments if c.author == "Welmo-1007"] == ["?"]


def test_a_reader_s_own_list_and_count_stay_approved(tmp_path):
    """The same shapes inside real comments, each closed by its reply button: a list of changes to a recipe, a
    count that opens the text."""
    post = read_copy_lines(tmp_path, HEAD + [
        "3 Kommentare", " Welmo sagt:", "Februar 1, 2026 um 12:28 pm", "", "Etwas mehr Milch", "Natron dazu",
        "1 Pack Vanillezucker", "2 Eier mehr", "", "Antworten",
        " Karsu sagt:", "Februar 2, 2026 um 9:10 am", "", "250 Gramm Mehl", "", "…so viel Butter wie Mehl? Sicher nicht.", "",
        "Antworten", ""])
    assert [a for a, _ in approved(post)] == ["Welmo", "Karsu"]
