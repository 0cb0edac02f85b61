"""``essaykit build``: every essay in a folder as a static site.

The site is flat: ``<slug>.html`` per essay, ``index.html`` listing them
newest first, and an Atom ``feed.xml``. Essays build in parallel in a process
pool (one kernel per essay with code, none for text-only essays). An essay
whose notebook, comments and build settings are unchanged since the last
build is skipped (see :mod:`essaykit.exports.manifest`). A failing essay is
reported by file and cell and the others still build; its previous page, if
any, stays in place.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..essay import notebooks_in
from ..errors import EssaykitError, ExportError
from .execute import DEFAULT_TIMEOUT
from .fingerprint import NO_STORE, comments_fingerprints, file_hash, settings_fingerprint
from .manifest import Entry, Manifest
from .._files import write_atomic

INDEX_NAME = "index.html"
FEED_NAME = "feed.xml"
_BASE_URL = re.compile(r"^https?://[^\s/?#]+(/[^\s?#]*)?$")


@dataclass(frozen=True)
class BuildOptions:
    jobs: int | None = None
    base_url: str = ""
    db: str | None = None
    execute: bool = True
    force: bool = False
    timeout: int = DEFAULT_TIMEOUT
    show_code: bool = False
    title: str = "Essays"
    api: str | None = None  # the comment API the pages talk to (None: each essay's comments_api)


@dataclass(frozen=True)
class Job:
    """One essay to build; plain data so it can cross into a worker process."""

    source: str
    output: str
    canonical: str
    notebook_hash: str
    execute: bool
    db: str | None
    timeout: int
    show_code: bool
    notebook_dir: str
    api: str | None = None
    page_url: str = ""  # where the page will be (base URL + file), for forms to come back to


@dataclass
class Outcome:
    source: str
    status: str  # "built", "skipped" or "failed"
    message: str = ""
    entry: Entry | None = None


@dataclass
class BuildReport:
    site_dir: Path
    outcomes: list[Outcome] = field(default_factory=list)

    def _with(self, status: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def built(self) -> list[Outcome]:
        return self._with("built")

    @property
    def skipped(self) -> list[Outcome]:
        return self._with("skipped")

    @property
    def failed(self) -> list[Outcome]:
        return self._with("failed")


@dataclass(frozen=True)
class IndexItem:
    """One essay as the index page and the feed list it."""

    slug: str
    title: str
    href: str
    absolute_url: str
    author: str
    summary: str
    rating: float | None
    tags: tuple[str, ...]
    date: str
    published: datetime | None
    updated: datetime


def build_one(job: Job) -> Outcome:
    """Build one essay's page (in a worker process). Never raises for a bad essay."""
    from ..essay import load_essay
    from .export import essay_page

    name = Path(job.source).name
    try:
        essay = load_essay(job.source)
        comments = NO_STORE
        if job.execute and essay.has_code:
            # Taken before the kernel reads the comments, so a comment that
            # arrives mid-build makes the next build run this essay again.
            comments = comments_fingerprints([essay.meta.slug], db=job.db, notebook_dir=Path(job.notebook_dir))[
                essay.meta.slug]
        page = essay_page(essay, execute=job.execute, db=job.db, show_code=job.show_code, timeout=job.timeout,
                          canonical=job.canonical, home_url=INDEX_NAME, api=job.api, page_url=job.page_url)
        write_atomic(Path(job.output), page)
    except EssaykitError as exc:
        return Outcome(job.source, "failed", str(exc).replace("\n", "; "))
    except Exception as exc:  # noqa: BLE001 - one essay's bug must not stop the site; it is reported
        return Outcome(job.source, "failed", f"{job.source}: unexpected {type(exc).__name__}: {exc}")
    meta = essay.meta
    entry = Entry(
        source=name, notebook_hash=job.notebook_hash, comments=comments, output=Path(job.output).name,
        slug=meta.slug, has_code=essay.has_code, title=meta.title, author=meta.author, date=meta.date,
        summary=meta.summary, rating=meta.rating, tags=list(meta.tags), url=meta.url,
        mtime=Path(job.source).stat().st_mtime,
    )
    return Outcome(job.source, "built", f"built {name} -> {entry.output}", entry)


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _normalise_base_url(base_url: str) -> str:
    base_url = base_url.strip()
    if not base_url:
        return ""
    if not _BASE_URL.match(base_url):
        raise ExportError(f"--base-url {base_url!r} is not an absolute http(s) URL; write it like https://example.org/essays/")
    return base_url if base_url.endswith("/") else base_url + "/"


