"""Argument checks shared by the widgets.

Every refusal is a :class:`essaykit.errors.WidgetError` (a ``ValueError``)
that names the widget, the parameter and the bad value, and says what to pass
instead. Long values are quoted shortened, with their length, so a 10 KB
label does not become a 10 KB error message.
"""

from __future__ import annotations

import re

from ..errors import WidgetError

MAX_LABEL_CHARS = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def quote(value: object, limit: int = 40) -> str:
    """``repr(value)``, shortened to about ``limit`` characters with its length noted."""
    text = repr(value)
    if len(text) <= limit:
        return text
    size = f" ({len(value)} characters)" if isinstance(value, str) else ""
    return f"{text[:limit]}…{size}"


def check_label(widget: str, label: object, parameter: str = "label") -> str:
    """A one-line, non-empty label of at most ``MAX_LABEL_CHARS`` characters."""
    if not isinstance(label, str):
        raise WidgetError(f"{widget}({parameter}={quote(label)}): the {parameter} must be text, such as "
                          f"{parameter}='Spoiler'", parameter)
    text = label.strip()
    if not text:
        raise WidgetError(f"{widget}({parameter}={quote(label)}): the {parameter} is empty; give a short "
                          f"text such as {parameter}='Spoiler: the ending'", parameter)
    if len(text) > MAX_LABEL_CHARS:
        raise WidgetError(f"{widget}({parameter}={quote(label)}): the {parameter} is longer than "
                          f"{MAX_LABEL_CHARS} characters; shorten it", parameter)
    if _CONTROL.search(text):
        raise WidgetError(f"{widget}({parameter}={quote(label)}): the {parameter} must be one line without "
                          "control characters", parameter)
    return text
