"""Sending: endpoint discovery in the issue's order, then `essaykit mentions send` and
`essaykit build --send-mentions` against essaykit's own receiver on loopback."""

from __future__ import annotations

import json
import urllib.parse

import pytest

from helpers.notebooks import md_cell, notebook
from essaykit.mentions import linkheader
from essaykit.mentions.fetch import FetchPolicy
from essaykit.mentions.receive import EssayAddress
from essaykit.mentions.send import Endpoint, discover, essay_links
from helpers.mention_sites import PageSite, Receiver, blog_post

LOCAL = FetchPolicy(allow_private=True)


@pytest.fixture
def site():
    blog = PageSite()
    yield blog
    blog.close()


# --- the Link header ----------------------------------------------------------------------------


@pytest.mark.parametrize("values, expected", [
    (['<https://e.example/wm>; rel="webmention"'], "https://e.example/wm"),
    (["<https://e.example/wm>; rel=webmention"], "https://e.example/wm"),
    (['<https://e.example/wm>; rel="WebMention"'], "https://e.example/wm"),
    (['<https://e.example/a>; rel="alternate", <https://e.example/wm>; rel="webmention"'], "https://e.example/wm"),
    (['<https://e.example/a,b;c>; rel="webmention"'], "https://e.example/a,b;c"),
    (['<https://e.example/wm>; rel="webmention somethingelse"'], "https://e.example/wm"),
    (['<https://e.example/x>; title="a, \\"rel=webmention\\""; rel="other"', '</wm>; rel="webmention"'], "/wm"),
    (['<https://e.example/x>; rel="other"; rel="webmention"'], None),
    (['<https://e.example/x>; rel="webmentions"'], None),
    (["garbage, <https://e.example/wm>; rel=webmention"], "https://e.example/wm"),
    (["<unclosed; rel=webmention"], None),
    ([""], None),
])
def test_link_headers(values, expected):
    assert linkheader.find_rel(values, "webmention") == expected


# --- discovery -------------------------------------------------------------------------------------


def test_discovery_order_header_then_first_in_document(site):
    both = '<link rel="webmention" href="/from-link"><a rel="webmention" href="/from-a">endpoint</a>'
    site.put("/header", blog_post(both), headers={"Content-Type": "text/html", "Link": '</from-header>; rel="webmention"'})
    site.put("/link", blog_post('<a rel="webmention" href="/from-a">e</a><link rel="webmention" href="/from-link">'))
    site.put("/a", blog_post('<a rel="webmention" href="/from-a?x=1">e</a>'))
    site.put("/empty", blog_post('<link rel="webmention" href="">'))
    site.put("/relative", '<base href="/deep/">' + blog_post('<link rel="webmention" href="wm">'))
    site.put("/none", blog_post("<p>no endpoint</p>"))
    assert discover(site.url + "/header", LOCAL) == Endpoint("webmention", site.url + "/from-header")
    assert discover(site.url + "/link", LOCAL) == Endpoint("webmention", site.url + "/from-a"), \
        "an <a> before the <link> wins: first in document order (W3C Webmention 3.1.2)"
    assert discover(site.url + "/a", LOCAL) == Endpoint("webmention", site.url + "/from-a?x=1")
    assert discover(site.url + "/empty", LOCAL) == Endpoint("webmention", site.url + "/empty"), "empty href: the page"
    assert discover(site.url + "/relative", LOCAL) == Endpoint("webmention", site.url + "/deep/wm")
    assert discover(site.url + "/none", LOCAL) is None


def test_discovery_after_redirects_resolves_against_the_final_page(site):
    site.put("/blog/new", blog_post('<link rel="webmention" href="endpoint">'))
    site.redirect("/old", "/blog/new")
    assert discover(site.url + "/old", LOCAL) == Endpoint("webmention", site.url + "/blog/endpoint")


