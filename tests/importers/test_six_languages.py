"""Whole WordPress and Blogger pages in English, German, French, Spanish, Portuguese and Italian, as saved pages
and as text copies (select all, copy), with all the furniture WordPress prints around a comment section in each
language: the form with its cancel link, the login prompt, Akismet's notice, share and like rows, related posts,
a newsletter box and a cookie banner (issue 28, items 2 to 4).

Each fixture in fixtures/languages/ was written for essaykit in the shape a browser's copy or a saved page of
such a theme has: Twenty Twenty's labels over its byline and its "By Post Author" badge under "Reply", German
Drupal's "Verfasst von NAME am DATE" and
"Soumis par NAME le DATE" with numeric dates, Ghost's members-only discussion, Substack's and Medium's "Author" badge between a name and the text, German
Blogger's "hat gesagt…" headers with the date under the text, a French reply that names the comment it answers,
an Astra-style page whose badge stands beside the name, a Spanish page with no comments at all, and comments
dated "2 days ago", "vor 2 Tagen" and "il y a 3 jours".
"""

from __future__ import annotations

import pytest

from essaykit.importers.html_page import read_html_page
from essaykit.importers.text import read_text_copy
from essaykit.importers.verdict import find_rating

from .builders import FIXTURES

LANGUAGES = FIXTURES / "languages"
# file: (title, author, post date, [(author, comment date or None, the post author's badge, replying to)], rating)
EXPECTED = {
    "en-twentytwenty.txt": ("The Quiet Harbour", "Ruth Amsel", "2026-12-04", [
        ("Mark Ellison", "2026-12-05T09:12", False, None), ("Ruth Amsel", "2026-12-05T11:40", True, None),
        ("Lena Park", "2026-12-06T17:49", False, None)], 5),
    "de-wordpress.txt": ("Der stille Hafen", "Greta Holm", "2026-12-04", [
        ("Jonas Keller", "2026-12-05T09:12", False, None), ("Greta Holm", "2026-12-05T11:40", False, None),
        ("Lena Vogt", "2026-12-06T17:49", False, None)], 5),
    "fr-wordpress.txt": ("Le port tranquille", "Claire Martin", "2026-12-04", [
        ("Marie Dubois", "2026-12-05T09:12", False, None), ("Claire Martin", "2026-12-05T11:40", False, None),
        ("Paul Girard", "2026-12-06T17:49", False, None)], 5),
    "es-wordpress.txt": ("El puerto tranquilo", "Lucía Pérez", "2026-12-04", [
        ("Diego Ruiz", "2026-12-05T09:12", False, None), ("Lucía Pérez", "2026-12-06T17:49", True, None)], 4),
    "pt-wordpress.txt": ("O porto tranquilo", "João Silva", "2026-12-04", [
        ("Helena Duarte", "2026-12-05T09:12", False, None), ("João Silva", "2026-12-06T17:49", False, None)], 4),
    "it-wordpress.txt": ("Il porto tranquillo", "Giulia Conti", "2026-12-04", [
        ("Marco Bianchi", "2026-12-05T09:12", False, None), ("Giulia Conti", "2026-12-06T17:49", False, None)], 5),
    "de-blogger.txt": ("Der stille Hafen", "Greta Holm", "2026-12-06", [
        ("Anonym", "2026-12-06T17:49", False, None), ("Jonas Keller", "2026-12-07T09:12", False, None),
        ("Greta Holm", "2026-12-07T11:40", False, None)], None),
    "pt-blogger.txt": ("O porto tranquilo", "João Silva", "2026-12-06", [
        ("Anônimo", "2026-12-06T17:49", False, None), ("Helena Duarte", "2026-12-07T09:12", False, None)], None),
    "fr-nested.txt": ("Le port tranquille", "Claire Martin", "2026-12-04", [
        ("Marie Dubois", "2026-12-05T09:12", False, None), ("Claire Martin", "2026-12-05T11:40", False, "Marie Dubois"),
        ("Paul Girard", "2026-12-06T17:49", False, None)], None),
    "mixed-relative-dates.txt": ("The Quiet Harbour", "Ruth Amsel", "2026-12-04", [
        ("Mark Ellison", None, False, None), ("Ruth Amsel", None, True, None), ("Lena Vogt", None, False, None),
        ("Paul Girard", None, False, None)], None),
    "fr-astra.html": ("Le port tranquille", "Claire Martin", "2026-12-04", [
        ("Marie Dubois", "2026-12-05T08:12", False, None), ("Claire Martin", "2026-12-05T10:40", True, "Marie Dubois"),
        ("Paul Girard", "2026-12-06T16:49", False, None)], 4.5),
    "es-nocomments.html": ("El puerto tranquilo", "Lucía Pérez", "2026-12-04", [], None),
    "de-drupal.txt": ("Der stille Hafen", "greta", "2026-12-04", [
        ("Jonas Keller", "2026-12-05T09:12", False, None), ("Lena Vogt", "2026-12-06T17:49", False, None)], None),
    "fr-drupal.txt": ("Le port tranquille", "claire", "2026-12-04", [
        ("Marie Dubois", "2026-12-05T09:12", False, None), ("Paul Girard", "2026-12-06T17:49", False, None)], None),
    "en-ghost.txt": ("The Quiet Harbour", None, None, [], None),  # the head's byline under a subtitle: not this test's
    "en-substack.txt": ("The Quiet Harbour", "Ruth Amsel", "2026-12-04", [
        ("Mark Ellison", "2026-12-05T00:00", False, None), ("Ruth Amsel", "2026-12-05T00:00", True, None),
        ("Lena Park", "2026-12-06T00:00", False, None)], None),
    "en-medium.txt": ("The Quiet Harbour", "Ruth Amsel", "2026-12-04", [
        ("Mark Ellison", "2026-12-05T00:00", False, None), ("Ruth Amsel", "2026-12-05T00:00", True, None),
        ("Lena Park", "2026-12-06T00:00", False, None)], None),
}
# The furniture of the pages (one line of each kind, in each language): never a comment, never essay text.
FURNITURE = ("Cancel reply", "Antworten abbrechen", "Annuler la réponse", "Cancelar la respuesta", "Cancelar resposta",
             "Annulla risposta", "Akismet", "logged in", "angemeldet", "vous connecter", "conectado", "cookie",
             "Cookie", "Twitter", "Facebook", "Klick", "Cliquez", "Haz clic", "Clique", "Fai clic", "Like this",
             "Gefällt mir", "J’aime", "Me gusta", "Curtir", "Mi piace", "Related", "Ähnliche Beiträge",
             "Articles similaires", "Entradas relacionadas", "Relacionado", "Articoli correlati", "newsletter",
             "Newsletter", "Abonnieren", "By Post Author", "Autor de la entrada", "Auteur de l’article", "BlogThis",
             "Kommentar veröffentlichen", "Atom", "Älterer Post", "En réponse à", "Post author", "Restack", "Launched",
             "Type your email", "Notes on films", "©", "Followers", "Melden Sie sich", "Connectez-vous", "Neuen Kommentar",
             "Ajouter un commentaire", "Fußzeile", "Permalien", "Sign up now", "Long Field", "Enviar por e-mail",
             "Postagem mais", "Postar")


