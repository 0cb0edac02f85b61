"""A long or deeply nested thread of unknown markup costs work in proportion to its size (counted, never timed), and
a counter where a commenter's name would be is never an approved comment."""

from __future__ import annotations

from datetime import datetime, timezone

from bs4 import BeautifulSoup
from bs4.element import Tag

from essaykit.importers.html_comments import hold_the_unvouched
from essaykit.importers.html_threads import structured_comments
from essaykit.importers.model import ImportedComment


def _block(n: int, inner: str = "") -> str:
    return (f"<div class='kommentar-box' id='k{n}'><span class='autor'>leser{n}</span>"
            f"<time datetime='2024-05-{n % 28 + 1:02d}'>{n % 28 + 1}. Mai 2024</time>"
            f"<div class='kommentar-text'><p>Beitrag Nummer {n} über die Schleuse am Kanal.</p></div>{inner}</div>")


def _flat(count: int) -> str:
    return "<section id='kommentare'>" + "".join(_block(n) for n in range(1, count + 1)) + "</section>"


def _nested(depth: int) -> str:
    inner = ""
    for n in range(depth, 0, -1):  # each reply inside the one it answers
        inner = _block(n, inner)
    return f"<section id='kommentare'>{inner}</section>"


def _searched(monkeypatch, markup: str):
    """The comments, and the work of every search made for them: the elements each ``select`` had to look at."""
    walked = []
    select = Tag.select

    def counted(self, *args, **kwargs):
        walked.append(sum(1 for el in self.descendants if isinstance(el, Tag)))
        return select(self, *args, **kwargs)

    monkeypatch.setattr(Tag, "select", counted)
    comments = structured_comments(BeautifulSoup(f"<html><body><article><p>Text.</p></article>{markup}</body></html>",
                                                 "html.parser"))
    monkeypatch.setattr(Tag, "select", select)
    return comments, sum(walked)


def test_the_work_of_a_long_thread_grows_with_its_length_not_faster(monkeypatch):
    few, few_work = _searched(monkeypatch, _flat(15))
    many, many_work = _searched(monkeypatch, _flat(300))
    assert len(few) == 15 and len(many) == 300
    assert {c.author for c in many} >= {"leser1", "leser300"} and all(c.status == "approved" for c in many)
    assert many_work <= 30 * few_work, "20 times the comments, about 20 times the work (a search per block per reply: 400)"


def test_a_deeply_nested_thread_is_read_reply_by_reply_at_the_same_cost(monkeypatch):
    shallow, shallow_work = _searched(monkeypatch, _nested(3))
    deep, deep_work = _searched(monkeypatch, _nested(60))
    # each block searched for its name, date and text once: a search in each block walked the replies inside it too
    assert deep_work <= 30 * shallow_work, "20 times the replies, about 20 times the work (not 400)"
    by_author = {c.author: c for c in deep}
    assert len(deep) == 60 and by_author["leser60"].parent == by_author["leser59"].local_id
    assert by_author["leser1"].parent is None
    # each reply's own name and date, never one of the replies inside it
    assert by_author["leser2"].created == datetime(2024, 5, 3, tzinfo=timezone.utc)
    assert "Nummer 3 " not in by_author["leser2"].body and "Nummer 2 " in by_author["leser2"].body


def _comment(author: str, created=datetime(2016, 9, 27, tzinfo=timezone.utc)) -> ImportedComment:
    return ImportedComment(local_id=author, parent=None, author=author, body="I like this\n\nI dislike this",
                           created=created)


def test_a_count_where_the_name_goes_is_held_not_approved():
    counts = [_comment(a) for a in ("14,358", "5.3K", "1.2 万", "12 345")]
    names = [_comment(a) for a in ("R2D2", "Joe 2", "anna_1990", "1009")]
    hold_the_unvouched(counts + names)
    assert all(c.status == "pending" and "counter" in c.reason for c in counts)
    assert all(c.status == "approved" for c in names), "a name with a number in it, or a reader's number, is a name"


def test_a_hostile_author_line_of_digits_and_separators_only_is_held():
    [odd] = [_comment("1" + ",000" * 2000)]
    hold_the_unvouched([odd])
    assert odd.status == "pending"
