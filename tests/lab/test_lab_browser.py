"""The lab extension in a real JupyterLab with Chromium: preview, spoiler marks, the form, problems on cells,
and JupyterLab's Voilà preview with the essay template.

One JupyterLab serves the module; each test opens its own copy of the example
essay (``?reset`` so no tab from an earlier test is restored). Every wait is
for a condition, never a fixed time.
"""

from __future__ import annotations

import html as htmllib
import json
import re
import shutil
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from helpers import EXAMPLE
from helpers.browser import external_requests
from helpers.cli import run_essaykit
from helpers.lab import LONG, start_lab, stop_lab
from helpers.notebooks import code_cell, md_cell, notebook, trust

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SLUG = "the-salt-road"
# Voilà's own renders run the whole example, its interact chart included: that cell used to hang stock
# Voilà's preview now and then on a loaded machine, until essaykit's server extension gave the lab's kernels
# its kernel client (essaykit/lab/kernels.py).
VOILA = "voila-test"


@pytest.fixture(scope="module")
def lab(tmp_path_factory, browser):
    work = tmp_path_factory.mktemp("lab-browser")
    root = work / "essays"
    root.mkdir()
    for name in ("preview-test", "form-test", "marks-test", SLUG):
        shutil.copy(EXAMPLE, root / f"{name}.ipynb")
    # Short first lines: JupyterLab hides a cell's toolbar where it would cover the cell's text.
    (root / "toggle-test.ipynb").write_text(json.dumps(notebook([
        md_cell("Short."), md_cell("Also short."),
    ], {"title": "Toggle", "slug": "toggle-test"}), indent=1), encoding="utf-8")
    trust(root / f"{SLUG}.ipynb")  # its author's notebook: Voilà's preview in JupyterLab renders only trusted code
    shutil.copy(EXAMPLE, root / f"{VOILA}.ipynb")
    trust(root / f"{VOILA}.ipynb")
    (root / "problems-test.ipynb").write_text(json.dumps(notebook([
        md_cell("Fine words."),
        md_cell("An ||unclosed spoiler."),
        code_cell("print('hidden?')", tags=["spoiler"]),
        md_cell("More fine words."),
    ], {"title": "Problems", "slug": "problems-test"}), indent=1), encoding="utf-8")
    (root / "scratch.ipynb").write_text(json.dumps(notebook([md_cell("Just notes, not an essay.")])),
                                        encoding="utf-8")
    server = start_lab(root, work, env={"ESSAYKIT_DB": f"sqlite:///{work / 'comments.sqlite'}"})
    yield server
    stop_lab(server)


def open_notebook(page, lab, name: str) -> None:
    page.goto(f"{lab.url}/lab/tree/{name}?reset", timeout=LONG)
    page.locator(".jp-Notebook").first.wait_for(state="visible", timeout=LONG)
    page.locator(".ek-lab-preview-button").first.wait_for(state="visible", timeout=LONG)


def save(page, path) -> None:
    """JupyterLab's own Save command, awaited until it has finished, then the file on disk is whole JSON.

    Awaiting the command (not clicking the menu and watching the file) matters: the file changes on disk
    before JupyterLab has its server's answer, and a second save in that gap meets JupyterLab's
    "File changed on disk" dialog and never writes."""
    before = path.stat().st_mtime_ns
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    deadline = time.monotonic() + LONG / 1000
    while path.stat().st_mtime_ns == before:
        assert time.monotonic() < deadline, f"{path.name} was not saved"
        time.sleep(0.1)
    while True:
        try:
            json.loads(path.read_text(encoding="utf-8"))
            return
        except json.JSONDecodeError:
            assert time.monotonic() < deadline, f"{path.name} was not saved whole"
            time.sleep(0.1)


def essay_meta(path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))["metadata"]["essay"]


