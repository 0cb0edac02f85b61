"""`essaykit import --explain` and the per-post report: what was found, guessed and dropped."""

from __future__ import annotations

import json

from .builders import FIXTURES


def test_explain_prints_every_line_with_its_fate(cli, tmp_path):
    source = FIXTURES / "text" / "11-reply-like.txt"
    result = cli("import", source, "--explain", "--dry-run", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if line[:5].strip().isdigit()]
    assert len(rows) == len(source.read_text(encoding="utf-8").split("\n"))
    fates = {line[7:41].strip(): line[41:].strip() for line in rows}
    assert fates["title"] == "The Glassblower's Daughter"
    assert any(what.startswith("comment") and text == "The glow of the furnace! Best colour grading of the year."
               for what, text in ((r[7:41].strip(), r[41:].strip()) for r in rows))
    assert "dropped comment buttons" in result.stdout and "mention 4 (pingback)" in result.stdout
    assert not (tmp_path / "out").exists(), "--dry-run --explain writes nothing"


def test_report_lines_and_rating(cli, tmp_path):
    out = tmp_path / "out"
    result = cli("import", FIXTURES / "text" / "01-wordpress-indented.txt", "-o", out,
                 "--db", f"sqlite:///{tmp_path / 'c.sqlite'}")
    assert result.exit_code == 0, result.output
    assert "  found: 01-wordpress-indented.txt" in result.stderr
    assert "  guessed: " in result.stderr and "rating 4 from '★★★★☆'" in result.stderr
    assert "  dropped: " in result.stderr and "boilerplate" in result.stderr
    assert "has no URL in the source" in result.stderr, "a pingback without a URL is reported, not made a comment"
    essay = json.loads((out / "harbour-lights-reconsidered.ipynb").read_text())["metadata"]["essay"]
    assert essay["rating"] == 4.0 and essay["tags"] == ["Films", "lighthouses", "slow cinema"]
    check = cli("check", out / "harbour-lights-reconsidered.ipynb")
    warnings = [line for line in check.stdout.splitlines() if "warning" in line]
    # The copy gives stars but not what they review: check says so, and the importer never guesses it.
    assert "reviewed" not in essay and [w for w in warnings if "essay.reviewed is not" in w], check.stdout
    assert check.exit_code == 0 and [w for w in warnings if "essay.reviewed is not" not in w] == [], \
        "an imported essay has no leftovers"


def test_different_scores_fill_no_rating(cli, tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_text("Two Verdicts\n\nFirst I said 3/5.\n\nNow I think 4/5.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = cli("import", copy, "-o", out, "--db", f"sqlite:///{tmp_path / 'c.sqlite'}")
    assert "different scores" in result.stderr
    assert "rating" not in json.loads((out / "two-verdicts.ipynb").read_text())["metadata"]["essay"]
