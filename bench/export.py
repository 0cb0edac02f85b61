"""Benchmark: essaykit's static export and site build against stock nbconvert, in one run.

    .venv/bin/python bench/export.py [--runs 3] [--essays 200] [--sample 20] [--scaling 50,200,1000]

Prints, for each figure, our number, stock's number, their ratio and the
target:

- page weight of the example essay, ours vs ``jupyter nbconvert --to html
  --execute``, and the requests each page makes when opened in Chromium
  (recorded with every non-file request aborted, so nothing leaves the machine);
- export wall time (median of --runs, interleaved) on the example essay;
- site build of --essays generated blog essays (mostly text, one in 20 with
  code; each with two tags, footnotes and a captioned figure, so the build does
  tag pages, full-content feeds, card images and image files) against the fair
  stock baseline, measured side by side on the same essays: ONE
  ``jupyter nbconvert --to html`` call for all text-only essays plus ONE
  ``jupyter nbconvert --to html --execute`` call for the essays with code.
  The naive baseline (a shell loop of per-file ``nbconvert --execute``, on a
  sample, scaled by kind) is kept as a second, labelled line only;
- scaling: our full build and our unchanged rebuild at each --scaling size
  (and the fair stock baseline at each size with --scaling-stock);
- peak memory of the build: the sum of RSS over the whole process tree
  (sampled), and the largest single process (getrusage of children).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.essays import generate_essays  # noqa: E402

BIN = Path(sys.executable).parent
EXAMPLE = ROOT / "notebooks" / "the-salt-road.ipynb"
ENV = {**os.environ, "JUPYTER_PATH": os.pathsep.join(filter(None, [str(ROOT / "share" / "jupyter"),
                                                                    os.environ.get("JUPYTER_PATH", "")])),
       "PYDEVD_DISABLE_FILE_VALIDATION": "1"}


def run(argv, cwd=None) -> float:
    """Run a command, fail loudly if it fails, return its wall time in seconds."""
    start = time.perf_counter()
    proc = subprocess.run([str(a) for a in argv], cwd=cwd, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(map(str, argv))}\n{proc.stderr[-3000:]}")
    return elapsed


def ours_export(src: Path, out: Path) -> list:
    return [BIN / "essaykit", "export", src, "-o", out]


def stock_export(src: Path, out_dir: Path) -> list:
    return [BIN / "jupyter", "nbconvert", "--to", "html", "--execute", src, "--output-dir", out_dir]


def prepare_example(work: Path) -> tuple[Path, str]:
    """Copy the example essay into its own folder. If its comments cell cannot run
    yet (CommentSection not built), swap in a stand-in cell and say so."""
    folder = work / "example"
    folder.mkdir()
    src = folder / EXAMPLE.name
    shutil.copy(EXAMPLE, src)
    probe = subprocess.run([BIN / "essaykit", "export", src, "-o", work / "probe.html"], env=ENV,
                           capture_output=True, text=True)
    if probe.returncode == 0:
        return src, "the example essay as shipped (its comments cell runs CommentSection())"
    if "essaykit.widgets.comments" not in probe.stderr:
        raise SystemExit(f"our export of the example failed:\n{probe.stderr}")
    nb = json.loads(src.read_text())
    nb["cells"][-1]["source"] = (
        "import ipywidgets, sqlalchemy\n"
        "class Comments(ipywidgets.VBox):\n"
        "    def _repr_mimebundle_(self, **kw):\n"
        "        data = super()._repr_mimebundle_(**kw)\n"
        "        return {**data, 'text/html': '<section class=\"ek-comments\"><p>No comments yet.</p></section>'}\n"
        "Comments([ipywidgets.Textarea(description='Comment'), ipywidgets.Button(description='Post')])"
    )
    src.write_text(json.dumps(nb, indent=1))
    return src, ("STAND-IN: CommentSection is not built yet, so the example's last cell was replaced by one that "
                 "imports ipywidgets and sqlalchemy and displays a comment-form widget with an HTML twin")


def page_requests(html_path: Path) -> list[str]:
    """Every request the page makes in Chromium, other than the page itself.
    Non-file requests are recorded and then aborted: nothing goes out."""
    from playwright.sync_api import sync_playwright

    seen: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        context = browser.new_context()
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                      else route.abort())
        page = context.new_page()
        page.on("request", lambda req: seen.append(req.url))
        page.goto(html_path.as_uri(), wait_until="load", timeout=60000)
        try:
            page.wait_for_load_state("networkidle", timeout=10000)
        except Exception:  # noqa: BLE001 - a page still trying to fetch is what we measure
            pass
        browser.close()
    return [u for u in seen if u != html_path.as_uri()]


class TreeMemory:
    """Sample the summed RSS of a process and all its descendants."""

    def __init__(self, pid: int):
        import psutil

        self.root = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self):
        import psutil

        while not self._stop.is_set():
            total = 0
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                break
            for p in procs:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            time.sleep(0.05)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def timed_build(essays: Path, site: Path, jobs: int | None) -> tuple[float, int]:
    argv = [BIN / "essaykit", "build", essays, "-o", site] + (["-j", str(jobs)] if jobs else [])
    start = time.perf_counter()
    proc = subprocess.Popen([str(a) for a in argv], env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with TreeMemory(proc.pid) as mem:
        out, err = proc.communicate()
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"essaykit build failed:\n{err[-3000:]}")
    return elapsed, mem.peak


def stock_loop(files: list[Path], out_dir: Path) -> float:
    """A shell loop of per-file stock nbconvert, as a user would write it."""
    script = 'for f in "$@"; do jupyter nbconvert --to html --execute "$f" --output-dir "$OUT" >/dev/null 2>&1 || exit 1; done'
    env = {**ENV, "OUT": str(out_dir), "PATH": f"{BIN}{os.pathsep}{ENV['PATH']}"}
    start = time.perf_counter()
    proc = subprocess.run(["bash", "-c", script, "loop", *map(str, files)], env=env)
    if proc.returncode != 0:
        raise SystemExit("the stock nbconvert loop failed")
    return time.perf_counter() - start


def stock_fair(text: list[Path], code: list[Path], out_dir: Path) -> tuple[float, float]:
    """The fair stock baseline: one nbconvert call for every text-only essay, one
    --execute call for every essay with code. Returns (text seconds, code seconds)."""
    text_t = run([BIN / "jupyter", "nbconvert", "--to", "html", *text, "--output-dir", out_dir / "text"]) if text else 0.0
    code_t = run([BIN / "jupyter", "nbconvert", "--to", "html", "--execute", *code,
                  "--output-dir", out_dir / "code"]) if code else 0.0
    return text_t, code_t


def split_by_code(paths: list[Path], code_every: int = 20) -> tuple[list[Path], list[Path]]:
    code = [p for i, p in enumerate(paths) if i % code_every == 0]
    text = [p for i, p in enumerate(paths) if i % code_every != 0]
    return text, code


def row(name, ours, stock, ratio, target, ok, unit=""):
    mark = "OK  " if ok else "MISS"
    print(f"{mark} {name:<34} ours {ours:>12} | stock {stock:>12} | ratio {ratio:>8} | target {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="export timing runs per tool (median is reported)")
    parser.add_argument("--essays", type=int, default=200, help="essays in the generated site")
    parser.add_argument("--sample", type=int, default=20, help="essays the stock loop is timed on")
    parser.add_argument("--jobs", type=int, default=None, help="essaykit build --jobs (default: all cores)")
    parser.add_argument("--scaling", default="50,200,1000",
                        help="essay counts for the scaling table, e.g. 50,200,1000 ('' to skip)")
    parser.add_argument("--scaling-stock", action="store_true",
                        help="also time the fair stock baseline at every scaling size")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="essaykit-bench-"))
    print(f"essaykit export/build benchmark; work folder {work}; {os.cpu_count()} cores; "
          f"load average {os.getloadavg()[0]:.2f}")
    src, note = prepare_example(work)
    print(f"example essay: {note}\n")

    # Export wall time, interleaved so load changes hit both tools alike.
    ours_t, stock_t = [], []
    for i in range(args.runs):
        ours_t.append(run(ours_export(src, work / "ours.html")))
        stock_t.append(run(stock_export(src, work / "stock")))
    ours_html, stock_html = work / "ours.html", work / "stock" / f"{src.stem}.html"

    ours_kb, stock_kb = ours_html.stat().st_size / 1024, stock_html.stat().st_size / 1024
    ours_req, stock_req = page_requests(ours_html), page_requests(stock_html)

    # Site build of blog essays (tags, footnotes, figures), ours against the fair stock baseline.
    essays = work / "essays"
    paths = generate_essays(essays, args.essays, code_every=20, blog=True)
    text, code = split_by_code(paths)
    n_code = max(2, round(args.sample * len(code) / len(paths)))
    sample_code, sample_text = code[:n_code], text[: args.sample - n_code]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    build_t, tree_peak = timed_build(essays, work / "site", args.jobs)
    child_peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    rebuild_t, _ = timed_build(essays, work / "site", args.jobs)
    fair_text_t, fair_code_t = stock_fair(text, code, work / "stock-fair")
    fair = fair_text_t + fair_code_t
    naive_code_t = stock_loop(sample_code, work / "stock-site")
    naive_text_t = stock_loop(sample_text, work / "stock-site")
    naive = naive_code_t / len(sample_code) * len(code) + naive_text_t / len(sample_text) * len(text)

    med_ours, med_stock = statistics.median(ours_t), statistics.median(stock_t)
    print("figure                                   ours           stock          ratio      target")
    row("page weight (example essay)", f"{ours_kb:.1f} KB", f"{stock_kb:.1f} KB", f"1/{stock_kb / ours_kb:.1f}",
        "<= 40 KB and >= 7x smaller", ours_kb <= 40 and stock_kb / ours_kb >= 7)
    row("requests when opened (Chromium)", f"{len(ours_req)}", f"{len(stock_req)}", "-",
        "ours 0, stock >= 3", not ours_req)
    for url in stock_req:
        print(f"       stock requests {url}")
    row(f"export wall time (median of {args.runs})", f"{med_ours:.2f} s", f"{med_stock:.2f} s",
        f"{med_ours / med_stock:.2f}x", "<= 0.5x stock", med_ours <= 0.5 * med_stock)
    row(f"site build, {len(paths)} essays ({len(code)} with code)", f"{build_t:.1f} s", f"{fair:.1f} s",
        f"{build_t / fair:.2f} ({fair / build_t:.1f}x faster)", "faster than fair stock", build_t < fair)
    print(f"       fair stock, measured in full: one nbconvert call for the {len(text)} text-only essays "
          f"{fair_text_t:.1f} s + one --execute call for the {len(code)} with code {fair_code_t:.1f} s. "
          "Ours includes tag pages, full-content feeds, card images, image files and sizes.")
    print(f"       naive stock (second line, NOT the baseline): per-file `nbconvert --execute` shell loop, "
          f"sampled on {len(sample_code) + len(sample_text)} ({len(sample_code)} with code {naive_code_t:.1f} s, "
          f"{len(sample_text)} text {naive_text_t:.1f} s), scaled by kind to {len(paths)}: {naive:.1f} s "
          f"({naive / build_t:.0f}x ours)")
    row("unchanged rebuild", f"{rebuild_t:.2f} s", "-", "-", "< 1 s for 200 essays",
        rebuild_t < 1 or len(paths) > 200)
    row("peak memory of the build (tree sum)", f"{tree_peak / 2**20:.0f} MiB", "-", "-", "< 1 GiB",
        tree_peak < 2**30)
    print(f"       largest single process (getrusage children): {max(child_peak_kb, before) / 1024:.0f} MiB")

    sizes = [int(n) for n in args.scaling.split(",") if n.strip()] if args.scaling else []
    if sizes:
        print("\nscaling (blog essays, one in 20 with code):")
        print("   essays   full build   per essay   unchanged rebuild   per essay" +
              ("   fair stock   ratio" if args.scaling_stock else ""))
        for n in sizes:
            folder = work / f"scale-{n}"
            scaled = generate_essays(folder, n, code_every=20, blog=True)
            full_t, _ = timed_build(folder, work / f"scale-site-{n}", args.jobs)
            again_t, _ = timed_build(folder, work / f"scale-site-{n}", args.jobs)
            line = (f"   {n:>6}   {full_t:>8.2f} s   {full_t / n * 1000:>6.1f} ms   {again_t:>15.2f} s"
                    f"   {again_t / n * 1000:>6.2f} ms")
            if args.scaling_stock:
                t_text, t_code = stock_fair(*split_by_code(scaled), work / f"scale-stock-{n}")
                line += f"   {t_text + t_code:>8.1f} s   {full_t / (t_text + t_code):.2f}"
            print(line)
            shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(work / f"scale-site-{n}", ignore_errors=True)
    print("\nreproduce: .venv/bin/python bench/export.py "
          f"--runs {args.runs} --essays {args.essays} --sample {args.sample} --scaling '{args.scaling}'"
          + (" --scaling-stock" if args.scaling_stock else "")
          + (f" --jobs {args.jobs}" if args.jobs else ""))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
