"""`essaykit build` as a blog: settings, header, tags and their feeds, full-content feeds, comment
counts and feeds, previous/next, author line, social cards, drafts; and the export's image warning."""

import io
import re
import sys
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from blog_fixtures import md, nb, png, review_folder, write  # noqa: E402

from essaykit.errors import ConfigError, EssaykitWarning, ExportError  # noqa: E402
from essaykit.exports.settings import load_settings  # noqa: E402
from essaykit.exports.site import BuildOptions, build_site  # noqa: E402

A = "{http://www.w3.org/2005/Atom}"
SETTINGS = '''
[site]
title = "Film notes"
author = "Mara Quill"
bio = "Writes about slow cinema & fast trains."
base_url = "https://example.org/films"

[[site.nav]]
label = "About"
url = "https://example.org/about/"
'''


def run_essaykit(*args):
    import subprocess

    return subprocess.run([str(Path(sys.prefix) / "bin" / "essaykit"), *map(str, args)], capture_output=True,
                          text=True, timeout=300)


def build(src, out, **options):
    stream = io.StringIO()
    report = build_site(src, out, BuildOptions(**{"jobs": 1, "execute": False, **options}), stream=stream)
    report.log = stream.getvalue()
    return report


@pytest.fixture
def site(tmp_path):
    folder = review_folder(tmp_path / "essays")
    (tmp_path / "site.toml").write_text(SETTINGS)
    settings = load_settings(tmp_path / "site.toml")
    out = tmp_path / "site"
    report = build(folder, out, settings=settings, title=settings.title)
    assert not report.failed, report.log
    return out


def feed(path):
    root = ET.parse(path).getroot()
    assert root.tag == f"{A}feed"
    return root


def test_settings_give_the_header_navigation_and_author_line(site):
    page = (site / "trains.html").read_text()
    assert '<a class="ek-site-header__title" href="index.html">Film notes</a>' in page
    assert '<li><a href="https://example.org/about/">About</a></li>' in page
    assert '<span class="ek-author__name">Mara Quill</span> <span class="ek-author__bio">Writes about slow cinema &amp; fast trains.</span>' in page
    index = (site / "index.html").read_text()
    assert "<title>Film notes</title>" in index and "Writes about slow cinema &amp; fast trains." in index
    assert '<link rel="canonical" href="https://example.org/films/">' in index


def test_drafts_and_scheduled_essays_are_left_out_everywhere(site, tmp_path):
    assert not (site / "wip.html").exists() and not (site / "later.html").exists()
    for name in ("index.html", "feed.xml", "tags/trains/index.html", "tags/trains/feed.xml", "trains.html"):
        text = (site / name).read_text()
        assert "Half Written" not in text and "Next Season" not in text, name
    again = build(tmp_path / "essays", site, settings=load_settings(tmp_path / "site.toml"), title="Film notes",
                  drafts=True)
    assert {Path(o.source).name for o in again.built} >= {"wip.ipynb", "later.ipynb"}
    index = (site / "index.html").read_text()
    assert re.search(r'Half Written</a> <span class="ek-draft-badge">Draft</span>', index)
    assert re.search(r'Next Season</a> <span class="ek-draft-badge">Scheduled</span>', index)
    assert '<span class="ek-draft-badge">Draft</span>' in (site / "wip.html").read_text()
    assert '<meta name="robots" content="noindex">' in (site / "wip.html").read_text()
    third = build(tmp_path / "essays", site, settings=load_settings(tmp_path / "site.toml"), title="Film notes")
    assert not (site / "wip.html").exists(), "without --drafts again, the draft's page is removed"
    assert len([o for o in third.outcomes if o.status == "draft"]) == 2


def test_tag_pages_each_with_a_full_content_feed(site):
    page = (site / "tags" / "slow-cinema" / "index.html").read_text()
    assert "Tagged “slow cinema”" in page
    assert '<a href="../../trains.html">Trains at Dusk</a>' in page and "Harbour Lights" in page
    assert "The Orchard" not in page
    assert 'href="../../index.html"' in page, "the header links back to the site's top"
    root = feed(site / "tags" / "slow-cinema" / "feed.xml")
    assert [e.findtext(f"{A}title") for e in root.findall(f"{A}entry")] == ["Trains at Dusk", "Harbour Lights"]
    assert root.find(f"{A}link[@rel='self']").get("href") == "https://example.org/films/tags/slow-cinema/feed.xml"
    essay_page = (site / "trains.html").read_text()
    assert '<a href="tags/slow-cinema/" rel="tag">slow cinema</a>' in essay_page


