"""`essaykit comments list|approve|spam|delete|export|import`."""

from __future__ import annotations

import getpass
import json
import os
import pty
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from essaykit.comments.store import CommentStore
from helpers import ROOT
from helpers.hostile_fields import CASES, IMPORTED_CASES, PARENT_ELSEWHERE, Refused

ESSAY = "the-salt-road"


@pytest.fixture
def db(tmp_path: Path, monkeypatch) -> str:
    """A database with three comments: two on the example essay, one elsewhere."""
    monkeypatch.delenv("ESSAYKIT_DB", raising=False)
    url = f"sqlite:///{tmp_path / 'comments.sqlite'}"
    records = [
        {"id": "c1", "essay": ESSAY, "author": "Ada", "email": "ada@example.org", "body": "First!\nSecond line",
         "created": "2026-11-20T18:00:00Z", "status": "approved"},
        {"id": "c2", "essay": ESSAY, "parent": "c1", "author": "[bold]Bo[/bold]", "email": "bo@example.org",
         "body": "A reply", "created": "2026-11-20T18:05:00Z", "status": "pending"},
        {"id": "c3", "essay": "another-essay", "author": "Cy", "email": "cy@example.org", "body": "Elsewhere",
         "created": "2026-11-20T18:10:00Z", "status": "pending", "anchor": {"exact": "the cellarer meets her",
                                                                             "spoiler": True}},
    ]
    with CommentStore.open(url) as store:
        assert store.import_records(records).added == 3
    return url


def statuses(url: str) -> dict[str, str]:
    with CommentStore.open(url) as store:
        return {c.id: c.status for c in store.list()}


# --- list ---------------------------------------------------------------------------


def test_list_prints_one_plain_line_per_comment_when_piped(cli, db):
    result = cli("comments", "list", "--db", db)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split("\t")[:3] for line in lines] == [
        ["c1", "approved", ESSAY], ["c2", "pending", ESSAY], ["c3", "pending", "another-essay"]]
    assert lines[0].split("\t")[6] == "First! Second line", "a comment's line breaks must not break the listing"
    assert lines[0].split("\t")[8] == "", "on the whole essay"
    assert lines[2].split("\t")[8] == "(a passage in a spoiler)" and "cellarer" not in result.output


def test_list_filters_by_essay_and_status(cli, db):
    result = cli("comments", "list", "--essay", ESSAY, "--status", "pending", "--db", db)
    assert [line.split("\t")[0] for line in result.output.splitlines()] == ["c2"]


def test_list_uses_essaykit_db(cli, db, monkeypatch):
    monkeypatch.setenv("ESSAYKIT_DB", db)
    assert len(cli("comments", "list").output.splitlines()) == 3


def test_list_uses_the_current_folder_by_default(cli, db, tmp_path, monkeypatch):
    folder = tmp_path / "essays"
    (folder / ".essaykit").mkdir(parents=True)
    (tmp_path / "comments.sqlite").rename(folder / ".essaykit" / "comments.sqlite")
    monkeypatch.chdir(folder)
    assert len(cli("comments", "list").output.splitlines()) == 3


