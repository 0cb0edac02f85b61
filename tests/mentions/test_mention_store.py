"""The comment store's side of mentions: upsert and removal by (essay, source), domain
lists in moderation, titles in backups, the sent record, and migration 0005 on older databases."""

from __future__ import annotations

from datetime import timedelta

import pytest

from essaykit.comments.moderation import Candidate, Context, Rules, decide, domain_listed
from essaykit.comments.store import CommentStore
from essaykit.mentions.store import remove_mention, upsert_mention
from essaykit.errors import CommentError

ESSAY = "salt-road"
SOURCE = "https://blog.example/2026/roads"


@pytest.fixture
def store(db_url):
    """Each test runs on SQLite and on PostgreSQL (the ``db_url`` fixture of helpers.postgres)."""
    with CommentStore.open(db_url) as s:
        yield s


def upsert(store, **changes):
    values = dict(kind="webmention", source_url=SOURCE, title="Roads", author="Mara", excerpt="I walked it.")
    values.update(changes)
    return upsert_mention(store, ESSAY, **values)


def test_a_new_mention_goes_through_moderation_and_is_held(store):
    change = upsert(store)
    assert (change.action, change.status, change.comment.title) == ("created", "pending", "Roads")
    assert store.log(change.comment.id)[0]["by"] == "rules"


def test_upsert_updates_in_place_and_keeps_the_authors_decision(store):
    first = upsert(store)
    store.set_status(first.comment.id, "approved", by="author")
    second = upsert(store, title="Roads, revised", excerpt="I walked it twice.")
    assert (second.action, second.comment.id, second.status) == ("updated", first.comment.id, "approved")
    assert [m.title for m in store.mentions(ESSAY)] == ["Roads, revised"]


def test_an_update_that_turns_spammy_is_spam(store):
    first = upsert(store)
    store.set_status(first.comment.id, "approved", by="author")
    assert upsert(store, excerpt="Best casino bonus").status == "spam"


def test_remove_then_back(store):
    first = upsert(store)
    store.set_status(first.comment.id, "approved", by="author")
    removed = remove_mention(store, ESSAY, SOURCE, reason="gone")
    assert removed.id == first.comment.id and store.get(first.comment.id).status == "deleted"
    assert remove_mention(store, ESSAY, SOURCE, reason="again") is None, "nothing left to remove"
    back = upsert(store)
    assert (back.action, back.status) == ("updated", "pending"), "decided afresh, held again"


def test_an_author_deletion_is_not_undone_by_a_resend(store):
    first = upsert(store)
    store.set_status(first.comment.id, "deleted", by="author")
    assert upsert(store).status == "deleted"


def test_bad_values_are_refused_naming_the_field(store):
    with pytest.raises(CommentError) as info:
        upsert(store, source_url="javascript:alert(1)")
    assert info.value.field == "source_url"
    with pytest.raises(CommentError) as info:
        upsert(store, kind="comment")
    assert info.value.field == "kind"
    with pytest.raises(CommentError) as info:
        upsert(store, title="T" * 400)
    assert info.value.field == "title"
    with pytest.raises(CommentError) as info:
        upsert(store, excerpt="   ")
    assert info.value.field == "body"


@pytest.mark.parametrize("url, listed", [
    ("https://blog.example/p", "blog.example"),
    ("https://www.blog.example/p", "blog.example"),
    ("https://BLOG.example./p", "blog.example"),
    ("https://notblog.example/p", None),
    ("https://blog.example.evil.test/p", None),
])
def test_domain_lists_match_the_domain_and_its_subdomains(url, listed):
    assert domain_listed(("blog.example",), url) == listed


def test_domain_rules_in_order():
    mention = dict(essay=ESSAY, author="", email="", body="linked", kind="pingback", source_url="https://a.example/p")
    ctx = Context(now=None)
    assert decide(Candidate(**mention), ctx, Rules(block_domains=("a.example",))).status == "spam"
    assert decide(Candidate(**mention), ctx, Rules(allow_domains=("a.example",))).status == "approved"
    assert decide(Candidate(**{**mention, "body": "casino"}), ctx, Rules(allow_domains=("a.example",))).status == "spam"
    both = Rules(allow_domains=("a.example",), block_domains=("a.example",))
    assert decide(Candidate(**mention), ctx, both).status == "spam", "block wins"
    comment = dict(essay=ESSAY, author="A", email="a@b.example", body="hi", website="https://a.example/")
    assert decide(Candidate(**comment), ctx, Rules(block_domains=("a.example",))).status == "pending", \
        "domain lists are for mentions"


def test_domain_lists_load_from_the_rules_file(tmp_path):
    path = tmp_path / "moderation.json"
    path.write_text('{"allow_domains": ["friend.example"], "block_domains": ["spam.example"]}', encoding="utf-8")
    rules = Rules.from_file(path)
    assert (rules.allow_domains, rules.block_domains) == (("friend.example",), ("spam.example",))


def test_titles_survive_a_backup(store, tmp_path):
    change = upsert(store)
    records = store.export()
    assert records[0]["title"] == "Roads"
    with CommentStore.open(f"sqlite:///{tmp_path / 'restored.sqlite'}") as other:
        assert other.import_records(records).added == 1
        assert other.get(change.comment.id).title == "Roads"


