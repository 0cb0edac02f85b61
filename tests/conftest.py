"""The test suite's set-up: the environment every test (and every server a test starts) runs
in, and which helper plugins provide the shared fixtures.

Nothing outside the clone may make a test pass. Before anything imports Jupyter,
this module gives the test process (and through the environment, every subprocess)
its own Jupyter data, config and runtime folders and its own IPython folder, so a
notebook trusted, a kernel installed or a setting made on the developer's machine
is not seen; the templates come from this checkout only; and essaykit's own
settings from the developer's shell (``ESSAYKIT_DB`` and the like) are dropped.

The fixtures live in tests/helpers/ (see its __init__ for which module holds
which), each defined once. Test files import plain builders and constants from
there, e.g. ``from helpers.notebooks import md_cell, notebook``; pyproject puts
tests/ on ``pythonpath`` and imports test files with ``--import-mode=importlib``,
so test files in different folders may share a name.

When ``CI`` is set, a missing browser or database fails the run instead of
skipping it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# The test suite's own settings, read by tests/helpers and ./dev; every other ESSAYKIT_ variable
# configures the product and would change what the tests see.
SUITE_SETTINGS = {"ESSAYKIT_AXE", "ESSAYKIT_PG_BIN", "ESSAYKIT_SHOTS", "ESSAYKIT_VENV"}
for name in [n for n in os.environ if n.startswith("ESSAYKIT_") and n not in SUITE_SETTINGS]:
    del os.environ[name]

# One folder per test process (each xdist worker has its own), removed at the end of the run.
JUPYTER_HOME = Path(tempfile.mkdtemp(prefix="essaykit-tests-jupyter-"))
os.environ.update({
    "JUPYTER_DATA_DIR": str(JUPYTER_HOME / "data"),
    "JUPYTER_CONFIG_DIR": str(JUPYTER_HOME / "config"),
    "JUPYTER_RUNTIME_DIR": str(JUPYTER_HOME / "runtime"),
    "IPYTHONDIR": str(JUPYTER_HOME / "ipython"),
    # The virtualenv's share/jupyter and etc/jupyter come before the (empty) user folders.
    "JUPYTER_PREFER_ENV_PATH": "1",
})
os.environ.pop("JUPYTER_CONFIG_PATH", None)

pytest.register_assert_rewrite("helpers")

from helpers import SHARE  # noqa: E402  (after the rewrite hook, so helpers' asserts explain themselves)

# Subprocesses (jupyter nbconvert, voila, jupyter lab) must see the templates in this checkout,
# not the copy an editable install made, nor any folder the developer's JUPYTER_PATH names.
os.environ["JUPYTER_PATH"] = str(SHARE)

pytest_plugins = [
    "helpers.notebooks",
    "helpers.cli",
    "helpers.servers",
    "helpers.serve_essays",
    "helpers.browser",
    "helpers.postgres",
    "helpers.stores",
    "helpers.smtp",
    "helpers.security",
]


#: The whole run's bound, below CI's 90 minutes: past it the run is interrupted as by Ctrl-C, so it
#: still ends with pytest's report (which tests failed, which were running) instead of being killed
#: silently. Each test has its own bound too (``timeout`` in pyproject.toml).
RUN_DEADLINE_SECONDS = 80 * 60


def pytest_sessionstart(session) -> None:
    if hasattr(session.config, "workerinput"):  # an xdist worker: the controller keeps the deadline
        return
    import signal
    import threading

    timer = threading.Timer(RUN_DEADLINE_SECONDS, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.daemon = True
    timer.start()


def pytest_unconfigure(config) -> None:
    shutil.rmtree(JUPYTER_HOME, ignore_errors=True)


#: Markers of tests that start a server, a browser or many processes: their modules run first.
LONG_MARKERS = ("browser", "slow")


def pytest_collection_modifyitems(items) -> None:
    """Run the modules that hold a browser or slow test first, the quick ones last.

    ./dev test hands whole modules to its xdist workers in this order (``--dist loadfile``
    with ``--no-loadscope-reorder``): a long module taken last would leave one worker alone
    for its whole length at the end of the run, while many short modules at the end keep all the
    workers busy until the last seconds. A stable sort keeps each module's own test order.
    """
    long_modules = {item.path for item in items
                    if any(item.get_closest_marker(name) for name in LONG_MARKERS)}
    items.sort(key=lambda item: item.path not in long_modules)
