"""The spoiler rule for imported posts (essaykit.importers.spoilers)."""

from __future__ import annotations

import pytest

from essaykit.importers.spoilers import announcement, split_at_announcement


@pytest.mark.parametrize("text, label", [
    ("Spoilers ahead!", "Spoilers ahead!"),
    ("SPOILERS AHEAD", "SPOILERS AHEAD"),
    ("**Spoiler warning:** the rest discusses the ending.", "Spoiler warning: the rest discusses the ending."),
    ("The rest of this post contains spoilers.", "The rest of this post contains spoilers."),
    ("## Spoilers below", "Spoilers below"),
    ("I loved it. Major spoilers follow. You have been warned.", "Major spoilers follow."),
])
def test_announcements_are_recognised(text, label):
    assert announcement(text) == label


@pytest.mark.parametrize("text", [
    "A spoiler-free review.",
    "No spoilers here, I promise.",
    "The trailer spoils nothing.",
    "Spoilers ahead? " + "This is a long paragraph of ordinary prose. " * 10,
])
def test_other_mentions_are_not_announcements(text):
    assert announcement(text) is None


def test_everything_after_the_announcement_is_the_spoiler_part():
    opened, label, hidden = split_at_announcement(["Intro.", "Spoilers ahead.", "The end.", "The credits."])
    assert (opened, label, hidden) == (["Intro."], "Spoilers ahead.", ["The end.", "The credits."])


def test_an_announcement_that_says_more_stays_in_the_open_part():
    block = "I have more to say about the score. Spoilers ahead."
    opened, label, hidden = split_at_announcement(["Intro.", block, "The end."])
    assert opened == ["Intro.", block] and label == "Spoilers ahead." and hidden == ["The end."]


def test_an_announcement_at_the_very_end_hides_nothing():
    blocks = ["Intro.", "Spoilers ahead."]
    assert split_at_announcement(blocks) == (blocks, None, [])
