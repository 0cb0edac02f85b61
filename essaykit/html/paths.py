"""Where essaykit's data files (templates, CSS, JS) live.

They ship the Jupyter way under ``share/jupyter/``. In a source checkout they
sit beside the package; after ``pip install`` under ``sys.prefix``.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from ..errors import ExportError


@functools.cache
def share_dir() -> Path:
    """The ``share/jupyter`` folder that holds essaykit's templates."""
    candidates = [Path(__file__).resolve().parents[2] / "share" / "jupyter", Path(sys.prefix) / "share" / "jupyter"]
    try:
        from jupyter_core.paths import jupyter_path

        candidates += [Path(p) for p in jupyter_path()]
    except ImportError:
        pass
    for base in candidates:
        if (base / "nbconvert" / "templates" / "essay" / "conf.json").is_file():
            return base
    raise ExportError(
        "essaykit's templates are not installed (looked for nbconvert/templates/essay in "
        + ", ".join(str(c) for c in candidates) + "); reinstall with `pip install essaykit`"
    )


def nbconvert_templates() -> Path:
    return share_dir() / "nbconvert" / "templates"


def essay_template_dir() -> Path:
    """The static export's template: ``index.html.j2``, ``macros.html.j2``, ``essay.css`` …"""
    return nbconvert_templates() / "essay"


def voila_template_dir() -> Path:
    """The live page's Voilà template: its ``index.html.j2``, ``live.css``, the site's own pages."""
    return share_dir() / "voila" / "templates" / "essay"
