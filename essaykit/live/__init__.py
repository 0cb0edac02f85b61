"""The live reading surface: ``essaykit serve`` on Voilà, and the ``essay`` Voilà template's Python side.

Sub-packages, each importing only those listed before it:

``kernels`` (with ``launch``, ``channels``)
    Kernels on request with a cap, reclaiming and limits; the essay and the
    reader handed to each kernel.
``api``
    The comment API (``/api/comments``, ``/api/ratings``, ``/api/counts``, ``/api/follow``),
    the Origin policy and the reader's cookies, worked out in one place.
``pages``
    The essays a server publishes, their pages (:class:`~.pages.page.LivePage`),
    the page cache and the page routes.
``app``
    The Voilà application that serves nothing else: the routes, the Host check,
    the assets, ``/healthz``, the kernel routes and the graceful SIGTERM.
"""
