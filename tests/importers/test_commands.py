"""`essaykit import`: end to end, from files to notebooks, the comment store and exported pages."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from .builders import (
    HOSTILE, HTML_FIXTURE, TEXT_FIXTURE, WXR_FIXTURE, dangerous, wxr_comment, wxr_item, write_wxr,
)

from essaykit.comments.store import CommentStore
from essaykit.essay import check_essay, load_essay
from essaykit.exports.page import render_page

ALL_FIXTURES = (WXR_FIXTURE, HTML_FIXTURE, TEXT_FIXTURE)


@pytest.fixture
def target(tmp_path):
    """(output folder, database URL, database file) in a fresh temporary folder."""
    db = tmp_path / "store" / "comments.sqlite"
    db.parent.mkdir()
    return tmp_path / "notebooks", f"sqlite:///{db}", db


def do_import(cli, target, *files, extra=()):
    out, url, _ = target
    return cli("import", *files, "-o", out, "--db", url, *extra)


def stored(target, essay=None):
    store = CommentStore.open(target[1])
    try:
        return store.list(essay)
    finally:
        store.close()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- the happy path ---------------------------------------------------------------------------


def test_all_three_formats_import_with_one_line_per_essay(cli, target):
    result = do_import(cli, target, *ALL_FIXTURES)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("the-ferrymans-ledger: 6 comments, 2 mentions")
    assert lines[1].startswith("salt-and-wire: 1 comment, 0 mentions")
    assert lines[2].startswith("about: 0 comments, 0 mentions")
    assert lines[3].startswith("the-orchard-at-night: 3 comments, 1 mention")
    assert lines[4].startswith("notes-from-the-back-row-the-glass-aviary: 3 comments, 1 mention")
    assert "skipped blog.wxr.xml: item 3 'Half-finished thoughts" in result.stderr and "draft" in result.stderr
    out = target[0]
    assert sorted(p.stem for p in out.glob("*.ipynb")) == sorted(
        ["the-ferrymans-ledger", "salt-and-wire", "about", "the-orchard-at-night", "notes-from-the-back-row-the-glass-aviary"])


def test_imported_notebooks_are_valid_nbformat_and_pass_check(cli, target):
    import nbformat

    assert do_import(cli, target, *ALL_FIXTURES).exit_code == 0
    for path in target[0].glob("*.ipynb"):
        nbformat.validate(nbformat.read(path, as_version=4))
        essay, problems = check_essay(path)
        assert problems == [], f"{path.name}: {problems}"
        last = essay.notebook["cells"][-1]
        assert last["cell_type"] == "code" and last["metadata"]["tags"] == ["comments"]
        assert last["source"] == "from essaykit import CommentSection\nCommentSection()"
        assert essay.notebook["metadata"]["essay"]["source"]["kind"] in ("wxr", "html", "text")


def test_imported_notebooks_are_trusted_for_their_author(cli, target, tmp_path, monkeypatch):
    import nbformat
    from nbformat.sign import NotebookNotary

    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter-data"))
    assert do_import(cli, target, WXR_FIXTURE).exit_code == 0
    paths = sorted(target[0].glob("*.ipynb"))
    assert paths
    for path in paths:
        assert NotebookNotary().check_signature(nbformat.read(path, as_version=4)), f"{path.name} is not trusted"
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "someone-else"))
    assert not NotebookNotary().check_signature(nbformat.read(paths[0], as_version=4)), "only in this user's notary"


def test_imported_pingbacks_show_their_words_without_markdown_escapes(cli, target):
    assert do_import(cli, target, WXR_FIXTURE).exit_code == 0
    with CommentStore.open(target[1]) as store:
        pings = [c for c in store.list() if c.kind == "pingback"]
    assert pings
    for ping in pings:
        assert "\\" not in ping.body, ping.body
    assert any("[…] Reel Notes has a patient review of The Ferryman’s Ledger […]" == p.body for p in pings)


def test_check_command_accepts_every_imported_essay(cli, target):
    assert do_import(cli, target, *ALL_FIXTURES).exit_code == 0
    result = cli("check", *sorted(target[0].glob("*.ipynb")))
    assert result.exit_code == 0, result.output


def test_imported_essays_export_with_their_spoiler_blocks(cli, target):
    assert do_import(cli, target, *ALL_FIXTURES).exit_code == 0
    for slug, label in [("the-ferrymans-ledger", "Spoilers ahead."),
                        ("the-orchard-at-night", "Spoiler warning: the rest of this review discusses the ending."),
                        ("notes-from-the-back-row-the-glass-aviary", "The rest of this post contains spoilers.")]:
        page = render_page(load_essay(target[0] / f"{slug}.ipynb"))
        assert label in page, f"{slug}: the spoiler block should carry the announcement as its label"
        body = page[page.index("<body"):]
        assert not dangerous(re.sub(r"<(script|style)\b.*?</\1>", "", body, flags=re.S)), \
            f"{slug}: the exported body has active content"


def test_comments_land_in_the_store_threaded_with_statuses(cli, target):
    assert do_import(cli, target, WXR_FIXTURE).exit_code == 0
    store = CommentStore.open(target[1])
    try:
        thread = store.thread("the-ferrymans-ledger").items
        assert [c.depth for c in thread] == [0, 1, 2], "only approved comments show, three deep"
        assert [c.author for c in store.mentions("the-ferrymans-ledger")] == [
            "Nine Slow Films for Winter \u2013 The Quiet Reel", "River Pictures Weekly"]
        statuses = sorted(c.status for c in store.list("the-ferrymans-ledger"))
        assert statuses == ["approved"] * 5 + ["deleted", "pending", "spam"]
        first = thread[0]
        assert first.email == "ines@halloran.example.org", "emails are kept for the author"
        assert "email" not in first.public_dict() and "ines@" not in json.dumps(first.public_dict())
        assert "<em>ice</em>" in first.body_html
    finally:
        store.close()


def test_default_database_lives_beside_the_notebooks(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("ESSAYKIT_DB", raising=False)
    out = tmp_path / "nb"
    assert cli("import", TEXT_FIXTURE, "-o", out).exit_code == 0
    assert (out / ".essaykit" / "comments.sqlite").is_file()


@pytest.mark.slow
def test_executed_export_shows_the_imported_thread_and_mentions(cli, target, tmp_path):
    from helpers.cli import run_essaykit

    assert do_import(cli, target, WXR_FIXTURE).exit_code == 0
    page = tmp_path / "ferry.html"
    result = run_essaykit("export", target[0] / "the-ferrymans-ledger.ipynb", "-o", page, "--db", target[1],
                          timeout=300)
    assert result.returncode == 0, result.stderr
    html = page.read_text(encoding="utf-8")
    for words in ("Saw it on your recommendation", "Glad it landed", "Now I have to go back",
                  "Nine Slow Films for Winter", "River Pictures Weekly"):
        assert words in html, f"{words!r}: imported comments and mentions belong in the static export"
    for hidden in ("Visit our shop", "wrong review", "Still waiting", "ines@halloran"):
        assert hidden not in html, f"{hidden!r}: spam, trashed and pending comments and emails never show"
    assert re.findall(r'<li class="ek-comment[^"]*"[^>]*data-ek-depth="(\d)"', html) == ["0", "1", "2"], "the thread is three deep, in order"
    assert html.count('class="ek-mention"') == 2, "the pingback and the trackback are mentions"


@pytest.mark.browser
@pytest.mark.slow
def test_voila_shows_the_imported_thread_and_mentions(cli, target, essaykit_server, page, tmp_path):
    from helpers.comment_pages import LOAD_MS, open_comments

    assert do_import(cli, target, WXR_FIXTURE).exit_code == 0
    server = essaykit_server(target[0] / "the-ferrymans-ledger.ipynb", db=target[1])
    open_comments(page, server.url + "/")
    thread = page.locator(".ek-comment-section .ek-comment")
    thread.first.wait_for(state="visible", timeout=LOAD_MS)
    assert thread.count() == 3, "approved comments only"
    assert [el.get_attribute("data-ek-depth") for el in thread.element_handles()] == ["0", "1", "2"]
    assert page.locator(".ek-comment-section .ek-mention").count() == 2, "the pingback and the trackback"
    assert "Now I have to go back" in thread.nth(2).inner_text()
    assert page.locator("text=Visit our shop").count() == 0 and "ines@halloran" not in page.content()
    assert page.locator("summary.ek-spoiler-block__label", has_text="Spoilers ahead.").count() == 1
    page.screenshot(path=str(tmp_path / "voila-imported.png"), full_page=True)


# --- idempotence, dry run, force --------------------------------------------------------------


def test_reimport_is_a_no_op(cli, target):
    assert do_import(cli, target, *ALL_FIXTURES).exit_code == 0
    before_files = snapshot(target[0])
    before_comments = [c.record() for c in stored(target)]
    again = do_import(cli, target, *ALL_FIXTURES)
    assert again.exit_code == 0, again.output
    assert snapshot(target[0]) == before_files, "a second import must not touch any notebook"
    assert [c.record() for c in stored(target)] == before_comments, "a second import must not add or change comments"
    assert "0 notebooks written, 0 comments added" in again.stderr
    assert "already stored" in again.stdout and "notebook exists and was kept" in again.stdout


def test_reimport_adds_only_new_comments_and_keeps_moderation(cli, target, tmp_path):
    first = write_wxr(tmp_path / "a.xml", wxr_item(1, title="Post", comments=(wxr_comment(1),)))
    assert do_import(cli, target, first).exit_code == 0
    store = CommentStore.open(target[1])
    try:
        [only] = store.list("post-1")
        store.set_status([only.id], "spam", by="test")
    finally:
        store.close()
    later = write_wxr(tmp_path / "a.xml", wxr_item(1, title="Post", comments=(wxr_comment(1), wxr_comment(2))))
    result = do_import(cli, target, later)
    assert "1 comment added, 1 already stored" in result.stdout
    assert sorted(c.status for c in stored(target, "post-1")) == ["approved", "spam"], \
        "the moderator's decision survives a re-import"


def test_dry_run_writes_nothing(cli, target):
    out, _, db = target
    result = do_import(cli, target, *ALL_FIXTURES, extra=("--dry-run",))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("the-ferrymans-ledger: 6 comments, 2 mentions (would write")
    assert not out.exists(), "--dry-run must not create the output folder"
    assert not db.exists(), "--dry-run must not create the database"
    assert "nothing was written" in result.stderr


def test_dry_run_after_an_import_changes_nothing(cli, target):
    assert do_import(cli, target, WXR_FIXTURE).exit_code == 0
    before = snapshot(target[0]), target[2].read_bytes()
    result = do_import(cli, target, WXR_FIXTURE, extra=("--dry-run",))
    assert "would keep it" in result.stdout
    assert (snapshot(target[0]), target[2].read_bytes()) == before


def test_an_existing_notebook_is_never_overwritten_without_force(cli, target):
    out = target[0]
    out.mkdir()
    mine = out / "about.ipynb"
    mine.write_text('{"hand": "written"}')
    result = do_import(cli, target, WXR_FIXTURE)
    assert result.exit_code == 0, result.output
    assert mine.read_text() == '{"hand": "written"}'
    assert "about-2: 0 comments" in result.stdout
    assert "slug 'about' is already used; this essay is 'about-2'" in result.stderr


def test_force_replaces_an_imported_notebook_but_keeps_comments(cli, target):
    assert do_import(cli, target, WXR_FIXTURE).exit_code == 0
    path = target[0] / "salt-and-wire.ipynb"
    edited = json.loads(path.read_text())
    edited["cells"][0]["source"] = "My edit."
    path.write_text(json.dumps(edited))
    kept = do_import(cli, target, WXR_FIXTURE)
    assert json.loads(path.read_text())["cells"][0]["source"] == "My edit.", "without --force the edit stays"
    assert kept.exit_code == 0
    forced = do_import(cli, target, WXR_FIXTURE, extra=("--force",))
    assert forced.exit_code == 0 and "salt-and-wire: 1 comment, 0 mentions (notebook replaced" in forced.stdout
    assert json.loads(path.read_text())["cells"][0]["source"].startswith("Twelve minutes")
    assert len(stored(target)) == 9, "replacing notebooks never deletes comments"


# --- bad input --------------------------------------------------------------------------------


def test_duplicate_slugs_are_made_unique_and_reported(cli, target, tmp_path):
    path = write_wxr(tmp_path / "dupes.xml", wxr_item(1, title="Same", name="same", comments=(wxr_comment(1),)),
                     wxr_item(2, title="Same again", name="same", comments=(wxr_comment(2),)))
    result = do_import(cli, target, path)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == [
        "same: 1 comment, 0 mentions (new notebook; 1 comment added; with its name and date)",
        "same-2: 1 comment, 0 mentions (new notebook; 1 comment added; with its name and date)"]
    assert "slug 'same' is already used; this essay is 'same-2'" in result.stderr
    assert [c.essay for c in stored(target)] == ["same", "same-2"]
    again = do_import(cli, target, path)
    assert "same-2: 1 comment" in again.stdout and not (target[0] / "same-3.ipynb").exists(), \
        "re-import finds each post's own notebook again"


def _png(path: Path) -> Path:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    return path


def _zip(path: Path) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as zf:  # a ZIP of a WordPress export imports (test_exports.py); of a text file, not
        zf.write(TEXT_FIXTURE, "post.txt")
    return path


def _truncated(path: Path) -> Path:
    path.write_bytes(WXR_FIXTURE.read_bytes()[:4000])
    return path


def _utf16_lie(path: Path) -> Path:
    path.write_bytes(WXR_FIXTURE.read_bytes().replace(b'encoding="UTF-8"', b'encoding="UTF-16"'))
    return path


@pytest.mark.parametrize("make, words", [
    (_png, "PNG image"), (_zip, "ZIP archive"), (_truncated, "truncated"), (_utf16_lie, "encoding"),
])
def test_a_bad_file_is_named_and_the_others_still_import(cli, target, tmp_path, make, words):
    bad = make(tmp_path / "bad-upload.xml")
    result = do_import(cli, target, bad, TEXT_FIXTURE)
    assert result.exit_code == 1, result.output
    [error] = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert "bad-upload.xml" in error and words in error
    assert "Traceback" not in result.output
    assert "notes-from-the-back-row-the-glass-aviary: 3 comments" in result.stdout


def test_one_bad_post_never_stops_the_others(cli, target, tmp_path):
    path = write_wxr(tmp_path / "mixed.xml",
                     wxr_item(1, title="Has a huge comment", comments=(wxr_comment(1, content="word " * 21_000),)),
                     wxr_item(2, title="Fine", comments=(wxr_comment(2),)))
    result = do_import(cli, target, path)
    assert result.exit_code == 1
    assert re.search(r"error: mixed\.xml: item 1 'Has a huge comment' \(post 1\): comment wxr-\w+-1: .*too long", result.stderr)
    assert "post-2: 1 comment, 0 mentions" in result.stdout
    assert [c.essay for c in stored(target)] == ["post-2"]


def test_orphan_comments_are_imported_at_the_top_level_with_a_note(cli, target, tmp_path):
    path = write_wxr(tmp_path / "o.xml", wxr_item(1, comments=(wxr_comment(7, parent=3),)))
    result = do_import(cli, target, path)
    assert result.exit_code == 0
    assert "comment 7 replies to comment 3, which is not in the file" in result.stderr
    [comment] = stored(target)
    assert comment.parent is None and comment.status == "approved"


def test_bad_database_url_is_one_line_and_writes_nothing(cli, tmp_path):
    out = tmp_path / "nb"
    result = cli("import", WXR_FIXTURE, "-o", out, "--db", "nosuchdriver://x/y")
    assert result.exit_code == 2 and result.stderr.startswith("error:") and len(result.stderr.splitlines()) == 1
    assert not list(out.glob("*.ipynb"))


def test_output_path_that_is_a_file_is_refused(cli, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = cli("import", TEXT_FIXTURE, "-o", blocker)
    assert result.exit_code == 2 and "is a file" in result.stderr


# --- hostile content --------------------------------------------------------------------------


def hostile_wxr(tmp_path: Path) -> Path:
    content = "<p>Opening line.</p>" + "".join(f"<p>{h}</p>" for h in HOSTILE) + "<p>Spoilers ahead.</p><p>Hidden end.</p>"
    comments = tuple(wxr_comment(i, content=f"Comment {i}: {h}", url="javascript:alert(1)")
                     for i, h in enumerate(HOSTILE, 1))
    return write_wxr(tmp_path / "hostile.xml", wxr_item(1, title="<script>alert('title')</script>Hostile",
                                                        name="hostile", content=content, comments=comments))


def test_hostile_post_and_comment_html_never_reach_the_page_or_the_store(cli, target, tmp_path):
    result = do_import(cli, target, hostile_wxr(tmp_path))
    assert result.exit_code == 0, result.output
    page = render_page(load_essay(target[0] / "hostile.ipynb"))
    body = re.sub(r"<(script|style)\b[^>]*>.*?</\1>", "", page[page.index("<body"):], flags=re.S)
    assert "Opening line." in body and "Hidden end." in body, "the harmless text around the payloads survives"
    assert not dangerous(body), f"active content in the exported page: {dangerous(body)}"
    code = re.findall(r"<script\b(?![^>]*application/ld\+json)[^>]*>(.*?)</script>", page, flags=re.S)
    assert "alert(" not in "".join(code), "no imported text may end up inside the page's own scripts"
    for data in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, flags=re.S):
        assert "<" not in data and json.loads(data), "structured data carries the title as escaped JSON, never markup"
    store = CommentStore.open(target[1])
    try:
        comments = store.list("hostile")
        assert len(comments) == len(HOSTILE)
        for comment in comments:
            assert not dangerous(comment.body_html), comment.body_html
            assert comment.website == "", "a javascript: website is dropped"
    finally:
        store.close()


def _hostile_page(path: Path) -> Path:
    items = "".join(f'<li id="comment-{i}" class="comment"><div class="comment-body"><div class="comment-author">'
                    f'<b class="fn"><a href="javascript:alert({i})">Mallory {i}</a></b></div>'
                    f'<div class="comment-content"><p>Reply {i}: {h}</p></div></div></li>'
                    for i, h in enumerate(HOSTILE, 1))
    path.write_text(f"""<!doctype html><html><head><title>Hostile page</title><script>alert('head')</script></head>
