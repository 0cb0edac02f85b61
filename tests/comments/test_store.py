"""The comment store, run against SQLite and a real PostgreSQL (the ``db_url`` fixture)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from essaykit.comments.moderation import Rules
from essaykit.comments.store import CommentStore
from essaykit.errors import AlreadyRated, CommentError, StoreError

ESSAY = "the-salt-road"
T0 = datetime(2026, 11, 20, 18, 0, 0, tzinfo=timezone.utc)


@pytest.fixture
def store_url(db_url):
    return db_url


class Clock:
    """Hands out times 20 s apart, so flood control never trips unless a test wants it to."""

    def __init__(self):
        self.now = T0

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=20)
        return self.now


@pytest.fixture
def clock():
    return Clock()


def post(store, clock, body="A fine essay.", *, author="Ada", email="ada@example.org", essay=ESSAY, **kw):
    return store.post(essay, author=author, email=email, body=body, session=kw.pop("session", f"s-{body}"),
                      now=kw.pop("now", None) or clock(), **kw)


def approved(store, clock, body="A fine essay.", **kw):
    result = post(store, clock, body, **kw)
    store.set_status([result.comment.id], "approved", by="test")
    return result.comment


# --- opening -------------------------------------------------------------------------


def test_open_records_every_migration_by_name(db_url):
    import sqlalchemy as sa

    from essaykit.db.migrations import MIGRATIONS

    with CommentStore.open(db_url):
        pass
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as conn:
            names = conn.execute(sa.text("SELECT name FROM schema_migrations ORDER BY name")).scalars().all()
    finally:
        engine.dispose()
    assert names == [name for name, _ in MIGRATIONS]


def test_reopening_runs_no_migration_twice(db_url):
    from essaykit.db import migrations as schema
    from essaykit.db.engine import get_engine, resolve_url

    with CommentStore.open(db_url):
        pass
    engine = get_engine(resolve_url(db_url))
    assert schema.migrate(engine, write_options={"essaykit_write": True}) == []


def test_a_database_from_a_newer_essaykit_is_refused_clearly(db_url):
    import sqlalchemy as sa

    from essaykit.db.engine import dispose

    with CommentStore.open(db_url):
        pass
    engine = sa.create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO schema_migrations (name, applied_at) VALUES ('9999_future', '2030-01-01')"))
    engine.dispose()
    dispose(db_url)  # also forgets that this process migrated the database
    with pytest.raises(StoreError, match="newer essaykit"):
        CommentStore.open(db_url)


def test_a_store_is_unusable_after_close(db_url):
    s = CommentStore.open(db_url)
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.list()


# --- posting and moderation outcome --------------------------------------------------


def test_a_first_comment_waits_for_moderation(store, clock):
    result = post(store, clock)
    assert result.status == "pending"
    assert result.notice == "Your comment is awaiting moderation."
    assert store.thread(ESSAY).items == []
    assert [c.id for c in store.pending(ESSAY)] == [result.comment.id]


def test_a_browser_that_proves_a_known_email_is_approved_at_once(store, clock):
    approved(store, clock, "first", session="ada-browser")
    same_session = post(store, clock, "second", email="ADA@example.org", session="ada-browser")
    assert same_session.status == "approved", "the session that wrote the approved comment proves the address"
    token = post(store, clock, "third", email=" Ada@Example.org", session="ada-laptop", proven_email="ada@example.org")
    assert token.status == "approved", "a token for the normalised address proves any variant of it"
    assert token.public_status == "approved"


def test_a_known_email_alone_proves_nothing(store, clock):
    approved(store, clock, "first", session="ada-browser")
    for n, email in enumerate(["ada@example.org", "ADA@EXAMPLE.org", " ada@example.org."[:-1]]):
        result = post(store, clock, f"impostor {n}", email=email, session=f"impostor-{n}")
        assert result.status == "pending", f"{email!r} typed by another browser must be held"
        assert "without proof" in result.reason, "the author sees that it claims a known address"
    other = post(store, clock, "wrong token", session="x", proven_email="someone.else@example.org")
    assert other.status == "pending", "a token for another address proves nothing about this one"


def test_created_is_aware_utc_and_round_trips(store, clock):
    moment = datetime(2026, 11, 20, 19, 4, 5, tzinfo=timezone(timedelta(hours=1)))
    result = post(store, clock, now=moment)
    stored = store.get(result.comment.id)
    assert stored.created == moment and stored.created.tzinfo == timezone.utc


def test_a_duplicate_from_the_same_session_is_refused_with_a_message(store, clock):
    post(store, clock, "Same words.", session="mine")
    with pytest.raises(CommentError, match="already posted") as info:
        post(store, clock, "Same words.", session="mine", email=" ADA@example.org")
    assert info.value.field == "body"
    assert post(store, clock, "Same words.", session="mine", email="other@example.org").status == "pending", \
        "the same words under another name and email are another comment"


def test_a_duplicate_from_another_browser_is_held_like_any_post(store, clock):
    first = post(store, clock, "Same words.", session="mine")
    again = post(store, clock, "Same words.", session="another")
    assert (again.status, again.public_status, again.notice) == ("spam", "pending", first.notice)
    assert again.comment.id != first.comment.id


def test_flood_control_uses_the_reader_session(store):
    store.post(ESSAY, author="Ada", email="ada@example.org", body="one", session="s1", now=T0)
    with pytest.raises(CommentError, match=r"wait 5 seconds"):
        store.post(ESSAY, author="Ada", email="ada@example.org", body="two", session="s1",
                   now=T0 + timedelta(seconds=10))
    result = store.post(ESSAY, author="Ada", email="ada@example.org", body="two", session="s1",
                        now=T0 + timedelta(seconds=15))
    assert result.status == "pending"


def test_flood_control_uses_the_client_address_whatever_the_session(store):
    store.post(ESSAY, author="R", email="r0@example.org", body="c0", session="s0", client="203.0.113.7", now=T0)
    with pytest.raises(CommentError, match="wait 5 seconds"):
        store.post(ESSAY, author="R", email="r1@example.org", body="c1", session="s1", client="203.0.113.7",
                   now=T0 + timedelta(seconds=10))
    store.post(ESSAY, author="R", email="r1@example.org", body="c1", session="s1", client="203.0.113.8",
               now=T0 + timedelta(seconds=10))


def test_an_essay_never_locks_out_a_new_address(store):
    for n in range(12):
        store.post(ESSAY, author="R", email=f"r{n}@example.org", body=f"c{n}", session=f"s{n}",
                   client=f"2001:db8:{n}::1", now=T0 + timedelta(seconds=n))
    result = store.post(ESSAY, author="R", email="r99@example.org", body="c99", session="s99", client="192.0.2.99",
                        now=T0 + timedelta(seconds=20))
    assert result.status == "pending"


def test_permissive_rules_switch_flood_control_off(store):
    store.rules = Rules.permissive()
    for n in range(8):
        store.post(ESSAY, author="R", email="r@example.org", body=f"c{n}", session="same", now=T0)
    assert len(store.list(ESSAY)) == 8


def test_the_honeypot_marks_spam_without_telling_the_bot(store, clock):
    result = post(store, clock, honeypot="http://spam.example")
    assert result.status == "spam"
    assert result.notice == "Your comment is awaiting moderation.", "a bot must not learn it was caught"
    assert result.public_status == "pending"


def test_block_words_mark_spam_and_hold_words_hold(store, clock):
    store.rules = Rules(hold_words=("refund",), min_interval=0)
    approved(store, clock, "I am known here.", session="known")
    assert post(store, clock, "cheap VIAGRA here", session="known").status == "spam"
    held = post(store, clock, "I want a refund.", session="known")
    assert (held.status, held.reason) == ("pending", "hold-list word 'refund'")


def test_every_decision_and_change_is_logged(store, clock):
    comment = post(store, clock).comment
    store.set_status([comment.id], "approved", by="alice", reason="fine")
    store.set_status([comment.id], "deleted", by="bob", reason="on second thought")
    log = store.log(comment.id)
    assert [(e["old"], e["new"], e["by"], e["reason"]) for e in log] == [
        (None, "pending", "rules", "first comment from this email"),
        ("pending", "approved", "alice", "fine"),
        ("approved", "deleted", "bob", "on second thought"),
    ]
    assert all(e["at"].tzinfo == timezone.utc for e in log)


def test_set_status_counts_only_real_changes(store, clock):
    a = post(store, clock, "a").comment
    b = post(store, clock, "b").comment
    assert store.set_status([a.id, b.id], "approved", by="t") == 2
    assert store.set_status([a.id, b.id], "approved", by="t") == 0


def test_set_status_is_all_or_nothing(store, clock):
    a = post(store, clock, "a").comment
    with pytest.raises(CommentError, match="no comment with id 'nope'"):
        store.set_status([a.id, "nope"], "approved", by="t")
    assert store.get(a.id).status == "pending"


@pytest.mark.parametrize("status", ["published", "", None, "APPROVED"])
def test_set_status_refuses_an_unknown_status(store, clock, status):
    a = post(store, clock).comment
    with pytest.raises(CommentError, match="status"):
        store.set_status([a.id], status, by="t")


# --- threads ----------------------------------------------------------------------------


def test_thread_shows_replies_under_their_parents_oldest_first(store, clock):
    first = approved(store, clock, "first")
    second = approved(store, clock, "second")
    reply = approved(store, clock, "reply to first", parent=first.id)
    nested = approved(store, clock, "reply to reply", parent=reply.id)
    later = approved(store, clock, "second reply to first", parent=first.id)
    page = store.thread(ESSAY)
    assert [(c.body, c.depth) for c in page.items] == [
        ("first", 0), ("reply to first", 1), ("reply to reply", 2), ("second reply to first", 1), ("second", 0),
    ]
    assert [c.parent for c in page.items] == [None, first.id, reply.id, first.id, None]
    assert page.total == 5 and page.pages == 1
    assert {nested.id, later.id, second.id} <= {c.id for c in page.items}


def test_a_deleted_comment_with_replies_stays_as_a_tombstone(store, clock):
    parent = approved(store, clock, "rude words", website="https://rude.example")
    approved(store, clock, "a kind reply", parent=parent.id, email="bo@example.org", author="Bo")
    store.set_status([parent.id], "deleted", by="t")
    items = store.thread(ESSAY).items
    assert [(c.body, c.depth) for c in items] == [("[deleted]", 0), ("a kind reply", 1)]
    tomb = items[0]
    assert tomb.is_tombstone and tomb.status == "deleted"
    assert (tomb.author, tomb.email, tomb.website, tomb.avatar) == ("", "", "", "")
    assert "rude" not in str(tomb.public_dict())


def test_a_deleted_comment_without_replies_disappears(store, clock):
    lonely = approved(store, clock, "gone")
    store.set_status([lonely.id], "deleted", by="t")
    assert store.thread(ESSAY).items == []


def test_a_spam_reply_does_not_keep_a_deleted_parent(store, clock):
    parent = approved(store, clock, "parent")
    reply = approved(store, clock, "reply", parent=parent.id)
    store.set_status([reply.id], "spam", by="t")
    store.set_status([parent.id], "deleted", by="t")
    assert store.thread(ESSAY).items == []


def test_thread_pages_in_display_order(store, clock):
    store.rules = Rules.permissive()
    roots = [approved(store, clock, f"root {n}") for n in range(3)]
    for n in range(3):
        approved(store, clock, f"reply {n}", parent=roots[0].id)
    p1, p2, p3 = (store.thread(ESSAY, page=n, per_page=2) for n in (1, 2, 3))
    assert [c.body for c in p1.items + p2.items + p3.items] == [
        "root 0", "reply 0", "reply 1", "reply 2", "root 1", "root 2"]
    assert (p1.total, p1.pages) == (6, 3)
    assert store.thread(ESSAY, page=4, per_page=2).items == []


@pytest.mark.parametrize("kwargs", [{"page": 0}, {"per_page": 0}, {"per_page": 100_000}, {"page": "1"}])
def test_thread_refuses_bad_paging(store, kwargs):
    with pytest.raises(ValueError):
        store.thread(ESSAY, **kwargs)


def test_replies_nest_at_most_max_depth_levels(store, clock):
    parent = approved(store, clock, "level 0")
    for level in range(1, 4):
        parent = approved(store, clock, f"level {level}", parent=parent.id)
    with pytest.raises(CommentError, match="at most 4 levels") as info:
        post(store, clock, "level 4", parent=parent.id)
    assert info.value.field == "parent"


def test_max_depth_is_configurable(store, clock):
    store.rules = Rules(max_depth=2)
    top = approved(store, clock, "top")
    reply = approved(store, clock, "reply", parent=top.id)
    with pytest.raises(CommentError, match="at most 2 levels"):
        post(store, clock, "too deep", parent=reply.id)


def test_a_reply_to_a_pending_comment_is_refused(store, clock):
    parent = post(store, clock, "not yet approved").comment
    with pytest.raises(CommentError, match="not published") as info:
        post(store, clock, "reply", parent=parent.id)
    assert info.value.field == "parent"


def test_a_parent_on_another_essay_is_refused(store, clock):
    elsewhere = approved(store, clock, "elsewhere", essay="another-essay")
    with pytest.raises(CommentError, match="not on this essay") as info:
        post(store, clock, "reply", parent=elsewhere.id)
    assert info.value.field == "parent"


def test_a_missing_parent_is_refused(store, clock):
    with pytest.raises(CommentError, match="not on this essay") as info:
        post(store, clock, "reply", parent="doesnotexist")
    assert info.value.field == "parent"


# --- mentions ---------------------------------------------------------------------------------


def test_pingbacks_are_listed_apart_as_mentions(store, clock):
    comment = approved(store, clock, "a comment")
    ping = store.post(ESSAY, author="", email="", body="Someone linked here", kind="pingback",
                      source_url="https://blog.example/post", now=clock())
    assert ping.status == "pending", "pingbacks go through moderation"
    store.set_status([ping.comment.id], "approved", by="t")
    assert [c.id for c in store.thread(ESSAY).items] == [comment.id]
    mentions = store.mentions(ESSAY)
    assert [(m.kind, m.source_url, m.author) for m in mentions] == [
        ("pingback", "https://blog.example/post", "blog.example")]


def test_a_second_pingback_from_the_same_page_is_refused(store, clock):
    kw = dict(author="Blog", email="", body="linked", kind="webmention", source_url="https://blog.example/p")
    store.post(ESSAY, now=clock(), **kw)
    with pytest.raises(CommentError, match="already has a webmention") as info:
        store.post(ESSAY, now=clock(), **kw)
    assert info.value.field == "source_url"


def test_a_pingback_needs_an_http_source(store, clock):
    with pytest.raises(CommentError) as info:
        store.post(ESSAY, author="x", email="", body="b", kind="pingback", source_url="javascript:alert(1)",
                   now=clock())
    assert info.value.field == "source_url"


# --- what readers may see ------------------------------------------------------------------------


def test_public_dict_never_carries_the_email(store, clock):
    comment = approved(store, clock, email="secret.person@example.org")
    shown = store.thread(ESSAY).items[0].public_dict()
    assert "email" not in shown
    assert "secret.person" not in repr(shown), "the email must not leak through any other key"
    assert "secret.person" not in repr(store.thread(ESSAY).items[0]), "repr is printed in notebooks and logs"
    assert shown["avatar"] == comment.avatar and len(shown["avatar"]) == 32


def test_avatars_are_salted_per_database(db_url, tmp_path):
    import hashlib

    with CommentStore.open(db_url) as a, CommentStore.open(f"sqlite:///{tmp_path / 'other.sqlite'}") as b:
        first, second = a.avatar_hash("ada@example.org"), b.avatar_hash("ada@example.org")
    assert first != second
    assert first not in (hashlib.sha256(b"ada@example.org").hexdigest()[:32],
                         hashlib.md5(b"ada@example.org").hexdigest())


def test_body_html_renders_through_the_comment_profile(store, clock):
    comment = approved(store, clock, "Some *emphasis* and [a link](https://example.org)")
    html = store.thread(ESSAY).items[0].body_html
    assert "<em>emphasis</em>" in html
    assert 'rel="nofollow ugc noopener"' in html, "reader links must not pass page rank or the opener"
    assert comment.body_html == html


# --- export and import -----------------------------------------------------------------------------


def test_export_is_the_documented_format_with_emails(store, clock):
    parent = approved(store, clock, "parent", website="https://ada.example")
    post(store, clock, "pending reply", email="bo@example.org", parent=parent.id)
    records = store.export()
    assert [sorted(r) for r in records] == [sorted(
        ["id", "essay", "parent", "author", "email", "website", "body", "created", "status", "kind", "source_url",
         "by_author", "spam_score"]
    )] * 2
    assert records[0]["email"] == "ada@example.org" and records[1]["parent"] == parent.id
    assert records[0]["created"].endswith("Z")


def test_export_can_be_limited_to_one_essay(store, clock):
    post(store, clock, "here")
    post(store, clock, "there", essay="another-essay")
    assert [r["body"] for r in store.export(essay="another-essay")] == ["there"]


def test_export_then_import_elsewhere_reproduces_everything(store, clock, tmp_path):
    parent = approved(store, clock, "parent")
    reply = approved(store, clock, "reply", parent=parent.id)
    store.set_status([parent.id], "deleted", by="t")
    post(store, clock, "spammy", email="x@example.org")
    records = store.export()
    with CommentStore.open(f"sqlite:///{tmp_path / 'copy.sqlite'}") as copy:
        report = copy.import_records(records)
        assert (report.added, report.unchanged, report.errors) == (3, 0, [])
        assert copy.export() == records
        assert [c.body for c in copy.thread(ESSAY).items] == ["[deleted]", "reply"]
        assert copy.get(reply.id).parent == parent.id


def test_reimport_changes_nothing(store, clock):
    approved(store, clock, "one")
    records = store.export()
    before = store.export()
    report = store.import_records(records)
    assert (report.added, report.unchanged, report.failed) == (0, 1, False)
    assert store.export() == before


def test_import_never_resurrects_a_deleted_comment(store, clock):
    comment = approved(store, clock, "regrettable")
    old_backup = store.export()
    store.set_status([comment.id], "deleted", by="t")
    report = store.import_records(old_backup)
    assert report.unchanged == 1
    assert store.get(comment.id).status == "deleted"


def test_import_takes_replies_before_their_parents(store):
    records = [
        {"id": "r1", "essay": ESSAY, "parent": "p1", "author": "B", "email": "", "website": "", "body": "reply",
         "created": "2026-01-01T00:00:02Z", "status": "approved", "kind": "comment", "source_url": ""},
        {"id": "p1", "essay": ESSAY, "parent": None, "author": "A", "email": "", "website": "", "body": "parent",
         "created": "2026-01-01T00:00:01Z", "status": "approved", "kind": "comment", "source_url": ""},
    ]
    report = store.import_records(records, source="test")
    assert (report.added, report.errors) == (2, [])
    assert [(c.id, c.depth) for c in store.thread(ESSAY).items] == [("p1", 0), ("r1", 1)]


def test_import_reports_bad_records_and_keeps_the_good(store):
    good = {"id": "ok1", "essay": ESSAY, "author": "A", "body": "fine", "created": "2026-01-01T00:00:00Z"}
    bad = {"id": "bad1", "essay": ESSAY, "author": "A", "body": "x", "created": "2026-01-01T00:00:00Z",
           "website": "javascript:alert(1)"}
    report = store.import_records([bad, good])
    assert report.added == 1
    assert [(p.index, p.field) for p in report.errors] == [(0, "website")]
    assert str(report.errors[0]).startswith("record 0, field 'website':")
    assert [c.id for c in store.list()] == ["ok1"]


def test_import_refuses_an_id_stored_for_another_essay(store):
    base = {"author": "A", "body": "b", "created": "2026-01-01T00:00:00Z"}
    store.import_records([{"id": "same", "essay": ESSAY, **base}])
    report = store.import_records([{"id": "same", "essay": "another-essay", **base}])
    assert [(p.index, p.field) for p in report.errors] == [(0, "essay")]


def test_import_refuses_a_repeated_id_within_one_file(store):
    rec = {"id": "twice", "essay": ESSAY, "author": "A", "body": "b", "created": "2026-01-01T00:00:00Z"}
    report = store.import_records([rec, dict(rec, body="other")])
    assert report.added == 1 and [(p.index, p.field) for p in report.errors] == [(1, "id")]


def test_import_is_logged_with_its_source(store):
    store.import_records([{"id": "w-1", "essay": ESSAY, "author": "A", "body": "b",
                           "created": "2026-01-01T00:00:00Z", "status": "approved"}], source="wxr")
    assert [(e["new"], e["by"]) for e in store.log("w-1")] == [("approved", "import:wxr")]


def test_import_refuses_something_that_is_not_a_list(store):
    with pytest.raises(CommentError, match="list"):
        store.import_records({"id": "x"})


# --- ratings ----------------------------------------------------------------------------------------


def test_ratings_average_and_count(store):
    assert (store.rating_summary(ESSAY).average, store.rating_summary(ESSAY).count) == (None, 0)
    store.add_rating(ESSAY, "s1", 4)
    summary = store.add_rating(ESSAY, "s2", 5)
    assert (summary.average, summary.count) == (4.5, 2)


def test_a_reader_rates_an_essay_once(store):
    store.add_rating(ESSAY, "s1", 4)
    with pytest.raises(CommentError, match="already") as info:
        store.add_rating(ESSAY, "s1", 2)
    assert info.value.field == "rating"
    assert isinstance(info.value, AlreadyRated), "callers tell a second rating apart by its type, not its text"
    assert store.rating_summary(ESSAY).count == 1
    store.add_rating("another-essay", "s1", 2)


def test_one_rating_per_address_whatever_the_session(store):
    store.add_rating(ESSAY, "s1", 5, client="198.51.100.4")
    with pytest.raises(AlreadyRated, match="from your address"):
        store.add_rating(ESSAY, "s2", 5, client="198.51.100.4")
    store.add_rating(ESSAY, "s3", 5, client="2001:db8:1:2::1")
    with pytest.raises(AlreadyRated):
        store.add_rating(ESSAY, "s4", 5, client="2001:db8:1:2:ffff::9")  # the same /64
    store.add_rating(ESSAY, "s5", 1, client="198.51.100.5")
    assert store.rating_summary(ESSAY).count == 3
    listed = store.ratings(ESSAY)
    assert [r["network"] for r in listed] == ["198.51.100.0/24", "2001:db8:1::/48", "198.51.100.0/24"]
    assert store.delete_ratings(essay=ESSAY, address="198.51.100.4") == 1
    assert store.delete_ratings(essay=ESSAY, session=listed[1]["session"]) == 1
    assert [r["value"] for r in store.ratings(ESSAY)] == [1]


@pytest.mark.parametrize("value", [0, 6, 3.5, "4", True, None, -1])
def test_a_rating_outside_the_scale_is_refused(store, value):
    with pytest.raises(CommentError, match="whole number"):
        store.add_rating(ESSAY, "s1", value)


def test_fingerprint_changes_with_comments_moderation_and_ratings(store, clock):
    seen = {store.fingerprint(ESSAY)}
    comment = post(store, clock).comment
    seen.add(store.fingerprint(ESSAY))
    store.set_status([comment.id], "approved", by="t")
    seen.add(store.fingerprint(ESSAY))
    store.add_rating(ESSAY, "s", 3)
    seen.add(store.fingerprint(ESSAY))
    assert len(seen) == 4
    assert store.fingerprint(ESSAY) == store.fingerprint(ESSAY)


def test_simultaneous_duplicates_store_exactly_one(db_url):
    """A double click from two tabs at once: the duplicate check must see the other insert."""
    import threading

    barrier = threading.Barrier(6)
    outcomes: list[str] = []

    def post_once() -> None:
        with CommentStore.open(db_url, rules=Rules.permissive()) as s:
            barrier.wait(timeout=60)
            try:
                s.post(ESSAY, author="Ada", email="ada@example.org", body="Same words at once.", session="tabs")
                outcomes.append("stored")
            except CommentError as exc:
                outcomes.append(str(exc))

    threads = [threading.Thread(target=post_once) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert outcomes.count("stored") == 1, outcomes
    assert all("already posted" in o for o in outcomes if o != "stored")


def test_import_refuses_replies_to_mentions(store):
    ping = {"id": "p1", "essay": ESSAY, "author": "", "body": "linked", "created": "2026-01-01T00:00:00Z",
            "kind": "pingback", "source_url": "https://blog.example/p", "status": "approved"}
    reply = {"id": "r1", "essay": ESSAY, "parent": "p1", "author": "A", "body": "re", "created": "2026-01-01T00:00:01Z",
             "status": "approved"}
    report = store.import_records([ping, reply])
    assert report.added == 1 and [(p.index, p.field) for p in report.errors] == [(1, "parent")]


def test_thread_total_counts_tombstones_and_every_page(store, clock):
    store.rules = Rules.permissive()
    gone = approved(store, clock, "to be deleted")
    approved(store, clock, "kept reply", parent=gone.id)
    approved(store, clock, "another")
    store.set_status([gone.id], "deleted", by="t")
    pages = [store.thread(ESSAY, page=n, per_page=1) for n in (1, 2, 3)]
    assert [p.total for p in pages] == [3, 3, 3]
    assert [p.items[0].body for p in pages] == ["[deleted]", "kept reply", "another"]


def test_migration_0004_backfills_body_hashes_of_older_databases(db_url, monkeypatch):
    """A database made before 0004 keeps working: old comments still count as duplicates."""
    import sqlalchemy as sa

    from essaykit.db import migrations as schema
    from essaykit.db.engine import dispose

    engine = sa.create_engine(db_url)
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:3])
    assert schema.migrate(engine, write_options={}) == [name for name, _ in schema.MIGRATIONS]
    with engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO comments (public_id, essay, depth, author, email, email_key, website, body, created, status,"
            " kind, source_url, session_hash, import_source) VALUES ('old1', :essay, 0, 'Ada', 'ada@example.org',"
            " 'ada@example.org', '', 'Written long ago.', '2020-01-01 00:00:00', 'approved', 'comment', '', '', '')"
        ), {"essay": ESSAY})
    engine.dispose()
    monkeypatch.undo()
    dispose(db_url)  # also forgets that this process migrated the database
    with CommentStore.open(db_url) as s:
        again = s.post(ESSAY, author="Ada", email="ada@example.org", body="Written long ago.", now=T0, session="x")
        assert (again.status, again.reason.split(" ")[0]) == ("spam", "duplicate")
        assert s.get("old1").body == "Written long ago."
        with s._engine.connect() as conn:
            names = conn.execute(sa.text("SELECT name FROM schema_migrations ORDER BY name")).scalars().all()
    assert "0004_add_body_hash" in names and names[-1] == schema.MIGRATIONS[-1][0], "every later migration runs too"


@pytest.mark.parametrize("slug", ["the-salt-road\n", "a/b", "Upper", ""])
def test_comments_use_the_essay_slug_rule(store, slug):
    """The store checks slugs with the essay model's rule; a trailing newline is no slug."""
    with pytest.raises(CommentError, match="essay slug"):
        store.post(slug, author="Ada", email="ada@example.org", body="Hello.")


