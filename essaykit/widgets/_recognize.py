"""Which code cells only show essaykit's own widgets, read without running them.

Cells such as::

    from essaykit import CommentSection
    CommentSection()

    from essaykit import Spoiler
    from IPython.display import HTML
    label = "The ending"
    Spoiler(HTML("<em>Rosebud</em> was the sled."), label=label)

need no Python to show: the server renders the thread, the form, the stars or
the spoiler's static twin itself, and readers use them over the HTTP API (a
spoiler needs no server at all). :func:`own_widget` recognises such a cell
from its source. It may hold

* imports (of essaykit's widgets, of ``HTML``/``Markdown``/``display`` from
  ``IPython.display``, and of anything else: an import shows nothing),
* assignments of literals, or of an essaykit widget, to plain names,
* calls of ``CommentSection``, ``Rating`` or ``Spoiler`` with literal
  arguments (a ``Spoiler`` hides Markdown text, or ``HTML("…")`` /
  ``Markdown("…")`` of a literal), shown as the cell's last expression or
  through ``display(...)``.

Anything else, or anything it is unsure of (a custom ``store=``, a variable
from another cell, a plot or a slider inside a spoiler), is left to the kernel,
as before. :func:`essay_widgets` also leaves to the kernel a cell whose widget
a later live cell uses by name.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

OWN = ("CommentSection", "Rating", "Spoiler")
_ALLOWED = {
    "CommentSection": ({"essay", "per_page", "live_url"}, ("essay",)),
    "Rating": ({"value", "scale", "essay"}, ("value", "scale", "essay")),
    "Spoiler": ({"content", "label"}, ("content", "label")),
}
_WRAPPERS = ("HTML", "Markdown")  # IPython.display's text wrappers a Spoiler may hide


@dataclass(frozen=True)
class WidgetCall:
    """``name`` is ``CommentSection``, ``Rating`` or ``Spoiler``; ``args`` its arguments by keyword.

    A Spoiler cell's ``args["spoilers"]`` lists what it shows, in order, as ``(label, kind, text)`` with
    ``kind`` "markdown" or "html". ``binds`` names the variables the cell binds to a widget."""

    name: str
    args: dict = field(default_factory=dict)
    binds: frozenset = frozenset()


class _NotOurs(Exception):
    """The cell does something besides showing essaykit's widgets."""


class _Reader:
    """Walks one cell's statements, keeping what each name stands for."""

    def __init__(self, slug: str):
        self.slug = slug
        self.names: dict[str, tuple] = {"display": ("display",)}  # IPython's builtin display()
        self.shown: list[WidgetCall] = []
        self.binds: set[str] = set()

    def statement(self, node: ast.stmt, last: bool, silenced: bool) -> None:
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                local = alias.asname or alias.name
                if alias.name == "*":
                    raise _NotOurs
                if node.level == 0 and node.module == "essaykit" and alias.name in OWN:
                    self.names[local] = ("own", alias.name)
                elif node.level == 0 and node.module == "IPython.display" and alias.name in _WRAPPERS:
                    self.names[local] = ("wrapper", alias.name)
                elif node.level == 0 and node.module == "IPython.display" and alias.name == "display":
                    self.names[local] = ("display",)
                else:
                    self.names[local] = ("opaque",)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.split(".")[0]
                self.names[local] = ("essaykit",) if alias.name == "essaykit" and not alias.asname else ("opaque",)
        elif isinstance(node, ast.Assign):
            if len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name):
                raise _NotOurs
            target = node.targets[0].id
            widget = self.widget(node.value)
            if widget is not None:
                self.names[target] = ("widget", widget)
                self.binds.add(target)
            else:
                self.names[target] = ("literal", self.literal(node.value))
        elif isinstance(node, ast.Expr):
            value = node.value
            if self._is_display(value):
                widgets = [self.widget(a) for a in value.args]
                if value.keywords or not widgets or None in widgets:
                    raise _NotOurs
                self.shown.extend(widgets)
                return
            widget = self.widget(value)
            if widget is None:
                raise _NotOurs  # a bare expression would show itself, or call something unknown
            if last and not silenced:
                self.shown.append(widget)
        else:
            raise _NotOurs

    def _is_display(self, node: ast.expr) -> bool:
        return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and self.names.get(node.func.id) == ("display",))

    def widget(self, node: ast.expr) -> WidgetCall | None:
        """The essaykit widget ``node`` makes (a call, or a name bound to one), else None."""
        if isinstance(node, ast.Name):
            meaning = self.names.get(node.id)
            return meaning[1] if meaning and meaning[0] == "widget" else None
        if not isinstance(node, ast.Call):
            return None
        func, name = node.func, None
        if isinstance(func, ast.Name) and (self.names.get(func.id) or ("",))[0] == "own":
            name = self.names[func.id][1]
        elif (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.attr in OWN
              and self.names.get(func.value.id) == ("essaykit",)):
            name = func.attr
        if name is None:
            return None
        allowed, positional = _ALLOWED[name]
        if len(node.args) > len(positional) or any(isinstance(a, ast.Starred) for a in node.args):
            raise _NotOurs
        args = {positional[i]: self.argument(name, positional[i], a) for i, a in enumerate(node.args)}
        for keyword in node.keywords:
            if keyword.arg not in allowed or keyword.arg in args:
                raise _NotOurs
            args[keyword.arg] = self.argument(name, keyword.arg, keyword.value)
        return _checked(name, args, self.slug)

    def argument(self, widget: str, name: str, node: ast.expr):
        if widget == "Spoiler" and name == "content":
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords \
                    and len(node.args) == 1 and (self.names.get(node.func.id) or ("",))[0] == "wrapper":
                text = self.literal(node.args[0])
                if not isinstance(text, str):
                    raise _NotOurs
                return ("html" if self.names[node.func.id][1] == "HTML" else "markdown", text)
            text = self.literal(node)
            if not isinstance(text, str):
                raise _NotOurs  # a plot, a number, a widget: the kernel shows it
            return ("markdown", text)
        return self.literal(node)

    def literal(self, node: ast.expr):
        if isinstance(node, ast.Name):
            meaning = self.names.get(node.id)
            if meaning and meaning[0] == "literal":
                return meaning[1]
            raise _NotOurs
        try:
            return ast.literal_eval(node)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            raise _NotOurs from None


