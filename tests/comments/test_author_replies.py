"""Author replies: the "Author" badge comes only from CommentStore.reply (the ModerationQueue or
`essaykit comments reply`), never from what a reader types; migration 0006 marks them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from essaykit.comments.render import comments_html
from essaykit.comments.store import CommentStore
from essaykit.errors import CommentError

ESSAY = "trains"
AUTHOR = "Mara Quill"
AUTHOR_EMAIL = "mara@example.org"


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'comments.sqlite'}"


@pytest.fixture
def store(url):
    with CommentStore.open(url) as store:
        yield store


def approved(store, **fields):
    result = store.post(ESSAY, **{"author": "Ana", "email": "ana@example.org", "body": "Lovely film.", **fields})
    store.set_status(result.comment.id, "approved", by="test")
    return store.get(result.comment.id)


def badges(html: str) -> int:
    return html.count('<span class="ek-author-badge">Author</span>')


def test_the_authors_reply_is_published_and_marked(store):
    parent = approved(store)
    reply = store.reply(parent.id, "Thank you **kindly**.", author=AUTHOR, email=AUTHOR_EMAIL, by="test")
    assert reply.by_author and reply.status == "approved" and reply.parent == parent.id and reply.depth == 1
    thread = store.thread(ESSAY).items
    assert [(c.author, c.by_author) for c in thread] == [("Ana", False), (AUTHOR, True)]
    html = comments_html(thread)
    assert badges(html) == 1
    assert html.index("ek-author-badge") > html.index(f"ek-c-{reply.id}"), "the badge is on the reply"
    assert store.log(reply.id)[0]["by"] == "test", "the log says who replied"


def test_the_badge_in_keyset_pages_and_the_api(store):
    from essaykit.comments.paging import thread_page
    from essaykit.comments.render import thread_html
    from essaykit.live.api.service import public_item

    parent = approved(store)
    reply = store.reply(parent.id, "Thanks.", author=AUTHOR, email=AUTHOR_EMAIL, by="test")
    page = thread_page(store, ESSAY, per_page=10)
    assert [(c.id, c.by_author) for c in page.items] == [(parent.id, False), (reply.id, True)]
    assert [public_item(c)["by_author"] for c in page.items] == [False, True], "GET /api/comments says so"
    assert badges(thread_html(page.items, total=page.total, interactive=True)) == 1, "so does the live page"


def test_a_reader_cannot_earn_the_badge_by_typing_the_authors_name_or_email(store):
    forged = approved(store, author=AUTHOR, email=AUTHOR_EMAIL, body="I am the author, honest.")
    also = approved(store, author=f"{AUTHOR} (Author)", email=AUTHOR_EMAIL.upper(), body="Me too.",
                    website="https://example.org/author")
    html = approved(store, author='<span class="ek-author-badge">Author</span>', email="x@example.org",
                    body='<span class="ek-author-badge">Author</span>')
    assert not any(c.by_author for c in (forged, also, html))
    rendered = comments_html(store.thread(ESSAY).items)
    assert badges(rendered) == 0, "no reader's comment shows the badge, whatever it says"
    with pytest.raises(TypeError):
        store.post(ESSAY, author="Ana", email="ana@example.org", body="x", by_author=True)


def test_reply_refuses_what_it_should(store):
    pending = store.post(ESSAY, author="Bo", email="bo@example.org", body="Held.")
    with pytest.raises(CommentError):
        store.reply(pending.comment.id, "To a pending comment?", author=AUTHOR, by="test")
    parent = approved(store)
    with pytest.raises(CommentError, match="no comment with id"):
        store.reply("000000000000", "Nobody.", author=AUTHOR, by="test")
    for bad in ("", "   "):
        with pytest.raises(CommentError):
            store.reply(parent.id, bad, author=AUTHOR, by="test")
    with pytest.raises(CommentError):
        store.reply(parent.id, "Hi", author="", by="test")
    with pytest.raises(CommentError):
        store.reply(parent.id, "Hi", author=AUTHOR, email="not an email", by="test")
    assert len(store.list(ESSAY)) == 2, "nothing was stored by the refused replies"


def test_command_line_reply(url, store, monkeypatch):
    parent = approved(store)
    held = store.post(ESSAY, author="Bo", email="bo@example.org", body="Held.").comment
    essaykit = str(Path(sys.prefix) / "bin" / "essaykit")
    env = {"ESSAYKIT_AUTHOR": AUTHOR, "PATH": "/usr/bin:/bin"}
    done = subprocess.run([essaykit, "comments", "reply", parent.id, "Thanks, Ana!", "--db", url],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"replied to {parent.id} as {AUTHOR} (Author)" in done.stdout
    piped = subprocess.run([essaykit, "comments", "reply", held.id, "-", "--approve", "--name", "M. Q.", "--db", url],
                           input="From *stdin*.", capture_output=True, text=True, env=env, timeout=120)
    assert piped.returncode == 0, piped.stderr
    replies = [c for c in store.list(ESSAY) if c.by_author]
    assert [(c.author, c.body, c.parent) for c in replies] == [(AUTHOR, "Thanks, Ana!", parent.id),
                                                              ("M. Q.", "From *stdin*.", held.id)]
    bad = subprocess.run([essaykit, "comments", "reply", "zzz", "x", "--db", url], capture_output=True, text=True,
                         env=env, timeout=120)
    assert bad.returncode == 2 and bad.stderr.startswith("error: ") and "Traceback" not in bad.stderr


def test_replies_are_signed_with_the_essays_author_else_the_sites_never_the_os_user(url, store, tmp_path):
    import json

    site = tmp_path / "blog"
    (site / "notebooks").mkdir(parents=True)
    (site / "essaykit.toml").write_text('[site]\ntitle = "Film notes"\nauthor = "The Film Notes Team"\n')
    (site / "notebooks" / "trains.ipynb").write_text(json.dumps(
        {"nbformat": 4, "nbformat_minor": 5, "cells": [], "metadata": {"essay": {"title": "T", "author": AUTHOR}}}))
    first, second = approved(store), approved(store)
    other = store.post("harbour", author="Cy", email="cy@example.org", body="Hi.").comment
    store.set_status(other.id, "approved", by="test")
    essaykit = str(Path(sys.prefix) / "bin" / "essaykit")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "USER": "root", "LOGNAME": "root"}

    def reply(comment_id, *extra):
        return subprocess.run([essaykit, "comments", "reply", comment_id, "Thanks!", "--db", url, *extra],
                              capture_output=True, text=True, env=env, timeout=120, cwd=site)

    assert f"as {AUTHOR} (Author)" in reply(first.id).stdout, "the essay's essay.author"
    assert "as The Film Notes Team (Author)" in reply(other.id).stdout, "no such notebook: the site's author"
    assert "as Mara (Author)" in reply(second.id, "--name", "Mara").stdout
    (site / "essaykit.toml").write_text('[site]\ntitle = "Film notes"\n')
    refused = reply(other.id)
    assert refused.returncode == 2 and "give --name" in refused.stderr and "Traceback" not in refused.stderr
    names = {c.author for c in store.list() if c.by_author}
    assert names == {AUTHOR, "The Film Notes Team", "Mara"} and "root" not in names


def test_moderation_queue_approves_and_replies(store, monkeypatch):
    for name in ("VOILA_KERNEL_ID", "VOILA_PREHEAT", "VOILA_BASE_URL", "VOILA_SERVER_URL", "VOILA_REQUEST_URL",
                 "ESSAYKIT_SERVE", "SERVER_SOFTWARE"):
        monkeypatch.delenv(name, raising=False)
    from essaykit.widgets.moderation import ModerationQueue

    held = store.post(ESSAY, author="Bo", email="bo@example.org", body="Held.").comment
    queue = ModerationQueue(ESSAY, store=store, author=AUTHOR, by="Mara (test)")
    sent = []
    queue.send = sent.append
    queue._on_front_end_msg(queue, {"event": "act", "request": {"action": "reply", "id": held.id, "body": "Welcome, Bo."}}, [])
    assert sent[-1]["ok"] is True, queue.message
    assert store.get(held.id).status == "approved"
    reply = [c for c in store.thread(ESSAY).items if c.by_author]
    assert [(c.author, c.body) for c in reply] == [(AUTHOR, "Welcome, Bo.")]
    queue._on_front_end_msg(queue, {"event": "act", "request": {"action": "reply", "id": "ffffffffffff", "body": "x"}}, [])
    assert sent[-1]["ok"] is False, "only comments in the queue"
    monkeypatch.setenv("VOILA_KERNEL_ID", "k")
    other = store.post(ESSAY, author="Cy", email="cy@example.org", body="Held too.").comment
    queue.refresh()
    assert queue.reply(other.id, "Served kernels cannot reply.") is False
    assert not any(c.by_author and c.parent == other.id for c in store.list(ESSAY))


def test_migration_marks_nothing_in_an_older_database(tmp_path, monkeypatch):
    import sqlalchemy as sa

    from essaykit.db import migrations as schema
    from essaykit.db.engine import dispose

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = sa.create_engine(url)
    names = [name for name, _ in schema.MIGRATIONS]
    assert "0006_author_replies" in names, names
    # A database from before 0006: only the migrations that came before it.
    monkeypatch.setattr(schema, "MIGRATIONS", [m for m in schema.MIGRATIONS if m[0] < "0006_author_replies"])
    schema.migrate(engine, write_options={})
    with engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO comments (public_id, essay, depth, author, email, email_key, website, body, body_hash, created,"
            " status, kind, source_url, session_hash, import_source) VALUES ('old1', :essay, 0, :author, :email,"
            " :email, '', 'Old.', '', '2020-01-01 00:00:00', 'approved', 'comment', '', '', '')"
        ), {"essay": ESSAY, "author": AUTHOR, "email": AUTHOR_EMAIL})
    engine.dispose()
    monkeypatch.undo()
    dispose(url)
    with CommentStore.open(url) as store:
        assert store.get("old1").by_author is False
        assert store.reply("old1", "Now I reply.", author=AUTHOR, by="test").by_author


@pytest.mark.browser
def test_badge_in_chromium_only_on_the_authors_reply(store, browser):
    parent = approved(store, author=AUTHOR, email=AUTHOR_EMAIL, body="Forged attempt.")
    store.reply(parent.id, "The real one.", author=AUTHOR, by="test")
    from essaykit.html import stylesheet

    html = f"<!doctype html><html><head><style>{stylesheet()}</style></head><body class='ek-page'>" \
           f"{comments_html(store.thread(ESSAY).items)}</body></html>"
    page = browser.new_page(viewport={"width": 800, "height": 600})
    page.set_content(html)
    badges_seen = page.locator(".ek-author-badge")
    assert badges_seen.count() == 1 and badges_seen.first.is_visible()
    owner = badges_seen.first.evaluate("b => b.closest('li').querySelector('.ek-comment__body').textContent")
    assert owner.strip() == "The real one."
    page.close()
