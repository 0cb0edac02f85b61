"""Notebook fidelity: how much of what notebooks show reaches the page, ours against stock nbconvert.

Over a folder of notebooks (default: tests/fixtures/conformance), from their stored outputs, in one run:

- formulas: the share of formulas (Markdown math and ``text/latex`` outputs) on the page as MathML;
  stock ``--to html`` leaves TeX for MathJax from a CDN, so offline it renders none;
- outputs present: every output's own marker (an image's bytes, a stream's first line, an
  error's name, the text of an HTML table …) looked for on the page, counted per MIME type;
- export time for all notebooks.

Both exporters run in this process (``HTMLExporter`` is what ``jupyter nbconvert --to html`` runs).
Notebooks without essay metadata get a title from their file name. Widget views are counted
apart: drawing them is the widget work of issue 23.

    .venv/bin/python bench/fidelity.py [FOLDER]
"""

from __future__ import annotations

import base64
import collections
import copy
import html
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
STOCK_PRIORITY = ("text/html", "text/markdown", "image/svg+xml", "text/latex", "image/png", "image/jpeg",
                  "text/plain")


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _first_words(text: str) -> str:
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", ANSI.sub("", text))).split())
    return words[:40]


def markers(nb: dict) -> list[tuple[str, str]]:
    """(kind, marker) for each output: the kind is the MIME type a notebook shows it as."""
    found = []
    for cell in nb.get("cells", []):
        for out in cell.get("outputs") or ():
            kind = out.get("output_type")
            if kind == "stream":
                line = next((ln for ln in ANSI.sub("", _text(out.get("text", ""))).splitlines() if ln.strip()), "")
                found.append((f"stream/{out.get('name')}", " ".join(line.split())[:40]))
            elif kind == "error":
                found.append(("error", out.get("ename", "")))
            elif kind in ("display_data", "execute_result"):
                data = out.get("data") or {}
                if WIDGET_VIEW in data:
                    found.append((WIDGET_VIEW, ""))
                    continue
                mime = next((m for m in (*STOCK_PRIORITY, "image/gif", "image/webp", "application/json") if m in data), None)
                if mime is None:
                    continue
                value = data[mime]
                if mime.startswith("image/"):
                    raw = _text(value).encode() if mime == "image/svg+xml" else None
                    marker = (base64.b64encode(raw[:48]).decode() if raw else _text(value).replace("\n", "")[:48])
                    found.append((mime, marker))
                elif mime == "text/latex":
                    found.append((mime, "<math"))
                elif mime == "application/json":
                    found.append((mime, next(iter(value), "") if isinstance(value, dict) else ""))
                else:
                    found.append((mime, _first_words(_text(value))))
    return found


def present(page: str, text: str, kind: str, marker: str) -> bool:
    if not marker:
        return True
    if kind.startswith("image/"):
        return marker in page or (kind == "image/svg+xml" and base64.b64decode(marker).decode(errors="ignore")[:30] in page)
    if kind == "text/latex":
        return marker in page
    return " ".join(marker.split()) in text


def visible_text(page: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def formula_count(nb: dict) -> int:
    from essaykit._mathml import _latex_parser, formulas
    from essaykit.markdown import _parser

    total = 0
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            total += len(formulas(_parser("essay").parse(_text(cell.get("source", "")))))
        for out in cell.get("outputs") or ():
            latex = (out.get("data") or {}).get("text/latex")
            if latex:
                total += len(formulas(_latex_parser().parse(_text(latex))))
    return total


def ours(path: Path, nb: dict) -> str:
    from essaykit.essay import essay_from_dict
    from essaykit.exports.export import essay_page

    nb = copy.deepcopy(nb)
    meta = nb.setdefault("metadata", {})
    if not isinstance(meta.get("essay"), dict):
        meta["essay"] = {"title": path.stem}
    meta["essay"]["slug"] = "bench"
    return essay_page(essay_from_dict(nb, path), execute=False, show_code=True)


def stock(path: Path, nb: dict) -> str:
    import nbformat
    from nbconvert import HTMLExporter

    from nbformat.v4.rwbase import rejoin_lines

    # As `jupyter nbconvert` reads a file: sources and outputs as strings, not lists of lines.
    node = rejoin_lines(nbformat.from_dict(copy.deepcopy(nb)))
    body, _ = HTMLExporter().from_notebook_node(node, resources={"metadata": {"path": str(path.parent)}})
    return body


def main(folder: Path) -> None:
    import warnings

    warnings.simplefilter("ignore")
    notebooks = sorted(folder.rglob("*.ipynb"))
    counts = {"ours": collections.Counter(), "stock": collections.Counter()}
    expected = collections.Counter()
    times = {"ours": 0.0, "stock": 0.0}
    formulas = mathml = 0
    failures = {"ours": [], "stock": []}
    for path in notebooks:
        nb = json.loads(path.read_text(encoding="utf-8"))
        if nb.get("nbformat") != 4:
            continue
        found = markers(nb)
        expected.update(kind for kind, _ in found)
        formulas += formula_count(nb)
        for name, export in (("ours", ours), ("stock", stock)):
            started = time.perf_counter()
            try:
                page = export(path, nb)
            except Exception as exc:  # a bench reports every failure and goes on
                failures[name].append(f"{path.relative_to(folder)}: {type(exc).__name__}: {str(exc)[:120]}")
                continue
            finally:
                times[name] += time.perf_counter() - started
            text = visible_text(page)
            counts[name].update(kind for kind, marker in found if present(page, text, kind, marker))
            if name == "ours":
                mathml += page.count('<annotation encoding="application/x-tex">')
    print(f"{len(notebooks)} notebooks in {folder}")
    print(f"{'':28}{'ours':>10}{'stock':>10}{'ratio':>8}")
    kinds = sorted(k for k in expected if k != WIDGET_VIEW)
    shown = {n: sum(counts[n][k] for k in kinds) for n in counts}
    total = sum(expected[k] for k in kinds)
    for kind in kinds:
        print(f"{kind:28}{counts['ours'][kind]:>6}/{expected[kind]:<4}{counts['stock'][kind]:>6}/{expected[kind]:<4}")
    ratio = shown["ours"] / shown["stock"] if shown["stock"] else float("nan")
    print(f"{'outputs present':28}{shown['ours']:>6}/{total:<4}{shown['stock']:>6}/{total:<4}{ratio:>7.2f}")
    print(f"{'widget views (not counted)':28}{expected[WIDGET_VIEW]:>10}")
    print(f"{'formulas as MathML':28}{mathml:>6}/{formulas:<4}{0:>6}/{formulas:<4}   (stock: MathJax from a CDN)")
    ratio = times["ours"] / times["stock"] if times["stock"] else float("nan")
    print(f"{'export time, all (s)':28}{times['ours']:>10.2f}{times['stock']:>10.2f}{ratio:>8.2f}")
    for name, failed in failures.items():
        for line in failed:
            print(f"{name} failed: {line}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "fixtures" / "conformance")
