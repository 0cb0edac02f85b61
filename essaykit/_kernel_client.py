"""The kernel client essaykit runs notebooks through: jupyter_client's async client, whose waits for a
message look again every :data:`LOOK_AGAIN_SECONDS`.

ZeroMQ tells a program that a message arrived through an edge-triggered descriptor. nbclient waits for
a cell's reply on the shell socket while it answers an Output widget on that same socket (what
``interact`` uses): a send at the wrong moment takes the edge, and a single wait with no timeout then
never sees a reply that is already there. That is the intermittent hang of widget notebooks executed by
nbclient (jupyter/nbclient#312, jupyter/nbconvert#2029). A wait cut into short looks asks the socket's
own state at the end of each, so such a reply is read within one look; the overall timeout is the caller's
as before.
"""

from __future__ import annotations

import time
from queue import Empty

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from traitlets import Type

#: The longest a wait for a kernel message goes without asking the socket itself.
LOOK_AGAIN_SECONDS = 0.5


class LookingChannel(AsyncZMQSocketChannel):
    """jupyter_client's async channel, its :meth:`get_msg` cut into waits of :data:`LOOK_AGAIN_SECONDS`."""

    async def get_msg(self, timeout: float | None = None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = LOOK_AGAIN_SECONDS if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                return await super().get_msg(timeout=min(LOOK_AGAIN_SECONDS, left))
            except Empty:
                if deadline is not None and time.monotonic() >= deadline:
                    raise


class LookingKernelClient(AsyncKernelClient):
    """jupyter_client's async kernel client with :class:`LookingChannel` for the channels nbclient waits on."""

    shell_channel_class = Type(LookingChannel)
    iopub_channel_class = Type(LookingChannel)
    control_channel_class = Type(LookingChannel)


#: For a kernel manager's ``client_class`` trait.
CLIENT_CLASS = f"{__name__}.LookingKernelClient"
