"""Receiving Webmentions over real HTTP: the receiver cases of the W3C Recommendation.

Source pages are served by a small loopback blog (``PageSite``); the receiver
is essaykit's mention routes with their worker, on another loopback port,
storing into a real SQLite comment store. The fetcher is told to allow
private addresses (everything here is 127.0.0.1), as ``--allow-private-sources`` does.
"""

from __future__ import annotations

import pytest

from essaykit.mentions.receive import EssayAddress
from helpers.mention_sites import PageSite, Receiver, blog_post


@pytest.fixture
def site():
    blog = PageSite()
    yield blog
    blog.close()


@pytest.fixture
def receiver(tmp_path, site):
    essays = [
        EssayAddress("salt-road", "/voila/render/salt-road.ipynb", ("https://essays.example/salt-road/",)),
        # An essay whose public page lives on the blog's host, so the blog can link to it relatively.
        EssayAddress("ledger", "/voila/render/ledger.ipynb", (site.url + "/essays/ledger.html",)),
    ]
    r = Receiver(f"sqlite:///{tmp_path / 'comments.sqlite'}", essays)
    r.target = r.url + "/voila/render/salt-road.ipynb"
    yield r
    r.close()


def stored(receiver, essay="salt-road"):
    return [c for c in receiver.store.list(essay) if c.kind != "comment"]


def test_a_link_in_an_a_href_is_verified_and_held_for_moderation(site, receiver):
    source = site.put("/posts/roads", blog_post(
        f'<p>I finally read <a href="{receiver.target}">the salt road essay</a> and loved it.</p>',
        title="Roads I have walked"))
    state = receiver.mention(source, receiver.target)
    assert state["status"] == "accepted", state
    assert "waiting for the author" in state["message"]
    (mention,) = stored(receiver)
    assert (mention.kind, mention.source_url, mention.status) == ("webmention", source, "pending")
    assert mention.title == "Roads I have walked", "no h-entry: the title comes from <title>"
    assert "I finally read the salt road essay and loved it." in mention.body, "the excerpt is the link's paragraph"
    assert receiver.store.mentions("salt-road") == [], "held: not shown until the author approves it"


def test_the_essays_url_metadata_is_a_target_too_and_a_relative_link_counts(site, receiver):
    target = site.url + "/essays/ledger.html"
    source = site.put("/blog/2026/reply.html", blog_post('<p>See <a href="../../essays/ledger.html">the ledger</a>.</p>'))
    state = receiver.mention(source, target)
    assert state["status"] == "accepted", state
    assert [m.source_url for m in stored(receiver, "ledger")] == [source]


def test_a_base_element_resolves_relative_links(site, receiver):
    source = site.put("/based", '<html><head><base href="' + receiver.url + '/voila/"><title>Based</title></head>'
                      '<body><p><a href="render/salt-road.ipynb">via base</a></p></body></html>')
    assert receiver.mention(source, receiver.target)["status"] == "accepted"


def test_an_h_entry_gives_the_title_author_and_excerpt(site, receiver):
    source = site.put("/entry", f"""<!DOCTYPE html><html><head><title>Site chrome title</title></head><body>
      <article class="h-entry">
        <h1 class="p-name">Walking the old salt road</h1>
        <a class="p-author h-card" href="https://mara.example/">Mara Quist</a>
        <p class="p-summary">A week on foot, following an essay.</p>
        <div class="e-content"><p>I read <a href="{receiver.target}">this essay</a> and went.</p></div>
      </article></body></html>""")
    assert receiver.mention(source, receiver.target)["status"] == "accepted"
    (mention,) = stored(receiver)
    assert mention.title == "Walking the old salt road"
    assert (mention.author, mention.website) == ("Mara Quist", "https://mara.example/")
    assert mention.body == "A week on foot, following an essay."


