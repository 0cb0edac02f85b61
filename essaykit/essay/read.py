"""Reading a notebook as an essay: the file checks, the metadata and the blocks.

Every surface (static export, Voilà template, widgets, site build, importers)
reads essays through :func:`load_essay` or :func:`check_essay`. The format is
documented in ``docs/format.md``. In short: notebook metadata ``essay`` holds
the title and friends, markdown cells hold the text, cells tagged ``spoiler``
form spoiler blocks, and code cells may display widgets.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import unquote

from .._mathml import latex_formula_errors
from ..errors import EssayError
from ..markdown import broken_formulas, unclosed_spoiler
from ..names import ENV_SLUG
from ..slug import SLUG_RE
from ..spoilers import spoiler_free_text
from .model import (DEFAULT_SPOILER_LABEL, MAX_LABEL_CHARS, MAX_NOTEBOOK_BYTES, SPOILER_TAG, Block, CodeBlock, Essay,
                    EssayMeta, EssayNotes, Problem, SpoilerBlock, TextBlock, parse_iso_date)
from .reviewed import read_reviewed

RAW_PAGE_FORMATS = ("text/html", "text/markdown")  # raw cells an HTML page shows, as nbconvert does


def read_notebook(path: Path) -> dict:
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


def cell_source(cell: dict) -> str:
    """A cell's source as one string (notebooks store it as a string or a list of lines)."""
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
            problems.append(Problem(shown, f"essay.{key} must be text (not {value!r})", field=key))
            return ""
        return value.strip()

    title = text("title")
    if not title and isinstance(metadata.get("essay"), dict):
        problems.append(Problem(shown, "essay.title is missing or empty; every essay needs a title", field="title"))

    slug = essay.get("slug")
    if slug is None:
        slug = path.stem
        if not SLUG_RE.match(slug):
            problems.append(Problem(shown, f"file name {slug!r} is not a valid slug; set essay.slug to lowercase letters, digits and '-'",
                                    field="slug"))
    elif not isinstance(slug, str) or not SLUG_RE.match(slug):
        problems.append(Problem(shown, f"essay.slug {slug!r} is not valid; use lowercase letters, digits, '.', '_' and '-' (no spaces or slashes)",
                                field="slug"))
        slug = str(slug)

    when = text("date")
    if when:
        try:
            parse_iso_date(when)
        except ValueError:
            problems.append(Problem(shown, f"essay.date {when!r} is not an ISO 8601 date; write it like 2026-11-24", field="date"))

    rating = essay.get("rating")
    if rating is not None:
        if isinstance(rating, bool) or not isinstance(rating, (int, float)) or not 0 <= rating <= 5 or rating * 2 != int(rating * 2):
            problems.append(Problem(shown, f"essay.rating {rating!r} is not valid; use a number from 0 to 5 in steps of 0.5",
                                    field="rating"))
            rating = None
        else:
            rating = float(rating)

    tags = essay.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        problems.append(Problem(shown, f"essay.tags must be a list of text (not {tags!r})", field="tags"))
        tags = []

    for key in ("url", "live_url", "comments_api"):
        value = text(key)
        if value and not re.match(r"^https?://[^\s/]+", value):
            problems.append(Problem(shown, f"essay.{key} {value!r} must be an absolute http(s) URL", field=key))

    image = text("image")
    if image and not re.match(r"^https?://[^\s/]+", image) and (
            re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", image) or image.startswith(("/", "\\")) or ".." in image.split("/")):
        problems.append(Problem(shown, f"essay.image {image!r} must be an image file beside the notebook "
                                       "(like stills/card.png) or an absolute http(s) URL", field="image"))
        image = ""
    draft = essay.get("draft", False)
    if not isinstance(draft, bool):
        problems.append(Problem(shown, f"essay.draft must be true or false (not {draft!r})", field="draft"))
        draft = False

    return EssayMeta(
        image=image, image_alt=text("image_alt"), draft=draft,
        title=title, slug=str(slug), author=text("author"), date=when,
        # The summary goes where no spoiler markup survives (descriptions, feeds, listings).
        summary=spoiler_free_text(text("summary")),
        tags=tuple(t.strip() for t in tags if t.strip()), rating=rating,
        url=text("url"), live_url=text("live_url"), lang=text("lang") or "en",
        comments_api=text("comments_api"), reviewed=read_reviewed(essay.get("reviewed"), shown, problems),
    )


def _blocks(path: Path, cells: list, problems: list[Problem]) -> list[Block]:
    shown = str(path)
    blocks: list[Block] = []
    run: list[TextBlock] = []
    label = DEFAULT_SPOILER_LABEL
    notes = EssayNotes()

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
        kind, src = cell["cell_type"], cell_source(cell)
        if kind == "raw" and (meta.get("format") or meta.get("raw_mimetype")) in RAW_PAGE_FORMATS:
            kind = "markdown"  # a raw cell meant for HTML pages is shown, as nbconvert shows it
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
                        problems.append(Problem(shown, f"essay.spoiler_label must be text of 1 to {MAX_LABEL_CHARS} characters",
                                                number, field="spoiler_label"))
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
    return check_notebook(read_notebook(path), path)


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
    problems += _formula_warnings(path, cells)
    if path.is_file():  # its folder is known: the images its Markdown names are read from there
        problems += _image_warnings(path, cells)
    return essay, problems


_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
_HTML_IMAGE = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def _image_warnings(path: Path, cells: list) -> list[Problem]:
    """A warning naming each local image a Markdown cell shows that is not a file in the notebook's folder
    (pages would show its alt text in brackets instead)."""
    from urllib.parse import urlsplit

    found: list[Problem] = []
    folder = path.parent.resolve()
    for number, cell in enumerate(cells, 1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "markdown":
            continue
        source = cell_source(cell)
        for src in [*_MD_IMAGE.findall(source), *_HTML_IMAGE.findall(source)]:
            parts = urlsplit(src)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # a web address, data: URL or attachment: is not a file here
            target = (folder / unquote(parts.path)).resolve()
            if not target.is_relative_to(folder):
                why = f"is outside the notebook's folder {folder}; copy it into that folder"
            elif not target.is_file():
                why = f"is not a file (looked for {target}); put the image there or correct the path"
            else:
                continue
            found.append(Problem(str(path), f"image {src!r} {why}; pages show its alt text instead",
                                 cell=number, warning=True))
    return found


def _formula_warnings(path: Path, cells: list) -> list[Problem]:
    """A warning naming each formula (in the text or a stored ``text/latex`` output) that
    will be shown as TeX because it cannot become MathML."""
    found: list[Problem] = []
    for number, cell in enumerate(cells, 1):
        if not isinstance(cell, dict):
            continue
        broken = broken_formulas(cell_source(cell)) if cell.get("cell_type") == "markdown" else []
        outputs = cell.get("outputs") if cell.get("cell_type") == "code" else None
        for output in outputs if isinstance(outputs, list) else ():
            data = output.get("data") if isinstance(output, dict) else None
            latex = data.get("text/latex") if isinstance(data, dict) else None
            if latex:
                broken += latex_formula_errors("".join(latex) if isinstance(latex, list) else str(latex))
        found += [Problem(str(path), f"formula {tex!r} cannot be shown as MathML ({why}); it will appear as TeX, "
                                     "so rewrite it with commands docs/format.md lists", number, warning=True)
                  for tex, why in broken]
    return found


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
    return essay_from_dict(read_notebook(path), path)


def current_slug() -> str:
    """The slug of the essay the running kernel belongs to.

    Looked up in order: ``ESSAYKIT_SLUG``; the notebook named by
    ``JPY_SESSION_NAME`` (JupyterLab and Voilà set it); the only ``.ipynb``
    file in the working directory.
    """
    slug = os.environ.get(ENV_SLUG, "").strip()
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
        meta = read_notebook(candidates[0]).get("metadata", {}).get("essay", {})
        slug = meta.get("slug") if isinstance(meta, dict) else None
        return slug if isinstance(slug, str) and SLUG_RE.match(slug) else candidates[0].stem
    raise EssayError(
        "cannot tell which essay this kernel belongs to; pass essay='your-slug' "
        "or set the ESSAYKIT_SLUG environment variable"
    )
