"""Mentions through the real `essaykit serve`: advertised on the live page, received over
HTTP and XML-RPC, and shown in the "Mentions" list of the live page and the static export
(HTML and DOM in Chromium)."""

from __future__ import annotations

import json
import re
import time
import urllib.request
import xmlrpc.client
from pathlib import Path

import pytest

from helpers.cli import run_essaykit
from helpers.mention_sites import PageSite, blog_post, post
from helpers.notebooks import code_cell, md_cell, notebook
from helpers.servers import serve_essaykit, stop_process

ESSAY = "salt-road"


@pytest.fixture(scope="module")
def blog():
    site = PageSite()
    yield site
    site.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve-mentions") / "essays"
    folder.mkdir()
    nb = notebook([md_cell("The salt road runs east."),
                   code_cell("from essaykit import CommentSection\nCommentSection()")],
                  essay={"title": "The Salt Road", "slug": ESSAY, "url": "https://essays.example/salt-road/"})
    (folder / "salt-road.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    db = f"sqlite:///{folder.parent / 'comments.sqlite'}"
    server = serve_essaykit(folder, log=folder.parent / "server.log", db=db, args=["--allow-private-sources"])
    server.db = db
    server.folder = folder
    server.page = server.url + "/voila/render/salt-road.ipynb"
    yield server
    stop_process(server.proc)


def store(server):
    from essaykit.comments.store import CommentStore

    return CommentStore.open(server.db)


def wait(status_url: str) -> dict:
    deadline = time.monotonic() + 120
    while True:
        with urllib.request.urlopen(status_url, timeout=60) as resp:
            state = json.loads(resp.read())
        if state["status"] not in ("queued", "verifying") or time.monotonic() > deadline:
            return state
        time.sleep(0.1)


@pytest.mark.slow
def test_the_flag_warns_and_the_live_page_advertises_both_endpoints(served):
    assert "--allow-private-sources is on" in served.output()
    with urllib.request.urlopen(served.page, timeout=180) as resp:
        headers = resp.headers
        html = resp.read().decode()
    assert headers.get_all("Link") == [f'<{served.url}/webmention>; rel="webmention"']
    assert headers["X-Pingback"] == served.url + "/pingback"
    assert '<link rel="webmention" href="/webmention">' in html
    assert 'rel="pingback"' not in html, "Pingback 1.0 wants an absolute link; the cached page has the header's"


@pytest.mark.browser
@pytest.mark.slow
def test_a_webmention_and_a_pingback_reach_the_mentions_list(served, blog, browser, tmp_path):
    source = blog.put("/posts/salt", f"""<html><head><title>Blog chrome</title></head><body>
        <article class="h-entry"><h1 class="p-name">Following the salt road</h1>
        <p class="p-author h-card">Mara Quist</p>
        <div class="e-content"><p>I walked it after reading <a href="{served.page}">this essay</a>.</p></div>
        </article></body></html>""")
    status, headers, body = post(served.url + "/webmention",
                                 f"source={source}&target={served.page}".encode(), "application/x-www-form-urlencoded")
    assert status == 201, body
    assert wait(headers["location"])["status"] == "accepted"

    pinger = blog.put("/wp/old-post", blog_post(f'<p>Via <a href="{served.page}">the review</a></p>',
                                                title="An old WordPress post"))
    answer = xmlrpc.client.ServerProxy(served.url + "/pingback").pingback.ping(pinger, served.page)
    assert "registered" in answer

    with store(served) as s:
        held = s.pending(ESSAY)
        assert sorted(m.kind for m in held) == ["pingback", "webmention"]
        assert s.mentions(ESSAY) == [], "held for the author first"
        s.set_status([m.id for m in held], "approved", by="test")

    # The live page: the CommentSection renders the list once its kernel runs.
    page = browser.new_page()
    try:
        page.goto(served.page, timeout=180_000)
        items = page.locator(".ek-mentions .ek-mention")
        items.first.wait_for(state="visible", timeout=180_000)
        check_mentions_dom(page, source, pinger)
        page.screenshot(path=str(tmp_path / "live-mentions.png"), full_page=True)
    finally:
        page.close()

    # The static export of the same essay shows the same list.
    out = tmp_path / "salt.html"
    result = run_essaykit("export", served.folder / "salt-road.ipynb", "-o", out, "--db", served.db, timeout=300)
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert html.count('class="ek-mention"') == 2
    assert re.search(r'<a href="' + re.escape(source) + r'" rel="nofollow ugc[^"]*">Following the salt road</a>', html)
    page = browser.new_page()
    try:
        page.goto(out.as_uri())
        check_mentions_dom(page, source, pinger)
        page.screenshot(path=str(tmp_path / "static-mentions.png"), full_page=True)
    finally:
        page.close()


def check_mentions_dom(page, source: str, pinger: str) -> None:
    found = page.evaluate("""() => Array.from(document.querySelectorAll('.ek-mentions .ek-mention'), (li) => {
        const a = li.querySelector('a');
        return {title: a.textContent, href: a.getAttribute('href'), rel: Array.from(a.relList),
                site: li.querySelector('.ek-mention__site').textContent,
                author: (li.querySelector('.ek-mention__author') || {}).textContent || '',
                kind: li.querySelector('.ek-mention__kind').textContent,
                visible: a.getBoundingClientRect().height > 0};
    })""")
    by_kind = {item["kind"]: item for item in found}
    assert set(by_kind) == {"webmention", "pingback"}
    wm, pb = by_kind["webmention"], by_kind["pingback"]
    assert (wm["title"], wm["href"], wm["site"], wm["author"]) == (
        "Following the salt road", source, "127.0.0.1", "by Mara Quist")
    assert (pb["title"], pb["href"]) == ("An old WordPress post", pinger)
    for item in found:
        assert {"nofollow", "ugc"} <= set(item["rel"]), item
        assert item["visible"]


@pytest.mark.slow
def test_without_the_flag_a_loopback_source_is_refused(tmp_path, blog):
    folder = tmp_path / "essays"
    folder.mkdir()
    nb = notebook([md_cell("Text only.")], essay={"title": "Quiet", "slug": "quiet"})
    (folder / "quiet.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    server = serve_essaykit(folder / "quiet.ipynb", log=tmp_path / "server.log", db=f"sqlite:///{tmp_path / 'c.sqlite'}")
    try:
        target = server.url + "/"
        source = blog.put("/strict", blog_post(f'<a href="{target}">x</a>'))
        gets = len(blog.gets)
        status, headers, _ = post(server.url + "/webmention", f"source={source}&target={target}".encode(),
                                  "application/x-www-form-urlencoded")
        assert status == 201
        state = wait(headers["location"])
        assert state["status"] == "failed" and "could not be fetched" in state["message"]
        assert "loopback" not in state["message"], "why goes to the log, not to the sender"
        assert "loopback address" in server.output()
        assert len(blog.gets) == gets, "the loopback source was never fetched"
        assert "--allow-private-sources is on" not in server.output()
        status, _, body = post(server.url + "/webmention", f"source={source}&target=https://elsewhere.example/".encode(),
                               "application/x-www-form-urlencoded")
        assert status == 400 and body["field"] == "target"
    finally:
        stop_process(server.proc)


def test_a_static_page_built_with_an_api_carries_the_link_elements(tmp_path):
    from essaykit.essay import load_essay
    from essaykit.exports.page import render_page

    path = tmp_path / "s.ipynb"
    path.write_text(json.dumps(notebook([md_cell("Hi.")], essay={"title": "S", "slug": "s"})), encoding="utf-8")
    essay = load_essay(path)
    with_api = render_page(essay, api="https://comments.example/")
    assert '<link rel="webmention" href="https://comments.example/webmention">' in with_api
    assert '<link rel="pingback" href="https://comments.example/pingback">' in with_api
    assert 'rel="webmention"' not in render_page(essay), "without an API the page names no endpoint"


def test_export_and_build_with_api_name_the_endpoints(cli, tmp_path):
    folder = tmp_path / "essays"
    folder.mkdir()
    (folder / "s.ipynb").write_text(json.dumps(notebook([md_cell("Hi.")], essay={"title": "S", "slug": "s"})),
                                    encoding="utf-8")
    out = tmp_path / "s.html"
    assert cli("export", folder / "s.ipynb", "-o", out, "--no-execute", "--api", "https://comments.example").exit_code == 0
    assert '<link rel="webmention" href="https://comments.example/webmention">' in out.read_text(encoding="utf-8")
    site = tmp_path / "site"
    result = cli("build", folder, "-o", site, "--no-execute", "--api", "https://comments.example/", "-j", "1")
    assert result.exit_code == 0, result.output
    assert '<link rel="pingback" href="https://comments.example/pingback">' in (site / "s.html").read_text(encoding="utf-8")
