"""CommentSection in the kernel: arguments, the static twin, posting through comm messages
into a real SQLite store, refusals that name the field, paging, and a store that fails."""

from __future__ import annotations

import json
import re

import pytest

from essaykit.comments.moderation import Rules

from essaykit.comments.moderation import HONEYPOT_FIELD
from essaykit.errors import StoreError, WidgetError
from essaykit.widgets.comments import NOT_SAVED, UNAVAILABLE, CommentSection
from helpers.comment_payloads import REFUSED
from helpers.widgets import WIDGET_VIEW, front_end, invoke, twin

ESSAY = "the-salt-road"


def make(store, *, session="reader-a", **kwargs):
    """A CommentSection whose messages to the front end are recorded in ``.sent``."""
    widget = CommentSection(kwargs.pop("essay", ESSAY), store=store, session=session, **kwargs)
    widget.sent = []
    widget.send = lambda content, buffers=None: widget.sent.append(content)
    return widget


def post_msg(widget, **fields):
    message = {"author": "Ada", "email": "ada@example.org", "website": "",
               "body": "A fine review.", "honeypot": "", "parent": None, **fields}
    return invoke(widget, "_post", message)


def approve_all(store):
    ids = [c.id for c in store.pending()]
    if ids:
        store.set_status(ids, "approved", by="test")


# --- arguments ------------------------------------------------------------------------------


@pytest.mark.parametrize("essay", ["", "Has Spaces", "../etc", "x" * 300, 7, "slug\n"])
def test_bad_essay_is_refused(store, essay):
    with pytest.raises(WidgetError, match=r"CommentSection\(essay="):
        CommentSection(essay, store=store)


@pytest.mark.parametrize("per_page", [0, -1, 501, 2.5, "50", True, None])
def test_bad_per_page_is_refused(store, per_page):
    with pytest.raises(WidgetError, match=r"per_page=") as info:
        CommentSection(ESSAY, store=store, per_page=per_page)
    assert info.value.parameter == "per_page"


def test_essay_defaults_to_current_slug(store, monkeypatch):
    monkeypatch.setenv("ESSAYKIT_SLUG", "from-env")
    assert CommentSection(store=store).essay == "from-env"


def test_front_end_cannot_set_state(store):
    widget = make(store)
    before = (widget.thread_html, widget.total, widget.essay)
    for state in ({"thread_html": "<img src=x onerror=alert(1)>"}, {"total": 99}, {"essay": "other"},
                  {"available": False}, {"honeypot_name": "name"}):
        front_end(widget, "update", state)
    assert (widget.thread_html, widget.total, widget.essay) == before, "every synced trait is kernel-owned"
    assert widget.honeypot_name == HONEYPOT_FIELD


# --- posting -----------------------------------------------------------------------------------


def test_first_comment_waits_for_moderation(store):
    widget = make(store)
    answer = post_msg(widget)
    own = answer.pop("html")
    assert answer.pop("loaded"), "the form's next load time"
    assert answer == {"ok": True, "status": "pending",
                      "notice": "Your comment is awaiting moderation.", "id": answer["id"]}
    assert "A fine review." in own and "awaiting moderation" in own and "ek-comment--pending" in own, \
        "the poster gets their own comment back, marked, to keep showing it to them"
    assert "data-ek-reply" not in own, "nobody replies to a comment that is not published"
    assert store.get(answer["id"]).status == "pending"
    assert "A fine review." not in widget.thread_html, "a pending comment is not shown to readers"


def test_a_returning_reader_is_published_and_appears(store):
    widget = make(store)
    post_msg(widget)
    approve_all(store)
    store.rules = Rules(min_interval=0)  # this test is about proof, not pace
    later = make(store)  # the same signed reader session, in a new kernel
    answer = post_msg(later, body="Second thoughts.")
    assert answer["ok"] and answer["status"] == "approved"
    assert answer["notice"] == "Thank you! Your comment is published."
    assert "Second thoughts." in later.thread_html and later.total == 2


