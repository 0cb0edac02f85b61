"""Hostile and malformed requests to ``POST /webmention``: each gets the right status and a
one-line JSON message naming the field, nothing is queued, and the server keeps serving."""

from __future__ import annotations

import http.client
import urllib.parse

import pytest

from essaykit.mentions.receive import EssayAddress
from helpers.mention_sites import PageSite, Receiver, blog_post, post


@pytest.fixture(scope="module")
def receiver(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    r = Receiver(f"sqlite:///{folder / 'comments.sqlite'}",
                 [EssayAddress("salt-road", "/voila/render/salt-road.ipynb", ("https://essays.example/salt-road/",))])
    r.target = r.url + "/voila/render/salt-road.ipynb"
    yield r
    r.close()


def form(receiver, fields, content_type="application/x-www-form-urlencoded"):
    data = fields if isinstance(fields, bytes) else urllib.parse.urlencode(fields).encode()
    return post(receiver.url + "/webmention", data, content_type)


def queued(receiver) -> int:
    import sqlalchemy as sa

    from essaykit.db.schema import received_mentions

    with receiver.store._engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(received_mentions)).scalar_one()


SOURCE = "https://blog.example/post"


@pytest.mark.parametrize("fields, status, field, words", [
    ({"target": "T"}, 400, "source", "missing"),
    ({"source": SOURCE}, 400, "target", "missing"),
    ({"source": "", "target": "T"}, 400, "source", "missing"),
    ({"source": "ftp://blog.example/post", "target": "T"}, 400, "source", "http:// or https://"),
    ({"source": "javascript:alert(1)", "target": "T"}, 400, "source", "http:// or https://"),
    ({"source": "file:///etc/passwd", "target": "T"}, 400, "source", "http:// or https://"),
    ({"source": "https://user:pw@blog.example/", "target": "T"}, 400, "source", "password"),
    ({"source": "https://blog.example/a b", "target": "T"}, 400, "source", "spaces"),
    ({"source": "https://blog.example/" + "x" * 3000, "target": "T"}, 400, "source", "too long"),
    ({"source": "https://", "target": "T"}, 400, "source", "no host"),
    ({"source": SOURCE, "target": "https://elsewhere.example/post"}, 400, "target", "another site"),
    ({"source": SOURCE, "target": "https://essays.example/other-essay/"}, 400, "target", "not an essay"),
    ({"source": SOURCE, "target": "{url}/voila/render/nope.ipynb"}, 400, "target", "not an essay"),
    ({"source": SOURCE, "target": "{url}/voila/render/salt-road.ipynb?x=1"}, 400, "target", "not an essay"),
    ({"source": SOURCE, "target": "gopher://essays.example/salt-road/"}, 400, "target", "http:// or https://"),
    ({"source": "{url}/voila/render/salt-road.ipynb", "target": "T"}, 400, "source", "same page"),
])
def test_bad_fields_are_400_naming_the_field(receiver, fields, status, field, words):
    before = queued(receiver)
    fields = {k: v.replace("{url}", receiver.url).replace("T", receiver.target) if v == "T" or "{url}" in v else v
              for k, v in fields.items()}
    got, _, body = form(receiver, fields)
    assert (got, body.get("field")) == (status, field), body
    assert words in body["message"]
    assert queued(receiver) == before


def test_the_same_field_twice_is_refused(receiver):
    got, _, body = form(receiver, b"source=https%3A%2F%2Fa.example%2F&source=https%3A%2F%2Fb.example%2F&target=x")
    assert (got, body["field"]) == (400, "source") and "twice" in body["message"]


def test_a_json_body_is_415(receiver):
    got, _, body = form(receiver, b'{"source": "https://a.example/", "target": "x"}', "application/json")
    assert got == 415 and "x-www-form-urlencoded" in body["message"]


def test_no_content_type_is_415(receiver):
    conn = http.client.HTTPConnection("127.0.0.1", receiver.port, timeout=30)
    try:
        conn.request("POST", "/webmention", body=b"source=a&target=b")  # urllib would add a form type
        resp = conn.getresponse()
        assert resp.status == 415 and b"x-www-form-urlencoded" in resp.read()
    finally:
        conn.close()


def test_invalid_utf8_is_400(receiver):
    got, _, body = form(receiver, b"source=https%3A%2F%2Fa.example%2F%FF%FE&target=x")
    assert got == 400 and "UTF-8" in body["message"]
    got, _, body = form(receiver, b"source=\xff\xfe&target=x")
    assert got == 400 and "UTF-8" in body["message"]


def test_a_thousand_fields_is_400(receiver):
    data = "&".join(f"f{i}=x" for i in range(1000)).encode()
    got, _, body = form(receiver, data)
    assert got == 400 and "more than 20 fields" in body["message"]


