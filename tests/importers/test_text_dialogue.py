"""A story's dialogue in a text copy: a line whose sentence ends inside German or French closing quotes is a sentence
(essaykit/importers/text_head.py: SENTENCE), and lines of dialogue under a dash are the article's, neither buttons
under the byline nor comments under bullets (essaykit/importers/text.py: _signed_tail)."""

from __future__ import annotations

from essaykit.importers.model import ImportedPost
from essaykit.importers.text import read_text_copy
from essaykit.importers.text_head import SENTENCE


def test_a_sentence_ends_inside_its_closing_quotes():
    for line in ("– „Ok.“", "»Haltet den Steg sauber!«", "«Non, merci.»", "He said: “Not today.”", "‘Fine.’"):
        assert SENTENCE.search(line), line
    for line in ("„Der Steg am Fluss“", "Twitter", "Gefällt mir"):
        assert not SENTENCE.search(line), line


STORIES = {
    "de": ["Brummel", "Nichts zu sagen ist auch eine Antwort", "", "14. Juni 2013 at 20:51 (Allgemein)", "",
           "„Ich bin müde und sollte das nicht sagen…“", "", "– „Dann sag es nicht“", "",
           "– „Gut.“", "", "Teilen mit:", "Twitter", "Facebook"],
    "fr": ["Grignote", "Se taire est aussi une réponse", "", "3 mars 2019 at 21:04 (Divers)", "",
           "«Je sais que je suis fatiguée, et que je ne devrais peut-être pas le dire…»", "", "— «Alors ne le dis pas»",
           "", "— «D'accord.»", "", "Partager :", "Twitter", "Facebook"],
}


def test_dialogue_under_dashes_is_the_articles_not_comments(tmp_path):
    for lang, lines in STORIES.items():
        path = tmp_path / f"{lang}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        post = next(o for o in read_text_copy(path) if isinstance(o, ImportedPost))
        text = "\n".join(post.blocks)
        assert lines[7].lstrip("–— ") in text and lines[9].lstrip("–— ") in text, lang
        assert not [c for c in post.comments if c.kind == "comment"], lang


def test_dialogue_under_dashes_at_the_end_is_no_tail_of_bullet_comments(tmp_path):
    from essaykit.importers.text import _Reader

    # two bare lines under dashes at the end stay read as bullet comments; the same lines in quotes are dialogue
    for tail, kept in ((["– „Dann sag es nicht“", "– „Gut.“"], True), (["- «Alors ne le dis pas»", "- «D'accord.»"], True),
                       (["– Dann sag es nicht", "– Gut so, danke"], False)):
        lines = ["Am Abend am Fluss sprachen wir lange über den Sommer und über das, was wir nicht sagen wollten.",
                 "", tail[0], "", tail[1]]
        reader = _Reader(tmp_path / "copy.txt", lines, [])
        assert (reader._signed_tail(0, len(lines)) == len(lines)) is kept, tail
