"""How essaykit.live.kernels hands the essay and the reader to a kernel, and nothing else of the server."""

from __future__ import annotations

import asyncio
import os
import stat
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from essaykit._kernel_env import kernel_env
from essaykit.errors import KernelError
from essaykit.live.kernels.cells import KernelNoAnswer, LiveCells, environ_code, iopub_ready


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


def test_environment_code_sets_only_what_the_warm_kernel_was_not_started_with():
    started = {"PATH": "/bin", "ESSAYKIT_DB": "sqlite:///c.sqlite"}
    code = environ_code({**started, "ESSAYKIT_SLUG": "s"}, started)
    assert bytes.fromhex(code.split("bytes.fromhex(")[1].split(")")[0].strip("'")) == b'{"ESSAYKIT_SLUG": "s"}'


def run_live(cells: list[tuple[int, str, bool]], *, seconds: float = 120, answer_seconds: float = 20,
             stuck: bool = False) -> LiveCells:
    """``cells`` run by :class:`LiveCells` in a real kernel, through a client as the live page's manager
    gives it (channels started, iopub confirmed). With ``stuck`` the kernel's process is stopped
    (SIGSTOP) once it has answered, so it takes the cells and never says a word."""
    import signal

    from jupyter_client.manager import AsyncKernelManager

    async def run() -> LiveCells:
        km = AsyncKernelManager(kernel_name="python3")
        await km.start_kernel()
        client = km.client()
        client.start_channels()
        try:
            await iopub_ready(client)
            if stuck:
                os.kill(km.provisioner.pid, signal.SIGSTOP)
            live = LiveCells(cells, km=km, seconds=seconds, answer_seconds=answer_seconds)
            await live.run(client)
            return live
        finally:
            if stuck:
                os.kill(km.provisioner.pid, signal.SIGCONT)
            client.stop_channels()
            await km.shutdown_kernel(now=True)

    # In a thread of its own: another test's Playwright may own this thread's event loop.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(run())).result()


def _model(live: LiveCells, name: str) -> dict:
    found = [m for m in live.for_page()["state"].values() if m["model_name"] == name]
    assert len(found) == 1, f"one {name} in {live.for_page()}"
    return found[0]


def test_live_cells_run_through_nbclient_with_widget_state_output_capture_and_display_updates():
    live = run_live([
        (1, "import ipywidgets as w\ns = w.IntSlider(value=2)\ns.value = 5\ns", True),
        (2, "out = w.Output()\nwith out:\n    print('drawn ', end='')\n    print('twice')\nout", True),
        (3, "with out:\n    out.clear_output(wait=True)\n    display('new')", True),
        (4, "h = display('first', display_id=True)\nh.update('second')", True),
        (5, "t = w.Text(value='gone')\nt.close()\nhidden = 'not shown'\nhidden", False),
        (6, "1 / 0", True),
        (7, "print('after', 6 * 7)", True),
    ])
    assert set(live.outputs) == {1, 2, 3, 4, 6, 7}, "a cell run for its names only shows nothing"
    assert _model(live, "IntSliderModel")["state"]["value"] == 5, "the state after the cell, not at creation"
    slider_view = live.outputs[1][0]["data"]["application/vnd.jupyter.widget-view+json"]["model_id"]
    assert live.for_page()["state"][slider_view]["model_name"] == "IntSliderModel", "the view names its model"
    output = _model(live, "OutputModel")
    assert [o["data"]["text/plain"] for o in output["state"]["outputs"]] == ["'new'"], \
        "an Output widget keeps what it captured; clear_output(wait=True) clears when the next output comes"
    assert live.outputs[3] == [], "what an Output widget captures is not the cell's"
    assert [o["data"]["text/plain"] for o in live.outputs[4]] == ["'second'"], "update_display_data replaces in place"
    assert not any(m["model_name"] == "TextModel" for m in live.for_page()["state"].values()), \
        "a widget closed in the kernel is not drawn"
    assert live.outputs[6][0]["ename"] == "ZeroDivisionError" and "after 42" in live.outputs[7][0]["text"], \
        "a raising cell keeps its error and the cells after it run"
    assert live.modules() >= {"@jupyter-widgets/controls", "@jupyter-widgets/output"}
    page = live.for_page()
    assert (page["version_major"], page["version_minor"]) == (2, 0)


