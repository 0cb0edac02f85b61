"""An image's width and height in pixels, read from the first bytes of its file.

Enough of PNG, GIF, JPEG, WebP and SVG to give an ``<img>`` its size, so the
page does not shift as images arrive, without an imaging library. Anything
unreadable gives None: the image is still shown, only without a size.
"""

from __future__ import annotations

import re
import struct

MAX_SIDE = 100_000
_SVG_ROOT = re.compile(rb"<svg\b[^>]*>", re.S | re.I)
_SVG_ATTR = re.compile(rb'\b(width|height|viewBox)\s*=\s*["\']([^"\']*)["\']', re.I)
_SVG_LENGTH = re.compile(rb"^\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$")


def _ok(width: int, height: int) -> tuple[int, int] | None:
    return (width, height) if 0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE else None


def _png(data: bytes):
    if data[12:16] == b"IHDR" and len(data) >= 24:
        return _ok(*struct.unpack(">II", data[16:24]))
    return None


def _gif(data: bytes):
    return _ok(*struct.unpack("<HH", data[6:10])) if len(data) >= 10 else None


def _jpeg(data: bytes):
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2:pos + 4])
        # Start-of-frame markers (not DHT C4, JPG C8 or DAC CC) hold the size.
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            if pos + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[pos + 5:pos + 9])
            return _ok(width, height)
        pos += 2 + length
    return None


def _webp(data: bytes):
    chunk = data[12:16]
    if chunk == b"VP8 " and len(data) >= 30:
        width, height = struct.unpack("<HH", data[26:30])
        return _ok(width & 0x3FFF, height & 0x3FFF)
    if chunk == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return _ok((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8X" and len(data) >= 30:
        return _ok(int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1)
    return None


def _svg(data: bytes):
    root = _SVG_ROOT.search(data[:4096])
    if not root:
        return None
    attrs = {k.lower(): v for k, v in _SVG_ATTR.findall(root.group(0))}
    sizes = [_SVG_LENGTH.match(attrs.get(k, b"")) for k in (b"width", b"height")]
    if all(sizes):
        return _ok(round(float(sizes[0].group(1))), round(float(sizes[1].group(1))))
    box = attrs.get(b"viewbox", b"").replace(b",", b" ").split()
    if len(box) == 4:
        try:
            return _ok(round(float(box[2])), round(float(box[3])))
        except ValueError:
            return None
    return None


def raster_type(data: bytes) -> str | None:
    """The type a PNG, GIF, JPEG or WebP file's first bytes say it is (``image/png``…), whatever it was called."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


_READERS = {"image/png": _png, "image/gif": _gif, "image/jpeg": _jpeg, "image/webp": _webp}


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG, GIF, JPEG, WebP or SVG image, or None."""
    try:
        kind = raster_type(data)
        if kind is not None:
            return _READERS[kind](data)
        if b"<svg" in data[:4096]:
            return _svg(data)
    except (struct.error, ValueError, IndexError):
        return None
    return None
