"""How essaykit.live.kernels hands the essay and the reader to a kernel."""

from __future__ import annotations

import os

import pytest

from essaykit.live.kernels.manager import _environ_code, kernel_env


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


def _iopub(kind: str, content: dict, parent: str = "run-1") -> dict:
    return {"header": {"msg_type": kind}, "parent_header": {"msg_id": parent}, "content": content, "buffers": []}


def test_widget_states_follow_opens_updates_closes_and_output_capture():
    from essaykit.live.kernels import WidgetStates

    states = WidgetStates()
    opened = {"comm_id": "s1", "target_name": "jupyter.widget",
              "data": {"state": {"_model_name": "IntSliderModel", "value": 2}, "buffer_paths": []}}
    assert not states.take(_iopub("comm_open", opened))
    states.take(_iopub("comm_msg", {"comm_id": "s1", "data": {"method": "update", "state": {"value": 5}}}))
    assert states["s1"]["state"]["value"] == 5 and states["s1"]["buffers"] is False

    out = {"comm_id": "o1", "target_name": "jupyter.widget",
           "data": {"state": {"_model_name": "OutputModel", "msg_id": "", "outputs": []}}}
    states.take(_iopub("comm_open", out))
    states.take(_iopub("comm_msg", {"comm_id": "o1", "data": {"method": "update", "state": {"msg_id": "run-1"}}}))
    assert states.take(_iopub("stream", {"name": "stdout", "text": "drawn "}))
    assert states.take(_iopub("stream", {"name": "stdout", "text": "twice"}))
    assert states["o1"]["state"]["outputs"] == [{"output_type": "stream", "name": "stdout", "text": "drawn twice"}]
    assert states.take(_iopub("clear_output", {"wait": True}))
    assert states.take(_iopub("display_data", {"data": {"text/plain": "new"}, "metadata": {}}))
    assert [o["data"] for o in states["o1"]["state"]["outputs"]] == [{"text/plain": "new"}], \
        "clear_output(wait=True) clears when the next output arrives"
    assert not states.take(_iopub("stream", {"name": "stdout", "text": "elsewhere"}, parent="run-2")), \
        "output of another request is the cell's, not the widget's"

    binary = {"comm_id": "i1", "target_name": "jupyter.widget",
              "data": {"state": {"_model_name": "ImageModel"}, "buffer_paths": [["value"]]}}
    states.take(_iopub("comm_open", binary))
    assert states["i1"]["buffers"] is True, "a model with binary buffers is marked (the page gets Voilà's front end)"
    states.take(_iopub("comm_close", {"comm_id": "s1"}))
    assert "s1" not in states
