"""The leftover patterns shared by the text importer and `essaykit check` (essaykit.importers.leftovers, essaykit.importers.check)."""

from __future__ import annotations

import pytest

from essaykit.importers import leftovers as lo
from essaykit.importers.check import leftover_warnings

BOILERPLATE = [
    "Leave a Reply Cancel reply", "Fill in your details below or click an icon to log in:", "WordPress.com Logo",
    "Google photo", "Twitter picture", "Facebook photo",
    "You are commenting using your Twitter account. ( Log Out / Change )", "Connecting to %s",
    "Notify me of new comments via email.", "Notify me of new posts via email.",
    "This site uses Akismet to reduce spam. Learn how your comment data is processed.", "Share this:", "Like this:",
    "Loading…", "Like Loading...", "Posted in Films | Tagged noir, rain", "Powered by WordPress",
    "Create a free website or blog at WordPress.com.", "Post a Comment", "Subscribe to: Post Comments (Atom)",
    "Join the discussion…", "Sort by Best", "6 min read", "Open in app", "Sign up for more like this.",
    "Beantworten",  # a reply button in German, from furniture.LATIN_REPLY as the button rows read it
]
NOT_BOILERPLATE = [
    "Leave a reply, the voice on the tape says, and she never does.", "She shared this with her sister.",
    "Related to the director, the lead actor is wonderful.", "Powered by rage, the hero drives on.",
    "The film runs 6 minutes longer than it should.", "Connecting to the past is the film's theme.",
]


@pytest.mark.parametrize("line", BOILERPLATE)
def test_boilerplate_is_recognised(line):
    assert lo.strong_boilerplate(line) or lo.weak_boilerplate(line)


@pytest.mark.parametrize("line", NOT_BOILERPLATE)
def test_prose_that_looks_like_boilerplate_is_not(line):
    assert not lo.strong_boilerplate(line) and not lo.weak_boilerplate(line)


@pytest.mark.parametrize("line", ["Leave a Reply", "Related", "Share", "Like"])
def test_ordinary_words_are_only_weak(line):
    assert lo.weak_boilerplate(line) and not lo.strong_boilerplate(line)


@pytest.mark.parametrize("line", ["Name *", "Webseite *", "E-Mail-Adresse *", "Correo electrónico *", "Kommentar*"])
def test_a_form_label_is_strong_where_a_comment_reader_asks_for_strong_only(line):
    # text_comments ends a comment at a strong boilerplate line in the comments section: the form's labels are
    # furniture.FIELD_LABELS, the one list furniture's own form notes read
    assert lo.STRONG_BOILERPLATE.match(line)


@pytest.mark.parametrize(("lines", "name", "body"), [
    (["Great review.", "— Ana"], "Ana", ["Great review."]),
    (["Great review. — Lucia M."], "Lucia M.", ["Great review."]),
    (["Loved it 🙂 Ric"], "Ric", ["Loved it 🙂"]),
    (["Loved it.", "🙂 ric"], "ric", ["Loved it."]),
    (["Thanks for this.", "Cheers, Paulo"], "Paulo", ["Thanks for this.", "Cheers,"]),
    (["Was the ending too neat?", "Anonymous cinephile"], "Anonymous cinephile", ["Was the ending too neat?"]),
    (["Adorei!", "Abraços, João"], "João", ["Adorei!", "Abraços,"]),
    # a sign-off the header reader knows (signatures.SIGN_OFF_WORDS) is a closing too, before the looser ones
    (["Schöner Beitrag!", "LG Maja"], "Maja", ["Schöner Beitrag!", "LG"]),
    (["Thanks for the map.", "Best regards, Ana"], "Ana", ["Thanks for the map.", "Best regards,"]),
    (["Merci pour la recette.", "Cordialement Paul"], "Paul", ["Merci pour la recette.", "Cordialement"]),
])
def test_signatures(lines, name, body):
    found = lo.signature(lines)
    assert found is not None and found[0] == name and found[1] == body


