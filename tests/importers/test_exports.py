"""`essaykit import` of exports that are many files: Medium's, Substack's and WordPress.com's, zipped or not.

Every archive is built here with zipfile, from fixtures written for these tests
in the shapes the platforms' exports have (docs/import.md, "Exports from platforms").
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from .builders import WXR_FIXTURE
from .test_commands import do_import, target  # noqa: F401 - target is a fixture

from essaykit.errors import ImportFormatError
from essaykit.importers.archive import MAX_MEMBERS, open_bundle
from essaykit.importers.exports import read_export
from essaykit.importers.model import Failed, ImportedPost, Skipped


def medium_post(title: str, body: str, *, post_id: str, subtitle: str = "", draft: bool = False, heading: bool = True,
                when: str = "2024-03-05T09:10:11.123Z", author: str = "Ines Vale") -> str:
    slug = title.lower().replace(" ", "-")
    if draft:
        footer = f'<p><a href="https://medium.com/p/{post_id}">View original.</a></p>'
    else:
        footer = (f'<p>By <a href="https://medium.com/@ines" class="p-author h-card">{author}</a> on '
                  f'<a href="https://medium.com/p/{post_id}"><time class="dt-published" datetime="{when}">'
                  f'March 5, 2024</time></a>.</p><p><a href="https://medium.com/@ines/{slug}-{post_id}" '
                  'class="p-canonical">Canonical link</a></p>')
    heading = f'<h3 name="a1" id="a1" class="graf graf--h3 graf--leading graf--title">{title}</h3>' if heading else ""
    return (
        f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        f'<title>{title}</title><style>section[data-field=subtitle] {{ display: none; }}</style></head><body>'
        f'<article class="h-entry">\n<header>\n<h1 class="p-name">{title}</h1>\n</header>\n'
        f'<section data-field="subtitle" class="p-summary">\n{subtitle}\n</section>\n'
        f'<section data-field="body" class="e-content">\n<section name="s1" class="section section--body '
        f'section--first"><div class="section-divider"><hr class="section-divider"></div><div class="section-content">'
        f'<div class="section-inner sectionLayout--insetColumn">{heading}{body}</div></div></section>\n</section>\n'
        f'<footer>{footer}<p>Exported from <a href="https://medium.com">Medium</a> on May 1, 2024.</p></footer>'
        '</article></body></html>'
    )


LIGHTHOUSE = medium_post(
    "The Lighthouse Keeper", post_id="3c7869fdae53", subtitle="A film about waiting",
    body='<p name="p1" class="graf graf--p">The keeper counts ships that never come.</p>'
         '<figure class="graf graf--figure"><img class="graf-image" src="https://cdn-images-1.medium.com/max/800/1*x.png">'
         '<figcaption class="imageCaption">The lamp room.</figcaption></figure>'
         '<h4 class="graf graf--h4">What the sea keeps</h4><p class="graf graf--p">Nobody leaves the island.</p>'
         '<section class="section section--body"><div class="section-divider"><hr class="section-divider"></div>'
         '<div class="section-content"><p class="graf graf--p">Second section, after a break.</p></div></section>')
DRAFT = medium_post("Half a Thought", post_id="ad0ea1c7a4f3", draft=True,
                    body='<p class="graf graf--p">Not finished yet, but worth keeping.</p>')
# Medium titles a response with its first words; it has no title heading of its own.
RESPONSE = medium_post("Great point about the ending, I agree.", post_id="95a6b38004f", heading=False,
                       body='<p class="graf graf--p">Great point about the ending, I agree.</p>')

MEDIUM_FILES = {
    "README.html": "<html><body><h3 class=\"p-name\">Ines Vale</h3>Archive for Ines Vale</body></html>",
    "profile/profile.html": "<html><body>Email address: ines@example.org</body></html>",
    "posts/2024-03-05_The-Lighthouse-Keeper-3c7869fdae53.html": LIGHTHOUSE,
    "posts/draft_Half-a-Thought-ad0ea1c7a4f3.html": DRAFT,
    "posts/2024-04-01_Great-point-about-the-ending--I-agree--95a6b38004f.html": RESPONSE,
    "claps/claps-0001.html": "<html><body><ul><li>someone else's story</li></ul></body></html>",
}

SUBSTACK_CSV = (
    "post_id,post_date,is_published,email_sent_at,inbox_sent_at,type,audience,title,subtitle,podcast_url\n"
    "101.tide-tables,2023-06-01T08:00:00.000Z,true,2023-06-01T08:00:01.000Z,,newsletter,everyone,Tide Tables,"
    "\"On charts, and the sea\",\n"
    "102.the-paid-one,2023-07-01T08:00:00.000Z,true,,,newsletter,only_paid,The Paid One,For members,\n"
    "103.not-yet,2023-08-01T08:00:00.000Z,false,,,newsletter,everyone,Not Yet,,\n"
    "104.open-thread,2023-09-01T08:00:00.000Z,true,,,thread,everyone,Open Thread,,\n"
)
SUBSTACK_FILES = {
    "posts.csv": SUBSTACK_CSV,
    "posts/101.tide-tables.html": '<p>The tide comes in twice a day.</p><p class="button-wrapper" data-attrs="{}">'
                                  '<a class="button primary" href="https://x.substack.com/subscribe?"><span>Subscribe now'
                                  '</span></a></p><h2>Charts</h2><p>Old charts lie about depth.</p>',
    "posts/102.the-paid-one.html": "<p>Only for those who pay.</p>",
    "posts/103.not-yet.html": "<p>A draft on Substack.</p>",
    "posts/104.open-thread.html": "<p>Talk among yourselves.</p>",
    "email_list.abc.csv": "email,active_subscription,expiry,plan,email_disabled,created_at\nr@example.org,false,,,false,2023-01-01\n",
}


def make_zip(path: Path, files: dict[str, str | bytes], *, root: str = "") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in files.items():
            zf.writestr(root + name, content)
    return path


def make_folder(path: Path, files: dict[str, str]) -> Path:
    for name, content in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(content, encoding="utf-8")
    return path


def notebook(target, slug: str) -> dict:
    return json.loads((target[0] / f"{slug}.ipynb").read_text())


def cells(nb: dict) -> str:
    return "\n".join(c["source"] for c in nb["cells"] if c["cell_type"] == "markdown")


# --- Medium -------------------------------------------------------------------------------------


def test_a_medium_export_zip_imports_posts_and_drafts_and_leaves_out_responses(cli, target, tmp_path):
    export = make_zip(tmp_path / "medium-export-1f2e.zip", MEDIUM_FILES, root="medium-export-1f2e/")
    result = do_import(cli, target, export)
    assert result.exit_code == 0, result.output
    assert set(result.stdout.splitlines()) == {"half-a-thought: 0 comments, 0 mentions (new notebook)",
                                               "the-lighthouse-keeper: 0 comments, 0 mentions (new notebook)"}
    assert "Great-point-about-the-ending" in result.stderr and "a response you wrote" in result.stderr
    assert not (target[0] / "great-point-about-the-ending-i-agree.ipynb").exists()

    essay = notebook(target, "the-lighthouse-keeper")["metadata"]["essay"]
    assert essay["title"] == "The Lighthouse Keeper" and essay["summary"] == "A film about waiting"
    assert essay["date"] == "2024-03-05T09:10:11Z" and essay["author"] == "Ines Vale"
    assert essay["url"] == "https://medium.com/@ines/the-lighthouse-keeper-3c7869fdae53"
    assert essay["source"] == {"kind": "medium", "site": "medium.com", "id": "3c7869fdae53"}
    assert "draft" not in essay
    text = cells(notebook(target, "the-lighthouse-keeper"))
    assert text.startswith("The keeper counts ships"), "title heading and the first divider are metadata, not text"
    assert "The Lighthouse Keeper" not in text
    assert "https://cdn-images-1.medium.com/max/800/1*x.png" in text and "#### What the sea keeps" in text
    assert "Second section, after a break." in text

    draft = notebook(target, "half-a-thought")["metadata"]["essay"]
    assert draft["draft"] is True and draft["date"] == "" and draft["url"] == ""

    again = do_import(cli, target, export)
    assert "notebook exists and was kept" in again.stdout and not (target[0] / "the-lighthouse-keeper-2.ipynb").exists()


def test_the_unzipped_medium_folder_imports_the_same(cli, target, tmp_path):
    folder = make_folder(tmp_path / "medium-export", MEDIUM_FILES)
    result = do_import(cli, target, folder, extra=("--dry-run", "--explain"))
    assert result.exit_code == 0, result.output
    assert "would write" in result.stdout and "the-lighthouse-keeper" in result.stdout
    assert "title (.p-name)" in result.stdout and "The Lighthouse Keeper" in result.stdout
    assert not target[0].exists()
    posts_only = do_import(cli, target, folder / "posts", extra=("--dry-run",))
    assert "the-lighthouse-keeper" in posts_only.stdout and "half-a-thought" in posts_only.stdout, posts_only.output


def test_medium_images_follow_download_images(cli, target, tmp_path):
    export = make_zip(tmp_path / "m.zip", {"posts/2024-03-05_The-Lighthouse-Keeper-3c7869fdae53.html": LIGHTHOUSE})
    result = do_import(cli, target, export, extra=("--dry-run", "--download-images"))
    assert "would download 1 image" in result.stdout, result.output


# --- Substack -----------------------------------------------------------------------------------


def test_a_substack_export_imports_posts_with_paid_and_unpublished_ones_as_drafts(cli, target, tmp_path):
    export = make_zip(tmp_path / "substack-export.zip", SUBSTACK_FILES)
    result = do_import(cli, target, export)
    assert result.exit_code == 0, result.output
    assert {line.split(":")[0] for line in result.stdout.splitlines()} == {"tide-tables", "the-paid-one", "not-yet"}
    assert "a discussion thread" in result.stderr
    tide = notebook(target, "tide-tables")
    essay = tide["metadata"]["essay"]
    assert (essay["title"], essay["summary"], essay["date"]) == ("Tide Tables", "On charts, and the sea", "2023-06-01T08:00:00Z")
    assert essay["source"] == {"kind": "substack", "site": "substack.com", "id": "101.tide-tables"}
    assert "draft" not in essay and "Subscribe now" not in cells(tide) and "## Charts" in cells(tide)
    assert notebook(target, "the-paid-one")["metadata"]["essay"]["draft"] is True
    assert notebook(target, "not-yet")["metadata"]["essay"]["draft"] is True
    assert "for subscribers only on Substack (audience only_paid)" in result.stderr


def test_a_substack_csv_without_is_published_imports_drafts_and_says_why(cli, target, tmp_path):
    files = {"posts.csv": "post_id,title\n7.short,Short\n", "posts/7.short.html": "<p>Brief.</p>"}
    result = do_import(cli, target, make_folder(tmp_path / "sub", files))
    assert result.exit_code == 0, result.output
    assert notebook(target, "short")["metadata"]["essay"]["draft"] is True
    assert "no is_published column" in result.stderr and "no post_date column" in result.stderr


def test_a_substack_csv_without_post_id_names_the_column(cli, target, tmp_path):
    files = {"posts.csv": "id,title\n7,Short\n", "posts/7.html": "<p>Brief.</p>"}
    result = do_import(cli, target, make_zip(tmp_path / "s.zip", files))
    assert result.exit_code == 1
    assert "s.zip: posts.csv: has no post_id column (its header is id, title)" in result.stderr


def test_a_missing_body_is_named_with_its_row(cli, target, tmp_path):
    files = {"posts.csv": SUBSTACK_CSV.splitlines()[0] + "\n" + SUBSTACK_CSV.splitlines()[1] + "\n"}
    result = do_import(cli, target, make_zip(tmp_path / "s.zip", files))
    assert result.exit_code == 1
    assert "s.zip: posts.csv:2 (101.tide-tables): its body, posts/101.tide-tables.html, is not in the export" in result.stderr


# --- WordPress.com: a ZIP of WXR files ----------------------------------------------------------


def test_wordpress_com_zip_imports_every_wxr_inside(cli, target, tmp_path):
    export = make_zip(tmp_path / "reelnotes.wordpress.2026-11-14.zip",
                      {"reelnotes.wordpress.2026-11-14.000.xml": WXR_FIXTURE.read_bytes(),
                       "notes.xml": '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'})
    result = do_import(cli, target, export)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("the-ferrymans-ledger: 6 comments, 2 mentions")
    assert "notes.xml: XML, but not a WordPress export" in result.stderr
    direct = do_import(cli, target, WXR_FIXTURE)
    assert direct.stdout.startswith("the-ferrymans-ledger: 6 comments, 2 mentions (notebook exists and was kept"), \
        "the same posts from the ZIP and from the file are the same essays"
    assert "0 comments added" in direct.stderr


# --- hostile archives ---------------------------------------------------------------------------


def test_a_zip_bomb_is_refused_by_its_numbers_before_anything_is_unzipped(cli, target, tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("posts.csv", "post_id,title\n")
        with zf.open("posts/1.x.html", "w") as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(64):  # 64 MiB of zeros: about 64 KiB in the archive
                member.write(chunk)
    result = do_import(cli, target, bomb)
    assert result.exit_code == 1
    assert "posts/1.x.html would grow" in result.stderr and "zip bomb" in result.stderr


def test_a_bomb_behind_a_harmless_member_of_the_same_name_is_refused(tmp_path):
    export = tmp_path / "twice.zip"
    with zipfile.ZipFile(export, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("posts.csv", "post_id,title\n")
        with pytest.warns(UserWarning, match="Duplicate name"):
            zf.writestr("posts.csv", bytes(16 << 20))  # zipfile itself would read this one for the name
    with pytest.raises(ImportFormatError, match="posts.csv would grow .* a zip bomb's shape"):
        open_bundle(export)


def test_a_central_directory_too_long_for_its_count_is_refused(tmp_path, monkeypatch):
    from essaykit.importers import archive

    monkeypatch.setattr(archive, "MAX_MEMBERS", 10)
    export = make_zip(tmp_path / "long.zip", {f"{i}-" + "n" * 2000: "" for i in range(5)})
    with pytest.raises(ImportFormatError, match=r"a \d+ KB list of files, over the 10 files"):
        open_bundle(export)


def test_traversal_and_absolute_names_are_ignored_and_reported(cli, target, tmp_path):
    export = tmp_path / "evil.zip"
    with zipfile.ZipFile(export, "w") as zf:
        for name, content in SUBSTACK_FILES.items():
            zf.writestr(name, content)
        zf.writestr("../../outside.csv", "post_id,title\n9.x,Evil\n")
        zf.writestr(zipfile.ZipInfo("/etc/posts.csv"), "post_id\n")
        zf.writestr("posts/..\\..\\win.html", "<p>x</p>")
    result = do_import(cli, target, export)
    assert result.exit_code == 0, result.output
    for name in ("../../outside.csv", "/etc/posts.csv", "posts/..\\..\\win.html"):
        assert f"skipped evil.zip: {name}:" in result.stderr, name
    assert not (tmp_path / "outside.csv").exists() and "evil" not in result.stdout


def test_links_are_never_followed_in_a_zip_or_a_folder(tmp_path):
    import stat

    outside = tmp_path / "secret.csv"
    outside.write_text("post_id,title\n1.secret,Secret\n")
    export = tmp_path / "links.zip"
    with zipfile.ZipFile(export, "w") as zf:
        link = zipfile.ZipInfo("posts.csv")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, str(outside))
        zf.writestr("posts/1.secret.html", "<p>x</p>")
    folder = make_folder(tmp_path / "unzipped", {"posts/1.secret.html": "<p>x</p>"})
    (folder / "posts.csv").symlink_to(outside)
    for path, label in ((export, "links.zip"), (folder, "unzipped/")):
        bundle = open_bundle(path)
        try:
            assert bundle.ignored == [("posts.csv", "a symbolic link")] and "posts.csv" not in bundle.sizes
        finally:
            bundle.close()
        with pytest.raises(ImportFormatError, match="none of the exports"):
            read_export(path)


def test_an_archive_too_big_unzipped_is_refused_whole(tmp_path, monkeypatch):
    from essaykit.importers import archive

    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 1024)  # 2 GB of honest members would take minutes to write
    export = make_zip(tmp_path / "big.zip", {"posts.csv": "post_id,title\n" + "1.a,A\n" * 400})
    with pytest.raises(ImportFormatError, match=r"big.zip: its files would take .* GB unzipped, over the"):
        open_bundle(export)


def test_an_archive_of_100k_members_is_refused_from_its_end_record(tmp_path):
    export = tmp_path / "many.zip"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for i in range(100_000):
            zf.writestr(zipfile.ZipInfo(f"{i}"), b"")
    export.write_bytes(buf.getvalue())
    with pytest.raises(ImportFormatError, match=f"100,000 files, over the {MAX_MEMBERS:,}"):
        open_bundle(export)


def test_a_png_named_zip_and_a_zip_of_nothing_we_read_are_refused_by_name(cli, target, tmp_path):
    png = tmp_path / "export.zip"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    other = make_zip(tmp_path / "photos.zip", {"a.jpg": b"\xff\xd8\xff", "readme.txt": "hello"})
    damaged = tmp_path / "cut.zip"
    damaged.write_bytes(make_zip(tmp_path / "whole.zip", SUBSTACK_FILES).read_bytes()[:300])
    result = do_import(cli, target, png, other, damaged)
    assert result.exit_code == 1
    assert f"{png}: this is a PNG image" in result.stderr
    assert f"{other}: a ZIP archive with none of the exports essaykit reads in it" in result.stderr
    assert f"{damaged}: a damaged ZIP archive" in result.stderr
    assert not target[0].exists() or not list(target[0].glob("*.ipynb"))


def test_a_damaged_member_fails_with_the_archive_named(cli, target, tmp_path):
    export = make_zip(tmp_path / "wp.zip", {"blog.xml": WXR_FIXTURE.read_bytes()})
    data = bytearray(export.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 64] = bytes(64)  # inside the compressed WXR
    export.write_bytes(bytes(data))
    result = do_import(cli, target, export)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "error: wp.zip" in result.stderr and "download the export again" in result.stderr


def test_a_folder_that_is_no_export_is_refused(tmp_path):
    make_folder(tmp_path / "stuff", {"a.txt": "hello"})
    with pytest.raises(ImportFormatError, match="a folder with none of the exports"):
        read_export(tmp_path / "stuff")


def test_a_broken_medium_post_fails_alone(tmp_path):
    export = make_zip(tmp_path / "m.zip", {"posts/2024-03-05_The-Lighthouse-Keeper-3c7869fdae53.html": LIGHTHOUSE,
                                           "posts/2024-03-06_Broken-0123456789ab.html":
                                               "<html><body><p>Saved over by something else.</p></body></html>",
                                           "posts/2024-03-07_Latin-1-0123456789ac.html":
                                               LIGHTHOUSE.encode("utf-8") + b"\xe9"})
    kind, outcomes = read_export(export)
    found = list(outcomes)
    assert kind == "medium"
    assert [type(o) for o in found] == [ImportedPost, Failed, Failed]
    assert "m.zip: posts/2024-03-06_Broken-0123456789ab.html" == found[1].where and "not a Medium post" in found[1].message
    assert "is not UTF-8" in found[2].message


# --- subscriber lists ---------------------------------------------------------------------------


@pytest.mark.parametrize("content, fmt", [
    ("reader.one@example.org\nreader.two@example.org\n", "--format wordpress"),
    ("Email\nreader.one@example.org\n", "--format wordpress"),
    ("id,email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,created_at,deleted_at,labels\n"
     "1,a@example.org,A,,true,false,,2024-01-01T00:00:00.000Z,,\n", "--format ghost"),
    ("email,active_subscription,expiry,plan,email_disabled,created_at\na@example.org,false,,,false,2023-01-01\n",
     "does not read Substack's layout yet"),
    (SUBSTACK_CSV, "import the whole export instead"),
    ("Email Address,First Name,Last Name\na@example.org,A,B\n", "--format auto"),
])
def test_subscriber_lists_are_refused_with_the_command_that_reads_them(cli, target, tmp_path, content, fmt):
    path = tmp_path / "subscribers.csv"
    path.write_text(content)
    result = do_import(cli, target, path)
    assert result.exit_code == 1
    assert "not a post; nothing was imported from it" in result.stderr and fmt.lower() in result.stderr.lower()
    assert not target[0].exists() or not list(target[0].glob("*.ipynb"))


def test_a_text_copy_that_mentions_an_address_is_still_a_post(cli, target, tmp_path):
    path = tmp_path / "post.txt"
    path.write_text("Letters to the Editor\n\nWrite to me at editor@example.org if you disagree.\n\n"
                    "The film runs two hours and never drags.\n")
    result = do_import(cli, target, path)
    assert result.exit_code == 0, result.output
    assert "letters-to-the-editor" in result.stdout
