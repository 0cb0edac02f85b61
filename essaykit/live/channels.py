"""What a reader's page may send its kernel: widget messages, and nothing that creates or runs anything.

A live page talks to its kernel over Jupyter's websocket. Left alone, that
socket takes any message: an ``execute_request`` runs code, and a
``comm_open`` for ``jupyter.widget`` makes the kernel build any widget model
the sender names (3,000 ``Button`` models took one kernel from 73 MB to
556 MB). :class:`ReaderChannels` passes on only

* ``comm_msg`` and ``comm_close`` (to comms the essay's own widgets opened;
  the kernel ignores other comm ids, and essaykit's widgets check what they
  are sent),
* ``comm_open`` for ``jupyter.widget.control`` only, which the widget manager
  uses to read the state of the widgets that already exist,
* ``kernel_info_request`` and ``comm_info_request``;

everything else is dropped and logged with the kernel's id.
"""

from __future__ import annotations

import json
import logging

from jupyter_server.services.kernels.connection.base import deserialize_binary_message, deserialize_msg_from_ws_v1
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

log = logging.getLogger("essaykit.live")

ALLOWED_TYPES = frozenset({"comm_msg", "comm_close", "comm_open", "kernel_info_request", "comm_info_request"})
ALLOWED_TARGETS = frozenset({"jupyter.widget.control"})
V1 = "v1.kernel.websocket.jupyter.org"


def refusal(msg_type: object, content: dict | None) -> str | None:
    """Why a message from a reader's page must not reach the kernel, or None when it may."""
    if msg_type not in ALLOWED_TYPES:
        return f"message type {msg_type!r} is not allowed from a page"
    if msg_type == "comm_open":
        target = (content or {}).get("target_name")
        if target not in ALLOWED_TARGETS:
            model = ((content or {}).get("data") or {}).get("state", {}).get("_model_name") \
                if isinstance((content or {}).get("data"), dict) else None
            what = f" ({model})" if isinstance(model, str) else ""
            return f"comm_open for {target!r}{what}: pages may not create widgets"
    return None


class ReaderChannels(ZMQChannelsWebsocketConnection):
    """Jupyter's websocket connection, with :func:`refusal` applied to every message from the page."""

    def handle_incoming_message(self, incoming_msg) -> None:
        try:
            if self.subprotocol == V1:
                _channel, parts = deserialize_msg_from_ws_v1(incoming_msg)
                header = self.session.unpack(parts[0])
                content = self.session.unpack(parts[3]) if header.get("msg_type") == "comm_open" else None
            else:
                msg = deserialize_binary_message(incoming_msg) if isinstance(incoming_msg, bytes) \
                    else json.loads(incoming_msg)
                header, content = msg.get("header") or {}, msg.get("content")
        except Exception as exc:  # noqa: BLE001 - anything unreadable is dropped
            log.warning("kernel %s: dropped an unreadable message from a page (%s)", self.kernel_id, exc)
            return
        why = refusal(header.get("msg_type"), content if isinstance(content, dict) else None)
        if why is not None:
            log.warning("kernel %s: refused %s", self.kernel_id, why)
            return
        super().handle_incoming_message(incoming_msg)