def test_pingback_is_the_fallback(site):
    site.put("/xp", blog_post(""), headers={"Content-Type": "text/html", "X-Pingback": site.url + "/xmlrpc.php"})
    site.put("/lp", '<link rel="pingback" href="/xmlrpc.php">' + blog_post(""))
    site.put("/both", '<link rel="webmention" href="/wm"><link rel="pingback" href="/xmlrpc.php">')
    assert discover(site.url + "/xp", LOCAL) == Endpoint("pingback", site.url + "/xmlrpc.php")
    assert discover(site.url + "/lp", LOCAL) == Endpoint("pingback", site.url + "/xmlrpc.php")
    assert discover(site.url + "/both", LOCAL) == Endpoint("webmention", site.url + "/wm")


def test_an_endpoint_with_another_scheme_is_ignored(site):
    site.put("/js", blog_post('<link rel="webmention" href="javascript:alert(1)">'))
    assert discover(site.url + "/js", LOCAL) is None


# --- the essay's links -------------------------------------------------------------------------


def essay_notebook(url: str, text: str, *, slug="travels", spoiler: str = "") -> dict:
    cells = [md_cell(text)]
    if spoiler:
        cells.append(md_cell(spoiler, tags=["spoiler"]))
    return notebook(cells, essay={"title": "Travels", "slug": slug, "url": url})


def write(path, nb) -> None:
    path.write_text(json.dumps(nb), encoding="utf-8")


def test_external_links_are_found_once_with_their_paragraph(tmp_path):
    from essaykit.essay import load_essay

    path = tmp_path / "travels.ipynb"
    write(path, essay_notebook("https://me.example/travels.html",
                               "I read [one](https://a.example/post) and [again](https://A.example:443/post#x).\n\n"
                               "See [my other essay](https://me.example/other.html), [mail](mailto:x@y.example), "
                               "[local](notes.html) and [two](http://b.example/).",
                               spoiler="Hidden [three](https://c.example/spoiled)."))
    links = essay_links(load_essay(path), own_sites={"me.example"})
    assert [link.url for link in links] == ["https://a.example/post", "http://b.example/", "https://c.example/spoiled"]
    assert links[0].context == "I read one and again ."


# --- sending, end to end --------------------------------------------------------------------------


@pytest.fixture
def world(tmp_path, site):
    """A blog (``site``) hosting two pages by other authors that essaykit's receiver takes mentions for,
    plus our essay's published page; the sender records into its own database."""
    receiver = Receiver(f"sqlite:///{tmp_path / 'theirs.sqlite'}", [
        EssayAddress("their-webmention", "", (site.url + "/theirs/wm.html",)),
        EssayAddress("their-pingback", "", (site.url + "/theirs/pb.html",)),
    ])
    site.put("/theirs/wm.html", blog_post("<p>their essay</p>"),
             headers={"Content-Type": "text/html", "Link": f'<{receiver.url}/webmention>; rel="webmention"'})
    site.put("/theirs/pb.html", blog_post("<p>their old blog</p>"),
             headers={"Content-Type": "text/html", "X-Pingback": receiver.url + "/pingback"})
    site.put("/nowhere.html", blog_post("<p>no endpoint</p>"))
    yield receiver
    receiver.close()


@pytest.fixture
def mine():
    """Our own site, on another port than the blog we link to."""
    ours = PageSite()
    yield ours
    ours.close()


def publish(mine, text: str) -> str:
    """Our essay's public page, as a static host would serve it."""
    import markdown_it

    return mine.put("/mine/travels.html", blog_post(markdown_it.MarkdownIt().render(text), title="Travels"))


def received(receiver) -> list[tuple[str, str]]:
    import sqlalchemy as sa

    from essaykit.db.schema import received_mentions as q

    with receiver.store._engine.connect() as conn:
        return [(r.kind, r.essay) for r in conn.execute(sa.select(q.c.kind, q.c.essay).order_by(q.c.id))]


def wait_done(receiver):
    import time

    deadline = time.monotonic() + 60
    while receiver.service.queue.waiting() and time.monotonic() < deadline:
        time.sleep(0.05)


