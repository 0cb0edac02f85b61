"""The essay pages of ``essaykit serve`` and the ``essay`` Voilà template's Python side.

Modules, each importing only those above it:

``site``
    The essays one server publishes and the only files it will send.
``cache``
    Rendered pages, kept until the notebook, its comments or its ratings change.
``page``
    :class:`~.page.LivePage`, what the template shows: the essay's text with a
    slot per code cell, and each executed cell's outputs for its slot.
``preprocessor``
    Hands the template its page as plain values (named in the template's
    conf.json, so plain ``voila --template=essay`` works too).
``handlers``
    The routes: an essay's page from the cache, the index of a folder, the
    images essays show, 404 for everything else.
"""
