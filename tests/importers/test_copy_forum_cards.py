"""A forum thread's text copy whose posts stand under the poster's card (XenForo, vBulletin): the first post is the
article, the replies its comments, each with the poster's name and the post's date, never the join date.

The copies are written for essaykit in the shape a browser's copy of such a thread has, with the platforms' stock
labels ("Joined", "Messages", "Reaction score", "Join Date:", "Posts:", "Reply With Quote", "Old" before a
vBulletin date, "Default" before its post title) in English and German; the names and words are invented.
"""

from __future__ import annotations

import pytest

from essaykit.importers.text_forum_cards import cards

from .builders import read_copy_lines

TOPIC = "The old ferry at the north shore"
FIRST = ("Since the spring the old ferry at the north shore has not run, and nobody in the village knows when it "
         "will run again. The council showed plans in the autumn, but nothing has happened since.")
REPLIES = (("tobi_w", "As far as I heard, the survey for the jetty is still missing. Not before the summer."),
           ("Ilka Brandt", "Thanks for the news! Then I keep taking the bus, even if it runs only twice a day."))
DAYS = ((14, 10, 30), (15, 20, 5))

XENFORO = {  # labels, the date's shape, the buttons under a reply, the line under the topic
    "en": (("Joined", "Messages", "Reaction score"), "Mar {d}, 2026", ("Like Quote Reply", "Report"),
           "Thread starter mara_o Start date Mar 14, 2026"),
    "de": (("Registriert", "Beiträge", "Reaktionspunkte"), "{d}. März 2026", ("Gefällt mir Zitieren Antworten", "Melden"),
           "Themenstarter mara_o Startdatum 14. März 2026"),
}
VBULLETIN = {  # labels, the date's shape, the button under a post, the post icon's word
    "en": (("Join Date: Jan 2019", "Posts: 212"), "Old 03-{d}-2026, {h}:{m} {ap}", "Reply With Quote", "Default"),
    "de": (("Registriert seit: 01.2019", "Beiträge: 212"), "Alt {d}.03.2026, {H}:{m}", "Mit Zitat antworten", "Standard"),
}


def _xenforo(lang: str) -> list[str]:
    labels, day, buttons, starter = XENFORO[lang]
    lines = ["Forums", "New posts", "Home Forums Village life Around the lake", TOPIC, starter]
    for k, (name, text) in enumerate((("mara_o", FIRST), *REPLIES)):
        d = 14 if k == 0 else DAYS[k - 1][0]
        lines += [name, "Well-known member" if k != 2 else "New member", labels[0], "Jan 2, 2019", labels[1], "212",
                  labels[2], "45", day.format(d=d), "Add bookmark", f"#{k + 1}", text, *buttons]
    return lines + ["You must log in or register to reply here.", "Share:", "Facebook Twitter Reddit"]


def _vbulletin(lang: str) -> list[str]:
    labels, day, button, icon = VBULLETIN[lang]
    lines = ["Village Forum > Village life > Around the lake", TOPIC, "Thread Tools", "Display Modes"]
    for k, (name, text) in enumerate((("mara_o", FIRST), *REPLIES)):
        d, h, m = (14, 9, 12) if k == 0 else DAYS[k - 1]
        when = day.format(d=d, h=f"{(h - 1) % 12 + 1:02}", H=f"{h:02}", m=f"{m:02}", ap="PM" if h >= 12 else "AM")
        title = TOPIC if k == 0 else f"Re: {TOPIC}"
        lines += [f"  #{k + 1}  ", when, name, "Senior Member", "", *labels, f"{icon} {title}", text, button]
    return lines + ["« Previous Thread | Next Thread »", "Posting Rules"]


@pytest.mark.parametrize("shape", ["xenforo-en", "xenforo-de", "vbulletin-en", "vbulletin-de"])
def test_the_replies_under_their_cards_are_the_comments(tmp_path, shape):
    platform, lang = shape.split("-")
    post = read_copy_lines(tmp_path, (_xenforo if platform == "xenforo" else _vbulletin)(lang))
    assert post.title == TOPIC
    assert post.author == "mara_o"
    assert post.date[:10] == "2026-03-14", "the first post's date, not the poster's join date"
    assert [(c.author, c.status) for c in post.comments] == [(n, "approved") for n, _ in REPLIES]
    assert [c.body for c in post.comments] == [t for _, t in REPLIES], "no buttons, labels or figures in a comment"
    assert [c.created.day for c in post.comments] == [d for d, _, _ in DAYS]
    if platform == "vbulletin":
        assert [(c.created.hour, c.created.minute) for c in post.comments] == [(h, m) for _, h, m in DAYS]
    article = " ".join(post.blocks)
    assert "Since the spring" in article and "survey" not in article
    for furniture in ("Reaction score", "Reaktionspunkte", "Join Date", "Reply With Quote", "Report", "Thread starter",
                      "Themenstarter", "Add bookmark"):
        assert furniture not in article


def test_one_card_is_no_thread_and_a_figures_box_is_none(tmp_path):
    lines = _xenforo("en")
    one = lines[:lines.index(REPLIES[0][0])] + ["You must log in or register to reply here."]
    assert cards(one) == []
    post = read_copy_lines(tmp_path, one)
    assert [c for c in post.comments if c.status == "approved"] == []
    # a club's page with its figures under each team's name: no name over a post's date, no thread
    box = [TOPIC, "Published Mar 14, 2026", FIRST]
    for team in ("North Shore Rowers", "Harbour Sailing Club"):
        box += [team, "Location: Lakeside", "Members: 212", "Posts: 45", "Founded in 1921 by four fishermen."]
    assert cards(box) == []
    post = read_copy_lines(tmp_path, box)
    assert [c for c in post.comments if c.status == "approved"] == []
