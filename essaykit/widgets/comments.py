"""``CommentSection``: readers' comments under an essay, and the form to add one.

Examples::

    from essaykit import CommentSection

    CommentSection()                                  # this notebook's essay, the default database
    CommentSection(essay="the-salt-road", store="sqlite:///comments.sqlite")

Args:
    essay: the essay's slug; by default :func:`essaykit.essay.current_slug`.
    live_url: where the live page is, for the static twin's "Join the
        discussion" link; by default the essay's ``live_url`` metadata, read
        from the notebook when it can be found.
    store: a ``CommentStore`` or a database URL; by default
        ``CommentStore.open()`` (``ESSAYKIT_DB`` or the essay folder's file).
    session: who the reader is (normally left out; see ``_session.py``).
    per_page: comments per page of the live view (1 to 500).

The view is **one** anywidget: the thread arrives as one HTML value rendered
by :mod:`essaykit.comments.render` (the same function the static twin uses),
and "Show more comments" fetches the next page, so a thread of thousands of
comments costs one page of markup, not a widget per comment.

Readers act through anywidget's commands only (``_post``, ``_more``, and ``_mine``,
``_edit``, ``_delete`` for their own comments, see ``_own.py``; each
answered within ``timeout`` seconds or the page says there was no answer)
and ``refresh`` / ``posted`` / ``changed`` messages. Under ``essaykit serve``, for the page's
own essay and the server's database (``posts_to_api``), the page posts through
the HTTP comment API instead of ``_post``: a kernel cannot set the browser's
cookie, and the API rotates the reader's session in the same request that
stores the comment (session fixation, issue 30);
every synced trait is kernel-owned (see ``FrontEndGuard``). A comment on a passage (the form's
``anchor_*`` fields) is placed in the notebook the kernel runs, as the API places it, so a passage in a
spoiler is recorded as one on both paths. A refused
comment comes back as a message that names the form field, and the front
end keeps everything the reader typed. A store that fails (locked, down,
misconfigured) ends in a polite message, never a traceback.
"""

from __future__ import annotations

import logging
import numbers
import os
import pathlib
import time

import anywidget
import anywidget.experimental
import traitlets

from ..errors import CommentError, EssaykitError, WidgetError
from ..limits import ANSWER_SECONDS
from ..names import ENV_SERVE, ENV_SLUG
from ._args import quote
from ._frontend import css, esm
from ._own import OwnComments
from ._served import served_to_readers
from ._session import reader_client, reader_known, reader_session
from ._store import StoreBacked
from ._twin import FrontEndGuard, StaticTwin

log = logging.getLogger(__name__)

UNAVAILABLE = "Comments are unavailable right now. Please try again later."
NOT_SAVED = ("Sorry, your comment could not be saved just now. Everything you typed is still here; "
             "please try again in a minute.")
FRESH_SECONDS = 10  # a thread loaded this recently is not reloaded when a view asks
_views = 0  # numbers each widget's form, so two sections on one page have distinct element ids


def check_essay(essay: object) -> str:
    from .rating import check_essay as check_slug

    return check_slug(essay, "CommentSection")


def check_per_page(per_page: object) -> int:
    from ..comments.store import MAX_PER_PAGE

    if isinstance(per_page, bool) or not isinstance(per_page, numbers.Integral) or not 1 <= per_page <= MAX_PER_PAGE:
        raise WidgetError(f"CommentSection(per_page={quote(per_page)}): give a whole number from 1 to "
                          f"{MAX_PER_PAGE}, such as per_page=50", "per_page")
    return int(per_page)


def notebook_essay(slug: str):
    """The essay ``slug`` (an :class:`essaykit.essay.Essay`) if its notebook is where the kernel runs, else None."""
    from ..essay import check_essay as read

    session = os.environ.get("JPY_SESSION_NAME", "")
    paths = [pathlib.Path(session)] if session.endswith(".ipynb") else []
    paths += sorted(pathlib.Path.cwd().glob("*.ipynb"))
    for path in paths:
        try:
            essay, _ = read(path)
        except (EssaykitError, OSError):
            continue
        if essay is not None and essay.meta.slug == slug:
            return essay
    return None


def notebook_live_url(slug: str) -> str:
    """The ``live_url`` of the essay ``slug`` if its notebook is where the kernel runs, else ""."""
    essay = notebook_essay(slug)
    return essay.meta.live_url if essay is not None else ""


