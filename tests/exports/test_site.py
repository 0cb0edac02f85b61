"""``essaykit build``: pages, index, Atom feed, incremental builds, failures, progress."""

import io
import json
import os
import pty
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from essaykit.errors import ConfigError, ExportError
from essaykit.exports import site as site_module
from essaykit.exports.site import BuildOptions, build_site
from helpers.cli import run_essaykit, venv_bin
from helpers.notebooks import code_cell, md_cell, notebook

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def essay(title, date="", cells=None, **extra):
    meta = {"title": title, **({"date": date} if date else {}), **extra}
    return notebook(cells or [md_cell(f"Some words about {title}.")], meta)


def write(folder: Path, name: str, nb: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(nb))
    return path


@pytest.fixture
def essays(tmp_path):
    folder = tmp_path / "essays"
    write(folder, "older.ipynb", essay("Older One", "2026-01-05", summary="The first.", rating=2, author="Ana"))
    write(folder, "newest.ipynb", essay("Newest One", "2026-06-01", summary="The latest.", rating=4.5, author="Ana"))
    write(folder, "undated.ipynb", essay("Undated One", author="Bo"))
    return folder


def build(src, out, **options):
    stream = io.StringIO()
    report = build_site(src, out, BuildOptions(**{"jobs": 1, **options}), stream=stream)
    report.log = stream.getvalue()
    return report


def stamps(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("*.html")
            if p.name not in ("index.html", "archive.html")}


def test_build_writes_every_page_index_and_feed(essays, tmp_path):
    out = tmp_path / "site" / "nested"
    report = build(essays, out)
    assert len(report.built) == 3 and not report.failed
    for name in ("older.html", "newest.html", "undated.html", "index.html", "feed.xml"):
        assert (out / name).is_file(), f"{name} should be written (missing folders are created)"
    page = (out / "newest.html").read_text()
    assert '<a href="index.html">All essays</a>' in page, "site pages link back to the index"


def test_index_lists_newest_first_with_date_summary_and_rating(essays, tmp_path):
    build(essays, tmp_path / "site")
    index = (tmp_path / "site" / "index.html").read_text()
    positions = [index.index(t) for t in ("Newest One", "Older One", "Undated One")]
    assert positions == sorted(positions), "newest first; essays without a date come last"
    assert '<a href="newest.html">Newest One</a>' in index
    assert '<time class="ek-byline__date" datetime="2026-06-01">1 June 2026</time>' in index
    assert "The latest." in index, "each entry shows its summary"
    assert "Rated 4.5 out of 5" in index, "each entry shows its rating as text too"
    assert 'type="application/atom+xml"' in index and 'href="feed.xml"' in index


def parse_feed(path: Path) -> ET.Element:
    root = ET.parse(path).getroot()
    assert root.tag == f"{A}feed", "the root element is atom:feed"
    return root


def check_rfc4287(root: ET.Element) -> None:
    for child in ("id", "title", "updated"):
        assert len(root.findall(f"{A}{child}")) == 1, f"a feed has exactly one atom:{child}"
    assert RFC3339.match(root.findtext(f"{A}updated")), "atom:updated is an RFC 3339 date-time"
    entries = root.findall(f"{A}entry")
    has_feed_author = root.find(f"{A}author/{A}name") is not None
    ids = set()
    for entry in entries:
        for child in ("id", "title", "updated"):
            assert len(entry.findall(f"{A}{child}")) == 1, f"an entry has exactly one atom:{child}"
        assert RFC3339.match(entry.findtext(f"{A}updated"))
        assert has_feed_author or entry.find(f"{A}author/{A}name") is not None, "every entry has an author"
        links = [l for l in entry.findall(f"{A}link") if l.get("rel", "alternate") == "alternate"]
        assert len(links) == 1 and links[0].get("href"), "an entry without content needs an alternate link"
        assert entry.find(f"{A}content") is not None or links, "content or alternate link"
        ids.add(entry.findtext(f"{A}id"))
    assert len(ids) == len(entries), "entry ids are unique"


