"""``POST /api/follow``: the Follow form (docs/email.md, "Follow by email"), live and on static pages.

Fields: ``email`` (and the form's ``return`` page). The answer is
the same whatever the address's state (new, waiting, following, unsubscribed,
bounced), so the form cannot be used to learn who follows: JSON ``202
{"status": "requested", "notice"}``, or for a plain form a 303 back to the page
at ``#ek-follow-sent``. Limits are per client address and network
(:func:`essaykit.mail.followers.check_rate`), and an address gets at most one
confirmation a day. Posts come from this server's pages or an ``--allow-origin``.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit, urlunsplit

from ...comments.fields import clean_email
from ...html import say
from ...comments.statements import naive_utc
from ...errors import CommentError, EssaykitError, RateLimited
from ...mail import followers
from .request import ApiHandler
from .service import ApiError

log = logging.getLogger("essaykit.api")

SENT_ANCHOR = "ek-follow-sent"
NO_MAIL = "this site does not send email, so it cannot be followed by email; follow its feed instead"


class EmailFormHandler(ApiHandler):
    """What the forms that email a link to an address share (Follow, and the data request of
    :mod:`.people`): a POST from our pages, a server that sends mail, a valid ``email``, and the request
    recorded in one write transaction whose limits answer 429."""

    SUPPORTED_METHODS = ("POST", "OPTIONS")
    #: What a server without mail answers (503).
    no_mail = NO_MAIL

    def post(self) -> None:
        self.run(self._post)

    def _post(self) -> None:
        raise NotImplementedError

    def checked_email(self) -> tuple[dict, str]:
        """The posted fields and their checked ``email``; ApiError for anything else."""
        self.require_origin()
        values = self.fields()
        if not self.api.mail_enabled:
            raise ApiError(503, self.no_mail, None)
        try:
            return values, clean_email(values.get("email"))
        except CommentError as exc:
            raise ApiError(400, f"Email: {exc}", "email") from None

    def record(self, work) -> None:
        """``work(conn, keys, moment)`` in a write transaction, with the client's stored keys."""
        store = self.api.store
        keys = store.sender(client=self.visitor().address)
        try:
            with store.writing() as conn:
                work(conn, keys, naive_utc(None))
        except RateLimited as exc:
            raise ApiError(429, str(exc), "email", retry_after=exc.retry_after) from None
        except EssaykitError as exc:
            log.error("could not record a %s request: %s", self.request.path, exc)
            raise ApiError(503, "Sorry, that did not work just now. Please try again in a minute.") from None


class FollowHandler(EmailFormHandler):
    """``POST /api/follow``: ask for the Follow confirmation email."""

    def _post(self) -> None:
        values, email = self.checked_email()
        self.record(lambda conn, keys, moment: followers.request(
            conn, email, address_hash=keys.address_hash, network=keys.network, moment=moment))
        if self.wants_json():
            self.send_json(202, {"status": "requested", "notice": say("follow_sent")})
        else:
            self.redirect(self._back(values) + "#" + SENT_ANCHOR, status=303)

    def _back(self, values: dict) -> str:
        """The page the form was on (its ``return`` field or Referer) when it is ours or listed; else the front page."""
        for candidate in (values.get("return"), self.request.headers.get("Referer")):
            if isinstance(candidate, str) and self.api.policy.may_return_to(candidate, self.request):
                parts = urlsplit(candidate)
                return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))
        return self.settings.get("base_url", "/")
