"""What a page render remembers of comments on passages (issue 24's benchmark): placements by the
essay's fingerprint, margin notes and marked bodies by what they show. Each test changes one thing
the result depends on and checks the render follows it, so no cache serves a stale page."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

from essaykit.comments.anchor import Anchor
from essaykit.comments.anchors import CHANGED, SAME, place
from essaykit.comments.model import Comment
from essaykit.comments.passages import Passages, passages
from essaykit.html.passages import PageText

P1 = "Her is a film about Theodore, who falls for an operating system."
P2 = "Samantha adopted her personality around Ted, and that is the whole point."
QUOTE = Anchor(exact="adopted her personality around Ted", prefix="Samantha ", suffix=", and that")


def _markup(*paragraphs: str) -> str:
    return "\n".join(f"<p>{p}</p>" for p in paragraphs)


def _comment(body: str = "Not how I read it.", author: str = "Ada", anchor: Anchor = QUOTE) -> Comment:
    return Comment(id="c1", essay="her", parent=None, author=author, email="ada@example.org", website="",
                   body=body, created=datetime(2026, 12, 1, tzinfo=timezone.utc), status="approved", anchor=anchor)


def _body(markup: str, comment: Comment) -> str:
    page = PageText(markup)
    return Passages(page, [(comment, place(page, comment.anchor))]).body(markup)


def test_an_unchanged_essay_reuses_its_placements_and_an_edited_one_finds_them_anew():
    first = place(PageText(_markup(P1, P2)), QUOTE)
    assert place(PageText(_markup(P1, P2)), QUOTE) is first, "the same text read again places nothing anew"
    edited = place(PageText(_markup("A new opening paragraph.", P1, P2.replace("adopted", "built"))), QUOTE)
    assert (edited.state, edited.now) == (CHANGED, "built her personality around Ted"), "an edit re-anchors"
    assert edited.start != first.start


def test_wrapping_a_passage_in_a_spoiler_is_a_change_though_the_text_stays_the_same():
    plain = PageText(_markup(P1, P2))
    hidden = PageText(_markup(P1, P2.replace(
        "adopted her personality", '<span class="ek-spoiler__text">adopted her personality</span>')))
    assert hidden.text == plain.text and hidden.fingerprint != plain.fingerprint
    assert not place(plain, QUOTE).in_spoiler and place(hidden, QUOTE).in_spoiler


def test_splitting_a_paragraph_is_a_change_though_the_text_stays_the_same():
    whole, split = PageText(_markup(P1, P2)), PageText(_markup(P1, "Samantha adopted her", "personality around Ted, "
                                                                 "and that is the whole point."))
    assert whole.text == split.text and whole.fingerprint != split.fingerprint
    assert place(whole, QUOTE).block != place(split, QUOTE).block


def test_the_marked_body_follows_a_comments_words_its_name_and_where_it_points():
    markup = _markup(P1, P2)
    before = _body(markup, _comment())
    assert "Not how I read it." in before and "Ada" in before
    assert _body(markup, _comment()) == before, "the same comments give the same page"
    edited = _body(markup, _comment(body="On second thought, yes."))
    assert "On second thought, yes." in edited and "Not how I read it." not in edited, "an edited comment shows"
    renamed = _body(markup, _comment(author="Ada L."))
    assert "Ada L." in renamed
    moved = _body(_markup(P2, P1), _comment())
    assert moved != before and moved.index("<mark") < moved.index("Her is a film"), "the mark follows the move"
    changed = _body(_markup(P1, P2.replace("adopted", "built")), _comment())
    assert "the passage has changed" in changed and "the passage has changed" not in before


def test_two_pages_with_the_same_comments_but_other_markup_are_marked_apart():
    comment = _comment(anchor=replace(QUOTE, prefix="", suffix=""))
    assert place(PageText(_markup(P2)), comment.anchor).state == SAME
    one, other = _body(_markup(P2), comment), _body(_markup(P2) + "<p>An afterword.</p>", comment)
    assert "An afterword." in other and "An afterword." not in one


def _essay(tmp_path, *paragraphs: str):
    from essaykit.essay import check_notebook
    from helpers.notebooks import md_cell, notebook

    nb = notebook([md_cell(p) for p in paragraphs], essay={"title": "Her", "slug": "her-labels"})
    essay, problems = check_notebook(nb, str(tmp_path / "her.ipynb"))
    assert essay is not None, problems
    return essay


def test_the_threads_labels_are_each_views_own_comments_as_they_are_now(tmp_path):
    """The labels a view hands the thread: those of its comments, whether it shows every comment its text
    remembers (then the mapping kept with them) or fewer, and an edited anchor's new one, not its old."""
    essay = _essay(tmp_path, P1, P2)
    first = _comment()
    other = replace(_comment(), id="c2", anchor=Anchor(exact="an operating system", prefix="falls for "))
    both = passages(essay, [first, other]).labels()
    assert both == {"c1": "on “adopted her personality around Ted”", "c2": "on “an operating system”"}
    assert passages(essay, [replace(first), replace(other)]).labels() == both, "new objects, the same labels"
    assert passages(essay, [replace(other)]).labels() == {"c2": "on “an operating system”"}, "only its own"
    moved = replace(first, anchor=Anchor(exact="the whole point", prefix="that is "))
    assert passages(essay, [moved, other]).labels() == {"c1": "on “the whole point”", "c2": "on “an operating system”"}
    again = passages(essay, [moved, replace(other)])
    assert again.labels() == {"c1": "on “the whole point”", "c2": "on “an operating system”"}
    assert passages(essay, [first, other]).labels() == both, "the old anchor again: its old label"


