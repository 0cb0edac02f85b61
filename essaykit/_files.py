"""Write files so that a crash never leaves half of one behind.

Every file essaykit writes for a user (pages, the site's index and feed, its
manifest, comment backups, new notebooks) goes through :func:`write_atomic`:
the text goes to a temporary file beside the target, which is then renamed
over it (or, with ``overwrite=False``, linked to it, which fails if a file
appeared there meanwhile). Readers see the old file or the new one, never a part.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import EssaykitError, ExportError


def write_atomic(target: Path, text: str, *, overwrite: bool = True, error: type[EssaykitError] = ExportError,
                 hint: str = "choose another output path with -o") -> None:
    """Write ``text`` to ``target`` atomically.

    Raises ``error`` naming the file and ending with ``hint`` when it cannot be
    written, and FileExistsError when ``overwrite`` is false and ``target`` exists.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise error(f"{target}: cannot write here ({exc.strerror}); {hint}") from None
    try:
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
