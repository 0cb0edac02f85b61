"""Ghost JSON exports: posts and pages, authors and tags, html-less posts drawn from Lexical and Mobiledoc, bad files."""

from __future__ import annotations

import json

import pytest

from essaykit.importers.detect import detect_format
from essaykit.importers.ghost import read_ghost
from essaykit.importers.model import Failed, ImportedPost, Skipped

from essaykit.markdown import render_markdown

from .builders import FIXTURES, assert_notebooks_pass_check, dangerous

GHOST = FIXTURES / "ghost" / "phares-fr.ghost.json"


def _found():
    return list(read_ghost(GHOST))


def _posts():
    return {o.slug: o for o in _found() if isinstance(o, ImportedPost)}


def test_published_posts_and_pages_with_authors_tags_and_summary():
    posts = _posts()
    assert sorted(posts) == ["a-propos", "le-phare-qui-parlait", "marees-et-cinema", "tide-tables-as-scripts"]
    phare = posts["le-phare-qui-parlait"]
    assert phare.title == "Le phare qui parlait" and phare.date == "2026-05-03T09:30:00Z"
    assert phare.author == "Gwenaëlle Le Bihan" and phare.summary == "Un phare, une sœur, une corne de brume."
    assert phare.tags == ["Phares", "Cinéma"], "in posts_tags' sort_order; the internal #import tag is left out"
    assert phare.source == {"kind": "ghost", "file": "phares-fr.ghost.json",
                            "id": "8f0e3c2a-5b1d-4c6e-9a7b-2d3f4e5a6b70", "site": "ghost"}
    assert phare.comments == [] and any("comments are not in its export" in f for f in phare.found)
    marees = posts["marees-et-cinema"]
    assert marees.author == "Gwenaëlle Le Bihan, Yann Kerouac", "posts_authors in their sort_order"
    assert marees.url == "https://phares.example.fr/marees-et-cinema/"
    assert any("members only" in n for n in marees.notes), "a members-only post says it becomes public"


def test_drafts_and_email_only_posts_are_skipped_with_why():
    skipped = {o.where.split("'")[1]: o.reason for o in _found() if isinstance(o, Skipped)}
    assert "draft post, not published" in skipped["Brouillon : les sirènes"]
    assert "sent by email only" in skipped["Newsletter de juin"]


def test_a_lexical_only_post_is_drawn_with_its_spoiler_and_no_unknown_card():
    phare = _posts()["le-phare-qui-parlait"]
    text = "\n\n".join(phare.blocks)
    assert "*Kerbrat*" in text and "[Les phares](https://fr.wikipedia.org/wiki/Phare)" in text
    assert "## Ce qu'on entend la nuit" in text and "- **la corne de brume**" in text
    assert "[Image: Le phare de Kerbrat](/content/images/2026/05/kerbrat.jpg)" in text, "__GHOST_URL__ made relative"
    assert "Abonnez-vous" not in text and any("'signup' card" in n for n in phare.notes)
    assert phare.spoiler_label == "Attention, spoilers !" and phare.spoiler_blocks == ["Le gardien, c'était sa sœur."]


def test_a_mobiledoc_only_post_keeps_its_markups_markdown_card_and_list():
    blocks = _posts()["tide-tables-as-scripts"].blocks
    assert blocks[0] == "Tide tables are the oldest **film scripts** we have. See [the tide](https://example.org/tide)."
    assert "A *Markdown* card with a [link](https://example.org/md)." in blocks
    assert "1. first\n2. second" in blocks


def test_detected_by_content_not_by_name(tmp_path):
    renamed = tmp_path / "export.txt"
    renamed.write_bytes(GHOST.read_bytes())
    assert detect_format(renamed) == "ghost"
    bare = tmp_path / "bare.json"
    bare.write_text('{"meta": {"exported_on": 1, "version": "0.11"}, "data": {"posts": []}}')
    assert detect_format(bare) == "ghost"


def _export(tmp_path, posts, name="g.json") -> list:
    path = tmp_path / name
    path.write_text(json.dumps({"db": [{"meta": {"exported_on": 1}, "data": {"posts": posts}}]}), encoding="utf-8")
    return list(read_ghost(path))


