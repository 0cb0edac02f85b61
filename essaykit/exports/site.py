"""``essaykit build``: every essay in a folder as a static site.

The site: ``<slug>.html`` per essay (with its social card image
``<slug>.card.<ext>`` and its comments feed ``<slug>.comments.xml``), local
images under ``media/``, ``index.html`` listing the essays newest first, a
full-content Atom ``feed.xml``, ``comments.xml`` for the whole site, and
``tags/<tag>/`` pages each with their own feed. Drafts and essays dated in
the future are left out unless ``drafts`` is set. Essays build in parallel in a process
pool (one kernel per essay with code, none for text-only essays). An essay
whose notebook, comments and build settings are unchanged since the last
build is skipped (see :mod:`essaykit.exports.manifest`). A failing essay is
reported by file and cell and the others still build; its previous page, if
any, stays in place.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from ..essay import notebooks_in
from ..errors import EssaykitError, ExportError
from ..spoilers import spoiler_free_html
from .execute import DEFAULT_TIMEOUT
from .feed import atom_feed, json_feed
from .fingerprint import NO_STORE, comments_fingerprints, file_hash, settings_fingerprint
from .live_api import check_api
from .manifest import Entry, Manifest
from .page_comments import read_comments
from .page_widgets import loads_bundle, write_bundle
from .pool import cores, run_jobs
from .settings import SiteSettings, normalise_base_url
from .site_index import (COMMENTS_FEED_NAME, CONTENT_DIR, FEED_LIMIT, FEED_NAME, INDEX_NAME, JSON_FEED_NAME, canonical_url,
                         feed_content, index_items, order_key, pages_digest, render_index, unpublished_reason,
                         write_comment_feeds, write_if_changed, write_tag_pages)
from .site_media import write_card
from .search import SCRIPT_NAME, SEARCH_DIR, remove_search_record, write_search_index, write_search_record
from .site_pages import write_site_pages
from .site_stats import readers_ratings
from .structured import site_json_ld
from ..spoilers import spoiler_free_html
from .._files import media_writer, write_atomic


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
    settings: SiteSettings | None = None  # from --settings; title and base_url above win when set
    drafts: bool = False
    api: str | None = None  # the comment API the pages talk to (None: each essay's comments_api)

    def site_settings(self, base_url: str) -> SiteSettings:
        """The settings file's values, with ``title`` and ``base_url`` from the options."""
        return replace(self.settings or SiteSettings(), title=self.title or "Essays", base_url=base_url)


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
    site_dir: str = ""
    settings: SiteSettings = SiteSettings()
    previous: tuple[str, str] | None = None
    next: tuple[str, str] | None = None
    neighbours: str = ""
    api: str | None = None
    page_url: str = ""  # where the page will be (base URL + file), for forms to come back to
    readers: tuple[float, int] | None = None  # readers' ratings, once enough for the structured data


@dataclass
class Outcome:
    source: str
    status: str  # "built", "skipped" (unchanged), "failed", "draft" or "ignored" (not an essay)
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


