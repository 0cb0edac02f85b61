"""``/essaykit/mail/people/TOKEN``: the page behind a reader's data link (:mod:`.people_links`).

Like every mail link, a GET only shows what the link would do and a button; the button's POST acts: it
marks the link used first (so a replayed or shared link does nothing), then answers the JSON download
(``export``) or erases everything stored about the address (``erase``, :func:`.people.erase`). An
expired link gets a 410 page that says how to ask again, a used one a 410 page too, a forged one 400.
"""

from __future__ import annotations

import json
import logging

from ..comments.statements import naive_utc
from . import people, people_links
from .handlers import OnceLinkHandler

log = logging.getLogger("essaykit.mail")

ASK_AGAIN = "Ask again from the site's privacy page to get a new link."
USED = "This link was already used; each works once. " + ASK_AGAIN
_BUTTONS = {"export": ("Download my data", "Download everything stored about {email} as a JSON file?"),
            "erase": ("Erase my data", "Erase everything stored about {email}? Your comments become "
                                       "\"[deleted]\"; your subscriptions and ratings are deleted. This cannot "
                                       "be undone.")}


class PeopleLinkHandler(OnceLinkHandler):
    """GET shows the request and a button; POST downloads or erases, once."""

    ask_again = ASK_AGAIN
    expired = "This link has expired."

    def _use(self, token: str, *, act: bool) -> None:
        value, why = self._links().read("people", token)
        if value is None:
            return self._refused("people", why)
        store = self.api.store
        with store.reading() as conn:
            found = people_links.by_token(conn, value)
        if found is None:
            return self._refused("people", "invalid")
        if found.used_at is not None:
            return self._page(410, "This link was already used", USED)
        label, question = _BUTTONS[found.what]
        if not act:
            return self._page(200, label, question.format(email=found.email_key),
                              buttons=[("do", found.what, label)])
        with store.writing() as conn:
            fresh = people_links.use(conn, value, naive_utc(None))
        if not fresh:
            return self._page(410, "This link was already used", USED)
        if found.what == "erase":
            done = people.erase(store, found.email_key)
            log.info("a reader erased their data by email link: %s", done.summary())
            return self._page(200, "Your data is erased", "Everything this site stored about "
                              f"{found.email_key} is erased.")
        data = json.dumps(people.collect(store, found.email_key), ensure_ascii=False, indent=2) + "\n"
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Content-Disposition", 'attachment; filename="my-data.json"')
        self.finish(data)
