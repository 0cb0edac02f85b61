"""``essaykit import --download-images``: an imported post's images, fetched into ``media/``.

Without the flag an image of the old blog stays a link, ``[Image: alt](https://old.blog/a.jpg)``
(:mod:`.htmlmd`), so an essay page loads nothing from another site. With it, each such image
is fetched through the safe fetcher the mentions use (:func:`essaykit.mentions.fetch.fetch`:
public addresses only, every redirect checked again and at most five, a time cap, a size cap
read as the bytes arrive, no compression), must *be* a PNG, JPEG, GIF or WebP image by its
first bytes whatever the server calls it, and is stored once under the output folder's
``media/``, named by its content; the link becomes the image ``![alt](media/3f…e1.jpg)``.

An image the post's export holds itself (a ZIP with the site's ``content/images/``, read by
:mod:`.exports`) is taken from there and never fetched: found by its address's path, read up to the
same size cap, checked by its bytes the same way. A relative address (``/content/images/a.jpg``, when
the export does not say the site's address) can only come from there.

An image that cannot be had keeps its link, and the post's report names its URL and why.
Each URL is fetched once per run, however many posts show it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .._data_urls import RASTER_SUFFIXES, RASTER_TYPES
from .._files import media_writer
from .._imagesize import raster_type
from ..errors import ImportFormatError
from ..exports.offline import MAX_EMBED_BYTES
from ..mentions.fetch import FetchError, FetchPolicy, fetch

# The static page embeds images up to MAX_EMBED_BYTES; a larger one would be a link again.
IMAGE_MAX_BYTES = MAX_EMBED_BYTES
IMAGE_SECONDS = 15.0
USER_AGENT = "essaykit-import (downloading the images of an imported blog post)"
# What a server may call an image we then check by its bytes (some send every file as octet-stream).
_READ_TYPES = (*RASTER_TYPES, "application/octet-stream", "binary/octet-stream")
_KINDS = "a PNG, JPEG, GIF or WebP image"
# The link htmlmd writes for an <img>: the alt text has its brackets escaped as &#91; &#93;.
# The address is absolute, or a path on the old site (an export that does not say the site's address).
IMAGE_LINK = re.compile(r"\[Image(?:: ([^\]]*))?\]\((https?://[^)\s]+|/(?!/)[^)\s]*)\)")
ImageSource = Callable[[str], "bytes | None"]


def image_policy(*, allow_private: bool = False) -> FetchPolicy:
    """The fetch limits for one image: the mentions' address rules, a larger size and time cap."""
    return FetchPolicy(allow_private=allow_private, max_bytes=IMAGE_MAX_BYTES, timeout=IMAGE_SECONDS,
                       user_agent=USER_AGENT)


class ImageRefused(Exception):
    """An image that was not stored; the message says why (for the post's report)."""


@dataclass
class PostImages:
    """What happened to one post's images: how many were stored, and each one left as a link with why."""

    stored: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


def image_urls(markdown: str) -> list[str]:
    """The image links of an imported post's Markdown, in order, each once."""
    return list(dict.fromkeys(m.group(2) for m in IMAGE_LINK.finditer(markdown)))


class ImageDownloader:
    """Fetch images into ``folder``/media/ under ``policy``; one instance serves a whole run."""

    def __init__(self, folder: Path, policy: FetchPolicy | None = None):
        self.store = media_writer(folder)
        self.policy = policy or image_policy()
        self.done: dict[str, str | ImageRefused] = {}

    def localise(self, blocks: list[str], report: PostImages, media: ImageSource | None = None) -> list[str]:
        """``blocks`` with every image link that could be had (from ``media``, the export, else fetched) made local."""

        def swap(match: re.Match) -> str:
            local = self.get(match.group(2), media)
            if isinstance(local, ImageRefused):
                report.failed.append((match.group(2), str(local)))
                return match.group(0)
            report.stored += 1
            return f"![{match.group(1) or ''}]({local})"

        return [IMAGE_LINK.sub(swap, block) for block in blocks]

    def get(self, url: str, media: ImageSource | None = None) -> str | ImageRefused:
        """The local path of ``url``'s image (the export's copy, or fetched now or earlier in the run), or why not."""
        if media is not None:
            try:
                held = media(url)
            except (ImportFormatError, OSError) as exc:  # over the cap, damaged in the ZIP, gone from the folder
                return ImageRefused(f"the export's copy cannot be used: {exc}")
            if held is not None:
                try:
                    return self._keep(held, "the export's copy is there, but its")
                except ImageRefused as exc:
                    return exc
        if not url.startswith(("http://", "https://")):
            return ImageRefused("a path on the old site, whose address the export does not say, and the export "
                                "does not hold the file; copy the image into media/ by hand")
        if url not in self.done:
            try:
                self.done[url] = self._fetch(url)
            except ImageRefused as exc:
                self.done[url] = exc
        return self.done[url]

    def _fetch(self, url: str) -> str:
        try:
            response = fetch(url, policy=self.policy, read_types=_READ_TYPES,
                             headers={"Accept": "image/png, image/jpeg, image/gif, image/webp;q=0.9"})
        except FetchError as exc:
            raise ImageRefused(str(exc)) from None
        if response.status != 200:
            raise ImageRefused(f"the server answered {response.status}")
        said = response.content_type or "no type"
        if said not in _READ_TYPES:
            raise ImageRefused(f"the server sent {said}, not {_KINDS}")
        return self._keep(response.body, f"the server called it {said}, but its")

    def _keep(self, data: bytes, whose: str) -> str:
        """Store ``data`` when its bytes are an image of a kind a page may show; ``whose`` names it for the refusal."""
        kind = raster_type(data)
        if kind is None:
            raise ImageRefused(f"{whose} bytes are not {_KINDS}")
        return self.store(data, RASTER_SUFFIXES[kind])
