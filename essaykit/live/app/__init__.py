"""The Voilà application of ``essaykit serve`` and what runs around its routes.

Modules, each importing only those above it (and :mod:`essaykit.live.api`,
:mod:`essaykit.live.pages`, :mod:`essaykit.live.kernels` below them):

``routing``
    The router in front of every route: the trusted proxy's scheme, then the Host check.
``assets``
    Voilà's front end and widget extensions, precompressed once, cached long.
``health``
    ``GET /healthz`` for the load balancer.
``drain``
    The graceful SIGTERM: no acknowledged comment lost, no reader left hanging.
``kernel_routes``
    A page's kernel: started when its script asks, for its reader only.
``voila``
    :class:`~.voila.EssayVoila`, Voilà with these routes and nothing else, and its options.
"""

from .voila import EXTENSIONS, EssayVoila, voila_config

__all__ = ["EXTENSIONS", "EssayVoila", "voila_config"]
