"""A thread whose copy lost its commenters' names (a forum printing "level 1", "39 points", "6 years ago", "Continue
this thread" around each comment): a relative date is never a commenter's name, the rows are buttons, and each
comment is held for review with the reason, its text clean of the rows (issue 28)."""

from __future__ import annotations

from .builders import read_copy_lines

PROSE = ("Which parts of a package belong in its init file, and which should stay in the modules where the reader "
         "finds them when the documentation is silent about the layout?")


def test_relative_dates_and_thread_rows_are_no_names_nor_text(tmp_path):
    post = read_copy_lines(tmp_path, [
        "What goes into an init file?", "Posted by quillhen 6 years ago", "", PROSE, "", "12 comments", "",
        "level 1", "39 points", "·", "6 years ago", "", "I keep the public names there and nothing else.", "",
        "level 2", "10 points", "·", "6 years ago", "·", "edited 6 years ago", "",
        "Flat is better than nested, so I import the two classes and stop.", "", "Continue this thread", "",
        "level 1", "4 points", "·", "5 years ago", "", "Version and release date live there in our projects.", ""])
    comments = [(c.author, c.body, c.status) for c in post.comments]
    assert comments == [
        ("Anonymous", "I keep the public names there and nothing else.", "pending"),
        ("Anonymous", "Flat is better than nested, so I import the two classes and stop.", "pending"),
        ("Anonymous", "Version and release date live there in our projects.", "pending")]
    assert all("cannot be read" in c.reason for c in post.comments)