def test_send_once_then_only_what_changed(cli, tmp_path, site, world, mine):
    receiver = world
    db = f"sqlite:///{tmp_path / 'ours.sqlite'}"
    path = tmp_path / "travels.ipynb"
    source = mine.url + "/mine/travels.html"
    quiet = f"Elsewhere: [a quiet page]({site.url}/nowhere.html)."
    text = (f"I liked [their essay]({site.url}/theirs/wm.html) and "
            f"[their old blog]({site.url}/theirs/pb.html).\n\n{quiet}")
    write(path, essay_notebook(source, text))
    publish(mine, text)

    first = cli("mentions", "send", path, "--db", db, "--allow-private-sources")
    assert first.exit_code == 0, first.output
    assert "travels: 2 sent, 0 unchanged, 1 without an endpoint, 0 removed, 0 failed" in first.output
    assert "--allow-private-sources is on" in first.output
    wait_done(receiver)
    assert received(receiver) == [("webmention", "their-webmention"), ("pingback", "their-pingback")]
    mentions = {c.essay: c for c in receiver.store.list()}
    assert {e: (c.kind, c.source_url, c.title) for e, c in mentions.items()} == {
        "their-webmention": ("webmention", source, "Travels"), "their-pingback": ("pingback", source, "Travels")}

    again = cli("mentions", "send", path, "--db", db, "--allow-private-sources")
    assert again.exit_code == 0
    assert "travels: 0 sent, 3 unchanged, 0 without an endpoint, 0 removed, 0 failed" in again.output
    wait_done(receiver)
    assert len(received(receiver)) == 2, "a second run sends nothing"

    # Edit the paragraph around the pingback link and drop the webmention link.
    text = f"Now I only recommend [their old blog]({site.url}/theirs/pb.html), warmly.\n\n{quiet}"
    write(path, essay_notebook(source, text))
    publish(mine, text)
    third = cli("mentions", "send", path, "--db", db, "--allow-private-sources")
    assert third.exit_code == 0, third.output
    assert "travels: 1 sent, 0 unchanged, 1 without an endpoint, 1 removed, 0 failed" in third.output, \
        "the essay changed: every link is sent again (the quiet page is asked again too)"
    wait_done(receiver)
    assert received(receiver)[2:] == [("pingback", "their-pingback"), ("webmention", "their-webmention")]
    statuses = {c.essay: c.status for c in receiver.store.list()}
    assert statuses == {"their-webmention": "deleted", "their-pingback": "pending"}, \
        "the final mention let their receiver see the link is gone"
    fourth = cli("mentions", "send", path, "--db", db, "--allow-private-sources")
    assert "0 sent, 2 unchanged, 0 without an endpoint, 0 removed, 0 failed" in fourth.output


def two_links(site) -> str:
    return f"See [their essay]({site.url}/theirs/wm.html).\n\nAnd [their old blog]({site.url}/theirs/pb.html)."


def test_an_update_anywhere_resends_every_link(cli, tmp_path, site, world, mine):
    """webmention.rocks update test: the post changes (not around its links), and every target hears again."""
    receiver, db, path = world, f"sqlite:///{tmp_path / 'ours.sqlite'}", tmp_path / "travels.ipynb"
    source, text = mine.url + "/mine/travels.html", two_links(site)
    write(path, essay_notebook(source, text))
    publish(mine, text)
    assert "2 sent" in cli("mentions", "send", path, "--db", db, "--allow-private-sources").output
    wait_done(receiver)
    text += "\n\nA postscript, far from both links."
    write(path, essay_notebook(source, text))
    publish(mine, text)
    again = cli("mentions", "send", path, "--db", db, "--allow-private-sources")
    assert "travels: 2 sent, 0 unchanged" in again.output, again.output
    wait_done(receiver)
    assert received(receiver)[2:] == [("webmention", "their-webmention"), ("pingback", "their-pingback")]


