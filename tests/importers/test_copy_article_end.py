"""Where a text copy's article ends: furniture inside or above the article is no end (issue 28, article recall).

Each copy here is written for essaykit in the shape a browser's copy of such a page has: a news page with an ad's
label between paragraphs, a head whose row of links counts the comments, a blog's "Tags:" line under the byline.
"""

from __future__ import annotations

from .builders import read_copy

_P1 = ("The harbour ferry ran again on Tuesday after a winter in the dry dock, and the first crossing was full of "
       "commuters who had spent three months on the long bus route around the bay.")
_P2 = ("The operator says the new engines burn a third less fuel, and that the timetable will stay as it was "
       "before the repairs, with a boat every twenty minutes at rush hour.")
_P3 = ("Regular passengers were less sure about the new seats, which one of them described as a bench borrowed "
       "from a waiting room, though most agreed the view from the deck was as good as ever.")


def _read(tmp_path, text: str):
    post = read_copy(tmp_path, text)
    return post, "\n".join(post.blocks)


def test_an_ad_label_between_paragraphs_is_dropped_and_the_article_goes_on(tmp_path):
    post, essay = _read(tmp_path, "News\nLocal\nHarbour ferry back in service\nBy Ruth Amsel\nMarch 3, 2024\n\n"
                        f"{_P1}\n\nAdvertisement\n\n{_P2}\n\nReport this ad\n\n{_P3}\n")
    assert post.title == "Harbour ferry back in service"
    assert all(p[:40] in essay for p in (_P1, _P2, _P3))
    assert "Advertisement" not in essay and "Report this ad" not in essay
    assert not [c for c in post.comments if c.kind == "comment"]


def test_a_comment_count_in_the_head_s_links_is_no_comments_heading(tmp_path):
    post, essay = _read(tmp_path, "Harbour ferry back in service\n\nBy Ruth Amsel March 3, 2024\n\n"
                        "How the crossing changed after the winter.\n\nShares\nComments (32)\n(Image credit: Port)\n\n"
                        f"{_P1}\n\n{_P2}\n")
    assert _P1[:40] in essay and _P2[:40] in essay
    assert "Comments (32)" not in essay
    assert not post.comments


def test_a_tags_line_under_the_byline_is_read_and_the_article_follows(tmp_path):
    post, essay = _read(tmp_path, "Harbour notes\n2024-03-03\nThe ferry is back\n"
                        "Filed under: Harbour,Travel — ruth @ 09:12\nTags: ferries, winter\n\n\n"
                        f"{_P1}\n\n{_P2}\n")
    assert post.title == "The ferry is back"
    assert _P1[:40] in essay and _P2[:40] in essay
    assert "ferries" in post.tags
    assert not post.comments


def test_a_count_over_real_comments_still_starts_them(tmp_path):
    # the same count under a short post, over a commenter's name and date: the comment section, as before
    post, essay = _read(tmp_path, "The ferry is back\nMarch 3, 2024\n\nIt runs again. Twenty minutes at rush hour.\n\n"
                        "2 Comments\n\nAna Lima\nMarch 3, 2024 at 4:12 pm\n" + _P3 + "\nReply\n\n"
                        "Jonas Weber\nMarch 4, 2024 at 9:30 am\nGood news for the commute.\nReply\n")
    assert "It runs again" in essay and _P3[:40] not in essay
    assert [c.author for c in post.comments if c.kind == "comment"] == ["Ana Lima", "Jonas Weber"]


_TEASERS = ("More stories\nFerry fares to rise in May\nBy Ana Lima 12 May 2024, 4:18pm\nNew pier opens on the north shore\n"
            "By Ana Lima 12 May 2024, 3:02pm\nFollow us on\nFacebook\nContact us\nTerms of use\n")


def test_a_more_stories_block_under_the_article_ends_it(tmp_path):
    post, essay = _read(tmp_path, f"Harbour ferry back in service\nBy Ruth Amsel\nMarch 3, 2024\n\n{_P1}\n\n{_P2}\n\n"
                        f"{_P3}\n\n{_TEASERS}")
    assert all(p[:40] in essay for p in (_P1, _P2, _P3))
    assert "Ferry fares to rise" not in essay and "More stories" not in essay and "Terms of use" not in essay
    assert not [c for c in post.comments if c.status == "approved"]