def test_feed_is_valid_atom_with_relative_links(essays, tmp_path):
    build(essays, tmp_path / "site")
    root = parse_feed(tmp_path / "site" / "feed.xml")
    check_rfc4287(root)
    entries = root.findall(f"{A}entry")
    assert [e.findtext(f"{A}title") for e in entries] == ["Newest One", "Older One", "Undated One"]
    assert entries[0].find(f"{A}link").get("href") == "newest.html", "without a base URL links are relative"
    assert all(e.findtext(f"{A}id").startswith("urn:uuid:") for e in entries), "ids are still valid IRIs"
    assert entries[0].findtext(f"{A}updated") == "2026-06-01T00:00:00Z", "an entry is updated on its date"
    assert root.findtext(f"{A}updated") == max(e.findtext(f"{A}updated") for e in entries), \
        "the feed is updated when its latest entry is (an undated essay counts from its file time)"
    assert entries[0].findtext(f"{A}summary") == "The latest."


def test_base_url_makes_feed_and_canonical_links_absolute(essays, tmp_path):
    build(essays, tmp_path / "site", base_url="https://example.org/reviews")
    root = parse_feed(tmp_path / "site" / "feed.xml")
    check_rfc4287(root)
    assert root.findtext(f"{A}id") == "https://example.org/reviews/"
    self_link = [l for l in root.findall(f"{A}link") if l.get("rel") == "self"]
    assert self_link and self_link[0].get("href") == "https://example.org/reviews/feed.xml"
    for entry in root.findall(f"{A}entry"):
        href = entry.find(f"{A}link").get("href")
        assert href.startswith("https://example.org/reviews/") and href.endswith(".html"), href
        assert entry.findtext(f"{A}id") == href
    page = (tmp_path / "site" / "older.html").read_text()
    assert '<link rel="canonical" href="https://example.org/reviews/older.html">' in page


def test_feed_stays_well_formed_with_hostile_text(tmp_path):
    folder = tmp_path / "essays"
    hostile = "A & B <c> ]]> \x07bell \"quotes\""
    write(folder, "h.ipynb", essay(hostile, "2026-01-01", summary="</summary><entry>", tags=["x\x01y", "<t>"]))
    build(folder, tmp_path / "site")
    root = parse_feed(tmp_path / "site" / "feed.xml")
    check_rfc4287(root)
    assert root.find(f"{A}entry").findtext(f"{A}title") == "A & B <c> ]]> bell \"quotes\""
    assert root.find(f"{A}entry").findtext(f"{A}summary") == "</summary><entry>"
    index = (tmp_path / "site" / "index.html").read_text()
    assert "<c>" not in index and "&lt;c&gt;" in index, "titles are escaped in the index too"


def test_unchanged_essays_are_skipped_and_changed_ones_rebuilt(essays, tmp_path):
    out = tmp_path / "site"
    build(essays, out)
    before = stamps(out)
    second = build(essays, out)
    assert len(second.skipped) == 3 and not second.built, "nothing changed, nothing is rebuilt"
    assert stamps(out) == before, "skipped pages are not rewritten"
    nb = json.loads((essays / "older.ipynb").read_text())
    nb["cells"].append(md_cell("A new paragraph."))
    (essays / "older.ipynb").write_text(json.dumps(nb))
    third = build(essays, out)
    assert [Path(o.source).name for o in third.built] == ["older.ipynb"], "only the edited essay is rebuilt"
    assert "A new paragraph." in (out / "older.html").read_text()


@pytest.mark.parametrize("change", [{"base_url": "https://example.org/"}, {"force": True}, {"show_code": True}])
def test_settings_change_or_force_rebuilds_everything(essays, tmp_path, change):
    build(essays, tmp_path / "site")
    assert len(build(essays, tmp_path / "site", **change).built) == 3


def test_deleted_page_is_rebuilt(essays, tmp_path):
    build(essays, tmp_path / "site")
    (tmp_path / "site" / "older.html").unlink()
    report = build(essays, tmp_path / "site")
    assert [Path(o.source).name for o in report.built] == ["older.ipynb"]


