"""Disqus's, WordPress.com's and Blogger's comment sections copied as text in the languages the other tests leave
out (issue 28): Disqus in German, French, Spanish and Italian ("3 Kommentare", "Anmelden", "vor 2 Jahren",
"Antworten", "Teilen ›"), WordPress.com in French, Spanish, Italian and Portuguese ("J’aime", "Aimé par 2
personnes", "Répondre"), Blogger in Italian ("NAME ha detto...", "Elimina"). The copies are built here from those
platforms' stock strings; the names and words are invented.
"""

from __future__ import annotations

import pytest

from .builders import read_copy_lines

NAMES = ("Paolo Rinaldi", "Sara Galli")
TEXTS = {
    "de": ("Der Nebel am Morgen macht den Weg zum Gipfel besonders schön, aber man braucht gute Schuhe.",
           "Danke für den Hinweis mit den Schuhen, wir waren im Herbst dort und es war sehr rutschig."),
    "fr": ("Le brouillard du matin rend le chemin vers le sommet très beau, mais il faut de bonnes chaussures.",
           "Merci pour le conseil sur les chaussures, nous y étions en automne et c'était très glissant."),
    "es": ("La niebla de la mañana hace que el camino a la cima sea precioso, pero hacen falta buenas botas.",
           "Gracias por el consejo de las botas, estuvimos en otoño y el camino resbalaba mucho."),
    "it": ("La nebbia del mattino rende il sentiero verso la cima bellissimo, ma servono buone scarpe.",
           "Grazie per il consiglio sulle scarpe, ci siamo stati in autunno ed era molto scivoloso."),
    "pt": ("O nevoeiro da manhã torna o caminho até ao cume muito bonito, mas são precisas boas botas.",
           "Obrigada pela dica das botas, estivemos lá no outono e o caminho escorregava muito."),
}
HEAD = {  # title, byline, prose
    "de": ("Der Weg zum Gipfel", "Von Greta Holm · 12. März 2021",
           "Wir sind früh am Morgen losgegangen, als der Nebel noch im Tal lag und kaum jemand unterwegs war."),
    "fr": ("Le chemin du sommet", "Par Claire Martin · 12 mars 2021",
           "Nous sommes partis tôt le matin, quand le brouillard couvrait encore la vallée et que personne n'était là."),
    "es": ("El camino a la cima", "Por Lucía Pérez · 12 de marzo de 2021",
           "Salimos temprano por la mañana, cuando la niebla aún cubría el valle y casi no había nadie en el camino."),
    "it": ("Il sentiero della cima", "Di Giulia Conti · 12 marzo 2021",
           "Siamo partiti presto la mattina, quando la nebbia copriva ancora la valle e non c'era quasi nessuno."),
    "pt": ("O caminho do cume", "Por João Silva · 12 de março de 2021",
           "Saímos cedo de manhã, quando o nevoeiro ainda cobria o vale e quase não havia ninguém no caminho."),
}
DISQUS = {  # count, login, sort, join, time ago, reply, share
    "de": ("2 Kommentare", "Anmelden", "Sortieren nach Beste", "An der Diskussion teilnehmen…", "vor 2 Jahren",
           "Antworten", "Teilen ›"),
    "fr": ("2 Commentaires", "Connexion", "Trier par meilleur", "Rejoindre la discussion…", "il y a 2 ans", "Répondre",
           "Partager ›"),
    "es": ("2 Comentarios", "Iniciar sesión", "Ordenar por los mejores", "Únete a la conversación…", "hace 2 años",
           "Responder", "Compartir ›"),
    "it": ("2 Commenti", "Accedi", "Ordina per migliori", "Partecipa alla discussione…", "2 anni fa", "Rispondi",
           "Condividi ›"),
}
WPCOM = {  # heading, "says", date, reply, like, liked by, form heading
    "fr": ("2 réflexions sur « {t} »", "dit :", "13 mars 2021 à 9 h 14 min", "Répondre", "J’aime",
           "Aimé par 2 personnes", "Laisser un commentaire"),
    "es": ("2 comentarios en “{t}”", "dijo:", "13 marzo, 2021 a las 9:14", "Responder", "Me gusta",
           "A 2 personas les gusta esto", "Deja un comentario"),
    "it": ("2 pensieri su “{t}”", "ha detto:", "13 marzo 2021 alle 9:14", "Rispondi", "Mi piace",
           "Piace a 2 persone", "Lascia un commento"),
    "pt": ("2 opiniões sobre “{t}”", "disse:", "13 de março de 2021 às 9:14", "Responder", "Curtir",
           "Curtido por 2 pessoas", "Deixe um comentário"),
}


def _head(lang: str) -> list[str]:
    title, byline, prose = HEAD[lang]
    return [title, byline, "", prose, "", prose.replace(",", ";"), ""]


@pytest.mark.parametrize("lang", sorted(DISQUS))
def test_a_disqus_thread_in_four_more_languages(tmp_path, lang):
    count, login, sort, join, ago, reply, share = DISQUS[lang]
    lines = _head(lang) + [count, login, join, sort, ""]
    for name, text in zip(NAMES, TEXTS[lang]):
        lines += [name, ago, text, reply, "•", share, ""]
    post = read_copy_lines(tmp_path, lines + ["Powered by Disqus"])
    assert [(c.author, c.status) for c in post.comments] == [(n, "approved") for n in NAMES]
    assert [c.body for c in post.comments] == list(TEXTS[lang])
    assert all(c.created is None for c in post.comments), "a relative date keeps the post's date"
    assert sum(ago in note for note in post.notes) == 2


@pytest.mark.parametrize("lang", sorted(WPCOM))
def test_a_wordpress_com_thread_in_four_more_languages(tmp_path, lang):
    heading, says, day, reply, like, liked, form = WPCOM[lang]
    lines = _head(lang) + [like, "", heading.format(t=HEAD[lang][0]), ""]
    for name, text in zip(NAMES, TEXTS[lang]):
        lines += [f"{name} {says}", day, "", text, "", f"{like}{like}", liked, "", reply, ""]
    post = read_copy_lines(tmp_path, lines + [form])
    assert [(c.author, c.status) for c in post.comments] == [(n, "approved") for n in NAMES]
    assert [c.body for c in post.comments] == list(TEXTS[lang]), "no 'Like' or 'Liked by' in a comment"
    assert [c.created.isoformat()[:16] for c in post.comments] == ["2021-03-13T09:14"] * 2


def test_an_italian_blogger_thread(tmp_path):
    lines = _head("it") + ["2 commenti:", ""]
    for name, text in zip(NAMES, TEXTS["it"]):
        lines += [f"{name} ha detto...", "", text, "", "13 marzo 2021 alle ore 09:14", "", "Elimina", ""]
    post = read_copy_lines(tmp_path, lines + ["Posta un commento", "Post più recente Post più vecchio Home page"])
    assert [(c.author, c.status) for c in post.comments] == [(n, "approved") for n in NAMES]
    assert [c.body for c in post.comments] == list(TEXTS["it"])
    assert [c.created.isoformat()[:16] for c in post.comments] == ["2021-03-13T09:14"] * 2
