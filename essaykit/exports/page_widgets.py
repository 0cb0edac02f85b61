"""The saved widgets of a static page come to life where the page runs JavaScript.

The server draws every widget from the notebook's saved state (:mod:`essaykit.html.widget_state`);
that drawing is the page without JavaScript. With JavaScript, ipywidgets' own HTML manager, from
essaykit's one widget bundle, makes the models from the same saved state and puts its views in place
of the drawings: what needs no kernel works (sliders move, ``jslink``/``jsdlink`` follow, Tab and
Accordion switch); a widget whose library the bundle does not carry keeps its drawing.

A lone page inlines the bundle (the page stays one file that opens offline); a site's pages share
its file, ``essaykit/widgets/widgets.HASH.js`` with a gzip beside it, the same path under which
``essaykit serve`` sends it cached for a year. The page's Content-Security-Policy allows its own
inline scripts by hash, the site's file by ``'self'``, and no other script.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from .._files import write_atomic
from ..html import widget_bundle
from ..html.widget_state import WidgetState

BUNDLE_DIR = "essaykit/widgets"
# The attribute the bundle looks for on its own script element to start (widgets-bundle/src/index.js).
_BOOT = "data-ek-saved"
# Inline scripts a browser runs: no src, and no type or a JavaScript one (data blocks are not run).
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_RUNS = {"", "text/javascript", "module", "application/javascript"}
_HEAD = re.compile(r"<meta charset=[^>]*>", re.I)
# The models a static page's manager makes: ipywidgets' own. Any other library's (essaykit's anywidgets
# among them: a moderation queue's pending comments) stays off the page, drawn by the server or not at all.
STATIC_MODULES = frozenset({"@jupyter-widgets/base", "@jupyter-widgets/controls", "@jupyter-widgets/output"})
_LOADS_BUNDLE = re.compile(rf"<script\b[^>]*\s{_BOOT}[\s>]")


def loads_bundle(page: str) -> bool:
    """Does ``page`` carry the widget bundle (inline or as the site's file)?"""
    return bool(_LOADS_BUNDLE.search(page))


def widget_scripts(essay, *, drawn: bool, root: str | None = None) -> str:
    """The saved state and the bundle for a page whose body ``drawn`` widgets ("" when it draws none).
    ``root`` is the way to a site's top, whose ``essaykit/widgets/`` holds the bundle (see
    :func:`write_bundle`); None inlines the bundle."""
    state = WidgetState.from_notebook(essay.notebook)
    if not state or not drawn:
        return ""
    if root is None:
        bundle = f"<script {_BOOT}>{widget_bundle.script_text()}</script>"
    else:
        bundle = f'<script src="{root}{BUNDLE_DIR}/{widget_bundle.manifest()["js"]}" {_BOOT} defer></script>'
    return state.script(STATIC_MODULES) + "\n" + bundle


def write_bundle(site_dir: Path) -> None:
    """Put the bundle's script (and its gzip) under the site's ``essaykit/widgets/``, once."""
    folder = site_dir / BUNDLE_DIR
    for name, data in widget_bundle.script_files().items():
        if not (folder / name).is_file():
            folder.mkdir(parents=True, exist_ok=True)
            write_atomic(folder / name, data)


def with_script_policy(page: str) -> str:
    """``page`` with a Content-Security-Policy that runs its own inline scripts (by hash) and, when it
    loads any, the site's files, and nothing else, when it carries the widget bundle (else unchanged)."""
    if not loads_bundle(page):
        return page
    sources = {}
    for attrs, text in _SCRIPT.findall(page):
        kind = _TYPE.search(attrs)
        if "src=" in attrs.lower():
            sources["'self'"] = True  # a site's own file (the page names no other origin's)
        elif (kind.group(1).lower() if kind else "") in _RUNS:
            digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
            sources[f"'sha256-{digest}'"] = True
    sources = " ".join(sorted(sources, key=lambda source: source != "'self'"))
    policy = f"script-src {sources}; object-src 'none'; base-uri 'none'"
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return _HEAD.sub(lambda m: m.group(0) + "\n" + meta, page, count=1)
