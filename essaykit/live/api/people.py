"""``POST /api/people``: a reader asks, by email link, for everything stored about their address or for
its erasure (the privacy page's form; :mod:`essaykit.mail.people_links`).

Fields: ``email`` and ``what`` (``export`` or ``erase``). The answer is the same whether or not anything
is stored about the address, so the form cannot be used to learn who commented: JSON ``202
{"status": "requested", "notice"}``, or for a plain form a 303 back to the privacy page at
``#ek-people-sent``. Limits are per client address and network; posts come from this server's pages or
an ``--allow-origin``.
"""

from __future__ import annotations

import logging

from ...comments.fields import clean_email
from ...comments.statements import naive_utc
from ...errors import CommentError, EssaykitError, RateLimited
from ...mail import people_links
from .request import ApiHandler
from .service import ApiError

log = logging.getLogger("essaykit.api")

SENT_ANCHOR = "ek-people-sent"
SENT = "If this site stores anything about that address, we have emailed it a link; it works once, for a day."
NO_MAIL = "this site does not send email; ask its author for your data instead"


class PeopleHandler(ApiHandler):
    """``POST /api/people``: ask for the data link."""

    SUPPORTED_METHODS = ("POST", "OPTIONS")

    def post(self) -> None:
        self.run(self._post)

    def _post(self) -> None:
        self.require_origin()
        values = self.fields()
        if not self.api.mail_enabled:
            raise ApiError(503, NO_MAIL, None)
        try:
            email = clean_email(values.get("email"))
        except CommentError as exc:
            raise ApiError(400, f"Email: {exc}", "email") from None
        what = values.get("what")
        if what not in people_links.WHAT:
            raise ApiError(400, "say what you want: what=export (a copy of your data) or what=erase", "what")
        store = self.api.store
        keys = store.sender(client=self.visitor().address)
        try:
            with store.writing() as conn:
                people_links.request(conn, email, what, address_hash=keys.address_hash, network=keys.network,
                                     moment=naive_utc(None))
        except RateLimited as exc:
            raise ApiError(429, str(exc), "email", retry_after=exc.retry_after) from None
        except EssaykitError as exc:
            log.error("could not record a data request: %s", exc)
            raise ApiError(503, "Sorry, that did not work just now. Please try again in a minute.") from None
        if self.wants_json():
            self.send_json(202, {"status": "requested", "notice": SENT})
        else:
            self.redirect(f"{self.settings.get('base_url', '/')}privacy#{SENT_ANCHOR}", status=303)
