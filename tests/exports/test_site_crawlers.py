"""What crawlers and feed readers get from ``essaykit build``: sitemap.xml (against its
XML Schema), robots.txt, JSON Feed 1.1, the archive, the 404 page, and lang, canonical
and JSON-LD on every page."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest

from essaykit.exports.site import BuildOptions, build_site
from essaykit.exports.settings import SiteSettings
from helpers.notebooks import md_cell, notebook

BASE = "https://example.org/films/"
A = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def write(folder: Path, name: str, title: str, date: str = "", **meta) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    nb = notebook([md_cell(f"Words about {title}.")], {"title": title, **({"date": date} if date else {}), **meta})
    (folder / name).write_text(json.dumps(nb))


@pytest.fixture
def site(tmp_path):
    src = tmp_path / "essays"
    write(src, "a.ipynb", "March One", "2025-03-02", tags=["film"], author="Ana")
    write(src, "b.ipynb", "March Two", "2025-03-20", tags=["film", "book"], author="Ana")
    write(src, "c.ipynb", "June One", "2026-06-01", author="Ana", rating=4,
          reviewed={"type": "Movie", "name": "Ferry", "year": 2024})
    write(src, "d.ipynb", "Undated One", author="Bo")
    write(src, "e.ipynb", "Secret Draft", "2026-01-01", draft=True)
    out = tmp_path / "site"
    settings = SiteSettings(title="Film notes", lang="en-GB", author="Ana")
    build_site(src, out, BuildOptions(jobs=1, base_url=BASE, settings=settings, drafts=True,
                                      title="Film notes"), stream=open("/dev/null", "w"))
    return out


def test_the_sitemap_is_valid_against_its_schema_and_lists_only_published_pages(site):
    from lxml import etree  # a test dependency (pyproject's test extras)

    schema = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "data" / "sitemap.xsd")))
    doc = etree.parse(str(site / "sitemap.xml"))
    assert schema.validate(doc), schema.error_log
    locs = {u.findtext(f"{SM}loc"): u.findtext(f"{SM}lastmod") for u in doc.getroot()}
    assert {BASE, BASE + "archive.html", BASE + "a.html", BASE + "c.html", BASE + "d.html",
            BASE + "tags/film/", BASE + "tags/book/"} <= set(locs)
    assert BASE + "e.html" not in locs, "a draft built with --drafts is not offered to crawlers"
    assert BASE + "404.html" not in locs
    assert all(locs.values()), "every URL has its lastmod"
    assert datetime.fromisoformat(locs[BASE + "c.html"].replace("Z", "+00:00")).year >= 2026


def test_robots_points_to_the_sitemap(site):
    assert (site / "robots.txt").read_text().splitlines() == ["User-agent: *", "Allow: /",
                                                              f"Sitemap: {BASE}sitemap.xml"]


def test_json_feed_1_1_beside_atom(site):
    feed = json.loads((site / "feed.json").read_text())
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == BASE + "feed.json" and feed["home_page_url"] == BASE and feed["language"] == "en-GB"
    atom = ET.parse(site / "feed.xml").getroot()
    assert [i["title"] for i in feed["items"]] == [e.findtext(f"{A}title") for e in atom.iter(f"{A}entry")], \
        "the same entries in the same order as the Atom feed"
    for item in feed["items"]:
        assert item["id"] and item["url"].startswith(BASE) and "Words about" in item["content_html"]
    june = feed["items"][0]
    assert june["date_published"] == "2026-06-01T00:00:00Z" and june["authors"] == [{"name": "Ana"}]
    index = (site / "index.html").read_text()
    assert '<link rel="alternate" type="application/feed+json" title="Film notes" href="feed.json">' in index


def test_the_archive_lists_essays_by_year_and_month(site):
    html = (site / "archive.html").read_text()
    headings = re.findall(r"<h[23][^>]*>([^<]+)</h[23]>", html)
    assert headings == ["2026", "June 2026", "January 2026", "2025", "March 2025", "Undated"]
    march = html.split("March 2025")[1].split("</ul>")[0]
    assert march.index("March Two") < march.index("March One"), "newest first within a month"
    assert 'href="archive.html">Archive</a>' in (site / "index.html").read_text(), "the site header links to it"


def test_the_404_page_works_at_any_address(site):
    html = (site / "404.html").read_text()
    assert f'href="{BASE}index.html"' in html and f'href="{BASE}archive.html"' in html, "absolute links"
    assert '<meta name="robots" content="noindex">' in html and 'rel="canonical"' not in html


def test_every_page_has_lang_and_its_canonical_link(site):
    pages = {p: p.read_text() for p in site.rglob("*.html") if ".essaykit" not in p.parts}
    for path, html in pages.items():
        rel = path.relative_to(site).as_posix()
        assert re.search(r'<html lang="en(-GB)?"', html), f"{rel} says its language"
        if rel == "404.html":
            continue
        canonical = BASE + ("" if rel == "index.html" else rel.removesuffix("index.html"))
        assert f'<link rel="canonical" href="{canonical}">' in html, rel
    assert '<html lang="en-GB"' in pages[site / "index.html"], "the site's pages take the settings' lang"


def test_the_index_describes_the_website_and_essays_carry_their_json_ld(site):
    index = (site / "index.html").read_text()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', index).group(1))
    assert data["@type"] == "WebSite" and data["url"] == BASE and data["author"]["name"] == "Ana"
    page = (site / "c.html").read_text()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1))
    review = next(n for n in data["@graph"] if n["@type"] == "Review")
    assert review["itemReviewed"]["name"] == "Ferry" and review["reviewRating"]["ratingValue"] == 4


def test_without_a_base_url_there_is_no_sitemap_but_robots_and_feeds_remain(tmp_path):
    write(tmp_path / "essays", "a.ipynb", "One", "2025-01-01")
    build_site(tmp_path / "essays", tmp_path / "site", BuildOptions(jobs=1), stream=open("/dev/null", "w"))
    assert not (tmp_path / "site" / "sitemap.xml").exists(), "a sitemap needs absolute URLs"
    assert (tmp_path / "site" / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"
    feed = json.loads((tmp_path / "site" / "feed.json").read_text())
    assert feed["items"][0]["id"].startswith("urn:uuid:") and feed["items"][0]["url"] == "a.html"
