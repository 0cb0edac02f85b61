"""Every package essaykit imports is declared in pyproject.toml, and the Jupyter stack is bounded.

An import that works only because another dependency happens to pull its
package in breaks the day that dependency stops doing so; a framework essaykit
subclasses, upgraded across a major version, breaks it silently.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "essaykit"
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _declared(requirements) -> dict[str, str]:
    return {_normal(_NAME.match(r).group(1)): r for r in requirements}


def _imported() -> dict[str, list[str]]:
    """Top-level module name -> the files that import it (absolute imports only, stdlib left out)."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top != "essaykit" and top not in sys.stdlib_module_names:
                    found.setdefault(top, []).append(str(path.relative_to(ROOT)))
    return found


def test_every_third_party_import_is_declared():
    declared = _declared(_project()["dependencies"])
    optional = {_normal(_NAME.match(r).group(1))
                for extra in _project().get("optional-dependencies", {}).values() for r in extra}
    providers = importlib.metadata.packages_distributions()
    missing = {}
    for module, files in _imported().items():
        distributions = {_normal(d) for d in providers.get(module, [module])}
        if not distributions & (set(declared) | optional):
            missing[module] = sorted(set(files))[:3]
    assert not missing, f"imported but not declared in pyproject.toml's dependencies: {missing}"


def test_the_frameworks_essaykit_subclasses_are_bounded_below_their_next_major():
    declared = _declared(_project()["dependencies"])
    for name in ("voila", "jupyter-server", "nbconvert", "ipywidgets"):
        assert name in declared, f"{name} must be declared"
        requirement = declared[name]
        assert ">=" in requirement and "<" in requirement.replace("<=", ""), \
            f"{requirement!r}: give the lowest version tested and an upper bound below the next major"
        upper = re.search(r"<\s*([0-9.]+)", requirement).group(1)
        installed = importlib.metadata.version(name)
        assert tuple(int(p) for p in installed.split(".")[:2]) < tuple(int(p) for p in upper.split(".")[:2]), \
            f"{name} {installed} is installed, outside {requirement!r}: the suite would test an undeclared range"
