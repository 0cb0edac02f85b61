"""The essay model: typed metadata, the blocks in order, and what is wrong with them.

:mod:`essaykit.essay.read` fills it from a notebook; text blocks render their
Markdown through :func:`essaykit.markdown.render_markdown`, with footnotes
numbered across the essay.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..markdown import Footnote, Footnotes, Heading, headings, plain_text, render_markdown
from ..names import ENV_MAX_NOTEBOOK_MB

if TYPE_CHECKING:
    from .reviewed import Reviewed

DEFAULT_SPOILER_LABEL = "Spoilers ahead: reveal"
SPOILER_TAG = "spoiler"
MAX_NOTEBOOK_BYTES = int(os.environ.get(ENV_MAX_NOTEBOOK_MB, "10")) * 1024 * 1024
MAX_LABEL_CHARS = 200
WORDS_PER_MINUTE = 200
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an essay. ``cell`` counts from 1, as people do."""

    path: str
    message: str
    cell: int | None = None
    warning: bool = False  # suspicious but usable: `essaykit check` prints it and still exits 0
    field: str | None = None  # the ``essay`` metadata field at fault, e.g. "slug"
    not_an_essay: bool = False  # no essay metadata at all (a scratch or ModerationQueue notebook): skipped

    def __str__(self) -> str:
        where = f"{self.path}:cell {self.cell}" if self.cell is not None else self.path
        return f"{where}: {'warning: ' if self.warning else ''}{self.message}"


def cell_raised(ename: object, evalue: object, outputs=(), folder: Path | None = None) -> str:
    """What a cell raised, for its author: ``Name: value``.

    IPython's reply names nothing (``NoneType: None``) when the error came while it displayed the cell's
    result, as ``Image("chart.png")`` does for a missing file: the cell's error output has it. A missing
    file also says where a relative path is looked for (the kernel runs in the notebook's folder)."""
    if ename in (None, "NoneType"):
        shown = [o for o in outputs if isinstance(o, dict) and o.get("output_type") == "error"]
        if shown:
            ename, evalue = shown[-1].get("ename"), shown[-1].get("evalue")
    said = f"{ename}: {evalue}"
    if ename == "FileNotFoundError" and folder is not None:
        said += f" (a relative path is read from the notebook's folder, {folder}: put the file there or correct the path)"
    return said


@dataclass(frozen=True)
class EssayMeta:
    title: str
    slug: str
    author: str = ""
    date: str = ""
    summary: str = ""
    tags: tuple[str, ...] = ()
    rating: float | None = None
    url: str = ""
    live_url: str = ""
    lang: str = "en"
    comments_api: str = ""  # an `essaykit serve` whose comment API the static page talks to
    image: str = ""
    image_alt: str = ""
    draft: bool = False
    reviewed: Reviewed | None = None  # what a review essay reviews (essay.reviewed)

    @property
    def published(self) -> datetime | None:
        """The date as an aware UTC datetime, or None when no date is set."""
        return parse_iso_date(self.date) if self.date else None

    def unpublished(self, now: datetime | None = None) -> str:
        """Why the essay stays off the site: "draft", "scheduled" (dated in the future) or ""."""
        if self.draft:
            return "draft"
        when = self.published
        if when is not None and when > (now or datetime.now(timezone.utc)):
            return "scheduled"
        return ""


_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")


def _footnote_definitions(source: str) -> dict[str, str]:
    """The ``[^label]: …`` definitions in a cell, each with its indented continuation lines."""
    found: dict[str, str] = {}
    lines = source.splitlines()
    i = 0
    while i < len(lines):
        m = _FOOTNOTE_DEF.match(lines[i])
        if not m:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and (lines[j].startswith(("    ", "\t")) or (
                not lines[j].strip() and j + 1 < len(lines) and lines[j + 1].startswith(("    ", "\t")))):
            j += 1
        found.setdefault(m.group(1), "\n".join(lines[i:j]))
        i = j
    return found


