"""The site build's memory of what it built: ``SITE_DIR/.essaykit-build.json``.

For each notebook (by file name) it keeps the notebook's hash, the comment
fingerprint, the page it produced and the metadata the index and feed need,
so an unchanged essay is neither read nor rendered again. A missing, damaged
or older-format manifest simply means "rebuild everything".
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .._files import write_atomic

MANIFEST_NAME = ".essaykit-build.json"
FORMAT = 2


@dataclass
class Entry:
    """What one notebook produced last time it built successfully."""

    source: str
    notebook_hash: str
    comments: str
    output: str
    slug: str
    has_code: bool
    title: str
    author: str = ""
    date: str = ""
    summary: str = ""
    rating: float | None = None
    tags: list[str] = field(default_factory=list)
    url: str = ""
    mtime: float = 0.0
    draft: bool = False
    card: str = ""  # the social card image file written beside the page, if any
    neighbours: str = ""  # the previous and next links the page was built with
    readers: str = "None"  # the readers' ratings its structured data was built with


@dataclass
class Manifest:
    settings: str = ""
    entries: dict[str, Entry] = field(default_factory=dict)
    pages: str = ""  # a digest of what the index, tag pages and feeds were last written from
    # Drafts and scheduled essays, not built: name -> {hash, slug, title, date, draft, url, has_code},
    # so an unchanged draft is not read again on every build.
    left_out: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, site_dir: Path) -> Manifest:
        try:
            raw = json.loads((site_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
            if raw.get("format") != FORMAT:
                return cls()
            entries = {k: Entry(**v) for k, v in raw["entries"].items()}
            left_out = {str(k): dict(v) for k, v in (raw.get("left_out") or {}).items()}
            return cls(settings=str(raw.get("settings", "")), entries=entries, pages=str(raw.get("pages", "")),
                       left_out=left_out)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return cls()

    def save(self, site_dir: Path) -> None:
        data = {"format": FORMAT, "settings": self.settings, "pages": self.pages, "left_out": self.left_out,
                "entries": {k: asdict(v) for k, v in sorted(self.entries.items())}}
        write_atomic(site_dir / MANIFEST_NAME, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
