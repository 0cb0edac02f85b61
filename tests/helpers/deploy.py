"""The reference deployment of docs/deploy.md on loopback: PgBouncer, `essaykit serve` replicas and nginx,
each started from the same templates the docs show (deploy/*.j2), on free ports in a temporary folder.

Plain classes (no fixtures), so bench/scaleout.py runs the very same stack. PostgreSQL is the tests'
:class:`helpers.postgres.ThrowawayPostgres`. PgBouncer refuses to run as root, and nginx's workers
would drop to an account that cannot read a private temporary folder, so as root PgBouncer runs as the
``postgres`` user (through ``runuser``) and nginx's workers stay root (``user root``, test-only).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from helpers import ROOT
from helpers.servers import free_port, launch_essaykit, stop_process, wait_for_http

NGINX = Path("/usr/sbin/nginx")
PGBOUNCER = Path("/usr/sbin/pgbouncer")
DEPLOY = ROOT / "deploy"
SITE_NAME = "blog.test"


def render(template: str, values: dict) -> str:
    """A template of deploy/ rendered exactly as ``python3 deploy/render.py`` does."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("essaykit_deploy_render", DEPLOY / "render.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.render(DEPLOY / template, values)


def missing_tools() -> str | None:
    """None when nginx and PgBouncer can run here, else what to install."""
    lacking = [p.name for p in (NGINX, PGBOUNCER) if not p.exists()]
    if lacking:
        return f"{' and '.join(lacking)} (apt-get install {' '.join(lacking)}; ./dev test installs them as root)"
    if os.geteuid() == 0 and not shutil.which("runuser"):
        return "runuser (util-linux), to run PgBouncer as the postgres user"
    return None


def wait_for_port(port: int, proc: subprocess.Popen | None = None, timeout: float = 30, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what or 'the server'} exited with {proc.returncode} before port {port} opened")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"{what or 'the server'} did not open port {port} within {timeout} s")


class PgBouncer:
    """PgBouncer in transaction mode in front of ``database`` on a PostgreSQL server (deploy/pgbouncer.ini.j2)."""

    def __init__(self, *, pg_port: int, database: str, pool_size: int = 4):
        import tempfile

        # Its own folder outside pytest's (which is private to root): PgBouncer runs as postgres.
        self.base = Path(tempfile.mkdtemp(prefix="essaykit-pgbouncer-"))
        self.port = free_port()
        self.database = database
        base = self.base
        self.ini = base / "pgbouncer.ini"
        self.values = {
            "database": database, "pg_host": "127.0.0.1", "pg_port": pg_port, "listen_addr": "127.0.0.1",
            "listen_port": self.port, "unix_socket_dir": str(base), "auth_type": "trust",
            "auth_file": str(base / "userlist.txt"), "logfile": str(base / "pgbouncer.log"),
            "pidfile": str(base / "pgbouncer.pid"), "max_client_conn": 500,
            # Fewer server connections than the replicas' pools have clients: transactions of different
            # replicas share server connections, which is what breaks session state and prepared statements.
            "default_pool_size": pool_size,
        }
        self.proc: subprocess.Popen | None = None

    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{self.database}"

    def start(self) -> PgBouncer:
        self.ini.write_text(render("pgbouncer.ini.j2", self.values), encoding="utf-8")
        (self.base / "userlist.txt").write_text('"postgres" ""\n', encoding="utf-8")
        as_postgres = []
        if os.geteuid() == 0:
            for path in (self.base, *self.base.iterdir()):
                shutil.chown(path, "postgres", "postgres")
            as_postgres = ["runuser", "-u", "postgres", "--"]
        self.proc = subprocess.Popen([*as_postgres, str(PGBOUNCER), str(self.ini)], stdout=subprocess.DEVNULL,
                                     stderr=open(self.base / "pgbouncer.stderr", "wb"), start_new_session=True)
        wait_for_port(self.port, self.proc, what="PgBouncer")
        return self

    def log(self) -> str:
        path = self.base / "pgbouncer.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        try:
            stop_process(self.proc)
        finally:
            shutil.rmtree(self.base, ignore_errors=True)


