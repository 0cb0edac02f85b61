"""Comments on a passage (issue 24): anchors checked, stored, backed up, found again after edits, and
shown on the page (marks, margin, paragraph links, the thread's "on “…”"), spoilers kept hidden."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from essaykit.comments.anchor import Anchor, anchor_value, clean_anchor
from essaykit.comments.anchors import CHANGED, MOVED, ORPHAN, SAME, place
from essaykit.comments.passages import SPOILER_LABEL, Passages, passages
from essaykit.comments.submission import FormRefused, Submission
from essaykit.essay import check_notebook
from essaykit.errors import CommentError
from essaykit.html.passages import PageText
from helpers.notebooks import md_cell, notebook

P1 = "Her is a film about Theodore, who falls for an operating system."
P2 = "Samantha adopted her personality around Ted, and that is the whole point."
P3 = "The ending leaves them both changed."
QUOTE_TIME = datetime(2026, 12, 1, tzinfo=timezone.utc)
QUOTE = Anchor(exact="adopted her personality around Ted", prefix="Samantha ", suffix=", and that")


def page(*paragraphs: str) -> PageText:
    return PageText("\n".join(f"<p>{p}</p>" for p in paragraphs))


# --- re-anchoring: the same anchor against the essay after five real edits -----------------------

EDITS = [
    ("unchanged", (P1, P2, P3), SAME, "adopted her personality around Ted"),
    ("a paragraph inserted before", ("A new opening paragraph.", P1, P2, P3), SAME,
     "adopted her personality around Ted"),
    ("a word changed inside the quote", (P1, P2.replace("adopted", "built"), P3), CHANGED,
     "built her personality around Ted"),
    ("the sentence moved to another paragraph",
     (P1 + " Samantha adopted her personality around Ted.", P3), MOVED, "adopted her personality around Ted"),
    ("the quote deleted", (P1, "Samantha is only software.", P3), ORPHAN, ""),
]


@pytest.mark.parametrize("edit, paragraphs, state, now", EDITS, ids=[e[0] for e in EDITS])
def test_an_anchor_lands_where_the_edited_essay_puts_its_quote(edit, paragraphs, state, now):
    where = place(page(*paragraphs), QUOTE)
    assert where.state == state
    if state == ORPHAN:
        assert not where.found
    else:
        assert where.now == now
        text = page(*paragraphs)
        assert text.paragraph_at(where.start).id == where.block


def test_a_quote_now_appearing_twice_goes_where_its_context_is():
    twice = page("Ted adopted her personality around Ted, once.", P1, P2)
    where = place(twice, QUOTE)
    assert where.state == SAME
    assert twice.text[where.start - len("Samantha "):where.start] == "Samantha "
    # Without context, the paragraph it was made on decides.
    made_on = page(P1, P2).paragraphs[1].id
    bare = Anchor(exact="adopted her personality around Ted", block=made_on)
    assert twice.paragraph_at(place(twice, bare).start).id == made_on


def test_paragraph_ids_survive_edits_elsewhere():
    before, after = page(P1, P2), page("Inserted.", P1, P2.replace("point", "idea"))
    assert before.paragraphs[0].id == after.paragraphs[1].id
    assert before.paragraphs[1].id != after.paragraphs[2].id
    assert all(p.id.startswith("ek-p-") for p in after.paragraphs)


# --- hostile anchors: field errors or orphans, never a crash ------------------------------------

@pytest.mark.parametrize("anchor, words", [
    ({"exact": "x" * 20_000}, "quote at most 1,000"),
    ({"exact": "x" * 1001}, "quote at most 1,000"),
    ({"exact": "ok", "prefix": "p" * 65}, "quote at most 64"),
    ({"exact": "ok", "suffix": 5}, "must be text"),
    ({"exact": "", "prefix": "lonely"}, "select the words"),
    ({"exact": "\u200b\u2060\ufeff", "suffix": "invisible"}, "select the words"),
    ({"exact": "ok", "start": 9, "end": 3}, "start before end"),
    ({"exact": "ok", "block": "<b>"}, "paragraph id"),
    ({"exact": "ok", "evil": 1}, "unknown keys"),
    (["exact"], "must be an object"),
])
def test_bad_anchors_get_a_field_error_that_says_what_to_do(anchor, words):
    with pytest.raises(CommentError) as caught:
        clean_anchor(anchor)
    assert caught.value.field == "anchor"
    assert words in str(caught.value)


def test_html_and_bidi_controls_in_a_quote_are_text_and_cleaned():
    anchor = clean_anchor({"exact": "<script>alert(1)</script>\u202e  evil\n\nquote", "prefix": "a\u2066 "})
    assert anchor.exact == "<script>alert(1)</script> evil quote"
    assert anchor.prefix == "a "
    where = place(page(P1, P2), anchor)
    assert where.state == ORPHAN  # words the essay does not have
    assert clean_anchor({"exact": "\u200b \u200d"}) is None, "zero-width characters alone quote nothing"


def test_a_quote_of_the_whole_essay_is_found():
    text = page(P1, P2)
    where = place(text, clean_anchor({"exact": f"{P1}\n\n{P2}"}))
    assert (where.state, where.start, where.end) == (SAME, 0, len(text.text.strip()))


def test_the_form_and_json_give_the_same_anchor_and_every_problem_is_listed():
    form = {"anchor_exact": "around Ted", "anchor_prefix": "personality ", "anchor_suffix": ", and"}
    json_body = {"anchor": {"exact": "around Ted", "prefix": "personality ", "suffix": ", and"}}
    assert clean_anchor(anchor_value(form)) == clean_anchor(anchor_value(json_body))
    bad = Submission.from_mapping("e", {"author": "", "email": "a@example.org", "body": "Hm",
                                        "anchor": {"exact": "x" * 5000}})
    with pytest.raises(FormRefused) as caught:
        bad.check()
    assert [field for field, _ in caught.value.problems] == ["author", "anchor"]
    assert "Passage: the quoted passage is too long" in dict(caught.value.problems)["anchor"]


# --- the store and the backup carry it ----------------------------------------------------------

def test_the_store_keeps_the_anchor_and_the_backup_carries_it(store, tmp_path):
    posted = store.post("her", author="Ada", email="ada@example.org", body="Not how I read it.",
                        anchor={"exact": "around Ted", "prefix": "personality ", "suffix": ", and",
                                "start": 40, "end": 50, "block": "ek-p-1a2b3c4d"})
    assert store.get(posted.comment.id).anchor == Anchor("around Ted", "personality ", ", and", 40, 50, "ek-p-1a2b3c4d")
    plain = store.post("her", author="Bo", email="bo@example.org", body="Whole essay.")
    records = store.export("her")
    assert records[0]["anchor"]["exact"] == "around Ted" and "anchor" not in records[1]
    with pytest.raises(CommentError) as caught:
        store.post("her", author="Cy", email="cy@example.org", body="A reply", parent=plain.comment.id,
                   anchor={"exact": "around Ted"})
    assert caught.value.field in ("anchor", "parent")
    from essaykit.comments.store import CommentStore

    with CommentStore.open(f"sqlite:///{tmp_path / 'restored.sqlite'}") as restored:
        assert restored.import_records(records).errors == []
        assert restored.export("her") == records


# --- on the page ---------------------------------------------------------------------------------

def _essay(tmp_path, *cells):
    nb = notebook([md_cell(c) if isinstance(c, str) else c for c in cells], essay={"title": "Her", "slug": "her"})
    essay, problems = check_notebook(nb, str(tmp_path / "her.ipynb"))
    assert essay is not None, problems
    return essay


def test_the_page_marks_the_passage_with_its_comments_beside_it_and_the_thread_quotes_it(store, tmp_path):
    essay = _essay(tmp_path, P1, P2, "::: spoiler The twist\nSamantha leaves with the other systems.\n:::")
    on_p2 = store.post("her", author="Ada", email="ada@example.org", body="Not how *I* read it.",
                       anchor={"exact": "her personality around Ted", "prefix": "adopted ", "suffix": ", and"}).comment
    store.set_status(on_p2.id, "approved", by="test")
    comments = store.anchored("her")
    found = passages(essay, comments)
    body = found.body("\n".join(f"<p>{p}</p>" for p in (P1, P2)), paragraph_links=True)
    assert (f'<mark class="ek-anchor" id="ek-a-{on_p2.id}" data-ek-comments="1" '
            f'aria-describedby="ek-am-{on_p2.id}">her personality around Ted</mark>') in body
    para = found.page.paragraphs[1].id
    assert body.index(f'id="ek-an-{para}"') < body.index(f'<p id="{para}">'), "the margin note starts with its paragraph"
    assert "<em>I</em>" in body and "1 comment on this paragraph" in body
    assert body.count("Comment on this paragraph") == 2 and f"?on={para}#ek-cf" in body
    assert found.label(comments[0]) == "on “her personality around Ted”"


def test_a_passage_in_a_spoiler_never_shows_its_words_outside_it(store, tmp_path):
    cells = [P1, md_cell("Samantha leaves with the other systems.", tags=["spoiler"])]
    essay = _essay(tmp_path, *cells)
    text = passages(essay, []).page
    assert "Samantha leaves" in text.text
    posted = store.post("her", author="Ada", email="ada@example.org", body="So sad.",
                        anchor={"exact": "leaves with the other systems"}).comment
    store.set_status(posted.id, "approved", by="test")
    found = passages(essay, store.anchored("her"))
    where = found.placed[0][1]
    assert where.in_spoiler and where.state == SAME
    assert found.label(found.placed[0][0]) == SPOILER_LABEL
    assert "leaves with" not in str(where.record())


# --- feeds and the author's email ------------------------------------------------------------------

def test_the_authors_email_quotes_the_passage_unless_a_spoiler_hides_it(store, tmp_path):
    from email.headerregistry import Address

    from essaykit.mail.messages import Commented, Essay, author_notice

    model = _essay(tmp_path, P2, md_cell("Samantha leaves with the other systems.", tags=["spoiler"]))
    told = {}
    for exact in ("her personality around Ted", "leaves with the other systems"):
        about = Commented(id="c1", author="Ada", email="ada@example.org", website="", body="Hm.", status="pending",
                          created=QUOTE_TIME, anchor=Anchor(exact=exact))
        told[exact] = author_notice(sender=Address("Blog", "blog", "example.org"), to="me@example.org",
                                    message_id="m1", essay=Essay("Her", "https://example.org/her", model=model),
                                    comment=about, links={}, days=7).get_content()
    assert "They answer a passage, on “her personality around Ted”." in told["her personality around Ted"]
    spoiled = told["leaves with the other systems"]
    assert "They answer a passage, on a passage in a spoiler." in spoiled and "other systems" not in spoiled


def test_a_comment_feed_says_on_a_passage_and_never_quotes_it(store):
    from essaykit.exports.feed import comments_feed

    posted = store.post("her", author="Ada", email="ada@example.org", body="So sad.",
                        anchor={"exact": "leaves with the other systems"}).comment
    feed = comments_feed([posted], title="Comments", feed_name="c.xml", page_of=lambda c: "her.html",
                         title_of=lambda c: "Her", feed_id="x")
    assert "on a passage" in feed and "other systems" not in feed


def test_an_orphan_made_in_a_spoiler_never_shows_its_old_quote(store, tmp_path):
    from essaykit.comments.passages import placed_anchor

    before = _essay(tmp_path, P1, md_cell("Samantha leaves with the other systems.", tags=["spoiler"]))
    anchor = placed_anchor(before, {"exact": "leaves with the other systems"})
    assert anchor.spoiler
    posted = store.post("her", author="Ada", email="ada@example.org", body="So sad.", anchor=anchor).comment
    store.set_status(posted.id, "approved", by="test")
    [kept] = store.anchored("her")
    assert kept.anchor.spoiler and store.export("her")[0]["anchor"]["spoiler"] is True
    after = passages(_essay(tmp_path, P1, md_cell("The ending was rewritten.", tags=["spoiler"])), [kept])
    assert not after.placed[0][1].found
    assert after.label(kept) == SPOILER_LABEL and "other systems" not in str(after.public(kept))
    with pytest.raises(CommentError):
        clean_anchor({"exact": "x", "spoiler": False})  # a reader cannot say it


# --- passages in the markup, as a browser parses it -----------------------------------------------

CROSSING = ("Gamma sentence three is everywhere at once.",
            "Read [the source link](https://example.org/) and *mind the gap* with $x^2$ and `print(1)` in it.")


def _marked(store, tmp_path, cells, quotes):
    """The essay of ``cells`` with an approved comment on each of ``quotes``: its passages and its body as
    html5lib (a browser's parser) reads it."""
    from bs4 import BeautifulSoup

    essay = _essay(tmp_path, *cells)
    for exact in quotes:
        posted = store.post("her", author="Ada", email="ada@example.org", body=f"On {exact}.",
                            anchor={"exact": exact}).comment
        store.set_status(posted.id, "approved", by="test")
    found = passages(essay, store.anchored("her"))
    body = found.body(found.page.markup, paragraph_links=True)
    return found, BeautifulSoup(body, "html5lib")


def _squeezed(text: str) -> str:
    return "".join(text.split())


def test_crossing_passages_each_end_where_they_end_and_no_link_lands_in_a_link(store, tmp_path):
    quotes = ["Gamma sentence three is everywhere", "everywhere at once. Read the source",  # two paragraphs
              "source link and mind the",  # out of a link into emphasis
              "with x 2 and print(1) in it",  # a formula as a browser's selection gives it, and code
              "print(1)"]
    found, soup = _marked(store, tmp_path, CROSSING, quotes)
    assert [where.state for _, where in found.placed] == [SAME] * len(quotes), found.placed
    assert "x^2" not in found.page.text, "a formula's TeX is not the essay's words"
    assert not soup.select("a a"), "a mark's link inside one of the essay's links"
    assert soup.find("a", href="https://example.org/").get_text() == "the source link", "the essay's link is whole"
    for comment, _ in found.placed:
        exact = _squeezed(comment.anchor.exact)
        assert exact.startswith(_squeezed(soup.find(id=f"ek-a-{comment.id}").get_text())), comment.anchor.exact
        link = soup.select_one(f'a.ek-anchor__link[href="#ek-c-{comment.id}"]')
        before = _squeezed("".join(reversed([
            s for s in link.find_all_previous(string=True)[:60]
            if not s.find_parent(["annotation", "aside"])
            and not s.find_parent(class_=["ek-anchor__link", "ek-para-tools", "ek-anchor-count"])])))
        # Right after the passage, or after the rest of the essay's link it ends in.
        link_after = link.previous_sibling.name == "a" and _squeezed(link.previous_sibling.get_text())
        assert exact in before and len(before) - before.rfind(exact) - len(exact) <= len(link_after or ""), \
            f"{comment.anchor.exact}: link misplaced after {before[-60:]}"


def test_a_passage_starting_in_an_inline_spoiler_is_marked_only_inside_it_with_nothing_to_focus(store, tmp_path):
    found, soup = _marked(store, tmp_path, ["The ending is ||Samantha leaves with the others|| as you guessed."],
                          ["Samantha leaves", "with the others as you guessed"])
    assert {found.label(c) for c, _ in found.placed} == {SPOILER_LABEL}
    marks = soup.select("mark.ek-anchor")
    assert marks and all(m.find_parent(class_="ek-spoiler__text") for m in marks), "a mark outside the spoiler"
    assert not soup.select(".ek-spoiler a, .ek-anchor-notes, mark[aria-describedby]"), \
        "an inline spoiler is one hidden button: no link in it, no margin note"
    assert not soup.select(".ek-para-tools"), "no form on a paragraph whose quote would tell the spoiler"


def test_a_table_and_a_list_are_paragraphs_with_their_notes_and_links(store, tmp_path):
    table, items = "| head a | head b |\n|---|---|\n| table cell words | more words |", "- list item words\n- second"
    found, soup = _marked(store, tmp_path, [P1, table, items], ["table cell words", "list item words"])
    for (comment, where), tag in zip(found.placed, ("table", "ul")):
        block = soup.find(tag)
        assert where.block == block["id"] and where.block.startswith("ek-p-")
        assert block.find_previous_sibling()["id"] == f"ek-an-{where.block}", "its margin note comes before it"
        tools, count = block.find_next_siblings()[:2]
        assert "ek-para-tools" in tools["class"] and count.get_text() == "1 comment on this paragraph"
    from essaykit.comments.passages import paragraph_anchor

    assert paragraph_anchor(found, found.placed[0][1].block).exact == "head a head b table cell words more words"


def test_the_context_stored_and_given_out_keeps_no_spoilers_words(store, tmp_path):
    from essaykit.comments.passages import paragraph_anchor, placed_anchor

    essay = _essay(tmp_path, "The ending is ||Samantha leaves with the others|| as you guessed.", P3)
    # A selection's context, as the page's text reads it, runs into the spoiler before the paragraph.
    anchor = placed_anchor(essay, {"exact": "The ending leaves", "prefix": "with the others as you guessed. ",
                                   "suffix": " them both"})
    assert (anchor.prefix, anchor.suffix, anchor.spoiler) == (" as you guessed. ", " them both", False)
    posted = store.post("her", author="Ada", email="ada@example.org", body="Hm.", anchor=anchor).comment
    store.set_status(posted.id, "approved", by="test")
    found = passages(essay, store.anchored("her"))
    assert found.placed[0][1].state == SAME and "Samantha" not in str(found.public(found.placed[0][0]))
    para = found.page.paragraphs[1].id
    assert "others" not in paragraph_anchor(found, para).prefix, "the no-JavaScript form's context too"
    assert paragraph_anchor(found, found.page.paragraphs[0].id) is None, "no form quoting a spoiler's paragraph"


def test_an_anchor_on_a_paragraph_id_the_essay_no_longer_has_is_found_by_its_words():
    gone = Anchor(exact="adopted her personality around Ted", block="ek-p-00000000", start=9999, end=10033)
    where = place(page(P1, P2, P3), gone)
    assert (where.state, where.now, where.block) == (SAME, gone.exact, page(P1, P2, P3).paragraphs[1].id)


def test_a_context_stored_before_a_spoiler_wrapped_it_is_not_given_out(store, tmp_path):
    # Stored as it came (a comment from before the context rule, or one whose neighbour the author later hid).
    anchor = Anchor(exact="The ending leaves", prefix="with the others as you guessed. ", suffix=" them both")
    posted = store.post("her", author="Ada", email="ada@example.org", body="Hm.", anchor=anchor).comment
    store.set_status(posted.id, "approved", by="test")
    plain = _essay(tmp_path, "The ending is Samantha leaves with the others as you guessed.", P3)
    before = passages(plain, store.anchored("her"))
    assert before.public(before.placed[0][0])["prefix"] == anchor.prefix, "no spoiler: the stored context as it is"
    hidden = _essay(tmp_path, "The ending is ||Samantha leaves with the others|| as you guessed.", P3)
    found = passages(hidden, store.anchored("her"))
    given = found.public(found.placed[0][0])
    assert found.placed[0][1].state == SAME and given["exact"] == "The ending leaves"
    assert "others" not in given["prefix"] and given["prefix"].endswith("as you guessed. ")
