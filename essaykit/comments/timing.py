"""Time from page load to post: the comment form's signed load time, one of the spam filter's features.

Every comment form carries the hidden field :data:`FIELD`: a token signed the one
way (:mod:`essaykit.db.signing`, purpose ``loaded``) when the form was served,
whose payload names the essay and a random nonce::

    token = mint(signer, "the-salt-road")                   # when the page (or widget) is served
    found = read(signer, "the-salt-road", token)            # when the comment arrives
    found.seconds, found.nonce                              # -> 41, "…"; None, None unless genuine

Where the token comes from: a live page gets a fresh one per view in place of
:data:`PLACEHOLDER` (the page cache keeps the placeholder); a static page's form
asks ``GET /api/comments/timing?essay=SLUG`` for one when it loads; the
``CommentSection`` widget signs one in its kernel when a view shows it. A post
always answers with the next one, for a second comment from the same page.

A reader cannot forge the time: changing the token breaks its signature. What
is not genuine, fresh and unused (missing, forged, for another essay, older
than :data:`MAX_AGE_SECONDS`, from the future, or the nonce of an earlier
comment: a replay) times nothing: the comment is stored and moderated like any
other, with no seconds, which the filter reads as its own bucket.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

from ..db.signing import BadToken, ExpiredToken

#: The form's field (the same name in the page, the widget and the API).
FIELD = "ek_loaded"
PURPOSE = "loaded"
#: A tab left open for a day still times its comment; beyond, the time says nothing.
MAX_AGE_SECONDS = 24 * 3600
#: What a cached page holds in the field's value until a view puts its own token there. NUL never
#: survives into a page otherwise (names and bodies lose control characters, :mod:`.fields`).
PLACEHOLDER = "\x00ek-loaded\x00"


@dataclass(frozen=True)
class Timing:
    """What a form's token says: the seconds from load to post and the token's nonce, both None unless
    genuine; ``problem`` says why not ("" when genuine), for logs and tests, never for the reader."""

    seconds: int | None = None
    nonce: str | None = None
    problem: str = "missing"

    def replayed(self) -> Timing:
        """This token's nonce already timed a comment: it times nothing more."""
        return Timing(problem="replayed")


def mint(signer, essay: str, *, now: float | None = None) -> str:
    """A load token for ``essay``'s form, as of ``now`` (default: this moment)."""
    return signer.sign(PURPOSE, f"{essay} {secrets.token_urlsafe(12)}", now=now)


def read(signer, essay: str, token: object, *, now: float | None = None) -> Timing:
    """The :class:`Timing` of ``token`` sent with a comment on ``essay``; never raises for what a reader sent."""
    if not isinstance(token, str) or not token:
        return Timing()
    moment = time.time() if now is None else now
    try:
        found = signer.unsign(PURPOSE, token, max_age=MAX_AGE_SECONDS, now=moment)
    except ExpiredToken:
        return Timing(problem="expired or from the future")
    except BadToken:
        return Timing(problem="forged")
    slug, _, nonce = found.payload.partition(" ")
    if slug != essay or not nonce or found.signed_at is None:
        return Timing(problem="made for another essay")
    # Within the clock skew two servers may disagree by: a post "before" its page is an instant one.
    return Timing(seconds=max(0, int(moment - found.signed_at)), nonce=nonce, problem="")
