"""The server extension's routes (essaykit/lab/handlers.py) in a real JupyterLab server.

The preview is the exporter's page byte for byte; the check says what
`essaykit check` says; hostile requests (malformed JSON, path traversal,
huge bodies, things that are not notebooks) get a clear error, never a
traceback or a file from outside the root.
"""

from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.parse
import urllib.request

import pytest

from helpers import NOTEBOOKS
from helpers.lab import start_lab, stop_lab
from helpers.notebooks import code_cell, md_cell, notebook
from helpers.servers import server_tracebacks

pytestmark = [pytest.mark.slow]

SLUG = "the-salt-road"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    work = tmp_path_factory.mktemp("lab-routes")
    root = work / "essays"
    shutil.copytree(NOTEBOOKS, root, ignore=shutil.ignore_patterns("*.sqlite*", ".ipynb_checkpoints", ".essaykit"))
    (root / "sub").mkdir()
    (root / "sub" / "broken.ipynb").write_text("{ not json", encoding="utf-8")
    (root / "sub" / "problems.ipynb").write_text(json.dumps(notebook(
        [md_cell("Text with an ||unclosed spoiler.")], {"title": "Problems", "rating": 6})), encoding="utf-8")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "secret.ipynb").write_text(json.dumps(notebook([md_cell("x")], {"title": "Secret"})))
    (work / "outside.ipynb").write_text(json.dumps(notebook([md_cell("OUTSIDE")], {"title": "Outside"})))
    from essaykit.essay import MAX_NOTEBOOK_BYTES

    (root / "sub" / "huge.ipynb").write_text(json.dumps(notebook(
        [md_cell("x" * (MAX_NOTEBOOK_BYTES + 10))], {"title": "Huge"})), encoding="utf-8")
    server = start_lab(root, work)
    yield server
    stop_lab(server)


def request(url: str, *, body: bytes | None = None, method: str | None = None):
    """(status, headers, text) without raising on HTTP errors."""
    req = urllib.request.Request(url, data=body, method=method or ("POST" if body is not None else "GET"),
                                 headers={"Content-Type": "application/json"} if body is not None else {})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.headers, resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read().decode("utf-8", "replace")


def check(lab, payload) -> tuple[int, dict]:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    status, _, text = request(lab.url + "/essaykit/check", body=body)
    return status, json.loads(text)


# --- the preview ---------------------------------------------------------------


def test_preview_is_the_exporters_page_byte_for_byte(lab):
    from essaykit.essay import load_essay
    from essaykit.exports.export import essay_page

    status, headers, text = request(f"{lab.url}/essaykit/preview/{SLUG}.ipynb")
    assert status == 200
    assert headers["Content-Type"].startswith("text/html")
    assert text == essay_page(load_essay(lab.root / f"{SLUG}.ipynb"), execute=False), \
        "the preview must be rendered by the exporter itself, not a second renderer"
    assert "<h1" in text and "The Salt Road" in text
    csp = headers["Content-Security-Policy"]
    assert "sandbox" in csp and "default-src 'none'" in csp, "the preview runs sandboxed and fetches nothing"
    assert headers["Cache-Control"] == "no-store"


def test_preview_of_an_essay_with_problems_lists_the_checks_messages(lab):
    from essaykit.essay import check_essay

    status, _, text = request(f"{lab.url}/essaykit/preview/sub/problems.ipynb")
    assert status == 422
    _, problems = check_essay(lab.root / "sub" / "problems.ipynb")
    assert len(problems) == 2
    import html

    for problem in problems:
        assert html.escape(problem.message) in text, "the same words as essaykit check"
    assert str(lab.root) not in text, "no server paths in the page"


def test_preview_of_a_huge_notebook_says_what_to_do(lab):
    status, _, text = request(f"{lab.url}/essaykit/preview/sub/huge.ipynb")
    assert status == 400
    assert "huge.ipynb: file is 10.0 MB, over the 10 MB limit" in text and "Clear Outputs" in text


def test_routes_need_the_same_login_as_jupyterlab(tmp_path):
    (tmp_path / "root").mkdir()
    shutil.copy(NOTEBOOKS / f"{SLUG}.ipynb", tmp_path / "root")
    guarded = start_lab(tmp_path / "root", tmp_path, token="s3cret-token")
    try:
        status, _, text = request(f"{guarded.url}/essaykit/preview/{SLUG}.ipynb")
        assert status in (401, 403) or "login" in text.lower(), "no preview without logging in"
        assert "The Salt Road" not in text
        status, _, _ = request(f"{guarded.url}/essaykit/check", body=b'{"path": "x.ipynb", "notebook": {"cells": []}}')
        assert status in (401, 403)
        status, _, text = request(f"{guarded.url}/essaykit/preview/{SLUG}.ipynb?token=s3cret-token")
        assert status == 200 and "The Salt Road" in text
    finally:
        stop_lab(guarded)


def test_preview_of_malformed_json_says_where(lab):
    status, _, text = request(f"{lab.url}/essaykit/preview/sub/broken.ipynb")
    assert status == 400
    assert "broken.ipynb: not valid JSON (line 1, column 3" in text


@pytest.mark.parametrize("path, status", [
    ("%2E%2E/outside.ipynb", 404),
    ("sub/%2E%2E/%2E%2E/outside.ipynb", 404),
    ("..%2Foutside.ipynb", 404),
    ("%2Fetc%2Fpasswd", 404),
    (".hidden/secret.ipynb", 404),
    ("missing.ipynb", 404),
    ("sub", 400),
    ("README.md", 400),
    ("x%00.ipynb", 404),
])
def test_preview_refuses_paths_outside_or_odd(lab, path, status):
    code, _, text = request(f"{lab.url}/essaykit/preview/{path}")
    assert code in (status, 404) and code >= 400, (path, code)
    assert "OUTSIDE" not in text and "Secret" not in text and "root:" not in text
    assert "Traceback" not in text


