"""The signed links in the emails, and the routes of ``essaykit serve`` that answer them.

Routes (all under the server's public URL; every GET only shows a page whose
button POSTs; only a POST changes anything):

    /essaykit/mail/moderate/<token>      approve, spam or delete one comment (the author's links)
    /essaykit/mail/confirm/<token>       confirm a reply subscription (double opt-in); verifies the address
    /essaykit/mail/unsubscribe/<token>   stop it; a POST with no cookie, form or origin works (RFC 8058)
    /essaykit/mail/people/<token>        a reader's data: download it or erase it (once; :mod:`.people_links`)
    /essaykit/mail/signin/<token>        sign this browser in to comment (once; :mod:`.signin_links`)

Tokens are signed with the database's keys the one way (:mod:`essaykit.db.signing`),
for one purpose each, and expire: moderation and confirmation links last
:data:`MODERATE_DAYS` / :data:`CONFIRM_DAYS`, unsubscribe links
:data:`UNSUBSCRIBE_DAYS` (they must keep working as long as mail may come).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..comments.signins import FLOW_MINUTES
from ..db.signing import BadToken, ExpiredToken, Signer

MODERATE_DAYS = 7
CONFIRM_DAYS = 7
UNSUBSCRIBE_DAYS = 730
PEOPLE_HOURS = 24
ACTIONS = {"approve": "approved", "spam": "spam", "delete": "deleted"}
PREFIX = "essaykit/mail"


#: How long each kind of link is good for, in seconds.
MAX_AGE = {"moderate": MODERATE_DAYS * 86400, "confirm": CONFIRM_DAYS * 86400,
           "unsubscribe": UNSUBSCRIBE_DAYS * 86400, "people": PEOPLE_HOURS * 3600, "signin": FLOW_MINUTES * 60}


@dataclass(frozen=True)
class Links:
    """Makes and reads the links for one database (``signer``, its keys) and one public URL (ending in ``/``)."""

    signer: Signer
    public_url: str

    def _link(self, purpose: str, value: str) -> str:
        return f"{self.public_url}{PREFIX}/{purpose}/{self.signer.sign(purpose, value)}"

    def moderate(self, action: str, comment_id: str) -> str:
        return self._link("moderate", f"{action}-{comment_id}")

    def confirm(self, subscription_token: str) -> str:
        return self._link("confirm", subscription_token)

    def unsubscribe(self, subscription_token: str) -> str:
        return self._link("unsubscribe", subscription_token)

    def people(self, request_token: str) -> str:
        return self._link("people", request_token)

    def sign_in(self, flow_token: str) -> str:
        return self._link("signin", flow_token)

    # --- reading them back -------------------------------------------------------------

    def read_moderate(self, token: str) -> tuple[str | None, str | None, str]:
        """``(action, comment_id, "")`` or ``(None, None, why)`` with why "expired" or "invalid"."""
        value, why = self.read("moderate", token)
        if value is None:
            return None, None, why
        action, _, comment_id = value.partition("-")
        if action not in ACTIONS or not comment_id:
            return None, None, "invalid"
        return action, comment_id, ""

    def read(self, purpose: str, token: str) -> tuple[str | None, str]:
        """A link's value (for confirm and unsubscribe, the subscription token) and "", or
        ``(None, why)`` with why "expired" or "invalid" (malformed, tampered, another purpose)."""
        try:
            return self.signer.unsign(purpose, token, max_age=MAX_AGE[purpose]).payload, ""
        except ExpiredToken:
            return None, "expired"
        except BadToken:
            return None, "invalid"
