"""A pingback a text copy shows without an address is kept as an *unlinked* mention: its title and
site as the copy gives them, no URL made up, shown in the mentions list without a link."""

from __future__ import annotations

from essaykit.comments.render import thread_html
from essaykit.comments.store import CommentStore

from .builders import FIXTURES


def test_a_text_copys_pingback_without_url_is_stored_and_shown_unlinked(cli, tmp_path):
    db = f"sqlite:///{tmp_path / 'c.sqlite'}"
    result = cli("import", FIXTURES / "text" / "01-wordpress-indented.txt", "-o", tmp_path / "out", "--db", db)
    assert result.exit_code == 0, result.output
    assert "kept as an unlinked mention" in result.output, "the report says the mention has no address"
    with CommentStore.open(db) as store:
        [mention] = store.mentions("harbour-lights-reconsidered")
        comments = [c for c in store.list("harbour-lights-reconsidered") if c.kind == "comment"]
        backup = mention.record()
    assert (mention.kind, mention.source_url) == ("pingback", ""), "no URL is invented for it"
    assert (mention.title, mention.site) == ("Ten quiet films for winter", "Still Frames")
    assert backup["site"] == "Still Frames" and backup["source_url"] == "", "a backup keeps it as it is"
    assert all("Ten quiet films" not in c.body for c in comments), "a mention is never a comment"
    html = thread_html(comments, total=len(comments), mentions=[mention])
    item = html[html.index('class="ek-mention"'):]
    item = item[:item.index("</li>")]
    assert "Ten quiet films for winter" in item and "Still Frames" in item
    assert "<a " not in item, "an unlinked mention links nowhere"


def test_an_unlinked_mention_round_trips_through_a_backup(tmp_path):
    db = f"sqlite:///{tmp_path / 'c.sqlite'}"
    record = {"id": "p1", "essay": "salt-road", "author": "", "body": "Ten quiet films", "kind": "pingback",
              "status": "approved", "created": "2026-01-02T03:04:05Z", "title": "Ten quiet films",
              "site": "Still Frames"}
    with CommentStore.open(db) as store:
        assert store.import_records([record], source="test").added == 1
        [mention] = store.mentions("salt-road")
    assert mention.record()["site"] == "Still Frames" and mention.source_url == ""
