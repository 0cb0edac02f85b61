"""Comment sections of text copies read by their furniture: a thread of post rows (a deal site's or forum's: the
poster's card, then the date and the buttons on one line), a comment count with an invitation glued to it, and the
comment form's lone button.

Each fixture was written for essaykit in the shape a browser's copy of such a page has; the names and words are
invented.
"""

from __future__ import annotations

from essaykit.importers.text_buttons import FORM_BUTTON
from essaykit.importers.text_headers import comments_start
from essaykit.importers.text_rows import row_date

from .builders import read_copy_lines

TITLE = "Gratis Kekse beim Testlauf im Markt am Wall"
ARTICLE = ["Ab Montag verteilt der Markt am Wall zehntausend Packungen der neuen Haferkekse an alle, die sich "
           "rechtzeitig für den Testlauf anmelden und danach einen kurzen Bericht schreiben.", "",
           "Die Anmeldung ist kostenlos, und die Gewinner werden eine Woche später per Post benachrichtigt."]
POSTS = (("Wellenreiter7", "4821", "17.10.2025, 14:14", "Danke für den Hinweis, ich habe mich gleich angemeldet."),
         ("kiesel", "311", "17.10.2025, 14:25", "Beim letzten Testlauf hatte ich auch Glück, die Kekse waren gut."),
         ("Marta Vogel", "12", "18.10.2025, 08:05", "@kiesel: Bei uns waren sie schon am ersten Tag vergriffen."))


def _page(tail: str, posts=POSTS) -> list[str]:
    lines = ["Startseite", "", TITLE, "von Deal-Redaktion am 17.10.2025", "", *ARTICLE, "", "Zum Deal »",
             "TEILEN TWITTERN MAILEN", ""]
    for name, count, when, text in posts:
        lines += [name, "", count, "", f" {name}", "", f"{when} {tail}", "", text, ""]
    return lines + ["Kommentar verfassen", "", "Du musst angemeldet sein, um einen Kommentar abzugeben.", "",
                    "Top Deals", "145 Beamer für 189€ statt 238€", "Alle Top Deals »"]


def test_a_thread_of_post_rows_gives_each_poster_their_comment(tmp_path):
    for tail in ("Zum Antworten anmelden Zitieren #", "Zitieren #", "Reply Quote #", "Antworten Melden"):
        post = read_copy_lines(tmp_path, _page(tail))
        assert [(c.author, c.status) for c in post.comments] == [(n, "approved") for n, *_ in POSTS], tail
        assert [c.body for c in post.comments] == [t for *_, t in POSTS], tail  # no card, no date row, no footer
        assert [(c.created.day, c.created.hour) for c in post.comments] == [(17, 14), (17, 14), (18, 8)], tail
        assert "Haferkekse" in " ".join(post.blocks), tail


def test_a_one_word_post_is_held_and_the_card_needs_a_name(tmp_path):
    post = read_copy_lines(tmp_path, _page("Zitieren #", (*POSTS, ("szabo", "90", "19.10.2025, 10:33", "Lecker"))))
    assert [(c.author, c.status) for c in post.comments][-1] == ("szabo", "pending")
    assert row_date("17.10.2025, 14:14 Zum Antworten anmelden Zitieren #") == "17.10.2025, 14:14"
    assert row_date("Jan 5, 2025 Quote Reply #2") == "Jan 5, 2025"
    # a rating widget's numbers, a date in a sentence, a date alone: no post rows
    assert row_date("4.3182 330 5 1") is None and row_date("17.10.2025, 14:14") is None
    assert row_date("Am 17.10.2025 war der Markt schon leer") is None


def test_one_row_or_rows_without_a_poster_are_no_thread(tmp_path):
    post = read_copy_lines(tmp_path, _page("Zitieren #", POSTS[:1]))
    assert [c.author for c in post.comments if c.status == "approved"] == []  # one such row proves nothing
    lines = ["Startseite", "", TITLE, "von Deal-Redaktion am 17.10.2025", "", *ARTICLE, ""]
    for _, _, when, text in POSTS:  # dated rows with buttons, but a sentence over each: no poster's card
        lines += ["Das war ein schöner Tag am Wall, sagen alle im Viertel.", "", f"{when} Zitieren #", "", text, ""]
    post = read_copy_lines(tmp_path, lines)
    assert [c.author for c in post.comments if c.status == "approved"] == []


