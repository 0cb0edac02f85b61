"""The committed lab extension bundle is built from the committed sources and is installed the Jupyter way.

``pip install`` never needs Node: the bundle under
share/jupyter/labextensions/essaykit is committed. These tests fail when
the TypeScript changed without ``./dev labextension`` being run, or when
the bundle, the server extension or the Voilà exclusion is not shipped.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import tomllib

from helpers import ROOT
from helpers.cli import venv_bin

BUILT = ROOT / "share" / "jupyter" / "labextensions" / "essaykit"


def _source_hash_module():
    spec = importlib.util.spec_from_file_location("source_hash", ROOT / "labextension" / "source_hash.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_bundle_was_built_from_these_sources():
    built = json.loads((BUILT / "package.json").read_text())
    assert built["essaykit"]["source_sha256"] == _source_hash_module().source_hash(), \
        "labextension/ changed since the bundle was built: run ./dev labextension and commit the result"


def test_the_bundle_is_complete_and_versioned_like_the_package():
    import essaykit

    built = json.loads((BUILT / "package.json").read_text())
    source = json.loads((ROOT / "labextension" / "package.json").read_text())
    assert built["name"] == source["name"] == "essaykit"
    assert built["version"] == source["version"] == essaykit.__version__
    entry = BUILT / built["jupyterlab"]["_build"]["load"]
    assert entry.is_file(), f"{entry} is missing"
    referenced = entry.read_text()
    for chunk in (BUILT / "static").glob("[0-9]*.js"):
        assert chunk.name.split(".")[1] in referenced, f"{chunk.name} is stale: the entry does not load it"


def test_wheel_ships_the_bundle_and_the_server_extension_config():
    shared = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"]["targets"]["wheel"]["shared-data"]
    assert shared.get("share/jupyter") == "share/jupyter"
    assert shared.get("etc/jupyter") == "etc/jupyter"
    config = json.loads((ROOT / "etc/jupyter/jupyter_server_config.d/essaykit.json").read_text())
    assert config["ServerApp"]["jpserver_extensions"] == {"essaykit.lab": True}
    # JupyterLab's kernels are run (by Voilà's preview) through the client that cannot miss a reply.
    from jupyter_server.services.kernels.kernelmanager import ServerKernelManager
    from traitlets.config import Config

    from essaykit._kernel_client import LookingKernelClient

    manager = ServerKernelManager(config=Config(config))
    assert manager.client_factory is LookingKernelClient
    from essaykit.lab import _jupyter_server_extension_points

    assert _jupyter_server_extension_points() == [{"module": "essaykit.lab"}]


def test_voila_pages_leave_the_lab_extension_out():
    """The extension drives JupyterLab's notebook; Voilà pages (stock or JupyterLab's preview) must not load it."""
    from essaykit.live.app import EXTENSIONS

    voila = json.loads((ROOT / "etc/jupyter/voila.json").read_text())
    assert "essaykit" in voila["VoilaConfiguration"]["extension_denylist"]
    assert "essaykit" not in EXTENSIONS, "essaykit serve loads only the widget extensions"


def test_jupyterlab_finds_the_extension_and_the_server_extension():
    lab = subprocess.run([venv_bin("jupyter"), "labextension", "list"], capture_output=True, text=True, timeout=120)
    listed = lab.stdout + lab.stderr
    assert "essaykit v0.1.0" in listed and "enabled" in listed.split("essaykit v0.1.0", 1)[1].splitlines()[0]
    server = subprocess.run([venv_bin("jupyter"), "server", "extension", "list"], capture_output=True, text=True,
                            timeout=120)
    assert "essaykit.lab" in server.stdout + server.stderr
    assert "essaykit.lab  OK" in (server.stdout + server.stderr).replace("\x1b[32m", "").replace("\x1b[0m", "")
