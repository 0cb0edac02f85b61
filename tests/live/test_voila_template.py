"""The `essay` Voilà template on its own: plain `voila --template=essay`, no essaykit server."""

from __future__ import annotations

import json
import os
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
    # The JSON-LD's vocabulary name (https://schema.org) is a name, not a load.
    assert "cdn.jsdelivr.net" not in page, "the template loads nothing from a CDN"
    assert "https://" not in page.replace('"https://schema.org"', ""), "the template links nothing remote"
    assert "print(" not in page, "code sources are stripped"


def test_a_template_of_ones_own_extends_the_essay_template_and_overrides_one_block(voila_server, tmp_path):
    """The essay template fills named blocks of nbconvert's base, so a reader's own template can change one
    of them and keep the rest, the way Voilà's lab template builds on nbconvert's."""
    share = tmp_path / "share"
    mine = share / "voila" / "templates" / "mine"
    mine.mkdir(parents=True)
    (mine / "conf.json").write_text(json.dumps({"base_template": "essay"}), encoding="utf-8")
    (mine / "index.html.j2").write_text(
        "{%- extends 'voila/templates/essay/index.html.j2' -%}\n"
        "{%- block body_footer -%}<p id=\"mine\">A footer of my own.</p>{{ super() }}{%- endblock body_footer -%}\n",
        encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    nb = notebook([md_cell("The essay's *own* text."), code_cell("print('ran')")],
                  essay={"title": "Mine", "slug": "mine"})
    (site / "mine.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    server = voila_server(site / "mine.ipynb", "--template=mine",
                          env={"JUPYTER_PATH": os.pathsep.join([str(share), os.environ.get("JUPYTER_PATH", "")])})
    with urllib.request.urlopen(server.url + "/", timeout=120) as resp:
        page = resp.read().decode()
    assert '<p id="mine">A footer of my own.</p>' in page, "the overridden block is the reader's"
    assert "The essay's <em>own</em> text." in page and "<title>Mine</title>" in page, \
        "every other block is still the essay template's"
    assert page.index('id="mine"') > page.index("ran"), "the block comes where the essay template puts it"
