"""The receiver: which essay a target names, the queue, and the worker that verifies.

A Webmention is checked at once for what needs no network (both URLs are
http(s), differ, and the target is one of our essays), queued in the comment
database with a status token, and answered 201 with the status URL in
``Location``. A worker in the server verifies queued requests in the
background, two at a time, in threads (the fetch and the database calls
block). Intake (queueing, status lookups) and verification run in separate
thread pools, so sources that are slow to fetch or parse never hold up an
honest sender's ``POST /webmention``; finished requests are pruned while the
server runs (:meth:`MentionService.tidy`), so the table stays bounded. Requests survive a restart: the
worker picks them up again, and several servers sharing one database each
claim different ones.

A pingback is verified while its XML-RPC call waits (at most the fetcher's
5 seconds), because its answer must say whether it worked.

Limits count the requests still waiting by the sender's address (IPv4, IPv6
/64) and by its network (IPv4 /24, IPv6 /48: a site is often given a whole
/48, so its addresses cost nothing to mint), and keep the queue's last places
for networks with nothing waiting; the worker takes the networks in turns
(:class:`~.store.ReceivedQueue` has the numbers).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ..db.engine import outage
from . import xmlrpc
from .fetch import FetchPolicy
from .urls import BadURL, check_http_url, host_of, path_key, same_page_key

log = logging.getLogger("essaykit.mentions")


class Refused(Exception):
    """A request refused before queueing: HTTP ``status``, the ``field`` at fault, a one-line
    ``message``, and the Pingback fault code that says the same."""

    def __init__(self, message: str, *, field: str, status: int = 400, fault: int = xmlrpc.GENERIC):
        super().__init__(message)
        self.message, self.field, self.status, self.fault = message, field, status, fault


@dataclass(frozen=True)
class EssayAddress:
    """Where one essay can be found: its slug, its path on this server and its public URLs."""

    slug: str
    live_path: str
    urls: tuple[str, ...]


class Targets:
    """Which of our essays a target URL names: by the essay's ``url`` or
    ``live_url`` metadata, or by its page on this server (the host the request
    came to, and the path the essay is served at)."""

    def __init__(self, essays: list[EssayAddress], pages: tuple[str, ...] = ()):
        self._by_url = {same_page_key(u): e.slug for e in essays for u in e.urls if same_page_key(u)}
        self._by_path = {path_key(e.live_path): e.slug for e in essays if e.live_path}
        self._hosts = {host_of(u) for e in essays for u in e.urls}
        # Pages this server has that are not essays (a folder's index): Pingback's 33, not 32.
        self._pages = {path_key(p) for p in pages}

    @classmethod
    def from_site(cls, site, base_url: str = "/") -> Targets:
        """The essays of an :class:`~essaykit.live.pages.site.EssaySite` served under ``base_url``."""
        base = base_url if base_url.endswith("/") else base_url + "/"
        essays = []
        for item in site.essays.values():
            meta = item.essay.meta
            path = base if site.single else f"{base}voila/render/{item.name}"
            essays.append(EssayAddress(meta.slug, path, tuple(u for u in (meta.url, meta.live_url) if u)))
        return cls(essays, pages=() if site.single else (base,))

    def essay_for(self, target: str, *, host: str = "") -> str:
        """The slug of the essay ``target`` names; Refused (400) when it names none.

        ``host`` is the request's ``Host`` header (``name[:port]``): a target
        on that host at an essay's path is that essay.
        """
        key = same_page_key(target)
        if key in self._by_url:
            return self._by_url[key]
        from urllib.parse import urlsplit

        parts = urlsplit(key)
        if host and parts.netloc == _host_key(parts.scheme, host):
            slug = self._by_path.get(path_key(parts.path))
            if slug and not parts.query:
                return slug
            if slug or path_key(parts.path) in self._pages:
                raise Refused(f"the target {target[:200]} is a page of this site but not an essay; mention an "
                              "essay's page", field="target", fault=xmlrpc.TARGET_NOT_PINGABLE)
            raise Refused(f"the target {target[:200]} is not an essay on this site", field="target",
                          fault=xmlrpc.TARGET_MISSING)
        if parts.hostname in self._hosts:
            raise Refused(f"the target {target[:200]} is not an essay on this site", field="target",
                          fault=xmlrpc.TARGET_MISSING)
        raise Refused(f"the target {target[:200]} is on another site; send mentions of our essays only",
                      field="target", fault=xmlrpc.TARGET_NOT_PINGABLE)


def _host_key(scheme: str, host: str) -> str:
    """``host`` (a Host header) as :func:`same_page_key` writes a URL's netloc."""
    key = same_page_key(f"{scheme}://{host.strip()}/")
    return key.split("://", 1)[1].rstrip("/") if key else ""


