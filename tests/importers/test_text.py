"""Reading a plain-text copy of a post page (essaykit.importers.text)."""

from __future__ import annotations

import pytest
from .builders import TEXT_FIXTURE

from essaykit.importers.model import Failed, ImportedPost
from essaykit.importers.text import read_text_copy
from essaykit.markdown import render_markdown


@pytest.fixture(scope="module")
def post() -> ImportedPost:
    [found] = read_text_copy(TEXT_FIXTURE)
    assert isinstance(found, ImportedPost)
    return found


def read(tmp_path, text: str, encoding: str = "utf-8") -> ImportedPost:
    path = tmp_path / "copy.txt"
    path.write_bytes(text.encode(encoding))
    [found] = read_text_copy(path)
    return found


def test_title_byline_and_paragraphs(post):
    assert post.title == "Notes from the Back Row: The Glass Aviary"
    assert post.author == "Wren Okonkwo" and post.date == "2026-11-02T00:00:00Z"
    assert post.slug == "notes-from-the-back-row-the-glass-aviary"
    assert post.blocks[0].startswith("The Glass Aviary is a ninety-minute film")
    assert post.blocks[2] == "- the sound of a hinge being oiled\n- the colour of the workshop light\n- a long scene in which nobody speaks"


def test_the_spoiler_line_starts_the_spoiler_block(post):
    assert post.spoiler_label == "The rest of this post contains spoilers."
    assert post.spoiler_blocks == ["The last cage he mends is his own front door.",
                                   "When the first bird arrives, the film cuts to black before we see its colour."]


def test_comments_take_their_signatures_as_authors(post):
    authors = [c.author for c in post.comments]
    assert authors == ["Farid", "Lucia M.", "Anonymous cinephile", "A year of quiet films"]
    assert post.comments[1].body.endswith("I'd add the opening titles to your list, though."), "the signature leaves the body"
    assert "\n\n" in post.comments[1].body, "a comment's second paragraph stays with it"


def test_pingback_lines_become_pingbacks(post):
    ping = post.comments[-1]
    assert ping.kind == "pingback" and ping.source_url == "https://quietyear.example.org/2026/12/list"


def test_the_comment_form_boilerplate_is_dropped(post):
    everything = "\n".join(post.blocks + post.spoiler_blocks + [c.body for c in post.comments])
    for line in ("Leave a Reply", "Fill in your details", "commenting using your", "Connecting to", "Akismet",
                 "Notify me", "Email (required)", "4 Comments"):
        assert line not in everything


def test_without_a_comments_heading_trailing_bullets_are_comments(tmp_path):
    post = read(tmp_path, "A Title\n\nThe only paragraph.\n\n- Lovely piece.\nSam\n\n- Not for me, sorry.\n")
    assert post.blocks == ["The only paragraph."]
    assert [(c.author, c.body) for c in post.comments] == [("Sam", "Lovely piece."), ("Anonymous", "Not for me, sorry.")]


def test_says_lines_name_the_author(tmp_path):
    post = read(tmp_path, "A Title\n\nText.\n\nComments\n\n* Dana Reyes says:\nMarch 3, 2026 at 4:12 pm\nGood one.\n")
    [comment] = post.comments
    assert comment.author == "Dana Reyes" and comment.body == "Good one."
    assert comment.created.isoformat() == "2026-03-03T16:12:00+00:00"


def test_a_trackback_without_a_url_is_a_mention_not_a_comment(tmp_path):
    post = read(tmp_path, "A Title\n\nText.\n\nResponses\n\n• Trackback: Someone's list of films | Reel Diary\n")
    [mention] = post.comments
    assert mention.kind == "trackback" and mention.source_url == ""
    assert mention.author == "Someone's list of films | Reel Diary" or "Someone" in mention.body