def test_preview_shows_the_title_and_a_closed_spoiler_and_follows_saves(lab, page, tmp_path):
    path = lab.root / "preview-test.ipynb"
    open_notebook(page, lab, path.name)
    page.locator(".ek-lab-preview-button").first.click()
    frame = page.frame_locator("iframe.ek-lab-preview-frame")
    title = frame.locator("h1.ek-title")
    title.wait_for(state="visible", timeout=LONG)
    assert title.text_content() == "The Salt Road"
    block = frame.locator("details.ek-spoiler-block").first
    assert block.evaluate("d => d.open") is False, "the spoiler block starts closed"
    label = "Spoilers ahead: the monastery, the letter, and the final shot"
    assert label in block.locator("summary").text_content()
    assert not block.locator("p").first.is_visible(), "its text is hidden"
    inline = frame.locator("[data-ek-spoiler]").first
    assert inline.get_attribute("aria-expanded") == "false"
    page.screenshot(path=str(tmp_path / "preview.png"))

    # Edit the first cell, save: the preview shows the new words.
    cell = page.locator(".jp-Notebook .jp-MarkdownCell").first
    cell.dblclick()
    editor = cell.locator(".cm-content")
    editor.wait_for(state="visible", timeout=LONG)
    editor.press("Control+End")
    editor.type(" Edited in the lab test.")
    page.keyboard.press("Shift+Enter")
    save(page, path)
    frame.get_by_text("Edited in the lab test.").wait_for(state="visible", timeout=LONG)
    assert "Edited in the lab test." in "".join(json.loads(path.read_text())["cells"][0]["source"])
    assert title.text_content() == "The Salt Road"


def test_preview_button_shows_only_on_essays_and_appears_once_the_notebook_becomes_one(lab, page):
    from playwright.sync_api import expect

    path = lab.root / "scratch.ipynb"
    page.goto(f"{lab.url}/lab/tree/{path.name}?reset", timeout=LONG)
    page.locator(".jp-Notebook").first.wait_for(state="visible", timeout=LONG)
    page.locator('.jp-SideBar li[data-id="essaykit-essay-form"]').click()
    # The form has read this notebook's metadata once it says it has none: the button's fate is decided by then.
    expect(page.locator(".ek-lab-form-empty")).to_contain_text("no essay metadata", timeout=LONG)
    expect(page.locator(".jp-NotebookPanel-toolbar")).to_be_visible()
    button = page.locator(".jp-NotebookPanel-toolbar .ek-lab-preview-button")
    expect(button).to_have_count(1)
    expect(button).to_be_hidden()

    page.locator("#ek-lab-field-title").fill("Notes, now an essay")
    expect(button).to_be_visible(timeout=LONG)  # the form wrote the title: the notebook is an essay now
    save(page, path)
    assert essay_meta(path)["title"] == "Notes, now an essay"
    button.click()
    frame = page.frame_locator(".ek-lab-preview-frame")
    expect(frame.get_by_role("heading", name="Notes, now an essay", level=1)).to_be_visible(timeout=LONG)


def test_metadata_form_refuses_rating_6_with_the_checks_message(lab, page):
    from essaykit.essay import check_notebook

    path = lab.root / "form-test.ipynb"
    nb = json.loads(path.read_text())
    nb["metadata"]["essay"]["rating"] = 6
    expected = [p.message for p in check_notebook(nb, path.name)[1]]
    assert len(expected) == 1 and expected[0].startswith("essay.rating 6 ")

    open_notebook(page, lab, path.name)
    page.locator('.jp-SideBar li[data-id="essaykit-essay-form"]').click()
    rating = page.locator("#ek-lab-field-rating")
    rating.wait_for(state="visible", timeout=LONG)
    page.wait_for_function("() => document.querySelector('#ek-lab-field-title').value === 'The Salt Road'", timeout=LONG)
    assert rating.input_value() == "4"
    error = page.locator("#ek-lab-field-rating-error")

    rating.fill("6")
    page.wait_for_function("() => document.querySelector('#ek-lab-field-rating-error').textContent !== ''",
                           timeout=LONG)
    assert error.text_content() == expected[0], "the form says exactly what essaykit check says"
    assert rating.get_attribute("aria-invalid") == "true"
    assert rating.input_value() == "6", "what the author typed stays in the box"
    save(page, path)
    assert essay_meta(path)["rating"] == 4, "a refused value never reaches the notebook"

    rating.fill("4.5")
    page.wait_for_function("() => document.querySelector('#ek-lab-field-rating-error').textContent === ''",
                           timeout=LONG)
    assert rating.get_attribute("aria-invalid") is None
    page.locator("#ek-lab-field-author").fill("M. Okafor")
    page.locator("#ek-lab-field-author").press("Tab")  # leaving the field commits it, as an author would
    # Save until the file has it: on a busy machine the form's write may land after a save.
    deadline = time.monotonic() + LONG / 1000
    while True:
        save(page, path)
        meta = essay_meta(path)
        if meta.get("author") == "M. Okafor" or time.monotonic() > deadline:
            break
    assert meta["rating"] == 4.5 and meta["author"] == "M. Okafor", "accepted values are written to the notebook"