def test_a_related_box_inside_the_article_leaves_it_whole(tmp_path):
    # a box of links between paragraphs: the article's next paragraph comes right under its teasers
    post, essay = _read(tmp_path, f"Harbour ferry back in service\nBy Ruth Amsel\nMarch 3, 2024\n\n{_P1}\n\n{_P2}\n\n"
                        f"Related\nFerry fares to rise in May\nNew pier opens on the north shore\n\n{_P3}\n")
    assert all(p[:40] in essay for p in (_P1, _P2, _P3))


def test_a_chinese_sentence_under_a_byline_block_is_the_article_s(tmp_path):
    # Chinese writes no spaces: a whole sentence is one "word", and its full stop is "。"; a button has neither
    post, essay = _read(tmp_path, "港口渡轮恢复运行\n作者 Ruth Amsel\n2024年3月3日\n分享\n新闻\n"
                        "港口渡轮在冬季维修后于星期二恢复运行，第一班船坐满了通勤的乘客。\n"
                        "运营方表示新发动机节省三分之一的燃料，时刻表与维修前相同，高峰时段每二十分钟一班船。\n")
    assert "港口渡轮在冬季维修后" in essay and "运营方表示" in essay
    assert "分享" not in essay


def test_a_sentence_that_starts_with_tags_is_no_tags_line(tmp_path):
    post, essay = _read(tmp_path, f"Harbour ferry back in service\nBy Ruth Amsel\nMarch 3, 2024\n\n{_P1}\n"
                        "Tags are a problem when they point at the operator's shop, so the harbour office asked for none.\n\n"
                        f"{_P2}\n\n{_P3}\n\nTags: ferries, winter\n")
    assert all(p[:40] in essay for p in (_P1, _P2, _P3)) and "Tags are a problem" in essay
    assert "ferries" in post.tags and "Tags: ferries" not in essay
    assert not [c for c in post.comments if c.kind == "comment"]


def test_a_sidebar_printed_between_the_title_and_the_article_is_no_end(tmp_path):
    # a page-title band over a two-column layout: the side column's headings come before the article's prose
    post, essay = _read(tmp_path, "Harbour trips\nFerry crossings abroad\nNewsletter\nSearch for:\nArchives\nContact\n\n"
                        f"{_P1}\n\n{_P2}\n\nShare this:\nFacebook\n")
    assert _P1[:40] in essay and _P2[:40] in essay
    assert "Share this" not in essay


def test_a_count_over_a_dated_header_of_an_unknown_form_still_starts_the_comments(tmp_path):
    # the line under the count carries a date and time: a comment's (or a pingback's) header, so the long
    # paragraph under it is no article, even right under the headline
    post, essay = _read(tmp_path, "The ferry is back\nBy Ruth Amsel\nMarch 3, 2024\n\nIt runs again, twenty minutes at rush hour.\n\n3 Comments\n"
                        "Linked from Harbour notes - Weekly links | 11.09.2011 23:31\n\n" + _P3 + "\n")
    assert _P3[:40] not in essay
    assert "It runs again" in essay


def test_a_news_site_s_related_heading_in_german_ends_the_article(tmp_path):
    post, essay = _read(tmp_path, f"Die Fähre fährt wieder\nVon Greta Holm\n3. März 2024\n\n{_P1}\n\n{_P2}\n\n"
                        "Mehr zum Thema\nNeue Anlegestelle im Norden eröffnet\nFahrpreise steigen im Mai\n"
                        "Folgen Sie uns auf Facebook und Twitter\nImpressum\nDatenschutz\n")
    assert _P1[:40] in essay and _P2[:40] in essay
    assert "Mehr zum Thema" not in essay and "Neue Anlegestelle" not in essay and "Folgen Sie uns" not in essay


def test_wordpress_s_older_german_share_heading_ends_the_article(tmp_path):
    # "Teilen Sie dies mit:" is how older German WordPress themes head the share buttons ("Teilen mit:" today)
    post, essay = _read(tmp_path, f"Die Fähre fährt wieder\n3. März 2024\n\n{_P1}\n\n{_P2}\n\nTeilen Sie dies mit:\n"
                        "Twitter\nFacebook\nGefällt mir:\nLädt …\n")
    assert _P1[:40] in essay and _P2[:40] in essay
    assert "Teilen Sie dies mit" not in essay and "Gefällt mir" not in essay
