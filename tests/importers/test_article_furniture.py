"""The article without the site's furniture: a container narrowed to the main text, link lists left out, the headline.

When no theme container matches, the article falls back to ``main`` or ``<body>``; a news theme's ``<article>``
holds a breadcrumb, a "Most popular" rail and a subscribe row. The rules here use trafilatura's main text as the
second reading that says which part of the container is the post; what they leave out must look like furniture
(links), so that a lede or captions trafilatura did not keep stay.
"""

from __future__ import annotations

from bs4 import BeautifulSoup

from essaykit.importers.furniture import more_stories
from essaykit.importers.article_bounds import narrowed
from essaykit.importers.html_extract import without_headline, without_link_lists, without_more_stories, words
from essaykit.importers.html_page import read_html_page

_STORY = ("<p>The night ferry to the islands will stop calling at the old pier from March, the harbour board said on "
          "Tuesday, after divers found the timber piles rotten below the waterline.</p>"
          "<p>Passengers will board at the new concrete jetty instead, a ten-minute walk further along the front, "
          "where a covered waiting room and a ticket machine are being installed this winter.</p>"
          "<p>Fishermen who still use the old pier worry that its closure is the first step towards its demolition; "
          "the board says no decision has been taken and that repairs are being costed.</p>"
          "<p>The timetable itself does not change: the ferry leaves at eleven every night except on Sundays, and the "
          "crossing still takes a little under three hours in calm weather.</p>")
_MENU = "".join(f"<li><a href='/section/{n}'>Section {n}</a></li>" for n in ("news", "sport", "weather", "travel", "jobs"))
_POPULAR = "".join(f"<li><a href='/story/{n}'>A much-read story about the council's budget, part {n}</a></li>"
                   for n in range(1, 6))


def _read(tmp_path, markup: str):
    page = tmp_path / "page.html"
    page.write_text(markup, encoding="utf-8")
    [post] = read_html_page(page)
    return post, "\n".join(post.blocks)


def test_a_page_without_a_theme_container_keeps_the_story_not_the_sites_menus_and_lists(tmp_path):
    """No ``.entry-content``, no ``<article>``, no ``main``: the container is ``<body>``, and the menus, the "Most
    popular" list and the footer's links are not the post."""
    post, text = _read(tmp_path, (
        "<html><head><title>Night ferry moves to the new jetty</title></head><body>"
        f"<div class='top'><ul class='menu-row'>{_MENU}</ul></div>"
        f"<div class='page'><div class='story'><h1>Night ferry moves to the new jetty</h1>{_STORY}</div>"
        f"<div class='rail'><h3>Most popular</h3><ol>{_POPULAR}</ol></div></div>"
        f"<div class='bottom'><ul>{_MENU}</ul><p>Harbour Gazette, Quay Street 4</p></div></body></html>"))
    assert "The night ferry to the islands will stop calling at the old pier" in text, text
    assert "a little under three hours in calm weather" in text, text
    assert "much-read story" not in text and "Section sport" not in text and "Most popular" not in text, text
    assert not any(block.startswith("# ") for block in post.blocks), post.blocks  # the headline is the title


def test_a_container_is_not_narrowed_when_what_it_would_leave_out_is_text():
    """A lede or a gallery's captions beside the body, which trafilatura did not keep, are text, not a menu: the
    container stays whole."""
    soup = BeautifulSoup(
        "<div id='c'><div class='hero'><p>Harbour board closes the old pier to the night ferry after divers find "
        "rotten piles; passengers move to the concrete jetty, fishermen fear for the pier's future.</p></div>"
        f"<div class='body'>{_STORY}</div></div>", "html.parser")
    container = soup.find(id="c")
    theirs = words(BeautifulSoup(_STORY, "html.parser").get_text(" "))
    assert narrowed(container, theirs) is container


def test_a_lede_between_the_headline_and_the_body_stays_when_the_menus_around_them_go(tmp_path):
    """A news page whose container is ``<body>``: the headline sits in the page's top, the lede in a block of its own
    beside the body (no class says so); the menus go, the lede stays. A notice before the headline is not a lede."""
    post, text = _read(tmp_path, (
        "<html><head><title>Night ferry moves to the new jetty</title></head><body>"
        "<div class='notice'><p>This site stores small files on your computer so that your settings are remembered "
        f"between visits.</p></div><div class='top'><ul>{_MENU}</ul><h1>Night ferry moves to the new jetty</h1></div>"
        "<div class='wrap'><div class='piece'><div class='who'>Ann Quay, 2 hours ago</div><div class='opener'>"
        "Divers found the piles rotten; from March the ferry calls at the concrete jetty, and the old pier's future "
        f"is open.</div><div class='text'>{_STORY}</div><ul>{_MENU}</ul></div><ol>{_POPULAR}</ol></div>"
        f"<div class='bottom'><ul>{_MENU}</ul></div></body></html>"))
    assert "Divers found the piles rotten" in text and "a little under three hours" in text, text
    assert "Section sport" not in text and "much-read story" not in text, text


