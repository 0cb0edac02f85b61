"""Thirteen saved pages, each from a different platform's markup: authors, dates and comments' own dates."""

from __future__ import annotations

import pytest

from essaykit.importers.html_page import read_html_page

from .builders import FIXTURES

HTML = FIXTURES / "html"
# file: (title, author, date, [(kind, author, own date or None, is a reply)])
EXPECTED = {
    "01-wordpress-vcard.html": ("The Salt Road", "Ines Dantas", "2026-03-03T10:00:00Z",
                                [("comment", "Marta Quinn", "2026-03-04T09:12", False), ("comment", "Ines Dantas", "2026-03-05T08:00", True),
                                 ("pingback", "Road films of the year | Still Frames", None, False)]),
    "02-old-commentlist.html": ("Nine Rooms of Rain", "", "", [("comment", "Sadia", "2026-12-03T19:30", False)]),
    "03-blogger.html": ("A Winter Without Snow", "Lena Vogt", "2026-01-06T21:30:00Z",
                        [("comment", "Tomasz", "2026-01-07T10:01", False), ("comment", "Lena Vogt", "2026-01-08T16:05", True)]),
    "04-medium-jsonld.html": ("What the Ferry Knew", "Dara Cole", "2026-08-14T12:00:00Z", []),
    "05-ghost.html": ("A Field Guide to Fog", "Mina Park", "2026-01-09T08:00:00Z", []),
    "06-jetpack-related-says.html": ("The Long Table", "", "",
                                     [("comment", "Yusuf Demir", "2026-04-18T18:45", False),
                                      ("pingback", "Dinner films, ranked", None, False), ("comment", "Clara", None, False)]),
    "07-windows-1252.html": ("Crème Brûlée", "", "", []),
    "08-portuguese.html": ("O Farol de Sal", "Helena Duarte", "2026-03-03T10:00:00Z",
                           [("comment", "João", "2026-03-04T10:00", False)]),
    # Comments in markup no reader knows: read from the page's text, as a text copy would be.
    "09-custom-theme.html": ("Static on Channel Four", "", "2026-09-30T20:00:00Z",
                             [("comment", "Mireille Laurent", "2026-10-01T22:20", False),
                              ("comment", "Quentin Ash", "2026-10-02T07:05", False)]),
    "10-comments-in-article.html": ("The Paper Boat", "", "2026-11-12T00:00:00Z",
                                    [("comment", "Ric", None, False), ("comment", "Bea", None, False),
                                     ("pingback", "Still Frames", None, False)]),
    "11-wordpress-com-jetpack.html": ("Harbour Lights", "Ines Dantas", "2026-03-03T10:00:00Z",
                                      [("comment", "Marta Quinn", "2026-03-04T09:12", False),
                                       ("comment", "Ines Dantas", "2026-03-05T08:00", True),
                                       ("pingback", "Fog films | Still Frames", None, False)]),
    "12-separate-pinglist.html": ("Rope at the Revival House", "", "2026-10-09T19:00:00Z",
                                  [("comment", "Gus Olsen", "2026-10-10T20:15", False),
                                   ("pingback", "Revival House weekly", None, False)]),
    # A post file of Medium's account export (posts/*.html): microformats, the address only in the footer.
    "13-medium-export.html": ("The Night Ferry Timetable", "Ida Harbour", "2025-11-02T21:14:08.112000Z", []),
}
FURNITURE = ("Advertisements", "Share this", "Like Loading", "Like this", "Leave a Reply", "Fill in your details", "Subscribe", "min read",
             "Related", "Post a Comment", "says:", "Pingback", "Trackback")


def test_there_are_thirteen_shapes():
    assert sorted(p.name for p in HTML.glob("*.html")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_saved_page(name):
    title, author, date, comments = EXPECTED[name]
    [post] = read_html_page(HTML / name)
    assert (post.title, post.author, post.date) == (title, author, date)
    text = "\n".join(post.blocks + post.spoiler_blocks)
    assert text and not any(word in text for word in FURNITURE), text
    got = [(c.kind, c.author, c.created.isoformat()[:16] if c.created else None, c.parent is not None) for c in post.comments]
    assert got == comments
    assert all("says" not in c.author for c in post.comments)
    if any(c.created is None for c in post.comments if c.kind == "comment"):
        assert any("no date" in n for n in post.notes), "an undated comment is reported"


def test_comments_read_from_text_are_reported_as_a_guess():
    [post] = read_html_page(HTML / "09-custom-theme.html")
    assert any("read from the page's text" in g for g in post.guessed)
    assert any("comment buttons" in d for d in post.dropped) and any("boilerplate" in d for d in post.dropped)


def test_jetpack_likes_and_avatars_stay_out_of_comments():
    [post] = read_html_page(HTML / "11-wordpress-com-jetpack.html")
    assert [c.body for c in post.comments[:2]] == ["Lovely write-up.", "Thank you!"]
    assert post.comments[0].website == "https://marta.example.net" and post.tags == ["Films", "fog"]


def test_a_medium_export_post_keeps_its_address_and_subtitle_out_of_the_text():
    [post] = read_html_page(HTML / "13-medium-export.html")
    assert post.url == "https://medium.com/@idaharbour/the-night-ferry-timetable-4c1e9a07b2d3"
    assert post.summary == "Why the last boat leaves at 23:40, and who decided it"
    assert post.blocks[0].startswith("The last ferry of the night"), "no divider, no repeated title, no subtitle"
    assert not any(w in "\n".join(post.blocks) for w in ("Canonical link", "Exported from", "By Ida Harbour"))
