"""Exports that are many files, given as a ZIP or its unzipped folder, recognised by what they hold.

- Substack's export: ``posts.csv`` beside a ``posts/`` folder (:mod:`.substack`);
- Medium's export: ``posts/*.html`` pages of microformats (:mod:`.medium`), or that ``posts/`` folder alone;
- WordPress.com's export, a ZIP of WordPress exports (WXR): every ``.xml`` inside that is one (:mod:`.wxr`).

Either may sit at the top of the archive or in one folder (a ZIP made by
"compress this folder"). Members that are ignored for their names (an
absolute path, ``..``, a link: :mod:`.archive`) are reported as skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import ImportFormatError
from .archive import DAMAGED, Bundle, open_bundle
from .detect import HEAD_BYTES, decode_head
from .medium import is_medium_post, read_medium
from .model import Failed, Outcome, Skipped
from .substack import read_substack

# What a WordPress export declares (its namespace), read in an XML member's first bytes.
WXR_NAMESPACE = "wordpress.org/export/"
WHAT_AN_EXPORT_HOLDS = ("essaykit reads Medium's export (posts/*.html), Substack's (posts.csv and posts/) and "
                        "WordPress.com's (.xml files), zipped or unzipped; for anything else, unzip it and import "
                        "the file inside")


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
    return None


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
        try:
            yield from outcomes
        except ImportFormatError as exc:  # a member that went bad while it was read
            yield Failed(bundle.label, str(exc).removeprefix(f"{bundle.label}: "))
        except DAMAGED as exc:  # …while a WXR file was streamed from it
            yield Failed(bundle.label, f"a file in it is damaged ({exc}); download the export again")
    finally:
        bundle.close()


def read_export(path: Path) -> tuple[str, Iterator[Outcome]]:
    """The kind of export at ``path`` (``medium``, ``substack``, ``wxr``) and its outcomes, read lazily."""
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