@pytest.mark.parametrize("how", ["deleted", "draft"])
def test_a_deleted_or_unpublished_essay_withdraws_every_mention(cli, tmp_path, site, world, mine, how):
    """webmention.rocks delete test: the post is gone (its page answers 410), and every target hears once more."""
    receiver, db, folder = world, f"sqlite:///{tmp_path / 'ours.sqlite'}", tmp_path / "essays"
    folder.mkdir()
    source, text = mine.url + "/mine/travels.html", two_links(site)
    write(folder / "travels.ipynb", essay_notebook(source, text))
    write(folder / "other.ipynb", essay_notebook(mine.url + "/mine/other.html", "No links.", slug="other"))
    publish(mine, text)
    assert "2 sent" in cli("mentions", "send", folder, "--db", db, "--allow-private-sources").output
    wait_done(receiver)
    assert {c.essay: c.status for c in receiver.store.list()} == {"their-webmention": "pending",
                                                                  "their-pingback": "pending"}
    if how == "deleted":
        (folder / "travels.ipynb").unlink()
    else:
        nb = essay_notebook(source, text)
        nb["metadata"]["essay"]["draft"] = True
        write(folder / "travels.ipynb", nb)
    mine.put("/mine/travels.html", "gone", status=410)
    result = cli("mentions", "send", folder, "--db", db, "--allow-private-sources")
    assert result.exit_code == 0, result.output
    assert "travels: 0 sent, 0 unchanged, 0 without an endpoint, 2 removed, 0 failed" in result.output
    wait_done(receiver)
    assert {c.essay: c.status for c in receiver.store.list()} == {"their-webmention": "deleted",
                                                                  "their-pingback": "deleted"}, \
        "their receivers fetched the 410 and took the mentions down"
    quiet = cli("mentions", "send", folder, "--db", db, "--allow-private-sources")
    assert "2 removed" not in quiet.output, "withdrawn once"


def test_a_failed_send_is_retried_next_time(cli, tmp_path, site):
    db = f"sqlite:///{tmp_path / 'ours.sqlite'}"
    path = tmp_path / "travels.ipynb"
    site.put("/flaky.html", blog_post('<link rel="webmention" href="/endpoint">'))
    site.pages["POST /endpoint"] = type(site.pages["/flaky.html"])("busy", 503, {"Content-Type": "text/plain"})
    write(path, essay_notebook("https://me.example/mine.html", f"[x]({site.url}/flaky.html)"))
    first = cli("mentions", "send", path, "--db", db, "--allow-private-sources")
    assert first.exit_code == 1 and "FAILED" in first.output and "HTTP 503" in first.output
    del site.pages["POST /endpoint"]
    second = cli("mentions", "send", path, "--db", db, "--allow-private-sources")
    assert second.exit_code == 0 and "1 sent" in second.output
    assert [urllib.parse.parse_qs(body.decode())["target"] for _, _, body in site.posts] == [
        [site.url + "/flaky.html"]] * 2


def test_links_to_private_addresses_are_not_fetched_without_the_flag(cli, tmp_path, site):
    path = tmp_path / "travels.ipynb"
    site.put("/p.html", blog_post('<link rel="webmention" href="/endpoint">'))
    write(path, essay_notebook("https://me.example/travels.html", f"[x]({site.url}/p.html)"))
    result = cli("mentions", "send", path, "--db", f"sqlite:///{tmp_path / 'o.sqlite'}")
    assert result.exit_code == 1 and "loopback address" in result.output
    assert site.gets == [] and site.posts == []


def test_an_essay_without_a_public_address_is_an_error(cli, tmp_path):
    path = tmp_path / "travels.ipynb"
    write(path, notebook([md_cell("[x](https://a.example/)")], essay={"title": "T", "slug": "travels"}))
    result = cli("mentions", "send", path, "--db", f"sqlite:///{tmp_path / 'o.sqlite'}")
    assert result.exit_code == 1
    assert "no public address; set essay.url" in result.output


def test_a_dry_run_sends_and_records_nothing(cli, tmp_path, site):
    path = tmp_path / "travels.ipynb"
    site.put("/p.html", blog_post('<link rel="webmention" href="/endpoint">'))
    write(path, essay_notebook("https://me.example/t.html", f"[x]({site.url}/p.html)"))
    db = f"sqlite:///{tmp_path / 'o.sqlite'}"
    result = cli("mentions", "send", path, "--db", db, "--dry-run", "--allow-private-sources")
    assert result.exit_code == 0 and "would be sent (dry run)" in result.output
    assert site.posts == [] and site.gets == []
    assert "1 sent" in cli("mentions", "send", path, "--db", db, "--allow-private-sources").output