def check_request(source: object, target: object, targets: Targets, *, host: str) -> tuple[str, str, str]:
    """(essay slug, source, target) for a request, or Refused naming the field at fault."""
    try:
        source = check_http_url(source, what="source URL")
    except BadURL as exc:
        raise Refused(str(exc), field="source", fault=xmlrpc.SOURCE_MISSING) from None
    try:
        target = check_http_url(target, what="target URL")
    except BadURL as exc:
        raise Refused(str(exc), field="target", fault=xmlrpc.TARGET_NOT_PINGABLE) from None
    if same_page_key(source) == same_page_key(target):
        raise Refused("the source and the target are the same page; the source must be the page that links",
                      field="source", fault=xmlrpc.SOURCE_HAS_NO_LINK)
    return targets.essay_for(target, host=host), source, target


class MentionService:
    """The receiver of one server: targets, the store, the fetch policy, the queue and its worker."""

    WORKERS = 2
    IDLE_POLL = 30.0
    TIDY_EVERY = 60.0  # seconds between two prunes of finished requests

    def __init__(self, targets: Targets, open_store: Callable[[], object], policy: FetchPolicy = FetchPolicy()):
        self.targets = targets
        self.policy = policy
        self._open_store = open_store
        self._store = None
        self._queue = None
        self._opening = threading.Lock()
        # Separate pools: a source that takes seconds to fetch and parse holds a verifier, never intake.
        self._intake = ThreadPoolExecutor(max_workers=2, thread_name_prefix="essaykit-mentions-intake")
        self._verifiers = ThreadPoolExecutor(max_workers=self.WORKERS, thread_name_prefix="essaykit-mentions-verify")
        self._tidied = 0.0
        self._wake: asyncio.Event | None = None
        self._task: asyncio.Task | None = None
        self._resume_at = 0.0

    @property
    def store(self):
        with self._opening:  # first used from two worker threads at once
            if self._store is None:
                self._store = self._open_store()
            return self._store

    @property
    def queue(self):
        store = self.store
        with self._opening:
            if self._queue is None:
                from .store import ReceivedQueue

                self._queue = ReceivedQueue(store)
            return self._queue

    async def run_blocking(self, function, *args):
        """Run a short database call (queueing, a status, the worker's bookkeeping) in the intake pool."""
        return await asyncio.get_running_loop().run_in_executor(self._intake, function, *args)

    async def run_verification(self, function, *args):
        """Run a verification (fetch, bounds check, parse, store) in the verifiers' pool."""
        return await asyncio.get_running_loop().run_in_executor(self._verifiers, function, *args)

    async def tidy(self) -> None:
        """Prune finished requests (old ones, and the oldest beyond the table's bound) at most every TIDY_EVERY s."""
        loop = asyncio.get_running_loop()
        if loop.time() - self._tidied < self.TIDY_EVERY and self._tidied:
            return
        self._tidied = loop.time()
        try:
            await self.run_blocking(self.queue.prune)
        except Exception as exc:  # noqa: BLE001 - the worker must keep running; the log says why
            log.error("mentions: cannot prune the queue: %s", outage(exc) or exc, exc_info=outage(exc) is None)

    # --- webmentions -----------------------------------------------------------------------

    async def receive(self, source: object, target: object, *, host: str, address: str):
        """Check and queue a Webmention; returns the queued request (Refused/QueueFull to refuse it)."""
        essay, source, target = check_request(source, target, self.targets, host=host)
        queued = await self.run_blocking(lambda: self.queue.add(
            kind="webmention", essay=essay, source=source, target=target, address=address))
        self.wake()
        return queued

    async def status(self, token: str):
        return await self.run_blocking(self.queue.get, token)

    def start(self) -> None:
        """Start the worker on the running event loop (call once the loop runs)."""
        if self._task is None:
            self._wake = asyncio.Event()
            self._task = asyncio.get_running_loop().create_task(self._work())

    def wake(self) -> None:
        if self._wake is not None:
            self._wake.set()

    async def _work(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            await self.run_blocking(self.queue.requeue_stale)
        except Exception as exc:  # noqa: BLE001 - the worker must keep running; the log says why
            log.error("mentions: cannot tidy the queue: %s", outage(exc) or exc, exc_info=outage(exc) is None)
        running: set[asyncio.Task] = set()
        while True:
            await self.tidy()
            if self._resume_at > loop.time():
                await asyncio.sleep(self._resume_at - loop.time())
            while len(running) >= self.WORKERS:
                _, running = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
            try:
                claimed = await self.run_blocking(self.queue.claim)
            except Exception as exc:  # noqa: BLE001
                log.error("mentions: cannot read the queue: %s", outage(exc) or exc, exc_info=outage(exc) is None)
                claimed, self._resume_at = None, loop.time() + self.IDLE_POLL
            if claimed is None:
                self._wake.clear()
                try:
                    await asyncio.wait_for(self._wake.wait(), timeout=self.IDLE_POLL)
                except asyncio.TimeoutError:
                    pass
                continue
            running.add(loop.create_task(self._verify(claimed)))

    async def _verify(self, request) -> None:
        outcome = await self.run_verification(self.verify_now, request)
        if outcome.retry_after:
            # The store refused it for now (flood control): pause the queue as long as it said.
            self._resume_at = asyncio.get_running_loop().time() + outcome.retry_after

    def verify_now(self, request, *, may_retry: bool = True):
        """Verify a claimed request and record the outcome (runs in a worker thread).

        When the essay is too busy to take the mention now, a queued request
        goes back in the queue (``may_retry``); a pingback is refused instead.
        """
        from .verify import Outcome, verify

        try:
            outcome = verify(self.store, kind=request.kind, essay=request.essay, source=request.source,
                             target=request.target, policy=self.policy)
        except Exception as exc:  # noqa: BLE001 - one bad page must not stop the worker
            log.exception("mentions: verifying %s failed", request.source)
            outcome = Outcome("failed", f"verification failed unexpectedly ({type(exc).__name__})",
                              fault=xmlrpc.GENERIC)
        if outcome.retry_after and may_retry:
            self.queue.release(request.token, outcome.message)
        else:
            self.queue.finish(request.token, outcome.state, outcome.message, outcome.comment_id)
        log.info("mentions: %s %s -> %s: %s", request.kind, request.source, request.essay, outcome.state)
        return outcome

    # --- pingbacks -----------------------------------------------------------------------------

    async def ping(self, source: object, target: object, *, host: str, address: str) -> str:
        """Verify a pingback now; the success string, or xmlrpc.Fault."""
        from .store import QueueFull

        try:
            essay, source, target = check_request(source, target, self.targets, host=host)
        except Refused as exc:
            raise xmlrpc.Fault(exc.fault, exc.message) from None
        try:
            request = await self.run_blocking(lambda: self.queue.add(
                kind="pingback", essay=essay, source=source, target=target, address=address, state="verifying"))
        except QueueFull as exc:
            raise xmlrpc.Fault(xmlrpc.ACCESS_DENIED, str(exc)) from None
        outcome = await self.run_verification(lambda: self.verify_now(request, may_retry=False))
        if outcome.state == "accepted":
            return f"Pingback from {source} to {target} registered; the mention is {outcome.held}"
        if outcome.state == "updated":
            raise xmlrpc.Fault(xmlrpc.ALREADY_REGISTERED,
                               "the pingback has already been registered (its details were refreshed)")
        raise xmlrpc.Fault(outcome.fault, outcome.message)

    def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self._intake.shutdown(wait=False, cancel_futures=True)
        self._verifiers.shutdown(wait=False, cancel_futures=True)
        if self._store is not None:
            self._store.close()
