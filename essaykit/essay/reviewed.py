"""``essay.reviewed``: what a review essay reviews, for search engines' review snippets.

::

    "reviewed": {"type": "Movie", "name": "Salt Road", "year": 2019, "director": "Ana Ruiz"}

``type`` is one of :data:`REVIEWED_TYPES` (the schema.org types search engines show
review stars for); ``name`` is required; ``year`` and the people fields are optional,
and each type takes only the people fields schema.org gives it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Problem

# type -> (the schema.org property the year goes in, the people fields it takes)
REVIEWED_TYPES: dict[str, tuple[str, tuple[str, ...]]] = {
    "Movie": ("dateCreated", ("director",)),
    "TVSeries": ("startDate", ("director",)),
    "TVEpisode": ("datePublished", ("director",)),
    "Book": ("datePublished", ("author",)),
    "VideoGame": ("datePublished", ("director", "author")),
    "MusicAlbum": ("datePublished", ("author",)),
    "MusicRecording": ("datePublished", ("author",)),
    "Event": ("startDate", ("director",)),
    "Product": ("releaseDate", ()),
    "SoftwareApplication": ("datePublished", ("author",)),
    "Restaurant": ("foundingDate", ()),
}
_PEOPLE = ("director", "author")
_KEYS = {"type", "name", "year", *_PEOPLE}
MAX_REVIEWED_CHARS = 200


@dataclass(frozen=True)
class Reviewed:
    type: str
    name: str
    year: int | None = None
    director: str = ""
    author: str = ""


def read_reviewed(value, shown: str, problems: list[Problem]) -> Reviewed | None:
    """``essay.reviewed`` checked; each problem names the key and what to write."""
    if value is None:
        return None
    example = '{"type": "Movie", "name": "Salt Road", "year": 2019, "director": "Ana Ruiz"}'

    def problem(message: str) -> None:
        problems.append(Problem(shown, f"essay.reviewed{message}", field="reviewed"))

    if not isinstance(value, dict):
        problem(f" must be an object like {example} (not {value!r})")
        return None
    unknown = sorted(set(value) - _KEYS)
    if unknown:
        problem(f" has unknown key {unknown[0]!r}; the keys are " + ", ".join(sorted(_KEYS)))
    kind = value.get("type")
    if kind not in REVIEWED_TYPES:
        problem(f".type {kind!r} is not one of " + ", ".join(REVIEWED_TYPES) + "; write it like " + example)
        return None
    texts = {}
    for key in ("name", *_PEOPLE):
        text = value.get(key, "")
        if not isinstance(text, str) or len(text.strip()) > MAX_REVIEWED_CHARS:
            problem(f".{key} must be text of at most {MAX_REVIEWED_CHARS} characters (not {text!r})")
            text = ""
        texts[key] = text.strip()
    if not texts["name"]:
        problem(f".name is missing; name the {kind.lower()} reviewed, like {example}")
        return None
    for key in _PEOPLE:
        if texts[key] and key not in REVIEWED_TYPES[kind][1]:
            allowed = " or ".join(REVIEWED_TYPES[kind][1]) or "no people fields"
            problem(f".{key} does not apply to a {kind}; it takes {allowed}")
            texts[key] = ""
    year = value.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999):
        problem(f".year must be a whole number like 2019 (not {year!r})")
        year = None
    return Reviewed(kind, texts["name"], year, texts["director"], texts["author"])
