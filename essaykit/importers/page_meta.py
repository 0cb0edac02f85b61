"""What a saved page states about itself in its ``<head>``: meta tags and schema.org JSON-LD.

Pages write these in many spellings: ``property`` or ``name``, any case
(``DC.title``), a colon or a dot (``dc:title``), several RDFa properties
in one attribute (``property="og:title twitter:title"``), and JSON-LD
wrapped in ``<![CDATA[ … ]]>`` or an HTML comment by CMSs that still
write XHTML. Every reader of the page's metadata goes through here, so
each spelling is understood everywhere at once.
"""

from __future__ import annotations

import json
import re
import weakref

_WRAPPER = re.compile(r"^\s*(?:<!\[CDATA\[|<!--)|(?:\]\]>|-->)\s*$")
# schema.org types whose headline is the post's (NewsArticle, TechArticle… all end in "Article").
_POST_TYPES = ("BlogPosting", "Review", "Report", "SocialMediaPosting", "LiveBlogPosting")


def _fold(name: str) -> str:
    return name.strip().casefold().replace(".", ":")


# What was read of the head of each page that is only read (:func:`read_only`), by the tree's identity: a tree's own
# ``==`` and hash compare and serialise whole trees, and its attributes are BeautifulSoup's (an unknown one is read as
# a search for that tag). An entry lives as long as its tree (``weakref.finalize`` drops it when the tree goes).
_READS: dict[int, dict] = {}


def read_only(soup) -> None:
    """Say that ``soup`` (a saved page's tree) will not change from now on: its meta tags and JSON-LD, which each
    reader of the page's metadata asks for (a score of times a page), are then read once and kept while the tree
    lives."""
    if id(soup) not in _READS:
        _READS[id(soup)] = {}
        weakref.finalize(soup, _READS.pop, id(soup), None)


def _kept(soup, what: str, read):
    kept = _READS.get(id(soup))
    if kept is None:
        return read(soup)
    if what not in kept:
        kept[what] = read(soup)
    return kept[what]


def meta_tags(soup) -> dict[str, str]:
    """Every meta tag's content by each name it is given (folded: ``DC.title`` → ``dc:title``). The first tag wins,
    and a ``property`` (RDFa, Open Graph's own spelling) wins over a ``name`` that says something else."""
    return dict(_kept(soup, "meta", _meta_tags))


def _meta_tags(soup) -> dict[str, str]:
    found: dict[str, str] = {}
    tags = [(tag, (tag.get("content") or "").strip()) for tag in soup.find_all("meta")]
    for attr in ("property", "name", "itemprop"):
        for tag, content in tags:
            for name in str(tag.get(attr) or "").split() if content else ():
                found.setdefault(_fold(name), content)
    return found


def meta(soup, *names: str) -> str:
    """The content of the first of ``names`` the page states (any spelling), or ""."""
    tags = _kept(soup, "meta", _meta_tags)
    return next((tags[_fold(n)] for n in names if _fold(n) in tags), "")


def json_ld(soup) -> list[dict]:
    """Every schema.org object in the page's JSON-LD, nested ``@graph``/``mainEntity`` ones included; unreadable
    blocks are skipped (:func:`json_ld_errors` counts them)."""
    return list(_kept(soup, "json-ld", _json_ld))


def _json_ld(soup) -> list[dict]:
    found: list[dict] = []
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            stack = [json.loads(_WRAPPER.sub("", script.string or ""))]
        except (ValueError, RecursionError):
            continue
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                found.append(item)
                stack.extend(v for k, v in item.items() if k in ("@graph", "mainEntity", "mainEntityOfPage"))
    return found


def json_ld_errors(soup) -> int:
    """How many of the page's JSON-LD blocks cannot be read."""
    return _kept(soup, "json-ld errors", _json_ld_errors)


def _json_ld_errors(soup) -> int:
    bad = 0
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            json.loads(_WRAPPER.sub("", script.string or ""))
        except (ValueError, RecursionError):
            bad += 1
    return bad


def kinds(item: dict) -> list[str]:
    kind = item.get("@type")
    return [k for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)]


def is_post(item: dict) -> bool:
    """Whether a JSON-LD object is an article or post (its headline is the post's title)."""
    return any(k.endswith("Article") or k in _POST_TYPES for k in kinds(item))


def language(soup) -> str:
    """The page's language tag as it states it ("de", "en-GB", "pt_BR"), or "": ``<html lang>``, the
    Content-Language, ``og:locale`` or the JSON-LD ``inLanguage``, the first that is stated."""
    return _kept(soup, "language", _language)


def _language(soup) -> str:
    root = soup.find("html")
    stated = [str(root.get("lang") or root.get("xml:lang") or "") if root is not None else ""]
    for tag in soup.find_all("meta", attrs={"http-equiv": True}):
        if str(tag["http-equiv"]).casefold() == "content-language":
            stated.append(str(tag.get("content") or "").split(",")[0])
    stated.append(meta(soup, "og:locale"))
    stated += [item["inLanguage"] for item in json_ld(soup) if isinstance(item.get("inLanguage"), str)]
    return next((s.strip() for s in stated if s.strip()), "")
