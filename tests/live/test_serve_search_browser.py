"""`essaykit serve FOLDER`'s index has the static site's search: a body word finds its essay, a word
inside a spoiler never does, drafts are never found, and a notebook added while the server runs is
found without a restart."""

from __future__ import annotations

import json

import pytest

from helpers.notebooks import md_cell, notebook
from helpers.servers import serve_essaykit, stop_process

pytestmark = pytest.mark.browser
SPOILER = "pelicanfeather"


def write(folder, name: str, title: str, text: str, **essay) -> None:
    nb = notebook([md_cell(text)], essay={"title": title, "slug": name, "date": "2026-01-02", "tags": ["film"], **essay})
    (folder / f"{name}.ipynb").write_text(json.dumps(nb), encoding="utf-8")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve-search") / "essays"
    folder.mkdir()
    write(folder, "glaciers", "Glaciers", f"The glacier calves at dawn. ||The {SPOILER} was hers.||")
    write(folder, "ferries", "Ferries", "The ferry leaves late.")
    write(folder, "unfinished", "Unfinished", "The draftword stays private.", draft=True)
    server = serve_essaykit(folder, log=folder.parent / "serve.log", warm_kernels=0, args=["--drafts"])
    server.folder = folder
    yield server
    stop_process(server.proc)


def search_for(page, word: str):
    from playwright.sync_api import expect

    page.fill("#ek-search-q", word)
    status = page.locator(".ek-search__status")
    expect(status).not_to_be_empty()
    return status


def test_the_index_searches_like_the_site_and_never_finds_a_spoiler(served, page):
    from playwright.sync_api import expect

    page.goto(served.url + "/")
    expect(search_for(page, "glacier")).to_have_text("1 essay")
    expect(page.locator(".ek-search__hit")).to_have_text("Glaciers")
    expect(search_for(page, SPOILER)).to_have_text("No essays match.")
    expect(search_for(page, "draftword")).to_have_text("No essays match.")  # listed with --drafts, never indexed
    expect(search_for(page, "glacier")).to_have_text("1 essay")
    page.locator(".ek-search__hit").click()
    expect(page).to_have_url(served.url + "/voila/render/glaciers.ipynb")
    expect(page.get_by_role("heading", name="Glaciers", level=1)).to_be_visible()
    assert not page.console_errors, page.console_errors


def test_a_new_notebook_is_found_without_a_restart(served, page):
    from playwright.sync_api import expect

    write(served.folder, "lighthouses", "Lighthouses", "The lighthouse keeper waits.")
    page.goto(served.url + "/")
    expect(search_for(page, "lighthouse")).to_have_text("1 essay")
    expect(page.locator(".ek-search__hit")).to_have_text("Lighthouses")


def test_without_javascript_the_index_shows_no_search_box(served, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served.url + "/")
    assert page.get_by_role("heading", name="Ferries").is_visible()
    assert not page.locator("#ek-search-q").is_visible(), "a box that cannot work is not shown"
    context.close()
