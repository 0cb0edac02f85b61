"""One ``essaykit import`` run: files in, notebooks and comments out, one line per essay.

An essay already imported from the same source (``essay.source`` in its
metadata) keeps its notebook and slug unless ``force``; its comments are
offered to the store again, which adds only the new ones. Nothing is ever
deleted. ``dry_run`` opens no database and writes no file.

A new essay whose slug already has comments in the database (another
folder's essay sharing the database, or a notebook deleted since) is refused
unless ``merge``: importing would silently attach approved comments, and
the emails they make "known", to an essay that is already live.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .._words import plural
from ..errors import EssaykitError
from .build import Existing, Folder, notebook_for, source_key, write_notebook
from .archive import is_bundle
from .detect import detect_format
from .images import ImageDownloader, PostImages, image_urls
from .model import CommentsFor, Failed, ImportedPost, Outcome, Skipped
from .records import comment_records

Echo = Callable[[str], None]


def read_file(path: Path) -> tuple[str, Iterable[Outcome]]:
    """The format of ``path`` and its outcomes (a lazy stream for WXR, Blogger and exports of many files)."""
    if is_bundle(path):
        from .exports import read_export

        return read_export(path)
    kind = detect_format(path)
    if kind == "wxr":
        from .wxr import read_wxr

        return kind, read_wxr(path)
    if kind == "html":
        from .html_page import read_html_page

        return kind, read_html_page(path)
    if kind == "disqus":
        from .disqus import read_disqus

        return kind, read_disqus(path)
    if kind == "blogger":
        from .blogger import read_blogger

        return kind, read_blogger(path)
    if kind == "ghost":
        from .ghost import read_ghost

        return kind, read_ghost(path)
    from .subscribers import refuse_subscriber_list
    from .text import read_text_copy

    refuse_subscriber_list(path)  # a list of readers' addresses is text too, and no post
    return kind, read_text_copy(path)


@dataclass
class Totals:
    essays: int = 0
    written: int = 0
    comments_added: int = 0
    skipped: int = 0
    failed: int = 0
    lines: list[str] = field(default_factory=list)


def sureness(post: ImportedPost) -> str:
    """How sure the import is of the post's comments, for its line: "all with names and dates", "3 held for review"."""
    comments = [c for c in post.comments if c.kind == "comment"]
    if not comments:
        return ""
    held = sum(bool(c.reason) for c in comments)
    if held:
        return (f"; {plural(held, 'comment-like block')} held for review as pending"
                + (f", {len(comments) - held} sure" if held < len(comments) else "") + " (see --explain)")
    named = sum(c.author not in ("", "Anonymous") for c in comments)
    dated = sum(c.created is not None for c in comments)
    if named == dated == len(comments):
        return "; all with names and dates" if len(comments) > 1 else "; with its name and date"
    return f"; {named} with names, {dated} with their own dates (the others dated like the post)"


