"""Each reader's share of the kernels, and the line at the cap (docs/serve.md, "What costs a kernel").

A share. Besides the global cap (``--max-kernels``), one reader holds at most
``kernels_per_session`` kernels per signed session, ``kernels_per_address``
per client address and ``kernels_per_network`` per network (by default the
numbers in :mod:`essaykit.limits`, or half the cap when that is less,
:func:`default_share`): a session costs nothing to mint, an address costs
something, a network a lot, so dropping the cookie or renting neighbouring
addresses does not buy a bigger share. A reader over a share is refused at
once (429) with the limit named.

The line. When every slot is taken, a reader within their share gets a place
in line and is told their position and when to ask again (503 with
``Retry-After``); the page asks again then, keeping its place. A slot that
comes free goes to the first in line, where readers whose network holds the
fewest kernels come first and arrival decides among equals, so each network
gets one kernel before any gets a second. The line is bounded: at most
``queue_length`` places, no network more places than its kernel share, a
place kept only while its page keeps asking, and for ``queue_seconds`` at
most; after that the reader is told the live version is busy.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ...comments.addresses import address_keys
from ...limits import KERNEL_QUEUE_POLL_SECONDS

BUSY = "The live version is busy; try again in a minute."
BUSY_RETRY_SECONDS = 60  # BUSY's "in a minute", sent as Retry-After
QUEUED = ("The live version is busy; you are number {position} in line, and this page starts it when a kernel "
          "is free.")


class KernelsBusy(Exception):
    """No kernel for this reader now; the answer is ``status`` with ``Retry-After: retry_after``."""

    status = 503

    def __init__(self, message: str, retry_after: int, **details) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after
        self.details = details  # more fields for the page (its place in line)


class KernelsLimited(KernelsBusy):
    """The reader holds their share already (per session, address or network): 429."""

    status = 429


@dataclass(frozen=True)
class Owner:
    """A reader as the shares count them: signed session, client address (IPv4, IPv6 /64), network (/24, /48)."""

    session: str
    address: str
    network: str

    @classmethod
    def of(cls, session: str, ip: str) -> Owner:
        address, network = address_keys(ip)
        # No usable address (never under serve, whose peer is always known): all such readers share one.
        return cls(session, address or "unknown", network or "unknown")


# (attribute of Owner, the manager's trait, what the reader is told it counts)
SHARES = (("session", "kernels_per_session", "reader (--kernels-per-session)"),
          ("address", "kernels_per_address", "address (--kernels-per-address)"),
          ("network", "kernels_per_network", "network (--kernels-per-network)"))
OVER_SHARE = ("This page's live code cannot start: you already have {n} running, the limit per {what}. "
              "Close another live page of this site, or try again later.")


def default_share(limit: int, max_kernels: int) -> int:
    """A share's default: ``limit`` (essaykit.limits), but never more than half the cap, so one client
    cannot take every kernel of a small server (with ``--max-kernels 2``, one each for two readers)."""
    return max(1, min(limit, max_kernels // 2))


def over_share(owner: Owner, holders: Iterable[Owner], limits) -> str | None:
    """Why ``owner`` may not have another kernel, given the owners of those running or starting; None when they may."""
    holders = list(holders)
    for key, trait, what in SHARES:
        limit = getattr(limits, trait)
        n = sum(getattr(h, key) == getattr(owner, key) for h in holders)
        if n >= limit:
            return OVER_SHARE.format(n=n, what=what)
    return None


@dataclass
class Place:
    owner: Owner
    arrived: float
    seen: float = field(default=0.0)


class Line:
    """Readers waiting for a kernel at the cap, one place per session (see the module docstring)."""

    def __init__(self) -> None:
        self._places: dict[str, Place] = {}  # session -> its place

    def __len__(self) -> int:
        return len(self._places)

    def prune(self, now: float) -> None:
        """Give up the places whose page stopped asking."""
        for session, place in list(self._places.items()):
            if now - place.seen > 3 * KERNEL_QUEUE_POLL_SECONDS:
                del self._places[session]

    def order(self, holders: Iterable[Owner]) -> list[Place]:
        """The places in the order slots go to them: fewest kernels held by the network first, then arrival."""
        held = Counter(h.network for h in holders)
        return sorted(self._places.values(), key=lambda p: (held[p.owner.network], p.arrived))

    def first(self, owner: Owner, holders: Iterable[Owner]) -> bool:
        """True when a free slot is ``owner``'s to take: nobody waits, or ``owner`` is first in line."""
        order = self.order(holders)
        return not order or order[0].owner.session == owner.session

    def join(self, owner: Owner, holders: Iterable[Owner], *, length: int, per_network: int,
             wait: float, now: float | None = None) -> int:
        """``owner``'s position in line (1 is next), keeping or taking their place; KernelsBusy when the
        line is full, their network has its share of places, or they waited ``wait`` seconds already."""
        now = time.monotonic() if now is None else now
        place = self._places.get(owner.session)
        if place is not None and now - place.arrived > wait:
            del self._places[owner.session]
            raise KernelsBusy(f"{BUSY} (You waited {wait:g} s in line, the longest anyone waits.)", BUSY_RETRY_SECONDS)
        if place is None:
            if len(self._places) >= length:
                raise KernelsBusy(f"{BUSY} (The line for a kernel is full.)", BUSY_RETRY_SECONDS)
            if sum(p.owner.network == owner.network for p in self._places.values()) >= per_network:
                raise KernelsBusy(f"{BUSY} (Your network already has {per_network} places in line, its share.)",
                                  BUSY_RETRY_SECONDS)
            place = self._places[owner.session] = Place(owner, now)
        place.seen = now
        holders = list(holders)
        return next(i for i, p in enumerate(self.order(holders), 1) if p is place)

    def leave(self, owner: Owner) -> None:
        self._places.pop(owner.session, None)

