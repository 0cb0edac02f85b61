"""The test suite's set-up: which helper plugins provide the shared fixtures, and the
environment every test (and every server a test starts) runs in.

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

import pytest

pytest.register_assert_rewrite("helpers")

from helpers import SHARE  # noqa: E402  (after the rewrite hook, so helpers' asserts explain themselves)

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

# Subprocesses (jupyter nbconvert, voila, jupyter lab) must see the templates
# in this checkout, not the copy an editable install made.
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    [str(SHARE)] + [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
)
