"""Limits and statuses every layer shares, each defined once.

The bottom layer: it imports nothing from essaykit, so the store, the HTTP
API, the widgets, the templates' callers and the CLI all read the same numbers.
"""

from __future__ import annotations

#: Where a comment stands: waiting for the author, published, caught, or taken down.
STATUSES = ("pending", "approved", "spam", "deleted")
#: What a stored item is: a reader's comment or a mention from another site.
KINDS = ("comment", "pingback", "webmention")

MAX_BODY_CHARS = 5000
MAX_NAME_CHARS = 100
MAX_URL_CHARS = 2000
MAX_TITLE_CHARS = 300

#: Seconds a reader's page waits for an answer (the kernel's or the comment API's) before it says
#: so and lets the reader try again. A comment or rating is one short database write.
ANSWER_SECONDS = 45
