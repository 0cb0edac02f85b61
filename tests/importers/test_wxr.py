"""Reading WordPress exports (essaykit.importers.wxr): mapping, comments and bad files."""

from __future__ import annotations

import pytest

from .builders import WXR_FIXTURE, wxr_comment, wxr_document, wxr_item, write_wxr

from essaykit.importers.model import Failed, ImportedPost, Skipped
from essaykit.importers.wxr import read_wxr


def outcomes(path):
    return list(read_wxr(path))


def posts(path) -> dict[str, ImportedPost]:
    return {o.slug: o for o in outcomes(path) if isinstance(o, ImportedPost)}


# --- the fixture ------------------------------------------------------------------------------


def test_published_posts_and_pages_become_essays_and_drafts_are_skipped():
    found = outcomes(WXR_FIXTURE)
    assert [o.slug for o in found if isinstance(o, ImportedPost)] == ["the-ferrymans-ledger", "salt-and-wire", "about"]
    [skipped] = [o for o in found if isinstance(o, Skipped)]
    assert "Half-finished thoughts" in skipped.where and "draft" in skipped.reason
    assert not any(isinstance(o, Failed) for o in found)
    assert "ferry-poster" not in {getattr(o, "slug", "") for o in found}, "attachments are not essays"


def test_metadata_is_mapped():
    post = posts(WXR_FIXTURE)["the-ferrymans-ledger"]
    assert post.title == "The Ferryman's Ledger"
    assert post.author == "Tova Brandt", "dc:creator is a login; the export's wp:author gives the display name"
    assert post.date == "2026-10-02T18:30:00Z", "wp:post_date_gmt, as UTC"
    assert post.url == "https://reelnotes.example.org/2026/10/02/the-ferrymans-ledger/"
    assert post.tags == ["Reviews", "slow cinema", "rivers"]
    assert post.summary == "A patient winter river film about a boatman and his book of fares."
    assert post.source == {"kind": "wxr", "file": "blog.wxr.xml", "id": "101", "site": "https://reelnotes.example.org"}


def test_uncategorized_is_not_a_tag():
    assert posts(WXR_FIXTURE)["salt-and-wire"].tags == ["shorts"]


def test_content_becomes_cells_and_the_spoiler_announcement_splits_it():
    post = posts(WXR_FIXTURE)["the-ferrymans-ledger"]
    assert post.blocks[1] == "## What works"
    assert post.blocks[-1].startswith("[Image: A small ferry"), "the poster comes just before the announcement"
    assert post.spoiler_label == "Spoilers ahead."
    assert post.spoiler_blocks == ["In the last reel the ledger burns, and the ferryman keeps rowing anyway.",
                                   "The final shot holds on the empty far bank for a full minute."]
    assert not any("ledger burns" in b for b in post.blocks), "nothing after the announcement stays open"


def test_comments_keep_status_kind_threading_and_email():
    post = posts(WXR_FIXTURE)["the-ferrymans-ledger"]
    by_id = {c.local_id: c for c in post.comments}
    assert {k: by_id[k].status for k in ("501", "504", "505", "508")} == {
        "501": "approved", "504": "spam", "505": "deleted", "508": "pending"}
    assert (by_id["502"].parent, by_id["503"].parent) == ("501", "502"), "three deep"
    assert by_id["506"].kind == by_id["507"].kind == "pingback"
    assert by_id["507"].source_url == "https://riverpictures.example.com/weekly/41", "a trackback keeps its URL"
    assert by_id["501"].email == "ines@halloran.example.org"
    assert by_id["501"].body.startswith("Saw it on your recommendation. The *ice* sound design")


def test_wxr_1_1_reads_the_same(tmp_path):
    path = write_wxr(tmp_path / "old.xml", wxr_item(5, title="Older export", comments=(wxr_comment(9),)), version="1.1")
    [post] = outcomes(path)
    assert post.title == "Older export" and len(post.comments) == 1


# --- bad input --------------------------------------------------------------------------------


def test_truncated_xml_keeps_the_posts_before_the_cut(tmp_path):
    whole = wxr_document(wxr_item(1, title="Complete one"), wxr_item(2, title="Cut short", content="<p>" + "x" * 500 + "</p>"))
    path = tmp_path / "cut.xml"
    path.write_text(whole[: whole.index("Cut short") + 200], encoding="utf-8")
    first, failure = outcomes(path)
    assert first.title == "Complete one"
    assert isinstance(failure, Failed) and "cut.xml" in failure.where
    assert "truncated" in failure.message and "1 item" in failure.message