class EssayNotes:
    """Renders an essay's text cells in order with one :class:`Footnotes`, so notes are
    numbered across the essay and a note may be defined in any cell (often the last)."""

    def __init__(self) -> None:
        self.blocks: list[TextBlock] = []
        self.footnotes = Footnotes()
        self._html: dict[int, str] | None = None

    def html(self, block: TextBlock) -> str:
        if self._html is None:
            self._render()
        return self._html[id(block)]

    def _render(self) -> None:
        definitions: dict[str, str] = {}
        for b in self.blocks:
            if "[^" in b.source:
                for label, text in _footnote_definitions(b.source).items():
                    definitions.setdefault(label, text)
        self._html = {}
        for b in self.blocks:
            source = _inline_attachments(b.source, b.attachments)
            if definitions and "[^" in source:
                own = _footnote_definitions(source)
                borrowed = [definitions[label] for label in dict.fromkeys(_FOOTNOTE_REF.findall(source))
                            if label not in own and label in definitions]
                if borrowed:
                    source = source.rstrip("\n") + "\n\n" + "\n\n".join(borrowed) + "\n"
            self._html[id(b)] = render_markdown(source, footnotes=self.footnotes)


@dataclass(frozen=True)
class TextBlock:
    cell_index: int
    source: str
    attachments: dict = field(default_factory=dict, compare=False, repr=False)
    notes: EssayNotes | None = field(default=None, compare=False, repr=False)

    @cached_property
    def html(self) -> str:
        if self.notes is not None:
            return self.notes.html(self)
        return render_markdown(_inline_attachments(self.source, self.attachments))


@dataclass(frozen=True)
class SpoilerBlock:
    label: str
    cells: tuple[TextBlock, ...]

    @property
    def cell_index(self) -> int:
        return self.cells[0].cell_index

    @property
    def html(self) -> str:
        return "\n".join(c.html for c in self.cells)


@dataclass(frozen=True)
class CodeBlock:
    cell_index: int
    source: str
    outputs: tuple = field(compare=False, repr=False)
    tags: frozenset[str] = frozenset()


Block = TextBlock | SpoilerBlock | CodeBlock


@dataclass(frozen=True)
class Essay:
    path: Path
    meta: EssayMeta
    blocks: tuple[Block, ...]
    notebook: dict[str, Any] = field(compare=False, repr=False)

    @property
    def has_code(self) -> bool:
        return any(isinstance(b, CodeBlock) and b.source.strip() for b in self.blocks)

    @property
    def text_blocks(self) -> list[TextBlock]:
        out: list[TextBlock] = []
        for b in self.blocks:
            if isinstance(b, TextBlock):
                out.append(b)
            elif isinstance(b, SpoilerBlock):
                out.extend(b.cells)
        return out

    @cached_property
    def headings(self) -> list[Heading]:
        """The headings outside spoiler blocks (the contents must not give a spoiler away)."""
        return [h for b in self.blocks if isinstance(b, TextBlock) for h in headings(b.source)]

    @cached_property
    def word_count(self) -> int:
        return sum(len(_WORD.findall(plain_text(b.html))) for b in self.text_blocks)

    @property
    def reading_minutes(self) -> int:
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))

    @property
    def footnotes(self) -> list[Footnote]:
        """The essay's footnotes in order, for its end notes (sidenotes sit in the text)."""
        blocks = self.text_blocks
        if not blocks or blocks[0].notes is None:
            return []
        blocks[0].html  # noqa: B018 - renders every cell, which numbers the notes
        return list(blocks[0].notes.footnotes.items)

    @property
    def spoiler_count(self) -> int:
        blocks = sum(isinstance(b, SpoilerBlock) for b in self.blocks)
        inline = sum(b.html.count('class="ek-spoiler"') for b in self.text_blocks)
        return blocks + inline


def parse_iso_date(value: str) -> datetime:
    """Parse an ISO 8601 date or date-time; naive values are taken as UTC."""
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        d = date.fromisoformat(text)
        return datetime(d.year, d.month, d.day, tzinfo=timezone.utc)
    parsed = datetime.fromisoformat(text)  # Python 3.11+ reads a trailing "Z" itself
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _inline_attachments(source: str, attachments: dict) -> str:
    """Replace ``attachment:NAME`` links (JupyterLab paste) with data URLs."""
    if not attachments or "attachment:" not in source:
        return source
    for name, bundle in attachments.items():
        for mime in ("image/png", "image/jpeg", "image/gif", "image/webp"):
            if isinstance(bundle, dict) and isinstance(bundle.get(mime), str):
                data = bundle[mime].replace("\n", "")
                source = source.replace(f"attachment:{name}", f"data:{mime};base64,{data}")
                break
    return source