def test_list_without_a_database_says_where_it_looked(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("ESSAYKIT_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    result = cli("comments", "list")
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"error: there is no comment database at {tmp_path.resolve()}/.essaykit/comments.sqlite; "
        "run this in your site's folder (the one with essaykit.toml) or your essays' folder, or give --db")
    assert not (tmp_path / ".essaykit").exists(), "listing must not create an empty database"


def test_list_on_a_terminal_is_a_table_that_shows_names_as_typed(db):
    exe = Path(sys.executable).with_name("essaykit")
    leader, follower = pty.openpty()
    proc = subprocess.Popen([str(exe), "comments", "list", "--db", db], stdout=follower, stderr=follower,
                            env={**os.environ, "COLUMNS": "160", "TERM": "xterm"})
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the pty closes when the child exits
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.wait(timeout=120) == 0
    screen = b"".join(chunks).decode()
    assert "3 comments" in screen and ("┃" in screen or "│" in screen), f"expected a rich table:\n{screen}"
    assert "[bold]Bo[/bold]" in screen, "rich markup in a reader's name must print literally"
    assert "bo@example.org" in screen, "the author's own listing shows emails"
    assert "cellarer" not in screen, "a passage in a spoiler is not quoted"


# --- moderation ------------------------------------------------------------------------


@pytest.mark.parametrize("verb, status", [("approve", "approved"), ("spam", "spam"), ("delete", "deleted")])
def test_moderation_commands_change_status_and_log_the_os_user(cli, db, verb, status):
    result = cli("comments", verb, "c2", "c3", "--reason", "checked", "--db", db)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"{status} 2 comments"
    assert statuses(db) == {"c1": "approved", "c2": status, "c3": status}
    with CommentStore.open(db) as store:
        last = store.log("c2")[-1]
    assert (last["old"], last["new"], last["by"], last["reason"]) == ("pending", status, getpass.getuser(), "checked")


def test_approving_an_approved_comment_says_so(cli, db):
    result = cli("comments", "approve", "c1", "--db", db)
    assert result.output.strip() == "approved 0 comments (1 already approved)"


def test_an_unknown_id_changes_nothing(cli, db):
    result = cli("comments", "approve", "c2", "nope", "--db", db)
    assert result.exit_code == 2
    assert result.output.strip() == (
        "error: there is no comment with id 'nope'; nothing was changed (see `essaykit comments list`)")
    assert statuses(db)["c2"] == "pending"


def test_moderation_needs_an_id(cli, db):
    result = cli("comments", "approve", "--db", db)
    assert result.exit_code == 2 and "Missing argument" in result.output


# --- export and import --------------------------------------------------------------------


def test_export_writes_the_full_backup_with_emails(cli, db):
    result = cli("comments", "export", "--db", db)
    records = json.loads(result.output)
    assert [r["id"] for r in records] == ["c1", "c2", "c3"]
    assert records[1] == {
        "id": "c2", "essay": ESSAY, "parent": "c1", "author": "[bold]Bo[/bold]", "email": "bo@example.org",
        "website": "", "body": "A reply", "created": "2026-11-20T18:05:00Z", "status": "pending",
        "kind": "comment", "source_url": "", "by_author": False, "spam_score": None,
    }


def test_export_one_essay_to_a_file(cli, db, tmp_path):
    target = tmp_path / "backup.json"
    result = cli("comments", "export", "--essay", "another-essay", "-o", target, "--db", db)
    assert result.exit_code == 0
    assert [r["id"] for r in json.loads(target.read_text(encoding="utf-8"))] == ["c3"]


def test_export_then_import_into_a_new_database_round_trips(cli, db, tmp_path):
    backup = tmp_path / "backup.json"
    backup.write_text(cli("comments", "export", "--db", db).output, encoding="utf-8")
    fresh = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    result = cli("comments", "import", backup, "--db", fresh)
    assert (result.exit_code, result.output.strip()) == (0, "3 added, 0 unchanged, 0 failed")
    assert cli("comments", "export", "--db", fresh).output == backup.read_text(encoding="utf-8")


def by_author_flags(url: str) -> dict[str, bool]:
    with CommentStore.open(url) as store:
        return {c.id: c.by_author for c in store.list()}


def test_the_authors_replies_survive_export_then_import(cli, db, tmp_path):
    reply = cli("comments", "reply", "c1", "Thank you, Ada.", "--name", "Essay Author", "--db", db)
    assert reply.exit_code == 0, reply.output
    backup = tmp_path / "backup.json"
    backup.write_text(cli("comments", "export", "--db", db).output, encoding="utf-8")
    records = json.loads(backup.read_text(encoding="utf-8"))
    assert [r["by_author"] for r in records] == [False, False, False, True], "the backup marks the author's reply"
    fresh = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    result = cli("comments", "import", backup, "--db", fresh)
    assert (result.exit_code, result.output.strip()) == (0, "4 added, 0 unchanged, 0 failed")
    flags = by_author_flags(fresh)
    assert flags == by_author_flags(db), "the restored database marks the same replies as the author's"
    assert sum(flags.values()) == 1, "only the author's own reply carries the Author badge"
    assert cli("comments", "export", "--db", fresh).output == backup.read_text(encoding="utf-8")


def test_import_refuses_a_by_author_that_is_not_a_boolean(cli, tmp_path):
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps([
        {"id": "a1", "essay": ESSAY, "author": "Ada", "body": "Hi", "created": "2026-11-20T18:00:00Z",
         "by_author": "yes"},
        {"id": "a2", "essay": ESSAY, "author": "Bo", "body": "Hi", "created": "2026-11-20T18:00:00Z",
         "by_author": None},
    ]), encoding="utf-8")
    fresh = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    result = cli("comments", "import", backup, "--db", fresh)
    assert result.exit_code == 1
    assert "record 0, field 'by_author'" in result.output and "true or false" in result.output
    assert by_author_flags(fresh) == {"a2": False}, "null means not the author's; the good record still goes in"


