"""A comment form's translated stock lines in a text copy are furniture, not comments held for review (issue 28).

WordPress and its plugins print the same lines around every comment section, translated: the box that keeps the
commenter's name in the browser, the notice that the address is not published, the field labels, the closed form,
the WordPress.com account notice, Jetpack's like button while it loads, the share links' "(opens in new window)",
Disqus's notice when scripts are off. A copy of a page with no comments must give no comment for them, and a
copy with comments must give those comments only, not the form and the teasers under it.
"""

from __future__ import annotations

import pytest

from .builders import read_copy_lines

PROSE = ("Der Fährmann legt um sieben ab, und die Inseln tauchen eine nach der anderen aus dem Nebel auf, während "
         "die Möwen dem Kielwasser bis zum letzten Steg folgen.")


@pytest.mark.parametrize("furniture", [
    ["Teilen mit:", "Klicken zum Ausdrucken (Wird in neuem Fenster geöffnet)",
     "Zum Teilen auf Facebook anklicken (Wird in neuem Fenster geöffnet)", "Liken Lade …"],
    ["Gefällt mir Wird geladen...", "Kommentare sind geschlossen."],
    ["Du kommentierst mit Deinem WordPress.com-Konto. ( Abmelden /  Ändern )", "Beitrags-Navigation"],
    ["J’aime chargement…", "Les commentaires sont fermés."],
    ["Me gusta Cargando...", "Los comentarios están cerrados."],
    ["Please enable JavaScript to view the comments powered by Disqus."],
    ["This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.",
     "Fährhausweg 5, 24999 Nebelhafen", "hallo@nebelhafen.example"],
])
def test_stock_lines_after_an_article_give_no_comment(tmp_path, furniture):
    post = read_copy_lines(tmp_path, [
        "Nebelfahrt zu den Inseln", "Veröffentlicht am 4. März 2026 von Ruth Amsel", "", PROSE, "",
        PROSE.replace("Möwen", "Seeschwalben"), "", *[x for line in furniture for x in (line, "")]])
    assert "Seeschwalben" in " ".join(post.blocks)
    assert post.comments == [], [(c.author, c.body) for c in post.comments]
    assert not any(line[:12] in " ".join(post.blocks) for line in furniture), "the stock lines are not the article's"


@pytest.mark.parametrize("form", [
    ["Einen Kommentar abschicken", "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert.",
     "Kommentar", "Name *", "E-Mail *", "Webseite",
     "Meinen Namen, E-Mail und Website in diesem Browser speichern, bis ich wieder kommentiere.", "Kommentar abschicken"],
    ["Deine E-Mail-Adresse wird nicht veröffentlicht.", "Kommentar", "E-Mail-Adresse*",
     "Mit der Nutzung dieses Formulars erklärst du dich mit der Speicherung und Verarbeitung deiner Daten durch diese "
     "Website einverstanden.", "Kommentar abschicken"],
    ["Trage deine Daten unten ein oder klicke ein Icon um dich einzuloggen:", "E-Mail (erforderlich) (Adresse wird "
     "niemals veröffentlicht)", "Name (erforderlich)", "Website"],
    ["Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *", "Commentaire",
     "Enregistrer mon nom, mon e-mail et mon site web dans le navigateur pour mon prochain commentaire."],
])
def test_the_form_after_the_comments_ends_them(tmp_path, form):
    """Two comments, then the form and another post's teasers under it: the two comments, approved, and nothing held."""
    post = read_copy_lines(tmp_path, [
        "Nebelfahrt zu den Inseln", "Veröffentlicht am 4. März 2026 von Ruth Amsel", "", PROSE, "", "2 Kommentare", "",
        "Ilse Varga am 5. März 2026 um 10:12", "", "Schöne Bilder vom Nebel, danke für die Abfahrtszeiten!", "",
        "Tom Weller am 6. März 2026 um 09:05", "", "Wir nahmen die Fähre um sieben und sahen die Robben.", "",
        *[x for line in form for x in (line, "")],
        "Mehr über Inseln und Fähren:", "Warum die Robben im Winter bleiben", "", "Mrz 25 2026, 19:02 | Reisen", "",
        "Die Kolonie am Außensand wächst jedes Jahr, und die Zählung im Februar fand mehr Jungtiere als je zuvor.", ""])
    assert [(c.author, c.status) for c in post.comments] == [("Ilse Varga", "approved"), ("Tom Weller", "approved")]


def test_a_comment_that_speaks_of_the_browser_stays_a_comment(tmp_path):
    """Only the whole stock line is furniture: a reader who writes about a name and a browser is still a reader."""
    post = read_copy_lines(tmp_path, [
        "Nebelfahrt zu den Inseln", "Veröffentlicht am 4. März 2026 von Ruth Amsel", "", PROSE, "", "1 Kommentar", "",
        "Ilse Varga am 5. März 2026 um 10:12", "",
        "Meinen Namen hat der Browser vergessen, aber die Bilder vom Nebel habe ich gleich wiedererkannt.", ""])
    assert [c.author for c in post.comments] == ["Ilse Varga"]
    assert "Browser vergessen" in post.comments[0].body


def test_teasers_under_a_form_with_no_comment_above_are_no_comments(tmp_path):
    """A form with no comment above it, its fields, its "add comment" link, then another section's teasers: none of the
    teasers is a comment, held or not."""
    post = read_copy_lines(tmp_path, [
        "Nebelfahrt zu den Inseln", "Veröffentlicht am 4. März 2026 von Ruth Amsel", "", PROSE, "", PROSE, "",
        "Ihre E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert.", "", "Kommentar",
        "Name *", "E-Mail *", "Webseite", "", "Kommentar hinzufügen", "Mehr aus der Region", "Hafen",
        "Neue Fähre fährt ab Mai stündlich", "", "Hafen", "Robbenzählung bringt Rekord", "", "Inseln",
        "Leuchtturm wird zum Museum", ""])
    assert post.comments == [], [(c.author, c.body) for c in post.comments]


def test_comments_under_a_form_printed_first_are_still_read(tmp_path):
    """The form on top, its button, then the comments with their headers and reply links: the comments are read."""
    post = read_copy_lines(tmp_path, [
        "Island Hopping in the Fog", "Posted on March 4, 2026 by Ruth Amsel", "", PROSE, "", "Leave a Reply",
        "Your email address will not be published. Required fields are marked *", "Comment *", "Name *", "Email *",
        "Website", "Post Comment", "", "Ilse Varga", "March 5, 2026 at 10:12 am", "",
        "The fog photos are lovely, thank you for the ferry times.", "Reply", "", "Tom Weller", "March 6, 2026 at 9:05 am",
        "", "We took the seven o'clock ferry and saw the seals.", "Reply", ""])
    assert [c.author for c in post.comments] == ["Ilse Varga", "Tom Weller"]
