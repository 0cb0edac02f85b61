"""The webmention.rocks sender discovery tests (1–23), re-created on a loopback site: each page is built
here from the test's description (its behaviour, our own markup), and discovery must find the endpoint the
test names. Then the update and delete tests: an essay re-sends every earlier mention when it changes and
when it is deleted, and a receiver removes the mention of a source that answers 410 Gone."""

from __future__ import annotations

import pytest

from helpers.mention_sites import PageSite
from essaykit.mentions.fetch import FetchPolicy
from essaykit.mentions.send import discover

LOCAL = FetchPolicy(allow_private=True)
HTML = {"Content-Type": "text/html; charset=utf-8"}


def page(head: str = "", body: str = "") -> str:
    return f"<!doctype html><html><head><title>Test</title>{head}</head><body><p>A post.</p>{body}</body></html>"


# (number, description, path of the page, its headers, its HTML, the endpoint discovery must find)
CASES = [
    (1, "HTTP Link header, unquoted rel, relative URL", "/test/1", {"Link": "</test/1/webmention?head=true>; rel=webmention"},
     page(), "/test/1/webmention?head=true"),
    (2, "HTTP Link header, unquoted rel, absolute URL", "/test/2", {"Link": "<{site}/test/2/webmention?head=true>; rel=webmention"},
     page(), "/test/2/webmention?head=true"),
    (3, "HTML <link> tag, relative URL", "/test/3", {}, page('<link rel="webmention" href="/test/3/webmention">'),
     "/test/3/webmention"),
    (4, "HTML <link> tag, absolute URL", "/test/4", {}, page('<link rel="webmention" href="{site}/test/4/webmention">'),
     "/test/4/webmention"),
    (5, "HTML <a> tag, relative URL", "/test/5", {}, page(body='<a rel="webmention" href="/test/5/webmention">ep</a>'),
     "/test/5/webmention"),
    (6, "HTML <a> tag, absolute URL", "/test/6", {},
     page(body='<a rel="webmention" href="{site}/test/6/webmention">ep</a>'), "/test/6/webmention"),
    (7, "HTTP Link header with strange casing", "/test/7", {"LinK": '</test/7/webmention?head=true>; rel="webmention"'},
     page(), "/test/7/webmention?head=true"),
    (8, "HTTP Link header, quoted rel", "/test/8", {"Link": '</test/8/webmention?head=true>; rel="webmention"'},
     page(), "/test/8/webmention?head=true"),
    (9, "Multiple rel values on a <link> tag", "/test/9", {},
     page('<link rel="webmention somethingelse" href="/test/9/webmention">'), "/test/9/webmention"),
    (10, "Multiple rel values on a Link header", "/test/10",
     {"Link": '</test/10/webmention?head=true>; rel="webmention somethingelse"'}, page(), "/test/10/webmention?head=true"),
    (11, "Multiple endpoints: Link header, <link> and <a>: the header wins", "/test/11",
     {"Link": '</test/11/webmention?head=true>; rel="webmention"'},
     page('<link rel="webmention" href="/test/11/webmention/error">',
          '<a rel="webmention" href="/test/11/webmention/error">ep</a>'), "/test/11/webmention?head=true"),
    (12, "Checking for exact match of rel=webmention", "/test/12", {},
     page('<link rel="not-webmention" href="/test/12/webmention/error">',
          '<a rel="webmention" href="/test/12/webmention">ep</a>'), "/test/12/webmention"),
    (13, "False endpoint inside an HTML comment", "/test/13", {},
     page(body='<!-- <a rel="webmention" href="/test/13/webmention/error">ep</a> -->'
               '<a rel="webmention" href="/test/13/webmention">ep</a>'), "/test/13/webmention"),
    (14, "False endpoint in escaped HTML", "/test/14", {},
     page(body='<code>&lt;a rel="webmention" href="/test/14/webmention/error"&gt;&lt;/a&gt;</code>'
               '<a rel="webmention" href="/test/14/webmention">ep</a>'), "/test/14/webmention"),
    (15, "Webmention href is an empty string: the page is its own endpoint", "/test/15", {},
     page('<link rel="webmention" href="">'), "/test/15"),
    (16, "Multiple endpoints: <a> before <link>: the first in document order wins", "/test/16", {},
     page(body='<a rel="webmention" href="/test/16/webmention">ep</a>'
               '<link rel="webmention" href="/test/16/webmention/error">'), "/test/16/webmention"),
    (17, "Multiple endpoints: <link> before <a>: the first in document order wins", "/test/17", {},
     page('<link rel="webmention" href="/test/17/webmention">',
          '<a rel="webmention" href="/test/17/webmention/error">ep</a>'), "/test/17/webmention"),
    (18, "Multiple HTTP Link headers", "/test/18",
     {"Link": ['<{site}/test/18/other>; rel="other"', '</test/18/webmention?head=true>; rel="webmention"']},
     page(), "/test/18/webmention?head=true"),
    (19, "Single HTTP Link header with multiple values", "/test/19",
     {"Link": '<{site}/test/19/other>; rel="other", </test/19/webmention?head=true>; rel="webmention"'},
     page(), "/test/19/webmention?head=true"),
    (20, "A <link> without an href is skipped", "/test/20", {},
     page('<link rel="webmention">', '<a rel="webmention" href="/test/20/webmention">ep</a>'), "/test/20/webmention"),
    (21, "The endpoint has query string parameters, kept as they are", "/test/21", {},
     page('<link rel="webmention" href="/test/21/webmention?query=yes&amp;two=2">'),
     "/test/21/webmention?query=yes&two=2"),
    (22, "The endpoint is relative to the page's path", "/test/22", {},
     page('<link rel="webmention" href="22/webmention">'), "/test/22/webmention"),
]