def build_one(job: Job) -> Outcome:
    """Build one essay's page (in a worker process). Never raises for a bad essay."""
    from ..essay import load_essay
    from .page import SitePage, body_parts, render_page

    name = Path(job.source).name
    site_dir = Path(job.site_dir or Path(job.output).parent)
    try:
        essay = load_essay(job.source)
        # Taken before the kernel or the page reads the comments, so a comment that
        # arrives mid-build makes the next build render this essay again.
        comments = comments_fingerprints([essay.meta.slug], db=job.db, notebook_dir=Path(job.notebook_dir))[
            essay.meta.slug]
        if job.execute and essay.has_code:
            from .execute import FIX_BUILD, execute_essay
            from .page import warm

            essay = execute_essay(essay, db=job.db, timeout=job.timeout, while_starting=lambda: warm(essay),
                                  remedy=FIX_BUILD)
        card_url, card_file = write_card(essay, site_dir, job.settings.base_url)
        site = SitePage(settings=job.settings, previous=job.previous, next=job.next, card_image=card_url,
                        media=media_writer(site_dir), api=job.api, readers=job.readers)
        # The feeds' copy (no live form, no spoilers), in parts: the page without a form or a store's comments
        # is made of the same parts, and takes its facts from them
        rendered = body_parts(essay, show_code=job.show_code, site=site)
        body = rendered.text()
        api = check_api(essay.meta.comments_api if job.api is None else job.api)
        stored = read_comments(essay, db=job.db, notebook_dir=Path(job.notebook_dir)) if comments != NO_STORE else None
        page = render_page(essay, show_code=job.show_code, canonical=job.canonical, home_url=INDEX_NAME,
                           site=site, api=api, page_url=job.page_url, comments=stored,
                           body=None if api or stored is not None else rendered)
        if loads_bundle(page):
            write_bundle(site_dir)
        write_atomic(Path(job.output), page)
        write_atomic(site_dir / CONTENT_DIR / f"{essay.meta.slug}.html",
                     spoiler_free_html(body, job.canonical or f"{essay.meta.slug}.html"))
        write_search_record(site_dir, essay.meta.slug, essay.meta.title, body, Path(job.output).name)
    except EssaykitError as exc:
        return Outcome(job.source, "failed", str(exc).replace("\n", "; "))
    except Exception as exc:  # noqa: BLE001 - one essay's bug must not stop the site; it is reported
        return Outcome(job.source, "failed", f"{job.source}: unexpected {type(exc).__name__}: {exc}")
    meta = essay.meta
    entry = Entry(
        source=name, notebook_hash=job.notebook_hash, comments=comments, output=Path(job.output).name,
        slug=meta.slug, has_code=essay.has_code, title=meta.title, author=meta.author, date=meta.date,
        summary=meta.summary, rating=meta.rating, tags=list(meta.tags), url=meta.url,
        mtime=Path(job.source).stat().st_mtime, draft=meta.draft, card=card_file, neighbours=job.neighbours,
        readers=repr(job.readers),
    )
    return Outcome(job.source, "built", f"built {name} -> {entry.output}", entry)


@dataclass
class _Candidate:
    source: Path
    slug: str
    title: str
    date: str
    draft: bool
    url: str
    has_code: bool
    previous: Entry | None = None  # set when the manifest entry can be reused as it is
    neighbours: str = ""
    links: tuple = (None, None)
    notebook_hash: str = ""


