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


def test_a_japanese_paragraph_naming_a_date_is_no_byline():
    from essaykit.importers.text_title_meta import _meta

    paragraph = "2024年に運航を始める予定の新しい渡し船は、" + JA_STORY
    assert not _meta(paragraph), "a paragraph's worth of characters is prose, whatever date it names"
    assert _meta("Harbour Courier Staff 2024年03月12日 08時00分"), "a short line with a date is a byline"
    assert _meta("access_time2024/03/12 11:51 createミナト／みなと folder暮らし・趣味"), "labels glued to it too"


def test_a_menus_row_in_chinese_or_japanese_is_no_headline():
    from essaykit.importers.text_title_wide import wide_menu_row

    assert wide_menu_row("时政 地方 法治 高层 人事 理论 国际 军事")
    assert wide_menu_row("デスク  チェア  照明  収納")
    assert not wide_menu_row("ファインの新聞ストッカーは引越しにも使える！ 家具の固定も簡単"), "a headline's two phrases"
    assert not wide_menu_row("Home News Sport Weather"), "words of a script with spaces: link_row's and the case rules' job"
    assert not _headline_shape("时政 地方 法治 高层 人事 理论 国际 军事")
    assert _headline_shape("武汉的声音：有英勇的你，才有英雄的城！")


def test_a_date_under_a_breadcrumbs_link_is_not_the_menu_entrys_over_it():
    from essaykit.importers.text_title import headline

    from .test_text_titles import PROSE

    sponsors = ["Sponsored", "Harbour Lamps", "Pier Supply Company", "Fog Horn Works", "Dock Outfitters"]
    lines = [*sponsors, "Harbour Courier Weekly >", "Column", "» 12.03.2024 14:30",
             "Why the night ferry still leaves at four in the morning", PROSE, PROSE]
    found = headline(lines)
    assert found is not None and lines[found[0]] == "Why the night ferry still leaves at four in the morning", found
