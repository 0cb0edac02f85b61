"""The essay model and loader, with a table of malformed notebooks."""

import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from essaykit.errors import EssayError
from essaykit.essay import CodeBlock, SpoilerBlock, TextBlock, cell_raised, check_essay, load_essay
from helpers import EXAMPLE
from helpers.notebooks import code_cell, md_cell, notebook

GOOD = {"title": "A Review", "date": "2026-11-01", "rating": 3.5}

_watching: list[list[str]] = []  # one list per open files_opened() block


def _on_audit(event: str, args: tuple) -> None:
    if event == "open" and _watching and isinstance(args[0], (str, bytes, os.PathLike)):
        for opened in _watching:
            opened.append(os.fsdecode(args[0]))


@contextmanager
def files_opened():
    """Collect the path of every file this process opens inside the block (the "open" audit event)."""
    if not getattr(_on_audit, "added", False):
        sys.addaudithook(_on_audit)  # an audit hook lasts as long as the process, so add it once
        _on_audit.added = True
    opened: list[str] = []
    _watching.append(opened)
    try:
        yield opened
    finally:
        _watching.remove(opened)


def test_example_essay_loads_into_blocks():
    essay = load_essay(EXAMPLE)
    assert essay.meta.title == "The Salt Road"
    assert essay.meta.slug == "the-salt-road"
    kinds = [type(b) for b in essay.blocks]
    assert SpoilerBlock in kinds and TextBlock in kinds and CodeBlock in kinds
    assert 800 <= essay.word_count <= 1200, "the example essay should be 800 to 1,200 words"
    assert essay.spoiler_count >= 2, "one spoiler block and one inline spoiler"
    assert len(essay.headings) >= 3


def test_consecutive_spoiler_cells_form_one_labelled_block(write_notebook):
    path = write_notebook(notebook([
        md_cell("open"),
        md_cell("s1", tags=["spoiler"], essay={"spoiler_label": "The twist"}),
        md_cell("s2", tags=["spoiler"]),
        md_cell("open again"),
        md_cell("s3", tags=["spoiler"]),
    ], GOOD))
    blocks = load_essay(path).blocks
    spoilers = [b for b in blocks if isinstance(b, SpoilerBlock)]
    assert [s.label for s in spoilers] == ["The twist", "Spoilers ahead: reveal"]
    assert [len(s.cells) for s in spoilers] == [2, 1]


def test_slug_defaults_to_file_stem(write_notebook):
    path = write_notebook(notebook([md_cell("x")], {"title": "T"}), name="my-stem.ipynb")
    assert load_essay(path).meta.slug == "my-stem"


def test_reading_time_excludes_code(write_notebook):
    words = " ".join(["word"] * 450)
    path = write_notebook(notebook([md_cell(words), code_cell("x = 1\n" * 500)], {"title": "T"}))
    essay = load_essay(path)
    assert essay.word_count == 450
    assert essay.reading_minutes == 3


def _bad(**essay):
    return notebook([md_cell("text")], {**GOOD, **essay})


BAD_NOTEBOOKS = [
    ("not json", "this is not json {", "not valid JSON", 2),
    ("json not notebook", json.dumps({"hello": 1}), "not a Jupyter notebook", 2),
    ("json list", json.dumps([1, 2]), "not a Jupyter notebook", 2),
    ("nbformat 3", json.dumps({"nbformat": 3, "nbformat_minor": 0, "worksheets": [], "metadata": {}}), "format 3 is not supported", 2),
    ("no essay metadata", notebook([md_cell("x")]), "no 'essay' metadata", 1),
    ("empty title", _bad(title="  "), "title is missing or empty", 1),
    ("missing title", notebook([md_cell("x")], {"author": "a"}), "title is missing or empty", 1),
    ("rating 6", _bad(rating=6), "rating 6 is not valid", 1),
    ("rating -1", _bad(rating=-1), "rating -1 is not valid", 1),
    ("rating five", _bad(rating="five"), "rating 'five' is not valid", 1),
    ("rating 3.3", _bad(rating=3.3), "rating 3.3 is not valid", 1),
    ("rating true", _bad(rating=True), "rating True is not valid", 1),
    ("date not iso", _bad(date="24/11/2026"), "not an ISO 8601 date", 1),
    ("slug with slash", _bad(slug="a/b"), "slug 'a/b' is not valid", 1),
    ("slug with spaces", _bad(slug="my review"), "slug 'my review' is not valid", 1),
    ("spoiler on code", notebook([md_cell("x"), code_cell("1", tags=["spoiler"])], GOOD), "cell 2: the 'spoiler' tag is on a code cell", 1),
    ("unclosed ||", notebook([md_cell("fine"), md_cell("the end is || near")], GOOD), "cell 2: '||' opens an inline spoiler", 1),
    ("empty notebook", notebook([], GOOD), "no cells", 1),
    ("tags not list", _bad(tags="film"), "tags must be a list", 1),
    ("bad url", _bad(url="javascript:alert(1)"), "must be an absolute http", 1),
    ("empty label", notebook([md_cell("s", tags=["spoiler"], essay={"spoiler_label": ""})], GOOD), "spoiler_label must be text", 1),
]


