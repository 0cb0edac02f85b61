"""Give the ``essay`` Voilà template its page, as the plain values of a :class:`~.page.LivePage`.

The template's conf.json names this preprocessor, so it runs whenever Voilà
renders with ``--template=essay``, under ``essaykit serve`` or plain ``voila``.
Voilà runs it before the template starts, and before any kernel exists.
"""

from __future__ import annotations

from nbconvert.preprocessors import Preprocessor

from .page import LivePage


class LivePagePreprocessor(Preprocessor):
    """Build the live page from the notebook and put its values in ``resources["essaykit"]``."""

    def preprocess(self, nb, resources):
        name = (resources.get("metadata") or {}).get("name") or "essay"
        base_url = resources.get("base_url") or "/"
        page = LivePage.from_notebook(nb, name, base_url=base_url, mentions=bool(resources.get("essaykit_mentions")))
        resources["essaykit"] = page.template_values()
        return nb, resources
