"""Identicons drawn on this machine: a small symmetric pattern per commenter.

The pattern comes from :attr:`Comment.avatar`, a hash of the email salted
with a secret kept in each comment database (see
:meth:`CommentStore.avatar_hash`). So:

* the same commenter gets the same picture on every page of one installation;
* nobody can turn the picture, or the hash, back into the email, and the same
  email gives unrelated pictures on two installations;
* nothing is fetched from anywhere (unlike Gravatar, which leaks who reads
  what and makes an unsalted MD5 of the email public).

The picture is a 5×5 grid mirrored left to right, in one colour picked from
the hash, returned as SVG text or as a ``data:image/svg+xml`` URL for an
``<img>``, where browsers run no script and load nothing.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re

_HEX = re.compile(r"[0-9a-f]{16,128}")
GRID = 5
CELL = 8
PAD = 4


def _digest(key: str) -> bytes:
    """Bytes to draw from. A key that is not already a hex hash is hashed first, so a
    caller who passes something else by mistake still never embeds it in the picture."""
    key = (key or "").strip().lower()
    if _HEX.fullmatch(key):
        return bytes.fromhex(key if len(key) % 2 == 0 else key[:-1]) + hashlib.sha256(key.encode()).digest()
    return hashlib.sha256(b"essaykit-identicon\0" + key.encode()).digest() * 2


def _colour(digest: bytes) -> str:
    hue = int.from_bytes(digest[-2:], "big") % 360
    saturation = 45 + digest[-3] % 25
    lightness = 38 + digest[-4] % 14
    return f"hsl({hue} {saturation}% {lightness}%)"


@functools.lru_cache(maxsize=4096)
def identicon_svg(key: str) -> str:
    """The identicon for ``key`` (a salted avatar hash) as standalone SVG text.

    An empty key (a pingback, or a ``[deleted]`` comment) gives a plain grey
    disc, so no picture ever stands for "nobody".
    """
    size = GRID * CELL + 2 * PAD
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
            f'viewBox="0 0 {size} {size}">')
    if not (key or "").strip():
        return (head + f'<rect width="{size}" height="{size}" rx="6" fill="#e4ded3"/>'
                f'<circle cx="{size / 2}" cy="{size / 2}" r="{size / 4}" fill="#a59d90"/></svg>')
    digest = _digest(key)
    half = (GRID + 1) // 2
    cells = []
    for row in range(GRID):
        for col in range(half):
            if digest[row * half + col] & 1:
                for x in {col, GRID - 1 - col}:
                    cells.append(f'<rect x="{PAD + x * CELL}" y="{PAD + row * CELL}" width="{CELL}" height="{CELL}"/>')
    if not cells:  # an empty grid reads as "no picture"; draw the centre at least
        cells.append(f'<rect x="{PAD + 2 * CELL}" y="{PAD + 2 * CELL}" width="{CELL}" height="{CELL}"/>')
    return (head + f'<rect width="{size}" height="{size}" rx="6" fill="#f3efe7"/>'
            f'<g fill="{_colour(digest)}">{"".join(cells)}</g></svg>')


@functools.lru_cache(maxsize=4096)
def identicon_data_url(key: str) -> str:
    """:func:`identicon_svg` as a ``data:image/svg+xml;base64,…`` URL for ``<img src>``."""
    return "data:image/svg+xml;base64," + base64.b64encode(identicon_svg(key).encode("ascii")).decode("ascii")