def test_missing_paths_and_bad_base_urls(cli, tmp_path):
    assert "no such file or folder" in cli("mentions", "send", tmp_path / "nope.ipynb").output
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "no .ipynb files here" in cli("mentions", "send", empty).output
    result = cli("mentions", "send", empty, "--base-url", "ftp://x.example/")
    assert result.exit_code == 2 and "http:// or https://" in result.output


def test_build_send_mentions_publishes_then_tells(cli, tmp_path, site, world, static_server):
    receiver = world
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    out = tmp_path / "site"
    out.mkdir()
    base = static_server(out)
    write(notebooks / "travels.ipynb", notebook(
        [md_cell(f"Go read [their essay]({site.url}/theirs/wm.html).")],
        essay={"title": "Travels", "slug": "travels"}))
    db = f"sqlite:///{tmp_path / 'ours.sqlite'}"
    result = cli("build", notebooks, "-o", out, "--base-url", base, "--no-execute", "--db", db,
                 "--send-mentions", "--allow-private-sources", "-j", "1")
    assert result.exit_code == 0, result.output
    assert "travels: 1 sent" in result.output
    wait_done(receiver)
    (mention,) = receiver.store.list("their-webmention")
    assert mention.source_url == base + "travels.html", "the receiver verified the built page"
    assert mention.title == "Travels"
    again = cli("build", notebooks, "-o", out, "--base-url", base, "--no-execute", "--db", db,
                "--send-mentions", "--allow-private-sources", "-j", "1")
    assert "travels: 0 sent, 1 unchanged" in again.output


@pytest.mark.parametrize("page, headers, expected", [
    ('<link rel="nothing webmention else" href="/multi">', {}, "/multi"),
    ('<link rel="not-webmention" href="/wrong"><a rel="webmention" href="/right">x</a>', {}, "/right"),
    ('<!-- <link rel="webmention" href="/commented"> --><a rel="webmention" href="/right">x</a>', {}, "/right"),
    ('<p>&lt;link rel="webmention" href="/escaped"&gt;</p><a rel="webmention" href="/right">x</a>', {}, "/right"),
    ('<link rel="webmention"><a rel="webmention" href="/right">x</a>', {}, "/right"),
    ('<script>var s = \'<link rel="webmention" href="/scripted">\';</script>', {}, None),
    ("<p>plain</p>", {"LinK": '</cased>; REL="webmention"'}, "/cased"),
    ("<p>plain</p>", {"Link": ['<https://x.example/a>; rel="other"', '</second>; rel="webmention"']}, "/second"),
    ("<p>plain</p>", {"Link": '<https://x.example/a>; rel="other", </in-one>; rel="webmention"'}, "/in-one"),
])
def test_discovery_edge_cases(site, page, headers, expected):
    site.put("/edge", blog_post(page), headers={"Content-Type": "text/html", **headers})
    found = discover(site.url + "/edge", LOCAL)
    assert (found.url if found else None) == (site.url + expected if expected else None)


def test_a_broken_notebook_is_named_and_the_others_are_still_sent(cli, tmp_path, site):
    folder = tmp_path / "essays"
    folder.mkdir()
    (folder / "broken.ipynb").write_text("{not json", encoding="utf-8")
    site.put("/p.html", blog_post('<link rel="webmention" href="/endpoint">'))
    write(folder / "travels.ipynb", essay_notebook("https://me.example/t.html", f"[x]({site.url}/p.html)"))
    result = cli("mentions", "send", folder, "--db", f"sqlite:///{tmp_path / 'o.sqlite'}", "--allow-private-sources")
    assert result.exit_code == 1
    assert "broken.ipynb" in result.output and "travels: 1 sent" in result.output
