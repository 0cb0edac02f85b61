"""The safe fetcher: addresses refused after DNS resolution, the connection pinned to the
checked address, redirects re-checked, and the size, time and redirect caps.

Nothing here leaves the machine: "public" addresses are only ever resolved to,
and the connection is redirected to a loopback test server in-process.
"""

from __future__ import annotations


import pytest

from essaykit.mentions import fetch as fetch_module
from essaykit.mentions.fetch import FetchError, FetchPolicy, fetch, refusal
from helpers.mention_sites import PUBLIC, PageSite, RawServer, blog_post, route_public_to



@pytest.fixture
def site():
    blog = PageSite()
    yield blog
    blog.close()


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.8.9.10", "10.0.0.5", "172.16.3.4", "192.168.1.1", "169.254.169.254", "169.254.0.9",
    "100.64.0.1", "100.100.100.200", "0.0.0.0", "224.0.0.1", "255.255.255.255", "192.0.0.192",
    "::1", "fe80::1", "fc00::1", "fd00:ec2::254", "::", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
    "2002:7f00:1::1", "64:ff9b::a00:1", "ff02::1",
])
def test_private_loopback_link_local_and_metadata_addresses_are_refused(address):
    assert refusal(address), address


@pytest.mark.parametrize("address", [PUBLIC, "1.1.1.1", "2606:4700:4700::1111", "::ffff:93.184.216.34"])
def test_public_addresses_pass(address):
    assert refusal(address) is None


def test_127_0_0_1_is_refused_without_the_flag(site):
    url = site.put("/page", blog_post("<p>hi</p>"))
    with pytest.raises(FetchError) as info:
        fetch(url)
    assert info.value.reason == "address" and "loopback" in str(info.value)
    assert "--allow-private-sources" in str(info.value)
    assert site.gets == [], "refused before connecting"
    assert fetch(url, policy=FetchPolicy(allow_private=True)).status == 200


def test_a_name_resolving_to_a_private_address_is_refused(site):
    site.put("/page", blog_post("<p>hi</p>"))
    with pytest.raises(FetchError) as info:
        fetch(f"http://localhost:{site.port}/page")
    assert info.value.reason == "address"
    lookups = []

    def resolver(host, port):
        lookups.append(host)
        return {"intranet.test": ["10.1.2.3"], "sneaky.test": ["127.0.0.1"],
                "metadata.test": ["169.254.169.254"]}[host]

    for name in ("intranet.test", "sneaky.test", "metadata.test"):
        with pytest.raises(FetchError) as info:
            fetch(f"http://{name}:{site.port}/page", policy=FetchPolicy(resolver=resolver))
        assert info.value.reason == "address", name
    assert lookups == ["intranet.test", "sneaky.test", "metadata.test"]
    assert site.gets == []
    # With the flag, the mapped name reaches the loopback site.
    assert fetch(f"http://sneaky.test:{site.port}/page",
                 policy=FetchPolicy(resolver=resolver, allow_private=True)).status == 200


def test_the_connection_goes_to_the_address_that_was_checked(monkeypatch):
    """DNS rebinding: the name is resolved once per hop and the socket connects to that checked
    address, so a second answer (127.0.0.1) is never asked for or used."""
    answers = iter([[PUBLIC], ["127.0.0.1"]])
    lookups, connects = [], []

    def resolver(host, port):
        lookups.append(host)
        return next(answers)

    def fake_connect(address, timeout=None, *args, **kwargs):
        connects.append(address)
        raise ConnectionRefusedError("not connecting anywhere in a test")

    monkeypatch.setattr(fetch_module.socket, "create_connection", fake_connect)
    with pytest.raises(FetchError) as info:
        fetch("http://rebind.test/", policy=FetchPolicy(resolver=resolver))
    assert info.value.reason == "connect"
    assert lookups == ["rebind.test"] and connects == [(PUBLIC, 80)]


@pytest.fixture
def public_site(site, monkeypatch):
    """``public.test`` resolves to a public address; connections to it land on the loopback site."""
    route_public_to(site.port, monkeypatch)
    names = {"public.test": [PUBLIC], "metadata.test": ["169.254.169.254"]}
    return FetchPolicy(resolver=lambda host, port: names[host])


