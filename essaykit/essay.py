"""The essay model: a notebook read into typed metadata and an ordered list of blocks.

Every surface (static export, Voilà template, widgets, site build, importers)
reads essays through :func:`load_essay` or :func:`check_essay`, and renders
their Markdown through :func:`essaykit.markdown.render_markdown`.

The format is documented in ``docs/format.md``. In short: notebook metadata
``essay`` holds the title and friends, markdown cells hold the text, cells
tagged ``spoiler`` form spoiler blocks, and code cells may display widgets.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from .errors import EssayError
from .leftovers import leftover_warnings
from .markdown import Footnote, Footnotes, Heading, headings, plain_text, render_markdown, unclosed_spoiler
from .spoilers import spoiler_free_text

DEFAULT_SPOILER_LABEL = "Spoilers ahead: reveal"
SPOILER_TAG = "spoiler"
MAX_NOTEBOOK_BYTES = int(os.environ.get("ESSAYKIT_MAX_NOTEBOOK_MB", "10")) * 1024 * 1024
MAX_LABEL_CHARS = 200
WORDS_PER_MINUTE = 200
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}\Z")  # \Z, not $: "$" accepts a trailing newline
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def slugify(text: str, *, max_chars: int = 80) -> str:
    """A slug for ``text``: lower-case ASCII letters and digits joined by ``-``, at most
    ``max_chars`` long; "" when nothing is left. Other scripts are transliterated
    ("Солёная дорога" → "solenaia-doroga"), so a Cyrillic or CJK title still gets one."""
    from slugify import slugify as transliterate  # python-slugify; imported here, on first use

    slug = transliterate(text, max_length=max_chars, word_boundary=False, separator="-", lowercase=True)
    slug = slug[:max_chars].strip("-")
    return slug if SLUG_RE.match(slug) else ""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an essay. ``cell`` counts from 1, as people do."""

    path: str
    message: str
    cell: int | None = None
    warning: bool = False  # suspicious but usable: `essaykit check` prints it and still exits 0
    not_an_essay: bool = False  # no essay metadata at all (a scratch or ModerationQueue notebook): skipped

    def __str__(self) -> str:
        where = f"{self.path}:cell {self.cell}" if self.cell is not None else self.path
        return f"{where}: {'warning: ' if self.warning else ''}{self.message}"


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


class _EssayNotes:
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
    notes: _EssayNotes | None = field(default=None, compare=False, repr=False)

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


