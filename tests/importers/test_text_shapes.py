"""Whole-page text copies (select all, copy) of six page shapes, in five languages: the headline below the page's
menus, promos and teasers, and comment headers found by their shape (issue 28, item 2).

Each fixture in fixtures/shapes/ was written for essaykit in the shape a browser's copy of such a page has:
an Epoch-style thread ("NAME · DATE", "Report", "Reply") under a related-posts block and "Hay 3 comentarios";
a Kinja post (a long byline block under the headline, buttons between each commenter's name and date);
a Drupal thread (the name over the text, the date under its "rispondi" row) under a promo and the form fields;
"NAME schrieb am DATE:" after a "2 Kommentare" count under the byline and a link to the form;
a news page whose teasers ("Sur le même sujet") carry bylines of their own; and a headline naming a year over
its lede and a photo caption that has the date right under it.
"""

from __future__ import annotations

import pytest

from essaykit.importers.text import read_text_copy

from .builders import FIXTURES

SHAPES = FIXTURES / "shapes"
# file: (title, author, post date, [(author, comment date)] of the comments, all approved)
EXPECTED = {
    "es-epoch.txt": ("El transbordador en la niebla, diez años después", "", "",
                     [("Diego Ruiz", "2024-04-04T17:49"), ("marta_v", "2024-04-05T09:12"),
                      ("Lucía Pérez", "2024-04-05T11:30")]),
    "en-kinja.txt": ("The Night Ferry Is the Best Film Nobody Saw This Year", "Ruth Amsel", "2015-03-09T08:00",
                     [("ferrylover", "2015-03-09T08:12"), ("Ruth Amsel", "2015-03-09T08:14")]),
    "it-drupal.txt": ("Il traghetto nella nebbia", "", "2024-04-04T18:00",
                      [("Marco Bianchi", "2024-04-05T17:49"), ("Anonimo", "2024-04-06T09:12"),
                       ("Giulia Conti", "2024-04-06T11:30")]),
    "de-wrote-on.txt": ("Die Fähre im Nebel, zehn Jahre danach", "Greta Holm", "2024-04-03",
                        [("Jonas Weber", "2024-03-14T17:49"), ("Greta Holm", "2024-03-15T09:12")]),
    "fr-news.txt": ("Le bac dans le brouillard ressort en salles", "", "",
                    [("Paul Girard", "2024-05-01T17:49"), ("Claire Morel", "2024-05-02T09:12")]),
    "pt-news.txt": ("O balsa na neblina volta aos cinemas em 2024", "", "",
                    [("João Silva", "2023-12-22T10:00"), ("Helena Duarte", "2023-12-22T11:30")]),
}
# Lines of the page around the article and the comments: none may reach the essay or a comment.
FURNITURE = ("Report", "Denunciar", "Responder", "Antworten", "Répondre", "rispondi", "Go to permalink", "Flagged",
             "Follow ferrylover", "924Reply", "Invite manually", "Filed to", "Haz clic", "Me gusta esto", "Relacionado",
             "Lascia vuoto", "Il tuo nome", "successiva", "Vedi commenti", "Kommentar schreiben", "Neuere Artikel",
             "Sur le même sujet", "Copiar link", "Link externo", "Sostieni il cineclub")


@pytest.mark.parametrize("name", sorted({*EXPECTED, *(p.name for p in SHAPES.glob("*.txt"))}))
def test_headline_and_comment_headers_by_shape(name):
    assert name in EXPECTED and (SHAPES / name).is_file(), "each fixture has its reading below, and each reading its file"
    title, author, day, comments = EXPECTED[name]
    [post] = read_text_copy(SHAPES / name)
    assert (post.title, post.author, post.date[:len(day)] if day else "") == (title, author, day)
    got = [(c.author, c.created.isoformat()[:16] if c.created else None, c.status) for c in post.comments]
    assert got == [(a, d, "approved") for a, d in comments], "every comment, by its header's name and date, and nothing else"
    text = "\n".join(post.blocks)
    assert post.blocks and not any(line in text for line in FURNITURE), text
    assert not any(line in c.body for c in post.comments for line in FURNITURE), [c.body for c in post.comments]
    assert not any(c.body in text for c in post.comments), "a comment's text is not essay text"


