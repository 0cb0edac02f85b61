"""``Rating``: the author's stars, and a row of buttons for readers to give theirs.

Examples::

    from essaykit import Rating

    Rating(4)                  # the author gives 4 of 5; readers can rate too
    Rating(3.5, scale=5)       # half stars are fine for the author
    Rating()                   # no author rating, only readers'
    Rating(8, scale=10, essay="the-salt-road")

Args:
    value: the author's rating, from 0 to ``scale`` in steps of 0.5, or None.
    scale: how many stars, a whole number from 2 to 10.
    essay: the essay's slug; by default :func:`essaykit.essay.current_slug`.
    session: who the reader is (normally left out; see ``_session.py``).
    store: a ``CommentStore`` or a database URL; by default
        ``CommentStore.open()``, the same database as the comments.
    timeout: seconds a reader's page waits for the kernel's answer before it
        says there was none and lets the reader try again
        (default :data:`essaykit.limits.ANSWER_SECONDS`).

Readers rate in whole stars, once per reader session, through anywidget's
command ``_rate`` (``{"value": n, "reader": id}``), which answers
``{"ok", "message", "mine", "readers_html"}``. The kernel checks every message:
a value that is not a whole number from 1 to ``scale``, a second rating from
the same reader, or a database that is down all end in a polite ``message``
on the widget, never in an exception. Front-end attempts to set any trait
directly are refused (see ``FrontEndGuard``).

The static twin shows the author's stars and the readers' average and count
as they are when the essay is exported.
"""

from __future__ import annotations

import logging
import math
import numbers

import anywidget
import anywidget.experimental
import traitlets

from ..errors import AlreadyRated, EssaykitError, WidgetError
from ..essay import SLUG_RE
from ..limits import ANSWER_SECONDS
from ..html import say
from ._args import quote
from ._frontend import css, esm
from ._session import reader_client, reader_session
from ._store import StoreBacked
from ._twin import FrontEndGuard, StaticTwin

MIN_SCALE, MAX_SCALE = 2, 10
NOT_UNDERSTOOD = "Sorry, that did not work. Please reload the page."  # a message no front end of ours sends
log = logging.getLogger(__name__)


def check_scale(scale: object) -> int:
    if isinstance(scale, bool) or not isinstance(scale, numbers.Integral) or not MIN_SCALE <= scale <= MAX_SCALE:
        raise WidgetError(f"Rating(scale={quote(scale)}): the scale must be a whole number from {MIN_SCALE} "
                          f"to {MAX_SCALE}, such as scale=5", "scale")
    return int(scale)


def check_value(value: object, scale: int) -> float | None:
    if value is None:
        return None
    ok = (
        isinstance(value, numbers.Real) and not isinstance(value, bool)
        and math.isfinite(value) and 0 <= value <= scale and float(value * 2).is_integer()
    )
    if not ok:
        raise WidgetError(f"Rating(value={quote(value)}): the author's rating must be a number from 0 to {scale} "
                          "in steps of 0.5 (such as 4 or 3.5), or None for no rating", "value")
    return float(value)


def check_essay(essay: object, widget: str = "Rating") -> str:
    if essay is None:
        from ..essay import current_slug

        return current_slug()
    if not isinstance(essay, str) or not SLUG_RE.match(essay):
        raise WidgetError(f"{widget}(essay={quote(essay)}): the essay must be its slug, lower-case letters, "
                          "digits, '.', '_' and '-', such as essay='the-salt-road'", "essay")
    return essay