def _plan(sources: list[Path], site_dir: Path, previous: dict[str, Entry], options: BuildOptions,
          settings: SiteSettings, now: datetime, left_out: dict[str, dict] | None = None,
          readers: dict[str, tuple[float, int]] | None = None) -> tuple[list[Job], list[Outcome], dict[str, Entry], dict[str, dict]]:
    """Decide what to build: returns jobs, outcomes already known (skips, drafts and
    unreadable essays), the manifest entries that stay as they are, and the drafts
    and scheduled essays left out (remembered so that unchanged ones are not read again).

    An unchanged essay is rebuilt anyway when its previous or next essay changed, or its
    readers' ratings did (they are in its structured data)."""
    from ..essay import check_essay

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

    # Every page shows its comments when there is a store (the thread, comments on passages).
    watched = [prev.slug for _, prev in unchanged]
    current = comments_fingerprints(watched, db=options.db, notebook_dir=sources[0].parent) if watched else {}
    stable = {source for source, prev in unchanged if current.get(prev.slug) == prev.comments}

    candidates: list[_Candidate] = []
    for source in sources:
        if source not in hashes:
            continue
        if source in stable:
            prev = previous[source.name]
            candidates.append(_Candidate(source, prev.slug, prev.title, prev.date, prev.draft, prev.url,
                                         prev.has_code, previous=prev, notebook_hash=hashes[source]))
            slugs[prev.slug] = source.name
            continue
        known_draft = (left_out or {}).get(source.name)
        if known_draft and known_draft.get("hash") == hashes[source] and known_draft.get("slug") not in slugs:
            d = known_draft
            candidates.append(_Candidate(source, d["slug"], d["title"], d.get("date", ""), bool(d.get("draft")),
                                         d.get("url", ""), bool(d.get("has_code")), notebook_hash=hashes[source]))
            slugs[d["slug"]] = source.name
            continue
        try:
            essay, problems = check_essay(source)
        except EssaykitError as exc:
            known.append(Outcome(str(source), "failed", str(exc)))
            continue
        stranger = next((p for p in problems if p.not_an_essay), None)
        if stranger is not None:  # e.g. a ModerationQueue notebook kept beside the essays
            known.append(Outcome(str(source), "ignored", f"warning: skipped {source.name}: {stranger.message}"))
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
        candidates.append(_Candidate(source, slug, essay.meta.title, essay.meta.date, essay.meta.draft,
                                     essay.meta.url, essay.has_code, notebook_hash=hashes[source]))

    shown = []
    remembered: dict[str, dict] = {}
    for c in candidates:
        reason = unpublished_reason(c.draft, c.date, now)
        if reason and not options.drafts:
            known.append(Outcome(str(c.source), "draft", f"left out {c.source.name} ({reason}; --drafts includes it)"))
            remembered[c.source.name] = {"hash": c.notebook_hash, "slug": c.slug, "title": c.title, "date": c.date,
                                         "draft": c.draft, "url": c.url, "has_code": c.has_code}
        else:
            shown.append(c)
    shown.sort(key=lambda c: order_key(c.date, c.title))
    for i, c in enumerate(shown):
        newer = shown[i - 1] if i > 0 else None
        older = shown[i + 1] if i + 1 < len(shown) else None
        c.links = ((f"{older.slug}.html", older.title) if older else None,
                   (f"{newer.slug}.html", newer.title) if newer else None)
        c.neighbours = repr(c.links)

    jobs: list[tuple[bool, Job]] = []
    for c in sorted(shown, key=lambda c: c.source.name):
        rated = (readers or {}).get(c.slug)
        if c.previous is not None and c.previous.neighbours == c.neighbours and c.previous.readers == repr(rated):
            kept[c.source.name] = c.previous
            known.append(Outcome(str(c.source), "skipped", f"unchanged {c.source.name}", c.previous))
            continue
        output = f"{c.slug}.html"
        job = Job(str(c.source), str(site_dir / output), canonical_url(c.url, settings.base_url, output),
                  hashes[c.source], options.execute, options.db, options.timeout, options.show_code,
                  str(c.source.parent), str(site_dir), settings, c.links[0], c.links[1], c.neighbours,
                  options.api, settings.base_url + output if settings.base_url else "", rated)
        jobs.append((c.has_code and options.execute, job))
    # Essays that start a kernel take longest; start them first so the pool stays busy.
    jobs.sort(key=lambda pair: not pair[0])
    return [job for _, job in jobs], known, kept, remembered


def _remove_stale(site_dir: Path, previous: dict[str, Entry], current: dict[str, Entry]) -> None:
    """Delete pages (and their card images, comment feeds and feed content) this build made
    earlier for notebooks that are gone, renamed their slug, or became drafts."""
    live = {e.output for e in current.values()}
    cards = {e.card for e in current.values() if e.card}
    for entry in previous.values():
        page = site_dir / entry.output
        if entry.output not in live and page.parent == site_dir and page.suffix == ".html":
            page.unlink(missing_ok=True)
            (site_dir / f"{entry.slug}.comments.xml").unlink(missing_ok=True)
            (site_dir / CONTENT_DIR / f"{entry.slug}.html").unlink(missing_ok=True)
            remove_search_record(site_dir, entry.slug)
        if entry.card and entry.card not in cards and (site_dir / entry.card).parent == site_dir:
            (site_dir / entry.card).unlink(missing_ok=True)