@pytest.mark.parametrize("name, content, message, status", BAD_NOTEBOOKS, ids=[b[0] for b in BAD_NOTEBOOKS])
def test_bad_notebooks_get_one_clear_line(write_notebook, name, content, message, status):
    path = write_notebook(content)
    if status == 2:
        with pytest.raises(EssayError, match=message) as info:
            check_essay(path)
        assert str(path) in str(info.value), "the message names the file"
        assert "\n" not in str(info.value)
    else:
        essay, problems = check_essay(path)
        assert essay is None
        assert any(message in str(p) for p in problems), [str(p) for p in problems]
        assert all(str(p).startswith(str(path)) for p in problems), "every problem names the file"
        with pytest.raises(EssayError, match=message):
            load_essay(path)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(EssayError, match="no such file"):
        check_essay(tmp_path / "nope.ipynb")
    with pytest.raises(EssayError, match="is a directory"):
        check_essay(tmp_path)


def test_huge_notebook_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.ipynb"
    blob = "x" * (20 * 1024 * 1024)
    path.write_text(json.dumps(notebook([md_cell(blob)], GOOD)))
    with files_opened() as opened:
        with pytest.raises(EssayError, match="over the 10 MB limit"):
            check_essay(path)
    assert path.resolve() not in {Path(p).resolve() for p in opened}, \
        "a 20 MB notebook must be refused by its size, without opening it"


def test_not_utf8(write_notebook):
    path = write_notebook(b"\xff\xfe\x00garbage")
    with pytest.raises(EssayError, match="not UTF-8"):
        check_essay(path)


def test_attachment_images_are_inlined(write_notebook):
    cell = md_cell("![poster](attachment:p.png)")
    cell["attachments"] = {"p.png": {"image/png": "iVBORw0KGgo="}}
    essay = load_essay(write_notebook(notebook([cell], GOOD)))
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in essay.blocks[0].html


@pytest.mark.parametrize("slug", ["ok\n", "Upper", "-lead", "a" * 101, "dot/../x"])
def test_slug_rules_are_strict(write_notebook, slug):
    _, problems = check_essay(write_notebook(_bad(slug=slug)))
    assert any("slug" in str(p) for p in problems), f"{slug!r} must be refused"


SLUGIFIED = {
    "The Salt Road": "the-salt-road", "Ça va? Über-cool!": "ca-va-uber-cool",
    "Солёная дорога": "solenaia-doroga", "塩の道": "yan-nodao",  # transliterated, not dropped
    "🎬🎬": "", "  --  ": "",  # nothing left: the caller picks a fallback
}


@pytest.mark.parametrize("text", SLUGIFIED)
def test_one_slugify_transliterates_and_always_matches_the_slug_rule(text):
    slug = SLUGIFIED[text]
    from essaykit.essay import SLUG_RE, slugify

    assert slugify(text) == slug
    assert slug == "" or SLUG_RE.match(slug), "every slug slugify makes is a valid essay slug"


def test_slugify_respects_its_length_limit():
    from essaykit.essay import slugify

    slug = slugify("word " * 40, max_chars=30)
    assert len(slug) <= 30 and not slug.endswith("-")


def test_a_cell_that_failed_while_showing_its_result_is_named_by_its_error_output(tmp_path):
    # IPython's reply for an error raised while displaying a result names no exception.
    shown = [{"output_type": "stream", "name": "stdout", "text": "x"},
             {"output_type": "error", "ename": "FileNotFoundError", "evalue": "No such file: 'a.png'", "traceback": []}]
    said = cell_raised("NoneType", "None", shown, tmp_path)
    assert said.startswith("FileNotFoundError: No such file: 'a.png' (a relative path is read from the notebook's "
                           f"folder, {tmp_path}: ")
    assert cell_raised("ZeroDivisionError", "division by zero", shown, tmp_path) == "ZeroDivisionError: division by zero", \
        "a named exception is the reply's own"
    assert cell_raised("NoneType", "None") == "NoneType: None", "with no error output there is nothing better to say"


def test_check_names_each_local_image_that_pages_cannot_show(tmp_path):
    """A Markdown image whose file is missing, or outside the notebook's folder, is a warning naming the
    cell and the file (the page would show "[alt]"); web images, data: URLs and files that exist are fine."""
    folder = tmp_path / "essays"
    (folder / "figures").mkdir(parents=True)
    (folder / "figures" / "here.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    (tmp_path / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    path = folder / "images.ipynb"
    path.write_text(json.dumps(notebook([
        md_cell("Fine: ![a](figures/here.svg) ![b](https://example.org/x.png) ![c](data:image/png;base64,AA==)"),
        md_cell("Missing: ![chart](figures/chart.png)"),
        md_cell('Outside: <img src="../outside.png" alt="x">'),
    ], {"title": "Images", "slug": "images"})), encoding="utf-8")
    _, problems = check_essay(path)
    images = [p for p in problems if "image " in p.message]
    assert [(p.cell, p.warning) for p in images] == [(2, True), (3, True)], problems
    assert "'figures/chart.png' is not a file" in images[0].message and "correct the path" in images[0].message
    assert "outside the notebook's folder" in images[1].message
