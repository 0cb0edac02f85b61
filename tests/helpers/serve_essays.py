"""A folder of small essays that the `essaykit serve` tests publish.

Each one exercises one behaviour: a code cell that waits for a gate file (so
a test can hold the kernel busy for as long as it likes, without timing), a
cell that raises, inline and block spoilers with a local image, a cell that
prints the variables the kernel was given, and a notebook that is not an
essay (the server must leave it out).
"""

from __future__ import annotations

import base64
import contextlib
import json
import sqlite3
from pathlib import Path

import pytest

from helpers.notebooks import code_cell, md_cell, notebook
from helpers.servers import serve_essaykit, stop_process

FIRST = "The first paragraph is readable at once."
# A 1x1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
SECRET_SOURCE = "secret_source_marker = 41 + 1"


def gate_cell(gate: str) -> dict:
    return code_cell(
        "import time, pathlib\n"
        f"while not pathlib.Path({gate!r}).exists():\n"
        "    time.sleep(0.05)\n"
        f"print('past the {gate}')"
    )


def essays() -> dict[str, dict]:
    return {
        "gated-http.ipynb": notebook(
            [md_cell(FIRST), gate_cell("gate-http"), md_cell("Text after the slow cell.")],
            essay={"title": "Gated (HTTP)", "slug": "gated-http"},
        ),
        "gated-browser.ipynb": notebook(
            [md_cell(FIRST), gate_cell("gate-browser"), md_cell("Text after the slow cell.")],
            essay={"title": "Gated (browser)", "slug": "gated-browser"},
        ),
        "broken.ipynb": notebook(
            [md_cell("Before the broken cell."),
             code_cell("def explode():\n    raise RuntimeError('kaboom secret detail')\nexplode()"),
             code_cell("print('still running after the error')"),
             md_cell("After the broken cell.")],
            essay={"title": "Broken", "slug": "broken"},
        ),
        "spoilers.ipynb": notebook(
            [md_cell("Who did it? ||The butler|| and ||the gardener||.\n\n![poster](poster.png)"),
             md_cell("The twist is that the house was empty.", tags=["spoiler"],
                     essay={"spoiler_label": "The twist"}),
             md_cell("And the ending, in full.", tags=["spoiler"]),
             md_cell("Closing words."),
             code_cell(SECRET_SOURCE)],
            essay={"title": "Spoilers", "slug": "spoilers", "author": "Tester", "date": "2026-11-01"},
        ),
        "env.ipynb": notebook(
            [md_cell("What the kernel was told."),
             code_cell("import os\nfor k in ('ESSAYKIT_SLUG', 'ESSAYKIT_DB', 'ESSAYKIT_SESSION', 'ESSAYKIT_CLIENT',"
                       " 'ESSAYKIT_KNOWN'):\n"
                       "    print(f'{k}=[{os.environ.get(k, \"\")}]')")],
            essay={"title": "Environment", "slug": "env-essay"},
        ),
        "widget.ipynb": notebook(
            [md_cell("A widget below."),
             code_cell("import ipywidgets\nipywidgets.Button(description='Press me')")],
            essay={"title": "Widget", "slug": "widget"},
        ),
        # Not an essay (no metadata): left out of the site, with a warning.
        "scratch.ipynb": notebook([md_cell("scratch")]),
    }


def write_site(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, nb in essays().items():
        (folder / name).write_text(json.dumps(nb), encoding="utf-8")
    (folder / "poster.png").write_bytes(PNG)
    (folder / "unused.png").write_bytes(PNG)
    (folder / "secret.txt").write_text("top secret", encoding="utf-8")
    (folder / ".essaykit").mkdir(exist_ok=True)
    # A real database (serve refuses a damaged one before listening); the tests check it is never served.
    with contextlib.closing(sqlite3.connect(folder / ".essaykit" / "comments.sqlite")) as db:
        db.execute("CREATE TABLE private_notes (body TEXT)")
    return folder


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """``essaykit serve`` on a fresh copy of these essays, one server per test module.

    ``site.folder`` is the served folder (gate files go there).
    """
    folder = write_site(tmp_path_factory.mktemp("serve") / "essays")
    # These essays are live code: a warm kernel, as readers of a real server get, and test_serve checks.
    server = serve_essaykit(folder, log=folder.parent / "server.log", warm_kernels=1)
    server.folder = folder
    yield server
    stop_process(server.proc)
