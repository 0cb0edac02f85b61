"""What ``Rating()`` and ``CommentSection()`` show when no one can tell which essay they belong to.

Stock tools (``jupyter nbconvert --execute``, papermill, stock Voilà) run an
essay without telling the kernel its slug, and with several notebooks in the
folder :func:`essaykit.current_slug` cannot guess. Rather than stop the run,
the widget shows its static twin as far as it can be drawn without the
comment store, and one line on how to fix it.
"""

from __future__ import annotations

import html
import logging

log = logging.getLogger("essaykit.widgets")


def how_to_fix(widget: str) -> str:
    return (f"essaykit cannot tell which essay this is: pass {widget}(essay=\"your-slug\"), set ESSAYKIT_SLUG, "
            "or run it with essaykit export / essaykit serve.")


class Detached:
    """A displayable stand-in: the static twin (``twin_html``) and the fix, as HTML and as text."""

    def __init__(self, widget: str, twin_html: str, reason: str):
        self.widget = widget
        self.twin_html = twin_html
        self.reason = reason
        log.warning("%s() shown without live data: %s", widget, reason)

    def _repr_mimebundle_(self, include=None, exclude=None):
        note = f'<p class="ek-widget-note ek-detached-note">{html.escape(how_to_fix(self.widget))}</p>'
        return {"text/html": self.twin_html + note, "text/plain": f"{self.widget}: {how_to_fix(self.widget)}"}

    def __repr__(self) -> str:
        return f"<{self.widget} without an essay: {how_to_fix(self.widget)}>"


def unknown_essay() -> str | None:
    """Why no slug can be found for this kernel, or None when one can."""
    from ..errors import EssayError
    from ..essay import current_slug

    try:
        current_slug()
    except EssayError as exc:
        return str(exc)
    return None