def test_site_feed_entries_carry_the_whole_essay(site):
    root = feed(site / "feed.xml")
    entry = root.find(f"{A}entry")
    content = entry.find(f"{A}content")
    assert content.get("type") == "html"
    assert content.get("{http://www.w3.org/XML/1998/namespace}base", content.get("xml:base")) == \
        "https://example.org/films/trains.html"
    assert "The film opens on a platform" in content.text and "<figcaption>The platform in the first reel" in content.text
    assert "<script" not in content.text


def test_previous_and_next_links_follow_the_index_order(site):
    trains = (site / "trains.html").read_text()
    assert '<a class="ek-pager__prev" href="harbour.html" rel="prev"><span class="ek-pager__dir">Older</span> Harbour Lights</a>' in trains
    assert 'rel="next"' not in trains, "the newest essay has no newer one"
    harbour = (site / "harbour.html").read_text()
    assert 'href="trains.html" rel="next"' in harbour and 'href="orchard.html" rel="prev"' in harbour


def test_adding_an_essay_rebuilds_only_it_and_its_new_neighbours(site, tmp_path):
    folder = tmp_path / "essays"
    settings = load_settings(tmp_path / "site.toml")
    assert not build(folder, site, settings=settings, title="Film notes").built, "nothing changed"
    write(folder, "between.ipynb", nb([md("In between.")], title="In Between", date="2026-02-10"))
    report = build(folder, site, settings=settings, title="Film notes")
    assert sorted(Path(o.source).name for o in report.built) == ["between.ipynb", "harbour.ipynb", "trains.ipynb"]
    assert 'href="between.html" rel="prev"' in (site / "trains.html").read_text()


def test_social_card_from_the_first_image_written_beside_the_page(site):
    page = (site / "trains.html").read_text()
    assert '<meta property="og:type" content="article">' in page
    assert '<meta property="og:image" content="https://example.org/films/trains.card.png">' in page
    assert '<meta name="twitter:image" content="https://example.org/films/trains.card.png">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert '<meta property="article:published_time" content="2026-03-01">' in page
    assert '<meta property="article:tag" content="slow cinema">' in page
    assert (site / "trains.card.png").read_bytes() == png(320, 180)
    assert "og:image" not in (site / "orchard.html").read_text(), "no image, no card"


def test_essay_image_metadata_wins_and_a_missing_one_is_a_clear_error(tmp_path):
    folder = tmp_path / "essays"
    (folder / "cards").mkdir(parents=True)
    (folder / "cards" / "poster.png").write_bytes(png(1200, 630, (10, 20, 30)))
    (folder / "first.png").write_bytes(png(10, 10))
    write(folder, "a.ipynb", nb([md("![x](first.png)")], title="A", image="cards/poster.png", image_alt="A poster"))
    write(folder, "b.ipynb", nb([md("words")], title="B", image="cards/nope.png"))
    report = build(folder, tmp_path / "site")
    assert (tmp_path / "site" / "a.card.png").read_bytes() == png(1200, 630, (10, 20, 30))
    page = (tmp_path / "site" / "a.html").read_text()
    assert '<meta property="og:image" content="a.card.png">' in page
    assert '<meta property="og:image:alt" content="A poster">' in page
    assert [Path(o.source).name for o in report.failed] == ["b.ipynb"]
    assert "essay.image 'cards/nope.png' is not a PNG, JPEG, GIF or WebP file beside the notebook" in report.failed[0].message


def test_site_images_are_files_with_sizes_and_lazy(site):
    page = (site / "trains.html").read_text()
    img = re.search(r"<img [^>]*>", page.split('class="ek-body"')[1]).group(0)
    assert 'loading="lazy"' in img and 'width="320" height="180"' in img
    src = re.search(r'src="(media/[0-9a-f]+\.png)"', img).group(1)
    assert (site / src).read_bytes() == png(320, 180)