INVITED = ("33 LESER-KOMMENTARE Geben Sie jetzt Ihre Meinung zu diesem Thema ab", "12 comments Share your thoughts below",
           "4 commentaires de lecteurs Donnez votre avis", "7 reader comments", "3 comentarios de lectores")


def test_a_comment_count_with_an_invitation_is_a_heading_and_the_form_button_no_comment(tmp_path):
    for heading in INVITED:
        assert comments_start(heading), heading
        lines = ["Startseite", "", TITLE, "von Deal-Redaktion am 17.10.2025", "", *ARTICLE, "", "Name *", "E-Mail *",
                 "Ihr Kommentar *", "Senden", heading]
        for name, _, when, text in POSTS:
            lines += [f"{name} {when.replace(',', ' //')}", "", text, "", "Antworten", ""]
        post = read_copy_lines(tmp_path, lines)
        assert [c.author for c in post.comments] == [n for n, *_ in POSTS], heading  # no "Senden" over the heading
        assert all(heading[:10] not in c.body and "Senden" not in c.body for c in post.comments), heading
    for button in ("Senden", "Kommentar absenden", "Post Comment", "Envoyer le commentaire", "Wyślij komentarz"):
        assert FORM_BUTTON.match(button), button
    # a count in a sentence is no heading; a button's word in a sentence is no button
    assert not comments_start("33 Kommentare hat der Artikel schon, und ich lese sie alle gern.")
    assert not FORM_BUTTON.match("Senden Sie uns Ihre Fotos vom Wall")


FOOTED = (("très bien vos infos, merci pour le travail.", "gabin sorel", "11 septembre 2024 à 12:57"),
          ("Un article clair qui montre bien les comptes de la mairie.", "lebrun jacques", "13 septembre 2024 à 22:30"),
          ("Et personne ne dit rien au conseil municipal ?", "Ana Lima", "7 décembre 2024 à 13:45"))


def _footed(posts=FOOTED) -> list[str]:
    lines = ["Accueil", "", "Les comptes de la mairie", "Par Lou Perrin", "3 septembre 2024", "",
             "La mairie a publié ses comptes, et les dépenses de voirie ont doublé en deux ans sans explication.", "",
             "Du même auteur", "26 août 2024", "Par Lou Perrin", "La fête du port aura lieu en octobre", "",
             "Vos réactions (3)", ""]
    for text, name, when in posts:
        lines += [text, "", f"{name} Le {when}", "", "Répondre", "", " "]
    return lines + ["Qui êtes-vous ?", "Votre nom", "Votre message"]


def test_names_and_dates_under_their_texts_are_footers(tmp_path):
    post = read_copy_lines(tmp_path, _footed())
    got = [(c.author, c.body, c.status) for c in post.comments]
    assert got == [(name, text, "approved") for text, name, _ in FOOTED]  # each text under its own name, none shifted
    assert [(c.created.month, c.created.day) for c in post.comments] == [(9, 11), (9, 13), (12, 7)]
    # a related block ("Du même auteur") over the comments gives no comment
    assert all("fête du port" not in c.body for c in post.comments)


def test_headers_over_their_texts_are_no_footers(tmp_path):
    lines = ["Accueil", "", "Les comptes de la mairie", "Par Lou Perrin", "3 septembre 2024", "",
             "La mairie a publié ses comptes, et les dépenses de voirie ont doublé en deux ans sans explication.", "",
             "3 commentaires", ""]
    for text, name, when in FOOTED:  # the usual order: the header, the text, the reply link
        lines += [f"{name.title()} Le {when}", "", text, "", "Répondre", ""]
    post = read_copy_lines(tmp_path, lines)
    assert [(c.author, c.body) for c in post.comments] == [(name.title(), text) for text, name, _ in FOOTED]
