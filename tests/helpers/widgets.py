"""Driving a widget in the kernel as its front end would, and reading its static twin."""

from __future__ import annotations

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def front_end(widget, method: str, payload) -> None:
    """Deliver a comm message the way the widget's browser side would (``update`` carries state)."""
    data = {"method": method, "state" if method == "update" else "content": payload}
    widget._handle_msg({"content": {"data": data}, "buffers": []})


def invoke(widget, name: str, msg, request: str = "request-1"):
    """Call a widget's command as anywidget's ``experimental.invoke`` does; the answer it sends back.
    The widget's ``send`` must record into ``widget.sent``."""
    front_end(widget, "custom", {"id": request, "kind": "anywidget-command", "name": name, "msg": msg})
    reply = widget.sent[-1]
    assert (reply["kind"], reply["id"]) == ("anywidget-command-response", request), reply
    return reply["response"]


def twin(widget) -> str:
    """The widget's static twin: the HTML a page without a kernel shows."""
    data, _ = widget._repr_mimebundle_()
    return data["text/html"]
