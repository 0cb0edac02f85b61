"""A text copy whose article is empty or a teaser is reported (the import asks for --force), as a saved page is."""

from essaykit.importers.model import ImportedPost
from essaykit.importers.text import read_text_copy

FORM = "Leave a Reply\nYour email address will not be published.\nComment\nName\nEmail\nPost Comment\n"
SIDEBAR = "Recent Posts\n\n" + "\n".join(f"Lanterns along the harbour wall, a walk in the rain, evening {i} of the festival"
                                       for i in range(30)) + "\n"
STORY = ("The lanterns went up along the harbour wall at dusk, one by one, while the boats came in slowly. "
         "We walked the whole length of the quay twice before the rain began and the crowd thinned out. ") * 4


def _read(tmp_path, text: str) -> ImportedPost:
    path = tmp_path / "copy.txt"
    path.write_text(text, encoding="utf-8")
    [post] = read_text_copy(path)
    assert isinstance(post, ImportedPost), post
    return post


def test_a_copy_of_menus_and_a_form_only_is_doubtful_not_an_empty_essay(tmp_path):
    post = _read(tmp_path, "Skip to content\nHome\nNews\nSport\n\nHarbour Lights\n\n" + FORM)
    assert not any(block.strip() for block in post.blocks)
    assert any("no text" in doubt for doubt in post.doubts), post.doubts


def test_a_teaser_above_a_long_sidebar_is_doubtful(tmp_path):
    post = _read(tmp_path, "Harbour Lights\n\nMarch 3, 2024\n\nSubscribers read on.\n\n" + FORM + "\n" + SIDEBAR)
    assert post.blocks == ["Subscribers read on."]
    assert any("teaser" in doubt for doubt in post.doubts), post.doubts


def test_the_whole_story_above_the_same_sidebar_is_no_doubt(tmp_path):
    post = _read(tmp_path, f"Harbour Lights\n\nMarch 3, 2024\n\n{STORY}\n\n{STORY}\n\n{STORY}\n\n" + FORM + "\n" + SIDEBAR)
    assert post.doubts == [], post.doubts


def test_a_long_comment_thread_under_a_short_post_is_no_doubt(tmp_path):
    comments = "".join(f"Mara Quill{i}\nMarch {i + 4}, 2024 at 9:1{i} am\n{STORY}\nReply\n\n" for i in range(5))
    post = _read(tmp_path, "Harbour Lights\n\nMarch 3, 2024\n\nA short note: the lanterns are up tonight.\n\n"
                 f"5 Comments\n\n{comments}" + FORM)
    assert len([c for c in post.comments if c.kind == "comment"]) == 5
    assert post.doubts == [], post.doubts
