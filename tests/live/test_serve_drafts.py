"""`essaykit serve FOLDER`: drafts and essays dated in the future stay off the index; --drafts lists them."""

from __future__ import annotations

import sys
import urllib.request
from pathlib import Path

from helpers.servers import stop_process

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "exports"))
from blog_fixtures import review_folder  # noqa: E402


def index(server) -> str:
    with urllib.request.urlopen(server.url + "/", timeout=60) as answer:
        return answer.read().decode()


def test_serve_index_leaves_drafts_out_unless_asked(essaykit_server, tmp_path):
    folder = review_folder(tmp_path / "essays")
    server = essaykit_server(folder)
    page = index(server)
    assert "Trains at Dusk" in page and "The Orchard" in page
    assert "Half Written" not in page and "Next Season" not in page
    stop_process(server.proc)
    server = essaykit_server(folder, args=["--drafts"])
    page = index(server)
    assert "Half Written</a> <span class=\"ek-draft-badge\">Draft</span>" in page
    assert "Next Season</a> <span class=\"ek-draft-badge\">Scheduled</span>" in page