def _canonical(url: str, base_url: str, output: str) -> str:
    return url or (base_url + output if base_url else "")


def _plan(sources: list[Path], site_dir: Path, previous: dict[str, Entry], options: BuildOptions,
          base_url: str) -> tuple[list[Job], list[Outcome], dict[str, Entry]]:
    """Decide what to build: returns jobs, outcomes already known (skips and
    unreadable essays) and the manifest entries that stay as they are."""
    from ..essay import check_essay

    jobs: list[tuple[bool, Job]] = []
    known: list[Outcome] = []
    kept: dict[str, Entry] = {}
    slugs: dict[str, str] = {}
    unchanged: list[tuple[Path, Entry]] = []
    hashes: dict[Path, str] = {}
    for source in sources:
        try:
            hashes[source] = file_hash(source.read_bytes())
        except OSError as exc:
            known.append(Outcome(str(source), "failed", f"{source}: cannot read ({exc.strerror})"))
            continue
        prev = previous.get(source.name)
        if prev and prev.notebook_hash == hashes[source] and (site_dir / prev.output).is_file():
            unchanged.append((source, prev))

    # Comments only matter for essays whose code runs.
    watched = [prev.slug for _, prev in unchanged if prev.has_code and options.execute]
    current = comments_fingerprints(watched, db=options.db, notebook_dir=sources[0].parent) if watched else {}
    skip = {source for source, prev in unchanged
            if not (prev.has_code and options.execute) or current.get(prev.slug) == prev.comments}

    for source in sources:
        if source not in hashes:
            continue
        if source in skip:
            prev = previous[source.name]
            slugs[prev.slug] = source.name
            kept[source.name] = prev
            known.append(Outcome(str(source), "skipped", f"unchanged {source.name}", prev))
            continue
        try:
            essay, problems = check_essay(source)
        except EssaykitError as exc:
            known.append(Outcome(str(source), "failed", str(exc)))
            continue
        if essay is None:
            known.append(Outcome(str(source), "failed", "; ".join(str(p) for p in problems)))
            continue
        slug = essay.meta.slug
        if slug in slugs:
            known.append(Outcome(str(source), "failed",
                                 f"{source}: slug {slug!r} is also used by {slugs[slug]}; give one of them "
                                 "a different essay.slug"))
            continue
        slugs[slug] = source.name
        output = f"{slug}.html"
        job = Job(str(source), str(site_dir / output), _canonical(essay.meta.url, base_url, output),
                  hashes[source], options.execute, options.db, options.timeout, options.show_code,
                  str(source.parent), options.api, base_url + output if base_url else "")
        jobs.append((essay.has_code and options.execute, job))
    # Essays that start a kernel take longest; start them first so the pool stays busy.
    jobs.sort(key=lambda pair: not pair[0])
    return [job for _, job in jobs], known, kept


def _run(jobs: list[Job], workers: int, on_done: Callable[[Outcome], None]) -> list[Outcome]:
    if workers <= 1 or len(jobs) <= 1:
        outcomes = []
        for job in jobs:
            outcomes.append(build_one(job))
            on_done(outcomes[-1])
        return outcomes

    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    # forkserver, not fork: the progress bar runs a thread, and forking a
    # threaded process can deadlock. Preloading keeps worker start cheap.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["essaykit.exports.site", "essaykit.exports.export", "essaykit.exports.page"])
    outcomes = []
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
        futures = {pool.submit(build_one, job): job for job in jobs}
        for future in as_completed(futures):
            job = futures[future]
            try:
                outcome = future.result()
            except BrokenProcessPool:
                outcome = Outcome(job.source, "failed", f"{job.source}: the worker process died (out of memory?)")
            outcomes.append(outcome)
            on_done(outcome)
    return outcomes


