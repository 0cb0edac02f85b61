"""Share links in a real Chromium, with and without JavaScript: on the live page of `essaykit serve`
(Mastodon through the server's route when there is no script) and on a static page with no server
(Copy link, the device's share sheet where the browser has one, Mastodon from the script). The
reader's Mastodon server is answered by the test (Playwright's routing): nothing leaves the machine."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from essaykit.html.share import SERVER_PROBLEM
from helpers.api_client import ESSAY, call, start_site
from helpers.servers import stop_process

pytestmark = pytest.mark.browser
URL = "https://example.org/essays/the-salt-road"  # the example essay's `url`
SHARED = f"The Salt Road {URL}"
MASTODON = "https://films.example"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    server = start_site(tmp_path_factory, "share")
    yield server
    stop_process(server.proc)


def mastodon(page) -> list[str]:
    """Answer for the reader's Mastodon server; returns the list of addresses it was asked for."""
    asked: list[str] = []

    def answer(route):
        asked.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>Compose</title><p>Compose")

    page.route(f"{MASTODON}/**", answer)
    return asked


def shared_text(address: str) -> str:
    parts = urlsplit(address)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{MASTODON}/share", address
    (text,) = parse_qs(parts.query)["text"]
    return text


def test_the_route_links_a_reader_to_their_server_and_refuses_what_is_not_one(served):
    sent = call(served, "GET", "/essaykit/share/mastodon?server=%40me%40Films.example&text=Hello%20%3Cthere%3E")
    assert sent.status == 200 and "location" not in sent.headers, "a link, not a redirect (form-action 'self')"
    assert f'href="{MASTODON}/share?text=Hello%20%3Cthere%3E">Continue to films.example</a>' in sent.text
    assert "<blockquote><p>Hello &lt;there&gt;</p></blockquote>" in sent.text, "what will be posted, escaped"
    for bad in ("", "javascript%3Aalert(1)", "films.example%2Fx%3Fy", "%2F%2Fevil.example"):
        refused = call(served, "GET", f"/essaykit/share/mastodon?server={bad}&text=x")
        assert refused.status == 400 and "location" not in refused.headers, bad
        assert SERVER_PROBLEM.rstrip(".").replace("'", "&#39;") in refused.text, refused.text


def test_the_live_page_has_its_json_ld(served):
    import json
    import re

    page = call(served, "GET", f"/voila/render/{ESSAY}.ipynb").text
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page)
    data = json.loads(script)
    assert (data["@type"], data["url"], data["itemReviewed"]["name"]) == ("Review", URL, "The Salt Road")


def test_live_page_without_javascript_shares_to_mastodon_through_the_server(served, browser):
    from playwright.sync_api import expect

    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    asked = mastodon(page)
    page.goto(f"{served.url}/voila/render/{ESSAY}.ipynb")
    share = page.get_by_role("region", name="Share this essay")
    expect(share.get_by_role("link", name="Bluesky")).to_have_attribute(
        "href", "https://bsky.app/intent/compose?text=The%20Salt%20Road%20https%3A%2F%2Fexample.org%2Fessays%2Fthe-salt-road")
    assert share.get_by_role("link", name="Email").get_attribute("href").startswith("mailto:?subject=The%20Salt%20Road&body=")
    expect(share.get_by_role("button", name="Copy link")).to_be_hidden()
    expect(share.get_by_role("button", name="Share…")).to_be_hidden()
    share.get_by_label("Mastodon: your server").fill("@maren@films.example")
    share.get_by_role("button", name="Share on Mastodon").click()
    expect(page.get_by_role("blockquote")).to_have_text(SHARED)
    page.get_by_role("link", name="Continue to films.example").click()
    page.wait_for_url(f"{MASTODON}/share?*")
    assert [shared_text(a) for a in asked] == [SHARED]
    context.close()


def test_static_page_with_javascript_copies_shares_and_asks_for_the_server(tmp_path, browser, static_server):
    from playwright.sync_api import expect

    from essaykit.essay import load_essay
    from essaykit.exports.page import render_page
    from helpers.notebooks import example_without_live_code
    import json

    source = tmp_path / "salt.ipynb"
    source.write_text(json.dumps(example_without_live_code()), encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "salt.html").write_text(render_page(load_essay(source)), encoding="utf-8")
    base = static_server(tmp_path / "site")

    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    asked = mastodon(page)
    page.goto(base + "salt.html")
    share = page.get_by_role("region", name="Share this essay")
    share.get_by_role("button", name="Copy link").click()
    expect(share.get_by_role("status")).to_have_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()") == URL
    native = share.get_by_role("button", name="Share…")
    if page.evaluate("typeof navigator.share === 'function'"):
        expect(native).to_be_visible()
    else:
        expect(native).to_be_hidden()  # desktop Chromium on Linux has no share sheet

    server = share.get_by_label("Mastodon: your server")
    server.fill("not a server")
    share.get_by_role("button", name="Share on Mastodon").click()
    expect(share.locator(".ek-share__error")).to_have_text(SERVER_PROBLEM)
    expect(server).to_have_attribute("aria-invalid", "true")
    assert asked == [] and page.url == base + "salt.html"
    server.fill("https://films.example/")
    share.get_by_role("button", name="Share on Mastodon").click()
    page.wait_for_url(f"{MASTODON}/share?*")
    assert [shared_text(a) for a in asked] == [SHARED]
    assert errors == []
    context.close()


def test_static_page_without_javascript_keeps_the_plain_links_only(tmp_path, browser):
    from playwright.sync_api import expect

    from essaykit.essay import load_essay
    from essaykit.exports.page import render_page
    from helpers import EXAMPLE

    (tmp_path / "salt.html").write_text(render_page(load_essay(EXAMPLE)), encoding="utf-8")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((tmp_path / "salt.html").as_uri())
    share = page.get_by_role("region", name="Share this essay")
    expect(share.get_by_role("link", name="Bluesky")).to_be_visible()
    expect(share.get_by_role("link", name="Email")).to_be_visible()
    for hidden in ("Copy link", "Share…", "Share on Mastodon"):
        expect(share.get_by_role("button", name=hidden)).to_be_hidden()  # nothing that cannot work is shown
    context.close()
