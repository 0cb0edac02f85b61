"""Keep images in the author's Markdown from making the static page fetch anything.

The essay Markdown profile allows ``![alt](https://…)`` and ``![alt](plot.png)``
because the live Voilà page may load them. A static page must not:

- a relative image next to the notebook (a PNG, JPEG, GIF, WebP or SVG file of at
  most :data:`MAX_EMBED_BYTES`, inside the notebook's folder) is embedded as a
  ``data:`` URL;
- any other image (remote, missing, too large, outside the folder) becomes a
  link to it with its alt text, so nothing is lost and nothing is fetched.

Every image whose bytes are at hand gets its ``width`` and ``height`` (read
from the file's header by :mod:`essaykit._imagesize`), so the text does not
shift as it loads. A site build passes ``media``: local images are then
written as files beside the pages and linked, and ``lazy`` marks every image
``loading="lazy"``.

Input is sanitised HTML from :func:`essaykit.markdown.render_markdown`, whose
serialiser always double-quotes attribute values.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .._data_urls import DATA_IMAGE, browser_url, data_url_bytes, is_data_url
from .._imagesize import image_size

MAX_EMBED_BYTES = 5 * 1024 * 1024
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ATTR = re.compile(r'([a-zA-Z-]+)="([^"]*)"')
# SVG is embedded too: inside <img> a browser runs no script in it and loads nothing.
_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp",
          ".svg": "image/svg+xml"}


def local_image(src: str, base_dir: Path) -> tuple[bytes, str, str] | None:
    """(bytes, mime type, suffix) of a relative image inside ``base_dir``, or None."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    try:
        root = base_dir.resolve()
        path = (root / unquote(parts.path)).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            return None
        mime = _TYPES.get(path.suffix.lower())
        if mime is None or path.stat().st_size > MAX_EMBED_BYTES:
            return None
        return path.read_bytes(), mime, path.suffix.lower()
    except OSError:
        return None


def embedded_image_bytes(page: str) -> int:
    """How many bytes of images a page carries as base64 ``data:`` URLs."""
    return sum(len(m.group(2)) * 3 // 4 for m in DATA_IMAGE.finditer(page))


def _with_size(tag: str, attrs: dict, data: bytes) -> str:
    if "width" in attrs or "height" in attrs:
        return tag
    size = image_size(data)
    if size is None:
        return tag
    return tag.replace("<img", f'<img width="{size[0]}" height="{size[1]}"', 1)


def offline_images(markup: str, base_dir: Path, *, media: Callable[[bytes, str], str] | None = None) -> str:
    """Embed (or, with ``media``, write out and link) every local ``<img>`` in ``markup``,
    unlink remote ones, and give each the size read from its bytes.

    ``media(data, suffix)`` stores an image's bytes and returns the URL to use.
    """
    if "<img" not in markup:
        return markup

    def fix(match: re.Match) -> str:
        tag = match.group(0)
        attrs = {k.lower(): v for k, v in _ATTR.findall(tag)}
        src = browser_url(html.unescape(attrs.get("src", "")))
        if is_data_url(src):
            return _with_size(tag, attrs, data_url_bytes(src, 262144))
        found = local_image(src, base_dir) if src else None
        if found:
            data, mime, suffix = found
            url = media(data, suffix) if media else f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
            tag = tag.replace(f'src="{attrs["src"]}"', f'src="{html.escape(url)}"', 1)
            return _with_size(tag, attrs, data)
        alt = attrs.get("alt", "") or "image"
        if src.startswith(("http://", "https://")):
            return f'<a class="ek-offline-image" href="{attrs["src"]}">[{alt}]</a>'
        return f'<span class="ek-offline-image">[{alt}]</span>'

    return _IMG.sub(fix, markup)


def lazy_images(markup: str) -> str:
    """Mark every image ``loading="lazy"``, for pages that hold many (a site's)."""
    return re.sub(r"<img\b(?![^>]*\bloading=)", '<img loading="lazy" decoding="async"', markup)
