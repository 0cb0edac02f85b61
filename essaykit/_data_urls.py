"""The one rule for ``data:`` URLs in the HTML essaykit writes.

A ``data:`` URL is allowed only as the ``src`` of an ``<img>``, and only as a
base64 image of a type the caller names: raster images in the author's
Markdown, raster images and SVG in code outputs (both through ``<img>``, where
a browser runs no script). Never in a link, never as HTML.

URLs are read the way a browser reads them (the WHATWG URL parser): leading
and trailing spaces and control characters are stripped and tabs and newlines
anywhere are dropped, so ``" data:…"`` and ``"da\\tta:…"`` are ``data:`` URLs
too. The sanitisers apply the rule in nh3's ``attribute_filter``, which sees
attribute values with character references already decoded.
"""

from __future__ import annotations

import base64
import re

RASTER_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp")
RASTER_SUFFIXES = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp"}
SVG_TYPE = "image/svg+xml"
# Base64 payloads in notebooks are often wrapped, so whitespace may sit inside one.
DATA_IMAGE = re.compile(r"data:(image/(?:png|jpeg|gif|webp|svg\+xml));base64,([A-Za-z0-9+/=\s]*)", re.I)
_DROPPED = re.compile(r"[\t\n\r]")
_STRIPPED = "".join(map(chr, range(0x21)))


def browser_url(value: str) -> str:
    """``value`` as a browser's URL parser sees it before parsing."""
    return _DROPPED.sub("", value).strip(_STRIPPED)


def is_data_url(value: str) -> bool:
    return browser_url(value)[:5].lower() == "data:"


def data_image_type(value: str) -> str | None:
    """The image type of a base64 ``data:`` image URL (lower case), or None for anything else."""
    found = DATA_IMAGE.fullmatch(browser_url(value))
    return found.group(1).lower() if found else None


def filter_data_url(tag: str, attr: str, value: str, image_types: tuple[str, ...]) -> str | None:
    """An nh3 ``attribute_filter`` step: ``value`` unless it is a ``data:`` URL the rule refuses
    (then None, and nh3 drops the attribute)."""
    if not is_data_url(value):
        return value
    if tag == "img" and attr == "src" and data_image_type(value) in image_types:
        return "data:" + browser_url(value)[5:]
    return None


def data_url_bytes(src: str, limit: int | None = None) -> bytes:
    """The decoded bytes of a base64 ``data:`` URL (only its first ``limit`` bytes when given)."""
    payload = re.sub(r"\s", "", src.partition(",")[2])
    if limit is not None:
        payload = payload[: (limit // 3 + 1) * 4]
    try:
        return base64.b64decode(payload + "=" * (-len(payload) % 4))
    except (ValueError, TypeError):
        return b""
