"""Comments with no header: a loose run of paragraphs after the article, split into one comment per signed group of
paragraphs (or one per paragraph where none is signed), unless button rows already part the comments."""

from __future__ import annotations

from . import leftovers as lo
from .text_patterns import _Draft


def split_loose(drafts: list[_Draft]) -> list[_Draft]:
    """A loose run of paragraphs is one comment per signed paragraph group (or per paragraph, unsigned)."""
    if any(d.closed for d in drafts):
        return drafts  # "Reply" rows already separate the comments
    out: list[_Draft] = []
    for d in drafts:
        if not d.loose or "" not in d.lines:
            out.append(d)
            continue
        paras: list[tuple[list[str], list[int]]] = [([], [])]
        for line, number in zip(d.lines, d.numbers):
            if line == "":
                paras.append(([], []))
            else:
                paras[-1][0].append(line)
                paras[-1][1].append(number)
        any_signed = any(lo.signature(p) for p, _ in paras[:-1])
        group = _Draft(first=d.first, depth=d.depth, loose=True, date=d.date, author=d.author, author_how=d.author_how)
        for k, (lines, numbers) in enumerate(paras):
            for line, number in zip(lines, numbers):
                group.add(number, line, line is lines[0] and group.has_text)
            if not any_signed or lo.signature(lines) or k == len(paras) - 1:
                out.append(group)
                group = _Draft(first=numbers[-1] + 1 if numbers else d.first, depth=d.depth, loose=True)
        if group.has_text:
            out.append(group)
    return out
