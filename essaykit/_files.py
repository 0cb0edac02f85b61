"""Write files so that a crash never leaves half of one behind.

Every file essaykit writes for a user (pages, the site's index and feed, its
manifest, comment backups, new notebooks) goes through :func:`write_atomic`:
the text goes to a temporary file beside the target, which is then renamed
over it (or, with ``overwrite=False``, linked to it, which fails if a file
appeared there meanwhile). Readers see the old file or the new one, never a part.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from .errors import EssaykitError, ExportError


def write_atomic(target: Path, text: str | bytes, *, overwrite: bool = True, error: type[EssaykitError] = ExportError,
                 hint: str = "choose another output path with -o") -> None:
    """Write ``text`` to ``target`` atomically.

    ``text`` may be bytes (an image). Raises ``error`` naming the file and ending with ``hint`` when it cannot be
    written, and FileExistsError when ``overwrite`` is false and ``target`` exists.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise error(f"{target}: cannot write here ({exc.strerror}); {hint}") from None
    try:
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as fh:
                fh.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
        os.chmod(tmp, 0o644)
        if overwrite:
            os.replace(tmp, target)
        else:
            os.link(tmp, target)  # fails if the target exists, so nothing is ever clobbered
    except FileExistsError:
        raise
    except OSError as exc:
        raise error(f"{target}: cannot write ({exc.strerror}); {hint}") from None
    finally:
        Path(tmp).unlink(missing_ok=True)


MEDIA_DIR = "media"


def media_writer(folder: Path, root: str = ""):
    """Store an image once under ``folder``/media/, named by its content, and return its URL.

    A site build stores its pages' images this way, and ``essaykit import --download-images``
    an imported post's: the same bytes are one file, however many pages show them.
    """
    def media(data: bytes, suffix: str) -> str:
        name = f"{hashlib.sha256(data).hexdigest()[:20]}{suffix}"
        target = Path(folder) / MEDIA_DIR / name
        if not target.is_file():
            write_atomic(target, data)
        return f"{root}{MEDIA_DIR}/{name}"

    return media
