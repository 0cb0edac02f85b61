"""The article's own lines between a text copy's title and its first prose stay the article's: a short line that
introduces the prose or runs on into it (essaykit/importers/text_under.py), and paragraphs of Chinese or Japanese,
written without spaces, over a caption's date (essaykit/importers/text_head.py)."""

from __future__ import annotations

from essaykit.importers.model import ImportedPost
from essaykit.importers.text import read_text_copy

STORY = ("The harbour board met on Tuesday evening and, after an hour of argument about the cost, agreed that the "
         "northern quay would stay closed to the ferries until the engineers had rebuilt its pilings.")
MORE = ("The skippers, who had asked for a temporary landing stage, said they would wait for the engineers' report "
        "before deciding whether to move their boats to the southern end of the harbour for the winter.")


def _post(tmp_path, lines: list[str]) -> ImportedPost:
    path = tmp_path / "copy.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    post = read_text_copy(path)[0]
    assert isinstance(post, ImportedPost)
    return post


def test_a_short_line_that_introduces_the_first_paragraph_is_kept(tmp_path):
    post = _post(tmp_path, ["Home", "News", "", "The north quay stays closed", "March 4, 2021", "", "Share", "",
                            "The board's decision:", "", STORY, "", MORE])
    assert post.blocks[0] == "The board's decision:"
    assert "Share" not in "\n".join(post.blocks), "a button between the byline and the article is still dropped"


def test_a_letters_greeting_over_its_first_paragraph_is_kept(tmp_path):
    post = _post(tmp_path, ["Time to close the harbour log.", "", "Dear readers,", "", STORY, "", MORE])
    assert post.blocks[0] == "Dear readers,"


def test_a_short_line_whose_sentence_runs_on_is_kept(tmp_path):
    post = _post(tmp_path, ["Home", "News", "", "The north quay stays closed", "March 4, 2021", "", "Print", "",
                            "The poster contest for children", "runs for the sixth time this year: " + STORY, "", MORE])
    text = "\n".join(post.blocks)
    assert "The poster contest for children" in text
    assert "Print" not in text


def test_a_name_over_a_relative_date_is_not_a_sentence_run_on(tmp_path):
    post = _post(tmp_path, ["Home", "News", "", "The north quay stays closed", "March 4, 2021", "", "Xq Harbourdesk",
                            "vor 3 Stunden", "", STORY, "", MORE])
    assert "Xq Harbourdesk" not in "\n".join(post.blocks)


P1 = "春天一到，老城区的小菜园又热闹起来，种菜的邻居们天天在园子里碰面，谈天气，也谈今年先种什么。"
P2 = "去年的大雨把低处的菜地淹了一个星期，大家商量了很久，决定今年把豆子种在高处，把喜水的菜种在低处。"
P3 = "　　住在附近的一位老师说，菜园不只是种菜的地方，也是邻居们互相认识、互相帮忙的地方，这一点比收成更重要。"
P4 = "　　到了夏天，豆架上挂满了豆荚，孩子们放学后也来帮忙采摘，把吃不完的豆子送给楼里的老人。"


def test_chinese_paragraphs_over_a_captions_date_are_no_byline_block(tmp_path):
    # each paragraph is one "word" (no spaces), the caption's date ends what looked like a block of bylines
    post = _post(tmp_path, ["老城区的小菜园又热闹起来", "", P1, "", P2, "", "3月4日，几位老人在菜园东头的空地上翻土", "", P3, "",
                            P4])
    text = "\n".join(post.blocks)
    assert P1[:20] in text and P2[:20] in text
    assert post.title == "老城区的小菜园又热闹起来"


def test_a_short_chinese_byline_block_is_still_read(tmp_path):
    post = _post(tmp_path, ["老城区的小菜园又热闹起来", "本报记者", "关注", "2021年3月5日", "", P3, "", P4])
    text = "\n".join(post.blocks)
    assert "关注" not in text and "本报记者" not in text
    assert post.date.startswith("2021-03-05")
