"""Hostile and malformed files given to `essaykit import`: one clear line naming the file, never a traceback."""

from __future__ import annotations

import pytest

from .builders import FIXTURES

DEEP_HTML = "<html><body><article><p>Text.</p>" + "<div>" * 400 + "x" + "</div>" * 400 + "</article></body></html>"
DEEP_COMMENTS = ('<html><body><article><p>Text.</p></article><ol class="comment-list">'
                 + '<li class="comment"><ol>' * 300 + "</ol></li>" * 300 + "</ol></body></html>")
CASES = {
    "image.txt": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG image"),
    "nul.txt": (b"A title\n\x00\x00\x00 and binary", "binary data"),
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"\n \n\t\n", "empty"),
    "only-form.txt": (b"Leave a Reply\nFill in your details below or click an icon to log in:\nConnecting to %s\n", "nothing to import"),
    "deep.html": (DEEP_HTML.encode(), "nested too deeply"),
    "deep-comments.html": (DEEP_COMMENTS.encode(), "nested too deeply"),
    "bomb-disqus.xml": (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                        b'<disqus xmlns="http://disqus.com">&b;</disqus>', "refused"),
    "cut-disqus.xml": ((FIXTURES / "disqus" / "reelnotes-disqus.xml").read_bytes()[:2000], "truncated"),
    "rest-api.json": (b'[{"id": 5, "title": {"rendered": "Hi"}, "content": {"rendered": "<p>x</p>"}}]',
                      "not a Ghost export"),
    "deep.json": (b'{"db": ' + b"[" * 5000 + b"]" * 5000 + b"}", "not a Ghost export"),
    "nul-export.xml": ((FIXTURES / "blog.wxr.xml").read_bytes().replace(b"<item>", b"<item>\x00", 1), "NUL bytes"),
    "deep-disqus.xml": (b'<?xml version="1.0"?><disqus xmlns="http://disqus.com">' + b"<a>" * 3000 + b"</a>" * 3000
                        + b"</disqus>", "nested more than 64"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_gives_one_line_naming_it(cli, tmp_path, name):
    content, words = CASES[name]
    path = tmp_path / name
    path.write_bytes(content)
    result = cli("import", path, "-o", tmp_path / "out", "--db", f"sqlite:///{tmp_path / 'c.sqlite'}")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and name in errors[0] and words in errors[0], result.stderr
    assert not list((tmp_path / "out").glob("*.ipynb")), "nothing is written for a refused file"


def test_a_bad_file_does_not_stop_the_good_ones(cli, tmp_path):
    bad = tmp_path / "deep.html"
    bad.write_text(DEEP_HTML)
    good = FIXTURES / "text" / "02-emoji-signatures.txt"
    result = cli("import", bad, good, "-o", tmp_path / "out", "--db", f"sqlite:///{tmp_path / 'c.sqlite'}")
    assert result.exit_code == 1 and "the-paper-boat: 4 comments, 1 mention" in result.stdout


def test_text_that_is_not_utf8_or_valid_utf16_is_read_with_a_note(cli, tmp_path):
    odd = tmp_path / "odd.txt"
    odd.write_bytes(b"\xff\xfe" + "A title of words\n\nText.\n".encode("utf-16-le") + b"\x00\xd8")
    result = cli("import", odd, "--dry-run", "-o", tmp_path / "out")
    assert result.exit_code == 0 and "not valid UTF-16" in result.stderr


PAGE = ('<html><head><meta charset="{charset}"><title>Der Kirschgarten</title></head><body><article>'
        '<h1>Der Kirschgarten</h1><p>Wir pflückten die Kirschen früh am Morgen, bevor die Amseln kamen.</p>'
        '<p>Am Abend kochte Tante Ilse Marmelade für den ganzen Winter.</p></article></body></html>')
COPY = ("旅の記録\n\n朝早く出発して、川の上にまだ霧がかかっているうちに山道を歩き始めました。\n\n"
        "夕方には小さな村に着き、温かいお茶と静かな夜を楽しみました。\n")


@pytest.mark.parametrize("name, content", [
    # A byte-order mark decides over a <meta charset> that names another encoding, as in a browser.
    ("bom-lies.html", "\ufeff".encode("utf-16-le") + PAGE.format(charset="utf-8").encode("utf-16-le")),
    ("bom-be.html", PAGE.format(charset="windows-1252").encode("utf-16")),
    ("bom-utf8-lies.html", b"\xef\xbb\xbf" + PAGE.format(charset="shift_jis").encode("utf-8")),
    # UTF-16 saved without a byte-order mark: NULs beside every ASCII byte, not a binary file.
    ("no-bom-le.html", PAGE.format(charset="utf-16").encode("utf-16-le")),
    ("no-bom-be.html", PAGE.format(charset="utf-16").encode("utf-16-be")),
    # A damaged download: one stray NUL in a page of text is dropped, the page is read.
    ("stray-nul.html", PAGE.format(charset="utf-8").encode().replace(b"Amseln", b"Am\x00seln") + b" " * 2000),
])
def test_a_page_in_utf16_or_with_a_stray_nul_is_read(cli, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    result = cli("import", path, "--dry-run", "-o", tmp_path / "out")
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    assert "der-kirschgarten: 0 comments" in result.stdout, result.output


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_copy_in_utf16_without_byte_order_mark_is_read_with_a_note(cli, tmp_path, encoding):
    path = tmp_path / "copy.txt"
    path.write_bytes(COPY.encode(encoding))
    # --force: a lone line over the text is a doubtful title, held back without it
    result = cli("import", path, "--dry-run", "--force", "--explain", "-o", tmp_path / "out")
    assert result.exit_code == 0 and "温かいお茶" in result.stdout, result.output
    assert f"read the file as {encoding.upper()}" in result.stderr, result.stderr


def test_a_copy_with_a_stray_nul_is_read_and_the_note_says_so(cli, tmp_path):
    path = tmp_path / "copy.txt"
    path.write_bytes(COPY.encode().replace("静かな".encode(), "静か\x00な".encode()) * 3 + b"\n" * 4000)
    result = cli("import", path, "--dry-run", "--force", "--explain", "-o", tmp_path / "out")
    assert result.exit_code == 0 and "静かな夜" in result.stdout, result.output
    assert "3 NUL bytes dropped" in result.stderr, result.stderr


@pytest.mark.parametrize("encoding, note", [("cp1252", "Windows-1252"), ("utf-8", ""), ("cp1251", "cp1251")])
def test_a_copy_in_a_code_page_or_with_replacement_marks_is_text_not_binary(cli, tmp_path, encoding, note):
    # In Windows-1252 each umlaut is a byte UTF-8 cannot read; a copy of a page shown in the wrong charset holds "�".
    lines = "".join(f"Zeile {n}: Grüße aus Köln, schöne Äpfel und große Öfen für Müller.\n" for n in range(40))
    text = "Über die Äpfel\n\nVon Jörg Mähler\n\n" + lines
    if encoding == "utf-8":
        text = text.replace("ü", "\ufffd").replace("ö", "\ufffd")
    if encoding == "cp1251":  # every letter a byte UTF-8 cannot read
        text = "Заметки о дороге\n\nАвтор Иван Петров\n\n" + "".join(
            f"Zeile {n}: мы вышли рано утром, когда туман ещё лежал над рекой.\n" for n in range(40))
    path = tmp_path / "copy.txt"
    path.write_bytes(text.encode(encoding))
    result = cli("import", path, "--dry-run", "--force", "--explain", "-o", tmp_path / "out")
    assert result.exit_code == 0 and "binary" not in result.stderr, result.output
    assert "Zeile 39" in result.stdout and note in result.stderr, result.output


def test_a_long_gap_in_a_line_of_a_copy_is_cut_and_its_words_kept(tmp_path):
    # Runs of spaces far longer than any real copy's: each rule that looks at a gap in a line would cost its square.
    from essaykit.importers.charsets import MAX_GAP, short_gaps
    from essaykit.importers.text import read_text_copy

    assert short_gaps("a" + " " * MAX_GAP + "b\n" + "\t" * (MAX_GAP + 1) + "c") == "a" + " " * MAX_GAP + "b\n" + "\t" * MAX_GAP + "c"
    path = tmp_path / "copy.txt"
    path.write_text("Notes from the orchard\n\nWe walked through the orchard at dawn, counting the ladders left by the "
                    "pickers.\n\nLedger" + " " * 5000 + "winter\n\nThe ferry was late again, and the lanterns on the quay "
                    "swung in the wind all evening.\n\nWren" + " " * 50_000 + "says:\n\nA fine piece.\n")
    [post] = read_text_copy(path)
    assert "Ledger winter" in "\n".join(post.blocks)
    assert [(c.author, c.body) for c in post.comments] == [("Wren", "A fine piece.")]


def test_letter_words_are_looked_for_at_a_words_start_only():
    # From inside a long run of digits the old pattern looked for a letter once from every position (its square).
    from essaykit.importers.text_labels import LETTER_WORD

    assert LETTER_WORD.findall("Di, 10:19 Uhr 2024 x1 _9 ab_3") == ["Di", "Uhr", "x1", "ab_3"]
    assert LETTER_WORD.match("123abc", 1) is None and LETTER_WORD.match("123abc").group() == "123abc"


def test_a_long_gap_in_a_saved_page_is_cut_before_markdown_except_in_pre():
    # markdownify looks for a line break from every position of a run of spaces (its square in time); cut to 100,
    # the run gives the same Markdown (one space), and a <pre> keeps its own.
    from essaykit.importers.htmlmd import _safe_soup, post_blocks

    gap = " " * 20_000
    soup = _safe_soup(f"<p>Ledger{gap}winter</p><pre>a{gap}b</pre>", "essay")
    assert soup.p.get_text() == "Ledger" + " " * 100 + "winter" and soup.pre.get_text() == f"a{gap}b"
    assert post_blocks(f"<p>Ledger{gap}winter and\t{gap}\n  ferry</p>") == post_blocks("<p>Ledger winter and\nferry</p>")


def test_the_blog_archive_part_of_a_title_is_looked_for_from_a_gaps_start_only():
    from essaykit.importers.titles import _BLOG_ARCHIVE

    title = "Reel Notes   »  Blog Archive » The harbour"
    assert _BLOG_ARCHIVE.sub(" » ", title) == "Reel Notes » The harbour"
    assert _BLOG_ARCHIVE.match(title, len("Reel Notes ")) is None  # from inside the gap: not tried again