class CommentSection(OwnComments, StoreBacked, StaticTwin, FrontEndGuard, anywidget.AnyWidget):
    """Approved comments, threaded, and a form to post; see the module docstring."""

    _esm = esm("comments.js")
    _css = css()
    _frontend_writable = frozenset()  # readers act through messages only

    essay = traitlets.Unicode(help="Slug of the essay the comments belong to.").tag(sync=True)
    thread_html = traitlets.Unicode(help="The loaded pages of the thread, from essaykit.comments.render.").tag(sync=True)
    total = traitlets.Int(0, help="Comments in the thread (tombstones with replies included).").tag(sync=True)
    loaded = traitlets.Int(0, help="How many of them the view has.").tag(sync=True)
    available = traitlets.Bool(True, help="False while the comment database cannot be read.").tag(sync=True)
    message = traitlets.Unicode("", help="A note for readers about the whole section.").tag(sync=True)
    honeypot_name = traitlets.Unicode(help="Form name of the field only bots fill in.").tag(sync=True)
    load_token = traitlets.Unicode("", help="The form's signed load time (essaykit.comments.timing), signed anew "
                                            "whenever a view shows the widget.").tag(sync=True)
    section_html = traitlets.Unicode(help="The whole section as first drawn: the vocabulary's comment_section "
                                          "(thread and form), brought alive by comments.js.").tag(sync=True)
    posts_to_api = traitlets.Bool(False, help="True under essaykit serve for the page's own essay and the "
                                              "server's database: the page posts through the comment API, which "
                                              "rotates the reader's session (the kernel cannot).").tag(sync=True)

    def __new__(cls, essay: str | None = None, **kwargs):
        from ._detached import Detached, unknown_essay

        if essay is None and (why := unknown_essay()):
            twin = '<section class="ek-comments ek-comments--static"><p>Comments are not available in this copy.</p></section>'
            return Detached("CommentSection", twin, why)
        return super().__new__(cls, essay, **kwargs)

    def __init__(self, essay: str | None = None, *, live_url: str | None = None, store=None,
                 session: str | None = None, per_page: int = 50, timeout: float = ANSWER_SECONDS, **kwargs):
        from ..comments.moderation import HONEYPOT_FIELD
        from .rating import check_timeout

        essay = check_essay(essay)
        self._timeout = check_timeout(timeout, "CommentSection")
        self._per_page = check_per_page(per_page)
        self._live_url = live_url
        self._session = session
        self._store_arg = store
        self._store_obj = None
        self._loaded_items: list = []
        self._pages = 1
        self._next: str | None = None  # the cursor of the page after those shown ("Show more")
        self._refreshed_at = float("-inf")
        global _views
        _views += 1
        self._form_id = f"ek-cf-{_views}"
        served = bool(os.environ.get(ENV_SERVE)) and essay == os.environ.get(ENV_SLUG) and store is None \
            and session is None
        super().__init__(essay=essay, honeypot_name=HONEYPOT_FIELD, posts_to_api=served, **kwargs)
        self.on_msg(self._on_front_end_msg)
        self._stamp()
        self.refresh()

    @traitlets.validate("essay")
    def _valid_essay(self, proposal) -> str:
        return check_essay(proposal["value"])

    @property
    def live_url(self) -> str:
        if self._live_url is None:
            self._live_url = notebook_live_url(self.essay)
        return self._live_url

    # --- the store ---------------------------------------------------------------

    def _fetch(self, pages: int):
        """The first ``pages`` pages, each found by key after the one before (see comments.paging)."""
        from ..comments.paging import thread_page

        store = self._store()
        items, total, cursor = [], 0, None
        for number in range(1, pages + 1):
            page = thread_page(store, self.essay, per_page=self._per_page, page=1 if cursor is None else None,
                               after=cursor)
            items.extend(page.items)
            total, cursor = page.total, page.next
            if cursor is None:
                break
        self._next = cursor
        return items, total, store.mentions(self.essay)

    def refresh(self) -> bool:
        """Reload the pages shown so far from the store; False (and a note) when it is unavailable."""
        from ..comments.render import thread_html

        try:
            items, total, mentions = self._fetch(self._pages)
            markup = thread_html(items, total=total, mentions=mentions, interactive=True,
                                 max_depth=self._store().rules.max_depth)
        except Exception as exc:  # a broken or unreachable store: the reader gets a note, the log gets the cause
            log.warning("comments for %r are unavailable: %s", self.essay, exc, exc_info=not isinstance(exc, EssaykitError))
            with self.hold_trait_notifications():
                self.available, self.message = False, UNAVAILABLE
                if not self.section_html:
                    self.section_html = self._section()
            return False
        self._loaded_items = items
        self._refreshed_at = time.monotonic()
        with self.hold_trait_notifications():
            self.thread_html, self.total, self.loaded = markup, total, len(items)
            self.available, self.message = True, ""
            if not self.section_html:
                self.section_html = self._section()
        return True

    def _stamp(self) -> str:
        """Sign the form's load time as of now (:mod:`essaykit.comments.timing`); "" when the store is
        unavailable (the comment is then simply not timed)."""
        from ..comments import timing
        from ..db.signing_keys import signer_for

        try:
            self.load_token = timing.mint(signer_for(self._store()), self.essay)
        except Exception as exc:  # a broken store: the section says so when it refreshes
            log.warning("could not sign the comment form's load time for %r: %s", self.essay, exc)
            self.load_token = ""
        return self.load_token

    def _section(self) -> str:
        from ..comments.render import form_context, section_markup

        form = form_context(self.essay, uid=self._form_id, loaded=self.load_token)
        return section_markup(self.essay, thread=self.thread_html, total=self.total, loaded=self.loaded, form=form,
                              per_page=self._per_page, note=self.message, wait=self._timeout)

    def show_more(self) -> dict:
        """The next page of the thread, found by key after the last one shown: its markup for the view to
        append, so the hundredth press costs what the first does. ``{"ok": False, "message"}`` when the
        store is unavailable; ``{"ok": True, "html": ""}`` at the end."""
        from ..comments.paging import thread_page
        from ..comments.render import thread_html

        if self._next is None:
            return {"ok": True, "html": "", "next": None, "total": self.total}
        try:
            store = self._store()
            page = thread_page(store, self.essay, per_page=self._per_page, after=self._next)
            markup = thread_html(page.items, total=page.total, interactive=True, max_depth=store.rules.max_depth)
        except Exception as exc:  # a broken store: the reader gets a note, the log gets the cause
            log.warning("comments for %r are unavailable: %s", self.essay, exc, exc_info=not isinstance(exc, EssaykitError))
            return {"ok": False, "message": UNAVAILABLE}
        self._pages += 1
        self._next = page.next
        self._loaded_items = self._loaded_items + list(page.items)
        with self.hold_trait_notifications():
            self.total, self.loaded = page.total, self.loaded + len(page.items)
        return {"ok": True, "html": markup, "next": page.next, "total": page.total}

    # --- readers -----------------------------------------------------------------

    def post(self, *, author: object = "", email: object = "", website: object = "", body: object = "",
             parent: object = None, honeypot: object = "", reader: object = None, loaded: object = "",
             anchor: object = None) -> dict:
        """Post a reader's comment through :func:`essaykit.comments.submission.submit` (the HTTP API's path too).
        ``anchor``: the passage it answers (``{"exact", "prefix", "suffix", …}``), placed in this kernel's
        notebook as the API places it (:func:`essaykit.comments.passages.placed_submission`).

        Returns what the front end is told: ``{"ok": True, "notice", "status": "approved"|"pending", "id",
        "html"}`` or ``{"ok": False, "field", "message", "problems": [{"field", "message"}, …]}``.
        """
        from ..comments.passages import placed_submission
        from ..comments.submission import FormRefused, Submission, submit
        from ..comments.timing import FIELD

        values = {"author": author, "email": email, "website": website, "body": body, "honeypot": honeypot,
                  "parent": parent, FIELD: loaded, "anchor": anchor}
        try:
            submission = Submission.from_mapping(self.essay, values)
            if submission.anchor:
                submission = placed_submission(submission, notebook_essay(self.essay))
            result = submit(self._store(), submission, session=reader_session(self._session, reader),
                            client=reader_client(), proven_email=reader_known(self._session))
        except (FormRefused, CommentError) as exc:
            return self._refused(exc)
        except Exception as exc:  # a locked or broken store must not cost the reader their text, nor show a traceback
            return self._not_saved(exc, "save a comment")
        if result.public_status == "approved":
            self.show_posted(result.comment.id)
        log.info("comment %s on %r stored as %s", result.comment.id, self.essay, result.status)
        from ..comments.render import own_comment_html

        pending = result.public_status != "approved"
        return {"ok": True, "notice": result.notice, "status": result.public_status, "id": result.comment.id,
                "loaded": self._stamp(),  # the next comment from this view is timed from now
                "html": own_comment_html(result.comment, pending=pending, max_depth=self._store().rules.max_depth)}

    def show_posted(self, comment_id: object) -> None:
        """Reload the thread with a comment just published in it, on the last page when it is beyond those shown."""
        self.refresh()
        if not any(c.id == comment_id for c in self._loaded_items):
            self._pages = max(1, -(-self.total // self._per_page))
            self.refresh()

    def _not_saved(self, exc: BaseException, what: str) -> dict:
        """The polite answer to a store that failed; the log gets the cause (a traceback when unexpected)."""
        log.error("could not %s on %r: %s", what, self.essay, exc, exc_info=not isinstance(exc, EssaykitError))
        return {"ok": False, "field": None, "message": NOT_SAVED, "problems": [{"field": None, "message": NOT_SAVED}]}

    @staticmethod
    def _refused(exc: CommentError) -> dict:
        from ..comments.submission import problems_of

        problems = problems_of(exc)
        return {"ok": False, "field": problems[0]["field"], "message": problems[0]["message"], "problems": problems}

    @anywidget.experimental.command
    def _post(self, msg, _buffers) -> tuple[dict, list]:
        """The reader posted the form (its fields, ``reader``); always answered, so the page stops waiting."""
        from ..comments.anchor import anchor_value
        from ..comments.moderation import HONEYPOT_FIELD
        from ..comments.submission import FORM_FIELDS
        from ..comments.timing import FIELD
        from .rating import NOT_UNDERSTOOD

        if not isinstance(msg, dict):
            log.warning("ignored a comment that is not an object: %s", quote(msg))
            return {"ok": False, "field": None, "message": NOT_UNDERSTOOD}, []
        if self.posts_to_api:
            # Its page posts through the comment API (see posts_to_api); a post here would keep the session.
            log.warning("ignored a comment sent to the kernel of a section that posts through the comment API")
            return {"ok": False, "field": None, "message": NOT_UNDERSTOOD}, []
        fields = {k: msg.get(k, "") for k in FORM_FIELDS}
        honeypot = msg.get("honeypot", msg.get(HONEYPOT_FIELD, ""))
        return self.post(**fields, honeypot=honeypot, parent=msg.get("parent"), reader=msg.get("reader"),
                         loaded=msg.get(FIELD, ""), anchor=anchor_value(msg)), []

    @anywidget.experimental.command
    def _more(self, _msg, _buffers) -> tuple[dict, list]:
        """ "Show more comments": the next page, for the view to append."""
        return self.show_more(), []

    def _on_front_end_msg(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("kind") == "anywidget-command":
            return  # answered by the commands above
        if isinstance(content, dict) and content.get("event") == "posted":
            # The page published a comment through the comment API (posts_to_api): show it.
            self.show_posted(content.get("id"))
            return
        if isinstance(content, dict) and content.get("event") == "changed":
            # The page edited or deleted the reader's comment through the comment API (posts_to_api).
            self.refresh()
            return
        if isinstance(content, dict) and content.get("event") == "refresh":
            # A page just showed this widget. A preheated kernel may have built it long
            # ago; one built moments ago (the usual case) is current already. Its form's load time is now.
            self._stamp()
            if time.monotonic() - self._refreshed_at > FRESH_SECONDS:
                self.refresh()
            return
        log.warning("ignored an unknown message from the front end: %s", quote(content))

    # --- static twin ---------------------------------------------------------------

    def static_html(self) -> str:
        """Every approved comment, threaded, with mentions and a link to the live page. No emails."""
        from ..comments.render import snapshot_html, thread_html

        try:
            if served_to_readers():
                # A live page shows the widget view, never this; rendering every
                # comment here would only slow the reader's page. Keep the page
                # already loaded as the fallback.
                return thread_html(self._loaded_items, total=self.total, live_url=self.live_url,
                                   max_depth=self._store().rules.max_depth)
            return snapshot_html(self._store(), self.essay, live_url=self.live_url)
        except Exception as exc:  # an export must not fail because comments are down
            log.warning("no comment snapshot for %r: %s", self.essay, exc, exc_info=not isinstance(exc, EssaykitError))
            join = f' <a href="{_attr(self.live_url)}">Join the discussion</a>.' if self.live_url else ""
            return f'<section class="ek-comments ek-comments--static"><p>Comments are not available in this copy.{join}</p></section>'

    def __repr__(self) -> str:
        return f"CommentSection(essay={self.essay!r})"


def _attr(value: str) -> str:
    import html

    return html.escape(value, quote=True)
