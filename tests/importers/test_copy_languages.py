"""Text copies (select all, copy) of comment sections in French, Spanish, Portuguese, Italian, Dutch and Polish, as
WordPress, Blogger (its classic and its newer themes), Disqus, Ghost, Drupal and a news site's own thread print
them, with the platforms' stock strings and the languages' dates (issue 28).

The fixtures in fixtures/copy_languages/ were written for essaykit: "NAME zegt:" over "12 maart 2021 om 09:14",
"NAME napisał(a):" over "12 marca 2021 o 09:14", "NAME dit :" over "12 mars 2021 à 9 h 14 min", "12/03/2021 alle
9:14", Blogger's "NAME zei..." and "NAME dijo..." with the date under the text, a Blogger theme's tag over its
"Commentaires" heading, a Portuguese Disqus thread dated "há 2 anos", a Dutch Ghost discussion whose "Vind ik leuk"
button stands over the next commenter's name, and a Polish news thread whose glued sort row
("NajnowszePopularneNajstarsze") and reply link ("pokażodpowiedzi (1)") stand over the commenters' names, and news
sites whose login prompt ("Bitte anmelden, um zu kommentieren", "Connectez-vous pour commenter") stands over the first
commenter's name.
"""

from __future__ import annotations

import pytest

from essaykit.importers.text import read_text_copy

from .builders import FIXTURES

LANGUAGES = FIXTURES / "copy_languages"
# file: (title, post author, post date, [(comment author, its date or None, index of the comment it answers)])
EXPECTED = {
    "nl-wordpress.txt": ("Langs de dijk naar Zierikzee", "Sanne de Wit", "2021-03-10", [
        ("Joris Bakker", "2021-03-12T09:14", None), ("Sanne de Wit", "2021-03-12T19:22", None)]),
    "pl-wordpress.txt": ("Zima w Bieszczadach", "Ewa Nowak", "2021-03-10", [
        ("Marek Zieliński", "2021-03-12T09:14", None), ("Ewa Nowak", "2021-03-12T20:11", None)]),
    "fr-wordpress-hmin.txt": ("Le col des Brumes", "Anne Vallier", "2021-03-11", [
        ("Bastien Loriot", "2021-03-12T09:14", None), ("Anne Vallier", "2021-03-12T18:02", None),
        ("Odile Fermat", "2021-03-14T07:45", None)]),
    "it-wordpress-numeric.txt": ("Le rose di marzo", "Chiara Ferri", "2021-03-10", [
        ("Luca Moretti", "2021-03-12T09:14", None), ("Chiara Ferri", "2021-03-12T18:40", None)]),
    "es-blogger.txt": (None, "Andrés Villar", "2021-03-13", [
        ("Inés Carrasco", "2021-03-13T10:12", None), ("Anónimo", "2021-03-14T08:05", None),
        ("Andrés Villar", "2021-03-14T19:47", None)]),
    "nl-blogger.txt": ("Tuinbonen zaaien", "Pieter Smit", "2021-03-13", [
        ("Marloes Visser", "2021-03-13T11:05", None), ("Anoniem", "2021-03-14T08:20", None)]),
    "fr-blogger-labels.txt": ("Les poireaux de mars", None, "2021-03-13", [
        ("Lucie Perrin", "2021-03-13T10:12", None), ("Anonyme", "2021-03-14T08:05", None)]),
    "pt-disqus.txt": ("Um dia em Sintra", "Rita Fonseca", "2021-03-12", [
        ("Paulo Lemos", None, None), ("Rita Fonseca", None, 0), ("Carla Antunes", None, None)]),
    "nl-ghost.txt": (None, "Femke Jansen", "2021-03-12", [
        ("Ruud Hendriks", "2021-03-12T00:00", None), ("Femke Jansen", "2021-03-13T00:00", None)]),
    "it-drupal.txt": ("Il lago all'alba", None, "2021-03-12", [
        ("Paolo Rinaldi", "2021-03-13T09:14", None), ("Sara Galli", "2021-03-13T18:20", None)]),
    "pl-news-replies.txt": ("Nowy most na Warcie otwarty", None, "2021-03-12", [
        ("Wiesław", "2021-03-12T08:31", None), ("Halina", "2021-03-12T09:05", None), ("Bogdan", "2021-03-12T10:40", None)]),
    # a login prompt between the heading and the first name is no name; "Zum Antworten anmelden" is a reply link
    "de-news-login.txt": ("Neue Fähre über den Fluss", None, "2021-03-12", [
        ("Walburga Fink", "2021-03-12T00:00", None), ("Konrad Wendel", "2021-03-13T00:00", None)]),
    "fr-news-login.txt": ("Un nouveau bac sur la rivière", None, "2021-03-12", [
        ("Gaston Leroux", "2021-03-12T10:02", None), ("Mireille Caron", "2021-03-13T08:40", None)]),
    # buttons parted by dots ("Antworten  ·  Gefällt mir  ·  Melden") prove the comments; a heading glued to the form's
    # link ("Kommentare (2) Kommentar schreiben") is no name
    "de-magazine-dots.txt": ("Den Balkon im März bepflanzen", None, "2021-03-10", [
        ("Gartenfee71", "2021-03-12T00:00", None), ("Holger Brandt", "2021-03-13T00:00", None)]),
}
# The platforms' furniture around the comments, in these languages: never a comment, never a commenter's name.
FURNITURE = ("Beantwoorden", "Vind ik leuk", "Vind-ik-leuk", "Odpowiedz", "Polub", "Geef een reactie", "Dodaj komentarz",
             "Anuluj", "Reactie annuleren", "Klik om te delen", "Kliknij", "Delen:", "Udostępnij", "Gerelateerd", "Podobne",
             "e-mailadres", "adres e-mail", "Partilhar", "Participe da discussão", "Ordenar por", "Responder", "Répondre",
             "Rispondi", "rispondi", "Supprimer", "Saisir un commentaire", "Articles les plus consultés", "potager",
             "Een reactie posten", "Nieuwere post", "Abonneren op", "NajnowszePopularneNajstarsze", "pokażodpowiedzi",
             "wyślij komentarz", "Pokaż:", "Lid worden", "anmelden", "Connectez-vous", "Gefällt mir", "Melden",
             "Kommentar schreiben", "Publicar un comentario", "Permalink")


