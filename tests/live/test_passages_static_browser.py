"""Comments on a passage in a real Chromium on a static page built with --api (issue 24): the site is served from
another loopback origin (listed with --allow-origin) and talks to one `essaykit serve --warm-kernels 0`. Select,
respond, see the pending comment at its passage, approve, rebuild, and find it in the margin at 1280 px and after
its paragraph at 390 px; "Comment on this paragraph" opens the page's form with JavaScript and the API's form
without it, which comes back to the static page."""

from __future__ import annotations

import json
import os

import pytest
from helpers.api_client import ESSAY, UNTHROTTLED, random_client, serve_folder, start, stored, write_site
from helpers.browser import shot
from helpers.comment_pages import first_paragraph_link_without_javascript, narrow_to_phone, select_words
from helpers.comment_pages import post_comment as post
from helpers.notebooks import md_cell, notebook
from helpers.servers import free_port, stop_process
from test_accessibility_axe import audit, axe_source  # noqa: F401 - axe_source is a fixture

from essaykit.exports.site import BuildOptions, build_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]
MS = 60_000
MULE = "A mule stops dead on a switchback"
# An essay whose first paragraph has a footnote (a sidenote from 1240 px) and three passages with comments,
# and passages in an inline spoiler and in a table.
MARGINS = "margins"
SENTENCES = ("Alpha sentence one is here", "Beta sentence two is there", "Gamma sentence three is everywhere")
HIDDEN, CELL = "Samantha leaves with the others", "table cell words"
FIRST = ("Opening paragraph with a footnote.1 Alpha sentence one is here and it runs on for a while. Beta sentence two "
         "is there and also runs on. Gamma sentence three is everywhere at once.")
MARGINS_CELLS = [
    md_cell("Opening paragraph with a footnote.[^n] Alpha sentence one is here and it runs on for a while. Beta "
            "sentence two is there and also runs on. Gamma sentence three is everywhere at once.\n\n[^n]: A "
            "footnote that becomes a sidenote on wide screens, long enough to take several lines in the margin."),
    md_cell(f"The ending is ||{HIDDEN}|| as anyone would guess."),
    md_cell(f"| head a | head b |\n|---|---|\n| {CELL} | more words |"),
    md_cell("## Comments"),
    {"cell_type": "code", "execution_count": None, "metadata": {"tags": ["comments"]}, "outputs": [],
     "source": "from essaykit import CommentSection\nCommentSection()"},
]


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    base = tmp_path_factory.mktemp("static-passages")
    folder = write_site(base / "essays", rules=UNTHROTTLED)
    (folder / f"{MARGINS}.ipynb").write_text(json.dumps(notebook(MARGINS_CELLS, essay={
        "title": "Margins", "slug": MARGINS, "date": "2026-11-01"})), encoding="utf-8")
    db = f"sqlite:///{base / 'comments.sqlite'}"
    api_port, static_port = free_port(), free_port()
    static = f"http://127.0.0.1:{static_port}"
    options = BuildOptions(db=db, execute=False, jobs=1, base_url=f"{static}/", api=f"http://127.0.0.1:{api_port}/")

    def build():
        with open(os.devnull, "w") as quiet:
            report = build_site(folder, base / "site", options, stream=quiet)
        assert not report.failed, [o.message for o in report.failed]

    build()
    api = start(folder, db, base / "server.log", "--allow-origin", static, port=api_port)  # no warm kernel
    files = serve_folder(base / "site", static_port)
    api.db, api.page, api.build = db, f"{static}/{ESSAY}.html", build
    yield api
    files.shutdown()
    files.server_close()
    stop_process(api.proc)


def test_select_respond_approve_rebuild_then_margin_wide_and_after_the_paragraph_narrow(browser, sites):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(sites.page)
    # "Comment on this paragraph" with JavaScript: this page's form, on the paragraph, no page load.
    page.locator(".ek-para-tools a").first.click()
    passage = page.locator("#ek-cf .ek-comment-form__passage")
    passage.wait_for(state="visible", timeout=MS)
    assert passage.inner_text().startswith("On “There is a shot") and page.url == sites.page
    select_words(page, MULE)  # then Tab to the Respond button and Enter: the button works from the keyboard
    respond = page.get_by_role("button", name="Respond")
    respond.wait_for(state="visible", timeout=MS)
    respond.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("(q) => document.querySelector('#ek-cf .ek-comment-form__passage').textContent === q",
                           arg=f"On “{MULE}”", timeout=MS)
    body = "Posted to the API from the static page."
    post(page, body)
    pending = page.locator(".ek-anchor-notes--pending")
    pending.wait_for(state="visible", timeout=MS)
    assert body in pending.inner_text(), "the pending comment shows at its passage"
    [held] = [c for c in stored(sites.db, ESSAY) if c.body == body]
    assert held.anchor.exact == MULE and held.anchor.block.startswith("ek-p-")

    from essaykit.comments.store import CommentStore

    with CommentStore.open(sites.db) as store:
        store.set_status(held.id, "approved", by="test")
    sites.build()  # a static page shows what the store held when it was built
    page.goto(sites.page)
    mark = page.locator(f"#ek-a-{held.id}")
    assert mark.inner_text().startswith(MULE) and mark.get_attribute("aria-describedby") == f"ek-am-{held.id}"
    note = page.locator(f"#ek-am-{held.id}")
    note.wait_for(state="visible", timeout=MS)
    paragraph = page.locator(f"p#{held.anchor.block}")
    box, para = note.bounding_box(), paragraph.bounding_box()
    assert box["x"] >= para["x"] + para["width"], "in the margin beside its paragraph"
    assert abs(box["y"] - para["y"]) < 80, "level with its paragraph"
    assert page.locator(f"#ek-c-{held.id} .ek-comment__on").inner_text() == f"on “{MULE}”"
    paragraph.scroll_into_view_if_needed()
    shot(page, "static-margin-1280", full_page=False)

    count = narrow_to_phone(page, held.anchor.block)
    assert count.inner_text() == "1 comment on this paragraph" and not note.is_visible()
    count.scroll_into_view_if_needed()
    shot(page, "static-after-paragraph-390", full_page=False)
    assert errors == []
    context.close()