def test_removed_notebook_removes_its_page_and_entry(essays, tmp_path):
    build(essays, tmp_path / "site")
    (essays / "older.ipynb").unlink()
    build(essays, tmp_path / "site")
    assert not (tmp_path / "site" / "older.html").exists(), "a page whose notebook is gone is removed"
    assert "Older One" not in (tmp_path / "site" / "index.html").read_text()


def test_comment_changes_rebuild_the_essay_they_are_on(tmp_path, monkeypatch):
    """The store hook: a different comment fingerprint rebuilds that essay only, with code or without (every page
    shows its comments on passages)."""
    folder = tmp_path / "essays"
    write(folder, "talk.ipynb", essay("Talk", "2026-01-01", cells=[md_cell("x"), code_cell("print('snapshot')")]))
    write(folder, "text.ipynb", essay("Text", "2026-01-02"))
    db = f"sqlite:///{tmp_path / 'c.sqlite'}"
    state = {"talk": "3 comments", "text": "none"}
    seen = []

    def fake(slugs, *, db, notebook_dir):
        seen.append((tuple(slugs), db))
        return {s: state.get(s, "none") for s in slugs}

    monkeypatch.setattr(site_module, "comments_fingerprints", fake)
    out = tmp_path / "site"
    assert len(build(folder, out, db=db).built) == 2
    assert len(build(folder, out, db=db).skipped) == 2, "same comments: skipped"
    assert (("talk",), db) in seen and (("text",), db) in seen, "the store is asked about each essay it builds"
    state["talk"] = "4 comments"
    again = build(folder, out, db=db)
    assert [Path(o.source).name for o in again.built] == ["talk.ipynb"], "a new comment rebuilds that essay"
    state["text"] = "a comment on a passage"
    again = build(folder, out, db=db)
    assert [Path(o.source).name for o in again.built] == ["text.ipynb"], "a text-only essay too"


def test_comment_store_fingerprint_changes_with_a_new_comment(tmp_path):
    from essaykit.comments.store import CommentStore
    from essaykit.exports.fingerprint import comments_fingerprints

    url = f"sqlite:///{tmp_path / 'c.sqlite'}"
    store = CommentStore.open(url)
    before = comments_fingerprints(["talk", "other"], db=url, notebook_dir=tmp_path)
    result = store.post("talk", author="Ana", email="ana@example.org", body="Lovely.")
    store.set_status([result.comment.id], "approved", by="test")
    after = comments_fingerprints(["talk", "other"], db=url, notebook_dir=tmp_path)
    assert before["talk"] != after["talk"], "a new approved comment changes the fingerprint"
    assert before["other"] == after["other"], "other essays are unaffected"


@pytest.mark.slow
def test_one_failure_is_reported_and_the_rest_still_build(tmp_path):
    folder = tmp_path / "essays"
    write(folder, "good.ipynb", essay("Good", "2026-01-01"))
    bad = write(folder, "broken.ipynb", essay("Broken", "2026-01-02", cells=[md_cell("x"), code_cell("1/0")]))
    meta = write(folder, "nometa.ipynb", notebook([md_cell("x")]))
    out = tmp_path / "site"
    result = run_essaykit("build", folder, "-o", out, "--jobs", "2")
    assert result.returncode == 1, "the build exits non-zero when an essay failed"
    assert f"{bad}:cell 2: the code raised ZeroDivisionError: division by zero; fix the cell and build again, " \
        "or build with --no-execute" in result.stderr, "failures name file and cell, and what to do in a build"
    assert "warning: skipped nometa.ipynb: no 'essay' metadata, so it is not an essay" in result.stderr, \
        "a notebook that is not an essay is skipped, not failed"
    assert "Traceback" not in result.stderr
    assert (out / "good.html").is_file() and not (out / "broken.html").exists()
    index = (out / "index.html").read_text()
    assert "Good" in index and "Broken" not in index, "the index lists what was built"
    assert "1 built, 0 unchanged, 1 failed, 1 skipped (not essays)" in result.stderr


