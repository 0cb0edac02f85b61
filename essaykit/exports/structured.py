"""Structured data (schema.org JSON-LD) for essay pages and the site's pages.

An essay is a ``BlogPosting``; with ``essay.reviewed`` it is a ``Review`` of that
item, whose ``reviewRating`` is the author's stars. Readers' ratings become the
``aggregateRating`` (of the reviewed item, else of the essay) once there are
:data:`MIN_READER_RATINGS` of them. The author is a ``Person``; the site is a
``WebSite`` whose ``SearchAction`` is the index page's search (``index.html?q=``).

Every text value goes through :func:`essaykit.spoilers.spoiler_free_text`, so a
``||spoiler||`` in a title or summary never reaches a search engine, and the
JSON is written so that nothing in it can end its ``<script>`` element early.
"""

from __future__ import annotations

import json
import re

from ..essay import EssayMeta, Problem
from ..essay.reviewed import REVIEWED_TYPES
from ..spoilers import spoiler_free_text
from .settings import SiteSettings

CONTEXT = "https://schema.org"
# An average of one or two readers says little, and search engines ask for a count.
MIN_READER_RATINGS = 3
SEARCH_PARAM = "q"  # the index page's search box reads ?q= (the WebSite's SearchAction)
# Characters that could end the <script> element, start a comment or an entity, or
# end a JavaScript line in older parsers: written as JSON escapes, which mean the same.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})


def review_problems(meta: EssayMeta, path) -> list[Problem]:
    """``essaykit check``'s warning for an essay with stars and no ``essay.reviewed``: its JSON-LD stays
    a ``BlogPosting``, since a ``Review`` without ``itemReviewed`` gets no stars from search engines."""
    if meta.rating is None or meta.reviewed is not None:
        return []
    return [Problem(str(path), "essay.rating is set but essay.reviewed is not, so search engines see no review "
                    'stars; name what it reviews, e.g. "reviewed": {"type": "Movie", "name": "…"} (docs/format.md)',
                    warning=True, field="reviewed")]


def script_json(data: dict) -> str:
    """``data`` as JSON that is safe inside ``<script type="application/ld+json">``."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


def _clean(value):
    """Every string in ``value`` with its spoilers replaced by the notice."""
    if isinstance(value, str):
        return spoiler_free_text(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _person(name: str) -> dict:
    return {"@type": "Person", "name": name}


def _rating(value: float, *, count: int = 0) -> dict:
    rating = {"@type": "AggregateRating" if count else "Rating", "ratingValue": round(value, 1),
              "bestRating": 5, "worstRating": 0}
    if count:
        rating["ratingCount"] = count
    return rating


def _website_id(base_url: str) -> str:
    return base_url + "#website"


def website(settings: SiteSettings, lang: str = "en") -> dict:
    """The site as a ``WebSite`` (with its author and its search), for the index page and every essay."""
    site = {"@type": "WebSite", "@id": _website_id(settings.base_url), "name": settings.title, "inLanguage": lang}
    if settings.base_url:
        site["url"] = settings.base_url
        site["potentialAction"] = {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint",
                       "urlTemplate": f"{settings.base_url}index.html?{SEARCH_PARAM}={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        }
    if settings.bio:
        site["description"] = settings.bio
    if settings.author:
        site["author"] = _person(settings.author)
    return site


def site_json_ld(settings: SiteSettings, lang: str = "en") -> str:
    return script_json(_clean({"@context": CONTEXT, **website(settings, lang)}))


def essay_json_ld(meta: EssayMeta, *, canonical: str = "", settings: SiteSettings | None = None,
                  image: str | None = None, readers: tuple[float, int] | None = None, modified: str = "") -> str:
    """The essay page's JSON-LD: the essay (and, in a site, the site it is part of).

    ``image`` defaults to the essay's own ``image`` when that is an absolute URL; ``readers`` is the
    readers' (average out of 5, count); ``modified`` an ISO date-time."""
    if image is None:
        image = meta.image if re.match(r"^https?://", meta.image) else ""
    author = meta.author or (settings.author if settings else "")
    review = meta.reviewed is not None
    essay: dict = {"@type": "Review" if review else "BlogPosting", "headline": meta.title,
                   "inLanguage": meta.lang}
    if canonical:
        essay["url"] = canonical
    if meta.summary:
        essay["description"] = meta.summary
    if meta.date:
        essay["datePublished"] = meta.date
    if modified:
        essay["dateModified"] = modified
    if author:
        essay["author"] = _person(author)
    elif settings is not None:
        essay["author"] = {"@type": "Organization", "name": settings.title}
    if meta.tags:
        essay["keywords"] = list(meta.tags)
    if image:
        essay["image"] = image
    aggregate = _rating(readers[0], count=readers[1]) if readers and readers[1] >= MIN_READER_RATINGS else None
    if review:
        item = meta.reviewed
        year_property, _ = REVIEWED_TYPES[item.type]
        reviewed: dict = {"@type": item.type, "name": item.name}
        if item.year is not None:
            reviewed[year_property] = str(item.year)
        for role in ("director", "author"):
            if getattr(item, role):
                reviewed[role] = _person(getattr(item, role))
        if aggregate:
            reviewed["aggregateRating"] = aggregate
        essay["itemReviewed"] = reviewed
        if meta.rating is not None:
            essay["reviewRating"] = _rating(meta.rating)
    elif aggregate:
        essay["aggregateRating"] = aggregate
    if settings is None:
        return script_json(_clean({"@context": CONTEXT, **essay}))
    essay["isPartOf"] = {"@id": _website_id(settings.base_url)}
    return script_json(_clean({"@context": CONTEXT, "@graph": [essay, website(settings, meta.lang)]}))
