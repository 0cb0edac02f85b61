"""Share links for an essay page that load nothing from anyone: plain links and one small form.

- Bluesky: its compose intent, ``https://bsky.app/intent/compose?text=``;
- email: a ``mailto:`` link with the title as subject and the description and address as body;
- Mastodon: there is no one Mastodon, so the reader names their server. The page's script sends
  them to ``https://SERVER/share?text=`` (Mastodon's share intent) at once; without JavaScript
  the form is a plain GET to ``essaykit serve``'s :data:`MASTODON_ROUTE`, which answers with a
  page linking there (a link, since the pages' ``form-action 'self'`` policy stops a redirect; a
  page with no server behind it offers the form only with JavaScript);
- "Copy link" and the device's own share sheet (``navigator.share``), with JavaScript only.

What is shared is the title, the address and the summary, with every ``||spoiler||`` replaced by
the notice (:func:`essaykit.spoilers.spoiler_free_text`): a shared post never carries a spoiler.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from ..spoilers import spoiler_free_text
from . import macros

BLUESKY_INTENT = "https://bsky.app/intent/compose"
MASTODON_ROUTE = "essaykit/share/mastodon"  # below the server's base URL
SERVER_PROBLEM = "Type your Mastodon server's name, such as mastodon.social."
MAX_SHARE_TEXT = 1000  # characters the route passes on; a title and an address need far fewer
# A Mastodon server as a reader types it: a host name with an optional port, nothing else.
_SERVER = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}(?::\d{1,5})?$")


def mastodon_server(typed: str) -> str:
    """The host (and port) of the Mastodon server a reader typed, or "" when it is not one.

    Accepts what readers type: ``mastodon.social``, ``https://mastodon.social/``, or their whole
    handle, ``@me@mastodon.social``; international names in their ASCII (punycode) form."""
    text = typed.strip().lower()
    text = re.sub(r"^https?://", "", text).rstrip("/")
    if "@" in text:
        text = text.rsplit("@", 1)[1]
    try:
        text = text.encode("idna").decode("ascii") if text and not text.isascii() else text
    except UnicodeError:
        return ""
    return text if _SERVER.match(text) else ""


def mastodon_url(server: str, text: str) -> str:
    """Mastodon's share intent on ``server`` (as :func:`mastodon_server` gives it) for ``text``."""
    return f"https://{server}/share?text={quote(text[:MAX_SHARE_TEXT], safe='')}"


def share_context(title: str, url: str, description: str = "", *, mastodon_action: str = "") -> dict | None:
    """What the ``share_links`` macro needs, or None when the page has no absolute address to share.

    ``mastodon_action``: the :data:`MASTODON_ROUTE` of the ``essaykit serve`` behind the page ("" for
    a page with none: its Mastodon form then needs JavaScript)."""
    if not re.match(r"^https?://", url or ""):
        return None
    title = spoiler_free_text(title)
    description = spoiler_free_text(description)
    post = f"{title} {url}"
    body = f"{description}\n\n{url}" if description else url
    return {
        "url": url, "title": title, "text": post,
        "bluesky": f"{BLUESKY_INTENT}?text={quote(post, safe='')}",
        "email": f"mailto:?subject={quote(title, safe='')}&body={quote(body, safe='')}",
        "mastodon_action": mastodon_action, "pattern": _SERVER.pattern, "problem": SERVER_PROBLEM,
    }


def share_html(meta, url: str, *, mastodon_action: str = "") -> str:
    """The ``share_links`` macro for the essay ``meta`` at ``url`` ("" for a draft or a page without an address)."""
    if meta.unpublished():
        return ""
    share = share_context(meta.title, url, meta.summary, mastodon_action=mastodon_action)
    return str(macros().share_links(share)) if share else ""
