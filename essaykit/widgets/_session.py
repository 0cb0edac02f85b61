"""Who the reader is, as far as a kernel can tell: the key for "once per reader".

There are no accounts. A *reader session* is, in order of preference:

1. an explicit ``session=`` given to the widget (tests, embedding);
2. ``ESSAYKIT_SESSION`` in the kernel's environment, for a server that knows
   its readers and starts one kernel per reader;
3. the reader id the browser sends with its message: a random id the widget's
   front end keeps in ``localStorage``, so a reload is still the same reader;
4. the kernel's own session id (one per kernel, so one per Voilà page view).

None of this stops a determined reader who clears their storage; it stops
the accidental double vote and the impatient double click. Under
``essaykit serve`` every reader's kernel gets (2), the signed session, and
with it the reader's address (``ESSAYKIT_CLIENT``) and the email their
browser proved (``ESSAYKIT_KNOWN``), both established by the server
(:mod:`essaykit.live.api.client`, :mod:`essaykit._forwarded`): :func:`reader_client` and :func:`reader_known`.
"""

from __future__ import annotations

import os
import re
import uuid

from ..names import ENV_CLIENT, ENV_KNOWN, ENV_SESSION

#: What a browser-made reader id may look like (a UUID, or similar opaque token).
READER_ID = re.compile(r"[A-Za-z0-9-]{16,64}")
_PROCESS_ID = f"process-{uuid.uuid4()}"


def kernel_session_id() -> str:
    """The running kernel's session id, or a per-process id outside a kernel."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - ipykernel always brings IPython
        return _PROCESS_ID
    kernel = getattr(get_ipython(), "kernel", None)
    session = getattr(getattr(kernel, "session", None), "session", "")
    return f"kernel-{session}" if isinstance(session, str) and session else _PROCESS_ID


def reader_session(explicit: str | None = None, browser_id: object = None) -> str:
    """The reader session key, following the order in the module docstring."""
    if explicit:
        return explicit
    env = os.environ.get(ENV_SESSION, "").strip()
    if env:
        return env
    if isinstance(browser_id, str) and READER_ID.fullmatch(browser_id):
        return f"reader-{browser_id}"
    return kernel_session_id()


def reader_client() -> str:
    """The reader's client address as ``essaykit serve`` established it ("" outside it)."""
    return os.environ.get(ENV_CLIENT, "").strip()


def reader_known(explicit_session: str | None = None) -> str | None:
    """The email the reader's browser proved ("approved before" token), or None; never for a widget
    given its own ``session=`` (that session is not the served reader's)."""
    if explicit_session:
        return None
    return os.environ.get(ENV_KNOWN, "").strip() or None
