"""Exports that are many files, given as a ZIP or its unzipped folder, recognised by what they hold.

- Substack's export: ``posts.csv`` beside a ``posts/`` folder (:mod:`.substack`);
- Medium's export: ``posts/*.html`` pages of microformats (:mod:`.medium`), or that ``posts/`` folder alone;
- WordPress.com's export, a ZIP of WordPress exports (WXR): every ``.xml`` inside that is one (:mod:`.wxr`);
- Google Takeout's Blogger folder (``Blogger/Blogs/NAME/feed.atom``) and Blogger's backup (:mod:`.blogger`);
- a Ghost export (``.json``) with the site's ``content/images/`` beside it, as Ghost's own importer takes it
  (:mod:`.ghost`).

An image a post shows that the export holds itself (its address's path is a file of the export, at
its top or in its one folder) is handed to ``--download-images`` from there: see :class:`ExportImages`.

Either may sit at the top of the archive or in one folder (a ZIP made by
"compress this folder"). Members that are ignored for their names (an
absolute path, ``..``, a link: :mod:`.archive`) are reported as skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import ImportFormatError
from .archive import DAMAGED, Bundle, open_bundle, unsafe
from .detect import BLOGGER, GHOST, HEAD_BYTES, decode_head
from .images import IMAGE_MAX_BYTES
from .medium import is_medium_post, read_medium
from .model import Failed, ImportedPost, Outcome, Skipped
from .substack import read_substack

# What a WordPress export declares (its namespace), read in an XML member's first bytes.
WXR_NAMESPACE = "wordpress.org/export/"
WHAT_AN_EXPORT_HOLDS = ("essaykit reads Medium's export (posts/*.html), Substack's (posts.csv and posts/), "
                        "WordPress.com's (.xml files), Blogger's (Takeout's feed.atom) and Ghost's (.json), zipped "
                        "or unzipped; for anything else, unzip it and import the file inside")


def _head(bundle: Bundle, name: str) -> str:
    return decode_head(bundle.read(name, HEAD_BYTES, head=True))


def _roots(bundle: Bundle) -> list[str]:
    """Where the export may start: the top, then each top-level folder."""
    tops = sorted({name.split("/", 1)[0] + "/" for name in bundle.sizes if "/" in name})
    return [""] + tops


def _which(bundle: Bundle) -> tuple[str, Iterator[Outcome]] | None:
    for root in _roots(bundle):
        if f"{root}posts.csv" in bundle.sizes:
            return "substack", read_substack(bundle, f"{root}posts.csv")
        posts = bundle.names(f"{root}posts", ".html")
        if posts and is_medium_post(_head(bundle, posts[0])):
            return "medium", read_medium(bundle, posts)
    pages = bundle.names("", ".html")  # Medium's posts/ folder given on its own
    if pages and is_medium_post(_head(bundle, pages[0])):
        return "medium", read_medium(bundle, pages)
    xml = [name for name in sorted(bundle.sizes) if name.lower().endswith(".xml")]
    wxr = [name for name in xml if WXR_NAMESPACE in _head(bundle, name)]
    if wxr:
        return "wxr", _wordpress(bundle, wxr, [name for name in xml if name not in wxr])
    feeds = [name for name in sorted(bundle.sizes) if name.lower().endswith((".atom", ".xml"))
             and BLOGGER.search(_head(bundle, name))]
    if feeds:
        return "blogger", _members(bundle, feeds, "blogger")
    ghost = [name for name in sorted(bundle.sizes) if name.lower().endswith(".json")
             and GHOST.search(_head(bundle, name).lstrip()[:4096])]
    if ghost:
        return "ghost", _members(bundle, ghost, "ghost")
    return None


def _members(bundle: Bundle, names: list[str], kind: str) -> Iterator[Outcome]:
    """Each Blogger feed or Ghost export of the bundle, read where it is (streamed, or to its own size limit)."""
    if kind == "blogger":
        from .blogger import read_blogger as read
    else:
        from .ghost import read_ghost as read
    for name in names:
        opener: Callable = lambda name=name: bundle.open(name)
        yield from read(Path(name), opener=opener, name=f"{bundle.label}: {name}")


class ExportImages:
    """An export's own image files, found by an image's address (``--download-images`` takes them from here).

    The address's path (``/content/images/2024/05/a.jpg``, of any host) is looked up as a file of the
    export, at its top or in its one top folder; only files the bundle lists are ever read (an absolute
    path, a ``..`` step, a link is none of them) and at most IMAGE_MAX_BYTES of one.
    """

    def __init__(self, bundle: Bundle):
        self.bundle = bundle
        self.roots = _roots(bundle)

    def __call__(self, url: str) -> bytes | None:
        path = unquote(urlsplit(url).path).lstrip("/")
        if not path or unsafe(path):
            return None
        name = next((root + path for root in self.roots if root + path in self.bundle.sizes), None)
        return self.bundle.read(name, IMAGE_MAX_BYTES) if name is not None else None


def _wordpress(bundle: Bundle, wxr: list[str], other: list[str]) -> Iterator[Outcome]:
    from .wxr import read_wxr

    for name in other:
        yield Skipped(f"{bundle.label}: {name}", "XML, but not a WordPress export; left out")
    for name in wxr:
        opener: Callable = lambda name=name: bundle.open(name)
        yield from read_wxr(Path(name), opener=opener, name=f"{bundle.label}: {name}")


def _stream(bundle: Bundle, outcomes: Iterator[Outcome]) -> Iterator[Outcome]:
    try:
        for name, why in bundle.ignored:
            yield Skipped(f"{bundle.label}: {name}", f"{why}; ignored, never read")
        images = ExportImages(bundle)
        try:
            for outcome in outcomes:
                if isinstance(outcome, ImportedPost):
                    outcome.media = images  # read while the bundle is open: the run handles each post as it comes
                yield outcome
        except ImportFormatError as exc:  # a member that went bad while it was read
            yield Failed(bundle.label, str(exc).removeprefix(f"{bundle.label}: "))
        except DAMAGED as exc:  # …while a WXR file was streamed from it
            yield Failed(bundle.label, f"a file in it is damaged ({exc}); download the export again")
    finally:
        bundle.close()


def read_export(path: Path) -> tuple[str, Iterator[Outcome]]:
    """The kind of export at ``path`` (``medium``, ``substack``, ``wxr``, ``blogger``, ``ghost``) and its outcomes, read lazily."""
    bundle = open_bundle(path)
    try:
        found = _which(bundle)
    except BaseException:
        bundle.close()
        raise
    if found is None:
        bundle.close()
        what = "a folder" if path.is_dir() else "a ZIP archive"
        raise ImportFormatError(f"{path}: {what} with none of the exports essaykit reads in it; {WHAT_AN_EXPORT_HOLDS}")
    return found[0], _stream(bundle, found[1])
