"""docs/deploy.md shows exactly what deploy/'s templates give, and the files there are valid for their programs."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys

import pytest

from helpers import ROOT, missing
from helpers.deploy import DEPLOY, NGINX, render

DOC = ROOT / "docs" / "deploy.md"
UNIT = DEPLOY / "systemd" / "essaykit-serve@.service"


def _rendered_in_docs() -> list[tuple[str, dict, str]]:
    """Each ``python3 deploy/render.py TEMPLATE NAME=VALUE...`` command of the guide, with the block after it."""
    text = DOC.read_text(encoding="utf-8")
    found = []
    for match in re.finditer(r"```sh\n(python3 deploy/render\.py .*?)\n```.*?```\w+\n(.*?)```", text, re.S):
        command = match.group(1).replace("\\\n", " ")
        args = shlex.split(command.split(">")[0])[2:]
        template = args[0].removeprefix("deploy/")
        values = dict(a.split("=", 1) for a in args[1:])
        if "replicas" in values:
            values["replicas"] = values["replicas"].split(",")
        found.append((template, values, match.group(2)))
    return found


def test_the_guide_shows_both_templates_rendered():
    assert sorted(t for t, _, _ in _rendered_in_docs()) == ["nginx-site.conf.j2", "pgbouncer.ini.j2"]


@pytest.mark.parametrize("template, values, shown", _rendered_in_docs(), ids=lambda v: v if isinstance(v, str) and v.endswith(".j2") else "")
def test_what_the_guide_shows_is_what_the_template_gives(template, values, shown):
    assert render(template, values) == shown, f"docs/deploy.md is out of date with deploy/{template}; re-render it"


def test_the_guide_shows_the_unit_file_as_it_is():
    text = DOC.read_text(encoding="utf-8")
    block = text.split("<!-- same as deploy/systemd/essaykit-serve@.service -->\n```ini\n", 1)[1].split("```", 1)[0]
    assert block == UNIT.read_text(encoding="utf-8")


def test_render_names_a_missing_value():
    proc = subprocess.run([sys.executable, str(DEPLOY / "render.py"), str(DEPLOY / "nginx-site.conf.j2"), "listen=80"],
                          capture_output=True, text=True)
    assert proc.returncode != 0 and "is undefined" in proc.stderr and "NAME=VALUE" in proc.stderr, proc.stderr


def test_the_rendered_nginx_site_passes_nginx_t(tmp_path):
    if not NGINX.exists():
        missing("nginx (apt-get install nginx)")
    (_, values, shown), = [r for r in _rendered_in_docs() if r[0] == "nginx-site.conf.j2"]
    site = shown.replace("/var/log/nginx/essaykit.access.log", str(tmp_path / "access.log"))
    (tmp_path / "site.conf").write_text(site.replace("listen 80;", "listen 127.0.0.1:1;"), encoding="utf-8")
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path / 'nginx.pid'};\nevents {{}}\nhttp {{\n include /etc/nginx/mime.types;\n"
        f" include {tmp_path / 'site.conf'};\n}}\n", encoding="utf-8")
    proc = subprocess.run([str(NGINX), "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"),
                           "-e", str(tmp_path / "error.log")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_the_unit_passes_systemd_analyze_verify(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        missing("systemd-analyze (apt-get install systemd)")
    essaykit = shutil.which("essaykit") or str(ROOT / ".venv" / "bin" / "essaykit")
    unit = UNIT.read_text(encoding="utf-8").replace("/srv/blog/.venv/bin/essaykit", essaykit)
    (tmp_path / UNIT.name).write_text(unit, encoding="utf-8")
    proc = subprocess.run([analyze, "verify", f"{tmp_path}/essaykit-serve@8001.service"], capture_output=True,
                          text=True, env={"SYSTEMD_UNIT_PATH": f"{tmp_path}:", "PATH": "/usr/bin:/bin"})
    problems = [line for line in (proc.stdout + proc.stderr).splitlines() if "essaykit-serve@" in line]
    assert proc.returncode == 0 and not problems, proc.stdout + proc.stderr
