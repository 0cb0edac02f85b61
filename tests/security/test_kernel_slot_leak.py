"""Attack: hold every live-code slot by viewing an essay whose kernel cannot start.

One notebook names a kernel that is not installed. Asking for its live code, again and again, used
to leak a slot per failed start (and a cancelled warm start answered 500), until every essay said
"busy". Now each failed start gives its slot back, the reader is told the truth ("this part cannot
run here"), a full server answers 503 with ``Retry-After``, never 500, and other essays' live code
still starts.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from helpers.hardening import WIDGETS, cookie_jar, essays, page_token, request, start_kernel
from helpers.notebooks import code_cell, md_cell, notebook
from helpers.servers import serve_essaykit, stop_process

MISSING = "missing-kernel"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("slots") / "essays"
    folder.mkdir()
    (folder / "widgets.ipynb").write_text(json.dumps(essays()["widgets.ipynb"]), encoding="utf-8")
    missing = notebook([md_cell("Needs a kernel nobody installed."), code_cell("import ipywidgets\nipywidgets.IntSlider()")],
                       essay={"title": "Missing", "slug": MISSING})
    missing["metadata"]["kernelspec"] = {"name": "no-such-kernel-xyz", "display_name": "Nope", "language": "python"}
    (folder / f"{MISSING}.ipynb").write_text(json.dumps(missing), encoding="utf-8")
    # One warm kernel, as by default: the leak was the warm pool holding a slot for the missing kernel.
    server = serve_essaykit(folder, log=folder.parent / "server.log", db=f"sqlite:///{folder.parent / 'c.sqlite'}",
                            # One machine plays every reader, and its share is above the cap: the cap answers.
                            warm_kernels=1, args=["--max-kernels", "2",
                                                  "--kernels-per-address", "3", "--kernels-per-network", "3"])
    yield server
    stop_process(server.proc)


def ask(server, slug: str) -> tuple[int, dict, dict]:
    status, pairs, html = request(server, "GET", f"/voila/render/{slug}.ipynb")
    assert status == 200, html[:300]
    status, headers, body = request(server, "POST", "/essaykit/kernel", cookies=cookie_jar(pairs),
                                    body=f"essay={quote(slug)}&_xsrf={quote(page_token(html))}")
    return status, dict(headers), json.loads(body)


def test_failed_starts_give_their_slot_back(server):
    for _ in range(12):
        status, _headers, answer = ask(server, MISSING)
        assert status != 500, answer
        assert status == 409 and "cannot run here" in answer["message"], (status, answer)
        assert not answer["busy"], "a kernel that is not installed is not a busy server"
    for _ in range(2):  # both slots, one after the other: nothing leaked
        kernel_id, jar, token = start_kernel(server, WIDGETS)
        status, _, _ = request(server, "POST", f"/voila/api/shutdown/{kernel_id}", cookies=jar, body=f"_xsrf={token}")
        assert status == 204
    assert "kernel cap reached" not in server.output()


def test_the_cap_answers_503_with_retry_after(server):
    held = [start_kernel(server, WIDGETS) for _ in range(2)]
    try:
        for _ in range(3):
            status, headers, answer = ask(server, WIDGETS)
            assert status == 503, (status, answer)
            assert int({k.lower(): v for k, v in headers.items()}["retry-after"]) > 0
            assert answer["busy"] and "busy" in answer["message"]
    finally:
        for kernel_id, jar, token in held:
            request(server, "POST", f"/voila/api/shutdown/{kernel_id}", cookies=jar, body=f"_xsrf={token}")
