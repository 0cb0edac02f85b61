"""Front-end source for essaykit's anywidgets.

anywidget loads each widget's ESM as one module with no relative imports, so
the helpers every widget needs (``_common.js``) are prepended here instead of
being copied into each file.
"""

from __future__ import annotations

import pathlib

_HERE = pathlib.Path(__file__).parent


def esm(name: str) -> str:
    """The ESM source of widget file ``name`` with the shared helpers in front."""
    common = (_HERE / "_common.js").read_text(encoding="utf-8")
    return common + "\n" + (_HERE / name).read_text(encoding="utf-8")
