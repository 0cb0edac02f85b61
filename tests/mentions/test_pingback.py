"""Pingbacks through real XML-RPC (the standard library's client) against the served endpoint,
with the fault codes of the Pingback 1.0 specification, and hostile XML."""

from __future__ import annotations

import xmlrpc.client

import pytest

from essaykit.mentions import xmlrpc as codec
from essaykit.mentions.receive import EssayAddress
from helpers.mention_sites import PageSite, Receiver, blog_post, post


@pytest.fixture
def site():
    blog = PageSite()
    yield blog
    blog.close()


@pytest.fixture
def receiver(tmp_path):
    r = Receiver(f"sqlite:///{tmp_path / 'comments.sqlite'}",
                 [EssayAddress("salt-road", "/voila/render/salt-road.ipynb", ("https://essays.example/salt-road/",))])
    r.target = r.url + "/voila/render/salt-road.ipynb"
    r.proxy = xmlrpc.client.ServerProxy(r.url + "/pingback")
    yield r
    r.close()


def fault_of(call) -> int:
    with pytest.raises(xmlrpc.client.Fault) as info:
        call()
    return info.value.faultCode


def test_a_pingback_is_verified_stored_and_then_already_registered(site, receiver):
    source = site.put("/wp/2026/11/roads", blog_post(
        f'<p>As <a href="{receiver.target}">this review</a> says…</p>', title="Roads – A WordPress blog"))
    answer = receiver.proxy.pingback.ping(source, receiver.target)
    assert isinstance(answer, str) and "registered" in answer
    (mention,) = receiver.store.list("salt-road")
    assert (mention.kind, mention.source_url, mention.title, mention.status) == (
        "pingback", source, "Roads – A WordPress blog", "pending")
    assert fault_of(lambda: receiver.proxy.pingback.ping(source, receiver.target)) == 0x30
    assert len(receiver.store.list("salt-road")) == 1


def test_pingback_fault_codes(site, receiver):
    no_link = site.put("/no-link", blog_post("<p>nothing</p>"))
    missing = site.put("/missing", "gone", status=404)
    good = site.put("/good", blog_post(f'<a href="{receiver.target}">x</a>'))
    ping = receiver.proxy.pingback.ping
    assert fault_of(lambda: ping(no_link, receiver.target)) == 0x11
    assert fault_of(lambda: ping(missing, receiver.target)) == 0x10
    assert fault_of(lambda: ping(good, receiver.url + "/voila/render/nope.ipynb")) == 0x20, "our host, no such essay"
    assert fault_of(lambda: ping(good, "https://elsewhere.example/post")) == 0x21, "not our site"
    assert fault_of(lambda: ping("javascript:alert(1)", receiver.target)) == 0x10
    assert fault_of(lambda: ping(receiver.target, receiver.target)) == 0x11
    assert receiver.store.list("salt-road") == []


def test_a_source_on_a_refused_address_is_refused_without_saying_why(tmp_path, site):
    strict = Receiver(f"sqlite:///{tmp_path / 's.sqlite'}",
                      [EssayAddress("salt-road", "/voila/render/salt-road.ipynb", ())], allow_private=False)
    try:
        target = strict.url + "/voila/render/salt-road.ipynb"
        source = site.put("/p", blog_post(f'<a href="{target}">x</a>'))
        proxy = xmlrpc.client.ServerProxy(strict.url + "/pingback")
        with pytest.raises(xmlrpc.client.Fault) as info:
            proxy.pingback.ping(source, target)
        assert info.value.faultCode == 0x10 and "loopback" not in info.value.faultString, \
            "the sender learns that the source could not be fetched, not what the server's network is"
        assert site.gets == [], "the private source was never fetched"
    finally:
        strict.close()


def test_wrong_method_and_wrong_parameters(receiver):
    assert fault_of(lambda: receiver.proxy.system.listMethods()) == codec.NO_SUCH_METHOD
    assert fault_of(lambda: receiver.proxy.pingback.ping("https://a.example/")) == codec.BAD_PARAMS
    assert fault_of(lambda: receiver.proxy.pingback.ping(1, 2)) == codec.BAD_PARAMS


def raw(receiver, body: bytes, content_type: str = "text/xml"):
    status, headers, answer = post(receiver.url + "/pingback", body, content_type)
    return status, answer.get("raw", "")


@pytest.mark.parametrize("body", [
    b"this is not xml",
    b"<methodCall><methodName>pingback.ping</methodName>",
    # The "billion laughs": refused before any entity is expanded.
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><methodCall><methodName>&lol3;</methodName></methodCall>',
    # An external entity reading a local file.
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b"<methodCall><methodName>&xxe;</methodName></methodCall>",
    "<methodCall><methodName>pingback.ping</methodName>\udcff".encode("utf-8", "surrogateescape"),
])
def test_malformed_xml_and_entity_bombs_are_parse_faults(receiver, body):
    status, text = raw(receiver, body)
    assert status == 200
    with pytest.raises(codec.Fault) as info:
        codec.parse_response(text.encode())
    assert info.value.code == codec.PARSE_ERROR
    assert "root:" not in text, "no file contents are ever echoed"


def test_not_xmlrpc_at_all(receiver):
    status, text = raw(receiver, b"<html><body>hi</body></html>")
    with pytest.raises(codec.Fault) as info:
        codec.parse_response(text.encode())
    assert info.value.code == codec.NOT_XMLRPC
    status, text = raw(receiver, codec.call("pingback.ping", "a", "b"), "application/json")
    with pytest.raises(codec.Fault) as info:
        codec.parse_response(text.encode())
    assert info.value.code == codec.NOT_XMLRPC


def test_an_oversized_call_is_refused_before_it_is_read(receiver):
    body = codec.call("pingback.ping", "https://a.example/" + "x" * 100_000, "https://b.example/")
    status, text = raw(receiver, body)
    assert status == 413 and "limit is 65,536" in text


def test_get_is_not_allowed(receiver):
    import urllib.error
    import urllib.request

    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(receiver.url + "/pingback", timeout=30)
    assert info.value.code == 405 and info.value.headers["Allow"] == "POST"


def test_the_codec_round_trips_and_escapes():
    body = codec.call("pingback.ping", "https://a.example/?x=1&y=<2>", "https://b.example/")
    assert codec.parse_call(body) == ("pingback.ping", ["https://a.example/?x=1&y=<2>", "https://b.example/"])
    assert codec.parse_response(codec.response("ok & done")) == "ok & done"
    with pytest.raises(codec.Fault) as info:
        codec.parse_response(codec.fault(17, "no <link>"))
    assert (info.value.code, info.value.message) == (17, "no <link>")
    # What the standard library's client sends parses the same.
    assert codec.parse_call(xmlrpc.client.dumps(("s", "t"), "pingback.ping").encode()) == ("pingback.ping", ["s", "t"])