def test_index_shows_comment_counts_and_readers_ratings_from_the_store(tmp_path):
    from essaykit.comments.store import CommentStore

    folder = review_folder(tmp_path / "essays")
    db = f"sqlite:///{tmp_path / 'c.sqlite'}"
    with CommentStore.open(db) as store:
        for i, who in enumerate(["Ana", "Bo", "Cy"]):
            r = store.post("trains", author=who, email=f"{who.lower()}@example.org", body=f"Comment {i} & <b>")
            if who != "Cy":
                store.set_status(r.comment.id, "approved", by="test")
        store.add_rating("trains", "s1", 4)
        store.add_rating("trains", "s2", 5)
    build(folder, tmp_path / "site", db=db)
    index = (tmp_path / "site" / "index.html").read_text()
    assert '<a class="ek-index__comments" href="trains.html" data-ek-count-for="trains">2 comments</a>' in index
    assert "Readers: 4.5 out of 5 (2 ratings)" in index
    assert 'data-ek-count-for="harbour">No comments yet</a>' in index
    per_essay = feed(tmp_path / "site" / "trains.comments.xml")
    entries = per_essay.findall(f"{A}entry")
    assert [e.findtext(f"{A}author/{A}name") for e in entries] == ["Bo", "Ana"], "approved only, newest first"
    assert entries[0].find(f"{A}content").get("type") == "html"
    assert "&lt;b&gt;" in entries[0].find(f"{A}content").text, "the comment body stays escaped"
    assert len(feed(tmp_path / "site" / "comments.xml").findall(f"{A}entry")) == 2
    assert feed(tmp_path / "site" / "harbour.comments.xml").findall(f"{A}entry") == []


def test_api_makes_the_index_refresh_its_counts(tmp_path):
    folder = review_folder(tmp_path / "essays")
    build(folder, tmp_path / "site", api="https://comments.example.org/")
    index = (tmp_path / "site" / "index.html").read_text()
    assert 'data-ek-api="https://comments.example.org"' in index and "/api/counts?" in index
    assert 'data-ek-count-for="trains">No comments yet</a>' in index
    with pytest.raises(ExportError, match="--api 'javascript:alert': give the address of an .essaykit serve."):
        build(folder, tmp_path / "site", api="javascript:alert")
    plain = tmp_path / "plain"
    build(folder, plain)
    assert "/api/counts" not in (plain / "index.html").read_text(), "no API, no request"


@pytest.mark.parametrize("text, message", [
    ("title = 3", "site.toml: title must be text in quotes (not 3)"),
    ("titel = 'x'", "site.toml: unknown key 'titel'; the keys are"),
    ("[site]\nbase_url = 'example.org'", "site.toml: site.base_url 'example.org' is not an absolute http(s) URL"),
    ("nav = 'About'", "site.toml: nav must be a list of [[nav]] tables"),
    ("[[nav]]\nlabel = 'x'\nurl = 'javascript:alert(1)'", "site.toml: nav[1].url 'javascript:alert(1)' must be"),
    ("[[nav]]\nurl = '/about/'", "site.toml: nav[1].label must be text"),
    ("title = 'unclosed", "site.toml: not valid TOML"),
    ("site = 3", "site.toml: 'site' must be a table"),
])
def test_bad_settings_name_the_file_and_key(tmp_path, text, message):
    path = tmp_path / "site.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as err:
        load_settings(path)
    assert message in str(err.value)


@pytest.mark.slow
def test_bad_settings_through_the_command_line(tmp_path):
    folder = review_folder(tmp_path / "essays")
    (tmp_path / "site.toml").write_bytes(b"\xff\xfe")
    result = run_essaykit("build", folder, "-o", tmp_path / "site", "--settings", tmp_path / "site.toml")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"error: {tmp_path / 'site.toml'}: not UTF-8 text")
    missing = run_essaykit("build", folder, "-o", tmp_path / "site", "--settings", tmp_path / "nope.toml")
    assert missing.returncode == 2 and "no such settings file" in missing.stderr
    (tmp_path / "site.toml").write_text(SETTINGS)
    ok = run_essaykit("build", folder, "-o", tmp_path / "site", "--settings", tmp_path / "site.toml", "--no-execute")
    assert ok.returncode == 0, ok.stderr
    assert "2 left out (drafts or scheduled)" in ok.stderr
    assert "<title>Film notes</title>" in (tmp_path / "site" / "index.html").read_text()