def test_spoiler_cells_get_the_stripe_and_label_and_inline_spoilers_render(lab, page, tmp_path):
    from essaykit.essay import SpoilerBlock, load_essay
    from essaykit.markdown import plain_text

    path = lab.root / "marks-test.ipynb"
    essay = load_essay(path)
    (block,) = [b for b in essay.blocks if isinstance(b, SpoilerBlock)]
    open_notebook(page, lab, path.name)
    cells = page.locator(".jp-Notebook .jp-Cell")
    striped = page.locator(".jp-Notebook .jp-Cell.ek-lab-spoiler")
    striped.first.wait_for(state="attached", timeout=LONG)
    page.wait_for_function(f"() => document.querySelectorAll('.jp-Cell.ek-lab-spoiler').length === {len(block.cells)}",
                           timeout=LONG)
    indexes = cells.evaluate_all("cs => cs.map((c, i) => c.classList.contains('ek-lab-spoiler') ? i : -1).filter(i => i >= 0)")
    assert indexes == [c.cell_index for c in block.cells]
    first = cells.nth(block.cell_index)
    first.scroll_into_view_if_needed()
    label = first.locator(".ek-lab-spoiler-label")
    assert label.text_content() == f"Spoiler: {block.label}"
    assert label.is_visible()
    stripe = first.evaluate("c => getComputedStyle(c).borderLeftWidth")
    assert stripe == "4px", "the stripe is drawn"
    assert cells.nth(0).evaluate("c => getComputedStyle(c).borderLeftWidth") != "4px"

    # Inline ||spoilers|| in rendered Markdown: wrapped, the bars gone, the words those the model hides.
    hidden = [plain_text(m) for b in essay.text_blocks
              for m in re.findall(r'<span class="ek-spoiler__text" aria-hidden="true">(.*?)</span><span class="ek-spoiler__label">', b.html)]
    assert hidden, "the example essay has an inline spoiler"
    spans = page.locator(".jp-RenderedMarkdown .ek-lab-inline-spoiler")
    spans.first.wait_for(state="attached", timeout=LONG)
    assert [htmllib.unescape(t) for t in spans.all_text_contents()] == hidden
    spans.first.scroll_into_view_if_needed()
    assert spans.first.evaluate("s => getComputedStyle(s).color") == "rgba(0, 0, 0, 0)", "hidden until hovered"
    holder = spans.first.evaluate("s => s.closest('.jp-RenderedMarkdown').textContent")
    assert "||" not in holder
    first.screenshot(path=str(tmp_path / "stripe.png"))


def test_check_problems_show_on_their_cells(lab, page, tmp_path):
    from essaykit.essay import check_essay

    path = lab.root / "problems-test.ipynb"
    _, problems = check_essay(path)
    by_cell = {p.cell: p.message for p in problems}
    assert set(by_cell) == {2, 3}
    open_notebook(page, lab, path.name)
    notes = page.locator(".jp-Notebook .jp-Cell .ek-lab-problems")
    page.wait_for_function("() => document.querySelectorAll('.jp-Cell .ek-lab-problems').length === 2", timeout=LONG)
    cells = page.locator(".jp-Notebook .jp-Cell")
    for number, message in by_cell.items():
        cell = cells.nth(number - 1)
        assert cell.locator(".ek-lab-problems li").all_text_contents() == [message]
        assert "ek-lab-has-problem" in cell.get_attribute("class")
    assert cells.nth(0).locator(".ek-lab-problems").count() == 0
    assert notes.first.get_attribute("role") == "note"
    page.screenshot(path=str(tmp_path / "problems.png"))

    # Closing the spoiler in the editor clears that cell's problem without a save.
    cell = cells.nth(1)
    cell.dblclick()
    editor = cell.locator(".cm-content")
    editor.wait_for(state="visible", timeout=LONG)
    editor.press("Control+End")
    editor.type("||")
    page.wait_for_function("() => document.querySelectorAll('.jp-Cell .ek-lab-problems').length === 1", timeout=LONG)
    assert cells.nth(1).locator(".ek-lab-problems").count() == 0


def test_render_with_voila_in_jupyterlab_uses_the_essay_template_and_shows_the_widgets(lab, page):
    open_notebook(page, lab, f"{VOILA}.ipynb")
    page.locator(".voilaRender").first.click()  # JupyterLab's "Render with Voilà" button
    frame = page.frame_locator('iframe[src*="voila/render/"]')
    title = frame.locator("main.ek-essay h1.ek-title")
    title.wait_for(state="visible", timeout=LONG)
    assert title.text_content() == "The Salt Road"
    frame.get_by_role("button", name="Rate 5 of 5", exact=True).wait_for(state="visible", timeout=LONG)