def _read(name: str):
    path = LANGUAGES / name
    [post] = (read_html_page if path.suffix == ".html" else read_text_copy)(path)
    return post


@pytest.mark.parametrize("name", sorted({*EXPECTED, *(p.name for p in LANGUAGES.iterdir())}))
def test_each_language_reads_its_post_comments_badges_and_rating(name):
    assert name in EXPECTED and (LANGUAGES / name).is_file(), "each fixture has its reading below, and each reading its file"
    title, author, day, comments, rating = EXPECTED[name]
    post = _read(name)
    assert post.title == title
    assert (post.author, post.date[:10]) == (author, day) or author is None
    by_id = {c.local_id: c for c in post.comments}
    got = [(c.author, c.created.isoformat()[:16] if c.created else None, c.by_author,
            by_id[c.parent].author if c.parent else None) for c in post.comments if c.kind == "comment"]
    assert got == comments, "every comment by its header's name and date, badge and thread, and nothing else"
    assert all(c.status == "approved" for c in post.comments), [(c.author, c.reason) for c in post.comments]
    text = "\n".join(post.blocks)
    assert not any(line in c.body or line in c.author for c in post.comments for line in FURNITURE), \
        [c.body for c in post.comments]
    assert not any(line in text for line in FURNITURE if line not in ("Twitter", "Facebook")), text
    assert find_rating(text)[0] == rating


def test_undated_comments_keep_the_posts_date_and_the_report_says_so():
    post = _read("mixed-relative-dates.txt")
    for said in ("'2 days ago'", "'vor 2 Tagen'", "'il y a 3 jours'"):
        assert any(said in note and "dated it like the post" in note for note in post.notes), post.notes


def test_a_pingback_without_an_address_is_an_unlinked_mention_with_its_title_and_site():
    [mention] = [c for c in _read("es-wordpress.txt").comments if c.kind != "comment"]
    assert (mention.kind, mention.title, mention.site, mention.source_url) == (
        "pingback", "Las películas del invierno", "Cine Faro", "")


@pytest.mark.parametrize(("line", "stars"), [
    ("First of all, five stars, thumbs way up: it is the best thing I saw on a screen this whole grey winter.", 5),
    ("Von mir gibt es fünf Sterne, ohne Zögern, für den schönsten Film des Winters, den ich im Kino am Hafen sah.", 5),
    ("Pour moi, cinq étoiles, sans hésiter, pour le plus beau film de cet hiver très gris et très long au port.", 5),
    ("Le doy cuatro estrellas, sin dudarlo, y la recomiendo a todos los que disfrutan del cine lento y tranquilo.", 4),
    ("Eu dou cinco estrelas para este filme sem pensar duas vezes, porque a cena do cais é linda demais.", 5),
    ("Io gli do quattro stelle e mezzo, perché il finale mi ha lasciato senza parole per tutta la sera.", 4.5),
    ("Nota: 4/5, e recomendo a todos que gostam de filmes lentos e de longas cenas no cais ao entardecer.", 4),
    ("Ich vergebe ★★★★☆ für diesen Film, der mich noch lange nach dem Abspann im Kino begleitet hat.", 4),
    ("We stayed in a hotel with five stars on the sign, which was nice, and walked to the cinema every night.", None),
    ("In the end, five stars hotels in this town are rare, so we slept in a small pension near the old port.", None),
])
def test_a_rating_inside_a_longer_line_in_six_languages(line, stars):
    assert find_rating(line)[0] == stars
