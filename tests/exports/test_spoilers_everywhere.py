"""Spoilers never leave their spoiler: every file `essaykit build` writes, read as a feed
reader (feedparser), a social preview or a search engine would, shows none of their words;
the feeds carry "Spoiler — read it on the page" and a link instead."""

import io
import json
import struct
import zlib
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from helpers.notebooks import md_cell, notebook

from essaykit import html as vocab
from essaykit.exports.settings import SiteSettings
from essaykit.exports.site import BuildOptions, build_site
from essaykit.spoilers import SPOILER_ELSEWHERE, spoiler_free_html, spoiler_free_text

BASE = "https://example.org/films/"
# One made-up word per kind of spoiler, so a hit says which kind leaked.
WORDS = {
    "inline": "marzipanwolf",
    "heading": "obsidiankite",
    "block": "gloamtrellis",
    "block heading": "quenchbramble",
    "widget twin": "velvetmonsoon",
    "summary": "saffronglacier",
    "comment": "tundrabiscuit",
    "image alt": "cinderlattice",
}


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes((200, 10, 10)) * 8 for _ in range(8))
    return b"".join([b"\x89PNG\r\n\x1a\n", chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)),
                     chunk(b"IDAT", zlib.compress(raw)), chunk(b"IEND", b"")])


def _twin_output() -> dict:
    html = vocab.spoiler_block("The twist", f"<p>It was {WORDS['widget twin']} all along.</p>")
    return {"output_type": "display_data", "data": {"text/html": html, "text/plain": "Spoiler()"}, "metadata": {}}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from essaykit.comments.store import CommentStore

    root = tmp_path_factory.mktemp("spoilers")
    folder = root / "essays"
    (folder / "stills").mkdir(parents=True)
    (folder / "stills" / "culprit.png").write_bytes(_png())
    cells = [
        md_cell("## The set-up\n\nA locked room, a cold tea and a missing key."),
        md_cell(f"## The reveal: ||{WORDS['heading']}||\n\nThe culprit is ||{WORDS['inline']}||, of course."),
        md_cell(f"## {WORDS['block heading'].title()} at last\n\nThe key was in the {WORDS['block']}.\n\n"
                f"![{WORDS['image alt']}](stills/culprit.png)", tags=["spoiler"],
                essay={"spoiler_label": "How it ends"}),
        {"cell_type": "code", "execution_count": 1, "metadata": {}, "source": "Spoiler('…')",
         "outputs": [_twin_output()]},
        md_cell("## Afterwards\n\nTea again."),
    ]
    essay = {"title": "The Locked Room", "date": "2026-03-01", "author": "Mara Quill", "tags": ["mystery"],
             "summary": f"Who took the key? ||{WORDS['summary']}|| did."}
    (folder / "riddle.ipynb").write_text(json.dumps(notebook(cells, essay)), encoding="utf-8")
    db = f"sqlite:///{root / 'c.sqlite'}"
    with CommentStore.open(db) as store:
        posted = store.post("riddle", author="Ana", email="ana@example.org",
                            body=f"I guessed ||{WORDS['comment']}|| on page one!")
        store.set_status(posted.comment.id, "approved", by="test")
    out = root / "site"
    stream = io.StringIO()
    report = build_site(folder, out, BuildOptions(jobs=1, execute=False, db=db, base_url=BASE,
                                                  settings=SiteSettings(title="Film notes")), stream=stream)
    assert not report.failed, stream.getvalue()
    return out


def _found(text: str) -> list[str]:
    low = text.lower()
    return [kind for kind, word in WORDS.items() if word in low]