def test_a_megabyte_body_is_refused_from_its_length(receiver):
    """The answer comes from the Content-Length alone: the body is never sent here."""
    import json

    conn = http.client.HTTPConnection("127.0.0.1", receiver.port, timeout=30)
    try:
        conn.putrequest("POST", "/webmention")
        conn.putheader("Content-Type", "application/x-www-form-urlencoded")
        conn.putheader("Content-Length", str(1_000_000))
        conn.endheaders()
        resp = conn.getresponse()
        body = json.loads(resp.read())
        assert resp.status == 413 and body["field"] == "body" and "1,000,000 bytes" in body["message"]
    finally:
        conn.close()
    assert form(receiver, {"source": SOURCE})[0] == 400, "the server still answers"


def test_a_chunked_oversized_body_is_cut_off(receiver):
    conn = http.client.HTTPConnection("127.0.0.1", receiver.port, timeout=30)
    try:
        def chunks():
            for _ in range(100):
                yield b"source=" + b"a" * 10_000

        conn.request("POST", "/webmention", body=chunks(), encode_chunked=True,
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        try:
            status = conn.getresponse().status
        except (ConnectionError, http.client.HTTPException):
            status = None  # the server dropped the connection: also a refusal
    except ConnectionError:
        status = None
    finally:
        conn.close()
    assert status in (None, 400, 413)
    assert form(receiver, {"source": SOURCE})[0] == 400, "the server still answers"


def test_get_and_other_verbs_are_405(receiver):
    conn = http.client.HTTPConnection("127.0.0.1", receiver.port, timeout=30)
    try:
        for verb in ("GET", "PUT", "DELETE"):
            conn.request(verb, "/webmention")
            resp = conn.getresponse()
            resp.read()
            assert resp.status == 405 and resp.getheader("Allow") == "POST", verb
    finally:
        conn.close()


def test_an_unknown_status_token_is_404(receiver):
    import urllib.error
    import urllib.request

    for token in ("A" * 24, "../../etc/passwd", "x"):
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(receiver.url + "/webmention/status/" + token, timeout=30)
        assert info.value.code == 404


def test_one_address_cannot_fill_the_queue(tmp_path):
    from essaykit.mentions.store import ReceivedQueue

    # No worker: the requests stay queued, as they would behind a slow source.
    r = Receiver(f"sqlite:///{tmp_path / 'flood.sqlite'}",
                 [EssayAddress("salt-road", "/voila/render/salt-road.ipynb", ())], worker=False)
    try:
        r.service._queue = ReceivedQueue(r.store, per_address=3)
        target = r.url + "/voila/render/salt-road.ipynb"
        statuses = [r.send(f"http://127.0.0.1:9/{i}", target)[0] for i in range(5)]
        assert statuses == [201, 201, 201, 429, 429]
        status, headers, body = r.send("http://127.0.0.1:9/late", target)
        assert status == 429 and headers["retry-after"] == "60" and "still waiting" in body["message"]
    finally:
        r.close()


def test_hostile_source_pages_do_not_break_verification(tmp_path):
    site = PageSite()
    r = Receiver(f"sqlite:///{tmp_path / 'pages.sqlite'}",
                 [EssayAddress("salt-road", "/voila/render/salt-road.ipynb", ())])
    try:
        target = r.url + "/voila/render/salt-road.ipynb"
        cases = {
            "/bidi": blog_post(f'<a href="{target}">x</a>', title="\u202eevil title\u202c" + "T" * 1000),
            "/script-title": f'<title>&lt;script&gt;alert(1)&lt;/script&gt;</title><a href="{target}">x</a>',
            "/bad-charset": (f'<meta charset="no-such-charset"><title>ok</title><a href="{target}">x</a>'),
            "/binary": b"\x00\xff\xfe" * 100 + f'<a href="{target}">x</a>'.encode(),
            "/nested": "<div>" * 200 + f'<a href="{target}">deep</a>' + "</div>" * 200,
        }
        for path, body in cases.items():
            source = site.put(path, body)
            state = r.mention(source, target)
            assert state["status"] == "accepted", (path, state)
        deeper = site.put("/deeper", "<div>" * 5000 + f'<a href="{target}">deep</a>' + "</div>" * 5000)
        assert r.mention(deeper, target)["status"] == "rejected", "past the bounds: refused before parsing"
        titles = {m.source_url.rsplit("/", 1)[1]: m.title for m in r.store.list("salt-road")}
        assert "\u202e" not in titles["bidi"] and len(titles["bidi"]) <= 300
        assert titles["script-title"] == "<script>alert(1)</script>", "kept as text; escaped when shown"
    finally:
        r.close()
        site.close()
