"""Exceptions raised by essaykit.

    EssaykitError                  base class; the CLI prints it as one line and exits non-zero
    ├── EssayError                 a notebook cannot be used as an essay at all (exit 2 in `check`)
    ├── CommentError               a comment was refused; ``field`` names the form field at fault
    │   ├── AlreadyRated           this reader has already rated this essay
    │   ├── DuplicateMention       this essay already has a mention from that source
    │   ├── NotYourComment         a reader may change only a comment their own browser posted (HTTP 403)
    │   ├── EditClosed             the comment is older than the edit window (it can still be deleted)
    │   └── RateLimited            refused for now because the reader posts too often (HTTP 429); a TryLater
    ├── StoreError                 the comment store cannot be opened or migrated
    ├── ConfigError                a setting or settings file is wrong (moderation rules, profiles, assets)
    ├── ExportError                an export or site build failed; names the file and cell
    ├── ImportFormatError          a file given to `essaykit import` cannot be read
    ├── SignInFailed               a reader's sign-in could not be finished (forged state, refused code, …)
    └── WidgetError                a widget was given a bad argument (also a ValueError)

    TryLater                       mixin: refused for now, the same request may succeed after ``retry_after`` seconds

    EssaykitWarning                something is suspicious but usable (a UserWarning)

Every message names the file, cell or field at fault and says what to do about it.
Code decides on the type (and ``field``, ``retry_after``), never on a message's words.
"""

from __future__ import annotations


class EssaykitWarning(UserWarning):
    """Something is suspicious but usable; tests turn these into errors."""


class EssaykitError(Exception):
    """Base class for every error essaykit raises on purpose."""


class EssayError(EssaykitError):
    """The notebook cannot be read as an essay."""


class CommentError(EssaykitError, ValueError):
    """A comment was refused. ``field`` is the form field at fault, or None."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class AlreadyRated(CommentError):
    """The reader (by email or session) has already rated this essay; a rating is given once."""

    def __init__(self, message: str = "you have already rated this essay", field: str | None = "rating"):
        super().__init__(message, field)


class ConfigError(EssaykitError, ValueError):
    """A setting is wrong: a moderation-rules file, a rule value, a profile name, a template asset."""


class TryLater(Exception):
    """Refused for now: the same request may succeed after ``retry_after`` seconds (HTTP ``Retry-After``)."""

    retry_after: int = 60


class RateLimited(CommentError, TryLater):
    """A comment was refused for now: the reader, or the essay, is getting too many too fast."""

    def __init__(self, message: str, field: str | None = None, *, retry_after: int = 60):
        super().__init__(message, field)
        self.retry_after = retry_after


class DuplicateMention(CommentError):
    """The essay already has a mention (pingback or Webmention) from this source URL."""

    def __init__(self, message: str, field: str | None = "source_url"):
        super().__init__(message, field)


class NotYourComment(CommentError):
    """There is no comment with that id that this reader's browser (its signed session) posted: the
    same answer for another reader's comment and for none at all, so the refusal tells nothing."""

    def __init__(self, message: str = "you can edit or delete only your own comments, from the browser that "
                                      "posted them", field: str | None = "id"):
        super().__init__(message, field)


class EditClosed(CommentError):
    """The reader's own comment is past the edit window (``edit_minutes``); deleting it is still allowed."""


class StoreError(EssaykitError):
    """The comment store cannot be opened, migrated or written."""


class ExportError(EssaykitError):
    """An export or a site build failed."""


class KernelError(EssaykitError):
    """A kernel kept warm for the live page cannot be prepared for a reader."""


class ImportFormatError(EssaykitError):
    """A file given to `essaykit import` is not something we can import."""


class WidgetError(EssaykitError, ValueError):
    """A widget was given a bad argument. ``parameter`` names it, e.g. ``"label"``."""

    def __init__(self, message: str, parameter: str | None = None):
        super().__init__(message)
        self.parameter = parameter


class SignInFailed(EssaykitError):
    """A reader's sign-in (email link, IndieAuth, OpenID Connect) could not be finished; the message says why
    in words the reader can act on (HTTP 400)."""
