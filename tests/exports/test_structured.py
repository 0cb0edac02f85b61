"""JSON-LD on essay pages and the index: schema.org's types and properties, Google's
review snippet rules, spoilers never in it, and nothing that can end its <script>."""

import json
import re
from pathlib import Path

import pytest

from essaykit.essay import check_notebook, essay_from_dict
from essaykit.exports.page import SitePage, render_page
from essaykit.exports.settings import SiteSettings
from essaykit.exports.structured import MIN_READER_RATINGS
from helpers.notebooks import md_cell, notebook

VOCAB = json.loads((Path(__file__).parent / "data" / "schemaorg_subset.json").read_text())
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
SETTINGS = SiteSettings(title="Film notes", author="Mara Quill", base_url="https://example.org/films/")
MOVIE = {"type": "Movie", "name": "Salt Road", "year": 2019, "director": "Ana Ruiz"}


def ancestors(kind: str) -> set[str]:
    assert kind in VOCAB["types"], f"{kind} is not a schema.org type (or not in the test's vocabulary)"
    found = {kind}
    for parent in VOCAB["types"][kind]:
        found |= ancestors(parent)
    return found


def nodes(value):
    """Every JSON-LD node object in ``value``, nested ones included."""
    if isinstance(value, dict):
        if "@type" in value:
            yield value
        for v in value.values():
            yield from nodes(v)
    elif isinstance(value, list):
        for v in value:
            yield from nodes(v)


def check_schema(data) -> None:
    """Each type exists, each property is schema.org's for that type, each object value is in its range."""
    assert data["@context"] == "https://schema.org"
    for node in nodes(data):
        lineage = ancestors(node["@type"])
        for prop, value in node.items():
            if prop.startswith("@"):
                continue
            assert prop in VOCAB["properties"], f"{prop} is not a schema.org property"
            spec = VOCAB["properties"][prop]
            assert lineage & set(spec["domain"]), f"{prop} is not a property of {node['@type']}"
            if isinstance(value, dict) and "@type" in value:
                assert ancestors(value["@type"]) & set(spec["range"]), f"{prop} cannot hold a {value['@type']}"


def check_google_review(review: dict) -> None:
    """Google's review snippet: author with a name, a named item of a supported type, a rating in range."""
    rules = VOCAB["google_review"]
    author = review["author"]
    assert author["@type"] in ("Person", "Organization") and 0 < len(author["name"]) < rules["author_name_max"]
    item = review["itemReviewed"]
    assert ancestors(item["@type"]) & set(rules["item_types"]), f"Google shows no review stars for {item['@type']}"
    assert item["name"].strip()
    for rating in [review["reviewRating"]] + ([item["aggregateRating"]] if "aggregateRating" in item else []):
        best, worst = rating.get("bestRating", rules["default_best"]), rating.get("worstRating", rules["default_worst"])
        assert worst <= rating["ratingValue"] <= best, rating
    if "aggregateRating" in item:
        assert item["aggregateRating"]["ratingCount"] > 0


def page_data(meta: dict, cells=None, *, site=SitePage(settings=SETTINGS), canonical="https://example.org/films/x.html"):
    essay = essay_from_dict(notebook(cells or [md_cell("Words.")], {"title": "Salt Road", **meta}), "x.ipynb")
    html = render_page(essay, site=site, canonical=canonical)
    scripts = SCRIPT.findall(html)
    assert len(scripts) == 1, "one JSON-LD block per page"
    return json.loads(scripts[0]), scripts[0]


def the(data, kind):
    graph = data.get("@graph", [data])
    return next(n for n in graph if n["@type"] == kind)


def test_a_plain_essay_is_a_blog_posting_by_a_person_on_a_website():
    data, _ = page_data({"author": "Ana", "date": "2026-03-01", "summary": "About salt.", "tags": ["film"]})
    check_schema(data)
    posting = the(data, "BlogPosting")
    assert posting["author"] == {"@type": "Person", "name": "Ana"}
    assert posting["url"] == "https://example.org/films/x.html" and posting["datePublished"] == "2026-03-01"
    site = the(data, "WebSite")
    assert posting["isPartOf"] == {"@id": site["@id"]}, "the essay points at its site"
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction" and action["query-input"] == "required name=search_term_string"
    assert action["target"]["urlTemplate"].endswith("index.html?q={search_term_string}")


