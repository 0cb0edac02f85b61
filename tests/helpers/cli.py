"""The essaykit command, in-process (the ``cli`` fixture) and as the installed console script."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def venv_bin(name: str) -> str:
    """The path of a console script installed next to this Python (essaykit, voila, jupyter)."""
    return str(Path(sys.executable).with_name(name))


def run_essaykit(*args: str, cwd: Path | None = None, timeout: float = 120, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the installed ``essaykit`` console script as a real subprocess."""
    return subprocess.run(
        [venv_bin("essaykit"), *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def cli():
    """Run ``essaykit ARGS`` in-process and return the Click result."""
    from click.testing import CliRunner

    from essaykit.cli import main

    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return run