def test_without_javascript_the_paragraph_link_posts_through_the_api_form_and_comes_back(browser, sites):
    context, page, block = first_paragraph_link_without_javascript(browser, sites.page, random_client())
    page.wait_for_url(f"http://127.0.0.1:{sites.port}/api/comments/form?**", timeout=MS)
    assert page.locator("#ek-cf .ek-comment-form__passage").inner_text().startswith("On “There is a shot")
    body = "Posted on a static page's paragraph with JavaScript off."
    post(page, body, email="nora@example.org")  # a new address: held for moderation
    page.wait_for_url(f"{sites.page}#ek-comment-*", timeout=MS)
    assert page.url == f"{sites.page}#ek-comment-pending", page.url
    assert page.locator("#ek-comment-pending").is_visible(), "back on the static page, which says it waits"
    [held] = [c for c in stored(sites.db, ESSAY) if c.body == body]
    assert held.anchor.block == block and held.anchor.exact.startswith("There is a shot about twenty minutes")
    context.close()


def boxes(page, selector: str) -> list[dict]:
    return [box for box in (el.bounding_box() for el in page.locator(selector).all()) if box]


def overlap(a: dict, b: dict) -> bool:
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


def test_a_footnote_and_three_passages_share_the_margin_and_a_hidden_spoiler_shows_no_mark(browser, axe_source, sites):
    from essaykit.comments.store import CommentStore

    with CommentStore.open(sites.db) as store:
        for n, exact in enumerate((*SENTENCES, HIDDEN, CELL)):
            posted = store.post(MARGINS, author=f"Reader {n}", email=f"r{n}@example.org", body=f"On {exact}.",
                                anchor={"exact": exact})
            store.set_status(posted.comment.id, "approved", by="test")
    sites.build()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)  # axe, below
    page = context.new_page()
    page.goto(sites.page.replace(ESSAY, MARGINS))
    notes = page.locator(".ek-anchor-notes")
    notes.first.wait_for(state="visible", timeout=MS)
    assert notes.count() == 2, "the first paragraph's three comments and the table's"
    sidenote, margin = boxes(page, ".ek-sidenote"), boxes(page, ".ek-anchor-notes")
    text = page.locator("p[id^=\"ek-p-\"]").first.bounding_box()
    assert sidenote and all(box["x"] >= text["x"] + text["width"] for box in sidenote + margin), "in the margin"
    placed = sidenote + margin
    assert not [(a, b) for i, a in enumerate(placed) for b in placed[i + 1:] if overlap(a, b)], placed
    page.locator("p[id^=\"ek-p-\"]").first.scroll_into_view_if_needed()
    shot(page, "static-footnote-and-passages-1280", full_page=False)
    # A whole paragraph selected: the quote holds neither the sidenote beside it nor a spoiler's spoken label,
    # and a hidden spoiler's words are not spelled out in the form.
    for words in (FIRST, f"The ending is {HIDDEN} as anyone would guess."):
        page.evaluate("""(start) => {
            const p = [...document.querySelectorAll('p[id^="ek-p-"]')].find((el) => el.textContent.startsWith(start));
            const range = document.createRange(); range.selectNodeContents(p);
            getSelection().removeAllRanges(); getSelection().addRange(range); }""", words[:10])
        page.get_by_role("button", name="Respond").wait_for(state="visible", timeout=MS)
        page.keyboard.press("Alt+r")
        assert page.locator('#ek-cf input[name="anchor_exact"]').input_value() == words
    assert page.locator("#ek-cf .ek-comment-form__passage").inner_text() == "On a passage in a spoiler"
    hidden = page.locator(".ek-spoiler mark.ek-anchor").first
    assert hidden.evaluate("m => getComputedStyle(m).backgroundColor") == "rgba(0, 0, 0, 0)", "a hidden spoiler's mark"
    assert audit(page, axe_source) == [], "marks, margin notes and spoilers at 1280 px"
    page.locator(".ek-spoiler").first.click()
    page.wait_for_function("() => document.querySelector('.ek-spoiler').classList.contains('is-revealed')",
                           timeout=MS)
    assert hidden.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)", "marked once revealed"

    page.set_viewport_size({"width": 390, "height": 844})
    count = page.locator(".ek-anchor-count").first
    count.wait_for(state="visible", timeout=MS)
    assert count.inner_text() == "3 comments on this paragraph"
    assert audit(page, axe_source) == [], "the paragraph links and counts at 390 px (touch targets)"
    shot(page, "static-footnote-and-passages-390", full_page=False)
    context.close()