def _post(name: str):
    [post] = read_text_copy(LANGUAGES / name)
    return post


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_comment_headers_and_local_dates_are_read(name):
    title, author, day, comments = EXPECTED[name]
    post = _post(name)
    if title is not None:
        assert post.title == title
    if author is not None:
        assert post.author == author
    assert post.date[:10] == day, "the post's date is its byline's, never a comment's"
    got = [c for c in post.comments if c.kind == "comment" and c.status == "approved"]
    assert [c.author for c in got] == [a for a, _, _ in comments]
    for c, (_, when, parent) in zip(got, comments):
        assert (c.created.isoformat()[:16] if c.created else None) == when, c.author
        assert c.parent == (got[parent].local_id if parent is not None else None), c.author


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_furniture_is_no_comment_and_no_name(name):
    post = _post(name)
    for c in post.comments:
        for word in FURNITURE:
            assert word not in c.author, (c.author, word)
            assert word not in c.body, (c.body, word)
    essay = "\n".join(post.blocks)
    # "potager" is the post's tag, which a Blogger theme prints under the post: the essay may keep it
    assert not [w for w in FURNITURE if w in essay and w not in ("Responder", "Répondre", "potager")]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_anything_else_after_the_article_is_held_with_its_reason(name):
    post = _post(name)
    held = [c for c in post.comments if c.status != "approved"]
    assert len(post.comments) - len(held) == len(EXPECTED[name][3])
    assert all(c.status == "pending" and c.reason.startswith("not sure it is a comment") for c in held)


def test_a_disqus_comment_with_a_relative_date_keeps_the_posts_date_and_says_so():
    post = _post("pt-disqus.txt")
    undated = [c for c in post.comments if c.created is None]
    assert len(undated) == 3
    assert sum("há 2 anos" in note and "like the post" in note for note in post.notes) == 3


def test_a_tag_over_the_comments_heading_is_no_commenter():
    post = _post("fr-blogger-labels.txt")
    assert [c.author for c in post.comments][:1] == ["Lucie Perrin"], "the tag 'potager' two lines over her name is not hers"


@pytest.mark.parametrize(("line", "heading"), [
    ("Eén reactie op “De stille vijver”", True), ("2 reacties op “De stille vijver”", True),
    ("Jeden komentarz do „Zima w Bieszczadach”", True), ("Brak komentarzy", True), ("3 komentarze", True),
    # a Dutch sentence that begins as WordPress's heading does ("een" is also the article "a")
    ("Een reactie op het plan van de minister kwam al binnen een uur.", False),
    ("Geen reactie op de vragen van de gemeenteraad.", False),
])
def test_dutch_and_polish_comments_headings(line, heading):
    from essaykit.importers.text_headers import comments_start

    assert comments_start(line) is heading
