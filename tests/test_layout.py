"""The package's shape, checked: modules a person can read in one sitting, imports
that point one way, and no framework patched from outside.

These are the architecture's rules (docs/architecture in the README's Layout table);
a test keeps them true as the code grows, instead of a reviewer's memory.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from helpers import ROOT

PACKAGE = ROOT / "essaykit"
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    if node.level:
        base = module.split(".")
        if not is_package:
            base = base[:-1]
        base = base[: len(base) - (node.level - 1)]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    names = [f"{target}.{alias.name}" for alias in node.names]
    return [name for name in names if name in MODULES] or ([target] if target in MODULES else [])


def _imports(module: str, path: Path) -> set[str]:
    """Modules of essaykit that ``module`` imports, at the top or inside a function: a
    deferred import still makes the two modules depend on each other."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(sub) for node in ast.walk(tree)
               if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
               for sub in ast.walk(node)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in MODULES)
        elif isinstance(node, ast.ImportFrom):
            found.update(_resolve(module, path.name == "__init__.py", node))
    found.discard(module)
    return found


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_longer_than_a_sitting(module):
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{MODULES[module]} has {lines} lines; split it (limit {MAX_LINES})"


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for dep in graph[node]:
            if dep not in index:
                visit(dep)
                low[node] = min(low[node], low[dep])
            elif dep in on_stack:
                low[node] = min(low[node], index[dep])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_no_import_circles():
    graph = {module: _imports(module, path) for module, path in MODULES.items()}
    # A package's __init__ importing its own children is how a package re-exports;
    # a child importing its package's __init__ back is the circle that matters.
    for module, deps in graph.items():
        graph[module] = {dep for dep in deps if not dep.startswith(module + ".")}
    circles = _circles(graph)
    assert not circles, "modules that import each other: " + "; ".join(" <-> ".join(c) for c in circles)


@pytest.mark.parametrize("pattern", ["find_handler =", "._open_sockets", "window.WebSocket =",
                                     "window.addEventListener ="])
def test_no_framework_is_patched(pattern):
    offenders = [str(path) for folder in (PACKAGE, ROOT / "share")
                 for path in folder.rglob("*") if path.suffix in {".py", ".js", ".j2", ".html"}
                 and pattern in path.read_text(encoding="utf-8", errors="replace")]
    assert not offenders, f"{pattern!r} replaces a framework's method or reads its private state in {offenders}"