def build_site(notebook_dir: Path, site_dir: Path, options: BuildOptions = BuildOptions(),
               *, stream=None) -> BuildReport:
    """Build the site; progress goes to ``stream`` (stderr by default)."""
    from .progress import progress_for
    from .site_stats import approved_comments, essay_stats

    stream = stream or sys.stderr
    notebook_dir, site_dir = Path(notebook_dir), Path(site_dir)
    base_url = normalise_base_url(options.base_url or (options.settings.base_url if options.settings else ""))
    settings = options.site_settings(base_url)
    api = check_api(options.api).rstrip("/")  # the index's counts: f"{api}/api/counts"
    sources = notebooks_in(notebook_dir)
    if not sources:
        raise ExportError(f"{notebook_dir}: no .ipynb files here; give the folder that holds the essay notebooks")
    try:
        site_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{site_dir}: cannot create the site folder ({exc.strerror}); choose another with -o") from None
    if not os.access(site_dir, os.W_OK):
        raise ExportError(f"{site_dir}: not writable; choose another site folder with -o")

    now = datetime.now(timezone.utc)
    manifest = Manifest.load(site_dir)
    fingerprint = settings_fingerprint(base_url=base_url, execute=options.execute, show_code=options.show_code,
                                       site=settings, drafts=options.drafts, api=api)
    fresh = options.force or manifest.settings != fingerprint
    previous = {} if fresh else manifest.entries
    jobs, known, kept, left_out = _plan(sources, site_dir, previous, options, settings, now,
                                        {} if fresh else manifest.left_out, readers_ratings(options.db, notebook_dir))

    report = BuildReport(site_dir)
    workers = options.jobs or cores()
    with progress_for(len(sources), stream) as progress:
        def done(outcome: Outcome) -> None:
            progress.advance(outcome.message if outcome.status != "failed" else f"FAILED {outcome.message}")

        for outcome in known:
            done(outcome)
        report.outcomes = known + run_jobs(build_one, jobs, workers, done, lambda job: Outcome(
            job.source, "failed", f"{job.source}: the worker process died (out of memory?)"))

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

    stats = essay_stats([e.slug for e in entries.values()], db=options.db, notebook_dir=notebook_dir)
    items = index_items(entries.values(), base_url, now=now, stats=stats)
    comments = approved_comments([i.slug for i in items], db=options.db, notebook_dir=notebook_dir,
                                 limit=FEED_LIMIT)
    pages = pages_digest(fingerprint, items, comments)
    written = [site_dir / INDEX_NAME, site_dir / FEED_NAME, site_dir / SEARCH_DIR / SCRIPT_NAME]
    if report.built or pages != manifest.pages or not all(p.is_file() for p in written):
        # The feeds carry each essay's whole body, kept from its build.
        for i, item in enumerate(items[:FEED_LIMIT]):
            items[i] = replace(item, content=feed_content(site_dir, item.slug))
        write_comment_feeds(site_dir, items, settings, comments)
        write_if_changed(site_dir / INDEX_NAME, render_index(
            items, title=settings.title, base_url=base_url, settings=settings, api=api,
            comments_feed=COMMENTS_FEED_NAME if comments is not None else "", json_feed=JSON_FEED_NAME,
            structured=site_json_ld(settings, settings.lang)))
        write_if_changed(site_dir / FEED_NAME, atom_feed(items[:FEED_LIMIT], title=settings.title,
                                                          base_url=base_url, author=settings.author))
        write_if_changed(site_dir / JSON_FEED_NAME, json_feed(items[:FEED_LIMIT], title=settings.title,
                                                              base_url=base_url, lang=settings.lang))
        write_tag_pages(site_dir, items, settings, api)
        write_site_pages(site_dir, items, settings, api)
        write_search_index(site_dir, items)
    tags = {t for i in items for t in i.tags}
    Manifest(settings=fingerprint, entries=entries, pages=pages, left_out=left_out).save(site_dir)

    drafts = report._with("draft")
    left_out = f", {len(drafts)} left out (drafts or scheduled)" if drafts else ""
    strangers = report._with("ignored")
    left_out += f", {len(strangers)} skipped (not essays)" if strangers else ""
    summary = (f"{site_dir}: {len(report.built)} built, {len(report.skipped)} unchanged, "
               f"{len(report.failed)} failed{left_out}; {INDEX_NAME}, {FEED_NAME} and {len(tags)} tag "
               f"page{'s' if len(tags) != 1 else ''} up to date")
    print(summary, file=stream, flush=True)
    for outcome in report.failed:
        print(f"error: {outcome.message}", file=stream, flush=True)
    return report
