"""Shared fixtures: notebooks built in memory, the CLI runner, a real Chromium,
a static file server and Jupyter/Voilà servers on free loopback ports.

When ``CI`` is set, a missing browser or database fails the run instead of
skipping it.
"""

from __future__ import annotations

import copy
import http.server
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
EXAMPLE = NOTEBOOKS / "the-salt-road.ipynb"
SHARE = ROOT / "share" / "jupyter"
IN_CI = bool(os.environ.get("CI"))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Subprocesses (jupyter nbconvert, voila, jupyter lab) must see the templates
# in this checkout, not the copy an editable install made.
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    [str(SHARE)] + [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
)


def missing(what: str) -> None:
    """Skip outside CI, fail in CI: missing infrastructure must never pass silently there."""
    if IN_CI:
        pytest.fail(f"{what} is required when CI is set", pytrace=False)
    pytest.skip(what)


# --- notebooks -----------------------------------------------------------------


def md_cell(source: str, *, tags: list[str] | None = None, **meta) -> dict:
    metadata = dict(meta)
    if tags:
        metadata["tags"] = tags
    return {"cell_type": "markdown", "metadata": metadata, "source": source}


def code_cell(source: str, *, tags: list[str] | None = None, outputs: list | None = None) -> dict:
    return {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {"tags": tags} if tags else {},
        "outputs": outputs or [],
        "source": source,
    }


def notebook(cells: list[dict], essay: dict | None = None, **metadata) -> dict:
    meta = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        **metadata,
    }
    if essay is not None:
        meta["essay"] = essay
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": meta, "cells": copy.deepcopy(cells)}
    for i, cell in enumerate(nb["cells"]):
        cell.setdefault("id", f"cell-{i}")
    return nb


@pytest.fixture
def write_notebook(tmp_path: Path) -> Callable[..., Path]:
    """Write a notebook dict (or raw text) to ``tmp_path/name`` and return the path."""

    def write(content: dict | str | bytes, name: str = "essay.ipynb") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(json.dumps(content, indent=1), encoding="utf-8")
        return path

    return write


@pytest.fixture
def example_nb() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture
def essay_dir(tmp_path: Path) -> Path:
    """A temporary copy of the example essays, safe to modify."""
    target = tmp_path / "essays"
    shutil.copytree(NOTEBOOKS, target, ignore=shutil.ignore_patterns("*.sqlite*", ".ipynb_checkpoints"))
    return target


# --- CLI -----------------------------------------------------------------------


@pytest.fixture
def cli():
    """Run ``essaykit ARGS`` in-process and return the Click result."""
    from click.testing import CliRunner

    from essaykit.cli import main

    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return run


def run_essaykit(*args: str, cwd: Path | None = None, timeout: float = 120, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the installed ``essaykit`` console script as a real subprocess."""
    exe = Path(sys.executable).with_name("essaykit")
    return subprocess.run(
        [str(exe), *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, **(env or {})},
    )


# --- network helpers -----------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, timeout: float = 60, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                if resp.status < 500:
                    return
        except urllib.error.HTTPError as exc:
            if exc.code < 500:
                return
            last = exc
        except OSError as exc:
            last = exc
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout}s ({last})")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def static_server() -> Iterator[Callable[[Path], str]]:
    """Serve a folder on a free loopback port; returns the base URL (ending in /)."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def serve(folder: Path) -> str:
        handler = lambda *a, **k: _QuietHandler(*a, directory=str(folder), **k)  # noqa: E731
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


@dataclass
class Server:
    url: str
    port: int
    proc: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=10)


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Start a server command on a free loopback port and wait until it answers.

    ``start_server(lambda port: [...argv...], ready_path="/", cwd=..., env=...)``.
    The process runs in its own process group and is stopped (SIGTERM, then
    SIGKILL) at teardown, kernels included.
    """
    started: list[Server] = []

    def start(argv: Callable[[int], list[str]], *, ready_path: str = "/", cwd: Path | None = None,
              env: dict | None = None, timeout: float = 90) -> Server:
        port = free_port()
        log = tmp_path / f"server-{port}.log"
        fh = open(log, "wb")
        proc = subprocess.Popen(
            [str(a) for a in argv(port)], cwd=cwd, stdout=fh, stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})}, start_new_session=True,
        )
        server = Server(f"http://127.0.0.1:{port}", port, proc, log)
        started.append(server)
        try:
            wait_for_http(server.url + ready_path, timeout=timeout, proc=proc)
        except Exception as exc:
            raise RuntimeError(f"{exc}\n--- server log ---\n{server.output()[-4000:]}") from None
        return server

    yield start
    for server in started:
        _stop(server.proc)


def venv_bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


@pytest.fixture
def voila_server(start_server) -> Callable[..., Server]:
    """Start stock ``voila`` on a notebook or folder; extra args pass through."""

    def start(target: Path, *args: str, cwd: Path | None = None, env: dict | None = None) -> Server:
        return start_server(
            lambda port: [venv_bin("voila"), str(target), "--no-browser", f"--port={port}",
                          "--Voila.ip=127.0.0.1", *args],
            cwd=cwd or Path(target).parent, env=env,
        )

    return start


@pytest.fixture
def jupyterlab_server(start_server, tmp_path: Path) -> Callable[..., Server]:
    """Start JupyterLab on ``root_dir`` with no token; returns the server."""

    def start(root_dir: Path, env: dict | None = None) -> Server:
        runtime = tmp_path / "jupyter-runtime"
        return start_server(
            lambda port: [venv_bin("jupyter"), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
                          f"--ServerApp.root_dir={root_dir}", "--IdentityProvider.token=",
                          "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
                          "--LabApp.news_url=", "--LabApp.extension_manager=readonly",
                          "--ServerApp.allow_root=True",
                          "--ServerApp.open_browser=False"],
            ready_path="/lab", cwd=root_dir, env={"JUPYTER_RUNTIME_DIR": str(runtime), **(env or {})},
            timeout=120,
        )

    return start


# --- browser -------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the session, driven by Playwright."""
    if not Path(CHROMIUM).exists():
        missing(f"{CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the playwright Python package")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser context and page; every request it makes is recorded in ``page.requests_seen``."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.requests_seen = []
    page.on("request", lambda req: page.requests_seen.append(req.url))
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    yield page
    context.close()


