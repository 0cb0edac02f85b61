"""A built site's images: local images stored once under ``media/``, and each essay's social card."""

from __future__ import annotations

import html
import re
from pathlib import Path

from .._data_urls import RASTER_SUFFIXES, RASTER_TYPES, data_image_type, data_url_bytes
from .._files import write_atomic
from ..errors import ExportError
from ..essay import CodeBlock, TextBlock
from .offline import local_image

_IMG_SRC = re.compile(r'<img\b[^>]*?\ssrc="([^"]*)"', re.I)


def card_source(essay) -> tuple[bytes, str] | str | None:
    """The essay's social card image: ``essay.image``, else its first image (text first,
    then code outputs). Bytes and file suffix, or an absolute URL, or None."""
    folder = Path(essay.path).parent
    wanted = essay.meta.image
    if wanted:
        if wanted.startswith(("http://", "https://")):
            return wanted
        found = local_image(wanted, folder)
        if found is None:
            raise ExportError(f"{essay.path}: essay.image {wanted!r} is not a PNG, JPEG, GIF or WebP file "
                              "beside the notebook; check the path")
        return found[0], found[2]
    # Not a spoiler block's images: a card is seen before the page.
    candidates = [html.unescape(src) for b in essay.blocks if isinstance(b, TextBlock)
                  for src in _IMG_SRC.findall(b.html)]
    for src in candidates:
        mime = data_image_type(src)
        if mime in RASTER_TYPES:
            return data_url_bytes(src), RASTER_SUFFIXES[mime]
        found = local_image(src, folder)
        if found:
            return found[0], found[2]
        if src.startswith(("http://", "https://")):
            return src
    for block in essay.blocks:
        if isinstance(block, CodeBlock):
            for out in block.outputs:
                data = out.get("data") or {} if isinstance(out, dict) else {}
                for mime, suffix in RASTER_SUFFIXES.items():
                    if isinstance(data.get(mime), (str, list)):
                        text = "".join(data[mime]) if isinstance(data[mime], list) else data[mime]
                        return data_url_bytes("," + text.replace("\n", "")), suffix
    return None


def write_card(essay, site_dir: Path, base_url: str) -> tuple[str, str]:
    """Write the card image beside the page; returns (its URL for og:image, its file name)."""
    found = card_source(essay)
    if found is None:
        return "", ""
    if isinstance(found, str):
        return found, ""
    data, suffix = found
    name = f"{essay.meta.slug}.card{suffix}"
    target = site_dir / name
    if not (target.is_file() and target.read_bytes() == data):
        write_atomic(target, data)
    return base_url + name if base_url else name, name