@pytest.mark.parametrize("lines", [
    ["I loved it."], ["It was great — Brilliant"], ["A good film.", "Thanks!"], ["One line", "and another line"],
    ["The film is about the sea."], ["See it 🙂"],
])
def test_not_signatures(lines):
    assert lo.signature(lines) is None


@pytest.mark.parametrize(("line", "author", "date"), [
    ("Dana Reyes says:", "Dana Reyes", ""),
    ("Marta Quinn says: March 4, 2026 at 9:12 am", "Marta Quinn", "March 4, 2026 at 9:12 am"),
    ("Nour Haddad on 22 May 2026 at 08:15 said:", "Nour Haddad", "22 May 2026 at 08:15"),
    ("On March 3, 2026, Pete wrote:", "Pete", "March 3, 2026"),
    ("Tomasz said...", "Tomasz", ""),
    # leftovers.SAID, the one list of header verbs: a longer verb before its prefix, and text_headers' verbs too
    ("Greta Lind sagte:", "Greta Lind", ""),
    ("Lia Prado respondeu: 3 de maio de 2026", "Lia Prado", "3 de maio de 2026"),
    ("Pablo Ruiz escribió:", "Pablo Ruiz", ""),
])
def test_comment_headers(line, author, date):
    assert lo.says_header(line) == (author, date)


@pytest.mark.parametrize("line", ["She says the film is too long.", "The critic said it best: go.", "Says who?"])
def test_prose_is_not_a_comment_header(line):
    assert lo.says_header(line) is None


@pytest.mark.parametrize(("line", "expected"), [
    ("Pingback: Ten quiet films | Still Frames", ("pingback", "Ten quiet films | Still Frames", "")),
    ("Pingback: Still Frames » Ten quiet films", ("pingback", "Still Frames » Ten quiet films", "")),
    ("• Trackback: A list https://x.example.org/list", ("trackback", "A list", "https://x.example.org/list")),
])
def test_pingbacks(line, expected):
    assert lo.pingback(line) == expected


@pytest.mark.parametrize("line", ["March 3, 2026 at 4:12 pm", "3 March 2026 at 16:12", "2026-03-03 16:12",
                                  "Tuesday, 6 January 2026", "3 de março de 2026 às 16h12"])
def test_date_lines(line):
    assert lo.date_line(line)


@pytest.mark.parametrize("line", ["March was cold.", "In 2026 we saw 12 films.", "Room 4"])
def test_not_date_lines(line):
    assert not lo.date_line(line)


@pytest.mark.parametrize("line", ["4 Comments", "3 thoughts on “Harbour Lights”", "One Response to “X”", "Comments",
                                  "Responses (2)", "3 comments:", "2 comentários"])
def test_comment_headings(line):
    assert lo.comments_heading(line)


def test_leftover_warnings_name_the_cell():
    cells = [(1, "A real paragraph."), (2, "Pingback: Ten quiet films | Still Frames"),
             (3, "Leave a reply, she said."), (4, "Great review!\n— Ana"), (5, "Saw it twice 🙂 Ric")]
    warnings = leftover_warnings(cells)
    assert [cell for cell, _ in warnings] == [2, 4]
    assert "pingback" in warnings[0][1] and "signed messages" in warnings[1][1]
    assert leftover_warnings([(1, "Fill in your details below or click an icon to log in:")])[0][0] == 1
    assert leftover_warnings([(1, "Leave a Reply"), (2, "An essay about replies.")]) == []
    quotes = [(1, "> The sea is a poem.\n> — A. Critic"), (2, "> Cinema is a window.\n> — B. Director")]
    assert leftover_warnings(quotes) == [], "quotations with attributions are the essay's own"


def test_essaykit_check_warns_without_failing(cli, write_notebook):
    from helpers.notebooks import md_cell, notebook

    path = write_notebook(notebook([md_cell("The essay."), md_cell("Share this:\nLike this:"),
                                    md_cell("Pingback: A list | Site")], {"title": "T", "slug": "t"}))
    result = cli("check", path)
    assert result.exit_code == 0, result.output
    assert f"{path}:cell 2: warning:" in result.stdout and f"{path}:cell 3: warning:" in result.stdout
    assert "1 essay checked, no problems (2 warnings)" in result.stderr
