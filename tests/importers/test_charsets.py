"""Saved pages and text copies in any encoding and script: read as a browser or the editor that saved them reads them."""

from essaykit.importers.charsets import decode_text
from essaykit.importers.html_page import read_html_page
from essaykit.importers.model import ImportedPost
from essaykit.importers.text import read_text_copy

RUSSIAN = ("Заметки о дороге\n\nОпубликовано 3 марта 2024\n\n"
           "Мы вышли рано утром, когда туман ещё лежал над рекой, и шли до самого вечера.\n\n"
           "Дорога была длинной, но разговоры о книгах и старых друзьях сделали её короче.\n")
JAPANESE = ("旅の記録\n\n"
            "朝早く出発して、川の上にまだ霧がかかっているうちに山道を歩き始めました。\n\n"
            "夕方には小さな村に着き、温かいお茶と静かな夜を楽しみました。\n")


def _copy(tmp_path, text: str, encoding: str) -> ImportedPost:
    path = tmp_path / "copy.txt"
    path.write_bytes(text.encode(encoding))
    [post] = read_text_copy(path)
    assert isinstance(post, ImportedPost), post
    return post


def test_a_page_labelled_latin_1_shows_windows_1252_quotes_and_euro(tmp_path):
    # Browsers read the ISO-8859-1 label as Windows-1252: bytes 0x93/0x94/0x80 are “ ” and €, not control characters.
    path = tmp_path / "old.html"
    path.write_bytes(b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
                     b'<title>Preise</title></head><body><div class="entry-content"><p>\x93Gr\xfc\xdfe\x94 f\xfcr 5 \x80 '
                     b'\x96 ein Caf\xe9.</p></div></body></html>')
    [post] = read_html_page(path)
    assert post.blocks == ["\u201cGr\u00fc\u00dfe\u201d f\u00fcr 5 \u20ac \u2013 ein Caf\u00e9."], post.blocks


def test_a_page_labelled_latin_1_but_saved_as_utf_8_is_read_as_utf_8(tmp_path):
    # "Save page as" re-encodes to UTF-8 and keeps the page's old label; the bytes decide.
    path = tmp_path / "resaved.html"
    path.write_bytes('<html><head><meta charset="shift_jis"><title>旅の記録</title></head><body><article>'
                     '<p>朝早く出発して、山道を歩き始めました。</p></article></body></html>'.encode("utf-8"))
    [post] = read_html_page(path)
    assert post.title == "旅の記録" and post.blocks == ["朝早く出発して、山道を歩き始めました。"]


def test_a_russian_copy_saved_in_windows_1251_is_read_in_russian(tmp_path):
    post = _copy(tmp_path, RUSSIAN, "cp1251")
    assert post.title == "Заметки о дороге"
    assert any("туман ещё лежал" in block for block in post.blocks), post.blocks
    assert any("cp1251" in note and "UTF-8" in note for note in post.notes), post.notes


def test_a_japanese_copy_saved_in_shift_jis_is_read_in_japanese(tmp_path):
    post = _copy(tmp_path, JAPANESE, "shift_jis")
    assert post.title == "旅の記録"
    assert any("温かいお茶" in block for block in post.blocks), post.blocks


def test_a_western_copy_stays_windows_1252():
    # charset_normalizer would take this Portuguese for Central European (ã read as ă): mostly-ASCII text stays 1252.
    text = "Olá a todos! A ação começa na estação, onde não havia ninguém, e o João disse: ótimo."
    decoded, note = decode_text(text.encode("cp1252"))
    assert decoded == text and "Windows-1252" in note


def test_bytes_that_are_no_text_are_read_with_a_note_not_a_crash():
    noise = bytes(range(128, 256)) * 20
    decoded, note = decode_text(noise)
    assert decoded and "not UTF-8" in note


def test_a_chinese_teaser_is_as_doubtful_as_an_english_one():
    # Without spaces a whole Chinese clause was one "word": a 1,400-character page counted as 60 words, too few to doubt.
    from essaykit.importers.html_extract import doubts, words

    teaser = "阅读全文，请点击这里。"
    story = "".join(f"第{i}天，我们沿着河边的小路慢慢走到山脚下的村子，在那里喝茶、聊天，一直到太阳落山才回家。" for i in range(30))
    found = doubts(title="山路", sitename="", menu=set(), article=words(teaser), page=words(teaser + story))
    assert any("teaser" in doubt for doubt in found), found
    whole = doubts(title="山路", sitename="", menu=set(), article=words(story), page=words(teaser + story))
    assert whole == [], "the whole story is no teaser"


def test_right_to_left_marks_around_a_title_are_not_part_of_it(tmp_path):
    # Hebrew and Arabic pages and copies often wrap a title in U+200F marks: invisible, but another title's spelling.
    page = tmp_path / "rtl.html"
    page.write_text('<html dir="rtl" lang="he"><head><title>\u200fהפנסים בנמל\u200f | הבלוג</title></head><body><article>'
                    "<h1>\u200fהפנסים בנמל\u200f</h1>" + "<p>בערב הדליקו את הפנסים לאורך חומת הנמל, אחד אחרי השני.</p>" * 3
                    + "</article></body></html>", encoding="utf-8")
    [post] = read_html_page(page)
    assert post.title == "הפנסים בנמל"
    copy = _copy(tmp_path, "\u200fالفوانيس في الميناء\u200f\n\nفي المساء أضيئت الفوانيس على طول جدار الميناء، واحدا تلو الآخر.\n",
                 "utf-8")
    assert copy.title == "الفوانيس في الميناء"
    assert copy.blocks == ["في المساء أضيئت الفوانيس على طول جدار الميناء، واحدا تلو الآخر."]
