"""How essaykit.live.kernels hands the essay and the reader to a kernel, and nothing else of the server."""

from __future__ import annotations

import os
import stat

import pytest

from essaykit._kernel_env import kernel_env
from essaykit.live.kernels.cells import WidgetStates, environ_code


def test_headers_become_essaykit_variables_and_do_not_linger():
    env = kernel_env({"PATH": "/bin", "HTTP_X_ESSAYKIT_SLUG": "the-salt-road", "HTTP_X_ESSAYKIT_READER": "abc"})
    assert env["ESSAYKIT_SLUG"] == "the-salt-road" and env["ESSAYKIT_SESSION"] == "abc" and env["PATH"] == "/bin"
    assert not any(k.startswith("HTTP_") for k in env), "the request's variables are renamed, not kept"


def test_missing_headers_set_nothing():
    assert "ESSAYKIT_SLUG" not in kernel_env({"PATH": "/bin"})


def test_a_kernel_keeps_only_what_it_needs_of_the_server_environment():
    server = {"PATH": "/usr/bin", "HOME": "/home/m", "LANG": "C.UTF-8", "LC_TIME": "de_DE.UTF-8",
              "JUPYTER_DATA_DIR": "/j", "PGHOST": "db", "ESSAYKIT_DB": "postgresql+psycopg://m@db/essays",
              "ESSAYKIT_MODERATION": "/rules.json",
              "ESSAYKIT_SMTP_PASSWORD": "s3cret", "ESSAYKIT_SMTP": "smtp://m:pw@mail", "AWS_SECRET_ACCESS_KEY": "k",
              "JUPYTER_TOKEN": "t", "SSH_AUTH_SOCK": "/tmp/agent", "QUERY_STRING": "a=1", "HTTP_COOKIE": "x=1"}
    env = kernel_env(server, slug="s")
    for kept in ("PATH", "HOME", "LANG", "LC_TIME", "JUPYTER_DATA_DIR", "PGHOST", "ESSAYKIT_DB", "ESSAYKIT_MODERATION"):
        assert env[kept] == server[kept], f"{kept} is what a kernel needs to run and reach the database"
    for dropped in ("ESSAYKIT_SMTP_PASSWORD", "ESSAYKIT_SMTP", "AWS_SECRET_ACCESS_KEY", "JUPYTER_TOKEN",
                    "SSH_AUTH_SOCK", "QUERY_STRING", "HTTP_COOKIE"):
        assert dropped not in env, f"{dropped} must not reach a kernel"
    assert env["ESSAYKIT_SLUG"] == "s"


@pytest.mark.parametrize("password", ["plain", "with:colon", "back\\slash:and:colons"])
def test_the_database_password_becomes_a_private_pgpass_file(password):
    env = kernel_env({"PATH": "/bin", "PGPASSWORD": password})
    assert "PGPASSWORD" not in env and not any(password in v for v in env.values()), "no password in the env"
    path = env["PGPASSFILE"]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, "libpq ignores a pgpass file others can read"
    line = open(path, encoding="utf-8").read()
    host, port, db, user, escaped = line.rstrip("\n").split(":", 4)
    assert (host, port, db, user) == ("*", "*", "*", "*"), "one entry for every database"
    assert escaped.replace("\\:", ":").replace("\\\\", "\\") == password, "pgpass escaping of : and \\"
    assert kernel_env({"PGPASSWORD": password})["PGPASSFILE"] == path, "one file per password and process"


@pytest.mark.parametrize("value", [
    "plain", "ends with a question mark?", "!ls", "%env X", "quote ' and \" and \\", "two\nlines",
    "ünïcödé ✓", "\u202eright-to-left", "${HOME}", "'); import os; os._exit(1); ('",
])
def test_environment_code_survives_ipython_and_sets_exact_values(value, monkeypatch):
    from IPython.core.inputtransformer2 import TransformerManager

    monkeypatch.delenv("ESSAYKIT_TEST_VALUE", raising=False)
    code = TransformerManager().transform_cell(environ_code({"ESSAYKIT_TEST_VALUE": value}, {}))
    exec(compile(code, "<kernel>", "exec"), {})
    assert os.environ["ESSAYKIT_TEST_VALUE"] == value, "the kernel must see exactly what the server sent"


def _iopub(kind: str, content: dict, parent: str = "run-1") -> dict:
    return {"header": {"msg_type": kind}, "parent_header": {"msg_id": parent}, "content": content, "buffers": []}


def test_environment_code_sets_only_what_the_warm_kernel_was_not_started_with():
    started = {"PATH": "/bin", "ESSAYKIT_DB": "sqlite:///c.sqlite"}
    code = environ_code({**started, "ESSAYKIT_SLUG": "s"}, started)
    assert bytes.fromhex(code.split("bytes.fromhex(")[1].split(")")[0].strip("'")) == b'{"ESSAYKIT_SLUG": "s"}'


def test_widget_states_follow_opens_updates_closes_and_output_capture():
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
    assert states.buffers, "the page is told (Voilà's front end draws it)"
    states.take(_iopub("comm_close", {"comm_id": "s1"}))
    assert "s1" not in states


def test_widget_states_go_to_the_page_as_ipywidgets_saved_state_without_what_is_for_the_author():
    states = WidgetStates()
    out = {"comm_id": "o1", "target_name": "jupyter.widget",
           "data": {"state": {"_model_name": "OutputModel", "_model_module": "@jupyter-widgets/output",
                              "_model_module_version": "1.0.0", "_view_module": "@jupyter-widgets/output",
                              "msg_id": "run-1", "outputs": []}}}
    states.take(_iopub("comm_open", out))
    states.take(_iopub("stream", {"name": "stdout", "text": "shown"}))
    states.take(_iopub("stream", {"name": "stderr", "text": "/srv/secret.py"}))
    states.take(_iopub("error", {"ename": "ValueError", "evalue": "in /srv/secret.py", "traceback": []}))
    page = states.for_page()
    assert (page["version_major"], page["version_minor"]) == (2, 0)
    model = page["state"]["o1"]
    assert (model["model_name"], model["model_module"], model["model_module_version"]) == \
        ("OutputModel", "@jupyter-widgets/output", "1.0.0")
    assert model["state"]["outputs"] == [{"output_type": "stream", "name": "stdout", "text": "shown"}], \
        "tracebacks and stderr stay on the server"
    assert states.modules() == {"@jupyter-widgets/output"} and not states.buffers
