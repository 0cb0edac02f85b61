"""A Webmention the store refuses *for now* goes back in the queue; one it refuses for good does not.

The decision is made on the exception's type (:class:`essaykit.errors.TryLater`),
never on its words: an earlier receiver searched the message for "in a minute",
and when flood control's wording changed every rate-limited Webmention was
rejected for good.

The comment store keys flood control on a sender's session and address, and a
verified mention has neither, so no mention is rate-limited today. To test the
path, this store runs the real flood rule (:func:`essaykit.comments.moderation.flood`)
with a sender who posted a moment ago before every post; everything else (the
source page over HTTP, the fetcher, the queue in SQLite) is real.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from essaykit.comments.moderation import Context, Rules, flood
from essaykit.comments.store import CommentStore
from essaykit.errors import RateLimited, TryLater
from essaykit.mentions.fetch import FetchPolicy
from essaykit.mentions.receive import EssayAddress, MentionService, Targets
from helpers.mention_sites import PageSite, blog_post

TARGET = "https://essays.example/salt-road/"


class JustPostedStore(CommentStore):
    """A store whose every new post comes from a sender that posted a moment ago."""

    def post(self, essay, **kwargs):
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        flood(Context(now=now, last_from_address=now), self.rules)
        return super().post(essay, **kwargs)


@pytest.fixture
def site():
    blog = PageSite()
    yield blog
    blog.close()


def service(url: str, store_class) -> MentionService:
    essays = [EssayAddress("salt-road", "/voila/render/salt-road.ipynb", (TARGET,))]
    return MentionService(Targets(essays), open_store=lambda: store_class.open(url, rules=Rules(min_interval=30)),
                          policy=FetchPolicy(allow_private=True))


def verify_one(mentions: MentionService, source: str):
    request = mentions.queue.add(kind="webmention", essay="salt-road", source=source, target=TARGET,
                                 address="192.0.2.7")
    claimed = mentions.queue.claim()
    assert claimed is not None and claimed.token == request.token
    return request.token, mentions.verify_now(claimed)


def test_the_flood_rule_raises_a_try_later_with_its_computed_wait():
    now = datetime(2026, 12, 6, 12, 0, 0)
    with pytest.raises(RateLimited) as caught:
        flood(Context(now=now, last_from_address=now.replace(second=0) - timedelta(seconds=12)), Rules(min_interval=30))
    assert isinstance(caught.value, TryLater) and caught.value.retry_after == 18, "waited 12 of 30 seconds"
    assert "wait 18 seconds" in str(caught.value)


def test_a_rate_limited_webmention_is_requeued_not_rejected(tmp_path, site):
    source = site.put("/posts/roads", blog_post(f'<p>Read <a href="{TARGET}">the salt road</a>.</p>'))
    mentions = service(f"sqlite:///{tmp_path / 'comments.sqlite'}", JustPostedStore)
    try:
        token, outcome = verify_one(mentions, source)
        assert outcome.retry_after == 30, f"the wait flood control computed, not a fixed minute: {outcome}"
        state = mentions.queue.get(token)
        assert state.state == "queued", f"refused for now, so back in the queue to verify later: {state}"
        assert "not stored yet" in state.message and "wait 30 seconds" in state.message
        assert [c for c in mentions.store.list("salt-road") if c.kind == "webmention"] == []
    finally:
        mentions.close()


def test_a_webmention_refused_for_good_is_finished_not_requeued(tmp_path, site):
    source = site.put("/posts/roads", blog_post(f'<p>Read <a href="{TARGET}">the salt road</a>.</p>'))
    mentions = service(f"sqlite:///{tmp_path / 'comments.sqlite'}", CommentStore)
    try:
        request = mentions.queue.add(kind="webmention", essay="Salt Road", source=source, target=TARGET,
                                     address="192.0.2.7")
        outcome = mentions.verify_now(mentions.queue.claim())
        assert (outcome.state, outcome.retry_after) == ("rejected", 0), outcome
        assert mentions.queue.get(request.token).state == "rejected", "a CommentError that is not TryLater is final"
    finally:
        mentions.close()