@pytest.fixture(scope="module")
def site():
    blog = PageSite()
    yield blog
    blog.close()


def _filled(value, site_url: str):
    if isinstance(value, list):
        return [v.replace("{site}", site_url) for v in value]
    return value.replace("{site}", site_url)


@pytest.mark.parametrize("number, description, path, headers, html, expected", CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_discovery(site, number, description, path, headers, html, expected):
    site.put(path, _filled(html, site.url), headers={**HTML, **{k: _filled(v, site.url) for k, v in headers.items()}})
    found = discover(site.url + path, LOCAL)
    assert found is not None and found.protocol == "webmention", f"test {number}: {description}: nothing found"
    assert found.url == site.url + expected, f"test {number}: {description}"


def test_23_a_redirected_page_resolves_its_relative_endpoint_against_the_final_url(site):
    """Test 23: the target redirects; a relative endpoint is resolved against the page it redirected to."""
    site.put("/test/23/page/final", page('<link rel="webmention" href="webmention-endpoint">'))
    site.redirect("/test/23/page", "/test/23/page/final", status=302)
    found = discover(site.url + "/test/23/page", LOCAL)
    assert found is not None and found.url == site.url + "/test/23/page/webmention-endpoint"


# --- the receiver ----------------------------------------------------------------------------------


@pytest.fixture
def receiver(tmp_path):
    from essaykit.mentions.receive import EssayAddress
    from helpers.mention_sites import Receiver

    r = Receiver(f"sqlite:///{tmp_path / 'c.sqlite'}",
                 [EssayAddress("salt-road", "/voila/render/salt-road.ipynb", ())], pages=("/",))
    r.target = r.url + "/voila/render/salt-road.ipynb"
    yield r
    r.close()


def test_the_receiver_answers_201_with_the_status_url_in_location(site, receiver):
    source = site.put("/post", page(body=f'<a href="{receiver.target}">x</a>'))
    status, headers, body = receiver.send(source, receiver.target)
    assert status == 201, "a status URL means 201 Created (W3C Webmention 3.2.1)"
    assert headers["location"] == body["status_url"] and "/webmention/status/" in headers["location"]
    assert receiver.wait(headers["location"])["status"] == "accepted"


@pytest.mark.parametrize("kind, body, found", [
    ("text/plain", "Read {target} today.\nAnother line.", True),
    ("text/plain", "Read {target}-2 instead.", False),
    ("text/plain", "Nothing of ours here.", False),
    ("application/json", '{{"content": "see {escaped}", "n": [1, 2]}}', True),
    ("application/json", '{{"content": "see {escaped}/other"}}', False),
    ("application/json", "[" * 100_000 + "]" * 100_000, False),
])
def test_plain_text_and_json_sources_are_searched_for_the_target(site, receiver, kind, body, found):
    text = body.format(target=receiver.target, escaped=receiver.target.replace("/", "\\/"))
    source = site.put("/doc", text, headers={"Content-Type": f"{kind}; charset=utf-8"})
    state = receiver.mention(source, receiver.target)
    assert (state["status"] == "accepted") is found, state
    mentions = receiver.store.list("salt-road")
    assert bool(mentions) is found
    if found:
        assert receiver.target in mentions[0].body or "Read" in mentions[0].body, "the excerpt is the line around it"


def test_a_410_source_removes_its_mention(site, receiver):
    source = site.put("/post", page(body=f'<a href="{receiver.target}">x</a>'))
    assert receiver.mention(source, receiver.target)["status"] == "accepted"
    site.put("/post", "gone", status=410)
    assert receiver.mention(source, receiver.target)["status"] == "removed"
    assert [c.status for c in receiver.store.list("salt-road")] == ["deleted"]


def test_pingback_faults_tell_missing_from_existing_pages(site, receiver):
    import xmlrpc.client

    source = site.put("/post", page(body=f'<a href="{receiver.url}/">x</a><a href="{receiver.target}">y</a>'))
    proxy = xmlrpc.client.ServerProxy(receiver.url + "/pingback")
    for target, code in ((receiver.url + "/", 0x21), (receiver.url + "/voila/render/nope.ipynb", 0x20),
                         (receiver.target + "?x=1", 0x21)):
        with pytest.raises(xmlrpc.client.Fault) as info:
            proxy.pingback.ping(source, target)
        assert info.value.faultCode == code, target


def test_the_authors_h_card_url_is_shown_as_their_link(site, receiver):
    from essaykit.comments.render import thread_html

    source = site.put("/entry", page(body=f"""<article class="h-entry"><h1 class="p-name">Salt roads</h1>
        <a class="p-author h-card" href="https://mara.example/">Mara Quist</a>
        <div class="e-content">On <a href="{receiver.target}">the review</a>.</div></article>"""))
    assert receiver.mention(source, receiver.target)["status"] == "accepted"
    receiver.store.set_status([m.id for m in receiver.store.list("salt-road")], "approved", by="test")
    html = str(thread_html([], total=0, mentions=receiver.store.mentions("salt-road")))
    author = html.split('class="ek-mention__author"', 1)[1].split("</span>", 1)[0]
    assert 'href="https://mara.example/"' in author and "Mara Quist" in author, author
    assert "nofollow" in author and "ugc" in author, "a reader-supplied link, marked as such"