def own_widget(source: str, slug: str) -> WidgetCall | None:
    """The essaykit widget(s) this cell only shows, or None when the cell does anything else."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    reader = _Reader(slug)
    body = list(tree.body)
    silenced = source.rstrip().endswith(";")  # Jupyter shows nothing for a last line ending in ";"
    try:
        for n, statement in enumerate(body):
            reader.statement(statement, last=n == len(body) - 1, silenced=silenced)
    except (_NotOurs, RecursionError):
        return None
    shown = reader.shown
    binds = frozenset(reader.binds)
    if len(shown) == 1 and shown[0].name != "Spoiler":
        return WidgetCall(shown[0].name, shown[0].args, binds)
    if shown and all(call.name == "Spoiler" for call in shown):
        return WidgetCall("Spoiler", {"spoilers": tuple(s for call in shown for s in call.args["spoilers"])}, binds)
    return None


def _checked(name: str, args: dict, slug: str) -> WidgetCall:
    """The call, when the widget itself would accept these arguments; a bad one is left to the kernel's
    clear error."""
    from ..errors import WidgetError

    try:
        if name == "Spoiler":
            from ._args import check_label

            if "content" not in args:
                raise _NotOurs
            kind, text = args["content"]
            if not text.strip():
                raise _NotOurs
            return WidgetCall(name, {"spoilers": ((check_label("Spoiler", args.get("label", "Spoiler")), kind, text),)})
        if args.get("essay", slug) != slug:
            raise _NotOurs
        if name == "Rating":
            from .rating import check_scale, check_value

            check_value(args.get("value"), check_scale(args.get("scale", 5)))
        else:
            from .comments import check_per_page

            check_per_page(args.get("per_page", 50))
            if not isinstance(args.get("live_url", ""), str):
                raise _NotOurs
    except (WidgetError, TypeError, ValueError):
        raise _NotOurs from None
    return WidgetCall(name, args)


def _loads(source: str) -> set[str]:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def essay_widgets(essay) -> dict[int, WidgetCall]:
    """Cell index → the essaykit widget(s) that cell only shows, for every such cell of ``essay``.

    A cell whose widget a later code cell uses by name (``s = Spoiler(…)``, then ``s.reveal()``) is
    left to the kernel with that cell."""
    from ..essay import CodeBlock

    cells = [b for b in essay.blocks if isinstance(b, CodeBlock) and b.source.strip()]
    found = {}
    for block in cells:
        call = own_widget(block.source, essay.meta.slug)
        if call is not None:
            found[block.cell_index] = call
    changed = True
    while changed:
        changed = False
        for block in cells:
            if block.cell_index in found:
                continue
            used = _loads(block.source)
            for index in [i for i, call in found.items() if i < block.cell_index and call.binds & used]:
                del found[index]
                changed = True
    return found


def needs_kernel(essay) -> bool:
    """True when some code cell does more than show essaykit's own widgets."""
    from ..essay import CodeBlock

    own = essay_widgets(essay)
    return any(isinstance(b, CodeBlock) and b.source.strip() and b.cell_index not in own for b in essay.blocks)
