"""``/essaykit/moderation`` (essaykit/lab/handlers.py), the one route of JupyterLab's Comments panel, in a
real JupyterLab server: the queue the likeliest spam first, actions (one, bulk, a reply) recorded with
who made them, JupyterLab's login, and malformed requests refused with the field they got wrong."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from essaykit.comments.store import CommentStore
from helpers.lab import start_lab, stop_lab
from helpers.queue import ESSAY, queue_site, record

pytestmark = [pytest.mark.slow]

@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    work = tmp_path_factory.mktemp("lab-moderation")
    root, db = queue_site(work, [
        record("parent1", None, status="approved", body="The station scene is the film's best minute."),
        record("low1", 0.12, parent="parent1"), record("high1", 0.995), record("high2", 0.991),
        record("mid1", 0.6), record("reply1", 0.3), record("gone1", 0.2),
    ])
    server = start_lab(root, work, env={"ESSAYKIT_DB": db})
    server.db = db
    yield server
    stop_lab(server)


def call(url, payload=None, *, raw: bytes | None = None, headers=None):
    body = raw if raw is not None else (json.dumps(payload).encode() if payload is not None else None)
    req = urllib.request.Request(url, data=body, method="POST" if body is not None else "GET",
                                 headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        text = exc.read().decode("utf-8", "replace")
        try:
            return exc.code, json.loads(text)
        except json.JSONDecodeError:
            return exc.code, {"text": text}


def ids(answer) -> list[str]:
    return [item["id"] for item in answer["items"]]


def test_the_queue_comes_likeliest_spam_first_with_what_each_answers(lab):
    status, answer = call(lab.url + "/essaykit/moderation")
    assert status == 200, answer
    order = [i for i in ids(answer) if i in ("high1", "high2", "mid1", "low1")]
    assert order == ["high1", "high2", "mid1", "low1"], [(i["id"], i["score"]) for i in answer["items"]]
    low = next(i for i in answer["items"] if i["id"] == "low1")
    assert low["answers"] == "Reader parent1: The station scene is the film's best minute."
    assert answer["threshold"] == 0.9
    assert "parent1" not in ids(answer), "only pending comments are in the queue"


def test_a_bulk_action_marks_every_named_pending_comment_and_logs_who(lab):
    status, answer = call(lab.url + "/essaykit/moderation", {"action": "spam", "ids": ["high1", "high2"]})
    assert status == 200, answer
    assert answer["message"] == "2 comments marked spam."
    assert "high1" not in ids(answer) and "high2" not in ids(answer)
    with CommentStore.open(lab.db) as store:
        assert store.get("high1").status == "spam" and store.get("high2").status == "spam"
        assert any("(JupyterLab)" in entry["by"] for entry in store.log("high1"))
    status, again = call(lab.url + "/essaykit/moderation", {"action": "approve", "ids": ["high1"]})
    assert status == 200 and again["message"] == "0 comments marked approved.", "a decided comment is left as decided"


def test_a_reply_approves_and_publishes_the_authors_answer(lab):
    status, answer = call(lab.url + "/essaykit/moderation", {"action": "reply", "id": "reply1", "body": "Thank you."})
    assert status == 200, answer
    with CommentStore.open(lab.db) as store:
        assert store.get("reply1").status == "approved"
        [reply] = [c for c in store.list(ESSAY, "approved") if c.parent == "reply1"]
        assert reply.by_author and reply.author == "Maren" and reply.body == "Thank you."


@pytest.mark.parametrize("raw, words", [
    (b"{not json", '"action": "spam"'),
    (b"[1, 2]", "JSON object"),
    (b'{"action": "burn", "ids": ["gone1"]}', '"action" must be one of approve, spam, delete, reply'),
    (b'{"action": "spam", "ids": "gone1"}', '"ids" must be a non-empty list'),
    (b'{"action": "spam", "ids": []}', '"ids" must be a non-empty list'),
    (b'{"action": "spam", "ids": ["../../etc"]}', "is not valid"),
    (b'{"action": "reply", "id": "gone1", "body": "  "}', '"body" must be the text of your reply'),
    (b'{"action": "reply", "id": "nosuch", "body": "Hi"}', "there is no comment with id 'nosuch'"),
    ("\xff".encode("latin-1"), "must be JSON"),
], ids=["not-json", "not-object", "action", "ids-text", "ids-empty", "bad-id", "empty-reply", "unknown", "binary"])
def test_malformed_requests_are_refused_with_the_field(lab, raw, words):
    status, answer = call(lab.url + "/essaykit/moderation", raw=raw)
    assert status == 400, answer
    assert words in answer["message"], answer
    with CommentStore.open(lab.db) as store:
        assert store.get("gone1").status == "pending", "nothing changed"


def test_a_huge_request_is_refused(lab):
    status, answer = call(lab.url + "/essaykit/moderation", {"action": "spam", "ids": ["x"] * 100_000})
    assert status == 413 and "act on fewer comments" in answer["message"]


def test_the_route_needs_jupyterlabs_login(tmp_path):
    (tmp_path / "root").mkdir()
    db = f"sqlite:///{tmp_path / 'comments.sqlite'}"
    with CommentStore.open(db) as store:
        assert not store.import_records([record("secret1", 0.5)]).errors
    guarded = start_lab(tmp_path / "root", tmp_path, env={"ESSAYKIT_DB": db}, token="s3cret-token")
    try:
        status, answer = call(guarded.url + "/essaykit/moderation")
        assert status in (401, 403) and "secret1" not in json.dumps(answer)
        status, _ = call(guarded.url + "/essaykit/moderation", {"action": "delete", "ids": ["secret1"]})
        assert status in (401, 403)
        with CommentStore.open(db) as store:
            assert store.get("secret1").status == "pending"
        status, answer = call(guarded.url + "/essaykit/moderation", headers={"Authorization": "token s3cret-token"})
        assert status == 200 and ids(answer) == ["secret1"]
    finally:
        stop_lab(guarded)