def _read_json(path: Path) -> dict:
    """Read a notebook file as JSON, refusing what cannot be an essay at all."""
    shown = str(path)
    if not path.exists():
        raise EssayError(f"{shown}: no such file; check the path")
    if path.is_dir():
        raise EssayError(f"{shown}: is a directory; give the path of an .ipynb file inside it")
    size = path.stat().st_size
    if size > MAX_NOTEBOOK_BYTES:
        raise EssayError(
            f"{shown}: file is {size / 1048576:.1f} MB, over the {MAX_NOTEBOOK_BYTES // 1048576} MB limit; "
            "clear large outputs (Edit > Clear Outputs of All Cells) or set ESSAYKIT_MAX_NOTEBOOK_MB"
        )
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EssayError(f"{shown}: not UTF-8 text (byte {exc.start}); is this really a notebook?") from None
    except OSError as exc:
        raise EssayError(f"{shown}: cannot read: {exc.strerror}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise EssayError(
            f"{shown}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "a notebook is a JSON file, open it in JupyterLab to repair it"
        ) from None
    if not isinstance(data, dict) or "nbformat" not in data:
        raise EssayError(f"{shown}: JSON but not a Jupyter notebook (no 'nbformat' key)")
    major = data.get("nbformat")
    if major != 4:
        raise EssayError(
            f"{shown}: notebook format {major!r} is not supported; essaykit reads nbformat 4 "
            "(open and save the file in JupyterLab to upgrade it)"
        )
    if not isinstance(data.get("cells"), list) or not isinstance(data.get("metadata", {}), dict):
        raise EssayError(f"{shown}: notebook has no 'cells' list; the file is damaged")
    return data


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def _meta(path: Path, metadata: dict, problems: list[Problem]) -> EssayMeta:
    shown = str(path)
    essay = metadata.get("essay")
    if not isinstance(essay, dict):
        problems.append(Problem(shown, "no 'essay' metadata, so it is not an essay; to make it one, add "
                                       "{\"essay\": {\"title\": \"…\"}} to the notebook metadata",
                                not_an_essay="essay" not in metadata))
        essay = {}

    def text(key: str) -> str:
        value = essay.get(key, "")
        if value is None:
            return ""
        if not isinstance(value, str):
            problems.append(Problem(shown, f"essay.{key} must be text (not {value!r})"))
            return ""
        return value.strip()

    title = text("title")
    if not title and isinstance(metadata.get("essay"), dict):
        problems.append(Problem(shown, "essay.title is missing or empty; every essay needs a title"))

    slug = essay.get("slug")
    if slug is None:
        slug = path.stem
        if not SLUG_RE.match(slug):
            problems.append(Problem(shown, f"file name {slug!r} is not a valid slug; set essay.slug to lowercase letters, digits and '-'"))
    elif not isinstance(slug, str) or not SLUG_RE.match(slug):
        problems.append(Problem(shown, f"essay.slug {slug!r} is not valid; use lowercase letters, digits, '.', '_' and '-' (no spaces or slashes)"))
        slug = str(slug)

    when = text("date")
    if when:
        try:
            parse_iso_date(when)
        except ValueError:
            problems.append(Problem(shown, f"essay.date {when!r} is not an ISO 8601 date; write it like 2026-11-24"))

    rating = essay.get("rating")
    if rating is not None:
        if isinstance(rating, bool) or not isinstance(rating, (int, float)) or not 0 <= rating <= 5 or rating * 2 != int(rating * 2):
            problems.append(Problem(shown, f"essay.rating {rating!r} is not valid; use a number from 0 to 5 in steps of 0.5"))
            rating = None
        else:
            rating = float(rating)

    tags = essay.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        problems.append(Problem(shown, f"essay.tags must be a list of text (not {tags!r})"))
        tags = []

    for key in ("url", "live_url", "comments_api"):
        value = text(key)
        if value and not re.match(r"^https?://[^\s/]+", value):
            problems.append(Problem(shown, f"essay.{key} {value!r} must be an absolute http(s) URL"))

    image = text("image")
    if image and not re.match(r"^https?://[^\s/]+", image) and (
            re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", image) or image.startswith(("/", "\\")) or ".." in image.split("/")):
        problems.append(Problem(shown, f"essay.image {image!r} must be an image file beside the notebook "
                                       "(like stills/card.png) or an absolute http(s) URL"))
        image = ""
    draft = essay.get("draft", False)
    if not isinstance(draft, bool):
        problems.append(Problem(shown, f"essay.draft must be true or false (not {draft!r})"))
        draft = False

    return EssayMeta(
        image=image, image_alt=text("image_alt"), draft=draft,
        title=title, slug=str(slug), author=text("author"), date=when,
        # The summary goes where no spoiler markup survives (descriptions, feeds, listings).
        summary=spoiler_free_text(text("summary")),
        tags=tuple(t.strip() for t in tags if t.strip()), rating=rating,
        url=text("url"), live_url=text("live_url"), lang=text("lang") or "en",
        comments_api=text("comments_api"),
    )


def _blocks(path: Path, cells: list, problems: list[Problem]) -> list[Block]:
    shown = str(path)
    blocks: list[Block] = []
    run: list[TextBlock] = []
    label = DEFAULT_SPOILER_LABEL
    notes = _EssayNotes()

    def close_run() -> None:
        nonlocal run
        if run:
            blocks.append(SpoilerBlock(label, tuple(run)))
            run = []

    for index, cell in enumerate(cells):
        number = index + 1
        if not isinstance(cell, dict) or "cell_type" not in cell:
            problems.append(Problem(shown, "not a notebook cell (no cell_type); the file is damaged", number))
            continue
        meta = cell.get("metadata") or {}
        tags = meta.get("tags") or []
        tags = frozenset(t for t in tags if isinstance(t, str)) if isinstance(tags, list) else frozenset()
        kind, src = cell["cell_type"], _source(cell)
        if kind == "markdown":
            block = TextBlock(index, src, cell.get("attachments") or {}, notes)
            notes.blocks.append(block)
            if unclosed_spoiler(src):
                problems.append(Problem(shown, "'||' opens an inline spoiler that is never closed; add the closing '||'", number))
            own_label = isinstance(meta.get("essay"), dict) and "spoiler_label" in meta["essay"]
            if own_label and (SPOILER_TAG not in tags or run):
                first = f"cell {run[0].cell_index + 1} is" if SPOILER_TAG in tags else "this cell is not tagged spoiler"
                problems.append(Problem(shown, "essay.spoiler_label is ignored here: only the first cell of a spoiler "
                                               f"block names it ({first}); move the label there or remove it",
                                        number, warning=True))
            if SPOILER_TAG in tags:
                if not run:
                    own = (meta.get("essay") or {}).get("spoiler_label") if isinstance(meta.get("essay"), dict) else None
                    if own is None:
                        label = DEFAULT_SPOILER_LABEL
                    elif not isinstance(own, str) or not own.strip() or len(own) > MAX_LABEL_CHARS:
                        problems.append(Problem(shown, f"essay.spoiler_label must be text of 1 to {MAX_LABEL_CHARS} characters", number))
                        label = DEFAULT_SPOILER_LABEL
                    else:
                        label = own.strip()
                run.append(block)
            else:
                close_run()
                blocks.append(block)
        elif kind == "code":
            close_run()
            if SPOILER_TAG in tags:
                problems.append(Problem(shown, "the 'spoiler' tag is on a code cell; only markdown cells can be spoilers (wrap output in essaykit.Spoiler instead)", number))
            blocks.append(CodeBlock(index, src, tuple(cell.get("outputs") or ()), tags))
        else:
            close_run()
    close_run()
    return blocks


def notebooks_in(folder: str | os.PathLike) -> list[Path]:
    """The essay notebooks of a folder, as `check`, `serve` and `build` read it: top level, not hidden."""
    return sorted(p for p in Path(folder).glob("*.ipynb") if not p.name.startswith(".") and p.is_file())


def check_essay(path: str | os.PathLike) -> tuple[Essay | None, list[Problem]]:
    """Read ``path`` and list what is wrong with it as an essay.

    Raises :class:`EssayError` when the file cannot be used at all (missing,
    a directory, not JSON, not nbformat 4, too large). Otherwise returns the
    essay (None if it has problems that keep it from being built) and the
    problems found.
    """
    path = Path(path)
    return check_notebook(_read_json(path), path)


def check_notebook(data: dict, path: str | os.PathLike) -> tuple[Essay | None, list[Problem]]:
    """Like :func:`check_essay` for a notebook already in memory; ``path`` names it in messages."""
    path = Path(path)
    problems: list[Problem] = []
    meta = _meta(path, data.get("metadata") or {}, problems)
    cells = data.get("cells") or []
    if not cells:
        problems.append(Problem(str(path), "notebook has no cells; write the essay in markdown cells"))
    blocks = _blocks(path, cells, problems)
    # The raw dict, not an nbformat NotebookNode: importing nbformat costs
    # seconds (jsonschema's format checkers), and reading an essay needs none of it.
    essay = None if any(not p.warning for p in problems) else Essay(path=path, meta=meta, blocks=tuple(blocks),
                                                                    notebook=data)
    problems += [Problem(str(path), message, cell, warning=True) for cell, message in leftover_warnings(
        [(i + 1, _source(c)) for i, c in enumerate(cells) if isinstance(c, dict) and c.get("cell_type") == "markdown"])]
    return essay, problems


def notebook_blocks(data: dict, path: str | os.PathLike) -> tuple[list[Block], list[Problem]]:
    """The blocks of an in-memory notebook and the problems of its cells, even when its metadata has problems."""
    problems: list[Problem] = []
    return _blocks(Path(path), data.get("cells") or [], problems), problems


def essay_from_dict(data: dict, path: str | os.PathLike) -> Essay:
    """Read an in-memory notebook as an essay, raising :class:`EssayError` on any problem."""
    essay, problems = check_notebook(data, path)
    if essay is None:
        raise EssayError("\n".join(str(p) for p in problems))
    return essay


def load_essay(path: str | os.PathLike) -> Essay:
    """Read ``path`` as an essay, raising :class:`EssayError` on any problem."""
    path = Path(path)
    return essay_from_dict(_read_json(path), path)


def current_slug() -> str:
    """The slug of the essay the running kernel belongs to.

    Looked up in order: ``ESSAYKIT_SLUG``; the notebook named by
    ``JPY_SESSION_NAME`` (JupyterLab and Voilà set it); the only ``.ipynb``
    file in the working directory.
    """
    slug = os.environ.get("ESSAYKIT_SLUG", "").strip()
    if slug:
        return slug
    candidates: list[Path] = []
    session = os.environ.get("JPY_SESSION_NAME", "")
    # Voilà names the page's notebook only in SCRIPT_NAME (/voila/render/dir/x.ipynb); the kernel runs in its folder.
    voila = Path(unquote(os.environ.get("SCRIPT_NAME", ""))).name if os.environ.get("SERVER_SOFTWARE", "").startswith("voila") else ""
    if session.endswith(".ipynb") and Path(session).is_file():
        candidates.append(Path(session))
    elif voila.endswith(".ipynb") and Path(voila).is_file():
        candidates.append(Path(voila))
    else:
        candidates.extend(sorted(Path.cwd().glob("*.ipynb")))
    if len(candidates) == 1:
        meta = _read_json(candidates[0]).get("metadata", {}).get("essay", {})
        slug = meta.get("slug") if isinstance(meta, dict) else None
        return slug if isinstance(slug, str) and SLUG_RE.match(slug) else candidates[0].stem
    raise EssayError(
        "cannot tell which essay this kernel belongs to; pass essay='your-slug' "
        "or set the ESSAYKIT_SLUG environment variable"
    )
