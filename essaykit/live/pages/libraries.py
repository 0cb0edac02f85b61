"""Widget libraries other than ipywidgets and anywidget: which essays use one, so their live page can
load its front end (a JupyterLab extension this server serves) with what that front end needs.

Some libraries' front ends evaluate generated code as they load (jupyter-leaflet builds functions
with ``new Function``), which the server's Content-Security-Policy forbids by default. The page of an
essay whose code imports such a library — a Python distribution that ships an installed widget
library's extension, or directly requires one that does (ipyleaflet requires jupyter_leaflet) — gets
``'unsafe-eval'`` in its ``script-src``; every other page keeps the strict policy.
"""

from __future__ import annotations

import ast
import functools
import re
import sys
from importlib import metadata

# The front-end extensions an essay page loads: the widget manager (and the
# jupyterlab-manager bundle whose shared modules it uses), anywidget, and every
# other installed widget library (see widget_extensions). Everything else
# installed in JupyterLab is left out: fewer bytes, fewer requests.
EXTENSIONS = ["@voila-dashboards/widgets-manager8", "@jupyter-widgets/jupyterlab-manager", "anywidget"]
WIDGET_BASE = "@jupyter-widgets/base"


def widget_libraries(paths: list[str] | None = None) -> dict[str, dict]:
    """The installed lab extensions that are widget libraries (they depend on ``@jupyter-widgets/base``:
    bqplot, ipyleaflet's jupyter-leaflet, …) other than :data:`EXTENSIONS`, found as JupyterLab finds
    them: name → what ``jupyterlab_server`` reads of it (``install`` names the Python package)."""
    from jupyter_core.paths import jupyter_path
    from jupyterlab_server.config import get_federated_extensions

    found = get_federated_extensions(paths if paths is not None else jupyter_path("labextensions"))
    return {name: ext for name, ext in sorted(found.items())
            if WIDGET_BASE in (ext.get("dependencies") or {}) and name not in EXTENSIONS}


def widget_extensions(paths: list[str] | None = None) -> list[str]:
    """:data:`EXTENSIONS` and every installed widget library's extension (:func:`widget_libraries`)."""
    return [*EXTENSIONS, *widget_libraries(paths)]


#: Imports that never bring another widget library's front end (essaykit's bundle draws theirs).
DRAWN_BY_BUNDLE = frozenset({"ipywidgets", "anywidget", "essaykit", "IPython"})


@functools.lru_cache(maxsize=512)
def uses_library(sources: tuple[str, ...]) -> bool:
    """True when code ``sources`` import a module whose distribution brings a widget library's front end.
    Only imports outside the standard library and :data:`DRAWN_BY_BUNDLE` are looked up (and each
    essay's code once: the answer is kept by its sources)."""
    names = {n for source in sources for n in _imported(source)} - DRAWN_BY_BUNDLE - set(sys.stdlib_module_names)
    return any(_brings_library(dist) for name in sorted(names) for dist in _distributions().get(name, ()))


def allow_eval(policy: str) -> str:
    """``policy`` with ``'unsafe-eval'`` added to its ``script-src``."""
    parts = [p.strip() for p in policy.split(";") if p.strip()]
    return "; ".join(f"{p} 'unsafe-eval'" if p.split()[0] == "script-src" else p for p in parts)


@functools.lru_cache(maxsize=1)
def _distributions() -> dict[str, list[str]]:
    # Every installed distribution's import names, read once per process and only for an essay that
    # imports something besides the standard library and ipywidgets.
    return metadata.packages_distributions()


@functools.lru_cache(maxsize=1)
def _installed_libraries() -> frozenset[str]:
    return frozenset(widget_libraries())


@functools.lru_cache(maxsize=256)
def _brings_library(dist_name: str, depth: int = 0) -> bool:
    """True when ``dist_name`` ships a widget library's extension (share/jupyter/labextensions/NAME), or
    (one level down) requires a distribution that does."""
    try:
        dist = metadata.distribution(dist_name)
    except metadata.PackageNotFoundError:
        return False
    libraries = _installed_libraries()
    for file in dist.files or ():
        parts = file.parts
        if "labextensions" in parts and parts[-1] == "package.json":
            name = "/".join(parts[parts.index("labextensions") + 1:-1])
            if name in libraries:
                return True
    if depth:
        return False
    required = {re.split(r"[\s;<>=!~\[(]", r, maxsplit=1)[0] for r in dist.requires or () if "extra ==" not in r}
    return any(_brings_library(r, 1) for r in sorted(required))


def _imported(source: str) -> set[str]:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):  # IPython magics and the like: no import is read from it
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names