def test_a_note_without_a_name_uses_the_page_title_and_its_content(site, receiver):
    source = site.put("/note", f"""<html><head><title>Note by Ines</title></head><body>
      <div class="h-entry"><div class="e-content">Short note: <a href="{receiver.target}">good read</a></div>
      </div></body></html>""")
    assert receiver.mention(source, receiver.target)["status"] == "accepted"
    (mention,) = stored(receiver)
    assert mention.title == "Note by Ines"
    assert mention.body == "Short note: good read"


def test_no_link_is_rejected_and_nothing_is_stored(site, receiver):
    source = site.put("/unrelated", blog_post("<p>Nothing about essays here.</p>"))
    state = receiver.mention(source, receiver.target)
    assert state["status"] == "rejected"
    assert "does not link to the target" in state["message"]
    assert stored(receiver) == []


@pytest.mark.parametrize("hidden", [
    '<script>var u = "{t}"; document.write(\'<a href="{t}">x</a>\');</script>',
    "<!-- <a href=\"{t}\">old link</a> -->",
    '<textarea><a href="{t}">typed, not a link</a></textarea>',
    '<p>The address {t} written out, not linked.</p>',
    '<link rel="alternate" href="{t}">',
])
def test_a_url_that_is_not_a_link_does_not_verify(site, receiver, hidden):
    source = site.put("/hidden", blog_post(hidden.replace("{t}", receiver.target)))
    state = receiver.mention(source, receiver.target)
    assert state["status"] == "rejected", (hidden, state)
    assert stored(receiver) == []


def test_a_source_answering_404_is_rejected(site, receiver):
    source = site.put("/missing", "<p>gone</p>", status=404)
    state = receiver.mention(source, receiver.target)
    assert state["status"] == "rejected" and "HTTP 404" in state["message"]
    assert stored(receiver) == []


def test_a_redirect_is_followed_and_relative_links_resolve_against_the_final_page(site, receiver):
    site.put("/new/home", blog_post(f'<p><a href="{receiver.target}">moved post</a></p>', title="Moved"))
    source = site.redirect("/old/home", "/new/home")
    assert receiver.mention(source, receiver.target)["status"] == "accepted"
    (mention,) = stored(receiver)
    assert mention.source_url == source, "the mention is stored under the URL that was sent"
    assert mention.title == "Moved"


def test_too_many_redirects_are_refused(site, receiver):
    for i in range(7):
        site.redirect(f"/hop{i}", f"/hop{i + 1}", status=302)
    site.put("/hop7", blog_post(f'<a href="{receiver.target}">x</a>'))
    state = receiver.mention(site.url + "/hop0", receiver.target)
    assert state["status"] == "rejected" and "redirects more than 5 times" in state["message"]


def test_a_document_that_is_not_html_text_or_json_is_not_parsed(site, receiver):
    source = site.put("/doc.bin", f"see {receiver.target}", headers={"Content-Type": "application/octet-stream"})
    state = receiver.mention(source, receiver.target)
    assert state["status"] == "rejected" and "application/octet-stream, not an HTML, text or JSON document" in \
        state["message"]


def test_an_oversized_source_is_refused(site, receiver):
    filler = "<p>" + "words " * 200_000 + "</p>"
    source = site.put("/huge", blog_post(filler + f'<a href="{receiver.target}">x</a>'))
    state = receiver.mention(source, receiver.target)
    assert state["status"] == "rejected" and "limit is 1,000,000" in state["message"]
    assert stored(receiver) == []


def test_the_same_mention_twice_is_stored_once_and_updated(site, receiver):
    source = site.put("/twice", blog_post(f'<p><a href="{receiver.target}">first words</a></p>', title="First title"))
    assert receiver.mention(source, receiver.target)["status"] == "accepted"
    (first,) = stored(receiver)
    receiver.store.set_status(first.id, "approved", by="author")
    site.put("/twice", blog_post(f'<p><a href="{receiver.target}">edited words</a></p>', title="Edited title"))
    state = receiver.mention(source, receiver.target)
    assert state["status"] == "updated", state
    (again,) = stored(receiver)
    assert again.id == first.id, "a re-sent mention updates the stored one"
    assert (again.title, again.status) == ("Edited title", "approved"), "updated in place; approval kept"
    assert "edited words" in again.body
    assert [m.title for m in receiver.store.mentions("salt-road")] == ["Edited title"]