def test_failed_essay_is_retried_next_time(tmp_path):
    folder = tmp_path / "essays"
    path = write(folder, "b.ipynb", essay("B", cells=[md_cell("x"), code_cell("1/0")]))
    assert build(folder, tmp_path / "site").failed
    path.write_text(json.dumps(essay("B", cells=[md_cell("x"), code_cell("print('fixed')")])))
    assert len(build(folder, tmp_path / "site").built) == 1


@pytest.mark.slow
def test_parallel_build_runs_essays_in_worker_processes(tmp_path):
    folder = tmp_path / "essays"
    for i in range(4):
        write(folder, f"t{i}.ipynb", essay(f"Text {i}", f"2026-01-0{i + 1}"))
    write(folder, "code.ipynb", essay("Code", "2026-02-01", cells=[
        md_cell("x"), code_cell("import os, psutil\nprint('builder=%d' % psutil.Process(os.getppid()).ppid())")]))
    proc = subprocess.Popen([venv_bin("essaykit"), "build", folder, "-o", tmp_path / "site", "-j", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert len(list((tmp_path / "site").glob("*.html"))) == 8, "five essays, the index, the archive and 404.html"
    builder = int(re.search(r"builder=(\d+)", (tmp_path / "site" / "code.html").read_text()).group(1))
    assert builder != proc.pid, "with --jobs 2 the essay is built in a worker process, not the main one"


def test_plain_progress_lines_without_a_terminal(essays, tmp_path):
    result = run_essaykit("build", essays, "-o", tmp_path / "site", "-j", "1")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert [l.split("]")[0] for l in lines[:3]] == ["[1/3", "[2/3", "[3/3"], "one plain line per essay"
    assert "\x1b[" not in result.stderr, "no terminal control codes in logs"


@pytest.mark.slow
def test_progress_bar_on_a_terminal(essays, tmp_path):
    main, child = pty.openpty()
    proc = subprocess.Popen([venv_bin("essaykit"), "build", essays, "-o", tmp_path / "site"],
                            stdout=child, stderr=child, env={**os.environ, "COLUMNS": "100", "TERM": "xterm"})
    os.close(child)
    chunks = []
    while True:
        try:
            data = os.read(main, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(main)
    text = b"".join(chunks).decode(errors="replace")
    assert proc.returncode == 0, text
    assert "3/3" in text and "━" in text, "a rich progress bar is drawn on a terminal"
    assert "[1/3]" not in text, "not the plain lines"


def test_duplicate_slug_fails_the_second_essay(tmp_path):
    folder = tmp_path / "essays"
    write(folder, "a.ipynb", essay("A", slug="same"))
    write(folder, "b.ipynb", essay("B", slug="same"))
    report = build(folder, tmp_path / "site")
    assert len(report.built) == 1 and len(report.failed) == 1
    assert "slug 'same' is also used by a.ipynb" in report.failed[0].message


@pytest.mark.parametrize("setup, options, error, message", [
    (lambda p: p.mkdir(), {}, ExportError, "no .ipynb files here"),
    # --base-url is checked by the same rule as the settings file's base_url (essaykit.exports.settings)
    (lambda p: write(p, "a.ipynb", essay("A")), {"base_url": "example.org"}, ConfigError,
     "--base-url 'example.org' is not an absolute http(s) URL"),
    (lambda p: write(p, "a.ipynb", essay("A")), {"base_url": "javascript:alert(1)//"}, ConfigError, "not an absolute"),
])
def test_bad_build_arguments(tmp_path, setup, options, error, message):
    setup(tmp_path / "essays")
    with pytest.raises(error, match=re.escape(message)):
        build(tmp_path / "essays", tmp_path / "site", **options)


def test_site_dir_that_is_a_file_is_a_one_line_error(essays, tmp_path):
    (tmp_path / "taken").write_text("x")
    result = run_essaykit("build", essays, "-o", tmp_path / "taken" / "site")
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and "cannot create the site folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_damaged_manifest_means_full_rebuild(essays, tmp_path):
    build(essays, tmp_path / "site")
    (tmp_path / "site" / ".essaykit-build.json").write_text("{broken")
    assert len(build(essays, tmp_path / "site").built) == 3
