"""A text copy's lead paragraph between the post's own byline or date and a subheading taken for the title is the
article's (essaykit/importers/text_above.py: lead_under_meta); a teaser under its own headline, a cookie notice, a
share row and a date that is not the post's are not."""

from __future__ import annotations

from pathlib import Path

from essaykit.importers.text import _Reader
from essaykit.importers.text_above import HEADER, lead_under_meta, take_back

MENU = ["Startseite", "Themen", "Downloads", "Suche", "Menü Menü"]
COPIES = {
    "de": {"date": "06.12.2022", "author": "", "meta": ["Autor: Die Redaktion", "", "Veröffentlicht am 06.12.2022"],
           "lead": "Die Mühlwerke an der Varne bekommen eine zweite Halle, in der ab dem Frühjahr Walzen für kleine "
                   "Druckereien gegossen werden sollen; die Gemeinde rechnet mit vierzig neuen Stellen.",
           "title": "Weitere Hallen im Bau",
           "under": "Die Halle soll im Herbst fertig sein, sagt der Bauleiter, und die Gießerei zieht im Winter um."},
    "fr": {"date": "4 mars 2021", "author": "Odile Vasseur", "meta": ["Publié le 4 mars 2021 par Odile Vasseur"],
           "lead": "Le marché couvert de Brinville rouvre ses portes après deux ans de travaux, avec des étals plus "
                   "larges, une verrière neuve et une halle réservée aux producteurs du canton.",
           "title": "Une verrière toute neuve",
           "under": "La verrière laisse entrer la lumière du matin, et les marchands disent que les clients restent."},
    "en": {"date": "", "author": "Wren Holloway", "meta": ["By Wren Holloway"],
           "lead": "Nobody in Larch Hollow expected the old ferry to run again, but on Sunday morning it carried "
                   "forty people and two bicycles across the river without a single complaint.",
           "title": "Forty passengers on the first day",
           "under": "The ferry's new owner, a retired teacher, says she will run it every weekend until October."},
}


def _lines(copy: dict, over_title: list[str] | None = None) -> tuple[list[str], int]:
    lines = [*MENU, *copy["meta"], "", *(over_title if over_title is not None else [copy["lead"], ""]), copy["title"],
             "", copy["under"]]
    return lines, lines.index(copy["title"])


def _labels(lines: list[str], title_at: int, copy: dict) -> dict[int, str]:
    labels = {i: HEADER for i in range(title_at) if lines[i].strip()}
    meta = lines.index(copy["meta"][-1])
    labels[meta] = "author and date" if copy["date"] and copy["author"] else "date" if copy["date"] else "author"
    labels[title_at] = "title"
    return labels


def _lead(copy: dict, over_title: list[str] | None = None, date: str | None = None) -> int | None:
    lines, title_at = _lines(copy, over_title)
    said = (copy["date"] if date is None else date, copy["author"])
    return lead_under_meta(lines, _labels(lines, title_at, copy), title_at, said)


def test_the_lead_under_the_posts_date_or_byline_is_the_articles_in_three_languages():
    for lang, copy in COPIES.items():
        lines, _ = _lines(copy)
        assert _lead(copy) == lines.index(copy["lead"]), lang


def test_the_lead_is_taken_back_from_the_site_header(tmp_path):
    copy = COPIES["de"]
    lines, title_at = _lines(copy)
    reader = _Reader(Path(tmp_path / "copy.txt"), lines, [])
    reader.labels.update(_labels(lines, title_at, copy))
    reader.dropped[HEADER[len("dropped "):]] = sum(v == HEADER for v in reader.labels.values())
    take_back(reader, _lead(copy), title_at)
    assert lines.index(copy["lead"]) not in reader.labels, "the lead is the article's again"
    assert reader.labels[lines.index("Suche")] == HEADER, "the menu stays dropped"


def test_a_photo_caption_between_the_lead_and_the_subheading_is_crossed():
    copy = COPIES["en"]
    lines, _ = _lines(copy, [copy["lead"], "", "The ferry at dawn", ""])
    assert _lead(copy, [copy["lead"], "", "The ferry at dawn", ""]) == lines.index(copy["lead"])


def test_a_teaser_under_its_own_headline_is_not_taken():
    copy = COPIES["fr"]
    assert _lead(copy, ["Le pont fermé cet été", copy["lead"], ""]) is None


def test_a_cookie_notice_or_a_share_row_is_not_taken():
    copy = COPIES["de"]
    notice = ("Wir verwenden Cookies, um Ihnen die bestmögliche Nutzung unserer Seite zu ermöglichen, und speichern "
              "Ihre Auswahl für ein Jahr in Ihrem Browser.")
    assert _lead(copy, [notice, ""]) is None
    assert _lead(copy, [copy["lead"], "", "Teilen", ""]) is None


def test_a_date_line_that_did_not_date_the_post_proves_nothing():
    assert _lead(COPIES["de"], date="01.01.2020") is None


def test_a_short_line_is_no_lead():
    copy = COPIES["en"]
    assert _lead(copy, ["The ferry runs again.", ""]) is None
