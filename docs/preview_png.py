"""Redraw docs/preview.png: JupyterLab with the example essay, its Essay panel and the preview.

    .venv/bin/python docs/preview_png.py

Starts JupyterLab on a temporary copy of notebooks/ and drives Debian's
Chromium, as the tests do (tests/helpers/lab.py).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests")]

from helpers import NOTEBOOKS  # noqa: E402
from helpers.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from helpers.lab import LONG, start_lab, stop_lab  # noqa: E402


def main(out: Path = ROOT / "docs" / "preview.png") -> None:
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="essaykit-shot-"))
    root = work / "notebooks"
    shutil.copytree(NOTEBOOKS, root, ignore=shutil.ignore_patterns("*.sqlite*", ".ipynb_checkpoints", ".essaykit"))
    lab = start_lab(root, work, env={"ESSAYKIT_DB": f"sqlite:///{work / 'comments.sqlite'}"})
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 860})
            page.goto(f"{lab.url}/lab/tree/the-salt-road.ipynb?reset", timeout=LONG)
            page.locator(".ek-lab-preview-button").first.wait_for(timeout=LONG)
            page.locator('.jp-SideBar li[data-id="filebrowser"]').click()  # close the file browser
            page.locator('.jp-SideBar li[data-id="essaykit-essay-form"]').click()
            page.locator("#ek-lab-field-title").wait_for(timeout=LONG)
            page.locator(".ek-lab-preview-button").first.click()
            frame = page.frame_locator("iframe.ek-lab-preview-frame")
            frame.locator("details.ek-spoiler-block").first.wait_for(timeout=LONG)
            page.locator(".jp-Cell.ek-lab-spoiler").first.wait_for(state="attached", timeout=LONG)
            page.locator(".jp-Cell.ek-lab-spoiler").first.evaluate("c => c.scrollIntoView({block: 'center'})")
            frame.locator("details.ek-spoiler-block").first.evaluate("d => d.scrollIntoView({block: 'center'})")
            page.mouse.move(0, 0)
            page.wait_for_timeout(500)
            page.screenshot(path=str(out))
            browser.close()
    finally:
        stop_lab(lab)
        shutil.rmtree(work, ignore_errors=True)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
