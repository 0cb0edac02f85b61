"""Fifteen text copies, each of a different real-world shape: nothing of the comment section stays in the essay."""

from __future__ import annotations

import re

import pytest

from essaykit.importers.text import read_text_copy
from essaykit.importers.verdict import find_rating

from .builders import FIXTURES

TEXT = FIXTURES / "text"
# file: (title, author, date prefix, [(kind, author, has its own date)], rating)
EXPECTED = {
    "01-wordpress-indented.txt": ("Harbour Lights, Reconsidered", "Ines Dantas", "2026-03-03",
                                  [("comment", "Marta Quinn", True), ("comment", "Oren Blum", True),
                                   ("comment", "Ines Dantas", True), ("pingback", None, False)], 4.0),
    "02-emoji-signatures.txt": ("The Paper Boat", "", "2026-11-12",
                                [("comment", "Ric", False), ("comment", "Bea", False), ("comment", "Ana", False),
                                 ("comment", "Paulo", False), ("pingback", None, False)], 4.0),
    "03-blank-separated.txt": ("Nine Rooms of Rain", "Kofi Mensah", "2026-12-02",
                               [("comment", "Sadia", False), ("comment", "Jules", False)], None),
    "04-blogger.txt": ("A Winter Without Snow", "Lena Vogt", "2026-01-06",
                       [("comment", "Tomasz", True), ("comment", "Anonymous", True), ("comment", "Lena Vogt", True)], 3.5),
    "05-medium.txt": ("A review of a film that takes place entirely on a river crossing", "Dara Cole", "2026-08-14", [], 3.5),
    "06-disqus-copy.txt": ("Static on Channel Four", "", "2026-09-30",
                           [("comment", "Mireille Laurent", False), ("comment", "Quentin Ash", False)], 2.0),
    "07-portuguese.txt": ("O Farol de Sal", "Helena Duarte", "2026-03-03", [("comment", "João", False), ("comment", "Rita", False)], None),
    "08-quoted-boilerplate.txt": ("Leave a Reply: a film about answering machines", "Sam Ortiz", "2026-10-14", [], None),
    "09-numbered-tabs.txt": ("Five Ways to Watch a Western", "Ada Brenner", "2026-05-21",
                             [("comment", "Nour Haddad", True), ("comment", "Pete", True)], None),
    "10-trackbacks-only.txt": ("The Long Table", "", "2026-06-02",
                               [("trackback", None, False), ("pingback", None, False), ("pingback", None, False)], None),
    "11-reply-like.txt": ("The Glassblower's Daughter", "Ruth Amsel", "2026-04-18",
                          [("comment", "Yusuf Demir", True), ("comment", "Clara Wendt", True), ("comment", "Ruth Amsel", True),
                           ("pingback", None, False)], None),
    "12-no-comments-ghost.txt": ("A Field Guide to Fog", "Mina Park", "2026-01-09", [], 5.0),
    "13-full-page-sidebar.txt": ("Why I Keep Rewatching The Quiet Harbour", "Theo Laine", "2026-12-02",
                                 [("comment", "Jen Park", True), ("comment", "Maurice", True), ("comment", "Theo Laine", True),
                                  ("trackback", None, False)], None),
    "14-indented-headerless.txt": ("Mid-Century Thrills: Rope at the Revival House", "Samira Haddad", "2026-10-09",
                                   [("comment", "Gus Olsen", True), ("comment", "Priya N.", True), ("pingback", None, False)], 3.5),
    "15-firefox-save-as-text.txt": ("Harbour Lights", "Ines", "2026-03-03",
                                    [("comment", "Marta", True), ("comment", "Ines", True), ("pingback", None, False)], None),
}
# Words that only the page furniture or the comments use: none may reach the essay's cells.
LEAKS = re.compile(r"Fill in your details|commenting using|Akismet|Notify me|Share this:|Like Loading|says:|said\.\.\."
                   r"|Pingback|Trackback|Reply\b|Log Out|Gravatar|Posted by|Labels:|Subscribe|Followers|min read"
                   r"|Sort by|Join the discussion|Powered by|BlogThis|Comentário|comentário|Deixe|Written by|Copy link")