def test_html_entities_outside_cdata_are_read_and_kept_literal_inside(tmp_path):
    # Older exports write titles without CDATA and with HTML's entities, which XML does not define.
    item = wxr_item(1, title="x", content="<p>Tom &amp; Jerry &nbsp;stay as written here.</p>")
    item = item.replace("<title><![CDATA[x]]></title>", "<title>Caf&eacute;&nbsp;notes &hellip; &amp; more</title>")
    [post] = outcomes(write_wxr(tmp_path / "old.xml", item, wxr_item(2, title="Second")))[:1]
    assert post.title == "Caf\u00e9 notes \u2026 & more", post.title  # a title's no-break space reads as a space
    assert any("&nbsp;stay" in block or "\u00a0stay" in block for block in post.blocks), post.blocks
    assert len(posts(tmp_path / "old.xml")) == 2


def test_an_entity_html_does_not_know_names_its_line(tmp_path):
    item = wxr_item(2, title="x").replace("<title><![CDATA[x]]></title>", "<title>Odd &zorblat; title</title>")
    failure = outcomes(write_wxr(tmp_path / "odd.xml", wxr_item(1, title="Fine"), item))[-1]
    assert isinstance(failure, Failed) and "undefined entity" in failure.message and "1 item" in failure.message


def test_entities_split_across_reads_are_read_whole():
    import io

    from essaykit.importers.xml_stream import HtmlEntities

    src = b"<a>caf&eacute;&nbsp;x &amp; <![CDATA[keep &nbsp; ]]&hellip;]]> then &hellip;&zorblat;</a>"
    for size in (1, 3, 7, 41, 4096):
        stream, parts = HtmlEntities(io.BytesIO(src)), []
        while chunk := stream.read(size):
            parts.append(chunk)
        assert b"".join(parts) == (b"<a>caf&#233;&#160;x &amp; <![CDATA[keep &nbsp; ]]&hellip;]]> then "
                                   b"&#8230;&zorblat;</a>"), size


def test_declared_utf16_but_utf8_bytes_is_refused_clearly(tmp_path):
    path = tmp_path / "liar.xml"
    path.write_bytes(wxr_document(wxr_item(1), declaration='<?xml version="1.0" encoding="UTF-16"?>').encode("utf-8"))
    [failure] = outcomes(path)
    assert isinstance(failure, Failed) and "encoding" in failure.message


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_byte_order_mark_is_read_whatever_its_first_line_says(tmp_path, codec):
    # An export saved again by an editor as "Unicode" keeps encoding="UTF-8" in its first line.
    text = wxr_document(wxr_item(1, title="Fine"), wxr_item(2, title="Café crème — 夏",
                                                           comments=(wxr_comment(7, content="Très bien"),)))
    path = tmp_path / "unicode.xml"
    path.write_bytes("\ufeff".encode(codec) + text.encode(codec))
    posts = outcomes(path)
    assert [post.title for post in posts] == ["Fine", "Café crème — 夏"]
    assert "Très bien" in posts[1].comments[0].body


def test_utf16_is_read_the_same_in_reads_of_any_size():
    import io

    from essaykit.importers.xml_stream import FromUtf16

    text = "<?xml version='1.0' encoding='utf-8'?>\n<a>Café 夏 😀</a>"
    want = text.replace("'utf-8'", '"UTF-8"').encode()
    for size in (1, 2, 3, 5, 64):
        stream, parts = FromUtf16(io.BytesIO("\ufeff".encode("utf-16-be") + text.encode("utf-16-be"))), []
        while chunk := stream.read(size):
            parts.append(chunk)
        assert b"".join(parts) == want, size
    plain = FromUtf16(io.BytesIO(text.encode()))
    assert plain.read(4) + plain.read() == text.encode()  # UTF-8 passes as it is