def test_each_view_is_marked_as_a_body_marked_from_nothing(tmp_path):
    """A view after one more comment (last, as the store gives a page's comments) is marked from what the
    last view kept; one with its comments in another order, fewer of them or one edited is not: each body is
    the one marked anew from its own comments, the notes of one paragraph in the comments' order."""
    from essaykit.html.blocks import render_blocks

    essay = _essay(tmp_path, P1, P2)
    markup = "\n".join(render_blocks(essay, code=lambda block: ""))
    first = _comment()
    other = replace(_comment(body="A machine that listens."), id="c2",
                    anchor=Anchor(exact="an operating system", prefix="falls for "))
    third = replace(_comment(body="The whole point, indeed.", author="Grace"), id="c3",
                    anchor=Anchor(exact="the whole point", prefix="that is "))
    edited = replace(other, body="Changed my mind.")

    def anew(comments):
        page = PageText(markup)
        made = Passages(page, [(c, place(page, c.anchor)) for c in comments])
        return made.body(markup, paragraph_links=True), made.labels()

    views = [[first], [first, other], [first, other, third], [first, other, third], [first, edited, third],
             [third, other, first], [other], [first, other, third], [first, other, third, replace(third, id="c4")]]
    for comments in views:
        view = passages(essay, [replace(c) for c in comments])
        assert (view.body(markup, paragraph_links=True), view.labels()) == anew(comments), [c.id for c in comments]
    both = passages(essay, [replace(first), replace(third)]).body(markup, paragraph_links=True)
    assert both.index("Not how I read it.") < both.index("The whole point, indeed."), "one paragraph's notes in order"


def test_the_next_view_is_compared_with_the_keys_the_entries_were_made_from(tmp_path):
    """A page reads its comments anew (new strings, equal to the old): after one more comment its other
    entries are those of the last view, and what the next view is compared with is the keys those entries
    were made from, not a copy of this view's words kept alive till then."""
    essay = _essay(tmp_path, P1, P2)

    def anew(c: Comment) -> Comment:  # new strings, as a store reads them
        a = c.anchor
        return replace(c, id=c.id.encode().decode(), body=c.body.encode().decode(),
                       anchor=replace(a, exact=a.exact.encode().decode(), prefix=a.prefix.encode().decode()))

    first = _comment()
    other = replace(_comment(body="A machine that listens."), id="c2",
                    anchor=Anchor(exact="an operating system", prefix="falls for "))
    before = passages(essay, [first])
    after = passages(essay, [anew(first), anew(other)])
    assert after._entries[0] is before._entries[0], "the same comment as it was: the same entry"
    keys, entries = after._remembered[0].last
    assert entries == after._entries and len(keys) == 2
    assert all(key is entry.key for key, entry in zip(keys, entries))
    assert keys[0][2] is first.body, "the first view's words, which its entry was made from"
    edited = passages(essay, [anew(first), replace(anew(other), body="Changed my mind.")])
    assert edited._entries[0] is before._entries[0] and edited._entries[1] is not after._entries[1]
    assert "Changed my mind." in edited.body(edited.page.markup) and "A machine" not in edited.body(edited.page.markup)


