"""The pages behind the links in the emails (routes in :mod:`.links`), for ``essaykit serve``.

A GET only shows what the link would do and a button; the button's POST does
it. A link that was tampered with, signed for another purpose or by another
database is refused with a 400 page; an expired one with a 410 page that says
what to do instead. The token in the URL is the only credential: no cookie,
session or Origin is needed (mail clients' RFC 8058 one-click unsubscribe
POSTs with none of them), and the pages send no referrer. The one cookie
they set is the "approved before" token, on the confirm page's POST: the
browser that confirmed an address is trusted for it (:mod:`essaykit.comments.trust`).
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
import tornado.web

from .._web import render_site_page
from ..comments.statements import naive_utc
from ..comments.trust import give_known, rotate_session
from ..db.schema import comments
from ..errors import CommentError, EssaykitError
from . import followers, outbox
from .links import ACTIONS, PREFIX, Links

log = logging.getLogger("essaykit.mail")

EXPIRED = {
    "moderate": "This link has expired. Moderate the comment with `essaykit comments` or the moderation "
                "queue in JupyterLab instead.",
    "confirm": "This confirmation link has expired. Post again with “Notify me of replies” ticked to get a new one.",
    "unsubscribe": "This link has expired. Reply to the email you got to ask the site's author to stop them.",
}
INVALID = "This link is not valid: it may have been cut short or changed. Open the link from the email again."
_VERBS = {"approve": "Approve", "spam": "Mark as spam", "delete": "Delete"}


def _trust_for(handler, email: str) -> None:
    """Give the reader's browser the signed "approved before" token (:mod:`essaykit.comments.trust`),
    the one proof auto-approval accepts, now that the address is verified."""
    give_known(handler, email, source=handler.api.sessions)
    try:  # trust changed: the browser's session is renewed so a session planted in it never inherits this
        rotate_session(handler, handler.api.sessions, handler.api.store)
    except EssaykitError as exc:
        log.warning("could not rotate the session of a browser that confirmed an address: %s", exc)


class MailLinkHandler(tornado.web.RequestHandler):
    """``/essaykit/mail/(moderate|confirm|unsubscribe)/TOKEN``: GET shows a page, POST acts."""

    SUPPORTED_METHODS = ("GET", "POST", "HEAD")

    def initialize(self, api, essay) -> None:
        self.api = api
        self.essay = essay  # slug -> essaykit.mail.messages.Essay (title, public page)

    def essay_url(self, slug: str) -> str:
        return self.essay(slug).url

    def check_xsrf_cookie(self) -> None:
        return None  # the signed token is the credential; one-click unsubscribe comes without cookies

    def set_default_headers(self) -> None:
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                                                   "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")

    #: What the page's ``<meta name="referrer">`` says (and so what its button's POST tells as its Origin).
    referrer = "no-referrer"

    def _page(self, status: int, heading: str, *lines: str, quote=(), buttons=(), back_url: str = "") -> None:
        self.set_status(status)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(render_site_page("mail-link.html.j2", status_code=status, heading=heading, lines=list(lines),
                                     quote=list(quote), action=self.request.path, buttons=list(buttons),
                                     back_url=back_url, referrer=self.referrer))

    def _links(self) -> Links:
        return Links(self.api.sessions, "")

    def get(self, purpose: str, token: str) -> None:
        self._run(purpose, token, act=False)

    def head(self, purpose: str, token: str) -> None:
        self._run(purpose, token, act=False)

    def post(self, purpose: str, token: str) -> None:
        self._run(purpose, token, act=True)

    def _run(self, purpose: str, token: str, *, act: bool) -> None:
        try:
            {"moderate": self._moderate, "confirm": self._confirm, "unsubscribe": self._unsubscribe}[purpose](
                token, act)
        except EssaykitError as exc:
            log.error("mail link: %s", exc)
            self._page(503, "Try again in a minute", "The comment database is unavailable right now; "
                       "the link still works later.")

    def _refused(self, purpose: str, why: str) -> None:
        if why == "expired":
            self._page(410, "This link has expired", EXPIRED[purpose])
        else:
            self._page(400, "This link is not valid", INVALID)


    # --- the author's moderation links ------------------------------------------------

    def _moderate(self, token: str, act: bool) -> None:
        action, comment_id, why = self._links().read_moderate(token)
        if action is None:
            return self._refused("moderate", why)
        store = self.api.store
        try:
            comment = store.get(comment_id)
        except CommentError:
            return self._page(404, "No such comment", "That comment is no longer in the database.")
        target = ACTIONS[action]
        back = self.essay_url(comment.essay)
        if not act:
            if comment.status == target:
                return self._page(200, f"Already {target}", f"The comment by {comment.author or 'someone'} is "
                                  f"already {target}.", back_url=back)
            return self._page(200, f"{_VERBS[action]} this comment?",
                              f"By {comment.author or 'someone'} on “{self.essay(comment.essay).title}”; "
                              f"it is {comment.status} now.",
                              quote=[p for p in comment.body.split("\n\n") if p.strip()][:12],
                              buttons=[("action", action, _VERBS[action])], back_url=back)
        changed = store.set_status(comment_id, target, by="author (email link)", reason=f"{action} link in email")
        log.info("comment %s marked %s from an email link", comment_id, target)
        self._page(200, f"Comment {target}", f"The comment by {comment.author or 'someone'} is now {target}."
                   if changed else f"The comment was already {target}.", back_url=back)

    # --- the reader's subscription links -----------------------------------------------

    def _subscription(self, purpose: str, token: str):
        value, why = self._links().read(purpose, token)
        if value is None:
            self._refused(purpose, why)
            return None
        with self.api.store.reading() as conn:
            row = (followers.by_token if followers.is_follower_token(value) else outbox.subscription)(conn, value)
        if row is None:
            self._page(404, "Nothing to change", "This subscription is no longer in the database.")
        return row

    def _essay_of(self, row) -> str:
        if followers.is_follower_token(row.token):
            return self.essay("").url  # the site's front page
        with self.api.store.reading() as conn:
            slug = conn.execute(sa.select(comments.c.essay).where(comments.c.id == row.comment_id)).scalar()
        return self.essay_url(slug) if slug else ""

    def _confirm(self, token: str, act: bool) -> None:
        row = self._subscription("confirm", token)
        if row is None:
            return
        back = self._essay_of(row)
        if followers.is_follower_token(row.token):
            return self._confirm_follow(row, act, back)
        if row.state == "unsubscribed":
            return self._page(200, "You unsubscribed", "You asked for no more emails about this comment, so this "
                              "confirmation does nothing.", back_url=back)
        if not act:
            if row.state == "active":
                return self._page(200, "Already confirmed", "You will get an email when a reader replies.",
                                  back_url=back)
            return self._page(200, "Email me replies?", "Press the button to confirm that you want an email when "
                              "a reader replies to your comment. Each email has a link to stop them.",
                              buttons=[("confirm", "1", "Yes, email me replies")], back_url=back)
        with self.api.store.writing() as conn:
            outbox.confirm(conn, row.token, naive_utc(None))
        _trust_for(self, row.email)
        self._page(200, "Confirmed", "Thank you: your address is confirmed. You will get one email for each "
                   "reply, and each has a link to stop them.", back_url=back)

    def _unsubscribe(self, token: str, act: bool) -> None:
        row = self._subscription("unsubscribe", token)
        if row is None:
            return
        back = self._essay_of(row)
        if followers.is_follower_token(row.token):
            return self._unfollow(row, act, back)
        if not act:
            buttons = [("scope", "this", "Stop emails about this comment"),
                       ("scope", "all", "Never email me again")]
            return self._page(200, "Stop these emails?", "Choose what to stop.", buttons=buttons, back_url=back)
        everything = self.get_body_argument("scope", "this") == "all"
        with self.api.store.writing() as conn:
            outbox.unsubscribe(conn, row.token, everything=everything, moment=naive_utc(None))
        self._page(200, "Unsubscribed", "You will get no more emails from this site." if everything
                   else "You will get no more emails about replies to this comment.", back_url=back)


    # --- a follower's links (essaykit.mail.followers) -----------------------------------

    def _confirm_follow(self, row, act: bool, back: str) -> None:
        if row.state == "unsubscribed":
            return self._page(200, "You unsubscribed", "You stopped following, so this confirmation does "
                              "nothing. Follow again from the site to get a new one.", back_url=back)
        if not act:
            if row.state == "active":
                return self._page(200, "Already confirmed", "You get an email for each new essay.", back_url=back)
            return self._page(200, "Follow by email?", "Press the button to confirm that you want one email for "
                              "each new essay. Each email has a link to stop them.",
                              buttons=[("confirm", "1", "Yes, follow by email")], back_url=back)
        with self.api.store.writing() as conn:
            followers.confirm(conn, row.token, naive_utc(None))
        _trust_for(self, row.email)
        self._page(200, "Confirmed", "Thank you: you follow this blog. You will get one email for each new essay, "
                   "and each has a link to stop them.", back_url=back)

    def _unfollow(self, row, act: bool, back: str) -> None:
        if not act:
            state = {"active": "You follow this blog by email.", "requested": "You asked to follow this blog by "
                     "email and have not confirmed yet."}.get(row.state, "You do not follow this blog now.")
            buttons = [("scope", "this", "Stop following"), ("scope", "all", "Never email me again")]
            return self._page(200, "Your subscription", state, "Choose what to stop.", buttons=buttons,
                              back_url=back)
        # RFC 8058's one-click POST has no scope field: it stops following, the one thing the email is about.
        everything = self.get_body_argument("scope", "this") == "all"
        with self.api.store.writing() as conn:
            followers.unsubscribe(conn, row.token, everything=everything, moment=naive_utc(None))
        self._page(200, "Unsubscribed", "You will get no more emails from this site." if everything
                   else "You no longer follow this blog: no more emails about new essays.", back_url=back)


def routes(api, essay, at) -> list:
    """The URL patterns for :class:`MailLinkHandler`; ``essay(slug)`` gives an essay's title and page,
    ``at`` joins a path to the server's base URL."""
    return [(at(rf"/{PREFIX}/(moderate|confirm|unsubscribe)/([A-Za-z0-9_.-]{{1,200}})"), MailLinkHandler,
             {"api": api, "essay": essay})]


class OnceLinkHandler(MailLinkHandler):
    """A link that works once (a reader's data link, a sign-in link): GET and HEAD show its page, POST acts;
    a subclass's :meth:`_use` does either, and says ``expired`` and ``ask_again``."""

    #: What to tell a reader whose link expired or was used: how to get a new one.
    ask_again = ""
    expired = ""

    def _refused(self, purpose: str, why: str) -> None:
        if why == "expired":
            self._page(410, "This link has expired", self.expired + " " + self.ask_again)
        else:
            super()._refused(purpose, why)

    def get(self, token: str) -> None:
        self._guarded(token, act=False)

    def head(self, token: str) -> None:
        self._guarded(token, act=False)

    def post(self, token: str) -> None:
        self._guarded(token, act=True)

    def _guarded(self, token: str, *, act: bool) -> None:
        try:
            self._use(token, act=act)
        except EssaykitError as exc:
            log.error("%s: %s", self.request.path.rsplit("/", 2)[-2], exc)
            self._page(503, "Try again in a minute", "The database is unavailable right now. " + self.ask_again)

    def _use(self, token: str, *, act: bool) -> None:
        raise NotImplementedError