def test_a_container_is_narrowed_to_the_main_text_when_the_rest_is_links():
    soup = BeautifulSoup(f"<body><ul>{_MENU}</ul><div class='body'><div>{_STORY}</div></div><ol>{_POPULAR}</ol>"
                         f"<ul>{_MENU}</ul></body>", "html.parser")
    theirs = words(BeautifulSoup(_STORY, "html.parser").get_text(" "))
    found = narrowed(soup.body, theirs)
    assert found.name == "div" and found.find_parent(class_="body") is not None, found
    # a script that carries the article as data is not where the article is shown
    carried = BeautifulSoup(f"<body><ul>{_MENU}</ul><script>{BeautifulSoup(_STORY, 'html.parser').get_text(' ')}"
                            f"</script><div>{_STORY}</div><ol>{_POPULAR}</ol></body>", "html.parser")
    assert narrowed(carried.body, theirs).name == "div"
    # too little main text to go by (an empty or failed second reading): nothing is narrowed
    assert narrowed(soup.body, words("ferry")) is soup.body


def test_link_lists_the_main_text_left_out_go_with_their_heading_but_not_the_posts_own_reading_list():
    theirs = words("The ferry leaves at eleven. Further reading: the harbour board's report on the piles.")
    blocks = ["- [News](https://example.org/news)\n- [Ferries](https://example.org/ferries)",  # a breadcrumb
              "The ferry leaves at eleven.",
              "Further reading: [the harbour board's report on the piles](https://example.org/report)",
              "[Image: the old pier at low tide](https://example.org/pier.jpg)",  # a picture is not a link list
              "## Most read",
              "1. [Council budget, part one](https://example.org/1)\n2. [Council budget, part two](https://example.org/2)",
              "## Share",
              "[Facebook](https://facebook.example/share) [Mail](mailto:?body=x) and a word of its own"]
    kept = without_link_lists(blocks, theirs)
    assert kept == [blocks[1], blocks[2], blocks[3], blocks[6], blocks[7]], kept


def test_malformed_markdown_and_an_empty_reading_leave_the_blocks_alone():
    blocks = ["[unclosed [link](", "]]]((( [", "", "[a](b) [c](d"]
    assert without_link_lists(blocks, words("")) == blocks  # no main text to compare with
    assert without_link_lists(blocks, words("one two three four five six seven eight nine ten eleven")) == [
        blocks[0], blocks[1], blocks[2], blocks[3]]


def test_the_headline_after_a_breadcrumb_is_the_title_but_a_later_section_of_the_same_words_stays():
    title = "Tom & Jerry's night ferry"
    blocks = ["# Tom \\& Jerry’s *night* ferry", "The ferry leaves at eleven.", "## Tom & Jerry's night ferry"]
    assert without_headline(blocks, title) == blocks[1:]
    assert without_headline(["Tom & Jerry's night ferry", "Text."], title) == ["Tom & Jerry's night ferry", "Text."]
    later = ["a", "b", "c", "# Tom & Jerry's night ferry"]
    assert without_headline(later, title) == later
    assert without_headline(blocks, "") == blocks


def test_a_block_of_many_nested_links_is_read_in_one_pass_per_level():
    """A hostile block: thousands of links, nested a few deep, is judged without a quadratic walk."""
    block = " ".join(f"[[[x{n}](a)](b)](c)" for n in range(5000))
    assert without_link_lists([block], words("one two three four five six seven eight nine ten")) == []


_PARAGRAPHS = [p.split(">", 1)[1] for p in _STORY.split("</p>") if p]


def test_teasers_under_a_more_stories_heading_after_the_article_are_left_out_in_every_language():
    theirs = words(" ".join(_PARAGRAPHS))
    for heading in ("## More from the Harbour Gazette", "Our latest stories", "Das könnte Sie auch interessieren",
                    "### À lire aussi", "Most read"):
        blocks = [*_PARAGRAPHS, heading, "Council budget: the harbour board asks for more", "3 hours ago"]
        assert without_more_stories(blocks, theirs) == _PARAGRAPHS, heading
    assert not more_stories("More from the harbour board's report, which the divers wrote in March after the dive")


def test_a_related_heading_inside_the_article_stays():
    """A "Read more" section that holds the post's own text (trafilatura's main text has it) is the post's."""
    blocks = [_PARAGRAPHS[0], "## Read more", *_PARAGRAPHS[1:]]
    assert without_more_stories(blocks, words(" ".join(_PARAGRAPHS))) == blocks
    assert without_more_stories(blocks, words("")) == blocks
    # a "Related" box a news site puts in the middle of the article: the paragraph after it is still the article's
    boxed = [*_PARAGRAPHS[:3], "### Related", "- [Council budget](https://example.org/1)", _PARAGRAPHS[3]]
    assert without_more_stories(boxed, words(" ".join(_PARAGRAPHS))) == boxed
    # a blog's front page: each post ends with its own "Related posts"
    listing = [_PARAGRAPHS[0], "Related posts", "- a teaser", _PARAGRAPHS[1], "Related posts", "- another"]
    assert without_more_stories(listing, words(_PARAGRAPHS[0])) == listing


def test_a_container_nested_absurdly_deep_is_narrowed_a_bounded_way_down():
    depth = 200
    soup = BeautifulSoup(f"<body><ul>{_MENU * 20}</ul>{'<div>' * depth}{_STORY}{'</div>' * depth}</body>", "html.parser")
    found = narrowed(soup.body, words(BeautifulSoup(_STORY, "html.parser").get_text(" ")))
    assert found.name == "div" and len(found.find_parents("div")) < depth, found.name
    assert "night ferry" in found.get_text()
