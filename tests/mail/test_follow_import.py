"""``essaykit followers import|list|export|remove``: CSV files of followers with their consent dates
(essaykit's own, Ghost's members export, WordPress.com's address list), hostile rows named by file and
line and skipped, nothing invented, nothing added twice, nobody who left brought back."""

from __future__ import annotations

import csv
import io

import pytest

from helpers.cli import run_essaykit


@pytest.fixture
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'comments.sqlite'}"


def listed(db: str) -> dict[str, tuple[str, str, str]]:
    done = run_essaykit("followers", "list", "--db", db)
    assert done.returncode == 0, done.stderr
    rows = [line.split("\t") for line in done.stdout.splitlines() if line]
    return {email: (state, consent, source) for email, state, consent, source in rows}


def write(path, text: str | bytes):
    (path.write_bytes if isinstance(text, bytes) else path.write_text)(text)
    return path


def test_our_csv_with_bad_rows_keeps_the_good_ones_and_names_every_bad_one(tmp_path, db):
    huge = "x" * 20_000
    source = write(tmp_path / "list.csv", "\n".join([
        "email,consent_at",
        "ada@example.org,2021-03-04",                      # 2
        "not-an-address,2021-03-04",                       # 3
        "bob@example.org,",                                # 4: no consent date
        "cy@example.org,someday",                          # 5
        "dee@example.org,2999-01-01",                      # 6: in the future
        f"{huge}@example.org,2021-03-04",                  # 7
        '"eve@example.org,2021-03-04',                     # 8: an unclosed quote swallows the rest
    ]) + "\n")
    done = run_essaykit("followers", "import", source, "--db", db)
    assert done.returncode == 1, "a skipped row makes the exit status 1"
    for line, why in ((3, "not-an-address"), (4, "no valid consent date"), (5, "no valid consent date"),
                      (6, "no valid consent date"), (7, "over 10000 characters")):
        assert f"{source}:{line}: " in done.stderr and why in done.stderr, (line, done.stderr)
    found = listed(db)
    assert found["ada@example.org"][:2] == ("active", "2021-03-04T00:00:00Z")
    assert set(found) == {"ada@example.org"}, "no row without an address and a consent date is added"
    again = run_essaykit("followers", "import", source, "--db", db)
    assert "0 followers added, 1 already here" in again.stdout, "a rerun adds nothing twice"


def test_nul_bytes_and_other_encodings_are_named_not_crashed_on(tmp_path, db):
    nul = write(tmp_path / "nul.csv", b"email,consent_at\nada@exa\x00mple.org,2021-03-04\nbo@example.org,2021-03-04\n")
    done = run_essaykit("followers", "import", nul, "--db", db)
    assert f"{nul}:2: " in done.stderr and "bo@example.org" in listed(db)
    latin = write(tmp_path / "latin.csv", "email,consent_at\nzoë@example.org,2021-03-04\n".encode("latin-1"))
    done = run_essaykit("followers", "import", latin, "--db", db)
    assert done.returncode != 0 and str(latin) in done.stderr and "UTF-8" in done.stderr
    assert "Traceback" not in done.stderr


def test_ghost_members_export(tmp_path, db):
    source = write(tmp_path / "members.csv", "\n".join([
        "id,email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,created_at,deleted_at,labels,tiers",
        "1,ghost@example.org,Gho,,true,,,2022-05-06T07:08:09.000Z,,,",
        "2,quiet@example.org,Qui,,false,,,2022-05-06T07:08:09.000Z,,,",
        "3,gone@example.org,Gon,,true,,,2022-05-06T07:08:09.000Z,2023-01-01T00:00:00.000Z,,",
    ]) + "\n")
    done = run_essaykit("followers", "import", source, "--db", db)
    assert "(ghost format)" in done.stdout
    assert f"{source}:3: quiet@example.org is not subscribed to emails" in done.stderr
    assert f"{source}:4: gone@example.org was deleted" in done.stderr
    assert listed(db) == {"ghost@example.org": ("active", "2022-05-06T07:08:09Z", "import:ghost:members.csv")}


def test_wordpress_com_export_needs_the_authors_consent_date(tmp_path, db):
    source = write(tmp_path / "subscribers.csv", "email\nwp@example.org\nnot an address\n")
    refused = run_essaykit("followers", "import", source, "--db", db)
    assert refused.returncode != 0 and "--consent-date" in refused.stderr and listed(db) == {}
    done = run_essaykit("followers", "import", source, "--consent-date", "2020-02-02", "--db", db)
    assert f"{source}:3: " in done.stderr
    assert listed(db) == {"wp@example.org": ("active", "2020-02-02T00:00:00Z", "import:wordpress:subscribers.csv")}


def test_export_reads_back_and_remove_is_never_undone_by_an_import(tmp_path, db):
    source = write(tmp_path / "list.csv", "email,consent_at\nada@example.org,2021-03-04\nbo@example.org,2021-03-05\n")
    run_essaykit("followers", "import", source, "--db", db)
    removed = run_essaykit("followers", "remove", "bo@example.org", "nobody@example.org", "--db", db)
    assert "1 follower removed" in removed.stdout and "nobody@example.org is not a follower" in removed.stderr
    exported = run_essaykit("followers", "export", "--db", db).stdout
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert {(r["email"], r["state"]) for r in rows} == {("ada@example.org", "active"), ("bo@example.org", "unsubscribed")}
    back = write(tmp_path / "back.csv", exported)
    again = run_essaykit("followers", "import", back, "--db", db)
    assert "is 'unsubscribed', not an active follower" in again.stderr
    run_essaykit("followers", "import", source, "--db", db)
    assert listed(db)["bo@example.org"][0] == "unsubscribed", "an import never brings back who left"
