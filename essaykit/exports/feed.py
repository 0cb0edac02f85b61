"""The site's Atom feed (RFC 4287), built with ElementTree so it is always
well-formed whatever the titles contain.

Every entry has an id, a title, an updated time and an alternate link. With
a base URL, ids and links are absolute URLs; without one, links are relative
to the feed and ids are ``urn:uuid:`` values derived from the slug, which
stay stable from build to build.
"""

from __future__ import annotations

import html
import json
import re
import uuid
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import datetime, timezone

from ..comments.passages import PASSAGE_LABEL
from ..spoilers import spoiler_free_html

ATOM = "http://www.w3.org/2005/Atom"
# Characters XML 1.0 forbids even when escaped; ElementTree would write them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def rfc3339(when: datetime) -> str:
    return when.astimezone(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _urn(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'essaykit:' + name)}"


def _text(parent: ET.Element, tag: str, text: str, **attrs) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    el.text = _NOT_XML.sub("", text)
    return el


def atom_feed(items, *, title: str, base_url: str = "", feed_name: str = "feed.xml",
              now: datetime | None = None, feed_id: str = "", home: str = "", content_base: str = "",
              author: str = "") -> str:
    """The Atom XML for ``items``, which are :class:`essaykit.exports.site.IndexItem`
    objects in the order to list them (newest first).

    An item with ``content`` gets a full ``<content type="html">`` entry;
    ``content_base`` (an ``xml:base``) says what its relative links are relative to.
    ``feed_name`` and ``home`` are the feed's and its page's paths under ``base_url``.
    ``author`` (the site's, from its settings) names the feed's author; without it, the
    author of most entries does. With a base URL, every entry links to its page under
    that URL, so all links share one scheme and host (an essay's own ``url`` stays its id).
    """
    items = list(items)
    feed = ET.Element("feed", {"xmlns": ATOM})
    _text(feed, "title", title)
    _text(feed, "id", (base_url + home if base_url else "") or _urn(feed_id or "site:" + title))
    updated = max((i.updated for i in items), default=now or datetime.now(timezone.utc))
    _text(feed, "updated", rfc3339(updated))
    authors = Counter(i.author for i in items if i.author)
    author_el = ET.SubElement(feed, "author")
    _text(author_el, "name", author or (authors.most_common(1)[0][0] if authors else title))
    if base_url:
        ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": base_url + feed_name})
        ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": base_url + home})
    _text(feed, "generator", "essaykit")
    for item in items:
        entry = ET.SubElement(feed, "entry")
        _text(entry, "title", item.title, type="text")
        absolute = item.absolute_url
        _text(entry, "id", absolute or _urn(item.slug))
        page = base_url + item.href if base_url else absolute or item.href
        ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": page})
        _text(entry, "updated", rfc3339(item.updated))
        if item.published is not None:
            _text(entry, "published", rfc3339(item.published))
        if item.author:
            _text(ET.SubElement(entry, "author"), "name", item.author)
        if item.summary:
            _text(entry, "summary", item.summary, type="text")
        for tag in item.tags:
            ET.SubElement(entry, "category", {"term": _NOT_XML.sub("", tag)})
        if item.content:
            base = {"xml:base": absolute} if absolute else ({"xml:base": content_base} if content_base else {})
            _text(entry, "content", item.content, type="html", **base)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def comments_feed(comments, *, title: str, base_url: str = "", feed_name: str, page_of, title_of,
                  feed_id: str, now: datetime | None = None) -> str:
    """An Atom feed of approved comments, newest first. ``page_of(comment)`` is the
    page's path (relative to the site), ``title_of(comment)`` its essay's title."""
    comments = list(comments)
    feed = ET.Element("feed", {"xmlns": ATOM})
    _text(feed, "title", title)
    _text(feed, "id", base_url + feed_name if base_url else _urn(feed_id))
    updated = max((c.created for c in comments), default=now or datetime.now(timezone.utc))
    _text(feed, "updated", rfc3339(updated))
    _text(ET.SubElement(feed, "author"), "name", title)
    if base_url:
        ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": base_url + feed_name})
    _text(feed, "generator", "essaykit")
    for c in comments:
        entry = ET.SubElement(feed, "entry")
        _text(entry, "title", f"{c.author or 'Someone'} on {title_of(c)}", type="text")
        link = f"{base_url}{page_of(c)}#ek-c-{c.id}"
        _text(entry, "id", link if base_url else _urn("comment:" + c.id))
        ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": link})
        _text(entry, "updated", rfc3339(c.created))
        _text(entry, "published", rfc3339(c.created))
        _text(ET.SubElement(entry, "author"), "name", c.author or "Someone")
        # A comment on a passage says so, never with the quote: the feed cannot know whether a spoiler hides it.
        on = f"<p><em>{PASSAGE_LABEL}</em></p>" if c.anchor is not None else ""
        _text(entry, "content", on + spoiler_free_html(c.body_html, link), type="html")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def json_feed(items, *, title: str, base_url: str = "", feed_name: str = "feed.json", home: str = "",
              lang: str = "en", description: str = "") -> str:
    """The same entries as :func:`atom_feed`, as a JSON Feed 1.1 document.

    Ids are the essays' absolute URLs with a base URL, else the Atom feed's
    ``urn:uuid:`` values, so both feeds name an essay the same way."""
    feed: dict = {"version": JSON_FEED_VERSION, "title": title, "language": lang}
    if base_url:
        feed["home_page_url"] = base_url + home
        feed["feed_url"] = base_url + feed_name
    if description:
        feed["description"] = description
    entries = []
    for item in items:
        entry: dict = {"id": item.absolute_url or _urn(item.slug), "url": item.absolute_url or item.href,
                       "title": item.title}
        # content_html is required when there is no content_text; the summary stands in for a body not kept.
        entry["content_html"] = item.content or html.escape(item.summary)
        if item.summary:
            entry["summary"] = item.summary
        if item.published is not None:
            entry["date_published"] = rfc3339(item.published)
        entry["date_modified"] = rfc3339(item.modified or item.updated)
        if item.author:
            entry["authors"] = [{"name": item.author}]
        if item.tags:
            entry["tags"] = list(item.tags)
        entries.append(entry)
    feed["items"] = entries
    return json.dumps(feed, ensure_ascii=False, indent=1) + "\n"
