"""Attack: attach comments to someone else's live essay by importing a post with the same slug.

Two blogs (or two folders) may share one comment database. An import whose
slug already has comments there, but whose output folder has no notebook for
it, would put approved comments (and the emails they make "known") under an
essay that is already live. Without ``--merge`` that import is refused and
nothing is written; with it, the comments go in.
"""

from __future__ import annotations

from importers.builders import wxr_comment, wxr_item, write_wxr

from essaykit.comments.store import CommentStore


def comments_of(url: str, slug: str) -> list:
    store = CommentStore.open(url)
    try:
        return store.list(slug)
    finally:
        store.close()


def blog(path, *, site: str, email: str, body: str):
    """A WordPress export of one post, slug ``the-review``, with one approved comment."""
    return write_wxr(path, wxr_item(1, title="The review", name="the-review", comments=(
        wxr_comment(1, author="Someone", email=email, content=body),)), site=site)


def test_import_into_a_shared_database_refuses_a_slug_that_already_has_comments(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.sqlite'}"
    mine = blog(tmp_path / "mine.xml", site="https://mine.example.org", email="friend@example.org",
                body="A real comment.")
    result = cli("import", str(mine), "-o", str(tmp_path / "mine"), "--db", url)
    assert result.exit_code == 0, result.output
    before = comments_of(url, "the-review")
    assert [c.body for c in before] == ["A real comment."]

    theirs = blog(tmp_path / "theirs.xml", site="https://impostor.example.net", email="friend@example.org",
                  body="Buy cheap pills, says your friend.")
    result = cli("import", str(theirs), "-o", str(tmp_path / "theirs"), "--db", url)
    assert result.exit_code == 1, "the import must fail, not merge silently: " + result.output
    assert "theirs.xml" in result.output and "'the-review'" in result.output, result.output
    assert "already has 1 comment" in result.output and "--merge" in result.output, \
        "the message should say what is there and what to do: " + result.output
    assert not (tmp_path / "theirs" / "the-review.ipynb").exists(), "a refused essay writes no notebook"
    assert [c.body for c in comments_of(url, "the-review")] == ["A real comment."], \
        "no comment may be attached to the live essay"


def test_a_deleted_notebook_is_refused_then_merged_with_merge(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'comments.sqlite'}"
    out = tmp_path / "notebooks"
    export = blog(tmp_path / "blog.xml", site="https://blog.example.org", email="a@example.org", body="First.")
    assert cli("import", str(export), "-o", str(out), "--db", url).exit_code == 0
    (out / "the-review.ipynb").unlink()

    refused = cli("import", str(export), "-o", str(out), "--db", url)
    assert refused.exit_code == 1 and "--merge" in refused.output, refused.output
    assert not (out / "the-review.ipynb").exists()

    merged = cli("import", str(export), "-o", str(out), "--db", url, "--merge")
    assert merged.exit_code == 0, merged.output
    assert (out / "the-review.ipynb").exists(), "--merge writes the notebook again"
    assert [c.body for c in comments_of(url, "the-review")] == ["First."], "and stores no comment twice"
    assert "1 already stored" in merged.output, merged.output


def test_merge_adds_the_new_comments_of_another_export(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'comments.sqlite'}"
    first = blog(tmp_path / "old.xml", site="https://old.example.org", email="a@example.org", body="Old comment.")
    assert cli("import", str(first), "-o", str(tmp_path / "a"), "--db", url).exit_code == 0
    second = blog(tmp_path / "new.xml", site="https://new.example.org", email="b@example.org", body="New comment.")
    result = cli("import", str(second), "-o", str(tmp_path / "b"), "--db", url, "--merge")
    assert result.exit_code == 0, result.output
    assert sorted(c.body for c in comments_of(url, "the-review")) == ["New comment.", "Old comment."]


def test_reimporting_into_the_same_folder_needs_no_merge(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'comments.sqlite'}"
    out = tmp_path / "notebooks"
    export = blog(tmp_path / "blog.xml", site="https://blog.example.org", email="a@example.org", body="Only one.")
    assert cli("import", str(export), "-o", str(out), "--db", url).exit_code == 0
    again = cli("import", str(export), "-o", str(out), "--db", url)
    assert again.exit_code == 0, "the essay's own notebook is there: this is no merge into a stranger's essay"
    assert len(comments_of(url, "the-review")) == 1
