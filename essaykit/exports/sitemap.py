"""What crawlers read first: ``sitemap.xml`` (sitemaps.org 0.9) and ``robots.txt``.

A sitemap lists absolute URLs only, so it is written when the site has a base
URL; ``robots.txt`` is always written and names the sitemap when there is one.
Drafts and scheduled essays built with ``--drafts`` are never listed (their
pages also say ``noindex``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime

from .feed import rfc3339

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP_NAME = "sitemap.xml"
ROBOTS_NAME = "robots.txt"
MAX_URLS = 50_000  # the protocol's limit for one sitemap file


def sitemap_xml(urls: list[tuple[str, datetime | None]]) -> str:
    """A ``<urlset>`` of (absolute URL, last modified or None), in the order given."""
    urlset = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for loc, modified in urls[:MAX_URLS]:
        url = ET.SubElement(urlset, "url")
        ET.SubElement(url, "loc").text = loc
        if modified is not None:
            ET.SubElement(url, "lastmod").text = rfc3339(modified)
    ET.indent(urlset)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(urlset, encoding="unicode") + "\n"


def robots_txt(base_url: str) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if base_url:
        lines.append(f"Sitemap: {base_url}{SITEMAP_NAME}")
    return "\n".join(lines) + "\n"
