"""The share links (essaykit.html.share): what readers may type as their Mastodon server, and what a
shared post says: the title, the address and the summary, never a spoiler."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

import json

from essaykit.essay import load_essay
from essaykit.exports.page import render_page
from essaykit.html.share import mastodon_server, mastodon_url, share_context
from helpers.notebooks import md_cell, notebook

SECRET = "Anselm burns the maps"


@pytest.mark.parametrize("typed, server", [
    ("mastodon.social", "mastodon.social"),
    ("  https://Mastodon.Social/ ", "mastodon.social"),
    ("@maren@films.example", "films.example"),
    ("maren@films.example:8443", "films.example:8443"),
    ("bücher.social", "xn--bcher-kva.social"),
    ("", ""), ("localhost", ""), ("javascript:alert(1)", ""), ("films.example/share?x=1", ""),
    ("films example", ""), ("evil.example\r\nX: y", ""), ("a" * 300 + ".example", ""), ("-x.example", ""),
])
def test_a_server_is_what_readers_type_and_nothing_else(typed, server):
    assert mastodon_server(typed) == server


def test_the_mastodon_intent_carries_the_text_and_nothing_can_leave_the_path():
    url = mastodon_url("films.example", "The Salt Road https://example.org/a?b=1&c=2#d")
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "films.example", "/share")
    assert parse_qs(parts.query) == {"text": ["The Salt Road https://example.org/a?b=1&c=2#d"]}


def test_no_address_no_share_links():
    assert share_context("Title", "") is None
    assert share_context("Title", "essay.html") is None, "a relative address cannot be shared"


def test_shared_text_never_carries_a_spoiler():
    share = share_context(f"Ending: ||{SECRET}||", "https://example.org/e", f"It ends when ||{SECRET}||.")
    for value in (share["title"], share["text"], unquote(share["bluesky"]), unquote(share["email"])):
        assert SECRET not in value and "Spoiler" in value, value
    assert share["bluesky"].startswith("https://bsky.app/intent/compose?text=")
    mail = urlsplit(share["email"])
    assert mail.scheme == "mailto" and mail.path == ""
    fields = parse_qs(mail.query)
    assert fields["subject"] == [share["title"]] and fields["body"][0].endswith("\n\nhttps://example.org/e")


def _page(folder, **essay) -> str:
    nb = notebook([md_cell(f"Before the twist. ||{SECRET}||")],
                  essay={"title": "Ending", "slug": "ending", "summary": f"Then ||{SECRET}||.", **essay})
    path = folder / "ending.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return render_page(load_essay(path))


def test_the_static_page_shares_spoiler_free_and_offers_mastodon_only_with_a_server_or_javascript(tmp_path):
    html = _page(tmp_path, url="https://example.org/ending")
    section = html[html.index('<section class="ek-share"'):html.index("</section>", html.index('<section class="ek-share"'))]
    assert SECRET not in unquote(section), "nothing in the share links reveals the spoiler"
    assert 'href="https://bsky.app/intent/compose?text=Ending%20https%3A%2F%2Fexample.org%2Fending"' in section
    assert re.search(r'<div class="ek-share__mastodon" role="group" aria-label="Mastodon" hidden data-ek-share-mastodon',
                     section) and "<form" not in section, "no server behind the page: no form, fields for the script"
    assert re.search(r"<li hidden><button [^>]*data-ek-share-copy>", section), "Copy link waits for the script"

    served = _page(tmp_path, url="https://example.org/ending", comments_api="https://comments.example/")
    assert 'method="get" action="https://comments.example/essaykit/share/mastodon" data-ek-share-mastodon' in served
    assert '<div class="ek-share__mastodon"' not in served, "with essaykit serve behind it, the form works without JavaScript"


def test_drafts_and_pages_without_an_address_have_no_share_links(tmp_path):
    assert "<section class=\"ek-share\"" not in _page(tmp_path)
    assert "<section class=\"ek-share\"" not in _page(tmp_path, url="https://example.org/ending", draft=True)