def test_utf16_export_cut_short_says_truncated(tmp_path):
    data = "\ufeff".encode("utf-16-le") + wxr_document(wxr_item(1), wxr_item(2)).encode("utf-16-le")
    path = tmp_path / "cut.xml"
    path.write_bytes(data[: len(data) * 2 // 3 | 1])  # an odd byte count: cut in the middle of a character
    failure = outcomes(path)[-1]
    assert isinstance(failure, Failed) and "truncated" in failure.message


def test_latin1_bytes_declared_utf8_name_the_byte_and_the_fix(tmp_path):
    text = wxr_document(wxr_item(1, title="Fine"), wxr_item(2, title="Café crème"))
    path = tmp_path / "latin.xml"
    path.write_bytes(text.encode("latin-1"))
    found = outcomes(path)
    failure = found[-1]
    assert isinstance(failure, Failed)
    assert "not UTF-8" in failure.message and "iconv" in failure.message
    assert f"byte {text.encode('latin-1').index(b'Caf') + 3:,}" in failure.message


def test_unknown_encoding_is_refused_clearly(tmp_path):
    path = write_wxr(tmp_path / "odd.xml", wxr_item(1), declaration='<?xml version="1.0" encoding="klingon-8"?>')
    [failure] = outcomes(path)
    assert isinstance(failure, Failed) and "encoding" in failure.message


ENTITY_BOMB = ('<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
               '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>\n')
EXTERNAL = '<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'


@pytest.mark.parametrize("doctype, use", [(ENTITY_BOMB, "&d;"), (EXTERNAL, "&secret;")])
def test_entity_declarations_are_refused(tmp_path, doctype, use):
    path = write_wxr(tmp_path / "bomb.xml", wxr_item(1, title="T"), doctype=doctype)
    path.write_text(path.read_text().replace("<title>Test blog</title>", f"<title>{use}</title>"))
    found = outcomes(path)
    assert len(found) == 1 and isinstance(found[0], Failed)
    assert "entities" in found[0].message
    assert not any("root:" in str(o) for o in found), "a local file must never be read into the import"


def test_post_with_no_title_gets_a_slug_from_its_date(tmp_path):
    [post] = outcomes(write_wxr(tmp_path / "b.xml", wxr_item(3, title="", name="", date_gmt="2026-05-04 10:00:00")))
    assert post.slug == "post-2026-05-04" and post.title == "Untitled (2026-05-04)"
    assert any("no title" in n for n in post.notes)


def test_post_with_no_title_and_no_date_still_gets_a_slug(tmp_path):
    [post] = outcomes(write_wxr(tmp_path / "b.xml", wxr_item(33, title="", name="", date_gmt="")))
    assert post.slug == "post-33" and post.title.startswith("Untitled")


@pytest.mark.parametrize("bad", ["yesterday-ish", "2026-13-45 99:00:00", "31/31/2026"])
def test_unparseable_post_date_is_reported_and_left_empty(tmp_path, bad):
    [post] = outcomes(write_wxr(tmp_path / "b.xml", wxr_item(1, date_gmt=bad)))
    assert post.date == ""
    assert any(bad in n and "cannot be parsed" in n for n in post.notes)


def test_missing_gmt_date_falls_back_to_pub_date(tmp_path):
    [post] = outcomes(write_wxr(tmp_path / "b.xml", wxr_item(1, date_gmt="0000-00-00 00:00:00",
                                                             pub_date="Tue, 11 Mar 2025 12:00:00 +0100")))
    assert post.date == "2025-03-11T11:00:00Z"


def test_unparseable_comment_date_is_reported(tmp_path):
    [post] = outcomes(write_wxr(tmp_path / "b.xml", wxr_item(1, comments=(wxr_comment(4, date_gmt="soon"),))))
    [comment] = post.comments
    assert comment.created is None and any("soon" in n for n in post.notes)


def test_percent_encoded_and_non_latin_slugs(tmp_path):
    found = outcomes(write_wxr(tmp_path / "b.xml",
                               wxr_item(1, title="Caf\u00e9 notes", name="caf%c3%a9-notes"),
                               wxr_item(2, title="\u65e5\u672c\u306e\u6620\u753b", name="%e6%97%a5%e6%9c%ac",
                                        date_gmt="2026-01-02 03:04:05")))
    # Non-Latin slugs are transliterated (python-slugify), not dropped for a dated fallback.
    assert [p.slug for p in found] == ["cafe-notes", "ri-ben"]


def test_unknown_comment_status_is_kept_as_pending_with_a_note(tmp_path):
    [post] = outcomes(write_wxr(tmp_path / "b.xml", wxr_item(1, comments=(wxr_comment(4, approved="maybe"),))))
    assert post.comments[0].status == "pending" and any("maybe" in n for n in post.notes)


def test_empty_comment_is_skipped_with_a_note(tmp_path):
    [post] = outcomes(write_wxr(tmp_path / "b.xml", wxr_item(1, comments=(wxr_comment(4, content="  "),))))
    assert post.comments == [] and any("empty" in n for n in post.notes)


def test_absurdly_nested_post_fails_alone_and_nested_comment_keeps_its_words(tmp_path):
    deep = "<blockquote>" * 3000 + "deep"
    found = outcomes(write_wxr(tmp_path / "b.xml", wxr_item(1, title="Nested", content=deep),
                               wxr_item(2, title="Fine", comments=(wxr_comment(5, content="<em>" * 3000 + "still here"),))))
    failure, fine = found
    assert isinstance(failure, Failed) and "'Nested'" in failure.where and "nested too deeply" in failure.message
    # what to do is the export's (the post's HTML came from it), not a saved page's
    assert "export again" in failure.message and "save the post's page" not in failure.message
    assert fine.title == "Fine" and fine.comments[0].body == "still here"


def test_a_posts_comment_elements_are_let_go_once_read(tmp_path):
    # While the post is being written and its comments stored, the reader holds none of the comments' parsed
    # elements (ten a comment), only the item's own fields: the live count does not grow with the thread.
    import gc
    import xml.etree.ElementTree as ET

    many = tuple(wxr_comment(i, content=f"Comment number {i} on the ferry.") for i in range(1, 301))
    stream = read_wxr(write_wxr(tmp_path / "long.xml", wxr_item(1, comments=many)))
    post = next(stream)
    gc.collect()
    live = sum(isinstance(o, ET.Element) for o in gc.get_objects())
    assert len(post.comments) == 300
    assert live < 60, f"{live} parsed elements held with the post"
    stream.close()
