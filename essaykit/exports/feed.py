"""The site's Atom feed (RFC 4287), built with ElementTree so it is always
well-formed whatever the titles contain.

Every entry has an id, a title, an updated time and an alternate link. With
a base URL, ids and links are absolute URLs; without one, links are relative
to the feed and ids are ``urn:uuid:`` values derived from the slug, which
stay stable from build to build.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import datetime, timezone

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
              now: datetime | None = None) -> str:
    """The Atom XML for ``items``, which are :class:`essaykit.exports.site.IndexItem`
    objects in the order to list them (newest first)."""
    items = list(items)
    feed = ET.Element("feed", {"xmlns": ATOM})
    _text(feed, "title", title)
    _text(feed, "id", base_url or _urn("site:" + title))
    updated = max((i.updated for i in items), default=now or datetime.now(timezone.utc))
    _text(feed, "updated", rfc3339(updated))
    authors = Counter(i.author for i in items if i.author)
    author = ET.SubElement(feed, "author")
    _text(author, "name", authors.most_common(1)[0][0] if authors else title)
    if base_url:
        ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": base_url + feed_name})
        ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": base_url})
    _text(feed, "generator", "essaykit")
    for item in items:
        entry = ET.SubElement(feed, "entry")
        _text(entry, "title", item.title, type="text")
        absolute = item.absolute_url
        _text(entry, "id", absolute or _urn(item.slug))
        ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": absolute or item.href})
        _text(entry, "updated", rfc3339(item.updated))
        if item.published is not None:
            _text(entry, "published", rfc3339(item.published))
        if item.author:
            _text(ET.SubElement(entry, "author"), "name", item.author)
        if item.summary:
            _text(entry, "summary", item.summary, type="text")
        for tag in item.tags:
            ET.SubElement(entry, "category", {"term": _NOT_XML.sub("", tag)})
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