def test_every_redirect_is_checked_again(site, public_site):
    site.put("/inside", blog_post("<p>the private side</p>"))
    site.redirect("/to-loopback", f"http://127.0.0.1:{site.port}/inside")
    site.redirect("/to-metadata", "http://metadata.test/latest/meta-data/")
    site.redirect("/to-file", "file:///etc/passwd")
    site.put("/ok", blog_post("<p>public page</p>"))
    site.redirect("/to-ok", "/ok", status=307)
    for path, reason in (("/to-loopback", "address"), ("/to-metadata", "address"), ("/to-file", "url")):
        with pytest.raises(FetchError) as info:
            fetch(f"http://public.test{path}", policy=public_site)
        assert info.value.reason == reason, path
    assert "/inside" not in site.gets
    response = fetch("http://public.test/to-ok", policy=public_site)
    assert (response.status, response.url, response.redirects) == (200, "http://public.test/ok",
                                                                    ["http://public.test/to-ok"])
    assert b"public page" in response.body


def test_at_most_five_redirects(site):
    for i in range(6):
        site.redirect(f"/r{i}", f"/r{i + 1}")
    site.put("/r6", "<p>end</p>")
    policy = FetchPolicy(allow_private=True)
    assert fetch(site.url + "/r1", policy=policy).status == 200, "five hops are fine"
    with pytest.raises(FetchError) as info:
        fetch(site.url + "/r0", policy=policy)
    assert info.value.reason == "redirects"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)",
                                 "gopher://example.org/", "data:text/html,hi", "http://", "//example.org/",
                                 "http://user:pw@example.org/", "http://exa mple.org/"])
def test_only_plain_http_urls_are_fetched(url):
    with pytest.raises(FetchError) as info:
        fetch(url)
    assert info.value.reason == "url"


def test_only_html_bodies_are_read(site):
    site.put("/data.json", '{"a": 1}', headers={"Content-Type": "application/json"})
    site.put("/page", "<p>x</p>")
    policy = FetchPolicy(allow_private=True)
    response = fetch(site.url + "/data.json", policy=policy)
    assert (response.status, response.body, response.is_html) == (200, b"", False)
    assert fetch(site.url + "/page", policy=policy).body == b"<p>x</p>"


def test_a_declared_oversized_body_is_refused_before_reading(site):
    site.put("/big", "<p>" + "x" * 2_000_000 + "</p>")
    with pytest.raises(FetchError) as info:
        fetch(site.url + "/big", policy=FetchPolicy(allow_private=True))
    assert info.value.reason == "size" and "limit is 1,000,000" in str(info.value)


def test_an_undeclared_oversized_body_is_cut_at_the_cap():
    def endless(conn, stop):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n")
        while not stop.is_set():
            conn.sendall(b"<p>" + b"x" * 65536 + b"</p>")

    server = RawServer(endless)
    try:
        with pytest.raises(FetchError) as info:
            fetch(f"http://127.0.0.1:{server.port}/", policy=FetchPolicy(allow_private=True))
        assert info.value.reason == "size"
    finally:
        server.close()


def test_a_silent_or_dripping_server_hits_the_time_cap():
    def silent(conn, stop):
        stop.wait(30)

    def drip(conn, stop):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")
        while not stop.wait(0.1):
            conn.sendall(b"x")

    def slow_headers(conn, stop):
        for byte in b"HTTP/1.1 200 OK\r\nX-Padding: " + b"y" * 1000:
            if stop.wait(0.1):
                return
            conn.sendall(bytes([byte]))

    for script in (silent, drip, slow_headers):
        server = RawServer(script)
        try:
            with pytest.raises(FetchError) as info:
                fetch(f"http://127.0.0.1:{server.port}/", policy=FetchPolicy(allow_private=True, timeout=1.0))
            assert info.value.reason == "time", script.__name__
        finally:
            server.close()


def test_garbage_instead_of_http_is_a_connect_error():
    def garbage(conn, stop):
        conn.sendall(b"\x00\x01 not http at all\r\n\r\n")

    server = RawServer(garbage)
    try:
        with pytest.raises(FetchError) as info:
            fetch(f"http://127.0.0.1:{server.port}/", policy=FetchPolicy(allow_private=True))
        assert info.value.reason == "connect"
    finally:
        server.close()