class Replica:
    """One ``essaykit serve`` process of the site, on its own port, in its own process group."""

    def __init__(self, folder: Path, db: str, log_dir: Path, *, origin: str, extra: tuple = ()):
        self.folder = folder
        self.db = db
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.address = f"127.0.0.1:{self.port}"
        self.log_dir = log_dir
        self.origin = origin
        self.extra = extra
        self.proc: subprocess.Popen | None = None
        self.starts = 0

    def launch(self) -> Replica:
        """Start the process (on the same port as before after a kill); :meth:`wait` until it answers."""
        self.starts += 1
        self.log = self.log_dir / f"replica-{self.port}-{self.starts}.log"
        self.proc = launch_essaykit(self.folder, log=self.log, db=self.db, port=self.port,
                                    args=["--max-kernels=2", "--kernels-per-address=2", "--kernels-per-network=2",
                                          "--allow-origin", self.origin,
                                          "--forwarded-allow-ips", "127.0.0.1", *self.extra],
                                    env={"ESSAYKIT_MODERATION": str(self.folder / "rules.json")}).proc
        return self

    def wait(self, timeout: float = 120) -> Replica:
        """Until ``/healthz`` says 200: the replica is up and its database answers."""
        try:
            wait_for_http(f"{self.url}/healthz", timeout=timeout, proc=self.proc)
        except (RuntimeError, TimeoutError) as exc:
            raise RuntimeError(f"essaykit serve on {self.port} is not healthy ({exc}):\n{self.output()[-3000:]}") from None
        return self

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def kill(self) -> None:
        """SIGKILL the replica and its kernels at once: a crash, not a shutdown."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        stop_process(self.proc)


class Nginx:
    """nginx with the reference site configuration (deploy/nginx-site.conf.j2) inside a minimal main file."""

    def __init__(self, base: Path, *, site_root: Path, replicas: list[Replica], fail_timeout: str = "2s"):
        self.base = base
        self.port = free_port()
        self.host = f"{SITE_NAME}:{self.port}"
        self.origin = f"http://{self.host}"
        self.access_log = base / "access.log"
        self.values = {"listen": f"127.0.0.1:{self.port}", "server_name": SITE_NAME, "site_root": str(site_root),
                       "replicas": [r.address for r in replicas], "fail_timeout": fail_timeout,
                       "access_log": str(self.access_log)}
        self.proc: subprocess.Popen | None = None

    def start(self) -> Nginx:
        self.base.mkdir(parents=True, exist_ok=True)
        (self.base / "site.conf").write_text(render("nginx-site.conf.j2", self.values), encoding="utf-8")
        temp = self.base / "temp"
        temp.mkdir(exist_ok=True)
        main = "\n".join([
            "user root;" if os.geteuid() == 0 else "",
            "worker_processes 1;",
            f"pid {self.base / 'nginx.pid'};",
            f"error_log {self.base / 'error.log'} warn;",
            "daemon off;",
            "events { worker_connections 1024; }",
            "http {",
            "    include /etc/nginx/mime.types;",
            "    default_type application/octet-stream;",
            *(f"    {kind}_temp_path {temp / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")),
            f"    include {self.base / 'site.conf'};",
            "}",
            ""])
        (self.base / "nginx.conf").write_text(main, encoding="utf-8")
        check = subprocess.run([str(NGINX), "-t", "-p", str(self.base), "-c", str(self.base / "nginx.conf"),
                                "-e", str(self.base / "error.log")], capture_output=True, text=True)
        if check.returncode:
            raise RuntimeError(f"nginx -t refused the configuration:\n{check.stderr}")
        self.proc = subprocess.Popen([str(NGINX), "-p", str(self.base), "-c", str(self.base / "nginx.conf"),
                                      "-e", str(self.base / "error.log")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        wait_for_port(self.port, self.proc, what="nginx")
        return self

    def served_by(self, marker: str, *, expect: int = 1, timeout: float = 10) -> list[str]:
        """The upstream address(es) of every logged request whose line contains ``marker``.

        nginx writes a request's line after the response went out, so a client may be faster than the
        log: wait until at least ``expect`` lines have the marker (at most ``timeout`` seconds)."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.access_log.read_text(errors="replace") if self.access_log.exists() else ""
            found = []
            for line in text.splitlines():
                if marker in line:
                    match = re.search(r"upstream=(\S+)", line)
                    found.append(match.group(1) if match else "")
            if len(found) >= expect or time.monotonic() > deadline:
                return found
            time.sleep(0.02)

    def stop(self) -> None:
        stop_process(self.proc, signal.SIGQUIT)