def test_a_markup_marked_again_puts_each_mark_where_a_new_reading_does():
    """Where a mark on a text range goes in the markup is remembered by range with the reading; marked again,
    with other tags and links around the same ranges, the markup is what a new reading makes of them."""
    markup = '<p>Her is a <a href="/x">film about</a> Theodore &amp; Samantha,  who  falls.</p>'
    page = PageText(markup)
    film, both = page.text.index("film"), page.text.index("Theodore & Samantha")
    first = [(film, film + 4, "<mark>", "<mark>", "[1]"), (both, both + 19, "<mark>", "<mark>", "[2]")]
    once = page.render(first)
    assert once.index("[1]") > once.index("</a>"), "a mark's link goes after the link it ends in"
    assert "<mark>Theodore &amp; Samantha</mark>[2]" in once
    again = [(film, film + 4, '<mark id="m">', "<mark>", "[3]"), (both, both + 8, "<mark>", "<mark>", "")]
    assert page.render(first) == once == PageText(markup).render(first)
    assert page.render(again) == PageText(markup).render(again)
    assert '<mark id="m">film</mark> about</a>[3] <mark>Theodore</mark> &amp;' in page.render(again)


def _stored(url: str, words: dict[str, str]):
    """A store at ``url`` with one approved comment on QUOTE per id (its words), and its comments as read."""
    from essaykit.comments.store import CommentStore

    store = CommentStore.open(url)
    records = [{"id": cid, "essay": "her-labels", "author": "Ada", "body": body, "created": "2026-12-01T10:00:00Z",
                "status": "approved", "email": "ada@example.org", "anchor": QUOTE.record()} for cid, body in words.items()]
    assert store.import_records(records).errors == []
    return store


def test_comments_from_the_store_are_remembered_by_id_and_revision_and_follow_every_write(tmp_path):
    """A page of stored comments: after one more, the others' entries are the last view's (matched by their ids
    and revisions alone); after a moderation change or an edit of the words the store makes, the page shows
    what is stored now, as one marked from nothing does."""
    import sqlalchemy as sa

    from essaykit.db.schema import comments as table
    from essaykit.html.blocks import render_blocks

    essay = _essay(tmp_path, P1, P2)
    markup = "\n".join(render_blocks(essay, code=lambda block: ""))
    store = _stored(f"sqlite:///{tmp_path / 'c.sqlite'}", {"c1": "Not how I read it.", "c2": "A machine that listens."})
    with store:
        before = passages(essay, store.anchored("her-labels"))
        assert before._remembered[0].stamps is not None, "every comment from the store: ids and revisions kept"
        assert store.import_records([{"id": "c3", "essay": "her-labels", "author": "Grace", "body": "Indeed.",
                                      "created": "2026-12-02T10:00:00Z", "status": "approved", "email": "",
                                      "anchor": QUOTE.record()}]).errors == []
        after = passages(essay, store.anchored("her-labels"))
        assert after._entries[:2] == before._entries, "the same comments as they were: the same entries"
        with store.writing() as conn:  # the words changed as a reader's edit writes them
            conn.execute(table.update().where(table.c.public_id == "c2").values(body="Changed my mind."))
        store.set_status("c1", "spam", by="author")
        store.set_status("c1", "approved", by="author")
        now = store.anchored("her-labels")
        view = passages(essay, now)
        assert view._entries[0] is not before._entries[0] and view._entries[2] is after._entries[2]
        page = PageText(markup)
        anew = Passages(page, [(c, place(page, c.anchor)) for c in now]).body(markup, paragraph_links=True)
        assert view.body(markup, paragraph_links=True) == anew
        assert "Changed my mind." in anew and "A machine" not in anew
        with store.writing() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() == 3


def test_two_stores_with_the_same_ids_show_each_its_own_words(tmp_path):
    """Ids are a store's: another database's comment "c1" on the same essay is another comment (its revision
    started at another random number), so a page never shows one store's words for the other's."""
    essay = _essay(tmp_path, P1, P2)
    shown = []
    for n, words in enumerate(("Not how I read it.", "Exactly how I read it.")):
        with _stored(f"sqlite:///{tmp_path / f'c{n}.sqlite'}", {"c1": words}) as store:
            view = passages(essay, store.anchored("her-labels"))
            shown.append(view.body(view.page.markup))
    assert "Not how I read it." in shown[0] and "Exactly how I read it." in shown[1]
    assert "Not how" not in shown[1]


def test_after_the_last_views_stored_comments_a_plain_one_and_one_more_on_a_passage(tmp_path):
    """A view that begins with the last view's stored comments (matched by ids and revisions) and then has a
    comment on the whole essay and one more on a passage: the new entry is the new comment's (only the
    comments after the kept ones are looked at for it), and the page is the one marked from nothing."""
    from essaykit.html.blocks import render_blocks

    essay = _essay(tmp_path, P1, P2)
    markup = "\n".join(render_blocks(essay, code=lambda block: ""))
    with _stored(f"sqlite:///{tmp_path / 'c.sqlite'}", {"c1": "Not how I read it.", "c2": "A machine."}) as store:
        last = passages(essay, store.anchored("her-labels"))
        assert last._remembered[0].stamps is not None
        whole = replace(_comment(body="On the whole essay."), id="c3", anchor=None)
        more = replace(_comment(body="Read again after the rest.", author="Grace"), id="c4",
                       anchor=Anchor(exact="the whole point", prefix="that is "))
        comments = store.anchored("her-labels") + [whole, more]
        view = passages(essay, comments)
    assert view._entries[:2] == last._entries, "the stored comments as they were: their entries"
    page = PageText(markup)
    anew = Passages(page, [(c, place(page, c.anchor)) for c in comments if c.anchor is not None])
    assert view.labels() == anew.labels() and view.labels()["c4"] == "on “the whole point”"
    assert view.body(markup, paragraph_links=True) == anew.body(markup, paragraph_links=True)
    assert "Read again after the rest." in view.body(markup)


