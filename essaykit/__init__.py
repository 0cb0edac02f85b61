"""essaykit: write interactive essays in Jupyter, read them live in Voilà or as one HTML file.

The public API is small and listed in ``__all__``. Widgets and the comment
store import lazily, so ``import essaykit`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ._version import __version__
from .errors import (
    AlreadyRated, CommentError, ConfigError, DuplicateMention, EditClosed, EssayError, EssaykitError, EssaykitWarning,
    ExportError, ImportFormatError, KernelError, NotYourComment, RateLimited, SignInFailed, StoreError, WidgetError,
)

_LAZY = {
    "Essay": "essaykit.essay",
    "load_essay": "essaykit.essay",
    "check_essay": "essaykit.essay",
    "render_markdown": "essaykit.markdown",
    "current_slug": "essaykit.essay",
    "Spoiler": "essaykit.widgets.spoiler",
    "Rating": "essaykit.widgets.rating",
    "CommentSection": "essaykit.widgets.comments",
    "ModerationQueue": "essaykit.widgets.moderation",
    "CommentStore": "essaykit.comments.store",
}

__all__ = [
    "AlreadyRated",
    "CommentError",
    "CommentSection",
    "CommentStore",
    "DuplicateMention",
    "EditClosed",
    "ModerationQueue",
    "NotYourComment",
    "Rating",
    "RateLimited",
    "SignInFailed",
    "Spoiler",
    "ConfigError",
    "current_slug",
    "Essay",
    "EssayError",
    "EssaykitError",
    "EssaykitWarning",
    "ExportError",
    "ImportFormatError",
    "KernelError",
    "StoreError",
    "WidgetError",
    "__version__",
    "check_essay",
    "load_essay",
    "render_markdown",
]

if TYPE_CHECKING:  # pragma: no cover
    from .essay import Essay, check_essay, load_essay
    from .comments.store import CommentStore
    from .essay import current_slug
    from .markdown import render_markdown
    from .widgets.comments import CommentSection
    from .widgets.moderation import ModerationQueue
    from .widgets.rating import Rating
    from .widgets.spoiler import Spoiler


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'essaykit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
