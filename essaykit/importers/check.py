"""What `essaykit check` adds to the essay model's checks: blog-page leftovers in an essay's own cells.

Text copied from a blog (a comment form's "Fill in your details below", a
"Pingback:" line, readers' signed comments at the end) is usable but almost
never meant; each becomes a warning naming the cell. The patterns are the
importers' (:mod:`.leftovers`), so the checker (`essaykit check`, the
JupyterLab check route) asks here rather than the model asking up.
"""

from __future__ import annotations

import os

from ..essay import Problem, cell_source
from .leftovers import bullet, pingback, plain_lines, signed, strong_boilerplate


def leftover_problems(data: dict, path: str | os.PathLike) -> list[Problem]:
    """Warnings (:class:`~essaykit.essay.Problem` with ``warning=True``) for the markdown cells of the
    in-memory notebook ``data`` that look like leftovers of a blog page; ``path`` names it."""
    cells = data.get("cells") or []
    markdown = [(i + 1, cell_source(c)) for i, c in enumerate(cells) if isinstance(c, dict) and c.get("cell_type") == "markdown"]
    return [Problem(str(path), message, cell, warning=True) for cell, message in leftover_warnings(markdown)]


def leftover_warnings(cells: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(cell number, message) for markdown cells that look like leftovers of a blog page.

    ``cells`` are (cell number, markdown source). Warned about: comment-form
    and sharing boilerplate lines, "Pingback:"/"Trackback:" lines, and a run
    of signed messages at the end of the essay.
    """
    warnings: list[tuple[int, str]] = []
    for number, source in cells:
        for line in plain_lines(source):
            if pingback(line):
                warnings.append((number, f"{line[:60]!r} looks like a pingback left over from a blog page; "
                                         "delete it, or import the page again so it becomes a mention"))
                break
            if strong_boilerplate(line):
                warnings.append((number, f"{line[:60]!r} looks like blog page boilerplate (comment form, share "
                                         "or login buttons); delete the line if it is not part of the essay"))
                break
    signed_at_end: list[int] = []  # cell numbers of the signed messages that end the essay
    for number, source in reversed(cells):
        if source.lstrip().startswith(">"):
            break  # a quotation with its attribution ("— Roger Ebert") is the essay's own
        items = _items(plain_lines(source))
        while items and len(" ".join(items[-1])) <= 1500 and signed(items[-1]):
            signed_at_end.append(number)
            items.pop()
        if items:
            break
    if len(signed_at_end) >= 2:
        first, last = min(signed_at_end), max(signed_at_end)
        where = f"cell {first}" if first == last else f"cells {first} to {last}"
        warnings.append((first, f"{where} end the essay with {len(signed_at_end)} signed messages that look like "
                                "readers' comments; import the page again so they go to the comment store, "
                                "or delete them"))
    return warnings


def _items(lines: list[str]) -> list[list[str]]:
    """Lines split into list items (a bullet starts one); lines without bullets are one item."""
    items: list[list[str]] = []
    for line in lines:
        found = bullet(line)
        if found is not None:
            items.append([found[1]])
        elif items:
            items[-1].append(line)
        else:
            items.append([line])
    return items
