"""Benchmark the live page: stock Voilà (lab template) against ``essaykit serve``, same notebook.

    .venv/bin/python bench/voila.py [--runs 5] [--widget spoiler|button] [--keep]

Both servers run side by side on one essay (about 7 KB of text and one
widget: an ``essaykit.Spoiler``, or an ipywidgets ``Button`` with
``--widget button``). Each run opens a fresh headless Chromium context on
each server in turn and records, from the page's own clock (navigation start):

- text: when the first paragraph is visible (in the layout, not hidden);
- widget: when the widget's button (or, for a spoiler essaykit serve draws as its static twin, its
  `<summary>`) is visible and enabled;
- requests: every request the page made, and how many left 127.0.0.1;
- bytes: bytes transferred (Chromium's encodedDataLength: headers plus bodies as sent).

It prints the median of the runs for each side, their ratio (ours / stock)
and the targets: text <= 0.25x, widget <= 1.0x, external requests 0; then the
widget bundle's script (what a live page and a static page with widgets load):
its size raw and gzipped, and the time Chromium takes to parse and run it from
a local file, with a cold code cache (a fresh browser context) and a warm one
(the same context again, after V8 has cached the compiled code).
(The first live widget against a bare floor page, cold and warm browser cache,
is measured by bench/capacity.py --only one.)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# This file is named voila.py: keep its folder off sys.path so "import voila" finds Voilà.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
FIRST = "There is a shot about twenty minutes into the film"
LABEL = "Reveal the ending"
PARAGRAPH = ("The film takes its time, and asks you to take yours: long shots of the road, the mule, "
             "the weather coming over the ridge, and a woman who keeps walking because stopping would "
             "mean admitting the journey has no point. ")

# Runs in the page from document start; records performance.now() when each
# condition first holds, checked on every animation frame while loading.
PROBE = """
(() => {
  const marks = window.__bench = {};
  function visible(el) { return el && el.checkVisibility && el.checkVisibility() && el.getBoundingClientRect().height > 0; }
  function tick() {
    if (marks.text === undefined) {
      for (const p of document.querySelectorAll("p")) {
        if (p.textContent.includes(%(first)s) && visible(p)) { marks.text = performance.now(); break; }
      }
    }
    if (marks.widget === undefined) {
      // essaykit serve draws a literal Spoiler(...) as its static twin: a <details> whose <summary> opens it.
      for (const b of document.querySelectorAll("button, summary")) {
        const name = (b.getAttribute("aria-label") || b.textContent || "").trim();
        if (name.includes(%(label)s) && !b.disabled && visible(b)) { marks.widget = performance.now(); break; }
      }
    }
    if (marks.text === undefined || marks.widget === undefined) requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
})();
""" % {"first": json.dumps(FIRST), "label": json.dumps(LABEL)}


def notebook(widget: str) -> dict:
    def md(text: str) -> dict:
        return {"cell_type": "markdown", "metadata": {}, "source": text}

    if widget == "spoiler":
        code = f'from essaykit import Spoiler\nSpoiler("The salt was never needed: the town moved on.", label="{LABEL}")'
    else:
        code = f'import ipywidgets\nipywidgets.Button(description="{LABEL}")'
    cells = [md(f"{FIRST}. A mule stops dead on a switchback and refuses to go on.")]
    cells += [md(f"## Part {i}\n\n" + PARAGRAPH * 4) for i in range(1, 8)]
    cells += [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": code}]
    cells += [md("## The verdict\n\n" + PARAGRAPH * 2)]
    for i, cell in enumerate(cells):
        cell["id"] = f"cell-{i}"
    return {"nbformat": 4, "nbformat_minor": 5, "cells": cells, "metadata": {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "essay": {"title": "The Salt Road (benchmark)", "slug": "bench-salt-road", "author": "Bench"}}}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(argv: list[str], port: int, cwd: Path, log: Path) -> subprocess.Popen:
    env = {**os.environ, "JUPYTER_PATH": os.pathsep.join([str(ROOT / "share" / "jupyter"), os.environ.get("JUPYTER_PATH", "")])}
    proc = subprocess.Popen(argv, cwd=cwd, stdout=open(log, "wb"), stderr=subprocess.STDOUT, env=env, start_new_session=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"server exited: {' '.join(argv)}\n{log.read_text()[-2000:]}")
        try:
            # A HEAD-less probe that starts no kernel: a static file both servers have.
            urllib.request.urlopen(f"http://127.0.0.1:{port}/voila/static/voila.js", timeout=2).close()
            return proc
        except OSError:
            time.sleep(0.3)
    sys.exit(f"server did not start: {' '.join(argv)}")


def stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


def measure(browser, url: str, timeout_ms: float = 60000) -> dict:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    context.add_init_script(PROBE)
    page = context.new_page()
    urls: list[str] = []
    transferred: list[int] = []
    page.on("request", lambda r: urls.append(r.url))
    # Chromium's own count of bytes received per response (headers and encoded body).
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.on("Network.loadingFinished", lambda e: transferred.append(int(e.get("encodedDataLength", 0))))
    page.goto(url, wait_until="commit", timeout=timeout_ms)
    # A function, not an expression: the page's CSP refuses the eval Playwright would use for a string.
    page.wait_for_function("() => window.__bench && window.__bench.text !== undefined && window.__bench.widget !== undefined",
                           timeout=timeout_ms, polling=100)
    page.wait_for_load_state("networkidle", timeout=timeout_ms)
    marks = page.evaluate("window.__bench")
    size = sum(transferred)
    context.close()
    external = [u for u in urls if not u.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:"))]
    return {"text": marks["text"] / 1000, "widget": marks["widget"] / 1000, "requests": len(urls),
            "external": len(external), "external_urls": sorted(set(external)), "bytes": size}


# Times the bundle's script: parse and run, from the inline scripts around it (file://, no network).
BUNDLE_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<script>window.__t0 = performance.now();</script><script src="%s"></script>
<script>window.__parse = performance.now() - window.__t0;</script></body></html>"""


def bundle_figures(browser, runs: int) -> dict:
    """The widget bundle's script: bytes raw and gzipped, and median parse-and-run time (s), cold and warm."""
    import gzip

    from essaykit.html.widget_bundle import bundle_dir, manifest

    script = bundle_dir() / manifest()["js"]
    data = script.read_bytes()
    with tempfile.TemporaryDirectory(prefix="essaykit-bench-bundle-") as folder:
        page = Path(folder) / "bundle.html"
        page.write_text(BUNDLE_PAGE % script.as_uri(), encoding="utf-8")
        cold, warm = [], []
        for _ in range(runs):
            context = browser.new_context()
            tab = context.new_page()
            tab.goto(page.as_uri())
            cold.append(tab.evaluate("window.__parse") / 1000)
            for _ in range(2):  # V8 caches the compiled script from the second load on
                tab.reload()
            warm.append(tab.evaluate("window.__parse") / 1000)
            context.close()
    return {"name": script.name, "raw": len(data), "gzip": len(gzip.compress(data, compresslevel=9)),
            "cold": statistics.median(cold), "warm": statistics.median(warm)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--widget", choices=["spoiler", "button"], default="spoiler")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args()

    from playwright.sync_api import sync_playwright

    from essaykit.live.app import voila_config

    tmp = Path(tempfile.mkdtemp(prefix="essaykit-bench-voila-"))
    stock_dir, ours_dir = tmp / "stock", tmp / "ours"
    for d in (stock_dir, ours_dir):
        d.mkdir()
        (d / "bench.ipynb").write_text(json.dumps(notebook(args.widget)), encoding="utf-8")
    sp, op = free_port(), free_port()
    stock_argv = [str(BIN / "voila"), "bench.ipynb", "--no-browser", f"--port={sp}", "--Voila.ip=127.0.0.1"]
    ours_argv = [str(BIN / "essaykit"), "serve", "bench.ipynb", f"--port={op}"]
    servers = []
    try:
        servers.append(start(stock_argv, sp, stock_dir, tmp / "stock.log"))
        servers.append(start(ours_argv, op, ours_dir, tmp / "ours.log"))
        results: dict[str, list[dict]] = {"stock": [], "ours": []}
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            # One warm-up each (Python caches, first kernel start), not counted.
            measure(browser, f"http://127.0.0.1:{sp}/")
            measure(browser, f"http://127.0.0.1:{op}/")
            for _ in range(args.runs):
                results["stock"].append(measure(browser, f"http://127.0.0.1:{sp}/"))
                results["ours"].append(measure(browser, f"http://127.0.0.1:{op}/"))
            bundle = bundle_figures(browser, args.runs)
            browser.close()
    finally:
        for proc in servers:
            stop(proc)
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)

    def med(side: str, key: str) -> float:
        return statistics.median(r[key] for r in results[side])

    c = voila_config()
    print(f"notebook: {len(json.dumps(notebook(args.widget))) // 1024} KB essay, one {args.widget} widget; "
          f"median of {args.runs} runs, headless Chromium")
    print(f"stock: {' '.join(stock_argv[:2] + stock_argv[2:])}  (lab template, Voilà defaults: no preheated kernels, "
          "no progressive rendering, strip_sources=True, show_tracebacks=False)")
    print(f"ours:  {' '.join(ours_argv)}  (Voilà options: " + ", ".join(
        f"{section}.{key}={value if not isinstance(value, type) else value.__name__}"
        for section in sorted(c) for key, value in sorted(c[section].items())) + ")")
    rows = [("first paragraph visible (s)", "text", 0.25), ("first widget interactive (s)", "widget", 1.0),
            ("requests", "requests", None), ("external requests", "external", None), ("bytes transferred", "bytes", None)]
    print(f"{'':32}{'stock':>12}{'ours':>12}{'ours/stock':>12}  target")
    for title, key, target in rows:
        s, o = med("stock", key), med("ours", key)
        ratio = o / s if s else float("nan")
        goal = f"<= {target}x {'ok' if ratio <= target else 'MISSED'}" if target else ""
        if key == "external":
            goal = "ours 0 " + ("ok" if o == 0 else "MISSED")
        fmt = (lambda v: f"{v:12.3f}") if key in ("text", "widget") else (lambda v: f"{v:12,.0f}")
        print(f"{title:32}{fmt(s)}{fmt(o)}{ratio:12.2f}  {goal}")
    ext = sorted({u for r in results["stock"] for u in r["external_urls"]})
    if ext:
        print("stock's external requests: " + ", ".join(ext))
    print(f"widget bundle {bundle['name']}: {bundle['raw']:,} bytes raw, {bundle['gzip']:,} gzipped; "
          f"parse and run in Chromium {bundle['cold'] * 1000:.0f} ms with a cold code cache, "
          f"{bundle['warm'] * 1000:.0f} ms warm (median of {args.runs})")
    print(f"reproduce: {sys.executable} bench/voila.py --runs {args.runs} --widget {args.widget}")


if __name__ == "__main__":
    main()
