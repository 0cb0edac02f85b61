"""Attack: read the server's secrets from an essay's kernel.

A cell that prints ``os.environ`` (a demo, a debugging line left in) puts whatever the kernel inherited
on a reader's page or in an exported file. Kernels get an explicit, minimal environment
(essaykit._kernel_env): the SMTP password, the database password and anything else the server was
started with stay out, live (warm and fresh kernels) and in exports; libpq still finds the database
password, in a pgpass file only this user can read.
"""

from __future__ import annotations

import html
import json
import re
import time

from helpers.cli import run_essaykit, venv_bin
from helpers.live_client import ask_for_kernel
from helpers.notebooks import code_cell, md_cell, notebook

SECRETS = {"ESSAYKIT_SMTP_PASSWORD": "smtp-pw-5b1e77", "PGPASSWORD": "pg-pw-9c4d02",
           "AWS_SECRET_ACCESS_KEY": "aws-key-31f0aa", "JUPYTER_TOKEN": "jupyter-token-7e2c"}
PRINT_ENV = ("import os, json, stat\n"
             "print('ENV=' + json.dumps(dict(os.environ)))\n"
             "passfile = os.environ.get('PGPASSFILE')\n"
             "print('PGPASS_MODE=' + (oct(stat.S_IMODE(os.stat(passfile).st_mode)) if passfile else 'none'))")


def _essay(folder, slug: str):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.ipynb"
    path.write_text(json.dumps(notebook([md_cell("What does the kernel know?"), code_cell(PRINT_ENV)],
                                        essay={"title": "Environment", "slug": slug})), encoding="utf-8")
    return path


def _printed(text: str) -> tuple[dict, str]:
    """The environment and the pgpass file's mode the cell printed into ``text`` (HTML or JSON)."""
    text = html.unescape(text)
    env = json.loads(re.search(r"ENV=(\{.*?\})\s*(?:\\n|\n)?PGPASS_MODE", text, re.S).group(1).replace('\\"', '"'))
    return env, re.search(r"PGPASS_MODE=(\w+)", text).group(1)


def _assert_minimal(env: dict, mode: str, where: str) -> None:
    assert env.get("ESSAYKIT_SLUG") == "environment" and "PATH" in env, f"{where}: the cell's output is the env"
    for name, value in SECRETS.items():
        assert name not in env, f"{where}: the kernel inherited {name}"
        assert not any(value in v for v in env.values()), f"{where}: {name}'s value reached the kernel"
    assert mode == "0o600", f"{where}: the pgpass file libpq reads must be this user's only, not {mode}"


def test_live_kernels_warm_and_fresh_get_no_server_secret(start_server, tmp_path):
    folder = tmp_path / "essays"
    _essay(folder, "environment")
    server = start_server(lambda port: [venv_bin("essaykit"), "serve", folder, f"--port={port}", "--warm-kernels=1",
                                        "--max-kernels=3"], ready_path="/voila/static/voila.js", cwd=tmp_path,
                          env=SECRETS, timeout=120)
    page = "/voila/render/environment.ipynb"
    deadline = time.monotonic() + 120
    while not re.search(r"warm kernel \S+ ready", server.output()):
        assert time.monotonic() < deadline, "no warm kernel was ready within 120 s"
        time.sleep(0.2)
    for turn in ("warm", "fresh"):  # the warm kernel's replacement waits out warm_delay: the second is fresh
        status, answer, _ = ask_for_kernel(server, "environment", page)
        assert status == 200, answer
        env, mode = _printed(" ".join(answer["cells"].values()))
        _assert_minimal(env, mode, f"{turn} kernel")
        assert env.get("ESSAYKIT_SERVE") == "1" and env.get("ESSAYKIT_SESSION"), "the server's own variables are set"
    log = server.output()
    assert log.count("reader uses warm kernel") == 1, "one warm kernel, then a fresh one"
    assert "without encryption" not in log, "kernels talk to the server over CurveZMQ, and do not warn on start"


def test_export_kernels_get_no_secret(tmp_path):
    path = _essay(tmp_path / "essays", "environment")
    out = tmp_path / "page.html"
    result = run_essaykit("export", str(path), "-o", str(out), env=SECRETS, timeout=300)
    assert result.returncode == 0, result.stderr
    env, mode = _printed(out.read_text(encoding="utf-8"))
    _assert_minimal(env, mode, "export")
