"""The sender: tell the sites an essay links to that it does.

For each external link of an essay (Markdown text and spoilers; links to the
essay's own site are not external) :func:`send_for_essay`:

1. skips it when the record (``sent_mentions``) says the same link was
   already sent from the same page of the same essay, unchanged (or its page
   has no endpoint). Any change to the essay's text re-sends every link
   (W3C Webmention 3.1.3: on an update, re-send to every target);
2. otherwise fetches the linked page through the safe fetcher and discovers
   its endpoint: the HTTP ``Link`` header with ``rel="webmention"``, then the
   first ``<link>`` or ``<a>`` with that rel in document order (W3C
   Webmention 3.1.2; relative URLs resolved against the final URL after
   redirects, ``rel`` values space-separated); failing those, a pingback
   server (``X-Pingback`` header, then ``<link rel="pingback">``);
3. sends a Webmention (form POST of ``source`` and ``target``) or a pingback
   (XML-RPC ``pingback.ping``), and records what happened.

Links that were sent before and are gone from the essay get one final
mention, so the other site can see the link is gone and take it down; so do
all the links of an essay that was deleted or unpublished
(:func:`withdraw_essay`): its page answers 404 or 410, and the receivers
take the mentions down.

The essay's page must already be published at its source URL: the other
site fetches it to check the link.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from . import linkheader, xmlrpc
from .._html_bounds import MENTION_MAX_ELEMENTS, HtmlTooBig, check_html
from .fetch import FetchError, FetchPolicy, fetch
from .urls import BadURL, check_http_url, resolve, same_page_key, site_of


@dataclass(frozen=True)
class Link:
    """An external link of an essay and the text of the paragraph it is in."""

    url: str
    context: str


@dataclass(frozen=True)
class Endpoint:
    protocol: str  # webmention or pingback
    url: str


@dataclass(frozen=True)
class Result:
    """What happened to one link: ``sent``, ``unchanged``, ``no-endpoint``, ``failed`` or ``removed``."""

    target: str
    result: str
    detail: str = ""
    protocol: str = ""


@dataclass
class EssayReport:
    essay: str
    source: str
    results: list[Result] = field(default_factory=list)

    def count(self, result: str) -> int:
        return sum(1 for r in self.results if r.result == result)

    @property
    def failed(self) -> bool:
        return self.count("failed") > 0

    def summary(self) -> str:
        return (f"{self.essay}: {self.count('sent')} sent, {self.count('unchanged')} unchanged, "
                f"{self.count('no-endpoint')} without an endpoint, {self.count('removed')} removed, "
                f"{self.count('failed')} failed")


def essay_links(essay, *, own_sites: set[str]) -> list[Link]:
    """The essay's external http(s) links in order, each once, with the text around it.

    ``own_sites`` are :func:`~.urls.site_of` values (host[:port]) whose links are not external."""
    from bs4 import BeautifulSoup

    from ..essay import SpoilerBlock, TextBlock

    found: dict[str, Link] = {}
    for block in essay.blocks:
        if not isinstance(block, (TextBlock, SpoilerBlock)):
            continue
        soup = BeautifulSoup(block.html, "html.parser")
        for anchor in soup.find_all("a", href=True):
            try:
                url = check_http_url(anchor["href"], what="link")
            except BadURL:
                continue
            key = same_page_key(url)
            if not key or site_of(url) in own_sites or key in found:
                continue
            parent = anchor.find_parent(["p", "li", "blockquote", "td", "dd"]) or anchor
            found[key] = Link(url, " ".join(parent.get_text(" ").split()))
    return list(found.values())


def essay_fingerprint(essay) -> str:
    """What changes whenever the essay's readable text does: its title and every text and spoiler block."""
    from ..essay import SpoilerBlock, TextBlock

    parts = [essay.meta.title] + [b.html for b in essay.blocks if isinstance(b, (TextBlock, SpoilerBlock))]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def fingerprint(source: str, link: Link, whole: str = "") -> str:
    """What decides "changed": the page the mention comes from, the link, the words around it and
    ``whole`` (:func:`essay_fingerprint`), so that any update of the essay re-sends every link."""
    text = "\0".join((same_page_key(source), link.url, link.context, whole))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def discover(target: str, policy: FetchPolicy) -> Endpoint | None:
    """The Webmention endpoint of ``target`` (Link header, then the first ``<link>`` or ``<a>`` in document
    order), else its pingback server, else None. FetchError when the page cannot be fetched."""
    response = fetch(target, policy=policy)
    if not 200 <= response.status < 300:
        raise FetchError(f"{target} answered HTTP {response.status}", "http")
    found = linkheader.find_rel(response.header_all("Link"), "webmention")
    if found is not None:
        return _endpoint("webmention", resolve(response.url, found))
    soup = None
    too_big = ""
    if response.is_html and response.body:
        from .html import parse_page, rel_endpoint

        text = response.text()
        try:
            # Another site's page: measured before any tree is built, as a source the receiver fetches is.
            check_html(text, max_elements=MENTION_MAX_ELEMENTS)
        except HtmlTooBig as exc:
            too_big = str(exc).split(";")[0]
        else:
            soup = parse_page(text)
            found = rel_endpoint(soup, response.url, "webmention", ("link", "a"))
            if found is not None:
                return _endpoint("webmention", found)
    pingback = response.header("X-Pingback")
    if pingback:
        return _endpoint("pingback", resolve(response.url, pingback.strip()))
    if too_big:
        raise FetchError(f"{target} is too large to look for an endpoint in: {too_big}", "size")
    if soup is not None:
        from .html import rel_endpoint

        found = rel_endpoint(soup, response.url, "pingback", ("link",))
        if found is not None:
            return _endpoint("pingback", found)
    return None


