"""essaykit inside JupyterLab: a Jupyter server extension and its lab extension.

The server extension (this package) answers these routes for the lab extension
(TypeScript in ``labextension/``, built into
``share/jupyter/labextensions/essaykit``):

``GET /essaykit/preview/<path>``
    The essay's static page, rendered by the exporter from the saved notebook
    (stored outputs, as ``jupyter nbconvert --to essay`` does without ``--execute``).
``POST /essaykit/check``
    ``{"path": "essays/x.ipynb", "notebook": {...}}`` checked by the essay
    model: the same problems, in the same words, as ``essaykit check``, each
    with the cell or metadata field it concerns, plus the notebook's spoiler
    blocks and inline-spoiler counts so the editor can mark them.
``GET /essaykit/moderation`` (``?essay=SLUG``)
    The pending comments and mentions of every essay, the likeliest spam first,
    each with the filter's score and reason and what it answers
    (:mod:`essaykit.comments.queue`), for the Comments panel.
``POST /essaykit/moderation``
    ``{"action": "approve" | "spam" | "delete", "ids": [...]}`` acts on those of
    the ids still pending (a bulk action is one transaction);
    ``{"action": "reply", "id": ..., "body": ...}`` approves and publishes the
    author's reply. Answers with the queue as it now is and a ``message``.

It also makes JupyterLab's "Render with Voilà" use the ``essay`` template for
essays (see :mod:`essaykit.lab.voila`), and runs JupyterLab's kernels through the client that cannot
miss a reply (see :mod:`essaykit.lab.kernels`). It is enabled by
``etc/jupyter/jupyter_server_config.d/essaykit.json``, installed with the package.
"""

from __future__ import annotations


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "essaykit.lab"}]


def _load_jupyter_server_extension(serverapp) -> None:
    from jupyter_server.utils import url_path_join

    from .handlers import CheckHandler, ModerationHandler, PreviewHandler
    from .kernels import use_looking_client
    from .voila import use_essay_template

    base = serverapp.web_app.settings["base_url"]
    serverapp.web_app.add_handlers(".*$", [
        (url_path_join(base, "/essaykit/check"), CheckHandler),
        (url_path_join(base, r"/essaykit/preview/(.*)"), PreviewHandler),
        (url_path_join(base, "/essaykit/moderation"), ModerationHandler),
    ])
    use_essay_template(serverapp)
    if not use_looking_client(serverapp):
        serverapp.log.info("essaykit: kernels keep the client class this server was configured with")
    serverapp.log.info("essaykit: essay preview, checks and the Voilà essay template are on")


# Older Jupyter servers look for this name.
load_jupyter_server_extension = _load_jupyter_server_extension
