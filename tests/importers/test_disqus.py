"""Disqus XML exports: threads matched to essays by link or slug, deleted, spam and nested posts, re-import."""

from __future__ import annotations

from essaykit.comments.store import CommentStore
from essaykit.importers.disqus import read_disqus
from essaykit.importers.model import CommentsFor, Failed

from .builders import FIXTURES, HTML_FIXTURE, WXR_FIXTURE

DISQUS = FIXTURES / "disqus" / "reelnotes-disqus.xml"


def test_threads_with_posts_become_comment_sets():
    found = list(read_disqus(DISQUS))
    assert all(isinstance(f, CommentsFor) for f in found)
    orchard, salt, never = found
    assert orchard.slugs[0] == "the-orchard-at-night" and salt.link.startswith("http://www.reelnotes.example.org/")
    statuses = {c.local_id: (c.status, c.parent) for c in orchard.comments}
    assert statuses == {"81001": ("approved", None), "81002": ("approved", "81001"), "81003": ("deleted", "81002"),
                        "81004": ("approved", "81003"), "81005": ("spam", None)}
    assert [c.created.isoformat() for c in orchard.comments][0] == "2026-11-04T10:15:00+00:00"


def test_hostile_disqus_files_fail_by_name(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><disqus xmlns="http://disqus.com">&a;</disqus>')
    [failure] = read_disqus(bomb)
    assert isinstance(failure, Failed) and failure.where == "bomb.xml" and "refused" in failure.message
    cut = tmp_path / "cut.xml"
    cut.write_text(DISQUS.read_text()[:1500])
    [failure] = read_disqus(cut)
    assert isinstance(failure, Failed) and "truncated" in failure.message
    deep = tmp_path / "deep.xml"
    deep.write_text('<disqus xmlns="http://disqus.com">' + "<a>" * 5000 + "</a>" * 5000 + "</disqus>")
    [failure] = read_disqus(deep)
    assert isinstance(failure, Failed) and "nested" in failure.message


def test_disqus_import_matches_essays_and_is_idempotent(cli, tmp_path):
    out, db = tmp_path / "nb", f"sqlite:///{tmp_path / 'c.sqlite'}"
    assert cli("import", WXR_FIXTURE, HTML_FIXTURE, "-o", out, "--db", db).exit_code == 0
    first = cli("import", DISQUS, "-o", out, "--db", db)
    assert first.exit_code == 0, first.output
    assert "the-orchard-at-night: 5 comments, 0 mentions (existing essay; 5 comments added)" in first.stdout
    assert "salt-and-wire: 1 comment" in first.stdout, "matched by its link, whatever the scheme, www. or query"
    assert "skipped reelnotes-disqus.xml: thread 'A post never imported'" in first.stderr
    again = cli("import", DISQUS, "-o", out, "--db", db)
    assert "0 comments added, 5 already stored" in again.stdout
    store = CommentStore.open(db)
    try:
        stored = {c.id.rsplit("-", 1)[-1]: c for c in store.list("the-orchard-at-night") if c.id.startswith("disqus-")}
    finally:
        store.close()
    assert stored["81005"].status == "spam" and stored["81003"].status == "deleted"
    assert stored["81004"].parent.endswith("81003"), "a reply to a deleted post keeps its place"
