"""``essaykit spam train|evaluate|explain`` and the score in ``essaykit comments list``."""

from __future__ import annotations

from essaykit.comments.moderation import Rules
from essaykit.comments.store import CommentStore
from fixtures.spam import ham, spam


def _db(tmp_path):
    url = f"sqlite:///{tmp_path / 'comments.sqlite'}"
    records = [{"id": f"h{i}", "essay": "e", "author": r["author"], "email": r["email"], "website": r["website"],
                "body": r["body"], "created": "2026-01-01T00:00:00Z", "status": "approved"} for i, r in enumerate(ham())]
    records += [{"id": f"s{i}", "essay": "e", "author": r["author"], "email": r["email"], "website": r["website"],
                 "body": r["body"], "created": "2026-01-01T00:00:00Z", "status": "spam"} for i, r in enumerate(spam())]
    with CommentStore.open(url, rules=Rules.permissive()) as store:
        assert not store.import_records(records).errors
        posted = store.post("e", author="SEO Agency", email="x@seo-rank-boost.xyz", website="https://seo-rank-boost.xyz",
                            body="Great post, we can rank your blog first on Google https://seo-rank-boost.xyz")
    return url, posted.comment.id


def test_train_evaluate_explain_and_list(tmp_path, cli):
    url, caught = _db(tmp_path)
    trained = cli("spam", "train", "--db", url)
    assert trained.exit_code == 0 and f"{len(ham())} approved comments and {len(spam())} spam" in trained.output
    evaluated = cli("spam", "evaluate", "--db", url)
    assert evaluated.exit_code == 0, evaluated.output
    assert f"the filter has learned {len(ham())} ham and {len(spam())} spam" in evaluated.output
    precision = float(evaluated.output.split("precision ")[1].split(",")[0])
    assert precision >= 0.9, evaluated.output
    explained = cli("spam", "explain", caught, "--db", url)
    assert explained.exit_code == 0 and "website" in explained.output and " spam " in explained.output
    listed = cli("comments", "list", "--db", url, "--status", "spam")
    line = next(line for line in listed.output.splitlines() if line.startswith(caught))
    assert "filter 0.9" in line or "filter 1.00" in line, "piped list shows the score and reason"


def test_evaluate_says_what_is_missing(tmp_path, cli):
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    CommentStore.open(url).close()
    result = cli("spam", "evaluate", "--db", url)
    assert result.exit_code == 2 and "needs at least 5 approved and 5 spam" in result.output
    assert "nothing yet" in result.output
    assert cli("spam", "explain", "abc", "--db", url).exit_code == 2