def test_the_received_queue_hands_each_request_to_one_worker(store):
    from essaykit.mentions.store import QueueFull, ReceivedQueue

    queue = ReceivedQueue(store, per_address=2)
    first = queue.add(kind="webmention", essay=ESSAY, source=SOURCE, target="https://e.example/", address="1.2.3.4")
    queue.add(kind="webmention", essay=ESSAY, source=SOURCE + "2", target="https://e.example/", address="1.2.3.4")
    with pytest.raises(QueueFull):
        queue.add(kind="webmention", essay=ESSAY, source=SOURCE + "3", target="https://e.example/", address="1.2.3.4")
    queue.add(kind="webmention", essay=ESSAY, source=SOURCE + "4", target="https://e.example/", address="5.6.7.8")
    claimed = [queue.claim() for _ in range(4)]
    assert [c.token if c else None for c in claimed][0] == first.token
    assert claimed[3] is None and len({c.token for c in claimed[:3]}) == 3
    queue.finish(first.token, "accepted", "ok", "abc")
    assert queue.get(first.token).public_dict()["status"] == "accepted"
    assert queue.waiting() == 2
    assert queue.get("no-such-token-here") is None
    assert queue.prune() == 0, "a fresh result is kept"
    assert queue.prune(older_than=timedelta(seconds=-1)) == 1 and queue.get(first.token) is None


def test_limits_count_a_sender_by_address_and_by_network(store):
    from essaykit.mentions.store import ReceivedQueue

    sender = ReceivedQueue(store).sender
    assert sender("2001:db8:1:2::1") == sender("2001:db8:1:2:ffff::9"), "one /64, one address"
    assert sender("2001:db8:1:2::1")[1] == sender("2001:db8:1:3::1")[1] == "2001:db8:1::/48", "one /48, one network"
    assert sender("2001:db8:1:2::1")[0] != sender("2001:db8:1:3::1")[0]
    assert sender("2001:db8:1:2::1")[1] != sender("2001:db8:2:2::1")[1]
    assert sender("::ffff:192.0.2.7") == sender("192.0.2.7")
    assert sender("192.0.2.7")[0] != sender("192.0.2.8")[0] and sender("192.0.2.8")[1] == "192.0.2.0/24"


def test_the_sent_log_keeps_one_row_per_link(store):
    from essaykit.mentions.store import SentLog

    log = SentLog(store)
    long_target = "https://a.example/" + "x" * 1900
    for result in ("failed", "sent"):
        log.record(ESSAY, long_target, source="https://me.example/", fingerprint="f", protocol="webmention",
                   endpoint="https://a.example/wm", result=result)
    (only,) = log.for_essay(ESSAY).values()
    assert (only.target, only.result) == (long_target, "sent")
    with pytest.raises(ValueError):
        log.record(ESSAY, long_target, source="s", fingerprint="f", protocol="", endpoint="", result="maybe")


def test_the_mentions_migration_upgrades_an_older_database(tmp_path, monkeypatch):
    import sqlalchemy as sa

    from essaykit.db import migrations as schema
    from essaykit.db.engine import dispose

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = sa.create_engine(url)
    ours = next(i for i, (_, step) in enumerate(schema.MIGRATIONS) if step is schema.receive_and_send_mentions)
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:ours])
    schema.migrate(engine, write_options={})
    with engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO comments (public_id, essay, depth, author, email, email_key, website, body, body_hash,"
            " created, status, kind, source_url, session_hash, import_source) VALUES ('old1', :essay, 0, 'Blog', '',"
            " '', '', 'linked', '', '2020-01-01 00:00:00', 'approved', 'pingback', :source, '', '')"
        ), {"essay": ESSAY, "source": SOURCE})
    engine.dispose()
    monkeypatch.undo()
    dispose(url)  # also forgets that this process migrated the database
    with CommentStore.open(url) as s:
        (old,) = s.mentions(ESSAY)
        assert (old.id, old.title) == ("old1", "")
        assert upsert(s).action == "updated", "the old pingback is the mention from that source"


def test_the_mentions_list_shows_title_site_author_and_excerpt_as_text(store):
    from essaykit.comments.render import thread_html

    change = upsert(store, source_url="https://www.blog.example/p?a=1&b=2", title='<img src=x onerror="alert(1)">',
                    author="<b>Mara</b>", excerpt="<script>alert(2)</script> words")
    store.set_status(change.comment.id, "approved", by="author")
    html = thread_html([], total=0, mentions=store.mentions(ESSAY))
    assert '<a href="https://www.blog.example/p?a=1&amp;b=2" rel="nofollow ugc noopener">' in html
    assert '&lt;img src=x onerror="alert(1)"&gt;</a>' in html, "the title is text inside the link"
    assert '<span class="ek-mention__site">blog.example</span>' in html
    assert "by <bdi>&lt;b&gt;Mara&lt;/b&gt;</bdi>" in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt; words" in html
    assert "<script" not in html and "<img" not in html and "<b>" not in html


def test_an_imported_pingback_without_a_title_shows_its_author(store):
    from essaykit.comments.render import mention_context

    result = store.post(ESSAY, author="River Pictures Weekly", email="", body="[…] a good film […]",
                        kind="pingback", source_url="https://river.example/week-12")
    context = mention_context(result.comment)
    assert ">River Pictures Weekly</a>" in str(context["author_html"])
    assert (context["site"], context["author"], context["excerpt"]) == ("river.example", "", "[…] a good film […]")
