"""``POST /api/people``: a reader asks, by email link, for everything stored about their address or for
its erasure (the privacy page's form; :mod:`essaykit.mail.people_links`).

Fields: ``email`` and ``what`` (``export`` or ``erase``). The answer is the same whether or not anything
is stored about the address, so the form cannot be used to learn who commented: JSON ``202
{"status": "requested", "notice"}``, or for a plain form a 303 back to the privacy page at
``#ek-people-sent``. Limits are per client address and network; posts come from this server's pages or
an ``--allow-origin``.
"""

from __future__ import annotations

from ...mail import people_links
from .follow import EmailFormHandler
from .service import ApiError

SENT_ANCHOR = "ek-people-sent"
SENT = "If this site stores anything about that address, we have emailed it a link; it works once, for a day."
NO_MAIL = "this site does not send email; ask its author for your data instead"


class PeopleHandler(EmailFormHandler):
    """``POST /api/people``: ask for the data link."""

    no_mail = NO_MAIL

    def _post(self) -> None:
        values, email = self.checked_email()
        what = values.get("what")
        if what not in people_links.WHAT:
            raise ApiError(400, "say what you want: what=export (a copy of your data) or what=erase", "what")
        self.record(lambda conn, keys, moment: people_links.request(
            conn, email, what, address_hash=keys.address_hash, network=keys.network, moment=moment))
        if self.wants_json():
            self.send_json(202, {"status": "requested", "notice": SENT})
        else:
            self.redirect(f"{self.settings.get('base_url', '/')}privacy#{SENT_ANCHOR}", status=303)
