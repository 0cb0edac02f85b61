"""`essaykit serve FOLDER` while the folder changes: notebooks added, renamed and removed, and a
draft published, are picked up without a restart, while readers keep loading pages."""

from __future__ import annotations

import json
import os
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

from helpers.servers import serve_essaykit, server_tracebacks
from helpers.servers import stop_process

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "exports"))
from blog_fixtures import md, nb, review_folder  # noqa: E402


def get(server, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(server.url + path, timeout=120) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def put(folder: Path, name: str, notebook: dict) -> None:
    """Write a notebook as editors do: a hidden temporary file renamed into place."""
    temporary = folder / f".{name}.tmp"
    temporary.write_text(json.dumps(notebook), encoding="utf-8")
    os.replace(temporary, folder / name)


class Readers:
    """Threads loading the index and a page over and over until stopped; they keep every status."""

    def __init__(self, server, paths: list[str], count: int = 3):
        self.server, self.paths = server, paths
        self.stop = threading.Event()
        self.statuses: list[tuple[str, int]] = []
        self.threads = [threading.Thread(target=self._read, daemon=True) for _ in range(count)]

    def _read(self) -> None:
        while not self.stop.is_set():
            for path in self.paths:
                self.statuses.append((path, get(self.server, path)[0]))

    def __enter__(self):
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(timeout=120)


def test_a_served_folder_gains_renames_and_loses_notebooks_without_a_restart(tmp_path):
    folder = review_folder(tmp_path / "essays")
    server = serve_essaykit(folder, log=tmp_path / "serve.log", warm_kernels=0)
    try:
        assert get(server, "/voila/render/fresh.ipynb")[0] == 404
        with Readers(server, ["/", "/voila/render/trains.ipynb"]) as readers:
            # New: its page and the index answer on the very next request (no waiting).
            put(folder, "fresh.ipynb", nb([md("Just arrived.")], title="Fresh Arrival", date="2026-04-01"))
            status, page = get(server, "/voila/render/fresh.ipynb")
            assert status == 200 and "Just arrived." in page
            assert "Fresh Arrival" in get(server, "/")[1]

            # Renamed: the old address is gone, the new one answers.
            os.replace(folder / "harbour.ipynb", folder / "harbour-lights.ipynb")
            assert get(server, "/voila/render/harbour.ipynb")[0] == 404
            status, page = get(server, "/voila/render/harbour-lights.ipynb")
            assert status == 200 and "Boats, mostly." in page
            index = get(server, "/")[1]
            assert 'harbour-lights.ipynb"' in index and 'harbour.ipynb"' not in index

            # Removed: a 404 and off the index.
            (folder / "orchard.ipynb").unlink()
            assert get(server, "/voila/render/orchard.ipynb")[0] == 404
            assert "The Orchard" not in get(server, "/")[1]

            # A draft published: on the index.
            assert "Half Written" not in get(server, "/")[1]
            put(folder, "wip.ipynb", nb([md("Ready now.")], title="Half Written", date="2026-02-15"))
            assert "Half Written" in get(server, "/")[1]

            # A broken new notebook is left out; the rest keep answering.
            (folder / "broken.ipynb").write_text("{not json", encoding="utf-8")
            assert get(server, "/voila/render/broken.ipynb")[0] == 404
            assert get(server, "/")[0] == 200
        assert readers.statuses, "the readers loaded pages meanwhile"
        assert {status for _, status in readers.statuses} == {200}, sorted(set(readers.statuses))
        log = server.output()
        assert not server_tracebacks(log), log[-3000:]
        assert "now serving fresh.ipynb" in log and "no longer serving orchard.ipynb" in log
    finally:
        stop_process(server.proc)
