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
SIZE = 36  # pixels, as the comment macro shows it


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
    return f"hsl({hue},{saturation}%,{lightness}%)"


@functools.lru_cache(maxsize=4096)
def identicon_svg(key: str) -> str:
    """The identicon for ``key`` (a salted avatar hash) as standalone SVG text.

    An empty key (a pingback, or a ``[deleted]`` comment) gives a plain grey
    disc, so no picture ever stands for "nobody". The SVG is kept tiny (one
    path in a 5-unit grid) because a static page embeds one per comment.
    """
    head = f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="-.5 -.5 6 6">'
    if not (key or "").strip():
        return head + '<rect x="-.5" y="-.5" width="6" height="6" rx=".7" fill="#e4ded3"/><circle cx="2.5" cy="2.5" r="1.4" fill="#a59d90"/></svg>'
    digest = _digest(key)
    half = (GRID + 1) // 2
    cells = set()
    for row in range(GRID):
        for col in range(half):
            if digest[row * half + col] & 1:
                cells.update({(col, row), (GRID - 1 - col, row)})
    if not cells:  # an empty grid reads as "no picture"; draw the centre at least
        cells.add((2, 2))
    path = "".join(f"M{x} {y}h1v1h-1z" for x, y in sorted(cells, key=lambda c: (c[1], c[0])))
    return (head + '<rect x="-.5" y="-.5" width="6" height="6" rx=".7" fill="#f3efe7"/>'
            f'<path fill="{_colour(digest)}" d="{path}"/></svg>')


@functools.lru_cache(maxsize=4096)
def identicon_data_url(key: str) -> str:
    """:func:`identicon_svg` as a ``data:image/svg+xml;base64,…`` URL for ``<img src>``."""
    return "data:image/svg+xml;base64," + base64.b64encode(identicon_svg(key).encode("ascii")).decode("ascii")
