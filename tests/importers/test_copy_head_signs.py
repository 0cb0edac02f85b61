"""A comment section's sign in a text copy's head, over the article's body, is the head's (issue 28, article recall).

News and magazine pages print, between the headline and the body, a byline in a comment header's shape, the comment
count, "Posted by NAME on DATE" or "5 min read"; read as the article's end, the whole article became the first comment
or was lost. Each copy here is written for essaykit in the shape a browser's copy of such a page has.
"""

from __future__ import annotations

from .builders import read_copy

_BODY = [
    "Der Fährbetrieb über den See lief am Dienstag wieder an, nachdem das Schiff den ganzen Winter in der Werft lag "
    "und die Pendler drei Monate lang den langen Umweg mit dem Bus nehmen mussten.",
    "Die neuen Motoren verbrauchen nach Angaben der Betreiber ein Drittel weniger Treibstoff, und der Fahrplan soll "
    "so bleiben, wie er vor der Reparatur war, mit einer Abfahrt alle zwanzig Minuten.",
    "Stammgäste waren von den neuen Sitzen weniger begeistert, die einer von ihnen mit einer Bank aus dem Wartezimmer "
    "verglich, doch die Aussicht vom Deck fanden fast alle so schön wie früher.",
    "Im Sommer sollen zusätzliche Fahrten am Abend dazukommen, wenn sich genug Personal für die späten Schichten "
    "findet, was die Gemeinde bis Ende April klären will.",
]


def _read(tmp_path, text: str):
    post = read_copy(tmp_path, text)
    return post, "\n".join(post.blocks)


def _kept(essay: str) -> bool:
    return all(p[:50] in essay for p in _BODY)


def test_a_byline_with_date_and_time_under_the_headline_is_no_comment_header(tmp_path):
    post, essay = _read(tmp_path, "Startseite\nSee aktuell\nFähre fährt wieder über den See\n\n"
                        "Nach dem Winter in der Werft ist das Schiff zurück.\n\nJana Oswald am 24. Januar 2022 um 15:47\n\n"
                        f"Das Schiff im Hafen. Foto: privat\n\n{_BODY[0]}\n\nNEUE MOTOREN\n\n{_BODY[1]}\n\n{_BODY[2]}\n\n"
                        f"{_BODY[3]}\n\nTAGS: FÄHRE SEE\n0\n0\n0\nx geteilt\n")
    assert _kept(essay)
    assert post.author == "Jana Oswald" and post.date.startswith("2022-01-24")
    assert "Jana Oswald am" not in essay
    assert not any(p[:30] in c.body for c in post.comments for p in _BODY)
    assert not [c for c in post.comments if c.status == "approved"]


def test_a_name_over_a_date_under_the_headline_is_the_byline(tmp_path):
    # under a photo's caption (a sentence, where the head's reading stops)
    post, essay = _read(tmp_path, "Accueil\nLa fin du bac à Montréal\n[Accueil]\n[Montréal]\n"
                        "Photo: Archives Le traversier au quai, le matin où le service a repris après l'hiver.\nJeanne Lavoie\n"
                        f"19 février 2020\nMontréal\n\n{_BODY[0]}\n\n{_BODY[1]}\n\n{_BODY[2]}\n\n{_BODY[3]}\n\n"
                        "Les plus populaires\n1\nLe pont fermé tout l'été\n2\nUn nouveau quai au nord\n")
    assert _kept(essay)
    assert post.author == "Jeanne Lavoie" and post.date.startswith("2020-02-19")
    assert not post.comments


def test_a_comment_count_by_the_byline_over_the_article_is_the_head_s(tmp_path):
    # the lede is long (a count in the head's row of links is passed over only under a short one); the comments
    # under the article, with their names, dates and reply buttons, are still read as comments
    lede = ("Die Fähre über den See fährt wieder, und mit ihr kehrt für viele Pendler ein Stück Alltag zurück, "
            "das sie drei Monate lang vermisst haben, wie die Gemeinde am Dienstag mitteilte.")
    post, essay = _read(tmp_path, f"Fähre fährt wieder über den See\n\n{lede}\n\nJana Oswald\n"
                        f"Aktualisiert: 11.04.2020, 10:27\n2 Kommentare\n2\n\n{_BODY[0]}\n\nFoto: Keystone\n\n"
                        f"{_BODY[1]}\n\n{_BODY[2]}\n\n{_BODY[3]}\n\n2 Kommentare\n\nAna Lima\n12.04.2020 um 16:12\n"
                        "Endlich wieder ohne Umweg zur Arbeit.\nAntworten\n\nJonas Weber\n12.04.2020 um 18:30\n"
                        "Hoffentlich bleibt der Fahrplan so.\nAntworten\n")
    assert _kept(essay) and lede[:50] in essay
    assert "Kommentare" not in essay
    assert [c.author for c in post.comments if c.kind == "comment"] == ["Ana Lima", "Jonas Weber"]


def test_a_reading_time_under_the_lede_is_no_end(tmp_path):
    post, essay = _read(tmp_path, "Ferry back in service\n\nThe crossing runs again after a winter in the dry dock.\n\n"
                        "Ruth Amsel\nDec. 22, 2016 5:00 a.m. PT\n5 min read\n\n" + "\n\n".join(_BODY) + "\n")
    assert _kept(essay)
    assert "5 min read" not in essay


def test_under_a_short_post_signed_comments_stay_comments(tmp_path):
    # the same count under a short post, over long paragraphs each signed: the comment section, as before
    post, essay = _read(tmp_path, "Die Fähre fährt wieder\n\nAb heute, alle zwanzig Minuten.\n\n3 Kommentare\n\n"
                        f"{_BODY[0]}\n— Ana\n\n{_BODY[1]}\n— Jonas\n\n{_BODY[2]}\n— Maren\n")
    assert "Ab heute" in essay and _BODY[0][:50] not in essay
    assert len([c for c in post.comments if c.kind == "comment"]) == 3


def test_under_a_short_post_the_comment_form_is_the_end(tmp_path):
    # the sidebar's prose under the form is no article, however long
    post, essay = _read(tmp_path, "Die Fähre fährt wieder\n\nAb heute, alle zwanzig Minuten.\n\nSchreibe einen Kommentar\n\n"
                        "Deine E-Mail-Adresse wird nicht veröffentlicht.\n\nName *\nE-Mail *\n\n" + "\n\n".join(_BODY) + "\n")
    assert "Ab heute" in essay and _BODY[0][:50] not in essay