def test_each_line_says_its_fate():
    [post] = read_text_copy(SHAPES / "en-kinja.txt")
    fates = {line.strip(): what for _, what, line in post.explain}
    assert fates["ferrylover"] == "comment author" and fates["ferrylover Ruth Amsel"] == "comment header"
    assert fates["3/09/15 8:12am 3/09/15 8:12am"] == "comment date"
    assert fates["924Reply"].startswith("dropped") and fates["Trending on Kinja"].startswith("dropped")
    [post] = read_text_copy(SHAPES / "it-drupal.txt")
    fates = {line.strip(): what for _, what, line in post.explain}
    assert (fates["Marco Bianchi"], fates["5 aprile 2024"], fates["17:49"]) == (
        "comment author", "comment date", "comment date"), "Drupal's date stands under the comment, its time under that"


def test_a_name_and_a_date_inside_the_article_are_no_comment(tmp_path):
    copy = tmp_path / "c.txt"
    copy.write_text("A Quiet Harbour\nPosted on May 3, 2026 by Wren Okonkwo\n\n"
                    "The harbour film is slow and kind, and I liked it far more than I expected to, from the first shot.\n\n"
                    "Ana Lima · May 1, 2026\n\n"
                    "That is the line of the credits where the photographer is named, and it is the best one.\n\n"
                    "No one else in the room stayed for it, which was their loss and my quiet evening.\n",
                    encoding="utf-8")
    [post] = read_text_copy(copy)
    assert post.comments == [] and "Ana Lima · May 1, 2026" in "\n".join(post.blocks), \
        "without a button row under it, a name and a date are the article's"


def test_a_chapter_under_its_split_byline_is_the_title(tmp_path):
    copy = tmp_path / "c.txt"
    prose = ("The ferry left before dawn and nobody on the pier waved, because everyone was still asleep and the fog lay "
             "so thick on the water that the lamps on the shore could hardly be seen from the deck.")
    copy.write_text("\n".join(["Fictions", "Forums", "Member List", "The Night Ferry", "by", "Wren Okonkwo",
                               "Chapter Twelve: What the Fog Kept", "Fiction Page", "Donate", "Report Chapter",
                               "Previous", "Chapter", "Next", "Chapter", "", prose, "", prose]) + "\n", encoding="utf-8")
    [post] = read_text_copy(copy)
    assert post.title == "Chapter Twelve: What the Fog Kept", "'by' over a name over a line: that line is the title"


def test_a_headline_over_its_lede_needs_no_byline(tmp_path):
    copy = tmp_path / "c.txt"
    lede = ("Los pueblos del puerto reclaman una línea de transbordadores que prometieron hace diez años y que nunca "
            "llegó a funcionar, por eso la protesta crece cada invierno")
    prose = ("El transbordador salió antes del amanecer y nadie en el muelle lo despidió, porque todos dormían todavía y "
             "la niebla estaba tan espesa sobre el agua que apenas se veían las luces de la costa desde la cubierta.")
    copy.write_text("\n".join(["Si usted es una persona con dificultades visuales, navegue el sitio desde aquí", "MENÚ",
                               "SEGUIR", "BUSCAR", "Últimas NoticiasSociedadPolítica", "Suscribite",
                               "Una solución tranquila para el transbordador del puerto", lede, "    0", prose, prose])
                    + "\n", encoding="utf-8")
    [post] = read_text_copy(copy)
    assert post.title == "Una solución tranquila para el transbordador del puerto", \
        "a long line right over the lede and the article is the headline; the menus above are shorter"


def test_a_headline_over_a_list_of_long_items(tmp_path):
    copy = tmp_path / "c.txt"
    items = [f"+ Added the {what} to the harbour map, with its own lamp and sound" for what in
             ("north pier", "south pier", "ferry office", "fog bell", "night market", "old lighthouse")]
    copy.write_text("\n".join(["Harbour Notes", "\tPowered by Tumblr", "Harbour Map 2.0 - The Foggy Update", *items,
                               "", "Posted 3 days ago"]) + "\n", encoding="utf-8")
    [post] = read_text_copy(copy)
    assert post.title == "Harbour Map 2.0 - The Foggy Update", "a changelog's items are its article, not a menu"