<body onload="alert('body')"><article><h1 class="entry-title">Hostile page</h1><div class="entry-content">
<p>Opening line.</p>{''.join(f'<p>{h}</p>' for h in HOSTILE)}<p>Closing line.</p></div></article>
<ol class="comment-list">{items}</ol></body></html>""", encoding="utf-8")
    return path


def _hostile_text(path: Path) -> Path:
    path.write_text("Hostile text\n\nOpening line.\n\n" + "\n\n".join(HOSTILE) + "\n\nComments\n\n"
                    + "\n\n".join(f"- Reply {i}: {h}\nMallory" for i, h in enumerate(HOSTILE, 1)) + "\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("make, slug", [(_hostile_page, "hostile-page"), (_hostile_text, "hostile-text")])
def test_hostile_saved_pages_and_text_copies_are_defused(cli, target, tmp_path, make, slug):
    result = do_import(cli, target, make(tmp_path / f"{slug}.src"))
    assert result.exit_code == 0, result.output
    page = render_page(load_essay(target[0] / f"{slug}.ipynb"))
    body = re.sub(r"<(script|style)\b[^>]*>.*?</\1>", "", page[page.index("<body"):], flags=re.S)
    assert not dangerous(body), f"active content in the exported page: {dangerous(body)}"
    assert "Opening line." in body
    comments = stored(target, slug)
    assert len(comments) == len(HOSTILE), "every hostile comment is still imported, defused"
    for comment in comments:
        assert not dangerous(comment.body_html), comment.body_html
        assert comment.website == ""


@pytest.mark.browser
def test_hostile_import_runs_nothing_in_chromium(cli, target, tmp_path, page):
    assert do_import(cli, target, hostile_wxr(tmp_path)).exit_code == 0
    exported = tmp_path / "hostile.html"
    exported.write_text(render_page(load_essay(target[0] / "hostile.ipynb")), encoding="utf-8")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(exported.as_uri())
    page.wait_for_load_state("load")
    summary = page.locator("summary.ek-spoiler-block__label")
    assert summary.count() == 1 and "Spoilers ahead." in summary.inner_text()
    summary.click()
    page.locator("text=Hidden end.").wait_for(state="visible", timeout=15000)
    for el in page.query_selector_all("p, a, img"):
        if el.is_visible():
            el.hover()
    assert dialogs == [], f"imported content ran script: {dialogs}"
    assert page.locator("text=Opening line.").count() == 1
    handlers = page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(el =>
        [...el.attributes].filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name))""")
    assert handlers == [], f"event handler attributes reached the page: {handlers}"
    assert page.evaluate("[...document.querySelectorAll('a[href]')].filter(a => /^\\s*javascript:/i.test(a.href)).length") == 0
    assert page.evaluate("document.querySelectorAll('iframe, object, embed').length") == 0
    page.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)


