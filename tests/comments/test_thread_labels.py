"""The thread's "on “…”" of each comment on a passage. A thread of the very comments the passages were found
among takes each label by its place (:meth:`.passage_entries.Labels.in_order`, the page view's usual case);
any other thread looks each id up. Each test checks both give the same markup, that the first is taken only
when the comments are those, in that order, and that a remembered item never outlives its label."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

from essaykit.comments.anchor import Anchor
from essaykit.comments.model import Comment
from essaykit.comments.passage_entries import said
from essaykit.comments.passages import passages
from essaykit.comments.render import thread_html

P1 = "Her is a film about Theodore, who falls for an operating system."
P2 = "Samantha adopted her personality around Ted, and that is the whole point."


def _essay(tmp_path, *paragraphs: str, name: str = "her"):
    from essaykit.essay import check_notebook
    from helpers.notebooks import md_cell, notebook

    nb = notebook([md_cell(p) for p in paragraphs], essay={"title": "Her", "slug": "her-thread"})
    essay, problems = check_notebook(nb, str(tmp_path / f"{name}.ipynb"))
    assert essay is not None, problems
    return essay


def _comment(cid: str, anchor: Anchor | None, body: str = "Not how I read it.", **more) -> Comment:
    return Comment(id=cid, essay="her-thread", parent=None, author=f"Reader {cid}", email=f"{cid}@example.org",
                   website="", body=body, created=datetime(2026, 12, 1, tzinfo=timezone.utc), status="approved",
                   anchor=anchor, **more)


def _comments() -> list[Comment]:
    """Comments on passages, one on the whole essay between them, a reply on a passage, and a removed one."""
    return [
        _comment("c1", Anchor(exact="adopted her personality", prefix="Samantha ")),
        _comment("c2", None, body="On the whole essay."),
        _comment("c3", Anchor(exact="an operating system", prefix="falls for "), body="A machine that listens."),
        replace(_comment("c4", Anchor(exact="the whole point", prefix="that is "), body="Yes."), parent="c3", depth=1),
        replace(_comment("c5", Anchor(exact="Theodore", prefix="about ")), status="deleted"),
        _comment("c6", Anchor(exact="the whole point", prefix="that is "), body="Indeed."),
    ]


def _by_id(view, comments: list[Comment]) -> str:
    """The thread as one of other comment objects (equal ones) is rendered: each label looked up by id."""
    labels = view.labels()
    assert labels.in_order([replace(c) for c in comments]) is None, "other objects: not taken by place"
    return thread_html([replace(c) for c in comments], total=len(comments), labels=dict(labels))


def test_a_thread_of_the_passages_own_comments_takes_each_label_by_place_and_says_the_same(tmp_path):
    essay = _essay(tmp_path, P1, P2)
    comments = _comments()
    view = passages(essay, comments)
    said_in_order = view.labels().in_order(comments)
    assert said_in_order is not None and len(said_in_order) == len(comments)
    assert said_in_order[1] is None, "a comment on the whole essay has no label"
    assert [(s.id, s.label) for s in said_in_order if s is not None] == [
        (c.id, view.labels()[c.id]) for c in comments if c.anchor]
    thread = thread_html(comments, total=len(comments), labels=view.labels())
    assert thread == _by_id(view, comments)
    assert "on &ldquo;an operating system&rdquo;" in thread and "on &ldquo;the whole point&rdquo;" in thread
    again = thread_html(comments, total=len(comments), labels=view.labels())
    assert again == thread, "the remembered items, found by the same labels"


def test_a_list_changed_after_the_passages_were_found_is_not_taken_by_place(tmp_path):
    essay = _essay(tmp_path, P1, P2)
    comments = _comments()
    view = passages(essay, comments)
    labels = view.labels()
    comments.reverse()  # the same list, in another order: the places no longer fit
    assert labels.in_order(comments) is None
    assert labels.in_order(comments[::-1][:-1]) is None, "fewer comments"
    assert labels.in_order(tuple(comments[::-1])) is None, "not a list"
    thread = thread_html(comments, total=len(comments), labels=labels)
    assert thread == _by_id(passages(essay, comments), comments)
    assert thread.index("A machine that listens.") > thread.index("Indeed."), "in the list's order now"


def test_an_item_follows_its_label_when_the_passage_or_the_essay_changes(tmp_path):
    """The same comment, its words and name unchanged, on another passage, then in an edited essay: each
    thread says its label now, not the item remembered with the old one."""
    essay = _essay(tmp_path, P1, P2)
    first = [_comment("c1", Anchor(exact="adopted her personality", prefix="Samantha "))]
    view = passages(essay, first)
    before = thread_html(first, total=1, labels=view.labels())
    assert "on &ldquo;adopted her personality&rdquo;" in before
    moved = [replace(first[0], anchor=Anchor(exact="an operating system", prefix="falls for "))]
    view = passages(essay, moved)
    after = thread_html(moved, total=1, labels=view.labels())
    assert "on &ldquo;an operating system&rdquo;" in after and "adopted her" not in after
    edited = _essay(tmp_path, P1, P2.replace("adopted", "built"), name="edited")
    again = [replace(first[0])]
    view = passages(edited, again)
    changed = thread_html(again, total=1, labels=view.labels())
    assert "built her personality" in changed and "the passage has changed" in changed
    assert changed == _by_id(view, again)


def test_one_said_per_comment_and_label():
    assert said("c1", "on “the whole point”") is said("c1", "on “the whole point”")
    assert said("c1", "on “the whole point”") is not said("c1", "on “an operating system”")
    assert said("c1", "on “the whole point”") is not said("c2", "on “the whole point”"), "another comment's item"
    assert (said("c2", "on “the whole point”").id, said("c2", "on “the whole point”").label) == ("c2", "on “the whole point”")


def test_a_view_of_plain_comments_gives_no_places_and_the_thread_still_renders(tmp_path):
    essay = _essay(tmp_path, P1, P2)
    plain = [_comment("p1", None, body="Plain."), _comment("p2", None, body="Also plain.")]
    view = passages(essay, plain)
    assert view.labels().in_order(plain) is None and dict(view.labels()) == {}
    assert "Also plain." in thread_html(plain, total=2, labels=view.labels())


def test_a_comments_name_is_sanitised_once_for_its_margin_note_and_its_thread_item(tmp_path, monkeypatch):
    """A comment on a passage shows its name twice, in its margin note and its thread item: sanitised once for
    both (:attr:`.Comment.name_html`), and each shows what the sanitiser makes of it, as a name with a website
    (sanitised with its link) and a plain comment's name do."""
    import essaykit.comments.model as model
    from essaykit.comments.render import person_html
    from essaykit.markdown import sanitize_html

    essay = _essay(tmp_path, P1, P2)
    odd = 'Zoë <b>&amp;</b> "Q" \'s'
    comments = [replace(_comment("c1", Anchor(exact="adopted her personality", prefix="Samantha ")), author=odd),
                _comment("c2", Anchor(exact="the whole point")), replace(_comment("c3", None), author=odd)]
    comments[1] = replace(comments[1], website="https://example.org/a?b=1&c=2")
    names = []

    def counted(markup, *, profile="essay"):
        names.append(markup)
        return sanitize_html(markup, profile=profile)

    monkeypatch.setattr(model, "sanitize_html", counted)
    on = passages(essay, comments)
    body, thread = on.body(on.page.markup), thread_html(comments, total=3, labels=on.labels())
    shown = str(person_html(odd))
    assert names.count('Zoë &lt;b&gt;&amp;amp;&lt;/b&gt; &quot;Q&quot; &#x27;s') == 2, "c1 once, c3 once"
    assert body.count(f'<bdi class="ek-anchor-note__author">{shown}</bdi>') == 1
    assert thread.count(shown) == 2 and str(person_html("Reader c2", "https://example.org/a?b=1&c=2")) in thread
