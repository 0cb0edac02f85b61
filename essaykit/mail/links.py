"""The signed links in the emails, and the routes of ``essaykit serve`` that answer them.

Routes (all under the server's public URL; every GET only shows a page whose
button POSTs; only a POST changes anything):

    /essaykit/mail/moderate/<token>      approve, spam or delete one comment (the author's links)
    /essaykit/mail/confirm/<token>       confirm a reply subscription (double opt-in); verifies the address
    /essaykit/mail/unsubscribe/<token>   stop it; a POST with no cookie, form or origin works (RFC 8058)

Tokens are signed with the database's session key by
:meth:`essaykit.comments.sessions.Sessions.sign`, for one purpose each and
with an expiry: moderation and confirmation links last
:data:`MODERATE_DAYS` / :data:`CONFIRM_DAYS`, unsubscribe links
:data:`UNSUBSCRIBE_DAYS` (they must keep working as long as mail may come).
"""

from __future__ import annotations

from dataclasses import dataclass

MODERATE_DAYS = 7
CONFIRM_DAYS = 7
UNSUBSCRIBE_DAYS = 730
ACTIONS = {"approve": "approved", "spam": "spam", "delete": "deleted"}
PREFIX = "essaykit/mail"


@dataclass(frozen=True)
class Links:
    """Makes and reads the links for one database (``sessions``) and one public URL (ending in ``/``)."""

    sessions: object  # essaykit.comments.sessions.Sessions
    public_url: str

    def moderate(self, action: str, comment_id: str) -> str:
        token = self.sessions.sign("moderate", f"{action}-{comment_id}", ttl=MODERATE_DAYS * 86400)
        return f"{self.public_url}{PREFIX}/moderate/{token}"

    def confirm(self, subscription_token: str) -> str:
        token = self.sessions.sign("confirm", subscription_token, ttl=CONFIRM_DAYS * 86400)
        return f"{self.public_url}{PREFIX}/confirm/{token}"

    def unsubscribe(self, subscription_token: str) -> str:
        token = self.sessions.sign("unsubscribe", subscription_token, ttl=UNSUBSCRIBE_DAYS * 86400)
        return f"{self.public_url}{PREFIX}/unsubscribe/{token}"

    # --- reading them back -------------------------------------------------------------

    def read_moderate(self, token: str) -> tuple[str | None, str | None, str]:
        """``(action, comment_id, "")`` or ``(None, None, why)`` with why "expired" or "invalid"."""
        value, why = self.sessions.unsign("moderate", token)
        if value is None:
            return None, None, why
        action, _, comment_id = value.partition("-")
        if action not in ACTIONS or not comment_id:
            return None, None, "invalid"
        return action, comment_id, ""

    def read(self, purpose: str, token: str) -> tuple[str | None, str]:
        """A confirm or unsubscribe link's subscription token, or ``(None, why)``."""
        return self.sessions.unsign(purpose, token)
