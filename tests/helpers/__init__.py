"""Test helpers for essaykit, importable as ``helpers`` (pyproject puts tests/ on pythonpath).

The modules that define fixtures are pytest plugins, registered once in
tests/conftest.py; tests import only plain builders and constants from them:

- ``notebooks``: notebook and cell builders; ``write_notebook``, ``example_nb``, ``essay_dir``
- ``cli``: the essaykit command in-process (``cli``) and as a subprocess (``run_essaykit``)
- ``servers``: free ports, static/Voilà/JupyterLab servers (``start_server`` and friends), and the one
  way tests start `essaykit serve` (``serve_essaykit``, the ``essaykit_server`` fixture: no warm kernel
  unless asked, ready once ``/healthz`` answers)
- ``serve_essays``: the folder of small essays with live code that `essaykit serve` publishes (``site``)
- ``browser``: one Debian Chromium through Playwright (``browser``, ``page``)
- ``postgres``: a throwaway PostgreSQL server (``postgres_server``, ``postgres_url``, ``db_url``)
- ``stores``: comment stores (``store``, ``loose_store``)
- ``smtp``: a real SMTP server on loopback (aiosmtpd) that keeps what it gets (``smtp_server``, ``MailServer``)
- ``widgets``: a widget's static twin and comm messages from its front end
- ``lab``: a JupyterLab for a whole test module (``start_lab``/``stop_lab``), for tests/lab/
- ``comment_pages``, ``comment_payloads``, ``hostile_fields``: the comment form in a browser,
  and the hostile inputs every comment surface is tested with
- ``api_client``: the comment API tests' site and rules for `essaykit serve`, raw HTTP calls, kernel counting
- ``deploy``: the reference deployment of docs/deploy.md on loopback (PgBouncer, `essaykit serve`
  replicas, nginx) from the templates in deploy/, for tests/deploy/ and bench/scaleout.py (plain classes)
- ``mention_sites``: a loopback blog whose pages a test writes, and essaykit's mention receiver
  on its own port (plain classes, no fixtures)

When ``CI`` is set, a missing browser or database fails the run instead of skipping it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
EXAMPLE = NOTEBOOKS / "the-salt-road.ipynb"
SHARE = ROOT / "share" / "jupyter"
IN_CI = bool(os.environ.get("CI"))


def missing(what: str) -> None:
    """Skip outside CI, fail in CI: missing infrastructure must never pass silently there."""
    if IN_CI:
        pytest.fail(f"{what} is required when CI is set", pytrace=False)
    pytest.skip(what)