def test_reimport_changes_nothing(cli, db, tmp_path):
    backup = tmp_path / "backup.json"
    backup.write_text(cli("comments", "export", "--db", db).output, encoding="utf-8")
    cli("comments", "delete", "c1", "--db", db)
    before = cli("comments", "export", "--db", db).output
    result = cli("comments", "import", backup, "--db", db)
    assert (result.exit_code, result.output.strip()) == (0, "0 added, 3 unchanged, 0 failed")
    assert cli("comments", "export", "--db", db).output == before, "an old backup must not resurrect c1"


def test_import_reports_bad_records_by_index_and_field(cli, db, tmp_path):
    backup = tmp_path / "mixed.json"
    backup.write_text(json.dumps([
        {"id": "ok", "essay": ESSAY, "author": "A", "body": "fine", "created": "2026-01-01T00:00:00Z"},
        {"id": "bad", "essay": ESSAY, "author": "A", "email": "no-at-sign", "body": "x",
         "created": "2026-01-01T00:00:00Z"},
        "not an object",
    ]), encoding="utf-8")
    result = cli("comments", "import", backup, "--db", db)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{backup}: record 1, field 'email': the email 'no-at-sign' is not valid")
    assert lines[1].startswith(f"{backup}: record 2: is a JSON str, not an object")
    assert lines[-1] == "1 added, 0 unchanged, 2 failed"
    assert "ok" in statuses(db)


@pytest.mark.parametrize("content, message", [
    ("not json at all", "is not JSON (line 1, column 1"),
    ('{"id": "c1"}', "holds a JSON object, not a list of comments"),
    ("42", "holds a JSON int, not a list of comments"),
    (b"\xff\xfe\x00garbage", "is not UTF-8 text"),
])
def test_import_of_a_file_that_is_not_a_list_is_one_line(cli, db, tmp_path, content, message):
    path = tmp_path / "backup.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = cli("comments", "import", path, "--db", db)
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert result.output.startswith(f"error: {path}: {message}")


def test_import_of_a_missing_file(cli, db, tmp_path):
    result = cli("comments", "import", tmp_path / "nope.json", "--db", db)
    assert (result.exit_code, result.output.strip()) == (2, f"error: {tmp_path / 'nope.json'}: no such file")


@pytest.mark.parametrize("overrides, expected", [c[1:] for c in IMPORTED_CASES], ids=[c[0] for c in IMPORTED_CASES])
def test_import_of_hostile_records(cli, tmp_path, overrides, expected):
    url = f"sqlite:///{tmp_path / 'hostile.sqlite'}"
    records = []
    values = {"author": "Ada", "email": "ada@example.org", "website": "", "body": "A fine essay.", "parent": None,
              **overrides}
    if values["parent"] is PARENT_ELSEWHERE:
        records.append({"id": "elsewhere-1", "essay": "another-essay", "author": "Bo", "body": "hi",
                        "created": "2026-01-01T00:00:00Z", "status": "approved"})
        values["parent"] = "elsewhere-1"
    records.append({"id": "hostile-1", "essay": ESSAY, "created": "2026-11-20T18:00:00Z", "status": "approved",
                    "kind": "comment", "source_url": "", **values})
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    result = cli("comments", "import", path, "--db", url)
    index = len(records) - 1
    if isinstance(expected, Refused):
        assert result.exit_code == 1
        assert f"record {index}, field '{expected.field}'" in result.output, result.output
        return
    assert result.exit_code == 0, result.output
    with CommentStore.open(url) as store:
        stored = store.get("hostile-1")
    for key, value in expected.expect.items():
        assert getattr(stored, key) == value


# --- help and docs ---------------------------------------------------------------------------------


SUBCOMMANDS = ["list", "approve", "spam", "delete", "export", "import"]


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_every_subcommand_has_help_and_is_documented(cli, name):
    result = cli("comments", name, "--help")
    assert result.exit_code == 0 and "--db" in result.output
    docs = (ROOT / "docs" / "comments.md").read_text(encoding="utf-8")
    assert f"essaykit comments {name}" in docs, f"docs/comments.md should show `essaykit comments {name}`"


def test_comments_is_listed_in_the_top_level_help(cli):
    assert "comments" in cli("--help").output


def test_times_in_the_listing_are_utc(cli, db):
    created = cli("comments", "list", "--db", db).output.splitlines()[0].split("\t")[3]
    assert datetime.fromisoformat(created.replace("Z", "+00:00")) == datetime(2026, 11, 20, 18, tzinfo=timezone.utc)