def test_a_source_that_no_longer_links_removes_the_mention(site, receiver):
    source = site.put("/fickle", blog_post(f'<p><a href="{receiver.target}">link</a></p>'))
    receiver.mention(source, receiver.target)
    (mention,) = stored(receiver)
    receiver.store.set_status(mention.id, "approved", by="author")
    site.put("/fickle", blog_post("<p>I took the link out.</p>"))
    state = receiver.mention(source, receiver.target)
    assert state["status"] == "removed", state
    assert receiver.store.mentions("salt-road") == []
    assert receiver.store.get(mention.id).status == "deleted"
    assert receiver.store.log(mention.id)[-1]["by"] == "mentions"
    # The link comes back: the mention is verified again and held, as a new one would be.
    site.put("/fickle", blog_post(f'<p><a href="{receiver.target}">link again</a></p>'))
    assert receiver.mention(source, receiver.target)["status"] == "updated"
    assert receiver.store.get(mention.id).status == "pending"


def test_a_source_answering_410_removes_the_mention(site, receiver):
    source = site.put("/doomed", blog_post(f'<p><a href="{receiver.target}">link</a></p>'))
    receiver.mention(source, receiver.target)
    (mention,) = stored(receiver)
    receiver.store.set_status(mention.id, "approved", by="author")
    site.put("/doomed", "<p>Deleted.</p>", status=410)
    state = receiver.mention(source, receiver.target)
    assert state["status"] == "removed" and "410" in state["message"]
    assert receiver.store.get(mention.id).status == "deleted"


def test_a_404_leaves_an_existing_mention_alone(site, receiver):
    source = site.put("/flaky", blog_post(f'<p><a href="{receiver.target}">link</a></p>'))
    receiver.mention(source, receiver.target)
    (mention,) = stored(receiver)
    site.put("/flaky", "<p>oops</p>", status=404)
    assert receiver.mention(source, receiver.target)["status"] == "rejected"
    assert receiver.store.get(mention.id).status == "pending"


def test_the_author_spam_decision_survives_a_resend(site, receiver):
    source = site.put("/spammy", blog_post(f'<p><a href="{receiver.target}">link</a></p>'))
    receiver.mention(source, receiver.target)
    (mention,) = stored(receiver)
    receiver.store.set_status(mention.id, "spam", by="author")
    receiver.mention(source, receiver.target)
    assert receiver.store.get(mention.id).status == "spam"


def test_domain_lists_moderate_mentions(tmp_path, site):
    from essaykit.comments.moderation import Rules

    essays = [EssayAddress("salt-road", "/voila/render/salt-road.ipynb", ())]
    trusted = Receiver(f"sqlite:///{tmp_path / 'trusted.sqlite'}", essays, rules=Rules(allow_domains=("127.0.0.1",)))
    blocked = Receiver(f"sqlite:///{tmp_path / 'blocked.sqlite'}", essays, rules=Rules(block_domains=("127.0.0.1",)))
    try:
        for receiver, status in ((trusted, "approved"), (blocked, "spam")):
            target = receiver.url + "/voila/render/salt-road.ipynb"
            source = site.put(f"/lists-{status}", blog_post(f'<a href="{target}">x</a>'))
            receiver.mention(source, target)
            (mention,) = [c for c in receiver.store.list("salt-road")]
            assert mention.status == status
    finally:
        trusted.close()
        blocked.close()


def test_the_status_url_reports_queued_requests_by_their_token(site, receiver):
    source = site.put("/status", blog_post(f'<a href="{receiver.target}">x</a>'))
    status, headers, body = receiver.send(source, receiver.target)
    assert status == 201
    assert headers["location"] == body["status_url"]
    assert headers["location"].startswith(receiver.url + "/webmention/status/")
    final = receiver.wait(headers["location"])
    assert (final["source"], final["target"], final["kind"]) == (source, receiver.target, "webmention")
    assert final["finished"] is not None
