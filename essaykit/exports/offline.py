"""Keep images in the author's Markdown from making the static page fetch anything.

The essay Markdown profile allows ``![alt](https://…)`` and ``![alt](plot.png)``
because the live Voilà page may load them. A static page must not:

- a relative image next to the notebook (a PNG, JPEG, GIF or WebP file of at
  most :data:`MAX_EMBED_BYTES`, inside the notebook's folder) is embedded as a
  ``data:`` URL;
- any other image (remote, missing, too large, outside the folder) becomes a
  link to it with its alt text, so nothing is lost and nothing is fetched.

Input is sanitised HTML from :func:`essaykit.markdown.render_markdown`, whose
serialiser always double-quotes attribute values.
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

MAX_EMBED_BYTES = 5 * 1024 * 1024
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ATTR = re.compile(r'([a-zA-Z-]+)="([^"]*)"')
_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp"}


def _embed(src: str, base_dir: Path) -> str | None:
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
        data = path.read_bytes()
    except OSError:
        return None
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def offline_images(markup: str, base_dir: Path) -> str:
    """Embed or unlink every ``<img>`` in ``markup`` whose source is not already a ``data:`` URL."""
    if "<img" not in markup:
        return markup

    def fix(match: re.Match) -> str:
        tag = match.group(0)
        attrs = {k.lower(): v for k, v in _ATTR.findall(tag)}
        src = html.unescape(attrs.get("src", ""))
        if src.startswith("data:"):
            return tag
        embedded = _embed(src, base_dir) if src else None
        if embedded:
            return tag.replace(f'src="{attrs["src"]}"', f'src="{embedded}"', 1)
        alt = attrs.get("alt", "") or "image"
        if src.startswith(("http://", "https://")):
            return f'<a class="ek-offline-image" href="{attrs["src"]}">[{alt}]</a>'
        return f'<span class="ek-offline-image">[{alt}]</span>'

    return _IMG.sub(fix, markup)