def test_preview_needs_a_path(lab):
    code, _, text = request(f"{lab.url}/essaykit/preview/")
    assert code == 404 and "Traceback" not in text


# --- the check -----------------------------------------------------------------


def test_check_says_what_essaykit_check_says(lab):
    from essaykit.essay import check_notebook

    nb = json.loads((lab.root / f"{SLUG}.ipynb").read_text())
    nb["metadata"]["essay"]["rating"] = 6
    nb["cells"][2]["source"] = "An ||unclosed spoiler."
    status, data = check(lab, {"path": f"{SLUG}.ipynb", "notebook": nb})
    assert status == 200
    _, expected = check_notebook(nb, f"{SLUG}.ipynb")
    assert [p["message"] for p in data["problems"]] == [p.message for p in expected]
    assert [p["text"] for p in data["problems"]] == [str(p) for p in expected]
    rating = next(p for p in data["problems"] if p["field"] == "rating")
    assert rating["message"] == "essay.rating 6 is not valid; use a number from 0 to 5 in steps of 0.5"
    assert rating["cell"] is None
    spoiler = next(p for p in data["problems"] if p["cell"] is not None)
    assert spoiler["cell"] == 3 and spoiler["field"] is None


def test_check_reports_spoiler_blocks_and_inline_spoilers(lab):
    from essaykit.essay import SpoilerBlock, load_essay

    essay = load_essay(lab.root / f"{SLUG}.ipynb")
    nb = essay.notebook
    status, data = check(lab, {"path": f"sub/{SLUG}.ipynb", "notebook": nb})
    assert status == 200 and data["problems"] == []
    blocks = [b for b in essay.blocks if isinstance(b, SpoilerBlock)]
    assert data["spoilers"]["blocks"] == [{"label": b.label, "cells": [c.cell_index for c in b.cells]} for b in blocks]
    inline = {str(b.cell_index): b.html.count('class="ek-spoiler"') for b in essay.text_blocks if 'class="ek-spoiler"' in b.html}
    assert inline and data["spoilers"]["inline"] == inline


def test_check_names_the_slug_field_for_a_bad_file_name(lab):
    status, data = check(lab, {"path": "My Essay.ipynb", "notebook": notebook([md_cell("x")], {"title": "T"})})
    assert status == 200
    assert [p["field"] for p in data["problems"]] == ["slug"]


@pytest.mark.parametrize("body, status, words", [
    (b"{ not json", 400, "not valid JSON (line 1, column 3"),
    (b"\xff\xfe", 400, "not UTF-8"),
    (b"[1, 2]", 400, "must be a JSON object"),
    (b'{"notebook": {"cells": []}}', 400, '"path" must be'),
    (b'{"path": 7, "notebook": {"cells": []}}', 400, '"path" must be'),
    (b'{"path": "x.ipynb"}', 400, '"notebook" must be'),
    (b'{"path": "x.ipynb", "notebook": "text"}', 400, '"notebook" must be'),
    (b'{"path": "x.ipynb", "notebook": {"cells": {}}}', 400, "no 'cells' list"),
    (b'{"path": "x.ipynb", "notebook": {"cells": [], "metadata": []}}', 400, "'metadata' must be an object"),
])
def test_check_refuses_malformed_requests_clearly(lab, body, status, words):
    code, data = check(lab, body)
    assert code == status
    assert words in data["message"]


def test_check_refuses_a_huge_body_with_413(lab):
    from essaykit.essay import MAX_NOTEBOOK_BYTES

    huge = json.dumps({"path": "x.ipynb", "notebook": {"cells": [md_cell("x" * (MAX_NOTEBOOK_BYTES + 10))]}}).encode()
    code, data = check(lab, huge)
    assert code == 413
    assert "over the 10 MB notebook limit" in data["message"] and "ESSAYKIT_MAX_NOTEBOOK_MB" in data["message"]


@pytest.mark.parametrize("cells, essay, wrong", [
    ([1, "text", None, []], {"title": "Odd cells"}, True),
    # Tags that are not a list and cell metadata that is not an object are ignored by the model.
    ([{"cell_type": "markdown", "metadata": {"tags": "spoiler", "essay": []}, "source": ["a", "b"]}], {"title": "T"}, False),
    ([{"cell_type": "markdown", "metadata": {"tags": ["spoiler"], "essay": {"spoiler_label": 5}}, "source": "x"}], {"title": "T"}, True),
    ([{"cell_type": "code", "metadata": {"tags": ["spoiler"]}, "source": "1", "outputs": "bad"}], {"title": "T"}, True),
    ([md_cell("x")], ["not", "an", "object"], True),
    ([md_cell("x")], {"title": {"nested": True}, "rating": "five", "tags": "film", "date": "yesterday"}, True),
])
def test_check_answers_odd_notebooks_with_problems_not_errors(lab, cells, essay, wrong):
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"essay": essay}, "cells": cells}
    code, data = check(lab, {"path": "odd.ipynb", "notebook": nb})
    assert code == 200, data
    assert bool(data["problems"]) == wrong


def test_check_needs_post(lab):
    code, _, _ = request(lab.url + "/essaykit/check")
    assert code == 405


def test_server_log_has_no_tracebacks(lab):
    assert not server_tracebacks(lab.output()), lab.output()[-3000:]