def test_what_an_output_widget_caught_for_the_author_stays_on_the_server():
    live = run_live([(1, "import sys, ipywidgets as w\nout = w.Output()\nwith out:\n    print('shown')\n"
                         "    print('/srv/secret.py', file=sys.stderr)\n    raise ValueError('in /srv/secret.py')\nout", True)])
    model = _model(live, "OutputModel")
    assert (model["model_module"], model["model_module_version"]) == ("@jupyter-widgets/output", "1.0.0")
    assert model["state"]["outputs"] == [{"output_type": "stream", "name": "stdout", "text": "shown\n"}], \
        "tracebacks and stderr stay on the server"
    assert "secret" not in str(live.for_page())


def test_the_page_gets_a_widgets_bytes_as_ipywidgets_embed_format_keeps_them():
    import base64

    live = run_live([(1, "import ipywidgets as w\nw.Image(value=b'\\x89PNG' + bytes(2000), format='png')", True)])
    (buffer,) = _model(live, "ImageModel")["buffers"]
    assert buffer["path"] == ["value"] and buffer["encoding"] == "base64"
    assert base64.b64decode(buffer["data"]) == b"\x89PNG" + bytes(2000), "the bytes themselves, for the page's manager"


def test_a_kernel_that_exits_mid_run_is_a_kernel_error():
    with pytest.raises(KernelError, match="the kernel exited while running the essay"):
        run_live([(1, "import os\nos._exit(1)", True), (2, "print('never')", True)])


def test_live_code_past_the_servers_limit_is_a_kernel_error_naming_the_limit():
    started = time.monotonic()
    with pytest.raises(KernelError, match=r"ran past 2 s, this server's limit for it \(essaykit serve --cell-timeout\)"):
        run_live([(1, "print('quick')", True), (2, "import time\ntime.sleep(600)", True)], seconds=2)
    assert time.monotonic() - started < 120, "the run ends at the limit, not when the cell would"


def test_a_kernel_that_takes_a_cell_and_never_answers_is_told_apart_from_a_slow_one():
    with pytest.raises(KernelNoAnswer, match="the kernel did not answer within 2 s"):
        run_live([(1, "print('never run')", True)], answer_seconds=2, stuck=True)
    slow = run_live([(1, "import time\ntime.sleep(3)\nprint('slow but answering')", True)], answer_seconds=1)
    assert "slow but answering" in slow.outputs[1][0]["text"], "a kernel that said busy may take its time"


def test_a_reply_whose_arrival_signal_was_taken_is_still_read():
    """The mechanism of nbclient's intermittent widget hang, re-created: the client is waiting for a reply
    when it arrives, and before the event loop hears of it the socket's edge-triggered arrival signal is
    consumed (as nbclient's send on the same socket can consume it). jupyter_client's channel, waiting
    with no timeout, never wakes; essaykit's looks again."""
    import time

    import zmq
    import zmq.asyncio
    from jupyter_client.channels import AsyncZMQSocketChannel
    from jupyter_client.session import Session

    from essaykit._kernel_client import LOOK_AGAIN_SECONDS, LookingChannel

    async def waiting(channel_class) -> dict | None:
        context, kernel_side = zmq.asyncio.Context(), zmq.Context()
        session = Session(key=b"")
        server, client = kernel_side.socket(zmq.ROUTER), context.socket(zmq.DEALER)
        try:
            port = server.bind_to_random_port("tcp://127.0.0.1")
            client.connect(f"tcp://127.0.0.1:{port}")
            channel = channel_class(client, session)
            await client.send_multipart(session.serialize(session.msg("kernel_info_request")))
            identity, *_ = server.recv_multipart()
            reply = asyncio.ensure_future(channel.get_msg(timeout=None))
            await asyncio.sleep(0.1)  # the client waits now
            session.send(server, "kernel_info_reply", {"status": "ok"}, ident=identity)
            # Without letting the event loop run: the reply is there, and asking the socket takes the edge.
            began = time.monotonic()
            while not client.getsockopt(zmq.EVENTS) & zmq.POLLIN:
                assert time.monotonic() - began < 10, "the reply never reached the client socket"
            try:
                return await asyncio.wait_for(reply, 10 * LOOK_AGAIN_SECONDS)
            except asyncio.TimeoutError:
                return None
        finally:
            server.close(linger=0)
            client.close(linger=0)
            context.term()
            kernel_side.term()

    with ThreadPoolExecutor(1) as pool:
        stock = pool.submit(lambda: asyncio.run(waiting(AsyncZMQSocketChannel))).result()
        ours = pool.submit(lambda: asyncio.run(waiting(LookingChannel))).result()
    assert stock is None, "the stock channel's endless wait misses the reply (if this fails, upstream fixed it)"
    assert ours is not None and ours["msg_type"] == "kernel_info_reply"