def test_another_reader_typing_a_known_email_is_held(store):
    post_msg(make(store))
    approve_all(store)
    impostor = post_msg(make(store, session="reader-b"), email="ADA@example.org", body="I am Ada, honest.")
    assert impostor["ok"] and impostor["status"] == "pending", "an email typed into the form proves nothing"
    assert impostor["notice"] == "Your comment is awaiting moderation."


def test_the_kernel_of_a_served_reader_uses_the_servers_proof(store, monkeypatch):
    post_msg(make(store))
    approve_all(store)
    monkeypatch.setenv("ESSAYKIT_SESSION", "served-reader")
    monkeypatch.setenv("ESSAYKIT_CLIENT", "192.0.2.10")
    monkeypatch.setenv("ESSAYKIT_KNOWN", "ada@example.org")
    proven = post_msg(make(store, session=None), email="Ada@Example.org", body="From my other laptop.")
    assert proven["status"] == "approved", "essaykit serve verified this browser's token for the address"
    monkeypatch.setenv("ESSAYKIT_SESSION", "served-reader-2")
    too_fast = post_msg(make(store, session=None), email="x@example.org", body="Another one.")
    assert too_fast["ok"] is False and "too fast" in too_fast["message"], "the address is limited in the kernel too"


def test_reply_is_stored_under_its_parent(store):
    widget = make(store)
    first = post_msg(widget)
    approve_all(store)
    widget.refresh()
    assert f'data-ek-reply="{first["id"]}"' in widget.thread_html, "an approved comment offers Reply"
    replier = make(store, session="reader-b")
    answer = post_msg(replier, author="Bob", email="bob@example.org", body="I disagree.", parent=first["id"])
    assert answer["ok"], answer
    assert store.get(answer["id"]).parent == first["id"]


@pytest.mark.parametrize("payload", REFUSED, ids=[p.id for p in REFUSED])
def test_refusal_names_the_form_field(store, payload):
    widget = make(store)
    answer = post_msg(widget, **payload.fields())
    labels = {"author": "Name", "email": "Email", "website": "Website", "body": "Comment"}
    assert answer["ok"] is False and answer["field"] == payload.refused, answer
    assert answer["message"].startswith(labels[payload.refused] + ": "), \
        f"the message must name the field as the form labels it: {answer['message']!r}"
    assert len(answer["message"]) < 400, "a 1 MB body must not come back in the message"
    assert store.list() == []


def test_refusal_never_echoes_the_email_into_widget_state(store):
    widget = make(store)
    post_msg(widget, email="not-an-email-secret")
    state = json.dumps(widget.get_state(), default=str)
    assert "not-an-email-secret" not in state, "what readers type is answered, never synced into the thread"


def test_reply_to_a_comment_of_another_essay_is_refused(store):
    other = store.post("other-essay", author="X", email="x@example.org", body="elsewhere")
    store.set_status(other.comment.id, "approved", by="test")
    answer = post_msg(make(store), parent=other.comment.id)
    assert answer["ok"] is False and answer["message"].startswith("Reply: "), answer
    assert len(store.list(ESSAY)) == 0


def test_posting_too_fast_is_refused_with_a_message(store):
    widget = make(store)
    assert post_msg(widget)["ok"]
    answer = post_msg(widget, body="And another thing.")
    assert answer["ok"] is False and answer["field"] == "body"
    assert re.match(r"Comment: you are posting too fast; please wait \d+ seconds?", answer["message"])


def test_honeypot_is_quietly_spam(store):
    widget = make(store)
    answer = post_msg(widget, honeypot="http://spam.example/")
    assert answer["ok"] and answer["notice"] == "Your comment is awaiting moderation.", \
        "a bot must not learn it was caught"
    assert store.get(answer["id"]).status == "spam"


@pytest.mark.parametrize("field,value", [("author", None), ("email", ["a"]), ("body", {"x": 1}), ("website", 5),
                                         ("honeypot", 0), ("parent", 12)])
def test_wrong_types_from_the_browser_are_refused_politely(store, field, value):
    answer = post_msg(make(store), **{field: value})
    assert answer["ok"] is False and answer["message"], answer
    assert store.list() == []


