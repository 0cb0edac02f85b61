"""A copy's title shaped like a label, a menu's entry or a line of prose is kept but reported as a guess (issue 28)."""

from __future__ import annotations

from essaykit.importers.text_head import label_shape

from .test_text_titles import PROSE, _copy

STORY_JA = ("朝早く、霧の中をフェリーが出航した。桟橋には誰もおらず、岸の灯りもほとんど見えなかったが、"
            "船長はいつもと同じ航路をゆっくりと進んでいった。")


def _title_doubts(post) -> list[str]:
    return [d for d in post.doubts if d.startswith("the title")]


def test_a_single_short_word_over_prose_is_a_guess(tmp_path):
    post = _copy(tmp_path, ["Archiv", "12. März 2024", "", PROSE, "", PROSE])
    assert post.title == "Archiv"
    assert any("single short word" in d for d in _title_doubts(post))
    post = _copy(tmp_path, ["Nebel über dem Hafen", "12. März 2024", "", PROSE, "", PROSE])
    assert post.title == "Nebel über dem Hafen" and not _title_doubts(post), "a headline of words by its date is sure"


def test_a_japanese_line_ending_as_a_polite_sentence_is_a_guess(tmp_path):
    notice = "保存した記事はマイページから読むことができます"
    post = _copy(tmp_path, [notice, "2024年3月12日", "", STORY_JA, "", STORY_JA])
    assert post.title == notice
    assert any("sentence" in d for d in _title_doubts(post))
    headline = "霧の港、フェリー三隻が欠航"
    post = _copy(tmp_path, [headline, "2024年3月12日", "", STORY_JA, "", STORY_JA])
    assert post.title == headline and not _title_doubts(post)


def test_a_control_over_a_dropdown_is_no_headline_over_a_sentence(tmp_path):
    # "Blog auswählen..." ends with dots as a sentence does; it is a control, so the top line is not sure
    lines = ["Wechseln zu", "Blog auswählen...", "Hafenblog", "Nebelblog", "", PROSE]
    post = _copy(tmp_path, lines)
    assert post.title == "Wechseln zu" and _title_doubts(post)
    lines = ["Wechseln zu", "Wählen Sie hier Ihren Blog aus.", "Hafenblog", "Nebelblog", "", PROSE]
    post = _copy(tmp_path, lines)
    assert post.title == "Wechseln zu" and not _title_doubts(post), "over a sentence of words the top line is sure"


def test_shapes_of_labels():
    assert label_shape("Lorem", "")
    assert label_shape("一覧を見る", "") and label_shape("プロジェクター", ""), "Japanese menus' labels"
    assert not label_shape("春节出行指南", ""), "Chinese writes a whole headline without a space"
    assert label_shape("Teilen Drucken Merken", ""), "a row of controls' labels"
    assert label_shape("HomeNewsHafenSportWetter Fog closes the harbour", "the copy repeats it")
    assert not label_shape("McDonald opens a PlayStation café by the harbour", "the copy repeats it")
    assert not label_shape("Teilen statt kaufen: eine Tauschbörse am Hafen", "")
    assert not label_shape("霧の港、フェリー三隻が欠航したと港湾局が発表", ""), "a long line with no space is a headline"
    assert label_shape("Harbour Desk", "a byline or date right under it, naming its author and the copy repeats it")
    assert not label_shape("Harbour Desk", "a byline or date right under it, naming its author"), "shown once only"
    assert not label_shape("Kommunalwahlen in Nordmazedonien", "a byline or date right under it and the copy repeats it")
    assert not label_shape("Fog closes the harbour", "the copy repeats it")


def test_a_wikis_pointer_to_another_article_is_a_guess():
    assert label_shape("Main article: Tides of the Norderwik harbour", "a byline or date right under it")
    assert label_shape("Hauptartikel: Gezeiten im Hafen von Norderwik", "")
    assert not label_shape("Main street closes for the Norderwik harbour fair", ""), "no pointer's colon"
