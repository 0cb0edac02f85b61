"""What proves that a block of a text copy is a reader's comment (issue 28, item 3: never invent, never publish a guess).

A name over a date is the shape of a comment header, and of a teaser in a "Popular" list, a related post, a site's
footer. Only a reply link, a comments heading (whose count may match), or "NAME says:" prove a comment; a page
number, a count, a share or follow button prove nothing, and a block they alone stand by is held pending with the
reason. Each fixture was written for essaykit in the shape a browser's copy of such a page has.
"""

from __future__ import annotations

from essaykit.importers import leftovers as lo
from essaykit.importers.text_buttons import reply_row
from essaykit.importers.text_headers import comments_start

from .builders import approved_names, read_copy_lines

PROSE = ("The ferry left before dawn and nobody on the pier waved, because everyone was still asleep and the fog lay "
         "so thick on the water that the lamps on the shore could hardly be seen from the deck.")
HEAD = ["The Night Ferry", "Posted on May 3, 2026 by Wren Okonkwo", "", PROSE, "", PROSE, ""]


def test_a_teaser_list_with_counts_is_never_an_approved_comment(tmp_path):
    teasers = []
    for title, name, day, count in (("Harbour seals learn to open the fish market door", "Mina Sato", "March 2, 2026", "7"),
                                    ("Fog bells return to the north pier after ten years", "Leo Brandt", "May 1, 2026", "6"),
                                    ("The lighthouse keeper's logbook goes on show", "Leo Brandt", "May 2, 2026", "4")):
        teasers += [title, name, day, count, f"{title}, and what the town thinks of it, in a short teaser of the story..."]
    post = read_copy_lines(tmp_path, [*HEAD, "Popular", *teasers, "Privacy Policy"])
    assert approved_names(post) == [], "a page number or a count under a teaser proves no comment"
    assert all("not sure it is a comment" in c.reason for c in post.comments if c.kind == "comment")


def test_a_follow_button_under_a_related_post_proves_nothing(tmp_path):
    post = read_copy_lines(tmp_path, [*HEAD, "Related", "Harbour Desk Nov 14, 2025",
                            "More and more ferries leave the harbour empty. Who still takes them?", "",
                            "12 Quay Street, Harbour Town", "Follow Harbour Desk", "Newsletters", "Facebook"])
    assert approved_names(post) == []


def test_a_reply_link_still_proves_each_comment(tmp_path):
    post = read_copy_lines(tmp_path, [*HEAD, "Ana Lima · May 4, 2026 at 9:12 am", "",
                            "I took that ferry once and nobody waved at me either, which I took personally.", "",
                            "Share", "Reply", "", "Ben Ode · May 4, 2026 at 10:30 am", "",
                            "The fog scene is the best thing in the film, and the sound of the bell too.", "", "Reply"])
    assert approved_names(post) == ["Ana Lima", "Ben Ode"]
    assert reply_row("LikeReply") and reply_row("Log in to Reply") and reply_row("924Reply") and reply_row("AntwortenLöschen")
    assert not any(reply_row(line) for line in ("7", "6.", "Share", "Follow Harbour Desk", "Like", "Report"))


def test_teasers_with_bylines_after_a_count_under_the_headline_are_held(tmp_path):
    post = read_copy_lines(tmp_path, [*HEAD, "Partager", "36 commentaires", "", "Dans le journal",
                            "5 août 2019 Par Brigitte Pascal", "Vivre au bord du port",
                            "5 août 2019 Par Guillaume T", "Pour une affaire de quais, jusqu'où iront-ils",
                            "5 août 2019 Par Remi Crayon", "Le fil du journal"])
    assert approved_names(post) == [], "a post's byline ('Par NAME') over a title is a teaser's, unless a reply link follows"
    held = [c for c in post.comments if c.author == "Brigitte Pascal"]
    assert held and "byline" in held[0].reason


def test_a_headline_quoting_a_source_is_no_says_header():
    assert lo.says_header("Gymnast Confirms Her Comeback, Magazine Says") is None
    assert lo.says_header("It's the ferry or nothing, survey says") is None
    assert lo.says_header("Ana Lima says:") == ("Ana Lima", "")
    assert lo.says_header("Ruth on March 3, 2020 said:") == ("Ruth", "March 3, 2020")
    assert lo.says_header("John Smith, PhD says:") == ("John Smith, PhD", "")


def test_a_toggled_heading_counts_and_the_themes_words_leave_the_name(tmp_path):
    assert comments_start("± 2 Kommentare zu „Die Fähre im Nebel“") and comments_start("▼ 3 Comments")
    assert not comments_start("▼ Menu") and not comments_start("±") and not comments_start("+ Add")
    post = read_copy_lines(tmp_path, [*HEAD, "± 2 Kommentare zu „The Night Ferry“", "", "1", "", " Kommentar von Mareike",
                            "8. Dezember 2010 um 10:56", "", "Eine schöne Fähre, die muss ich mir gleich morgen ansehen.",
                            "", "2", "", " Kommentar von Georg77", "16. März 2011 um 12:22", "",
                            "Und dazu ein guter Wein am Hafen."])
    assert approved_names(post) == ["Mareike", "Georg77"], "the heading's count matches what was found"


