"""Text copies' titles: a headline ending in an initialism, and share buttons that date no teaser (issue 28)."""

from __future__ import annotations

from essaykit.importers.text_title import _headline_shape
from essaykit.importers.text_title_block import _dated, headline_block

from .test_text_title_block import MEGA_MENU, NOTICE
from .test_text_title_signs import STORY
from .test_text_titles import _copy


def test_a_headline_may_end_with_an_initialisms_full_stop(tmp_path):
    assert _headline_shape("Ferry Pilots Strike Again Across the U.K.")
    assert _headline_shape("Why the Night Ferry Skips Bayport, N.J.")
    assert not _headline_shape("The ferry left before dawn and nobody waved."), "a sentence's full stop still is none"
    assert not _headline_shape("The pilots met at 9 a.m."), "lower-case letters are no initialism"
    lines = [*MEGA_MENU, "Ferry Pilots Strike Again Across the U.K.", "By Ruth Amsel", "12 March 2024", "", STORY, "",
             STORY]
    assert _copy(tmp_path, lines).title == "Ferry Pilots Strike Again Across the U.K."


def test_share_buttons_date_no_teaser():
    for button in ("SHARE", "Share", "Follow", "Listen", "·"):
        assert not _dated(button), button
    assert _dated("12 March 2024") and _dated("By Ruth Amsel"), "a date and a byline still date a line"
    # The headline's block has its byline a few lines under it; share buttons, then a related story's teaser, stand
    # between it and the article: the teaser under the buttons heads no dated block of its own.
    lines = [NOTICE, *MEGA_MENU, "Ferry timetable changes after the winter storms", "Harbour Courier",
             "Ruth Amsel 1 day ago", "SHARE", "SHARE", "TWEET", "SHARE", "EMAIL", "Fog closes the north pier again",
             "", STORY, "", STORY, "", STORY]
    found = headline_block(lines)
    assert found is None or lines[found[0]] != "Fog closes the north pier again", found


JA_STORY = ("港の渡し船は夜明け前に出航し、霧が濃かったので桟橋の灯りはほとんど見えなかったが、船長は長年の勘で岸壁の位置を"
            "知っていて、乗客たちは静かに甲板で朝を待っていた。")


def test_a_japanese_headline_naming_a_year_is_no_date_line(tmp_path):
    from essaykit.importers.text_title_meta import _dateline

    headline = "2024年の渡し船ダイヤ改定 (港湾会議 12資料公開)"
    assert not _dateline(headline), "a year alone, in a script without spaces, dates no line"
    assert _dateline("2024年3月12日") and _dateline("投稿日 2024年3月12日 14時30分"), "a day and a month do"
    lines = ["メニュー", "ホーム", "お知らせ", headline, "Posted on 2024年3月12日 by minato", "", JA_STORY, "", JA_STORY]
    post = _copy(tmp_path, lines)
    assert post.title == headline
    assert any("the title, by a byline or date right under it" in g for g in post.guessed), \
        "found as the line over its byline, not as the copy's first real line"
