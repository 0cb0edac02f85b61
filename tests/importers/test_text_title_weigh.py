"""A copy's headline by weak signs weighed together, where the rules found only a guess (issue 28)."""

from __future__ import annotations

from essaykit.importers.text_title import headline, sure
from essaykit.importers.text_title_weigh import WHY, overturns, rival, weigh

from .test_text_title_signs import _title_doubts
from .test_text_titles import _copy

NOTICE = ("We use cookies and similar tools to keep this site running, to count our readers and to show you offers "
          "that fit, and you can change your choice at any time in the settings at the foot of every page.")
MEGA_MENU = ["Harbour", "Ferries", "Weather", "Docks", "People", "Opinion", "Archive", "Contact", "Search"]
HEADLINE = "Ferry timetable changes after the winter storms"
LEDE = ("After two winter storms closed the north and the south piers, the harbour office has printed a new ferry "
        "timetable, and the first ferry of the day now leaves an hour later than it used to.")
# Short paragraphs (under the rules' prose length), as chatty posts and news agencies write them.
SHORT = ["The new ferry timetable starts on Monday, after two winter storms closed the piers.",
         "The early ferries now leave at six, an hour later than they did before the storms.",
         "The harbour master says the timetable will hold until the piers are repaired in spring.",
         "Commuters on the island are not happy with the late start of the first ferry.",
         "Some of them now take the bus round the bay, which takes twice as long in winter.",
         "A second timetable for the summer will be printed in April, with more ferries at night."]


def _page(*article: str) -> list[str]:
    # A cookie notice is the copy's first prose: the rules look for the headline over it and find only its heading.
    return ["Harbour Courier", "About cookies", NOTICE, "Accept", *MEGA_MENU, *article, "", "Share this story"]


def test_the_headline_at_a_menus_end_outweighs_the_notices_heading(tmp_path):
    lines = _page(HEADLINE, "", LEDE, "", *SHORT)
    guess = headline(lines)
    assert guess is not None and lines[guess[0]] == "About cookies" and not sure(guess[1])
    found = weigh(lines, guess[0])
    assert found is not None and lines[found[0]] == HEADLINE
    assert found[1].startswith(WHY) and "at the end of a menu" in found[1] and "the article uses its words" in found[1]
    post = _copy(tmp_path, lines)
    assert post.title == HEADLINE
    assert any(WHY in d for d in _title_doubts(post)), "a weighed title is a guess, reported as one with its signs"
    assert NOTICE not in "\n".join(post.blocks), "the notice over the headline is the site's, not the article's"


def test_a_subheading_inside_the_article_is_not_the_headline():
    subheading = "Why the first ferry now leaves later"
    lines = _page(HEADLINE, "", LEDE, "", *SHORT[:3], "", subheading, "", LEDE, "", *SHORT[3:])
    found = weigh(lines, lines.index("About cookies"))
    assert found is not None and lines[found[0]] == HEADLINE, "lines of text over a subheading: it is inside the article"


def test_a_good_guess_is_kept_and_hostile_copies_give_none():
    lines = _page(HEADLINE, "", LEDE, "", *SHORT)
    assert weigh(lines, lines.index(HEADLINE)) is None, "no line outweighs the headline itself"
    assert weigh([], None) is None and weigh(["", "\t", "x" * 5000], None) is None


def test_a_list_of_teasers_with_short_excerpts_heads_no_article():
    teasers = []
    for title in ("Fog closes the north pier again", "Dock workers vote on the new shift plan",
                  "A lighthouse keeper looks back on forty winters"):
        teasers += [title, SHORT[0], "Read more"]
    lines = ["Harbour Courier", "About cookies", NOTICE, "Accept", *MEGA_MENU, *teasers]
    assert weigh(lines, lines.index("About cookies")) is None, "an excerpt under each teaser, no article"


def test_a_sure_headline_the_weak_signs_strongly_disagree_with_is_a_guess_or_overturned(tmp_path):
    # A promo's line over its own date, then the page's article under a menu's end: the rules are sure of the promo (a
    # date right under it and the copy repeating it); the weak signs of the article's headline (prose right under it,
    # the article using its words, the menu's end over it, a share box repeating it) make that a guess.
    promo = "Win a weekend in the mountains"
    lines = ["Harbour Courier", promo, "12.03.2024", "Enter now", promo, "Terms apply", "", *MEGA_MENU, HEADLINE, "",
             LEDE, "", *SHORT, "", "Share this story", HEADLINE]
    guess = headline(lines)
    assert guess is not None and lines[guess[0]] == promo and sure(guess[1])
    assert rival(lines, guess[0]) is not None and lines[rival(lines, guess[0])[0]] == HEADLINE
    post = _copy(tmp_path, lines)
    assert post.title == HEADLINE, "a headline's length, words the article uses, and far heavier: the rival is taken"
    assert any(d.startswith(f"the title {HEADLINE!r}") and WHY in d and promo in d for d in _title_doubts(post)), \
        "as a guess, naming its signs and the rules' line it was taken over"
    assert overturns(lines, lines.index(HEADLINE), guess[0], guess[1])
    short = "Ferry timetable news"  # three words: a section's or a promo's name as often as a headline
    lines = [short if line == HEADLINE else line for line in lines]
    assert not overturns(lines, lines.index(short), guess[0], guess[1]), "as heavy, not a headline's length: kept"
    promo_only = ["Harbour Courier", promo, "12.03.2024", "Enter now", "Terms apply", "", *MEGA_MENU, HEADLINE, "",
                  LEDE, "", *SHORT]
    assert not overturns(promo_only[:8], 1, 1, guess[1]), "no article under it, no weight"
    sure_lines = ["Harbour Courier", *MEGA_MENU, HEADLINE, "By Greta Holm", "12 March 2024", "", LEDE, "", *SHORT]
    found = headline(sure_lines)
    assert found is not None and sure(found[1]) and rival(sure_lines, found[0]) is None, "no rival to a good headline"


def test_a_tagline_in_the_headlines_byline_block_is_never_taken_over():
    tagline = "Harbour writer reporting on the ferry timetable and the winter storms"
    lines = [*MEGA_MENU, HEADLINE, "By Greta Holm", "Greta Holm", tagline, "12 March 2024", "", LEDE, "", *SHORT]
    at, rules = lines.index(tagline), lines.index(HEADLINE)
    assert not overturns(lines, at, rules, "a byline or date right under it, naming its author")
    far = lines[:rules + 1] + ["By Greta Holm"] + [f"Docks {k}" for k in range(8)] + lines[rules + 2:]
    assert overturns(far, far.index(tagline), rules, "a byline or date right under it, naming its author") \
        == overturns(far, far.index(tagline), rules, "the copy repeats it"), "further down, only its weight counts"
