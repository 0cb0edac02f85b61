"""The built widget bundle: ipywidgets' own HTML manager and stylesheets, under
``share/jupyter/essaykit/widgets/`` (built by ``./dev widgets-bundle`` from ``widgets-bundle/``).

Its files carry a hash of their bytes in their names; ``widgets.json`` names them:
``js`` (the script, which defines ``window.essaykitWidgets``), ``controls`` (ipywidgets'
controls stylesheet), ``icons`` (Font Awesome 5 with its version 4 names) and ``fonts``.
A static page with drawn widgets inlines the controls stylesheet, and the icons with their
fonts embedded only when a widget shows an icon (see :func:`page_css`).
"""

from __future__ import annotations

import base64
import functools
import json
import re
from pathlib import Path

from ..errors import ExportError
from .paths import share_dir

# A drawn widget's wrapper, and an icon inside one (ipywidgets writes icons as "fa fa-NAME").
DRAWN = re.compile(r'<div class="ek-widget" data-ek-widget="')
ICON = re.compile(r'<i class="fa fa-')
# The icons' fonts a static page embeds: solid and regular (the brands font is left out; brand icons
# stay blank on static pages, where 77 KB for a logo is not worth it).
_EMBEDDED_FONTS = ("fa-solid-900.woff2", "fa-regular-400.woff2")
_FONT_URL = re.compile(r"""url\(["']?\./([\w.-]+\.woff2)["']?\)""")


def bundle_dir() -> Path:
    return share_dir() / "essaykit" / "widgets"


@functools.cache
def manifest() -> dict:
    """``widgets.json``: the hashed names of the bundle's files."""
    path = bundle_dir() / "widgets.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ExportError(f"essaykit's widget bundle is missing or broken ({path}: {exc}); "
                          "reinstall essaykit, or rebuild it with ./dev widgets-bundle") from None


def _text(key: str) -> str:
    return (bundle_dir() / manifest()[key]).read_text(encoding="utf-8")


@functools.cache
def controls_css() -> str:
    return _text("controls")


@functools.cache
def icons_css_embedded() -> str:
    """The icons' stylesheet with the solid and regular fonts as ``data:`` URLs (and no brands font)."""
    fonts = {hashed: plain for plain, hashed in manifest()["fonts"].items()}

    def embed(m: re.Match) -> str:
        if fonts.get(m.group(1)) not in _EMBEDDED_FONTS:
            return 'local("Font Awesome 5 Brands")'
        data = base64.b64encode((bundle_dir() / m.group(1)).read_bytes()).decode("ascii")
        return f"url(data:font/woff2;base64,{data})"

    return _FONT_URL.sub(embed, _text("icons"))


def theme_css() -> str:
    """The page's colours and type for ipywidgets (``widgets.css``, through their CSS variables)."""
    from . import asset

    return asset("widgets.css")


def page_css(body: str) -> str:
    """The widget stylesheets a static page with ``body`` needs ("" when it draws no widget)."""
    drawn = bool(DRAWN.search(body))
    return page_css_of(drawn, drawn and bool(ICON.search(body)))


def page_css_of(drawn: bool, icons: bool) -> str:
    """The widget stylesheets of a page that ``drawn`` widgets (``icons``: one of them shows an icon)."""
    if not drawn:
        return ""
    return theme_css() + "\n" + controls_css() + ("\n" + icons_css_embedded() if icons else "")


@functools.cache
def script_text() -> str:
    """The bundle's script, for a page that inlines it (a lone static page)."""
    from . import inline

    return inline(_text("js"), "script")


def script_files() -> dict[str, bytes]:
    """The bundle's script as a site serves it: the file and its gzip beside it (for nginx's
    ``gzip_static``), by name."""
    import gzip

    name = manifest()["js"]
    data = (bundle_dir() / name).read_bytes()
    return {name: data, f"{name}.gz": gzip.compress(data, compresslevel=9, mtime=0)}
