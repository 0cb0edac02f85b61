"""The comment API of ``essaykit serve``: comments and ratings over HTTP, no kernel needed.

Modules, each importing only those above it:

``origins``
    Which web pages may post here (``--allow-origin``): the Origin policy.
``client``
    Who is asking: the reader's signed cookies and address, in one place for every route.
``forms``
    The pages a plain form gets back (the form refilled, or a one-line message).
``service``
    :class:`~.service.CommentApi`, what the routes share: the store, the signed sessions, the GET cache.
``request``
    :class:`~.request.ApiHandler`, what every route does with a request's body and answer.
``handlers``
    The routes: ``/api/comments``, ``/api/ratings``, ``/api/counts``.
"""