def test_stored_comments_with_random_revisions_are_matched_by_revisions_and_small_ones_by_ids_too(tmp_path):
    """The store's revisions start at random (RANDOM_FLOOR and above but for one chance in 2**30): a view of
    stored comments keeps no ids to compare. Comments whose revisions are small (a row another program wrote
    with the column's default 0) have their ids compared too: another comment with the same revision in the
    same place shows its own words, not the entry of the one it took the place of."""
    from essaykit.comments.passage_entries import RANDOM_FLOOR

    essay = _essay(tmp_path, P1, P2)
    with _stored(f"sqlite:///{tmp_path / 'c.sqlite'}", {"c1": "Not how I read it.", "c2": "A machine."}) as store:
        stored = store.anchored("her-labels")
        first = passages(essay, stored)
        assert min(c.revision for c in stored) >= RANDOM_FLOOR
        assert first._remembered[0].stamps[2] is None, "random revisions: no ids kept"
        assert passages(essay, store.anchored("her-labels"))._entries == first._entries
    zero = [replace(_comment(body=words), id=cid, revision=0) for cid, words in (("z1", "First."), ("z2", "Second."))]
    view = passages(essay, zero)
    assert view._remembered[0].stamps[2] == ["z1", "z2"], "a revision below the floor: the ids are kept"
    other = [zero[0], replace(_comment(body="Another reader's words."), id="z3", revision=0)]
    again = passages(essay, other)
    assert again._entries[0] is view._entries[0] and again._entries[1] is not view._entries[1]
    body = again.body(again.page.markup)
    assert "Another reader's words." in body and "Second." not in body


def test_views_after_more_stored_comments_keep_their_own_lists_and_the_kept_keys_follow_the_entries(tmp_path):
    """After one more stored comment, then another, what the text keeps for the next view (the keys, grown in
    place) is one key per entry, each the key it was made from, with the entries' labels in order; and an
    earlier view, asked again after the later ones, still shows its own comments as a page marked from nothing."""
    from essaykit.comments.render import thread_html
    from essaykit.html.blocks import render_blocks

    essay = _essay(tmp_path, P1, P2)
    markup = "\n".join(render_blocks(essay, code=lambda block: ""))
    views = []

    def view() -> None:
        views.append((store.anchored("her-labels"), passages(essay, store.anchored("her-labels"))))
        remembered = views[-1][1]._remembered[0]
        keys, entries = remembered.last
        assert entries == views[-1][1]._entries and len(keys) == len(entries) == len(views[-1][0])
        assert all(key is entry.key for key, entry in zip(keys, entries))
        assert remembered.saids == [entry.said for entry in entries]

    with _stored(f"sqlite:///{tmp_path / 'c.sqlite'}", {"c1": "Not how I read it.", "c2": "A machine."}) as store:
        for n, (exact, prefix) in enumerate((("the whole point", "that is "), ("an operating system", "falls for "))):
            view()
            assert store.import_records([{"id": f"m{n}", "essay": "her-labels", "author": "Grace",
                                          "body": f"More, {n}.", "created": f"2026-12-0{n + 2}T10:00:00Z",
                                          "status": "approved", "email": "",
                                          "anchor": Anchor(exact=exact, prefix=prefix).record()}]).errors == []
        view()
        assert views[1][1]._entries[:2] == views[0][1]._entries, "matched by revisions: the last view's entries"
    assert [len(v._entries) for _, v in views] == [2, 3, 4]
    page = PageText(markup)
    for comments, view in views:
        anew = Passages(page, [(c, place(page, c.anchor)) for c in comments])
        assert view.body(markup, paragraph_links=True) == anew.body(markup, paragraph_links=True)
        assert dict(view.labels()) == dict(anew.labels()) and len(view.labels()) == len(comments)
        assert thread_html(comments, total=len(comments), labels=view.labels()) == \
            thread_html(comments, total=len(comments), labels=anew.labels())