def test_hostile_html_and_documents_are_sanitised(tmp_path):
    lexical = {"root": {"type": "root", "children": [{"type": "html", "html": '<p onclick="x()">ok</p><script>alert(1)</script>'},
                                                     {"type": "paragraph", "children": [{"type": "link", "url": "javascript:alert(1)",
                                                      "children": [{"type": "text", "text": "<b>click</b>"}]}]}]}}
    [post] = _export(tmp_path, [{"id": "1", "title": "<i>T</i>", "status": "published", "lexical": json.dumps(lexical)}])
    markup = "\n".join(post.blocks)
    assert "alert" not in markup and "javascript" not in markup and post.title == "T"
    assert "\\<b\\>click\\</b\\>" in markup or "&lt;b&gt;" in markup, "text that looks like HTML stays text"
    assert dangerous(render_markdown(markup)) == []


@pytest.mark.parametrize("content, words", [
    ('{"db": [{"meta": {"exported_on": 1}, "data": {"posts": [', "not valid JSON at line 1"),
    ('{"db": [{"meta": {"exported_on": 1}, "data": {}}]}', 'no "db" → "data" → "posts"'),
    ('{"db": [{"meta": {"exported_on": 1}, "data": {"posts": [' + "[" * 100000 + "]" * 100000 + "]}}]}", "nested too deeply"),
])
def test_broken_exports_fail_by_name_with_what_to_do(tmp_path, content, words):
    path = tmp_path / "broken.json"
    path.write_text(content, encoding="utf-8")
    [failure] = read_ghost(path)
    assert isinstance(failure, Failed) and failure.where == "broken.json" and words in failure.message


def test_a_file_over_the_size_cap_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    from essaykit.importers import ghost

    monkeypatch.setattr(ghost, "MAX_GHOST_BYTES", 1024)
    big = tmp_path / "big.json"
    big.write_text('{"db": [{"meta": {"exported_on": 1}, "data": {"posts": [' + "1," * 2000 + "1]}}]}")
    [failure] = read_ghost(big)
    assert isinstance(failure, Failed) and failure.where == "big.json" and "is not read (it is parsed whole)" in failure.message


def test_missing_fields_and_wrong_types_do_not_stop_the_rest(tmp_path):
    found = _export(tmp_path, [
        "not a post", {"status": "published"}, {"id": "2", "title": "Deep", "status": "published",
                                                "lexical": json.dumps({"root": {"type": "root", "children": [{"type": "list", "children": []}] }}).replace(
                                                    '"children": []', '"children": [' + '{"type": "list", "children": [' * 80 + "]}" * 80 + "]")},
        {"id": "3", "title": "Only words", "status": "published", "html": None, "lexical": "{not json"},
        {"id": "4", "title": "Fine", "status": "published", "html": "<p>Fine.</p>", "published_at": 12},
    ])
    by_title = {getattr(o, "title", "") or o.where: o for o in found}
    assert isinstance(by_title["Fine"], ImportedPost) and by_title["Fine"].date == ""
    untitled = [o for o in found if isinstance(o, ImportedPost) and o.title.startswith("Untitled")]
    assert len(untitled) == 1 and untitled[0].blocks == []
    failures = {o.where.split("'")[1]: o.message for o in found if isinstance(o, Failed)}
    assert "nested more than 64 levels" in failures["Deep"] and "not valid JSON" in failures["Only words"]


def test_cli_imports_a_ghost_export_and_again_keeps_the_notebooks(cli, tmp_path):
    out, db = tmp_path / "nb", f"sqlite:///{tmp_path / 'c.sqlite'}"
    first = cli("import", GHOST, "-o", out, "--db", db)
    assert first.exit_code == 0, first.output
    assert "le-phare-qui-parlait: 0 comments, 0 mentions (new notebook)" in first.stdout
    assert "imported 4 essays (4 notebooks written, 0 comments added), 2 skipped, 0 failed" in first.stderr
    assert_notebooks_pass_check(out)
    nb = json.loads((out / "le-phare-qui-parlait.ipynb").read_text(encoding="utf-8"))
    assert nb["metadata"]["essay"]["tags"] == ["Phares", "Cinéma"]
    assert nb["cells"][-1]["metadata"]["tags"] == ["comments"], "the essay takes comments from now on"
    renamed = tmp_path / "phares.ghost.2026-12-01.json"
    renamed.write_bytes(GHOST.read_bytes())
    again = cli("import", renamed, "-o", out, "--db", db)
    assert again.exit_code == 0, again.output
    assert "le-phare-qui-parlait: 0 comments, 0 mentions (notebook exists and was kept" in again.stdout, \
        "a newer export under another name finds the essays by the posts' uuids"
    assert len(list(out.glob("*.ipynb"))) == 4
