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
import os
import re
import time

import pytest

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
                                        "--max-kernels=3", "--kernels-per-address=3", "--kernels-per-network=3"],
                          ready_path="/voila/static/voila.js", cwd=tmp_path,
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


@pytest.fixture
def password_role(postgres_server):
    """A database owned by a role that must give its password (scram over TCP), and that password."""
    import psycopg

    role, password = f"ek_pw_{os.getpid()}", "pw:with\\odd:chars"
    admin = f"host=127.0.0.1 port={postgres_server.port} user=postgres dbname=postgres"
    hba = postgres_server.data / "pg_hba.conf"
    rule = f"host all {role} 127.0.0.1/32 scram-sha-256\n"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{password.replace(chr(39), chr(39) * 2)}'")
        conn.execute(f'CREATE DATABASE "{role}" OWNER {role}')
        hba.write_text(rule + hba.read_text())  # first match wins: this role needs its password
        conn.execute("SELECT pg_reload_conf()")
    try:
        yield f"postgresql+psycopg://{role}@127.0.0.1:{postgres_server.port}/{role}", password
    finally:
        hba.write_text(hba.read_text().replace(rule, ""))
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute("SELECT pg_reload_conf()")
            conn.execute(f'DROP DATABASE IF EXISTS "{role}" WITH (FORCE)')
            conn.execute(f"DROP ROLE IF EXISTS {role}")


@pytest.mark.postgres
def test_a_kernel_reaches_a_password_database_without_the_password_in_its_env(password_role, tmp_path):
    import psycopg

    url, password = password_role
    with pytest.raises(psycopg.OperationalError, match="password"):  # the rule holds: no password, no entry
        psycopg.connect(url.replace("+psycopg", ""), connect_timeout=10).close()
    path = _essay(tmp_path / "essays", "environment")
    nb = json.loads(path.read_text(encoding="utf-8"))
    # As the store-backed widgets do: libpq, with the URL the kernel was given.
    nb["cells"].append(code_cell("import os, psycopg\n"
                                 "with psycopg.connect(os.environ['ESSAYKIT_DB'].replace('+psycopg', '')) as c:\n"
                                 "    print('CONNECTED AS ' + c.execute('select current_user').fetchone()[0])"))
    path.write_text(json.dumps(nb), encoding="utf-8")
    out = tmp_path / "page.html"
    result = run_essaykit("export", str(path), "-o", str(out), "--db", url, env={"PGPASSWORD": password}, timeout=300)
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert f"CONNECTED AS {url.split('//')[1].split('@')[0]}" in page, "the kernel reached the database (pgpass file)"
    env, mode = _printed(page)
    assert "PGPASSWORD" not in env and not any(password in v for v in env.values()), "no password in the env"
    assert mode == "0o600"
