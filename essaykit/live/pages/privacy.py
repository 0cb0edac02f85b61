"""``GET /privacy``: what this server stores about readers, written from its settings (:mod:`essaykit.mail.privacy`).

The comment form links here. The page costs no kernel and no write; it reads the moderation rules
the store was opened with and the mail configuration ``essaykit serve`` was started with.
"""

from __future__ import annotations

from ..._web import SitePageHandler, render_site_page
from ...comments.moderation import Rules
from ...errors import EssaykitError
from ...mail.privacy import notice
from ..api.people import SENT


class PrivacyHandler(SitePageHandler):
    """The privacy notice of this server."""

    def initialize(self, api, mail) -> None:
        self.api = api
        self.mail = mail

    def get(self) -> None:
        try:
            rules = self.api.store.rules
        except EssaykitError:  # a broken database: the page still says what the default rules do
            rules = Rules()
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-cache")
        base_url = self.settings.get("base_url", "/")
        mailed = self.mail is not None and self.mail.enabled
        self.finish(render_site_page("privacy.html.j2", sections=notice(rules, self.mail, self.api.sign_in), back_url=base_url,
                                     request_action=f"{base_url}api/people" if mailed else "", sent=SENT))
