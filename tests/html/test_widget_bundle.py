"""The committed widget bundle: built from the committed sources, every file named by its hash,
its licences beside it, and nothing in it that reaches a CDN."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from essaykit.html.widget_bundle import bundle_dir, manifest

SOURCES = Path(__file__).resolve().parents[2] / "widgets-bundle"


def source_hash() -> str:
    files = ["build.mjs", "package-lock.json", "package.json"] + sorted(f"src/{p.name}" for p in (SOURCES / "src").iterdir())
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode() + b"\0")
        digest.update((SOURCES / name).read_bytes() + b"\0")
    return digest.hexdigest()


def test_the_bundle_is_built_from_the_committed_sources():
    assert manifest()["source_sha256"] == source_hash(), \
        "widgets-bundle/ changed since the bundle was built: run ./dev widgets-bundle and commit the result"


def test_every_file_is_named_by_its_hash_and_nothing_else_is_there():
    named = [manifest()["js"], manifest()["controls"], manifest()["icons"], *manifest()["fonts"].values()]
    for name in named:
        digest = re.search(r"\.([0-9a-f]{20})\.\w+$", name).group(1)
        assert hashlib.sha256((bundle_dir() / name).read_bytes()).hexdigest()[:20] == digest, name
    on_disk = {p.name for p in bundle_dir().iterdir()}
    assert on_disk == set(named) | {"widgets.json", "THIRD-PARTY-LICENSES.txt"}, "no stale builds left behind"


def test_the_licences_name_what_is_bundled():
    notices = (bundle_dir() / "THIRD-PARTY-LICENSES.txt").read_text(encoding="utf-8")
    lock = json.loads((SOURCES / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    for package in ("@jupyter-widgets/html-manager", "@jupyter-widgets/controls", "@jupyterlab/services",
                    "@fortawesome/fontawesome-free", "jquery", "backbone"):
        version = lock[f"node_modules/{package}"]["version"]
        assert f"{package} {version} (" in notices, f"{package} {version} is credited"


def test_the_stylesheets_load_nothing_from_elsewhere():
    for key in ("controls", "icons"):
        css = (bundle_dir() / manifest()[key]).read_text(encoding="utf-8")
        for url in re.findall(r"url\(([^)]*)\)", css):
            url = url.strip("\"'")
            assert url.startswith(("./", "data:")), f"{key} stylesheet fetches {url}"
