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

everything else is dropped and logged with the kernel's id. A ``comm_msg`` or
``comm_close`` is the reader using the kernel: it restarts the reaper's
inactivity count (``inactive_seconds``); nothing else the page sends does.

Each connection also enters the kernel manager's :class:`PageConnections`
while it is open: the reaper counts a kernel's pages there, and reclaiming a
kernel or stopping the server (essaykit.live.drain) closes them from there.

In the other direction, what the kernel says goes to the page except what is
meant for the author: tracebacks (``error`` messages, which carry server
paths) and ``stderr`` streams are logged on the server and not sent, and
they are taken out of an Output widget's state before it is sent.
"""

from __future__ import annotations

import json
import logging

from jupyter_server.services.kernels.connection.base import deserialize_binary_message, deserialize_msg_from_ws_v1
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

log = logging.getLogger("essaykit.live")

ALLOWED_TYPES = frozenset({"comm_msg", "comm_close", "comm_open", "kernel_info_request", "comm_info_request"})
ALLOWED_TARGETS = frozenset({"jupyter.widget.control"})
# What a reader does to a widget; kernel_info and comm_info requests are sent by a page left alone.
USED_TYPES = frozenset({"comm_msg", "comm_close"})
V1 = "v1.kernel.websocket.jupyter.org"
# A subshell is a thread in the kernel, made at a page's request: readers' pages may not ask
# (create_subshell_request is not allowed), so the kernel_info they get does not offer it.
SUBSHELLS = "kernel subshells"


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


def author_only(output: object) -> bool:
    """True for an output the reader must not see: a traceback or a stderr stream."""
    return isinstance(output, dict) and (output.get("output_type") == "error" or (
        output.get("output_type") == "stream" and output.get("name") == "stderr"))


def _error_text(msg_type: str, content: dict) -> str:
    if msg_type == "error":
        return "\n".join(content.get("traceback") or ()) or f"{content.get('ename')}: {content.get('evalue')}"
    return str(content.get("text", ""))[:4000]


class PageConnections:
    """The open kernel websockets of readers' pages, by kernel id (one per kernel manager)."""

    def __init__(self) -> None:
        self._by_kernel: dict[str, set] = {}

    def add(self, connection) -> None:
        self._by_kernel.setdefault(connection.kernel_id, set()).add(connection)

    def discard(self, connection) -> None:
        kept = self._by_kernel.get(connection.kernel_id)
        if kept is not None:
            kept.discard(connection)
            if not kept:
                del self._by_kernel[connection.kernel_id]

    def count(self, kernel_id: str) -> int:
        return len(self._by_kernel.get(kernel_id, ()))

    def close(self, kernel_id: str | None = None, code: int | None = None, reason: str | None = None) -> int:
        """Close the websockets of ``kernel_id``'s pages (None: of every page); how many were open.

        Each closes as a reader's own close would: Tornado calls its handler's ``on_close``, which
        disconnects it (and takes it out of here)."""
        chosen = list(self._by_kernel.get(kernel_id, ()) if kernel_id else set().union(*self._by_kernel.values()))
        for connection in chosen:
            connection.websocket_handler.close(code, reason)
        return len(chosen)


class ReaderChannels(ZMQChannelsWebsocketConnection):
    """Jupyter's websocket connection, with :func:`refusal` applied to every message from the page, and
    counted in the kernel manager's :class:`PageConnections` while it is open."""

    def connect(self):
        connected = super().connect()
        if connected is not None:  # None: it failed and has disconnected already
            self.multi_kernel_manager.pages.add(self)
        return connected

    def disconnect(self) -> None:
        self.multi_kernel_manager.pages.discard(self)
        super().disconnect()

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
        if header.get("msg_type") in USED_TYPES:
            self.multi_kernel_manager.used(self.kernel_id)
        super().handle_incoming_message(incoming_msg)

    def handle_outgoing_message(self, stream, outgoing_msg) -> None:
        try:
            _idents, fed = self.session.feed_identities(outgoing_msg)
            header = self.session.unpack(fed[1])
            msg_type = header.get("msg_type")
            if msg_type not in ("error", "stream", "comm_msg", "comm_open", "execute_reply", "kernel_info_reply"):
                super().handle_outgoing_message(stream, outgoing_msg)
                return
            content = self.session.unpack(fed[4])
        except Exception as exc:  # noqa: BLE001 - what cannot be read is not sent
            log.warning("kernel %s: dropped an unreadable message to a page (%s)", self.kernel_id, exc)
            return
        if msg_type in ("error", "stream") and author_only({"output_type": msg_type, **content}):
            log.warning("kernel %s: kept from the page (%s):\n%s", self.kernel_id, msg_type,
                        _error_text(msg_type, content))
            return
        cleaned = self._cleaned(msg_type, content)
        if cleaned is not None:
            # [identities…, delimiter, signature, header, parent, metadata, content, buffers…]: the content is
            # replaced and the message signed again, as the kernel signed it.
            outgoing_msg = list(outgoing_msg)
            at = len(outgoing_msg) - len(fed)
            outgoing_msg[at + 4] = self.session.pack(cleaned)
            outgoing_msg[at] = self.session.sign(outgoing_msg[at + 1:at + 5])
        super().handle_outgoing_message(stream, outgoing_msg)

    def _cleaned(self, msg_type: str, content: dict) -> dict | None:
        """``content`` without tracebacks and stderr (or the offer of subshells), or None when it has none."""
        if msg_type == "kernel_info_reply":
            features = content.get("supported_features")
            if not isinstance(features, list) or SUBSHELLS not in features:
                return None
            return {**content, "supported_features": [f for f in features if f != SUBSHELLS]}
        if msg_type == "execute_reply" and content.get("status") == "error":
            return {**content, "traceback": [], "evalue": "", "ename": "Error"}
        state = (content.get("data") or {}).get("state") if isinstance(content.get("data"), dict) else None
        outputs = state.get("outputs") if isinstance(state, dict) else None
        if not isinstance(outputs, list) or not any(author_only(o) for o in outputs):
            return None
        for output in outputs:
            if author_only(output):
                log.warning("kernel %s: kept from the page (an Output widget's %s):\n%s", self.kernel_id,
                            output.get("output_type"), _error_text(output.get("output_type"), output))
        kept = [o for o in outputs if not author_only(o)]
        return {**content, "data": {**content["data"], "state": {**state, "outputs": kept}}}
