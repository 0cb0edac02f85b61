"""Notebooks we did not write (nbconvert's own test notebooks, tests/fixtures/conformance/NOTICE):
every one exports, every stored output is on the page, every formula is MathML."""

import base64
import copy
import html
import json
import re
from pathlib import Path

import pytest

from essaykit.essay import essay_from_dict
from essaykit.exports.export import essay_page

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "conformance"
NOTEBOOKS = sorted(FIXTURES.glob("*.ipynb"))
ANNOTATION = '<annotation encoding="application/x-tex">'


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def load(path: Path) -> dict:
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb = copy.deepcopy(nb)
    nb["metadata"]["essay"] = {"title": path.stem, "slug": "conformance"}
    return nb


def export(path: Path, **kw) -> str:
    return essay_page(essay_from_dict(load(path), path), show_code=True, **kw)


def visible(page: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def expected_outputs(nb: dict):
    """(MIME type shown, what must be on the page) for each stored output."""
    for cell in nb["cells"]:
        for out in cell.get("outputs") or ():
            data = out.get("data") or {}
            if "text/latex" in data:
                yield "text/latex", ANNOTATION
            elif "image/svg+xml" in data:
                yield "image/svg+xml", base64.b64encode(_text(data["image/svg+xml"]).encode()[:48]).decode()
            elif any(m in data for m in ("image/png", "image/jpeg")):
                mime = "image/png" if "image/png" in data else "image/jpeg"
                yield mime, _text(data[mime]).replace("\n", "")[:64]
            elif "text/plain" in data:
                yield "text/plain", " ".join(_text(data["text/plain"]).split())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_stored_output_is_on_the_page(path):
    page = export(path, execute=False)
    text = visible(page)
    for mime, marker in expected_outputs(load(path)):
        where = page if mime.startswith(("image/", "text/latex")) else text
        assert marker in where, f"{path.name}: a {mime} output is missing from the page"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_formula_is_mathml(path):
    from essaykit._mathml import formulas
    from essaykit.markdown import _parser

    nb = load(path)
    written = sum(len(formulas(_parser("essay").parse(_text(c["source"])))) for c in nb["cells"]
                  if c["cell_type"] == "markdown")
    latex = sum(1 for mime, _ in expected_outputs(nb) if mime == "text/latex")
    page = export(path, execute=False)
    assert page.count(ANNOTATION) >= written + latex, f"{path.name}: every formula becomes MathML"
    assert "ek-math-error" not in page.replace(".ek-math-error", ""), f"{path.name}: no formula is left as TeX"


def test_raw_cells_for_html_pages_are_shown_and_others_are_not():
    page = export(FIXTURES / "rawtest.ipynb", execute=False)
    assert "<b>raw html</b>" in page, "a raw cell of format text/html is shown, as nbconvert shows it"
    assert "<li>raw markdown</li>" in page, "and one of format text/markdown as Markdown"
    assert "raw rst" not in page and "raw python" not in page, "other raw formats are not for HTML pages"


def test_notebook_with_errors_exports_with_allow_errors():
    page = export(FIXTURES / "notebook3_with_errors.ipynb", execute=True, allow_errors=True)
    text = visible(page)
    assert "RuntimeError" in text and "This is a deliberate exception" in text, "the error is shown where it was raised"
    assert "my number is 23" in text and "everything is: 42" in text, "the cells before and after it ran"
