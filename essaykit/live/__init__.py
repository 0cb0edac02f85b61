"""The live reading surface: the ``essay`` Voilà template's Python side and ``essaykit serve``.

Modules:

``page``
    :class:`LivePage`, what the template renders: the essay's text with a slot
    per code cell, and each executed cell's outputs for its slot.
``preprocessor``
    Hands a :class:`LivePage` to the template (named in the template's conf.json,
    so plain ``voila --template=essay`` works too).
``site``
    The essays one server publishes and the asset files they may load.
``handlers`` / ``app``
    The Tornado routes and the Voilà application that serves nothing else.
``kernels``
    Passes the essay slug and the reader's session id to each kernel.
``client``
    Who is asking: the client address (``--forwarded-allow-ips``) and the
    reader's signed cookies, worked out in one place for every route.
``session``
    :func:`reader_session`, read by widgets inside the kernel.
"""
