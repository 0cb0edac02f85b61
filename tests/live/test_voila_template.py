"""The `essay` Voilà template on its own: plain `voila --template=essay`, no essaykit server."""

from __future__ import annotations

import json
import urllib.request

from helpers.notebooks import code_cell, md_cell, notebook


def test_plain_voila_renders_the_essay_with_the_template(voila_server, tmp_path):
    nb = notebook(
        [md_cell("Plain Voilà shows *this* with ||a spoiler||."),
         code_cell("print('from the kernel')"),
         code_cell("raise ValueError('hidden detail')"),
         md_cell("The end.")],
        essay={"title": "Fish & <Chips>", "slug": "plain"},
    )
    (tmp_path / "plain.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    server = voila_server(tmp_path / "plain.ipynb", "--template=essay")
    with urllib.request.urlopen(server.url + "/", timeout=120) as resp:
        page = resp.read().decode()
    assert "<title>Fish &amp; &lt;Chips&gt;</title>" in page, "metadata is escaped even though Voilà's Jinja does not autoescape"
    assert "Plain Voilà shows <em>this</em>" in page, "markdown goes through essaykit's renderer"
    assert 'class="ek-spoiler"' in page, "inline spoilers use the shared vocabulary"
    assert page.index("The end.") < page.index('id="jupyter-config-data"'), \
        "all the text is written before the kernel starts"
    assert "from the kernel" in page
    assert "This part of the essay could not be shown." in page
    assert "hidden detail" not in page and "Traceback" not in page, "tracebacks never reach readers"
    assert "cdn.jsdelivr.net" not in page and "https://" not in page, "the template links nothing remote"
    assert "print(" not in page, "code sources are stripped"