def test_there_are_fifteen_shapes():
    assert sorted(p.name for p in TEXT.glob("*.txt")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_text_copy(name):
    title, author, day, comments, rating = EXPECTED[name]
    [post] = read_text_copy(TEXT / name)
    assert (post.title, post.author, post.date[:10]) == (title, author, day)
    essay_text = "\n".join(post.blocks + post.spoiler_blocks)
    if name != "08-quoted-boilerplate.txt":
        assert not LEAKS.search(essay_text), f"page furniture or a comment stayed in the essay: {essay_text!r}"
    for comment in post.comments:
        assert comment.author not in ("",) and not LEAKS.search(comment.body.replace("Reply Share", "")), comment
    got = [(c.kind, c.author if c.kind == "comment" else None, c.created is not None) for c in post.comments]
    assert got == comments
    assert find_rating(essay_text)[0] == rating


def test_a_review_that_quotes_boilerplate_keeps_it():
    [post] = read_text_copy(TEXT / "08-quoted-boilerplate.txt")
    assert "Leave a reply" in post.blocks and "Related" in post.blocks
    assert any("Share this:" in b for b in post.blocks) and post.comments == []


def test_replies_keep_their_parents():
    [post] = read_text_copy(TEXT / "01-wordpress-indented.txt")
    marta, oren, ines, _ = post.comments
    assert ines.parent == oren.local_id and marta.parent is None and oren.parent is None
    [post] = read_text_copy(TEXT / "06-disqus-copy.txt")
    mireille, quentin = post.comments
    assert quentin.parent == mireille.local_id


def test_pingbacks_with_and_without_urls_are_mentions():
    [post] = read_text_copy(TEXT / "10-trackbacks-only.txt")
    kinds = [(c.kind, c.source_url) for c in post.comments]
    assert kinds[0] == ("trackback", "https://framebyframe.example.com/long-table")
    assert [k for k, _ in kinds[1:]] == ["pingback", "pingback"]
    third = post.comments[2]
    assert (third.author, third.title, third.site) == ("Cinema Notebook", "Best ensemble casts of 2026", "Cinema Notebook"), \
        "'SITE » TITLE' is read as its site and its page's title"


def test_explain_names_every_line():
    [post] = read_text_copy(TEXT / "01-wordpress-indented.txt")
    lines = (TEXT / "01-wordpress-indented.txt").read_text(encoding="utf-8").split("\n")
    assert len(post.explain) == len(lines)
    fates = {line.strip(): what for _, what, line in post.explain}
    assert fates["Harbour Lights, Reconsidered"] == "title"
    assert fates["Posted on March 3, 2026 by Ines Dantas"].startswith("author")
    assert fates["Fill in your details below or click an icon to log in:"].startswith("dropped")
    assert fates["Skip to content"].startswith("dropped")
    assert fates["March 4, 2026 at 9:12 am"] == "comment date"
    assert fates["The foghorn scene made me jump. Lovely write-up."].startswith("comment")
    assert fates["3. Pingback: Ten quiet films for winter | Still Frames"].startswith("mention")
    assert fates["The camera rarely moves, and when it does it matters."] == "text"


def test_the_report_says_what_was_guessed_and_dropped():
    [post] = read_text_copy(TEXT / "02-emoji-signatures.txt")
    assert any("'Ric'" in g and "signature" in g for g in post.guessed)
    assert any("no date in the copy" in n for n in post.notes), "comments without a date are reported, not silently dated"
    [post] = read_text_copy(TEXT / "01-wordpress-indented.txt")
    assert any("boilerplate" in d for d in post.dropped)


def test_a_full_page_copy_drops_the_sidebar_and_keeps_the_spoiler():
    [post] = read_text_copy(TEXT / "13-full-page-sidebar.txt")
    assert post.spoiler_label == "Spoiler warning: the last ten minutes are below."
    assert post.spoiler_blocks == ["The boat was never theirs."], "the ads notice is not a spoiler"
    maurice, theo = post.comments[1], post.comments[2]
    assert theo.parent == maurice.local_id, "an indented header is a reply"
    assert maurice.body.endswith("Cheers,"), "the sign-off stays, the name already heads the comment"
    assert any("sidebar" in d for d in post.dropped)
    ping = post.comments[3]
    assert (ping.kind, ping.source_url, ping.site) == ("trackback", "", "quietharbour.example.net"), \
        "a domain named in a pingback is its site, never made into a URL"
    assert not any("quietharbour" in g for g in post.guessed)
    assert any("month first" in g for g in post.guessed), "an ambiguous numeric date is reported as a guess"


def test_a_sidebar_without_comments_is_not_essay_text(tmp_path):
    copy = tmp_path / "c.txt"
    copy.write_text("A Small Film\n\nJune 1, 2026\n\nThe whole review.\n\nCategories are a trap, the film says.\n\n"
                    "Search for:\nRecent Posts\nThe Salt Road\nArchives\nJune 2026\nMeta\nLog in\n", encoding="utf-8")
    [post] = read_text_copy(copy)
    assert post.blocks == ["The whole review.", "Categories are a trap, the film says."] and post.comments == []


def test_a_menu_before_the_title_is_dropped_and_the_article_list_kept():
    [post] = read_text_copy(TEXT / "15-firefox-save-as-text.txt")
    assert post.blocks == ["A patient film about a lighthouse.", "Things I liked:", "- the fog\n- the horn"]
    assert post.comments[1].parent == post.comments[0].local_id, "a deeper '+' item is a reply"


def _sure(tmp_path, text: str):
    from essaykit.importers.model import ImportedPost
    from essaykit.importers.text import read_text_copy

    path = tmp_path / "copy.txt"
    path.write_text(text, encoding="utf-8")
    post = next(o for o in read_text_copy(path) if isinstance(o, ImportedPost))
    return [(c.author, c.status) for c in post.comments if c.kind == "comment" and c.status == "approved"]


def test_a_sidebars_archive_and_a_footers_phone_line_are_never_approved_comments(tmp_path):
    # Lines shaped like "NAME" over "DATE" in a sidebar ("Meine Beiträge" over "Februar 2020"), a list of prizes
    # ("Buch" over "2017", a range of months) and a footer's phone line over the day's date: no comment section.
    article = ("Le ferry est parti avant l'aube, et personne sur le quai ne lui a fait signe, car tout le monde "
               "dormait encore et le brouillard était si épais qu'on voyait à peine les lanternes.")
    text = "\n".join(["Le ferry dans le brouillard", "Publié le 3 mai 2024 par Marie Dubois", "", article, "",
                      "Meine Beiträge", "Februar 2020", "M D M D F S S", "", "Buch", "2017", "Preis der Leser", "",
                      "Tanzt das Brot", "10.2003 - 02.2004", "", "Un tube de l'été, cinq semaines au sommet.", "",
                      "Teléfono +595 21 603 400", "", "VIERNES, 06 DE MAYO DE 2022", "", "13°", "CLIMA AHORA"]) + "\n"
    assert _sure(tmp_path, text) == []


def test_a_sidebars_countdown_under_a_comments_heading_is_held_not_approved(tmp_path):
    article = ("Microsoft liefert das Update auch für ältere Versionen aus, und wer es installiert, schickt dem "
               "Hersteller ab sofort Daten über die Nutzung des Rechners, ob er das will oder nicht.")
    text = "\n".join(["Windows spioniert jetzt auch auf älteren Rechnern", "Veröffentlicht am 3. Mai 2016 von Mira Holm",
                      "", article, "", "2 Kommentare", "Ende Support", "1. April 2021", "Noch", "5", "Monate.",
                      "Ende Extended Support", "14. Oktober 2025", "Noch", "3", "Jahre."]) + "\n"
    assert _sure(tmp_path, text) == []


def test_drupal_comments_with_reply_links_and_no_heading_stay_approved(tmp_path):
    # Drupal prints the name, the text, "reply" and then the date, under a comment form and no comments heading.
    article = ("Die Fähre legte vor der Dämmerung ab, und niemand am Steg winkte ihr nach, weil alle noch schliefen "
               "und der Nebel so dicht über dem Wasser lag, dass man die Laternen am Ufer kaum sehen konnte.")
    text = "\n".join(["Die Fähre im Nebel", "Von Greta Holm", "12. März 2024", "", article, "", "Kommentare anzeigen (2)",
                      "Ihr Name *", "Kommentar *", "Lars", "", "Schön geschrieben, ich war auch einmal auf dieser Fähre.",
                      "", "antworten", "13. März 2024", "6:32 PM", "Mira", "", "Der Nebel dort ist wirklich so dicht.",
                      "", "antworten", "14. März 2024", "2:20 AM"]) + "\n"
    assert _sure(tmp_path, text) == [("Lars", "approved"), ("Mira", "approved")]


def test_a_sentence_that_opens_like_a_comments_heading_is_the_articles(tmp_path):
    copy = tmp_path / "slow-film.txt"
    copy.write_text(
        "The Slow Film\n\nBy Ilse Varga\nMarch 3, 2026\n\n"
        "The film takes its time, and most of the audience around me was restless by the second hour.\n\n"
        "One response to the critics is that the film is slow because the river is slow, and I disagree.\n\n"
        "The last scene on the ferry earns every minute that came before it, and the score knows when to stop.\n\n"
        "2 thoughts on “The Slow Film”\n\n"
        "Tomas Brun says:\nMarch 4, 2026 at 9:14 am\nI fell asleep and woke up for the ferry.\nReply\n\n"
        "Ana Lind says:\nMarch 5, 2026 at 6:02 pm\nThe score is the best part.\nReply\n", encoding="utf-8")
    [post] = read_text_copy(copy)
    text = "\n".join(post.blocks)
    assert "One response to the critics" in text and "earns every minute" in text
    assert [(c.author, c.status) for c in post.comments if c.kind == "comment"] == [
        ("Tomas Brun", "approved"), ("Ana Lind", "approved")]
