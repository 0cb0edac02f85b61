"""A sidebar widget under a comment count whose comments the copy does not hold ("Show 6 comments", the author's box,
then "Most Recent Post" over a dated teaser) gives no comment: the teaser is another post's title, and the name over
the widget's heading is the author box's, not a commenter's (issue 28)."""

from __future__ import annotations

import pytest

from .builders import read_copy_lines

PROSE = ("The ferry leaves the harbour at seven, and the islands come out of the fog one after the other while the "
         "gulls follow the wake all the way to the last pier.")


@pytest.mark.parametrize("heading", ["Most Recent Post", "Most recent posts", "Recent Post"])
def test_a_recent_post_widget_under_a_comment_count_is_no_comment(tmp_path, heading):
    post = read_copy_lines(tmp_path, [
        "Island Hopping in the Fog", "Posted on March 4, 2026 by Ruth Amsel", PROSE, "", PROSE, "",
        "Ruth Amsel", "Travel, Islands", "Ruth Amsel", "Show 6 comments", "Ruth Amsel", "",
        heading, "Featured", "Jul 3, 2025", "Yellow Coats for Grey Days (2)", "Jul 3, 2025", "",
        "Newsletter", "Subscribe and get our letters.", ""])
    assert not [c for c in post.comments if not c.reason], "nothing here is a reader's comment to approve"
    assert not any("Yellow Coats" in c.body for c in post.comments)


def test_a_commenter_over_the_date_still_heads_a_comment(tmp_path):
    post = read_copy_lines(tmp_path, [
        "Island Hopping in the Fog", "Posted on March 4, 2026 by Ruth Amsel", PROSE, "", "2 Comments", "",
        "Ilse Varga", "March 5, 2026 at 10:12", "The fog photos are lovely, thank you for the ferry times.", "Reply", "",
        "Tom Weller", "March 6, 2026 at 09:05", "We took the seven o'clock ferry and saw the seals.", "Reply", ""])
    assert [(c.author, c.created.date().isoformat()) for c in post.comments] == [
        ("Ilse Varga", "2026-03-05"), ("Tom Weller", "2026-03-06")]


@pytest.mark.parametrize("updated", ["UPDATED: AUGUST 22, 2025", "Updated: August 22, 2025", "Aktualisiert: 22. August 2025"])
def test_an_updated_label_in_the_byline_is_no_commenter(tmp_path, updated):
    """A comment count in the byline block, then "UPDATED: DATE": the label is the post's, not a commenter named
    "UPDATED:", so the article under it stays the article."""
    post = read_copy_lines(tmp_path, [
        "Island Hopping in the Fog", "JANUARY 28, 2025", "RUTH", "TRAVEL NOTES", "80 COMMENTS", updated, "",
        PROSE, "", PROSE.replace("ferry", "boat"), "", PROSE.replace("gulls", "terns"), ""])
    assert "terns follow the wake" in " ".join(post.blocks)
    assert not any("UPDATED" in c.author.upper() or "AKTUALISIERT" in c.author.upper() for c in post.comments)