def test_a_servers_log_check_names_each_traceback_by_its_exception():
    from helpers.servers import server_tracebacks

    log = ("Exception in thread Heartbeat:\nTraceback (most recent call last):\n  File \"hb.py\", line 79\n"
           "zmq.error.ZMQError: Address already in use (addr='ipc:///tmp/voila_x/kernel-1-ipc-5')\n[essaykit I] next\n"
           "Traceback (most recent call last):\n  File \"app.py\", line 2, in get\n    x()\nValueError: boom\n")
    assert server_tracebacks(log) == ["zmq.error.ZMQError: Address already in use (addr='ipc:///tmp/voila_x/kernel-1-ipc-5')",
                                      "ValueError: boom"], "no kernel's traceback is excused any more"


def test_the_servers_kernels_start_on_unix_sockets_in_its_own_folder_gone_after_shutdown():
    """Over TCP another process may take a port between jupyter_client picking it and the kernel binding it
    ("Address already in use"); essaykit serve's kernels use ZeroMQ's ipc transport instead."""
    import tempfile

    from essaykit._kernel_ipc import SOCKET_PATH_MAX, socket_root
    from essaykit.live.app.voila import voila_config
    from essaykit.live.kernels import EssayKernelManager

    config = voila_config(warm_kernels=0)
    # As EssayVoila.start makes it: a private folder per server, under the root essaykit serve configures.
    folder = tempfile.mkdtemp(prefix="voila_", dir=config.Voila.connection_dir_root)
    assert config.Voila.connection_dir_root == socket_root()

    async def run() -> tuple[dict, list[str], list[str]]:
        km = EssayKernelManager(config=config, connection_dir=folder)
        kernel_id = await km.launch("python3", km.kernel_environment(os.environ))
        try:
            await km.run_silently(kernel_id, "import os", timeout=60)  # the kernel answers over its sockets
            info = km.get_kernel(kernel_id).get_connection_info()
            sockets = [p for p in os.listdir(folder) if stat.S_ISSOCK(os.stat(os.path.join(folder, p)).st_mode)]
        finally:
            await km.shutdown_all(now=True)
        return info, sockets, os.listdir(folder)

    try:
        with ThreadPoolExecutor(1) as pool:
            info, sockets, left = pool.submit(lambda: asyncio.run(run())).result(timeout=180)
        assert info["transport"] == "ipc", f"the kernel's connection: {info}"
        assert os.path.dirname(info["ip"]) == folder, "its sockets are in the server's own folder"
        assert sorted(f"{info['ip']}-{info[f'{c}_port']}" for c in ("shell", "iopub", "stdin", "control", "hb")) \
            == sorted(os.path.join(folder, s) for s in sockets), "five Unix sockets, one per channel"
        assert max(len(os.fsencode(os.path.join(folder, s))) for s in sockets) <= SOCKET_PATH_MAX
        assert left == [], "the sockets and the connection file go when the kernel is shut down"
    finally:
        os.rmdir(folder)
