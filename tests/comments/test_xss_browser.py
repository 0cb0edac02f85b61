"""The hostile-input suite in Chromium, on both surfaces.

Every payload of tests/helpers/comment_payloads.py is typed into the real comment form
of a live page served by `essaykit serve`. Refused ones must name the field
and keep the text; stored ones are approved and must then render inert on the
live page and in the static export (`essaykit export`): the flag the payloads
try to set (``window.__xss``) stays unset, no dialog opens, no handler
attribute or script URL exists, and no email appears anywhere.
"""

from __future__ import annotations

import json

import pytest

from helpers.cli import run_essaykit
from helpers.comment_pages import LOAD_MS, fill_form, open_comments, provoke, submit
from helpers.comment_payloads import PAYLOADS, STORED
from helpers.notebooks import code_cell, md_cell, notebook
from helpers.servers import serve_essaykit, stop_process

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SLUG = "hostile"
LABELS = {"author": "Name", "email": "Email", "website": "Website", "body": "Comment"}
# Flood control off, so fifty comments can be posted through the form in one go;
# every other rule (field checks, moderation) is the default.
CELL = ("from essaykit import CommentSection, CommentStore\n"
        "from essaykit.comments.moderation import Rules\n"
        "CommentSection(store=CommentStore.open(rules=Rules.permissive()))")


@pytest.fixture(scope="module")
def posted(tmp_path_factory, browser):
    """Serve the hostile essay, post every payload through the form, approve what was stored."""
    from essaykit.comments.store import CommentStore

    base = tmp_path_factory.mktemp("xss")
    folder = base / "essays"
    folder.mkdir()
    nb = notebook([md_cell("# Hostile\n\nComments below."), code_cell(CELL)],
                  essay={"title": "Hostile", "slug": SLUG, "live_url": "http://127.0.0.1:1/hostile"})
    path = folder / f"{SLUG}.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    db = f"sqlite:///{base / 'hostile.sqlite'}"

    # One server for the module (essaykit_server is per test). The comment section is built with
    # permissive rules in the essay's code, so it runs in the page's kernel: keep one warm.
    server = serve_essaykit(path, log=base / "server.log", db=db, warm_kernels=1)
    url = server.url + "/"
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    answers = {}
    try:
        open_comments(page, url)
        for payload in PAYLOADS:
            fill_form(page, payload.fields())
            answers[payload.id] = submit(page)
            if payload.refused:
                # Clear by hand: a refusal keeps the text, by design.
                fill_form(page, {k: "" for k in LABELS})
        with CommentStore.open(db) as store:
            ids = [c.id for c in store.list(SLUG) if c.status == "pending"]
            if ids:
                store.set_status(ids, "approved", by="test")
        yield {"url": url, "db": db, "path": path, "answers": answers, "base": base}
    finally:
        context.close()
        stop_process(server.proc)


@pytest.mark.parametrize("payload", PAYLOADS, ids=[p.id for p in PAYLOADS])
def test_form_answer(posted, payload):
    said = posted["answers"][payload.id]
    if payload.refused:
        label = LABELS[payload.refused]
        assert said["alert"].startswith(f"{label}: "), f"{payload.id}: the refusal names the field: {said}"
        assert said["invalid"] == [payload.refused]
        typed = payload.fields()
        for name in LABELS:
            assert said["values"][name] == typed[name], f"{payload.id}: the form keeps what was typed in {name}"
    else:
        assert said["status"] in ("Your comment is awaiting moderation.", "Thank you! Your comment is published."), \
            f"{payload.id}: {said}"
        assert set(said["values"].values()) == {""}, "a stored comment clears the form"


def check_inert(page, where: str) -> None:
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    found = provoke(page)
    assert found["flag"] is None, f"{where}: a payload ran script (window.__xss = {found['flag']})"
    assert found["unsafe"] == [], f"{where}: script URLs in the page: {found['unsafe']}"
    assert found["handlers"] == [], f"{where}: event-handler attributes in the comments: {found['handlers']}"
    assert dialogs == [], f"{where}: a dialog opened: {dialogs}"
    html = page.content()
    for payload in PAYLOADS:
        assert payload.fields()["email"] not in html, f"{where}: the email of {payload.id} is in the page"


def test_live_page_renders_every_payload_inert(posted, page, tmp_path):
    from essaykit.comments.store import CommentStore

    with CommentStore.open(posted["db"]) as store:
        stored = store.list(SLUG, "approved")
    assert len(stored) == len(STORED), "every payload that is not refused is stored"
    open_comments(page, posted["url"])
    page.locator(".ek-comment").first.wait_for(state="visible", timeout=LOAD_MS)
    assert page.locator(".ek-comment").count() == len(STORED), "all of them are on the first page"
    check_inert(page, "live page")
    for c in stored:
        assert page.locator(f"#ek-c-{c.id}").count() == 1
    text = page.locator(".ek-comments").inner_text()
    for payload in STORED:
        if payload.keep:
            assert payload.keep in text, f"{payload.id}: {payload.keep!r} must show intact"
    page.screenshot(path=str(tmp_path / "live-hostile.png"), full_page=True)


def test_static_export_renders_every_payload_inert(posted, page, tmp_path):
    out = tmp_path / "hostile.html"
    result = run_essaykit("export", posted["path"], "-o", out, "--db", posted["db"], cwd=posted["path"].parent,
                          timeout=300)
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert html.count('class="ek-comment"') == len(STORED), "the twin holds every approved comment"
    assert "Join the discussion" in html, "the twin links to the live page"
    page.goto(out.as_uri())
    page.locator(".ek-comments").wait_for(state="visible")
    check_inert(page, "static export")
    text = page.locator(".ek-comments").inner_text()
    for payload in STORED:
        if payload.keep:
            assert payload.keep in text, f"{payload.id}: {payload.keep!r} must show intact in the export"
    page.screenshot(path=str(tmp_path / "static-hostile.png"), full_page=True)