class ImportRun:
    """Import files into ``output`` and the comment store at ``db``.

    ``echo`` gets report lines, ``warn`` gets notes, skips and failures.
    """

    def __init__(self, output: Path, *, db: str | None = None, dry_run: bool = False, force: bool = False,
                 merge: bool = False, echo: Echo = print, warn: Echo = print, explain: Echo | None = None,
                 images: ImageDownloader | None = None):
        self.output = Path(output)
        self.images = images
        self.merge = merge
        self.explain = explain
        self.dry_run = dry_run
        self.force = force
        self.echo = echo
        self.warn = warn
        self.totals = Totals()
        self.folder = Folder(self.output)
        self.store = None
        if not dry_run:
            if self.output.exists() and not self.output.is_dir():
                raise EssaykitError(f"{self.output}: is a file, not a folder; give a folder with -o")
            from ..comments.store import CommentStore

            self.output.mkdir(parents=True, exist_ok=True)
            # Opened before anything is written, so a bad --db stops the run cleanly.
            self.store = CommentStore.open(db, essay_dir=self.output)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def run(self, paths: list[Path]) -> Totals:
        for path in paths:
            self.file(Path(path))
        if self.store is not None and self.totals.comments_added:
            # Imported decisions train the spam filter: once for the whole run, not once per post,
            # which would retrain on the growing record a thousand times for a thousand posts.
            self.store.spam.rebuild()
        return self.totals

    def file(self, path: Path) -> None:
        try:
            kind, outcomes = read_file(path)
        except EssaykitError as exc:
            self.fail(str(exc))
            return
        except (RecursionError, MemoryError):
            self.fail(f"{path}: nested too deeply or too large to read; is this really a saved post?")
            return
        before = self.totals.essays + self.totals.skipped + self.totals.failed
        try:
            self.outcomes(kind, outcomes)
        except (RecursionError, MemoryError):
            self.fail(f"{path}: nested too deeply or too large to read; is this really a saved post?")
        except (ValueError, LookupError, UnicodeError) as exc:
            self.fail(f"{path}: cannot be read as {kind}: {exc}")
        if self.totals.essays + self.totals.skipped + self.totals.failed == before:
            self.warn(f"{path}: no published posts or pages found")

    def outcomes(self, kind: str, outcomes: Iterable[Outcome]) -> None:
        for outcome in outcomes:
            if isinstance(outcome, Skipped):
                self.totals.skipped += 1
                self.warn(f"skipped {outcome.where}: {outcome.reason}")
            elif isinstance(outcome, Failed):
                self.fail(f"{outcome.where}: {outcome.message}")
            elif isinstance(outcome, CommentsFor):
                try:
                    self.thread(outcome, kind)
                except EssaykitError as exc:
                    self.fail(f"{outcome.where}: {exc}")
            else:
                try:
                    self.post(outcome, kind)
                except EssaykitError as exc:
                    self.fail(f"{outcome.where}: {exc}")

    def fail(self, message: str) -> None:
        self.totals.failed += 1
        self.warn(f"error: {message}")

    def place(self, post: ImportedPost) -> tuple[str, Path, str]:
        """(slug, notebook path, action) where action is create, keep or overwrite."""
        key = source_key(post.source)
        existing = self.folder.by_source.get(key)
        if existing is not None:
            return existing.slug, existing.path, "overwrite" if self.force else "keep"
        slug = self.folder.claim(post.slug)
        if slug != post.slug:
            post.notes.append(f"slug {post.slug!r} is already used; this essay is {slug!r}")
        path = self.output / f"{slug}.ipynb"
        self.folder.by_source[key] = Existing(path, slug)
        return slug, path, "create"

    def post(self, post: ImportedPost, kind: str) -> None:
        if post.rating is None:
            from .verdict import find_rating

            rating, said = find_rating("\n".join(post.blocks + post.spoiler_blocks))
            if said:
                (post.guessed if rating is not None else post.notes).append(said)
            post.rating = rating
        if self.explain is not None:
            self.explain(f"== {post.where}")
            for number, what, line in post.explain:
                self.explain(f"{number:>5}  {what:<34} {line}")
            for c in post.comments:
                if c.reason:
                    self.explain(f"{'':>5}  {'held for review (pending)':<34} {c.author}: {c.reason}")
        if post.doubts and not self.force:
            raise EssaykitError("; ".join(post.doubts) + "; nothing was written for it. Check it with --dry-run "
                                "--explain, then import again with --force to write it anyway")
        slug, path, action = self.place(post)
        records = comment_records(post, slug)
        comments = sum(r["kind"] == "comment" for r in records)
        mentions = len(records) - comments
        detail = {"create": "new notebook", "keep": "notebook exists and was kept; --force replaces it",
                  "overwrite": "notebook replaced"}[action]
        if self.dry_run:
            detail = "would write " + str(path) if action != "keep" else "notebook exists, would keep it"
            if self.images is not None and action != "keep":
                found = len(image_urls("\n".join(post.blocks + post.spoiler_blocks)))
                detail += f"; would download {plural(found, 'image')}" if found else ""
        else:
            if action == "create" and not self.merge:
                self.refuse_merge(slug)
            if action != "keep":
                detail += self.download_images(post)
                write_notebook(path, notebook_for(post, slug), overwrite=action == "overwrite")
                self.totals.written += 1
            if records:
                detail += self.store_records(post.where, records, kind)
        self.finish_post(post, slug, comments, mentions, detail + sureness(post))

    def download_images(self, post: ImportedPost) -> str:
        """Fetch the post's images into media/ and point its cells at them; what happened, for its line."""
        if self.images is None:
            return ""
        report = PostImages()
        post.blocks = self.images.localise(post.blocks, report, post.media)
        post.spoiler_blocks = self.images.localise(post.spoiler_blocks, report, post.media)
        for url, why in report.failed:
            post.notes.append(f"image {url} not downloaded, its link is kept: {why}")
        if not (report.stored or report.failed):
            return ""
        return f"; {plural(report.stored, 'image')} stored in media/" + (
            f", {len(report.failed)} left as links" if report.failed else "")

    def refuse_merge(self, slug: str) -> None:
        """EssaykitError when the database already has comments for ``slug``, which has no notebook here."""
        found = self.store.list(slug)
        if found:
            raise EssaykitError(
                f"the comment database already has {plural(len(found), 'comment')} for the slug {slug!r}, but "
                f"{self.output} has no notebook for it; nothing was written. If they belong to this essay (a "
                "notebook deleted since, or the same blog imported into another folder), import again with "
                "--merge; otherwise import into another database with --db")

    def store_records(self, where: str, records: list[dict], kind: str) -> str:
        """Put ``records`` in the comment store; what happened, for the post's line."""
        # author_backup: the importer set by_author from the source's structure (docs/import.md), not from a name.
        report = self.store.import_records(records, source=f"essaykit-import:{kind}", author_backup=True,
                                           train=False)
        self.totals.comments_added += report.added
        for problem in report.errors:
            self.fail(f"{where}: comment {records[problem.index]['id']}: {problem.message}")
        detail = f"; {plural(report.added, 'comment')} added"
        return detail + (f", {report.unchanged} already stored" if report.unchanged else "")

    def finish_post(self, post: ImportedPost | CommentsFor, slug: str, comments: int, mentions: int,
                    detail: str) -> None:
        """Count the post, print its line, then what was found, guessed and dropped."""
        self.totals.essays += 1
        line = f"{slug}: {plural(comments, 'comment')}, {plural(mentions, 'mention')} ({detail})"
        self.totals.lines.append(line)
        self.echo(line)
        self.report(post)

    def report(self, post: ImportedPost | CommentsFor) -> None:
        """What was found, guessed and dropped for one post, then its notes (standard error)."""
        for heading, items in (("found", post.found), ("guessed", post.guessed), ("dropped", post.dropped)):
            if items:
                self.warn(f"  {heading}: {post.where}: " + "; ".join(items))
        for note in post.notes:
            self.warn(f"  note: {post.where}: {note}")

    def thread(self, thread: CommentsFor, kind: str) -> None:
        """Comments for an essay imported before (a Disqus thread), matched by its link or slug."""
        essay = self.folder.find(thread.link, thread.slugs)
        if essay is None:
            self.totals.skipped += 1
            self.warn(f"skipped {thread.where}: no essay in {self.output} has the link {thread.link or '?'} "
                      f"or the slug {(thread.slugs or ['?'])[0]}; import the post first, then this file again")
            return
        shell = ImportedPost(where=thread.where, title="", slug=essay.slug, source={}, comment_prefix=thread.comment_prefix,
                             date=thread.date, comments=thread.comments, notes=thread.notes)
        records = comment_records(shell, essay.slug)
        comments = sum(r["kind"] == "comment" for r in records)
        mentions = len(records) - comments
        detail = "existing essay"
        if not self.dry_run and records:
            detail += self.store_records(thread.where, records, kind)
        self.finish_post(thread, essay.slug, comments, mentions, detail)