def test_voila_page_of_an_essay_is_the_essay_template_with_live_widgets(lab, page):
    page.goto(f"{lab.url}/voila/render/{VOILA}.ipynb", timeout=LONG)
    title = page.locator("main.ek-essay h1.ek-title")
    title.wait_for(state="visible", timeout=LONG)
    assert title.text_content() == "The Salt Road"
    assert page.locator("details.ek-spoiler-block").first.evaluate("d => d.open") is False
    assert "||" not in page.locator("main.ek-essay").text_content()
    star = page.get_by_role("button", name="Rate 5 of 5", exact=True)
    star.wait_for(state="visible", timeout=LONG)
    page.get_by_role("button", name="Post comment").wait_for(state="visible", timeout=LONG)
    page.locator(".widget-slider").first.wait_for(state="visible", timeout=LONG)  # the interact chart ran
    assert external_requests(page.requests_seen) == [], "no CDN (MathJax) for an essay"
    assert page.console_errors == []


def cell_tags(path, index: int) -> list:
    return json.loads(path.read_text(encoding="utf-8"))["cells"][index]["metadata"].get("tags", [])


def from_the_palette(page, cell, words: str, command: str) -> None:
    """Run a command as the author does: Ctrl+Shift+C, type, click its item.

    JupyterLab's modal palette closes when it loses focus, and on a loaded machine the notebook can take the
    focus back (a save's answer arriving) just after the palette opened, or the key can reach the page before
    the notebook has it. So the author's steps are taken again, from a click on the cell, until the command's
    item is there to click; the command itself is clicked once, so it never runs twice."""
    palette = page.locator(".lm-CommandPalette-input")
    item = page.locator(f'.lm-CommandPalette-item[data-command="{command}"]').first
    deadline = time.monotonic() + LONG / 1000
    while True:
        try:
            cell.click()
            page.keyboard.press("Control+Shift+C")
            palette.wait_for(state="visible", timeout=10_000)
            palette.fill(words)
            item.click(timeout=10_000)
            return
        except PlaywrightTimeout:
            assert time.monotonic() < deadline, f"the command palette never offered {command}"
            page.keyboard.press("Escape")


def test_spoiler_toggle_in_the_cell_toolbar_and_the_palette_draws_the_stripe_at_once(lab, page):
    path = lab.root / "toggle-test.ipynb"
    open_notebook(page, lab, path.name)
    cells = page.locator(".jp-Notebook .jp-Cell")
    plain = next(i for i, c in enumerate(json.loads(path.read_text())["cells"])
                 if c["cell_type"] == "markdown" and "spoiler" not in c["metadata"].get("tags", []))
    cell = cells.nth(plain)
    cell.scroll_into_view_if_needed()
    cell.click()  # the cell is selected (not edited); the author never opens the property inspector
    button = cell.locator('[data-command="essaykit:toggle-spoiler"]')
    button.wait_for(state="visible", timeout=LONG)
    button.click()
    page.wait_for_function(f"() => document.querySelectorAll('.jp-Notebook .jp-Cell')[{plain}]"
                           ".classList.contains('ek-lab-spoiler')", timeout=LONG)
    assert "jp-mod-active" in (cell.get_attribute("class") or ""), "the stripe came without moving to another cell"
    save(page, path)
    assert "spoiler" in cell_tags(path, plain)

    from_the_palette(page, cell, "Spoiler", "essaykit:toggle-spoiler")
    page.wait_for_function(f"() => !document.querySelectorAll('.jp-Notebook .jp-Cell')[{plain}]"
                           ".classList.contains('ek-lab-spoiler')", timeout=LONG)
    save(page, path)
    assert "spoiler" not in cell_tags(path, plain)


def test_an_essay_made_by_new_opens_unmodified_and_renders_with_voila_without_asking(lab, page):
    made = run_essaykit("new", lab.root / "from-new.ipynb", "--title", "From New", "--author", "Ana")
    assert made.returncode == 0, made.stderr
    before = (lab.root / "from-new.ipynb").read_bytes()
    open_notebook(page, lab, "from-new.ipynb")
    # The kernel has started and told JupyterLab its language: that is when metadata would be rewritten.
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(state="attached",
                                                                                       timeout=LONG)
    tab = page.locator(".lm-TabBar-tab.jp-mod-current")
    assert "jp-mod-dirty" not in (tab.get_attribute("class") or ""), "opening it changed nothing"
    page.locator(".voilaRender").first.click()
    frame = page.frame_locator('iframe[src*="voila/render/from-new"]')
    frame.locator("main.ek-essay h1.ek-title").wait_for(state="visible", timeout=LONG)
    assert "Untrusted" not in frame.locator("body").text_content()
    assert (lab.root / "from-new.ipynb").read_bytes() == before
