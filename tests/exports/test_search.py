"""The site's search: what is indexed (never a spoiler, never a draft), incremental builds,
and in Chromium from file:// and from a static server, by keyboard, with tag filters."""

import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from essaykit.exports.search import words
from essaykit.exports.site import BuildOptions, build_site
from helpers.notebooks import md_cell, notebook

SPOILER_WORDS = ("zeppelinoid", "quagmirish")  # only ever inside spoilers


def write(folder: Path, name: str, title: str, cells, **meta) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(notebook(cells, {"title": title, **meta})))


def build(src: Path, out: Path, **options) -> None:
    build_site(src, out, BuildOptions(**{"jobs": 1, **options}), stream=open("/dev/null", "w"))


def index_text(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (site / "search").rglob("*.js"))


@pytest.fixture
def site(tmp_path):
    src = tmp_path / "essays"
    write(src, "salt.ipynb", "The Salt Road", [
        md_cell("A mule stops on the switchback. The ending ||zeppelinoid|| is hidden."),
        md_cell("In the end quagmirish things happen.", tags=["spoiler"]),
    ], date="2026-01-02", tags=["film", "drama"], summary="Salt and ||zeppelinoid||.")
    write(src, "ferry.ipynb", "Night Ferry", [md_cell("A ferry, a mule, and a harbour at night.")],
          date="2026-02-03", tags=["film"])
    write(src, "book.ipynb", "Paper Houses", [md_cell("A novel about a librarian and her lighthouse.")],
          date="2026-03-04", tags=["book"])
    write(src, "draft.ipynb", "Unfinished", [md_cell("The word draftonly lives here.")], draft=True)
    out = tmp_path / "site"
    build(src, out, drafts=True)
    return out


def test_spoilers_and_drafts_are_never_indexed(site):
    text = index_text(site)
    for word in SPOILER_WORDS:
        assert word not in text, f"the spoiler word {word!r} is in the search index"
    assert "draftonly" not in text and "Unfinished" not in text, "a draft is not indexed, even with --drafts"
    assert "switchback" in text and "lighthouse" in text, "the visible words are"


def test_words_fold_case_and_accents_as_the_browser_does():
    assert words("Café au LAIT, naïve 2026!") == ["cafe", "au", "lait", "naive", "2026"]


def test_incremental_builds_keep_the_index_current(site, tmp_path):
    src = tmp_path / "essays"
    write(src, "book.ipynb", "Paper Houses", [md_cell("A novel about a cartographer.")], date="2026-03-04")
    (src / "ferry.ipynb").unlink()
    build(src, site, drafts=True)
    text = index_text(site)
    assert "cartographer" in text and "lighthouse" not in text, "a changed essay's words replace its old ones"
    assert "harbour" not in text and not (site / "search" / "text" / "ferry.js").exists(), "a removed essay leaves"


def served(site: Path):
    handler = functools.partial(type("Quiet", (SimpleHTTPRequestHandler,), {"log_message": lambda *a: None}),
                                directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def search_for(page, word: str):
    from playwright.sync_api import expect

    page.fill("#ek-search-q", word)
    status = page.locator(".ek-search__status")
    expect(status).not_to_be_empty()
    return status


@pytest.mark.browser
@pytest.mark.parametrize("where", ["file", "http"])
def test_search_finds_body_words_never_spoiler_words(page, site, where):
    from playwright.sync_api import expect

    server = served(site) if where == "http" else None
    try:
        base = f"http://127.0.0.1:{server.server_port}/" if server else site.as_uri() + "/"
        page.goto(base + "ferry.html")
        expect(search_for(page, "switchback")).to_have_text("1 essay")
        hit = page.locator(".ek-search__hit")
        expect(hit).to_have_text("The Salt Road")
        expect(page.locator(".ek-search__excerpt mark").first).to_have_text("switchback")
        for word in SPOILER_WORDS:
            expect(search_for(page, word)).to_have_text("No essays match.")
        expect(search_for(page, "harb")).to_have_text("1 essay")  # the last word typed is a prefix
        page.locator(".ek-search__hit").click()
        expect(page).to_have_url(base + "ferry.html")
    finally:
        if server:
            server.shutdown()
            server.server_close()
    assert not page.console_errors, page.console_errors


@pytest.mark.browser
def test_search_by_keyboard_with_tag_filters_and_from_the_address(page, site):
    from playwright.sync_api import expect

    page.goto((site / "index.html").as_uri() + "?q=mule")
    expect(page.locator("#ek-search-q")).to_have_value("mule")
    expect(page.locator(".ek-search__status")).to_have_text("2 essays")
    drama = page.get_by_role("button", name="drama (1)")
    drama.click()
    expect(drama).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".ek-search__hit")).to_have_text(["The Salt Road"])
    drama.click()
    expect(page.locator(".ek-search__hit")).to_have_count(2)
    page.locator("#ek-search-q").focus()
    page.keyboard.press("ArrowDown")
    expect(page.locator(".ek-search__hit").first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.locator(".ek-search__hit").nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(page.locator("#ek-search-q")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#ek-search-panel")).to_be_hidden()


@pytest.mark.browser
@pytest.mark.slow
def test_a_2000_essay_site_is_searched_by_loading_only_what_the_query_needs(page, tmp_path):
    from playwright.sync_api import expect

    src = tmp_path / "essays"
    for i in range(2000):
        extra = " The lone word is xylographic." if i == 1737 else ""
        write(src, f"e{i:04d}.ipynb", f"Essay {i}", [md_cell(f"Essay number {i} about salt and roads.{extra}")],
              date=f"20{10 + i % 15:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}", tags=[f"t{i % 7}"])
    build(src, tmp_path / "site", jobs=2, execute=False)
    page.goto((tmp_path / "site" / "index.html").as_uri())
    expect(search_for(page, "xylographic")).to_have_text("1 essay")
    expect(page.locator(".ek-search__hit")).to_have_text("Essay 1737")
    loaded = [u for u in page.requests_seen if "/search/w-" in u]
    assert len(loaded) == 1 and loaded[0].endswith("/search/w-xy.js"), "one word, one shard"
    expect(search_for(page, "salt")).to_have_text("2000 essays, the first 20 shown")
