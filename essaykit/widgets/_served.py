"""Is this kernel serving readers? Voilà and ``essaykit serve`` say so in its environment.

Voilà sets ``SERVER_SOFTWARE=voila/…`` (and, depending on the version and on
preheating, ``VOILA_KERNEL_ID``, ``VOILA_PREHEAT``, ``VOILA_BASE_URL``…) in
every kernel it starts for a page view; JupyterLab sets none of them. The
widgets use this to keep author-only tools (moderation) out of reach of
readers, and to skip work only an export needs.
"""

from __future__ import annotations

import os

from ..names import ENV_SERVE

_SERVED_ENV = ("VOILA_KERNEL_ID", "VOILA_PREHEAT", "VOILA_BASE_URL", "VOILA_SERVER_URL", "VOILA_REQUEST_URL",
               ENV_SERVE)


def served_to_readers() -> bool:
    """True in a kernel that serves readers (Voilà or ``essaykit serve``)."""
    if os.environ.get("SERVER_SOFTWARE", "").lower().startswith("voila"):
        return True
    return any(os.environ.get(name) for name in _SERVED_ENV)