@pytest.mark.parametrize("content", [None, "post", {"event": "approve", "id": "x"}, {"event": 5}, [1, 2],
                                     {"event": "set_status", "status": "approved"},
                                     {"event": "post", "author": "Ada", "email": "ada@example.org", "body": "Hi"}])
def test_unknown_messages_change_nothing(store, content):
    widget = make(store)
    front_end(widget, "custom", content)
    assert widget.sent == [], "only the _post and _more commands act, and only a command is answered"
    assert store.list() == []


@pytest.mark.parametrize("msg", [None, "post", [1, 2], 5])
def test_a_post_command_that_is_not_an_object_is_refused(store, msg):
    answer = invoke(make(store), "_post", msg)
    assert answer["ok"] is False and answer["message"]
    assert store.list() == []


def test_under_essaykit_serve_the_page_posts_through_the_api_and_the_kernel_refuses(store, store_url, monkeypatch):
    """A kernel cannot rotate the reader's session cookie, the comment API can (docs/serve.md): for the
    page's own essay and the server's database the section says so, and a post sent to it is refused."""
    from essaykit.names import ENV_DB, ENV_SERVE, ENV_SLUG

    monkeypatch.setenv(ENV_DB, store_url)
    monkeypatch.setenv(ENV_SERVE, "1")
    monkeypatch.setenv(ENV_SLUG, ESSAY)
    served = make(None, session=None)  # the server's database (ESSAYKIT_DB), the kernel's reader
    assert served.posts_to_api is True
    answer = invoke(served, "_post", {"author": "Ada", "email": "ada@example.org", "body": "Via the kernel."})
    assert answer["ok"] is False and store.list() == [], "not stored under the kernel's session"
    published = store.post(ESSAY, author="Ada", email="ada@example.org", body="Posted through the API.").comment
    store.set_status([published.id], "approved", by="test")
    front_end(served, "custom", {"event": "posted", "id": published.id})
    assert "Posted through the API." in served.thread_html, "the page said it published one: the kernel shows it"
    assert CommentSection("another-essay").posts_to_api is False, "another essay's section posts as before"
    assert make(store).posts_to_api is False, "so does one given its own store or session"
    monkeypatch.delenv(ENV_SERVE)
    assert CommentSection(ESSAY).posts_to_api is False, "and any section outside essaykit serve"


# --- a store that fails --------------------------------------------------------------------------


class LockedStore:
    """A real store whose writes fail the way a stuck database does."""

    def __init__(self, real, error):
        self._real, self._error = real, error

    def __getattr__(self, name):
        return getattr(self._real, name)

    def post(self, *args, **kwargs):
        raise self._error


@pytest.mark.parametrize("error", [StoreError("database is locked"), RuntimeError("driver exploded"),
                                   OSError("disk full")], ids=["store-error", "unexpected", "os-error"])
def test_failing_store_gives_a_friendly_message_and_keeps_nothing_half_done(store, error, caplog):
    widget = make(LockedStore(store, error))
    answer = post_msg(widget)
    assert answer["ok"] is False and answer["message"] == NOT_SAVED, "a failure reads as a friendly note"
    assert answer["field"] is None
    assert "Traceback" not in answer["message"] and "driver" not in answer["message"]
    assert any("could not save a comment" in r.message for r in caplog.records), "the author's log keeps the cause"


