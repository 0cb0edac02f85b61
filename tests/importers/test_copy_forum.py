"""A forum thread's text copy (phpBB and its kind): the first post is the article, the replies are its comments.

Each fixture was written for essaykit in the shape a browser's copy of a phpBB thread has (the poster's name, post
count and join date over each post, "Re: TITLE", "Beitrag von NAME » DATE", the text, "Nach oben"); the names and
words are invented.
"""

from __future__ import annotations

from essaykit.importers.text_forum import post_header, posts

from .builders import read_copy_lines

TOPIC = "Die alte Fähre am Nordufer"
FIRST = ("Seit dem Frühjahr fährt die alte Fähre am Nordufer nicht mehr, und niemand im Dorf weiß, wann sie wieder "
         "fahren wird. Die Gemeinde hat im Herbst Pläne vorgelegt, aber seitdem ist nichts geschehen.")
REPLIES = (("tobi_w", "Soweit ich gehört habe, fehlt noch das Gutachten für den Steg. Vor dem Sommer wird das nichts."),
           ("ilka", "Danke für die Info! Dann nehme ich weiter den Bus, auch wenn er nur zweimal am Tag fährt."))


def _thread(by: str, day: str, top: str, replies=REPLIES) -> list[str]:
    lines = ["Foren-Übersicht Dorfleben Rund um den See", TOPIC, "Antworten", "Druckansicht",
             f"{len(replies) + 1} Beiträge • Seite 1 von 1", "mara_o", "Beiträge: 212", "Registriert: 02.01.2019, 08:00",
             TOPIC, "", f"{by}mara_o » {day} 09:12", "", FIRST, "", FIRST, "", top]
    for name, text in replies:
        lines += [name, "Beiträge: 87", "Registriert: 11.05.2020, 19:40", f"Re: {TOPIC}", "", f"{by}{name} » {day} 10:30",
                  "", text, "", top]
    return lines + ["Antworten", "3 Beiträge • Seite 1 von 1", "Zurück zu „Rund um den See“", "Gehe zu",
                    "Wer ist online?", "Mitglieder in diesem Forum: 0 Mitglieder und 2 Gäste"]


def test_the_replies_of_a_thread_are_its_comments_in_every_language(tmp_path):
    for by, day, top in (("Beitragvon ", "14.03.2026,", "Nach oben"), ("Beitrag von ", "14.03.2026,", "Nach oben"),
                         ("Post by ", "Sat Mar 14, 2026", "Top"), ("by ", "Sat Mar 14, 2026", "Top"),
                         ("Message par ", "sam. 14 mars 2026", "Haut")):
        post = read_copy_lines(tmp_path, _thread(by, day, top))
        assert post.title == TOPIC, by
        assert (post.author, post.date[:16]) == ("mara_o", "2026-03-14T09:12"), by  # the first post's header
        assert [(c.author, c.status) for c in post.comments] == [(n, "approved") for n, _ in REPLIES], by
        assert all(c.created is not None and c.created.day == 14 for c in post.comments), by
        assert [c.body for c in post.comments] == [t for _, t in REPLIES], by  # no "Nach oben", no "Re:", no counts
        article = " ".join(post.blocks)
        assert "Seit dem Frühjahr" in article and "Gutachten" not in article and "Beiträge: 87" not in article, by


def test_a_one_word_reply_is_held(tmp_path):
    post = read_copy_lines(tmp_path, _thread("Beitragvon ", "14.03.2026,", "Nach oben", (*REPLIES, ("jo", "Danke!"))))
    assert [(c.author, c.status) for c in post.comments] == [("tobi_w", "approved"), ("ilka", "approved"), ("jo", "pending")]


def test_one_post_is_no_thread_and_a_topic_list_is_none(tmp_path):
    post = read_copy_lines(tmp_path, _thread("Beitragvon ", "14.03.2026,", "Nach oben", ()))
    assert post.comments == [] or all(c.status != "approved" for c in post.comments)
    topics = ["Rund um den See", "Themen"]
    for title, name in (("Die alte Fähre am Nordufer", "mara_o"), ("Neue Bänke am Hafen", "tobi_w"),
                        ("Das Eis auf dem See trägt nicht mehr lange", "ilka")):
        topics += [title, f"von {name} » 14.03.2026, 09:12", "Antworten: 3", "Zugriffe: 120", ""]
    assert posts(topics) == []
    assert post_header("Beitragvon mara_o » 14.03.2026, 09:12") == ("mara_o", "14.03.2026, 09:12")
    assert post_header("Weiter » Seite 2") is None and post_header("Startseite » Forum » See") is None


def test_teasers_with_a_forum_like_byline_are_no_thread(tmp_path):
    """A theme may print "by NAME » DATE" under each post and each teaser, over a sentence of its excerpt; with no
    poster's profile and no "Re: TITLE" over them they are no replies, and nothing is approved."""
    lines = [TOPIC, "by Ruth » Sat Mar 14, 2026 9:12", "", FIRST, "", FIRST, "", "Related"]
    for title, text in (("Neue Bänke am Hafen", "Die Gemeinde stellt im Mai zwölf neue Bänke am Hafen auf, aus Eiche."),
                        ("Das Eis trägt nicht", "Der See friert in diesem Winter nicht zu, und das Eis trägt niemanden.")):
        lines += [title, "by Ruth » Sat Mar 7, 2026 8:00", "", text, "Top", ""]
    assert posts(lines) == []
    post = read_copy_lines(tmp_path, lines)
    assert [c.author for c in post.comments if c.status == "approved"] == []
