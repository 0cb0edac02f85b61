"""Verify one received mention and store the result: the receiver rules of the
W3C Webmention Recommendation, shared by Webmentions and pingbacks.

:func:`verify` fetches the source (through the safe fetcher), and then:

- the source answers 410 Gone → the stored mention from it is removed;
- it answers another error status (404, 500…) → nothing is stored and a
  mention already stored is left alone (the page may be back tomorrow);
- it cannot be reached (no such host, a refused address, no connection, too
  slow) → one answer for all: "could not be fetched". What the server's DNS
  said, or which address was refused, goes to the log only, so a sender cannot
  use the receiver to probe names and addresses on its network;
- it nests deeper or has more elements than :mod:`essaykit._html_bounds`
  allows (measured before any tree is built) → not stored;
- it is plain text or JSON → the target's URL is looked for in its text (the
  Recommendation's advice for sources that are not HTML);
- it is another kind of document → it cannot be checked, so it is not stored, and a
  mention already stored from it is removed;
- it does not link to the target (a URL in a ``<script>`` or an HTML
  comment is not a link) → not stored, and a stored one is removed;
- it links → stored through the comment store (moderation decides: held by
  default), or the stored one is updated, with the title, author and excerpt
  of its h-entry, else its ``<title>`` and the paragraph around the link.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from .._html_bounds import MENTION_MAX_ELEMENTS, HtmlTooBig, check_html
from ..errors import CommentError, TryLater
from . import xmlrpc
from .fetch import HTML_TYPES, FetchError, FetchPolicy, fetch
from .html import TEXT_TYPES, Details, find_link, mentions_in_text, page_details, parse_page, text_excerpt
from .store import remove_mention, upsert_mention

log = logging.getLogger("essaykit.mentions")

#: The one answer for a source that cannot be reached, whatever the reason (see the module docstring).
UNREACHABLE = "the source could not be fetched, so the mention could not be verified"


@dataclass(frozen=True)
class Outcome:
    """The end of one verification. ``state`` is ``accepted`` (stored), ``updated``,
    ``removed``, ``rejected`` (nothing stored) or ``failed`` (the source could not
    be reached); ``fault`` is the Pingback 1.0 fault code when not stored, ``message``
    says it all for the status URL and the log."""

    state: str
    message: str
    comment_id: str = ""
    fault: int = 0
    held: str = ""  # when stored: "published" or "waiting for the author's approval"
    retry_after: int = 0  # refused for now (:class:`~essaykit.errors.TryLater`): verify again after this many seconds


def verify(store, *, kind: str, essay: str, source: str, target: str, policy: FetchPolicy) -> Outcome:
    """Check that ``source`` links to ``target`` and store, update or remove the mention of ``essay``."""
    try:
        response = fetch(source, policy=policy, read_types=HTML_TYPES + TEXT_TYPES)
    except FetchError as exc:
        log.info("mentions: %s: %s (%s)", source, exc, exc.reason)
        if exc.reason in ("url", "size", "redirects"):  # about the sender's own URL and page: nothing of our network
            return Outcome("rejected", f"the source cannot be verified: {exc}", fault=xmlrpc.SOURCE_MISSING)
        return Outcome("failed", UNREACHABLE, fault=xmlrpc.SOURCE_MISSING)

    if response.status == 410:
        removed = remove_mention(store, essay, source, reason="the source answered 410 Gone")
        if removed is not None:
            return Outcome("removed", "the source answered 410 Gone, so its mention was removed",
                           removed.id, fault=xmlrpc.SOURCE_MISSING)
        return Outcome("rejected", "the source answered 410 Gone", fault=xmlrpc.SOURCE_MISSING)
    if not 200 <= response.status < 300:
        return Outcome("rejected", f"the source answered HTTP {response.status}; nothing was changed",
                       fault=xmlrpc.SOURCE_MISSING)
    if response.content_type in TEXT_TYPES:
        text, json_type = response.text(), response.content_type == "application/json"
        if not mentions_in_text(text, target, json_type=json_type):
            return _no_link(store, essay, source, "the source does not mention the target")
        details = Details(title="", author="", author_url="", from_hentry=False,
                          excerpt=text_excerpt(text, target, json_type=json_type))
        return _store(store, essay, kind, source, details)
    if not response.is_html:
        shown = response.content_type or "no content type"
        return _no_link(store, essay, source,
                        f"the source is {shown}, not an HTML, text or JSON document, so its link cannot be checked")

    text = response.text()
    try:
        check_html(text, max_elements=MENTION_MAX_ELEMENTS)
    except HtmlTooBig as exc:
        return Outcome("rejected", f"the source page is too large to check: {str(exc).split(';')[0]}",
                       fault=xmlrpc.GENERIC)
    soup = parse_page(text)
    element = find_link(soup, response.url, target)
    if element is None:
        return _no_link(store, essay, source, "the source does not link to the target")
    return _store(store, essay, kind, source, page_details(soup, response.url, element))


def _store(store, essay: str, kind: str, source: str, details) -> Outcome:
    try:
        change = upsert_mention(
            store, essay, kind=kind, source_url=source, author=details.author, website=_website(details.author_url),
            title=details.title, excerpt=details.excerpt or details.title or source,
        )
    except TryLater as exc:
        return Outcome("rejected", f"not stored yet: {exc}", fault=xmlrpc.GENERIC,
                       retry_after=exc.retry_after)
    except CommentError as exc:
        return Outcome("rejected", f"not stored: {exc}", fault=xmlrpc.GENERIC)
    held = "published" if change.status == "approved" else "waiting for the author's approval"
    if change.action == "created":
        return Outcome("accepted", f"verified: the source links to the target; the mention is {held}",
                       change.comment.id, held=held)
    return Outcome("updated", f"verified again: the stored mention was updated; it is {held}", change.comment.id,
                   fault=xmlrpc.ALREADY_REGISTERED, held=held)


def _no_link(store, essay: str, source: str, why: str) -> Outcome:
    removed = remove_mention(store, essay, source, reason=why)
    if removed is not None:
        return Outcome("removed", f"{why}, so its mention was removed", removed.id, fault=xmlrpc.SOURCE_HAS_NO_LINK)
    return Outcome("rejected", why, fault=xmlrpc.SOURCE_HAS_NO_LINK)


def _website(url: str) -> str:
    """The author's URL if the comment store would take it as a website, else ""."""
    from ..comments.fields import clean_url

    try:
        return clean_url(url) if url.startswith(("http://", "https://")) else ""
    except CommentError:
        return ""