def reader_stars(value: object, scale: int) -> int | None:
    """A reader's rating as a whole number of stars, or None when it is not one."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        return None
    if not float(value).is_integer() or not 1 <= value <= scale:
        return None
    return int(value)


def check_timeout(timeout: object, widget: str) -> float:
    """Seconds a page waits for the kernel: a number above 0 and at most an hour."""
    if isinstance(timeout, bool) or not isinstance(timeout, numbers.Real) or not 0 < timeout <= 3600:
        raise WidgetError(f"{widget}(timeout={quote(timeout)}): give the seconds a reader's page waits for an "
                          "answer, a number above 0 and at most 3600, such as timeout=30", "timeout")
    return float(timeout)


_views = 0  # numbers each widget's form, so two ratings on one page have distinct element ids


class Rating(StoreBacked, StaticTwin, FrontEndGuard, anywidget.AnyWidget):
    """The author's rating and readers' ratings; see the module docstring."""

    _esm = esm("rating.js")
    _css = css()
    _frontend_writable = frozenset()  # readers act through the "rate" message only

    value = traitlets.Float(None, allow_none=True, help="The author's rating, or None.").tag(sync=True)
    scale = traitlets.Int(5, help="Number of stars.").tag(sync=True)
    essay = traitlets.Unicode(help="Slug of the essay the ratings belong to.").tag(sync=True)
    average = traitlets.Float(None, allow_none=True, help="Readers' average rating, or None.").tag(sync=True)
    count = traitlets.Int(0, help="How many readers have rated.").tag(sync=True)
    mine = traitlets.Int(None, allow_none=True, help="This reader's rating, once given.").tag(sync=True)
    message = traitlets.Unicode("", help="What the last rating attempt came to, for the reader.").tag(sync=True)
    author_html = traitlets.Unicode(help="The author's stars, from the essay vocabulary.").tag(sync=True)
    readers_html = traitlets.Unicode(help="The readers' average, from the essay vocabulary.").tag(sync=True)
    section_html = traitlets.Unicode(help="The whole widget as first drawn (the vocabulary's rating_widget), "
                                          "brought alive by rating.js.").tag(sync=True)

    def __new__(cls, value: float | None = None, scale: int = 5, essay: str | None = None, **kwargs):
        from ._detached import Detached, unknown_essay

        if essay is None and (why := unknown_essay()):
            scale = check_scale(scale)
            twin = f'<div class="ek-rating-widget ek-rating-widget--static">{_author_stars(check_value(value, scale), scale)}</div>'
            return Detached("Rating", twin, why)
        return super().__new__(cls, value, scale, essay, **kwargs)

    def __init__(self, value: float | None = None, scale: int = 5, essay: str | None = None, *,
                 session: str | None = None, store=None, timeout: float = ANSWER_SECONDS, **kwargs):
        scale = check_scale(scale)
        timeout = check_timeout(timeout, "Rating")
        value = check_value(value, scale)
        essay = check_essay(essay)
        self._session = session
        self._store_arg = store
        self._store_obj = None
        super().__init__(value=value, scale=scale, essay=essay, **kwargs)
        self.on_msg(self._on_front_end_msg)
        self.refresh()
        self._redraw()
        global _views
        _views += 1
        from ..html import rating_widget

        self.section_html = rating_widget(essay=self.essay, scale=self.scale, value=self.value, average=self.average,
                                          count=self.count, mine=self.mine, message=self.message,
                                          uid=f"ek-rating-{_views}", wait=timeout)

    @traitlets.validate("scale")
    def _valid_scale(self, proposal) -> int:
        scale = check_scale(proposal["value"])
        if self.value is not None and self.value > scale:
            raise WidgetError(f"Rating(scale={scale!r}): the author's rating {self.value:g} would not fit; "
                              "lower the value first", "scale")
        return scale

    @traitlets.validate("essay")
    def _valid_essay(self, proposal) -> str:
        return check_essay(proposal["value"])

    @traitlets.validate("value")
    def _valid_value(self, proposal) -> float | None:
        return check_value(proposal["value"], self.scale)

    @traitlets.observe("value", "scale", "average", "count")
    def _redraw(self, change=None) -> None:
        from ..html import macros

        self.author_html = str(macros().rating_author(self.value, self.scale))
        self.readers_html = str(macros().rating_readers(self.average, self.count, self.scale))

    # --- the store ---------------------------------------------------------------

    def refresh(self) -> bool:
        """Reload the readers' average and count; False (and a note) if the store is unavailable."""
        try:
            summary = self._store().rating_summary(self.essay)
        except EssaykitError as exc:
            log.warning("reader ratings for %r are unavailable: %s", self.essay, exc)
            self.message = "Readers' ratings are unavailable right now."
            return False
        with self.hold_trait_notifications():
            self.average, self.count = summary.average, summary.count
        return True

    # --- readers -----------------------------------------------------------------

    def rate(self, stars: object, *, reader: object = None) -> bool:
        """Record this reader's rating. True when stored; otherwise ``message`` says why not."""
        n = reader_stars(stars, self.scale)
        if n is None:
            log.warning("refused a rating of %s for %r", quote(stars), self.essay)
            self.message = f"A rating is a whole number of stars from 1 to {self.scale}."
            return False
        if self.mine is not None:
            self.message = say("already_rated", mine=self.mine, scale=self.scale)
            return False
        session = reader_session(self._session, reader)
        try:
            summary = self._store().add_rating(self.essay, session, n, scale=self.scale, client=reader_client())
        except EssaykitError as exc:
            already = isinstance(exc, AlreadyRated)
            log.info("rating for %r refused: %s", self.essay, exc)
            self.message = ("You have already rated this essay. Thank you!" if already
                            else say("rating_not_saved"))
            if already:
                self.refresh()
            return False
        with self.hold_trait_notifications():
            self.mine = n
            self.average, self.count = summary.average, summary.count
            self.message = say("thanks_rated", mine=n, scale=self.scale)
        return True

    @anywidget.experimental.command
    def _rate(self, msg, _buffers) -> tuple[dict, list]:
        """The reader pressed a star: ``{"value", "reader"}``; always answered, so the page stops waiting."""
        if isinstance(msg, dict):
            ok = self.rate(msg.get("value"), reader=msg.get("reader"))
        else:
            log.warning("ignored a rating that is not an object: %s", quote(msg))
            ok, self.message = False, NOT_UNDERSTOOD
        return {"ok": ok, "message": self.message, "mine": self.mine, "readers_html": self.readers_html}, []

    def _on_front_end_msg(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("kind") == "anywidget-command":
            return  # answered by the command above
        event = content.get("event") if isinstance(content, dict) else None
        if event == "refresh":
            # A page just showed this widget. A preheated Voilà kernel may have built it
            # minutes ago, so fetch the current average rather than show a stale one.
            self.refresh()
            return
        log.warning("ignored an unknown message from the front end: %s", quote(content))

    # --- HTML --------------------------------------------------------------------

    def static_html(self) -> str:
        """The author's stars and the readers' average, as they are now."""
        from ..html import macros

        self.refresh()
        return str(macros().rating_twin(self.value, self.scale, self.average, self.count))

    def __repr__(self) -> str:
        return f"Rating(value={self.value!r}, scale={self.scale!r}, essay={self.essay!r})"



def _author_stars(value: float | None, scale: int) -> str:
    """The author's stars and "Rated N out of M", or nothing without a rating."""
    from ..html import macros

    return str(macros().rating_author(value, scale))
