"""Front-end source for essaykit's anywidgets.

anywidget loads each widget's ESM as one module with no relative imports, so
the helpers every widget needs (``_common.js``) are prepended here instead of
being copied into each file. Likewise each widget's CSS is the shared
vocabulary's ``components.css`` (spoilers, stars, buttons, comment threads)
followed by the widget's own few rules: nothing is copied or sliced.
"""

from __future__ import annotations

import pathlib

_HERE = pathlib.Path(__file__).parent
#: Files a widget's module is made of besides its own, put before it (a module under 400 lines each).
PARTS = {"comments.js": ("yours.js", "transports.js")}


def esm(name: str) -> str:
    """The ESM source of widget file ``name`` with the shared helpers (and its ``PARTS``) in front."""
    files = ("_common.js", *PARTS.get(name, ()), name)
    return "\n".join((_HERE / f).read_text(encoding="utf-8") for f in files)


def css(name: str | None = None) -> str:
    """The shared components' CSS, then widget file ``name``'s own rules (if any)."""
    from ..html import components_css

    own = (_HERE / name).read_text(encoding="utf-8") if name else ""
    return components_css() + "\n" + own