def test_a_review_essay_is_a_review_google_can_show_stars_for():
    data, _ = page_data({"author": "Ana", "rating": 3.5, "reviewed": MOVIE})
    check_schema(data)
    review = the(data, "Review")
    check_google_review(review)
    assert review["reviewRating"]["ratingValue"] == 3.5
    assert review["itemReviewed"] == {"@type": "Movie", "name": "Salt Road", "dateCreated": "2019",
                                      "director": {"@type": "Person", "name": "Ana Ruiz"}}


@pytest.mark.parametrize("reviewed", [
    {"type": "Book", "name": "The Long Haul", "year": 1998, "author": "Io Park"},
    {"type": "TVSeries", "name": "Ferry", "director": "Lu Wen"},
    {"type": "VideoGame", "name": "Hollow", "year": 2021, "director": "K. Obi", "author": "M. Obi"},
    {"type": "MusicAlbum", "name": "Tides"},
    {"type": "Restaurant", "name": "Sal", "year": 2004},
    {"type": "Product", "name": "Kettle", "year": 2020},
    {"type": "Event", "name": "Salt Festival", "year": 2025, "director": "P. Ng"},
])
def test_every_reviewed_type_is_valid_schema_org_and_a_google_review(reviewed):
    data, _ = page_data({"author": "Ana", "rating": 4, "reviewed": reviewed})
    check_schema(data)
    check_google_review(the(data, "Review"))


def test_readers_ratings_are_the_aggregate_only_when_there_are_enough():
    few = SitePage(settings=SETTINGS, readers=(4.4, MIN_READER_RATINGS - 1))
    enough = SitePage(settings=SETTINGS, readers=(4.4, MIN_READER_RATINGS))
    data, _ = page_data({"author": "Ana", "rating": 4, "reviewed": MOVIE}, site=few)
    assert "aggregateRating" not in json.dumps(data), "too few readers' ratings are not an aggregate"
    data, _ = page_data({"author": "Ana", "rating": 4, "reviewed": MOVIE}, site=enough)
    check_schema(data)
    check_google_review(the(data, "Review"))
    assert the(data, "Review")["itemReviewed"]["aggregateRating"]["ratingCount"] == MIN_READER_RATINGS
    data, _ = page_data({"author": "Ana"}, site=enough)
    check_schema(data)
    assert the(data, "BlogPosting")["aggregateRating"]["ratingValue"] == 4.4, "without an item, the essay is rated"


def test_spoilers_never_reach_the_structured_data():
    data, text = page_data({"author": "Ana", "summary": "It ends when ||the mule dies|| at dawn.",
                            "title": "Salt ||mule|| Road", "tags": ["||dawn||"]},
                           [md_cell("The ||mule dies|| here."), md_cell("The mule dies.", tags=["spoiler"])])
    assert "mule" not in text and "dawn" not in text.replace("at dawn", ""), text
    assert "Spoiler — read it on the page" in the(data, "BlogPosting")["description"]


def test_nothing_in_the_json_can_end_its_script_or_start_markup():
    hostile = "</script><script>alert(1)</script><!-- & \u2028\u2029 end"
    data, text = page_data({"author": hostile, "summary": hostile, "reviewed": {**MOVIE, "name": hostile}})
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text, f"{bad!r} is written as a JSON escape inside the script"
    assert the(data, "Review")["description"] == hostile, "the escapes decode to the same text"


def test_a_lone_export_has_the_essay_without_a_website():
    data, _ = page_data({"author": "Ana"}, site=None, canonical="")
    check_schema(data)
    assert data["@type"] == "BlogPosting" and "url" not in data and "@graph" not in data


@pytest.mark.parametrize("reviewed, message", [
    ("Salt Road", "must be an object like"),
    ({"type": "Film", "name": "Salt Road"}, ".type 'Film' is not one of Movie"),
    ({"type": "Movie"}, ".name is missing"),
    ({"type": "Book", "name": "X", "director": "Y"}, ".director does not apply to a Book; it takes author"),
    ({"type": "Movie", "name": "X", "year": "2019"}, ".year must be a whole number"),
    ({"type": "Movie", "name": "X", "studio": "Y"}, "unknown key 'studio'"),
])
def test_check_names_the_reviewed_field_and_what_to_write(reviewed, message):
    _, problems = check_notebook(notebook([md_cell("x")], {"title": "T", "reviewed": reviewed}), "t.ipynb")
    found = [p for p in problems if p.field == "reviewed"]
    assert found and message in str(found[0]), [str(p) for p in problems]
    assert str(found[0]).startswith("t.ipynb: essay.reviewed")