def test_bad_essay_image_and_draft_metadata_are_reported(tmp_path):
    from essaykit.essay import check_essay

    path = write(tmp_path, "x.ipynb", nb([md("x")], title="X", image="javascript:alert(1)", draft="yes"))
    essay, problems = check_essay(path)
    assert essay is None
    text = "\n".join(str(p) for p in problems)
    assert "essay.image 'javascript:alert(1)' must be an image file beside the notebook" in text
    assert "essay.draft must be true or false (not 'yes')" in text


def test_single_file_export_warns_past_two_megabytes_of_images(tmp_path):
    from essaykit.essay import load_essay
    from essaykit.exports.export import essay_page

    (tmp_path / "big.png").write_bytes(png(40, 30, padding=2_300_000))
    (tmp_path / "small.png").write_bytes(png(40, 30))
    big = write(tmp_path, "big.ipynb", nb([md("![big](big.png)")], title="Big"))
    small = write(tmp_path, "small.ipynb", nb([md("![small](small.png)")], title="Small"))
    with pytest.warns(EssaykitWarning, match=r"embeds 2\.\d MB of images, over the 2 MB"):
        essay_page(load_essay(big), execute=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error", EssaykitWarning)
        essay_page(load_essay(small), execute=False)
    result = run_essaykit("export", big, "-o", tmp_path / "big.html", "--no-execute")
    assert result.returncode == 0
    assert result.stderr.startswith(f"warning: {big}: the page embeds 2."), result.stderr
    assert "Traceback" not in result.stderr and (tmp_path / "big.html").is_file(), "the page is still written"


@pytest.mark.slow
def test_site_section_of_essaykit_toml_is_used_without_settings(tmp_path):
    (tmp_path / "essaykit.toml").write_text('# the site\n[site]\ntitle = "From the site file"\nbio = "Bio here."\n'
                                            '[[site.nav]]\nlabel = "Home"\nurl = "/"\n')
    folder = review_folder(tmp_path / "notebooks")
    result = run_essaykit("build", folder, "-o", tmp_path / "out", "--no-execute")
    assert result.returncode == 0, result.stderr
    index = (tmp_path / "out" / "index.html").read_text()
    assert "<title>From the site file</title>" in index and '<li><a href="/">Home</a></li>' in index
    (tmp_path / "essaykit.toml").write_text("# only a marker, no [site] table\n")
    plain = run_essaykit("build", folder, "-o", tmp_path / "out2", "--no-execute")
    assert plain.returncode == 0 and "<title>Essays</title>" in (tmp_path / "out2" / "index.html").read_text()
    (tmp_path / "essaykit.toml").write_text("[site]\ntitel = 'typo'\n")
    bad = run_essaykit("build", folder, "-o", tmp_path / "out3", "--no-execute")
    assert bad.returncode == 2 and f"{tmp_path / 'essaykit.toml'}: unknown key 'site.titel'" in bad.stderr


def test_site_feed_author_comes_from_the_settings_and_entry_links_share_one_scheme(tmp_path):
    folder = tmp_path / "essays"
    write(folder, "one.ipynb", nb([md("One.")], title="One", date="2026-03-01", author="Ana", tags=["t"]))
    write(folder, "two.ipynb", nb([md("Two.")], title="Two", date="2026-03-02", author="Ana", tags=["t"],
                                  url="http://old-blog.example.org/2019/two/"))
    (tmp_path / "site.toml").write_text(SETTINGS.replace('author = "Mara Quill"', 'author = "The Film Notes Team"'))
    settings = load_settings(tmp_path / "site.toml")
    out = tmp_path / "site"
    assert not build(folder, out, settings=settings, title=settings.title).failed
    for path in (out / "feed.xml", out / "tags" / "t" / "feed.xml"):
        root = feed(path)
        assert root.findtext(f"{A}author/{A}name") == "The Film Notes Team", "the site's author, not the entries'"
        links = [e.find(f"{A}link[@rel='alternate']").get("href") for e in root.findall(f"{A}entry")]
        assert links == ["https://example.org/films/two.html", "https://example.org/films/one.html"], \
            "every entry links to its page on the site: one scheme, one host"
        ids = [e.findtext(f"{A}id") for e in root.findall(f"{A}entry")]
        assert ids[0] == "http://old-blog.example.org/2019/two/", "an essay's own url stays its id (no re-reads)"
