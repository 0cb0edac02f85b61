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
    from essaykit.lab import _jupyter_server_extension_points

    assert _jupyter_server_extension_points() == [{"module": "essaykit.lab"}]


def _server(tmp_path, *argv):
    """A real Jupyter server, initialised in this process with essaykit's server extension loaded its own way."""
    from jupyter_server.serverapp import ServerApp

    app = ServerApp()
    app.initialize(argv=[f"--ServerApp.root_dir={tmp_path}", "--ServerApp.jpserver_extensions=essaykit.lab=True",
                         *argv], find_extensions=False, new_httpserver=False)
    return app


def _new_kernel_manager(app):
    """The manager the server creates for each kernel it starts (what Voilà's preview runs cells through)."""
    return app.kernel_manager.kernel_manager_factory(parent=app.kernel_manager, log=app.log)


def test_lab_kernels_use_the_client_that_cannot_miss_a_reply(tmp_path):
    # A jupyter_server_config.d file cannot say this (the server reads only jpserver_extensions from those),
    # so the extension does it when it loads: without it, a preview's wait for a cell's reply could last forever.
    from essaykit._kernel_client import LookingKernelClient

    app = _server(tmp_path)
    assert _new_kernel_manager(app).client_factory is LookingKernelClient


def test_a_host_chosen_kernel_client_is_kept(tmp_path):
    from jupyter_client.asynchronous import AsyncKernelClient

    app = _server(tmp_path, "--KernelManager.client_class=jupyter_client.asynchronous.AsyncKernelClient")
    assert _new_kernel_manager(app).client_factory is AsyncKernelClient


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
