"""A sentence with "said" or "wrote" in a text copy ("That said...", "As my teacher said:", "Someone else wrote:",
"Il dit :") is prose, never a commenter's header; a name before the same verbs still is (issue 28)."""

from __future__ import annotations

import pytest

from essaykit.importers import leftovers as lo

from .builders import read_copy_lines


@pytest.mark.parametrize("line", ["that said...", "That said:", "As my teacher said:", "He wrote:", "my mother said:",
                                  "What she said:", "Someone else wrote:", "Ich sagte:", "Il dit :", "Comme il a dit :",
                                  "Como yo dije:"])
def test_a_sentences_subject_is_no_commenter(line):
    assert lo.says_header(line) is None


@pytest.mark.parametrize("line, name", [("Maria says:", "Maria"), ("Ruth Amsel said...", "Ruth Amsel"),
                                        ("Thatcher says:", "Thatcher"), ("Ilse sagt:", "Ilse"), ("Ella says:", "Ella"),
                                        ("Ichiro wrote:", "Ichiro")])
def test_a_name_before_says_is_still_a_header(line, name):
    assert lo.says_header(line)[0] == name


def test_that_said_in_an_article_stays_in_it(tmp_path):
    prose = "The harbour is quiet in winter, and the boats stay tied up while the fishermen mend their nets."
    post = read_copy_lines(tmp_path, ["The Quiet Harbour", "Posted on March 4, 2026 by Ruth Amsel", prose, "",
                                      "That said...", "", "The quay café opens only on Sundays, and then it is full.",
                                      "", "Someone else wrote:", "", "The gulls wait for the boats every morning."])
    assert post.comments == []
    assert "The gulls wait" in " ".join(post.blocks)
