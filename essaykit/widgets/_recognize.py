"""Which code cells are only essaykit's own comment or rating widget, read without running them.

A cell such as::

    from essaykit import CommentSection
    CommentSection()

needs no Python to show: the server renders the thread and the form itself
and readers use them over the HTTP API. :func:`own_widget` recognises such a
cell from its source (imports of essaykit, then one call of
``CommentSection`` or ``Rating`` with literal arguments). Anything else, or
anything it is unsure of (a custom ``store=``, a variable argument), is left
to the kernel, as before.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

OWN = ("CommentSection", "Rating")
_ALLOWED = {
    "CommentSection": ({"essay", "per_page", "live_url"}, ("essay",)),
    "Rating": ({"value", "scale", "essay"}, ("value", "scale", "essay")),
}


@dataclass(frozen=True)
class WidgetCall:
    """``name`` is ``CommentSection`` or ``Rating``; ``args`` its arguments by keyword."""

    name: str
    args: dict = field(default_factory=dict)


def own_widget(source: str, slug: str) -> WidgetCall | None:
    """The essaykit widget this cell only shows, or None when the cell does anything else."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    body = list(tree.body)
    if not body or not isinstance(body[-1], ast.Expr) or not isinstance(body[-1].value, ast.Call):
        return None
    names: set[str] = set()
    for statement in body[:-1]:
        if isinstance(statement, ast.ImportFrom) and statement.module == "essaykit" and statement.level == 0:
            names.update(alias.asname or alias.name for alias in statement.names if alias.name in OWN)
        elif isinstance(statement, ast.Import) and all(a.name == "essaykit" and not a.asname for a in statement.names):
            names.add("essaykit")
        else:
            return None
    call = body[-1].value
    if isinstance(call.func, ast.Name) and call.func.id in names:
        name = _original(body[:-1], call.func.id)
    elif (isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name)
          and call.func.value.id == "essaykit" and "essaykit" in names and call.func.attr in OWN):
        name = call.func.attr
    else:
        return None
    allowed, positional = _ALLOWED[name]
    if len(call.args) > len(positional):
        return None
    try:
        args = {positional[i]: ast.literal_eval(a) for i, a in enumerate(call.args)}
        for keyword in call.keywords:
            if keyword.arg not in allowed or keyword.arg in args:
                return None
            args[keyword.arg] = ast.literal_eval(keyword.value)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    if args.get("essay", slug) != slug:
        return None
    return WidgetCall(name, args) if _valid(name, args) else None


def _original(imports, local: str) -> str:
    for statement in imports:
        if isinstance(statement, ast.ImportFrom):
            for alias in statement.names:
                if (alias.asname or alias.name) == local:
                    return alias.name
    return local


def _valid(name: str, args: dict) -> bool:
    """Only arguments the widget itself would accept; a bad one is left to the kernel's clear error."""
    from ..errors import WidgetError

    try:
        if name == "Rating":
            from .rating import check_scale, check_value

            check_value(args.get("value"), check_scale(args.get("scale", 5)))
        else:
            from .comments import check_per_page

            check_per_page(args.get("per_page", 50))
            if not isinstance(args.get("live_url", ""), str):
                return False
    except WidgetError:
        return False
    return True


def essay_widgets(essay) -> dict[int, WidgetCall]:
    """Cell index → the essaykit widget that cell only shows, for every such cell of ``essay``."""
    from ..essay import CodeBlock

    found = {}
    for block in essay.blocks:
        if isinstance(block, CodeBlock) and block.source.strip():
            call = own_widget(block.source, essay.meta.slug)
            if call is not None:
                found[block.cell_index] = call
    return found


def needs_kernel(essay) -> bool:
    """True when some code cell does more than show essaykit's own comment or rating widget."""
    from ..essay import CodeBlock

    own = essay_widgets(essay)
    return any(isinstance(b, CodeBlock) and b.source.strip() and b.cell_index not in own for b in essay.blocks)