def test_no_file_the_build_writes_shows_a_spoiler_outside_its_spoiler_markup(site):
    files = [p for p in site.rglob("*") if p.is_file()]
    assert {"riddle.html", "index.html", "feed.xml", "riddle.comments.xml", "comments.xml"} <= {p.name for p in files}
    assert any(p.parts[-3:] == ("mystery", "feed.xml") or p.parts[-2:] == ("mystery", "feed.xml") for p in files)
    hidden_on_a_page = 0
    for path in files:
        data = path.read_bytes()
        if path.suffix == ".html" and b"<html" in data:
            soup = BeautifulSoup(data, "html.parser")
            spoilers = soup.select("[data-ek-spoiler], details[data-ek-spoiler-block]")
            hidden_on_a_page += len(spoilers)
            for el in spoilers:
                el.decompose()
            text = str(soup)
        else:
            text = data.decode("utf-8", "replace")
        assert _found(text) == [], f"{path.relative_to(site)} gives away a spoiler"
    assert hidden_on_a_page >= 4, "the page itself still has its spoilers, hidden by markup"


def test_the_page_hides_them_in_markup_and_keeps_them_out_of_head_and_contents(site):
    page = BeautifulSoup((site / "riddle.html").read_text(), "html.parser")
    hidden = " ".join(el.text for el in page.select("[data-ek-spoiler] .ek-spoiler__text"))
    assert WORDS["inline"] in hidden and WORDS["heading"] in hidden
    assert _found(str(page.head)) == [], "descriptions and cards carry no spoiler"
    assert page.find("meta", attrs={"name": "description"})["content"] == \
        f"Who took the key? [{SPOILER_ELSEWHERE}] did."
    toc = page.select_one(".ek-toc").text
    assert "The reveal: …" in toc and "Afterwards" in toc and "At Last" not in toc
    assert page.find("meta", property="og:image") is None, "the only image is in a spoiler: no card"
    assert not list(site.glob("riddle.card.*"))


def test_feed_readers_see_the_notice_and_a_link_instead(site):
    feeds = sorted(site.rglob("*.xml"))
    assert len(feeds) >= 4
    seen_notice = 0
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        for entry in parsed.entries:
            text = " ".join([entry.get("title", ""), entry.get("summary", "")]
                            + [c.value for c in entry.get("content", [])])
            assert _found(text) == [], f"{path.relative_to(site)}: {entry.get('title')}"
            if SPOILER_ELSEWHERE in text:
                seen_notice += 1
    assert seen_notice >= 3, "site feed, tag feed and comment feeds all carry the notice"
    entry = feedparser.parse((site / "feed.xml").read_bytes()).entries[0]
    content = BeautifulSoup(entry.content[0].value, "html.parser")
    links = {a["href"] for a in content.find_all("a") if a.text == SPOILER_ELSEWHERE}
    assert f"{BASE}riddle.html" in links, "inline spoilers link to the page"
    assert any(h.startswith(f"{BASE}riddle.html#ek-spoiler-") for h in links), "a block links to itself"
    comment = feedparser.parse((site / "riddle.comments.xml").read_bytes()).entries[0]
    assert SPOILER_ELSEWHERE in comment.content[0].value and "I guessed" in comment.content[0].value


def test_footnotes_only_a_spoiler_refers_to_go_with_it():
    from essaykit.markdown import render_markdown

    markup = render_markdown("Seen ||in the dark[^a]|| and in the light.[^b]\n\n[^a]: By emberquill.\n\n"
                             "[^b]: Plainly.")
    free = spoiler_free_html(markup, "page.html")
    assert "emberquill" not in free and "Plainly." in free
    assert free.count(SPOILER_ELSEWHERE) == 2, "the spoiler and its end note"


def test_plain_text_spoilers():
    assert spoiler_free_text("A ||b|| c ||d\ne|| f", "https://x.example/p") == (
        f"A [{SPOILER_ELSEWHERE}: https://x.example/p] c [{SPOILER_ELSEWHERE}: https://x.example/p] f")
    assert spoiler_free_text("no || pair") == "no || pair"
    assert spoiler_free_text("||||") == "||||", "four bars hide nothing"