def test_a_hostile_copy_of_only_glyphs_counts_and_theme_words_gives_no_comment(tmp_path):
    post = read_copy_lines(tmp_path, [*HEAD, "±", "▼", "Kommentar von", "7", "6.", "Follow", "Comment by", "May 4, 2026", "3"])
    assert approved_names(post) == []


def test_a_related_block_after_real_comments_adds_no_comment(tmp_path):
    post = read_copy_lines(tmp_path, [*HEAD, "2 Comments", "", "Ana Lima · May 4, 2026 at 9:12 am", "",
                            "I took that ferry once and nobody waved at me either, which I took personally.", "", "Reply",
                            "", "Ben Ode · May 4, 2026 at 10:30 am", "",
                            "The fog scene is the best thing in the film, and the sound of the bell too.", "", "Reply", "",
                            "Related", "Harbour Desk Dec 16, 2025", "Fewer ferries, and the census counts the islands again",
                            "Harbour Desk Dec 5, 2025", "If the old timetable is a guide, the night boat will come back",
                            "", "12 Quay Street, Harbour Town", "Follow Harbour Desk", "Newsletters"])
    assert approved_names(post) == ["Ana Lima", "Ben Ode"], "a teaser after the related heading needs its own proof"


def test_a_name_over_the_text_dated_under_it_with_report_and_reply(tmp_path):
    thread = []
    for name, words, day in (("louise.lot", "Nouveau, ça vient de sortir, et le port en parle déjà depuis hier.", "07/04/2013"),
                             ("Pauvre Marin15", "il arrive chez sa tante", "19/04/2013"),
                             ("Glaieul", "Ce bac à bout de souffle gratte les fonds de tiroir. Pauvre de lui....", "06/04/2013")):
        thread += [name, "", words, "", f"Le {day} à 11:36", "Lire la réponse à ce commentaire Alerter Répondre"]
    post = read_copy_lines(tmp_path, [*HEAD, "3 commentaires", "", *thread])
    assert [(c.author, c.body, c.status) for c in post.comments] == [
        ("louise.lot", "Nouveau, ça vient de sortir, et le port en parle déjà depuis hier.", "approved"),
        ("Pauvre Marin15", "il arrive chez sa tante", "approved"),
        ("Glaieul", "Ce bac à bout de souffle gratte les fonds de tiroir. Pauvre de lui....", "approved")], \
        "a short lowercase comment is no name, and 'Alerter Répondre' is the comment's button row"


def test_glued_names_counts_and_other_stories_comments(tmp_path):
    post = read_copy_lines(tmp_path, [*HEAD, "2 comments:", "", "Ruth AmselAugust 6, 2012 at 11:57 AM", "",
                            "I think the bell scene is the one everybody will remember.", "", "ReplyDelete",
                            "5.3k", "7/23/2019", "r/Ferries", "The night boat in action", "98%", "",
                            "Recent comments on our stories..", "Mina Sato | Apr 22, 2013",
                            "Harbour seals open the fish market door", "", "Thank you, a little window into the harbour.",
                            "", "Privacy Policy"])
    assert approved_names(post) == ["Ruth Amsel"], "a name glued to the month is parted; a count is no name; another " \
        "story's comments in a sidebar are not this post's"


def test_byline_shaped_headers_right_under_the_comments_heading_are_comments(tmp_path):
    post = read_copy_lines(tmp_path, [*HEAD, "Commentaires", "par Jean Paul le 7 mai 2020 - 12:38.", "",
                            "Pourquoi en vouloir aux passeurs ? Le bac de nuit est revenu, et c'est une bonne nouvelle.", "",
                            "haut de page", "par Louise Binh le 7 mai 2020 - 15:39.", "",
                            "Le brouillard chauffe les esprits, mais le film reste beau du début à la fin.", "",
                            "Réagissez à cet article", "Votre nom : *"])
    assert approved_names(post) == ["Jean Paul", "Louise Binh"], "Drupal's 'par NAME le DATE' under the heading, and the next"


def test_a_separator_before_reply_and_a_count_inside_a_line(tmp_path):
    from essaykit.importers.text_headers import name_text

    assert not name_text("Se han publicado 11 comentarios") and name_text("Ana Lima")
    post = read_copy_lines(tmp_path, [*HEAD, "Ramón dijo:", "", "Estoy convencido de que el transbordador volverá al puerto.", "",
                            "26 abril 2022 a las 14:02", "/ Responder", "Abel dijo:", "",
                            "Estoy de acuerdo, solo agregar que el puerto busca soluciones.", "", "26 abril 2022 a las 15:11",
                            "/ Responder", "Se han publicado 2 comentarios", "", "Nombre:", "", "Correo (no será publicado):"])
    assert approved_names(post) == ["Ramón", "Abel"] and all(c.status == "approved" or "Nombre" in c.body
                                                        for c in post.comments), [(c.author, c.body) for c in post.comments]
