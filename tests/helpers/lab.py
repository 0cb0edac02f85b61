"""A JupyterLab for a whole test module: started once on a folder of essays, stopped at the end.

The browser and route tests in tests/lab/ share one server per module (starting
JupyterLab costs seconds on two busy cores); each test works on its own
notebook file in the folder, so tests do not see each other's edits.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from helpers.cli import venv_bin
from helpers.servers import free_port, stop_process, wait_for_http

LONG = 240_000  # ms: a cold JupyterLab on two busy cores


@dataclass
class Lab:
    url: str
    root: Path
    proc: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def start_lab(root: Path, work: Path, env: dict | None = None, token: str = "") -> Lab:
    """JupyterLab on ``root`` with no token (or ``token``), private settings (no news toast) and a private runtime dir."""
    import os

    settings = work / "lab-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8")
    port = free_port()
    log = work / f"lab-{port}.log"
    proc = subprocess.Popen(
        [venv_bin("jupyter"), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--ServerApp.root_dir={root}", f"--IdentityProvider.token={token}", "--ServerApp.password=",
         "--ServerApp.disable_check_xsrf=True", "--LabApp.news_url=", "--LabApp.extension_manager=readonly",
         # window.jupyterapp: tests run JupyterLab's own commands and await them (a save that has finished).
         "--LabApp.expose_app_in_browser=True",
         "--ServerApp.allow_root=True", "--ServerApp.open_browser=False"],
        cwd=root, stdout=open(log, "wb"), stderr=subprocess.STDOUT, start_new_session=True,
        env={**os.environ, "JUPYTER_RUNTIME_DIR": str(work / "runtime"),
             "JUPYTERLAB_SETTINGS_DIR": str(work / "lab-settings"),
             "JUPYTERLAB_WORKSPACES_DIR": str(work / "lab-workspaces"), **(env or {})},
    )
    lab = Lab(f"http://127.0.0.1:{port}", root, proc, log)
    try:
        wait_for_http(lab.url + "/lab", timeout=120, proc=proc)
    except Exception as exc:
        stop_lab(lab)
        raise RuntimeError(f"{exc}\n--- JupyterLab log ---\n{lab.output()[-4000:]}") from None
    return lab


def stop_lab(lab: Lab) -> None:
    stop_process(lab.proc)