# --- size -------------------------------------------------------------------------------------


def _big_wxr(path: Path, target_bytes: int) -> int:
    """Write a WXR of about ``target_bytes`` with a few hundred long posts and their comments; return the
    number of posts."""
    paragraph = "<p>" + ("A long paragraph about rivers, ferries and ledgers. " * 40) + "</p>\n"
    with open(path, "w", encoding="utf-8") as fh:
        head = write_wxr(path.with_suffix(".head"), "").read_text()
        path.with_suffix(".head").unlink()
        start, end = head.split("</channel>")
        fh.write(start)
        n = 0
        while fh.tell() < target_bytes:
            n += 1
            comments = tuple(wxr_comment(n * 10 + k, content="Comment text. " * 30, parent=n * 10 + k - 1 if k else 0)
                             for k in range(3))
            fh.write(wxr_item(n, title=f"Post {n}", content=paragraph * 120, comments=comments))
        fh.write("</channel>" + end)
    return n


@pytest.mark.slow
def test_a_50_mb_export_streams_in_bounded_memory(tmp_path):
    big = tmp_path / "big.xml"
    posts = _big_wxr(big, 50 * 1024 * 1024)
    assert big.stat().st_size >= 50 * 1024 * 1024
    out, db = tmp_path / "nb", tmp_path / "c.sqlite"
    probe = (
        "import resource, subprocess, sys\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "sys.stderr.write(p.stderr[-2000:])\n"
        "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    exe = str(Path(sys.executable).with_name("essaykit"))
    proc = subprocess.run([sys.executable, "-c", probe, exe, "import", str(big), "-o", str(out), "--db", f"sqlite:///{db}"],
                          capture_output=True, text=True, timeout=900, env={**os.environ})
    code, peak_kib = map(int, proc.stdout.split())
    assert code == 0, proc.stderr
    assert len(list(out.glob("*.ipynb"))) == posts
    assert f"imported {posts} essays" in proc.stderr
    print(f"50 MB export: {posts} posts, peak RSS {peak_kib / 1024:.0f} MiB")
    assert peak_kib / 1024 < 500, f"peak RSS {peak_kib / 1024:.0f} MiB for a 50 MB export; it must stream"
    shutil.rmtree(out)
    big.unlink()
