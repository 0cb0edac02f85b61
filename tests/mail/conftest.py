"""One test SMTP server per module of tests/mail that asks for ``mail``."""

from __future__ import annotations

import pytest

from helpers.smtp import MailServer


@pytest.fixture(scope="module")
def mail():
    server = MailServer().start()
    yield server
    server.stop()
