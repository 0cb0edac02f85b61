"""A wiki page's text copy: its heading over MediaWiki's stock tagline and jump links is the title (issue 28)."""

from __future__ import annotations

from essaykit.importers.text_title_wiki import wiki_heading

from .test_text_titles import _copy

LEDE = ("In harbour lore, a fog lamp is a lantern hung at the end of a pier so that ferries coming in at night can find "
        "the landing, and the keepers who lit them were paid by the town for every night of fog.")
MORE = ("The oldest lamps burned whale oil and later paraffin; the town's records name each keeper and the nights they "
        "were paid for, and the last of them was put out when the harbour got its electric light.")


def _page(heading: str, tagline: str, jump: str) -> list[str]:
    return [heading, tagline, jump, "For the festival of the same name, see Lamp Night.", LEDE, "Contents",
            "1 History", "2 Keepers", "History", MORE]


def test_the_heading_over_a_wikis_tagline_and_jump_links_is_the_sure_title(tmp_path):
    post = _copy(tmp_path, _page("Fog lamp", "From Harbourpedia, the open almanac", "Jump to navigation Jump to search"))
    assert post.title == "Fog lamp", "a one-word heading (two words here) no other sign would take"
    assert not any("title" in d[:30] for d in post.doubts), "the skin's stock lines make it sure"
    text = "\n".join(post.blocks)
    assert "Jump to navigation" not in text and "Harbourpedia" not in text, "the tagline and jump links are dropped"
    assert "harbour lore" in text, "the article stays"


def test_older_skins_and_other_languages(tmp_path):
    old = _page("Pier keepers", "From Harbourpedia", "Jump to: navigation, search")
    assert _copy(tmp_path, old).title == "Pier keepers"
    german = ["Nebellampe", "Aus Hafenpedia, dem offenen Almanach", "Zur Navigation springen Zur Suche springen",
              LEDE, MORE]
    assert wiki_heading(german) == (0, [1, 2])
    no_tagline = ["Hafenlaterne", "Aller à la navigation Aller à la recherche", LEDE]
    assert wiki_heading(no_tagline) == (0, [1]), "a wiki without a tagline: the line right over the jump links"


def test_no_jump_links_no_wiki_heading():
    assert wiki_heading(["Fog lamp", "From Harbourpedia, the open almanac", LEDE]) is None, "a tagline alone is no sign"
    assert wiki_heading(["Jump to navigation Jump to search", "Fog lamp", LEDE]) is None, "nothing over the links"
    assert wiki_heading(["Home | About | Contact | Archive", "Jump to navigation Jump to search", LEDE]) is None, \
        "a menu's row over the links is no heading"
    assert wiki_heading(["The keepers were paid by the town.", "Jump to: navigation, search", LEDE]) is None, \
        "a sentence is no heading"