def test_plain_text_is_shown_as_typed(tmp_path):
    post = read(tmp_path, "Odd symbols\n\nA *starred* word, a || pipe pair and <b>tags</b>.\n")
    html = render_markdown(post.blocks[0])
    assert "<em>" not in html and "ek-spoiler" not in html and "<b>" not in html
    assert "*starred*" in html and "&lt;b&gt;tags&lt;/b&gt;" in html


def test_windows_1252_text_is_read_with_a_note(tmp_path):
    post = read(tmp_path, "Caf\u00e9 society\n\nCr\u00e8me \u2013 fine.\n", encoding="cp1252")
    assert post.title == "Caf\u00e9 society" and post.blocks == ["Cr\u00e8me \u2013 fine."]
    assert any("Windows-1252" in n for n in post.notes)


def test_only_boilerplate_fails_by_name(tmp_path):
    path = tmp_path / "form.txt"
    path.write_text("Leave a Reply\nFill in your details below or click an icon to log in:\n")
    [failure] = read_text_copy(path)
    assert isinstance(failure, Failed) and failure.where == "form.txt"


def test_an_article_list_right_after_the_title_is_not_comments(tmp_path):
    post = read(tmp_path, "Shopping list\n\n- apples\n- pears\n")
    assert post.comments == [] and post.blocks == ["- apples\n- pears"]


def test_an_article_ending_in_a_list_keeps_its_list(tmp_path):
    post = read(tmp_path, "Packing\n\nWhat to bring:\n\n- a coat\n- a flask\n")
    assert post.comments == [] and post.blocks == ["What to bring:", "- a coat\n- a flask"]


def test_comments_without_a_heading_start_at_a_name_over_a_dated_header(tmp_path):
    post = read(tmp_path, "Quiet Film\n\nJune 2, 2026\n\nThe review itself.\n\nAnother paragraph.\n\n"
                          "Ana Sousa\nJune 3, 2026 at 4:12 pm\nGreat review!\nReply\n\n"
                          "Ben\nJune 4, 2026 at 9:00 am\nNot for me.\nReply\n")
    assert post.blocks == ["The review itself.", "Another paragraph."]
    assert [(c.author, c.body, c.created.isoformat()) for c in post.comments] == [
        ("Ana Sousa", "Great review!", "2026-06-03T16:12:00+00:00"), ("Ben", "Not for me.", "2026-06-04T09:00:00+00:00")]


def test_a_dated_name_line_inside_the_article_without_reply_rows_stays_text(tmp_path):
    post = read(tmp_path, "Diary\n\nJune 2, 2026\n\nFirst entry.\n\nMonday\nJune 3, 2026 at 4:12 pm\nWe went to the cinema.\n")
    assert post.comments == [] and post.blocks[-1].startswith("Monday")


def test_one_line_name_and_date_headers(tmp_path):
    post = read(tmp_path, "Quiet Film\n\nJune 2, 2026\n\nThe review.\n\n2 Comments\n\n"
                          "Ana Sousa · June 3, 2026 at 4:12 pm\nGreat review!\n\nBen | June 4, 2026\nNot for me.\n")
    assert [(c.author, c.body, c.created.isoformat()[:16]) for c in post.comments] == [
        ("Ana Sousa", "Great review!", "2026-06-03T16:12"), ("Ben", "Not for me.", "2026-06-04T00:00")]


def test_twenty_ten_entry_footer_gives_tags_and_closed_comments_are_dropped(tmp_path):
    post = read(tmp_path, "Quiet Film\n\nJune 2, 2026\n\nThe review.\n\n"
                          "This entry was posted in Films and tagged fog, noir. Bookmark the permalink.\n\n"
                          "One comment so far\n\nAna Sousa says:\nJune 3, 2026 at 4:12 pm\nGreat!\n\nComments are closed.\n")
    assert post.blocks == ["The review."] and post.tags == ["Films", "fog", "noir"]
    assert [(c.author, c.body) for c in post.comments] == [("Ana Sousa", "Great!")]