def index_items(entries, base_url: str) -> list[IndexItem]:
    """Index entries newest first; essays without a date come last, by title."""
    from ..essay import parse_iso_date

    items = []
    for e in entries:
        published = None
        if e.date:
            try:
                published = parse_iso_date(e.date)
            except ValueError:
                published = None
        updated = published or datetime.fromtimestamp(e.mtime or 0, tz=timezone.utc)
        items.append(IndexItem(
            slug=e.slug, title=e.title, href=e.output, absolute_url=_canonical(e.url, base_url, e.output),
            author=e.author, summary=e.summary, rating=e.rating, tags=tuple(e.tags), date=e.date,
            published=published, updated=updated,
        ))
    newest = datetime.max.replace(tzinfo=timezone.utc)
    items.sort(key=lambda i: (i.published is None, newest - (i.published or newest), i.title.casefold()))
    return items


def render_index(items: list[IndexItem], *, title: str, base_url: str) -> str:
    from .. import vocab

    template = vocab.environment().get_template("site.html.j2")
    return template.render(items=items, title=title, base_url=base_url, feed=FEED_NAME,
                           css=vocab.stylesheet())


def _remove_stale(site_dir: Path, previous: dict[str, Entry], current: dict[str, Entry]) -> None:
    """Delete pages this build made earlier for notebooks that are gone or renamed their slug."""
    live = {e.output for e in current.values()}
    for entry in previous.values():
        page = site_dir / entry.output
        if entry.output not in live and page.parent == site_dir and page.suffix == ".html":
            page.unlink(missing_ok=True)


def build_site(notebook_dir: Path, site_dir: Path, options: BuildOptions = BuildOptions(),
               *, stream=None) -> BuildReport:
    """Build the site; progress goes to ``stream`` (stderr by default)."""
    from .feed import atom_feed
    from .progress import progress_for

    stream = stream or sys.stderr
    notebook_dir, site_dir = Path(notebook_dir), Path(site_dir)
    base_url = _normalise_base_url(options.base_url)
    sources = notebooks_in(notebook_dir)
    if not sources:
        raise ExportError(f"{notebook_dir}: no .ipynb files here; give the folder that holds the essay notebooks")
    try:
        site_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{site_dir}: cannot create the site folder ({exc.strerror}); choose another with -o") from None
    if not os.access(site_dir, os.W_OK):
        raise ExportError(f"{site_dir}: not writable; choose another site folder with -o")

    manifest = Manifest.load(site_dir)
    settings = settings_fingerprint(base_url=base_url, execute=options.execute, show_code=options.show_code,
                                    api=options.api)
    previous = {} if options.force or manifest.settings != settings else manifest.entries
    jobs, known, kept = _plan(sources, site_dir, previous, options, base_url)

    report = BuildReport(site_dir)
    workers = options.jobs or _cores()
    with progress_for(len(sources), stream) as progress:
        def done(outcome: Outcome) -> None:
            progress.advance(outcome.message if outcome.status != "failed" else f"FAILED {outcome.message}")

        for outcome in known:
            done(outcome)
        report.outcomes = known + _run(jobs, workers, done)

    entries = dict(kept)
    for outcome in report.outcomes:
        if outcome.status == "built" and outcome.entry is not None:
            entries[outcome.entry.source] = outcome.entry
        elif outcome.status == "failed":
            # Keep listing the page a failed essay built last time; it is still there.
            old = manifest.entries.get(Path(outcome.source).name)
            if old is not None and (site_dir / old.output).is_file() and old.output not in {
                    e.output for e in entries.values()}:
                entries[old.source] = Entry(**{**old.__dict__, "notebook_hash": ""})
    _remove_stale(site_dir, manifest.entries, entries)

    items = index_items(entries.values(), base_url)
    write_atomic(site_dir / INDEX_NAME, render_index(items, title=options.title, base_url=base_url))
    write_atomic(site_dir / FEED_NAME, atom_feed(items, title=options.title, base_url=base_url))
    Manifest(settings=settings, entries=entries).save(site_dir)

    summary = (f"{site_dir}: {len(report.built)} built, {len(report.skipped)} unchanged, "
               f"{len(report.failed)} failed; {INDEX_NAME} and {FEED_NAME} written")
    print(summary, file=stream, flush=True)
    for outcome in report.failed:
        print(f"error: {outcome.message}", file=stream, flush=True)
    return report
