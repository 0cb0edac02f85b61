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
# Imported comments were public before: kept whole up to this, as MAX_BODY_CHARS is for new comments.
MAX_IMPORTED_BODY_CHARS = 100_000
MAX_NAME_CHARS = 100
MAX_URL_CHARS = 2000
MAX_TITLE_CHARS = 300
# A comment's anchor on a passage (W3C TextQuoteSelector): the quote and the context on each side.
MAX_ANCHOR_CHARS = 1000
MAX_ANCHOR_CONTEXT_CHARS = 64

#: Seconds a reader's page waits for an answer (the kernel's or the comment API's) before it says
#: so and lets the reader try again. A comment or rating is one short database write.
ANSWER_SECONDS = 45

# Live-code kernels (essaykit serve). Besides the global cap (--max-kernels), a reader holds at most
# this many at once, counted by what an attacker must pay for: a signed session (free: a new one per
# cookieless request), a client address (IPv4, IPv6 /64) and its network (IPv4 /24, IPv6 /48).
KERNELS_PER_SESSION = 2
KERNELS_PER_ADDRESS = 4
KERNELS_PER_NETWORK = 8
#: Seconds a reader's kernel lives at most, however it is used (--kernel-lifetime).
KERNEL_LIFETIME_SECONDS = 3600
#: Seconds a kernel lives without its reader using it (a widget message from the page), even with its
#: page open; pings, heartbeats and kernel_info requests do not count (--inactive-seconds).
KERNEL_INACTIVE_SECONDS = 900
#: Seconds the essay's live cells may run, all together, for one reader's page (--cell-timeout); past
#: that the page is told the live version stopped and the kernel is reclaimed.
LIVE_CODE_SECONDS = 60
#: Seconds a kernel may take to say anything (its "busy") about a cell it was sent: one that does not
#: is stuck, and the reader gets a fresh kernel instead (once).
KERNEL_ANSWER_SECONDS = 20
#: Seconds a new kernel started for a reader may take to answer its first request. One that does not
#: (a process that failed to bind its ports and hangs instead of exiting) is replaced by a fresh one,
#: once, which gets the whole minute-scale wait.
KERNEL_START_SECONDS = 45
#: The line at the cap: readers waiting for a kernel, at most, and the longest one waits in it.
KERNEL_QUEUE_LENGTH = 32
KERNEL_QUEUE_SECONDS = 300
#: Seconds a waiting page waits before asking again (its Retry-After); a place is kept this long
#: three times over, so a page that was closed leaves the line.
KERNEL_QUEUE_POLL_SECONDS = 3
