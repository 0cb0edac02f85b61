"""The author's loop in JupyterLab: open the example essay, Run All, use the widgets.

JupyterLab starts on a temporary copy of the example essays, with a Spoiler
cell added before the comments (the essay has its own Rating cell). The test runs all
cells through the Run menu, reveals the spoiler, gives a rating, and checks
that the page updated and the rating reached the database.

JupyterLab is heavy on a small shared machine, so every wait is generous and
waits for a condition, never for a fixed time.
"""

from __future__ import annotations

import json
import re

import pytest

from helpers.notebooks import code_cell, md_cell

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SLUG = "the-salt-road"
SPOILER_LABEL = "What is the final shot?"
AUTHOR_CELLS = [
    # The example essay already has its own Rating(4) cell; the author adds a Spoiler.
    md_cell("## A hidden detail\n\nAdded while editing."),
    code_cell("from essaykit import Spoiler\n"
              f"Spoiler('The last shot is a line of *salt* across the snow.', label={SPOILER_LABEL!r})"),
]
LONG = 240_000  # ms: a cold JupyterLab plus a kernel on two busy cores


@pytest.fixture
def lab(essay_dir, jupyterlab_server, tmp_path):
    path = essay_dir / f"{SLUG}.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    comments_at = next(i for i, c in enumerate(nb["cells"]) if "Comments" in "".join(c["source"]))
    for offset, cell in enumerate(AUTHOR_CELLS):
        nb["cells"].insert(comments_at + offset, {**cell, "id": f"author-{offset}"})
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'comments.sqlite'}"
    # Private settings and workspaces: nothing from an earlier run (open tabs, themes) leaks in,
    # and no news toast asks to go online or covers the widgets.
    settings = tmp_path / "lab-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8")
    env = {"ESSAYKIT_DB": db, "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "lab-settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "lab-workspaces")}
    server = jupyterlab_server(essay_dir, env=env)
    server.db = db
    return server


def run_all_cells(page) -> None:
    """Run > Run All Cells, through the menu bar as an author would."""
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()


def test_author_runs_all_cells_and_uses_the_widgets(lab, page, tmp_path):
    page.goto(f"{lab.url}/lab/tree/{SLUG}.ipynb", timeout=LONG)
    page.locator(".jp-Notebook").first.wait_for(state="visible", timeout=LONG)
    # The status bar reads "Python 3 (ipykernel) | Idle" once the kernel has started.
    idle = page.locator(".jp-StatusBar-Widget").get_by_text(re.compile(r"\|\s*Idle$"))
    idle.wait_for(state="visible", timeout=LONG)
    page.screenshot(path=str(tmp_path / "lab-opened.png"))

    run_all_cells(page)
    # Run All has finished when no cell prompt shows "[*]" and the kernel is idle again.
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-InputPrompt')].some(p => /\\[\\d+\\]/.test(p.textContent))"
        " && ![...document.querySelectorAll('.jp-InputPrompt')].some(p => p.textContent.includes('*'))",
        timeout=LONG,
    )
    idle.wait_for(state="visible", timeout=LONG)
    button = page.get_by_role("button", name=SPOILER_LABEL, exact=True)
    button.wait_for(state="attached", timeout=LONG)
    button.scroll_into_view_if_needed(timeout=LONG)
    button.wait_for(state="visible", timeout=LONG)
    secret = page.locator(".jp-OutputArea").get_by_text("The last shot is a line of")
    assert button.get_attribute("aria-expanded") == "false" and secret.is_hidden(), "the spoiler starts hidden"

    button.click()
    secret.wait_for(state="visible", timeout=60_000)
    assert button.get_attribute("aria-expanded") == "true"

    star = page.get_by_role("button", name="Rate 5 of 5", exact=True)
    star.scroll_into_view_if_needed(timeout=LONG)
    assert page.get_by_role("img", name="Rated 4 out of 5").first.is_visible(), "the author's stars show"
    star.click()
    page.get_by_text("5 out of 5 from 1 rating").wait_for(state="visible", timeout=60_000)
    page.get_by_role("status").filter(has_text="Thank you").wait_for(state="visible", timeout=60_000)
    page.screenshot(path=str(tmp_path / "lab-used.png"))

    from essaykit.comments.store import CommentStore

    store = CommentStore.open(lab.db)
    try:
        summary = store.rating_summary(SLUG)
    finally:
        store.close()
    assert (summary.count, summary.average) == (1, 5.0), "the rating given in JupyterLab must reach the database"
