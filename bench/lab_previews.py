"""How often JupyterLab's Voilà preview of the example essay never finishes: essaykit's kernel client against
jupyter_client's own, in one run.

    .venv/bin/python bench/lab_previews.py [--renders 60] [--at-once 3] [--stall 60]

Two JupyterLabs from this virtualenv serve copies of the example essay (its ``interact`` chart included):
one as installed (essaykit's server extension gives the lab's kernels :mod:`essaykit._kernel_client`),
one told to keep jupyter_client's stock ``AsyncKernelClient`` (``--KernelManager.client_class``, which
essaykit leaves alone). Each gets ``--renders`` GETs of ``/voila/render/<copy>.ipynb``, the two
interleaved and ``--at-once`` at a time, so both see the same load. A render that has not finished after
``--stall`` seconds (a normal one takes 1-5 s) is counted as stalled. The hang needs a busy machine: run
it while something else uses the cores (``./dev test`` does).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "notebooks" / "the-salt-road.ipynb"
STOCK_CLIENT = "jupyter_client.asynchronous.AsyncKernelClient"


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Lab:
    def __init__(self, work: Path, renders: int, extra: list[str]):
        self.root = work / "essays"
        self.root.mkdir(parents=True)
        (work / "data").mkdir()
        import nbformat
        from nbformat.sign import NotebookNotary

        notary = NotebookNotary(data_dir=str(work / "data"))
        for number in range(renders):
            copy = self.root / f"e{number}.ipynb"
            shutil.copy(EXAMPLE, copy)
            notary.sign(nbformat.read(copy, as_version=4))  # Voilà's preview in JupyterLab runs trusted notebooks
        self.url = f"http://127.0.0.1:{_port()}"
        env = {**os.environ, "JUPYTER_DATA_DIR": str(work / "data"), "JUPYTER_CONFIG_DIR": str(work / "config"),
               "JUPYTER_RUNTIME_DIR": str(work / "runtime"), "IPYTHONDIR": str(work / "ipython"),
               "JUPYTER_PREFER_ENV_PATH": "1", "JUPYTER_PATH": str(ROOT / "share" / "jupyter")}
        self.log = open(work / "lab.log", "wb")
        self.proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1",
             f"--port={self.url.rsplit(':', 1)[1]}", f"--ServerApp.root_dir={self.root}",
             "--IdentityProvider.token=", "--ServerApp.password=", "--ServerApp.allow_root=True",
             "--LabApp.news_url=", "--LabApp.extension_manager=readonly", *extra],
            stdout=self.log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(self.url + "/api/status", timeout=5).read()
                return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"JupyterLab did not start; see {self.log.name}")
                time.sleep(0.2)

    def render(self, number: int, stall: float) -> float | None:
        """Seconds until the preview's page is whole, or None when it stalled."""
        done: list[float] = []

        def get() -> None:
            start = time.monotonic()
            try:
                with urllib.request.urlopen(f"{self.url}/voila/render/e{number}.ipynb", timeout=stall + 5) as answer:
                    answer.read()
            except (OSError, http.client.HTTPException):
                return  # a stalled render's connection, cut when its server stops
            done.append(time.monotonic() - start)

        # A stalled render keeps its connection open, sending nothing: a thread with a bound, not a socket timeout.
        thread = threading.Thread(target=get, daemon=True)
        thread.start()
        thread.join(stall)
        return done[0] if done else None

    def stop(self) -> None:
        os.killpg(self.proc.pid, 15)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, 9)
        self.log.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--renders", type=int, default=60)
    parser.add_argument("--at-once", type=int, default=3)
    parser.add_argument("--stall", type=float, default=60.0)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="essaykit-lab-previews-"))
    labs = {"essaykit": Lab(work / "ours", args.renders, []),
            "stock client": Lab(work / "stock", args.renders, [f"--KernelManager.client_class={STOCK_CLIENT}"])}
    results: dict[str, list[float | None]] = {name: [] for name in labs}
    try:
        jobs = [(name, number) for number in range(args.renders) for name in labs]
        with ThreadPoolExecutor(args.at_once) as pool:
            for (name, _), seconds in zip(jobs, pool.map(lambda job: labs[job[0]].render(job[1], args.stall), jobs)):
                results[name].append(seconds)
    finally:
        for lab in labs.values():
            lab.stop()
        shutil.rmtree(work, ignore_errors=True)
    stalls = {name: sum(seconds is None for seconds in got) for name, got in results.items()}
    print(f"{'':14} {'renders':>8} {'stalled':>8} {'median s':>9}")
    for name, got in results.items():
        finished = sorted(s for s in got if s is not None)
        median = finished[len(finished) // 2] if finished else float("nan")
        print(f"{name:14} {len(got):>8} {stalls[name]:>8} {median:>9.1f}")
    stock = stalls["stock client"]
    print(json.dumps({"ours_stalled": stalls["essaykit"], "stock_stalled": stock, "renders": args.renders,
                      "ratio": round(stalls["essaykit"] / stock, 3) if stock else None,
                      "load_average": os.getloadavg()[0]}))


if __name__ == "__main__":
    main()
