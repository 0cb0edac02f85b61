"""Comment headers whose reply link is printed on the header's own line (text_reply_tail), in the forms a browser's copy
gives them: "NAME DATE - Antworten", "NAME, Wd DATE / TIME Antworten", a name over "DATE | Reply", "Kommentar von NAME —
DATE | Antworten" under the comment's text, a comment's title over "écrit par NAME le DATE [ répondre ]", and another
blog's pingback quoting the post with "[…]". The copies are
invented for essaykit (the words too)."""

from __future__ import annotations

import pytest

from essaykit.importers.text import read_text_copy
from essaykit.importers.text_reply_tail import reply_tail

HEAD = """Der Kanal im Winter

Veröffentlicht am 3. Juni 2018 von Ruth Amsel

Wenn der Kanal zufriert, bleiben die Boote im Hafen, und die Schleusenwärter haben Zeit für lange Gespräche.

Wir sind an drei Schleusen entlang gewandert und haben gefragt, wie man die Wintermonate am Wasser verbringt.

"""

CASES = {
    # a German theme: name, date and the reply link on one line; a particle in a name; a pingback's long page title
    "de-dash": HEAD + """4 Kommentare
Tilo von Marschen 19. Juni 2018 um 15:28 Uhr - Antworten

Die Gespräche mit den Schleusenwärtern haben mir am besten gefallen, bitte mehr davon.

Ruth Amsel 19. Juni 2018 um 20:41 Uhr - Antworten

Danke für die netten Worte, im Frühjahr geht es an den nächsten Kanal.

Wintertouren am Wasser – ein langer Rückblick auf zwölf Monate Wandern am Kanal und an den Seen 27. Juni 2018 um 6:45 Uhr - Antworten

[…] Eine schöne Wanderung beschreibt auch dieser Beitrag über drei Schleusen […]

Wintertouren – Seenblog 28. Juni 2018 um 7:10 Uhr - Antworten

[…] Drei Schleusen im Winter, schön erzählt von Ruth […]

Schreibe einen Kommentar
""",
    # "NAME, Wd D Mon YYYY / HH:MM Antworten": a comma parts the name from the date on a reply-linked line
    "de-comma": HEAD + """2 Comments
Jorin Falk, Do 9 Apr 2020 / 08:34 Antworten

Sehr schön erzählt, vor allem die Stelle mit dem Eis an der dritten Schleuse.

Hella, Sa 11 Apr 2020 / 00:40 Antworten

Ich war letzten Winter dort und kann jedes Wort bestätigen, es war herrlich still.

Kommentar verfassen
""",
    # English: the name over "DATE | Reply"
    "en-under": """The Canal in Winter

Posted on February 18, 2019 by Ruth Amsel

When the canal freezes, the boats stay in the harbour and the lock keepers have time for long talks.

We walked along three locks and asked how people spend the winter months by the water.

2 comments on “The Canal in Winter”
quillon
February 20, 2019 at 3:42 pm | Reply

The talks with the lock keepers were the best part, more of those please.

Ruth Amsel
February 22, 2019 at 10:05 am | Reply

Thank you, the next canal comes in spring.

Leave a Reply
""",
    # "NAME Month D, YYYY at TIME Reply": the comma is the date's, the name has none
    "en-inline": """The Canal in Winter

Posted on February 18, 2017 by Ruth Amsel

When the canal freezes, the boats stay in the harbour and the lock keepers have time for long talks.

We walked along three locks and asked how people spend the winter months by the water.

2 Comments
Ana Lima February 23, 2017 at 12:33 pm Reply

Good and very rich stories on this canal, thank you.

Tomas K. March 26, 2018 at 1:09 pm Reply

Thank you for the pictures of the locks.

Leave a Reply
""",
    # the name and date under the comment's text ("Kommentar von NAME — DATE | Antworten"): each text is the one above
    "de-footer": HEAD + """2 Kommentare

Die Gespräche mit den Schleusenwärtern haben mir am besten gefallen, bitte mehr davon.

Kommentar von Mira Olsen — 2019-01-01 @ 00:39 | Antworten

Danke dir, du bist die erste Leserin im neuen Jahr!

Kommentar von Ruth Amsel — 2019-01-01 @ 00:45 | Antworten

Februar 2019
Januar 2019
Dezember 2018
""",
    # a comment's own title right over "écrit par NAME le DATE [ répondre ]": it goes with the comment under it
    "fr-titled": """Le canal en hiver

Publié le 2 mars 2021 par Ruth Amsel

Quand le canal gèle, les bateaux restent au port et les éclusiers ont le temps de longues conversations.

Nous avons marché le long de trois écluses pour demander comment on passe l'hiver au bord de l'eau.

Commentaires
Une objection
écrit par Zoé Marlin le 3 mars 2021, 10:12 [ répondre ]

Je ne suis pas d'accord avec la fin, les écluses ne ferment pas en hiver.

Zoé

Pour préciser
écrit par Paul Verne le 3 mars 2021, 11:40 [ répondre ]

Elles ferment bien, mais seulement la nuit, nous étions là-bas.

Laisser un commentaire
""",
}
# case: [(author, date to the minute, status, the text's start)]
EXPECTED = {
    "de-dash": [("Tilo von Marschen", "2018-06-19T15:28", "approved", "Die Gespräche"),
                ("Ruth Amsel", "2018-06-19T20:41", "approved", "Danke für"),
                ("Wintertouren am Wasser – ein langer Rückblick auf zwölf Monate Wandern am Kanal und an den Seen",
                 "2018-06-27T06:45", "pending", ""),
                ("Wintertouren – Seenblog", "2018-06-28T07:10", "pending", "")],
    "de-comma": [("Jorin Falk", "2020-04-09T08:34", "approved", "Sehr schön"),
                 ("Hella", "2020-04-11T00:40", "approved", "Ich war")],
    "en-under": [("quillon", "2019-02-20T15:42", "approved", "The talks"),
                 ("Ruth Amsel", "2019-02-22T10:05", "approved", "Thank you")],
    "en-inline": [("Ana Lima", "2017-02-23T12:33", "approved", "Good and"),
                  ("Tomas K.", "2018-03-26T13:09", "approved", "Thank you")],
    "fr-titled": [("Zoé Marlin", "2021-03-03T10:12", "approved", "Une objection\n\nJe ne suis"),
                  ("Paul Verne", "2021-03-03T11:40", "approved", "Pour préciser\n\nElles")],
    "de-footer": [("Mira Olsen", "2019-01-01T00:39", "approved", "Die Gespräche"),
                  ("Ruth Amsel", "2019-01-01T00:45", "approved", "Danke dir")],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_reply_linked_headers(case, tmp_path):
    path = tmp_path / f"{case}.txt"
    path.write_text(CASES[case], encoding="utf-8")
    [post] = read_text_copy(path)
    got = [(c.author[:100], c.created.isoformat()[:16] if c.created else None, c.status,
            c.body[:len(want[3])]) for c, want in zip(post.comments, EXPECTED[case])]
    assert got == EXPECTED[case] and len(post.comments) == len(EXPECTED[case])
    assert not any("Antworten" in c.body or "Reply" in c.body for c in post.comments), "the link is no comment's text"
    assert all(c.body.split()[0] not in ("Tilo", "Jorin", "quillon") for c in post.comments)
    assert not any(c.body.rstrip().endswith(("Pour préciser", "Ein Einwand")) for c in post.comments), \
        "the next comment's title is not this one's last line"


def test_a_pingback_quoting_the_post_is_held_with_its_reason(tmp_path):
    path = tmp_path / "de-dash.txt"
    path.write_text(CASES["de-dash"], encoding="utf-8")
    [post] = read_text_copy(path)
    long_title, held = [c for c in post.comments if c.status == "pending"]
    assert "reads like a label" in long_title.reason, "a long page title is no name"
    assert "[…]" in held.reason and "pingback" in held.reason, "a short one is, but its text is the post quoted"


@pytest.mark.parametrize("line, head", [
    ("Ana Lima 3. Mai 2020 um 9:41 Uhr - Antworten", "Ana Lima 3. Mai 2020 um 9:41 Uhr"),
    ("April 2, 2021 at 8:53 pm | Reply", "April 2, 2021 at 8:53 pm"),
    ("écrit par Zoé le 3 mars 2021, 10:12 [ répondre ]", "écrit par Zoé le 3 mars 2021, 10:12"),
    ("Pablo, 4 de mayo de 2021 a las 10:12 Responder", "Pablo, 4 de mayo de 2021 a las 10:12"),
])
def test_the_link_is_set_aside(line, head):
    assert reply_tail(line) == (head, True)


@pytest.mark.parametrize("line", ["2 Antworten", "49 Themen Antworten", "1000 Antworten", "Ich werde dir gern antworten",
                                  "Reply", "Netzfreischalter 2 Antworten"])
def test_a_count_of_replies_or_a_sentence_keeps_its_words(line):
    assert reply_tail(line) == (line, False)


@pytest.mark.parametrize("line", ["Sie müssen angemeldet sein, um einen Kommentar abzugeben.",
                                  "Sie müssen sich anmelden um Kommentare zu schreiben.",
                                  "Du musst angemeldet sein, um einen Kommentar abzugeben."])
def test_the_login_notice_under_the_last_comment_is_furniture(line, tmp_path):
    """WordPress's notice in its formal German ("Sie") too: it ends the last comment instead of joining its text."""
    path = tmp_path / "de-login.txt"
    path.write_text(CASES["de-comma"].replace("Kommentar verfassen\n", line + "\nSchlagworte\nSchleusen, Winter\n"),
                    encoding="utf-8")
    [post] = read_text_copy(path)
    last = [c for c in post.comments if c.status == "approved"][-1]
    assert last.author == "Hella" and "anmelden" not in last.body and "angemeldet" not in last.body
    assert "Schlagworte" not in last.body


def test_a_reply_linked_line_over_the_next_dated_header_signs_the_text_above():
    """The blog owner's answer inside a reader's comment, signed "NAME DATE - Antworten", then the next reader's
    "#2 NAME DATE": the signed line heads nothing (its text is above it)."""
    from essaykit.importers.text_headers import header

    lines = ["Danke für den Besuch, bis bald!", "", "Ruth Amsel 3. Mai 2020 um 20:31 Uhr - Antworten", "",
             "#2 Tilo Berg 3. Mai 2020 um 10:42", "", "Wunderbare Bilder vom Kanal, ich war auch schon dort."]
    assert header(lines, 2) is None
    assert header(lines[:4] + lines[6:], 2) == ("Ruth Amsel", "3. Mai 2020 um 20:31 Uhr", 2)