def _endpoint(protocol: str, url: str) -> Endpoint | None:
    try:
        return Endpoint(protocol, check_http_url(url, what="endpoint"))
    except BadURL:
        return None


def send_webmention(endpoint: str, source: str, target: str, policy: FetchPolicy) -> str:
    """POST the Webmention; a short description of the answer, or FetchError when it was refused."""
    body = urlencode({"source": source, "target": target}).encode("ascii")
    response = fetch(endpoint, policy=policy, method="POST", body=body, follow_redirects=False, read_types=(),
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    if 200 <= response.status < 300:
        location = response.header("Location")
        return f"HTTP {response.status}" + (f", status at {location}" if location else "")
    raise FetchError(f"the endpoint {endpoint} answered HTTP {response.status}", "http")


def send_pingback(endpoint: str, source: str, target: str, policy: FetchPolicy, *, removal: bool = False) -> str:
    """Call ``pingback.ping``; a short description, or FetchError for a fault (48 and, for a
    removal, 16 and 17 count as done)."""
    response = fetch(endpoint, policy=policy, method="POST", body=xmlrpc.call(xmlrpc.METHOD, source, target),
                     follow_redirects=False, read_types=("text/xml", "application/xml"),
                     headers={"Content-Type": "text/xml"})
    if not 200 <= response.status < 300:
        raise FetchError(f"the pingback server {endpoint} answered HTTP {response.status}", "http")
    try:
        return xmlrpc.parse_response(response.body)[:200] or "pinged"
    except xmlrpc.Fault as fault:
        if fault.code == xmlrpc.ALREADY_REGISTERED:
            return "already registered"
        if removal and fault.code in (xmlrpc.SOURCE_HAS_NO_LINK, xmlrpc.SOURCE_MISSING):
            return "the pingback server saw the link (or the page) is gone"
        raise FetchError(f"the pingback server refused: fault {fault.code}: {fault.message[:200]}", "http") from None


def _send(endpoint: Endpoint, source: str, target: str, policy: FetchPolicy, *, removal: bool = False) -> str:
    if endpoint.protocol == "webmention":
        return send_webmention(endpoint.url, source, target, policy)
    return send_pingback(endpoint.url, source, target, policy, removal=removal)


def send_for_essay(essay, source: str, store, policy: FetchPolicy, *, own_sites: set[str] = frozenset(),
                   dry_run: bool = False, echo: Callable[[Result], None] = lambda r: None) -> EssayReport:
    """Send what is new or changed for ``essay``, published at ``source``; record it in ``store``."""
    from .store import SentLog

    source = check_http_url(source, what="essay's public URL")
    sites = set(own_sites) | {site_of(source)} | {site_of(u) for u in (essay.meta.url, essay.meta.live_url) if u}
    slug = essay.meta.slug
    record = SentLog(store)
    previous = record.for_essay(slug)
    report = EssayReport(slug, source)

    def done(result: Result) -> None:
        report.results.append(result)
        echo(result)

    links = essay_links(essay, own_sites=sites)
    whole = essay_fingerprint(essay)
    for link in links:
        print_ = fingerprint(source, link, whole)
        before = previous.get(link.url)
        if before and before.fingerprint == print_ and before.result in ("sent", "no-endpoint"):
            done(Result(link.url, "unchanged", before.detail, before.protocol))
            continue
        if dry_run:
            done(Result(link.url, "sent", "would be sent (dry run)"))
            continue
        done(_deliver(record, slug, source, link.url, print_, policy))

    kept = {link.url for link in links}
    for target, before in previous.items():
        if target in kept or before.result == "removed":
            continue
        if dry_run:
            done(Result(target, "removed", "would send a final mention (dry run)"))
            continue
        done(_withdraw(record, slug, source, target, before, policy))
    return report


def withdraw_essay(slug: str, store, policy: FetchPolicy, *, dry_run: bool = False,
                   echo: Callable[[Result], None] = lambda r: None) -> EssayReport:
    """The essay ``slug`` was deleted or unpublished: a final mention for every link it had sent, from the
    page it was sent from (which now answers 404 or 410, so the receivers take the mentions down)."""
    from .store import SentLog

    record = SentLog(store)
    previous = record.for_essay(slug)
    report = EssayReport(slug, next((b.source for b in previous.values() if b.source), ""))
    for target, before in previous.items():
        if before.result == "removed":
            continue
        result = (Result(target, "removed", "would send a final mention (dry run)") if dry_run
                  else _withdraw(record, slug, before.source, target, before, policy))
        report.results.append(result)
        echo(result)
    return report


def _deliver(record, slug: str, source: str, target: str, print_: str, policy: FetchPolicy) -> Result:
    try:
        endpoint = discover(target, policy)
    except FetchError as exc:
        record.record(slug, target, source=source, fingerprint=print_, protocol="", endpoint="", result="failed",
                      detail=str(exc))
        return Result(target, "failed", str(exc))
    if endpoint is None:
        detail = "the page names no Webmention endpoint or pingback server"
        record.record(slug, target, source=source, fingerprint=print_, protocol="", endpoint="",
                      result="no-endpoint", detail=detail)
        return Result(target, "no-endpoint", detail)
    try:
        detail = _send(endpoint, source, target, policy)
        result = "sent"
    except FetchError as exc:
        detail, result = str(exc), "failed"
    record.record(slug, target, source=source, fingerprint=print_, protocol=endpoint.protocol,
                  endpoint=endpoint.url, result=result, detail=detail)
    return Result(target, result, detail, endpoint.protocol)


def _withdraw(record, slug: str, source: str, target: str, before, policy: FetchPolicy) -> Result:
    """The link (or the whole essay) is gone: one last mention, so the other site checks and takes it down."""
    if before.result != "sent":
        record.record(slug, target, source=source, fingerprint="", protocol=before.protocol,
                      endpoint=before.endpoint, result="removed", detail="the link was removed; nothing had been sent")
        return Result(target, "removed", "the link was removed; nothing had been sent")
    try:
        endpoint = discover(target, policy) or (Endpoint(before.protocol, before.endpoint) if before.endpoint else None)
    except FetchError:
        endpoint = Endpoint(before.protocol, before.endpoint) if before.endpoint else None
    if endpoint is None:
        detail = "the link was removed; the page no longer names an endpoint"
        record.record(slug, target, source=source, fingerprint="", protocol="", endpoint="", result="removed",
                      detail=detail)
        return Result(target, "removed", detail)
    try:
        detail = "final mention: " + _send(endpoint, source, target, policy, removal=True)
    except FetchError as exc:
        # Keep the old record so the next run tries the final mention again.
        return Result(target, "failed", f"the final mention failed: {exc}", endpoint.protocol)
    record.record(slug, target, source=source, fingerprint="", protocol=endpoint.protocol, endpoint=endpoint.url,
                  result="removed", detail=detail)
    return Result(target, "removed", detail, endpoint.protocol)