def test_migration_0008_keeps_older_ratings_and_normalises_email_keys(db_url, monkeypatch):
    """A database from before 0008 gains the sender columns; its ratings still count once per session,
    and its email keys are recomputed the way moderation compares addresses now."""
    import sqlalchemy as sa

    from essaykit.db import migrations as schema
    from essaykit.db.engine import dispose

    engine = sa.create_engine(db_url)
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:7])
    schema.migrate(engine, write_options={})
    with engine.begin() as conn:
        salt = conn.execute(sa.text("SELECT value FROM settings WHERE key = 'hash_salt'")).scalar_one()
        conn.execute(sa.text(
            "INSERT INTO comments (public_id, essay, depth, author, email, email_key, website, body, created, status,"
            " kind, source_url, session_hash, import_source, body_hash, by_author, title) VALUES ('old1', :essay, 0,"
            " 'Ada', 'Stra\u00dfe@example.org', 'stra\u00dfe@example.org', '', 'Old words.', '2020-01-01 00:00:00',"
            " 'approved', 'comment', '', '', '', '', FALSE, '')"), {"essay": ESSAY})
    engine.dispose()
    monkeypatch.undo()
    dispose(db_url)
    import hashlib

    with CommentStore.open(db_url) as s:
        session_hash = hashlib.sha256(f"{salt}\0session\0old-reader".encode()).hexdigest()[:32]
        with s._engine.begin() as conn:
            conn.execute(sa.text("INSERT INTO ratings (essay, session_hash, value, scale, created) VALUES "
                                 "(:essay, :h, 4, 5, '2020-01-01 00:00:00')"), {"essay": ESSAY, "h": session_hash})
            key = conn.execute(sa.text("SELECT email_key FROM comments WHERE public_id = 'old1'")).scalar_one()
        assert key == "strasse@example.org", "the key is case-folded, as moderation compares addresses"
        with pytest.raises(AlreadyRated):
            s.add_rating(ESSAY, "old-reader", 5, client="192.0.2.1")
        assert s.add_rating(ESSAY, "new-reader", 5, client="192.0.2.1").count == 2
