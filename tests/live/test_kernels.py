"""How essaykit.live.kernels hands the essay and the reader to a kernel."""

from __future__ import annotations

import os

import pytest

from essaykit.live.kernels import _environ_code, kernel_env


def test_headers_become_essaykit_variables_and_do_not_linger():
    env = kernel_env({"PATH": "/bin", "HTTP_X_ESSAYKIT_SLUG": "the-salt-road", "HTTP_X_ESSAYKIT_READER": "abc"})
    assert env == {"PATH": "/bin", "ESSAYKIT_SLUG": "the-salt-road", "ESSAYKIT_SESSION": "abc"}


def test_missing_headers_set_nothing():
    assert "ESSAYKIT_SLUG" not in kernel_env({"PATH": "/bin"})


@pytest.mark.parametrize("value", [
    "plain", "ends with a question mark?", "!ls", "%env X", "quote ' and \" and \\", "two\nlines",
    "ünïcödé ✓", "\u202eright-to-left", "${HOME}", "'); import os; os._exit(1); ('",
])
def test_environment_code_survives_ipython_and_sets_exact_values(value, monkeypatch):
    from IPython.core.inputtransformer2 import TransformerManager

    monkeypatch.delenv("ESSAYKIT_TEST_VALUE", raising=False)
    code = TransformerManager().transform_cell(_environ_code({"ESSAYKIT_TEST_VALUE": value}))
    exec(compile(code, "<kernel>", "exec"), {})
    assert os.environ["ESSAYKIT_TEST_VALUE"] == value, "the kernel must see exactly what the server sent"
