"""Servers on free loopback ports: a static file server, any server command (Voilà, JupyterLab)
run in its own process group and stopped at teardown, and `essaykit serve`, which every test
starts through :func:`serve_essaykit` (or its fixture, ``essaykit_server``)."""

from __future__ import annotations

import http.server
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers.cli import venv_bin


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, timeout: float = 60, proc: subprocess.Popen | None = None, *,
                  any_status: bool = False) -> None:
    """Until ``url`` answers below 500 (any status with ``any_status``); fails early if ``proc`` exits."""
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
            if exc.code < 500 or any_status:
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


def server_tracebacks(log: str) -> list[str]:
    """The last line (the exception) of each traceback in a server's ``log``. (essaykit's kernels bind Unix
    sockets, not ports picked beforehand: no "Address already in use" race to leave out; essaykit._kernel_ipc.)"""
    found = []
    for block in log.split("Traceback (most recent call last):")[1:]:
        lines = [line for line in block.splitlines()[1:] if line and not line[0].isspace()]
        found.append(lines[0] if lines else block[:200])
    return found


def stop_process(proc: subprocess.Popen | None, sig: int = signal.SIGTERM, timeout: float = 15) -> None:
    """Stop a server started in its own process group: ``sig``, then SIGKILL after ``timeout`` s.

    A SIGTERM that has not stopped it within a few seconds is sent again: `essaykit serve` answers the
    first by draining (kernels shut down, then up to 10 s for requests in flight, see
    essaykit.live.drain) and the second by stopping at once; a test's teardown has no reader to wait for.
    """
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, sig)
        if sig == signal.SIGTERM:
            try:
                proc.wait(timeout=3)
                return
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, sig)
        proc.wait(timeout=timeout)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=10)


#: A per-reader kernel share no test reaches (the global cap, --max-kernels, still holds).
UNLIMITED_SHARE = 10_000


def launch_essaykit(target: Path, *, log: Path, db: str | None = None, warm_kernels: int = 0,
                    args: Sequence = (), env: dict | None = None, cwd: Path | None = None,
                    port: int | None = None, default_shares: bool = False) -> Server:
    """Start ``essaykit serve TARGET --warm-kernels N [--db DB] ARGS…`` on ``port`` (a free one by default)
    in its own process group, output to ``log``, and return at once; :func:`serve_essaykit` also waits.

    No warm kernel unless asked: only tests of live code need one, and every kernel costs
    seconds of CPU on two shared cores. ``env`` is added to this process's environment.
    """
    port = port or free_port()
    argv = [venv_bin("essaykit"), "serve", target, f"--port={port}", f"--warm-kernels={warm_kernels}"]
    argv += ["--db", db] if db else []
    # Every reader of a test comes from 127.0.0.1, one address standing for many people, and a module's
    # tests share a server: the per-reader shares are off unless the test is about them (it names them,
    # or asks for serve's defaults with ``default_shares=True``).
    given = " ".join(str(a) for a in args)
    for flag in ("--kernels-per-session", "--kernels-per-address", "--kernels-per-network"):
        if flag not in given and not default_shares:
            argv.append(f"{flag}={UNLIMITED_SHARE}")
    with open(log, "wb") as out:
        proc = subprocess.Popen([str(a) for a in [*argv, *args]], cwd=cwd or Path(target).parent, stdout=out,
                                stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}, start_new_session=True)
    return Server(f"http://127.0.0.1:{port}", port, proc, log)


def wait_until_serving(server: Server, timeout: float = 180) -> Server:
    """Until ``server`` answers ``/healthz`` (any status: a 503 is a server up whose database is down);
    stops it and raises with the end of its log when it exits or stays silent."""
    try:
        wait_for_http(server.url + "/healthz", timeout=timeout, proc=server.proc, any_status=True)
    except Exception as exc:
        stop_process(server.proc)
        raise RuntimeError(f"{exc}\n--- server log ---\n{server.output()[-4000:]}") from None
    return server


def serve_essaykit(target: Path, *, timeout: float = 180, **options) -> Server:
    """``essaykit serve`` on ``target`` (see :func:`launch_essaykit` for the options), once it answers.

    For module-scoped fixtures; stop it with ``stop_process(server.proc)``. Tests use the
    ``essaykit_server`` fixture, which stops what it started.
    """
    return wait_until_serving(launch_essaykit(target, **options), timeout=timeout)


@pytest.fixture
def essaykit_server(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """``essaykit_server(target, db=..., warm_kernels=..., args=[...], env={...})``: :func:`serve_essaykit`
    for one test, logging into its tmp_path, stopped (kernels included) at teardown."""
    started: list[Server] = []

    def start(target: Path, **options) -> Server:
        options.setdefault("log", tmp_path / f"essaykit-serve-{len(started)}.log")
        server = serve_essaykit(target, **options)
        started.append(server)
        return server

    yield start
    for server in started:
        stop_process(server.proc)


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
        stop_process(server.proc)


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