def test_unreachable_database_leaves_a_working_widget(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    widget = CommentSection(ESSAY, store=f"sqlite:///{blocker / 'sub' / 'c.sqlite'}", session="s")
    assert widget.available is False and widget.message == UNAVAILABLE
    widget.send = lambda content, buffers=None: None
    assert widget.post(author="A", email="a@example.org", body="hi")["message"] == NOT_SAVED
    assert "Comments are not available" in twin(widget), "an export still gets a sensible twin"


# --- paging and size -------------------------------------------------------------------------------


def seed(store, n, essay=ESSAY):
    store.import_records([{
        "id": f"seed-{i}", "essay": essay, "parent": None, "author": f"Reader {i}", "email": f"r{i}@example.org",
        "website": "", "body": f"comment number {i}", "created": f"2026-01-01T{i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}Z",
        "status": "approved", "kind": "comment", "source_url": "",
    } for i in range(n)])


def test_one_page_at_a_time_with_show_more(loose_store):
    seed(loose_store, 120)
    widget = make(loose_store)
    assert (widget.loaded, widget.total) == (50, 120)
    assert widget.thread_html.count('class="ek-comment"') == 50
    first_view = widget.thread_html
    answer = invoke(widget, "_more", {})
    assert widget.loaded == 100 and answer["ok"]
    assert answer["html"].count('class="ek-comment"') == 50, "the answer carries the next page only"
    assert "comment number 50" in answer["html"] and "comment number 49" not in answer["html"]
    assert widget.thread_html == first_view, "the page appends it; the first view is not sent again"
    answer = invoke(widget, "_more", {})
    assert widget.loaded == 120 and "comment number 119" in answer["html"] and answer["next"] is None
    assert widget.show_more()["html"] == "", "nothing more to show"


def test_a_thousand_comments_are_one_widget_and_one_page(loose_store):
    from ipywidgets.widgets.widget import (
        _instances,  # Widget.widgets, without its deprecation warning
    )

    seed(loose_store, 1000)
    before = set(_instances)
    widget = make(loose_store)
    new = sorted(type(_instances[k]).__name__ for k in set(_instances) - before)
    assert new == ["CommentSection", "Layout"], f"the thread is one view, not a widget per comment: {new}"
    assert widget.total == 1000 and widget.thread_html.count('class="ek-comment"') == 50
    assert len(widget.thread_html) < 150_000, "the first view carries one page of markup"


def test_new_comment_beyond_loaded_pages_is_brought_into_view(loose_store):
    seed(loose_store, 120)
    loose_store.post(ESSAY, author="Ada", email="ada@example.org", body="before", session="reader-a")
    approve_all(loose_store)
    widget = make(loose_store)
    answer = post_msg(widget, body="my new comment")
    assert answer["ok"] and answer["status"] == "approved"
    assert "my new comment" in widget.thread_html, "a reader sees their published comment right away"


# --- the static twin ----------------------------------------------------------------------------------


def test_bundle_has_live_view_and_twin(store):
    data, _ = make(store)._repr_mimebundle_()
    assert WIDGET_VIEW in data and "text/html" in data


def test_twin_is_the_approved_snapshot_without_emails(store):
    store.post(ESSAY, author="Ada", email="ada-private@example.org", body="Published words.")
    approve_all(store)
    store.post(ESSAY, author="Pending Pat", email="pat-private@example.org", body="Not yet.")
    html = twin(make(store, live_url="https://live.example/the-salt-road"))
    assert "Published words." in html and "Not yet." not in html, "only approved comments are in the snapshot"
    assert "private@" not in html, "no emails in the twin"
    assert '<a href="https://live.example/the-salt-road">Join the discussion</a>' in html
    assert "<button" not in html and "<form" not in html and "<input" not in html


def test_twin_reads_live_url_from_the_notebook(store, essay_dir, monkeypatch):
    import json

    path = essay_dir / "the-salt-road.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["metadata"]["essay"]["live_url"] = "https://live.example.org/salt"
    path.write_text(json.dumps(nb), encoding="utf-8")
    monkeypatch.chdir(essay_dir)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    widget = make(store)
    assert widget.live_url == "https://live.example.org/salt", "the essay's live_url metadata"
    assert 'href="https://live.example.org/salt">Join the discussion' in twin(widget)


def test_example_essays_bake_in_no_loopback_address():
    from helpers import NOTEBOOKS

    for path in NOTEBOOKS.glob("*.ipynb"):
        text = path.read_text(encoding="utf-8")
        assert "127.0.0.1" not in text and "localhost" not in text, f"{path.name} names a loopback address"


def test_twin_without_live_url_has_no_join_link(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert "Join the discussion" not in twin(make(store))


def test_refresh_from_a_new_view_reloads_a_stale_thread(store, monkeypatch):
    import essaykit.widgets.comments as module

    widget = make(store)
    store.post(ESSAY, author="Ada", email="ada@example.org", body="Arrived later.")
    approve_all(store)
    front_end(widget, "custom", {"event": "refresh"})
    assert "Arrived later." not in widget.thread_html, "a thread loaded a moment ago is not reloaded"
    monkeypatch.setattr(module, "FRESH_SECONDS", -1)
    front_end(widget, "custom", {"event": "refresh"})
    assert "Arrived later." in widget.thread_html, "a view of an older kernel's widget gets the current thread"


def test_in_a_served_kernel_the_twin_is_only_the_loaded_page(loose_store, monkeypatch):
    seed(loose_store, 120)
    widget = make(loose_store)
    assert twin(widget).count('class="ek-comment"') == 120, "an export gets the whole approved thread"
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.13")
    served = twin(widget)
    assert served.count('class="ek-comment"') == 50, \
        "a live page never shows the twin, so it costs no more than the page already loaded"
    assert "<button" not in served and "r1@example.org" not in served


def test_the_widgets_form_carries_a_load_time_signed_when_a_view_shows_it(store):
    import sqlalchemy as sa

    from essaykit.db.schema import comments

    widget = make(store)
    first = widget.load_token
    assert first and f'value="{first}"' in widget.section_html, "the form is drawn with its load time"
    front_end(widget, "custom", {"event": "refresh"})
    assert widget.load_token != first, "a view of a preheated kernel's widget is timed from when it showed"
    answer = post_msg(widget, ek_loaded=widget.load_token)
    assert answer["ok"] and answer["loaded"] not in (first, ""), "the next comment is timed afresh"
    other = make(store, session="reader-b")  # another reader: the first may not post again so soon
    forged = post_msg(other, body="Another fine review.", ek_loaded=other.load_token[:-4] + "abcd")
    assert forged["ok"], f"a forged load time only times nothing: {forged}"
    with store.reading() as conn:
        timed = dict(conn.execute(sa.select(comments.c.public_id, comments.c.load_seconds)).all())
    assert timed[answer["id"]] is not None and timed[forged["id"]] is None


# --- comments on a passage (issue 24) ------------------------------------------------------------


def test_a_comment_on_a_passage_records_whether_a_spoiler_held_it_as_the_api_does(loose_store, tmp_path, monkeypatch):
    from helpers.notebooks import md_cell, notebook

    nb = notebook([md_cell("Theodore falls for an operating system."),
                   md_cell("Samantha leaves with the other systems.", tags=["spoiler"])],
                  essay={"title": "Her", "slug": ESSAY})
    (tmp_path / "her.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    store, widget = loose_store, make(loose_store)
    for exact in ("falls for an operating system", "leaves with the other systems"):
        answer = post_msg(widget, body=f"On {exact}.", anchor_exact=exact, anchor_suffix=".")
        assert answer["ok"], answer
    kept = {row["body"]: row["anchor"] for row in store.export(ESSAY)}
    assert kept["On falls for an operating system."] == {
        "exact": "falls for an operating system", "prefix": "", "suffix": "."}, "outside a spoiler: no flag"
    assert kept["On leaves with the other systems."]["spoiler"] is True, "the kernel knows the spoiler too"


def test_a_kernel_without_its_notebook_keeps_a_passages_words_unsaid(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no notebook here: where the passage is cannot be known
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    assert post_msg(make(store), anchor_exact="any words at all")["ok"]
    [row] = store.export(ESSAY)
    assert row["anchor"]["exact"] == "any words at all" and row["anchor"]["spoiler"] is True


def test_a_bad_passage_is_refused_at_its_field_with_the_others(store):
    answer = post_msg(make(store), email="not an address", anchor_exact="x" * 20_001)
    assert not answer["ok"] and {p["field"] for p in answer["problems"]} == {"email", "anchor"}, answer
    assert store.export(ESSAY) == [], "nothing half stored"