def external_requests(urls: list[str], allowed_prefixes: tuple[str, ...] = ()) -> list[str]:
    """Requests that leave this machine: anything not file:, data:, blob: or loopback."""
    local = ("file:", "data:", "blob:", "about:", "http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "ws://localhost")
    return [u for u in urls if not u.startswith(local + allowed_prefixes)]


# --- comment store databases ---------------------------------------------------

PG_BIN = Path(os.environ.get("ESSAYKIT_PG_BIN", "/usr/lib/postgresql/15/bin"))


class ThrowawayPostgres:
    """A private PostgreSQL server in a temporary folder, on a free loopback port.

    PostgreSQL refuses to run as root, so when we are root the data folder
    belongs to the ``postgres`` OS user and the server runs as that user
    (through ``runuser``). ``fsync`` is off unless ``durable=True``: test data
    need not survive a power cut. Used by tests/conftest.py and bench/comments.py.
    """

    def __init__(self, *, durable: bool = False):
        import tempfile

        self.port = free_port()
        self.base = Path(tempfile.mkdtemp(prefix="essaykit-pg-"))
        self.data = self.base / "data"
        self.durable = durable
        self._as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @staticmethod
    def available() -> str | None:
        """None when a server can be started here, else what is missing."""
        if not (PG_BIN / "initdb").exists():
            return f"PostgreSQL server binaries in {PG_BIN} (apt-get install postgresql)"
        if os.geteuid() == 0 and not shutil.which("runuser"):
            return "runuser (util-linux), to run PostgreSQL as the postgres user"
        try:
            import psycopg  # noqa: F401
        except ImportError:
            return "the psycopg package (pip install 'essaykit[postgres]')"
        return None

    def _run(self, *argv: str, timeout: float = 120) -> None:
        proc = subprocess.run([*self._as_postgres, *argv], capture_output=True, text=True, timeout=timeout)
        if proc.returncode:
            raise RuntimeError(f"{' '.join(argv[:2])} failed ({proc.returncode}): {proc.stderr.strip() or proc.stdout.strip()}")

    def start(self) -> ThrowawayPostgres:
        if self._as_postgres:
            shutil.chown(self.base, "postgres", "postgres")
        self._run(str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--no-sync", "--locale=C.UTF-8")
        options = f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c max_connections=200"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.base / "server.log"), "-w",
                  "-t", "120", "-o", options, "start", timeout=180)
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop", timeout=120)
        finally:
            shutil.rmtree(self.base, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[ThrowawayPostgres]:
    """One throwaway PostgreSQL server for the session (skips outside CI when PostgreSQL is missing)."""
    why = ThrowawayPostgres.available()
    if why:
        missing(why)
    server = ThrowawayPostgres()
    try:
        server.start()
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        server.stop()
        missing(f"a PostgreSQL server could not be started: {exc}")
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server: ThrowawayPostgres, request) -> Iterator[str]:
    """A fresh, empty database on the session's PostgreSQL server, dropped afterwards."""
    import re as _re

    name = "ek_" + _re.sub(r"[^a-z0-9]+", "_", request.node.name.lower())[:40] + f"_{os.getpid()}_{time.monotonic_ns() % 10**6}"
    url = postgres_server.create_database(name)
    yield url
    from essaykit.comments.engine import dispose

    dispose(url)
    postgres_server.drop_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path: Path) -> str:
    """A comment database URL; tests using it run once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'comments.sqlite'}"
    return request.getfixturevalue("postgres_url")
