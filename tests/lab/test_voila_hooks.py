"""essaykit.lab.voila: JupyterLab's Voilà preview picks the essay template for essays, and only for them."""

from __future__ import annotations

import json

import nbformat
from traitlets.config import Config

from helpers.notebooks import md_cell, notebook
from essaykit.lab.voila import essay_hook, page_config_hook, use_essay_template


def node(essay=None, **metadata):
    return nbformat.from_dict(notebook([md_cell("x")], essay, **metadata))


def test_an_essay_gets_the_essay_template_in_memory():
    nb = node({"title": "T"})
    out = essay_hook()(None, notebook=nb, cwd=".")
    assert out.metadata.voila.template == "essay"


def test_a_plain_notebook_and_an_authors_choice_are_left_alone():
    plain = essay_hook()(None, notebook=node(), cwd=".")
    assert "voila" not in plain.metadata
    chosen = essay_hook()(None, notebook=node({"title": "T"}, voila={"template": "lab"}), cwd=".")
    assert chosen.metadata.voila.template == "lab"


def test_an_authors_own_hooks_still_run():
    seen = []

    def mine(req, notebook, cwd):
        seen.append(notebook.metadata.voila.template)
        return notebook

    essay_hook(mine)(None, notebook=node({"title": "T"}), cwd=".")
    assert seen == ["essay"]
    config = {"fullMathjaxUrl": "x"}
    assert page_config_hook(lambda pc, **kw: {**pc, "mine": True})(config, settings={}, notebook_path="nope.ipynb") \
        == {"fullMathjaxUrl": "x", "mine": True}


def test_mathjax_is_off_for_essays_only(tmp_path):
    (tmp_path / "essay.ipynb").write_text(json.dumps(notebook([md_cell("x")], {"title": "T"})))
    (tmp_path / "plain.ipynb").write_text(json.dumps(notebook([md_cell("x")])))
    (tmp_path / "broken.ipynb").write_text("{ nope")
    settings = {"server_root_dir": str(tmp_path)}
    hook = page_config_hook()
    assert hook({}, settings=settings, notebook_path="essay.ipynb") == {"fullMathjaxUrl": "null", "mathjaxConfig": "null"}
    assert hook({}, settings=settings, notebook_path="plain.ipynb") == {}
    assert hook({}, settings=settings, notebook_path="broken.ipynb") == {}
    assert hook({}, settings=settings, notebook_path="missing.ipynb") == {}


def test_hooks_are_installed_once_and_chain_what_was_configured():
    class App:
        config = Config()

    def mine(req, notebook, cwd):
        return None

    App.config.VoilaConfiguration.prelaunch_hook = mine
    use_essay_template(App)
    first = App.config.VoilaConfiguration.prelaunch_hook
    use_essay_template(App)
    assert App.config.VoilaConfiguration.prelaunch_hook is first and first.essaykit
    assert App.config.VoilaConfiguration.page_config_hook.essaykit
