"""Where the comment database is, and how it is opened (URL resolution, errors)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from essaykit.db.engine import is_transient, resolve_url
from essaykit.comments.store import CommentStore
from essaykit.errors import StoreError


def test_the_default_is_a_sqlite_file_in_the_essay_folder(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("ESSAYKIT_DB", raising=False)
    assert resolve_url(essay_dir=tmp_path) == f"sqlite:///{tmp_path.resolve()}/.essaykit/comments.sqlite"


def test_the_default_folder_is_the_current_one(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("ESSAYKIT_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    assert resolve_url() == f"sqlite:///{tmp_path.resolve()}/.essaykit/comments.sqlite"


def test_opening_the_default_creates_its_folder(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("ESSAYKIT_DB", raising=False)
    with CommentStore.open(essay_dir=tmp_path):
        pass
    assert (tmp_path / ".essaykit" / "comments.sqlite").is_file()


def test_essaykit_db_overrides_the_default(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("ESSAYKIT_DB", f"sqlite:///{tmp_path}/env.sqlite")
    assert resolve_url(essay_dir="/elsewhere") == f"sqlite:///{tmp_path}/env.sqlite"


def test_an_explicit_url_overrides_essaykit_db(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("ESSAYKIT_DB", "sqlite:///env.sqlite")
    assert resolve_url(f"sqlite:///{tmp_path}/db.sqlite") == f"sqlite:///{tmp_path}/db.sqlite"


def test_a_plain_path_is_an_sqlite_file(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert resolve_url("site/comments.sqlite") == f"sqlite:///{tmp_path.resolve()}/site/comments.sqlite"


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_plain_postgresql_urls_use_psycopg(scheme):
    assert resolve_url(f"{scheme}://me@db.example/essays") == "postgresql+psycopg://me@db.example/essays"


def test_an_explicit_sqlite_file_in_a_missing_folder_is_refused(tmp_path: Path):
    with pytest.raises(StoreError, match=r"does not exist; create it first"):
        CommentStore.open(f"sqlite:///{tmp_path}/missing/comments.sqlite")


@pytest.mark.parametrize("url, message", [
    ("mysql://u@h/db", "not supported"),
    ("not a url://", "not valid"),
])
def test_unusable_urls_are_refused_clearly(url, message):
    with pytest.raises(StoreError, match=message):
        CommentStore.open(url)


def test_an_unreachable_postgresql_is_one_clear_error_without_the_password():
    from helpers.servers import free_port

    url = f"postgresql+psycopg://me:s3cret@127.0.0.1:{free_port()}/essays?connect_timeout=5"
    with pytest.raises(StoreError, match="cannot open the comment database") as info:
        CommentStore.open(url)
    assert "s3cret" not in str(info.value), "passwords never appear in messages"
    assert "\n" not in str(info.value)


def test_a_file_that_is_not_a_database_is_one_clear_error(tmp_path: Path):
    bogus = tmp_path / "comments.sqlite"
    bogus.write_text("this is not sqlite " * 100)
    with pytest.raises(StoreError, match="cannot open the comment database"):
        CommentStore.open(f"sqlite:///{bogus}")


@pytest.mark.parametrize("module", ["essaykit", "essaykit.cli", "essaykit.comments.fields", "essaykit.comments.model",
                                    "essaykit.widgets.comments", "essaykit.widgets.rating"])
def test_what_runs_without_a_database_does_not_import_sqlalchemy(module):
    """SQLAlchemy loads with the store (essaykit.comments.store imports it at the top: whoever imports
    the store opens a database), never with `import essaykit`, the CLI's start or a kernel's widgets."""
    import subprocess
    import sys

    code = f"import sys, {module}; print('sqlalchemy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False", f"importing {module} loaded SQLAlchemy"


def test_a_site_file_puts_the_database_in_the_site_folder(tmp_path: Path, monkeypatch):
    """`serve notebooks/`, a kernel in notebooks/ and `comments list` at the top share one file."""
    monkeypatch.delenv("ESSAYKIT_DB", raising=False)
    (tmp_path / "essaykit.toml").write_text("# site settings\n")
    essays = tmp_path / "notebooks"
    essays.mkdir()
    (essays / "a.ipynb").write_text("{}")
    expected = f"sqlite:///{tmp_path.resolve()}/.essaykit/comments.sqlite"
    assert resolve_url(essay_dir=essays) == expected, "from the essays' folder"
    assert resolve_url(essay_dir=essays / "a.ipynb") == expected, "from an essay's file"
    monkeypatch.chdir(tmp_path)
    assert resolve_url() == expected, "from the site's top folder"
    monkeypatch.chdir(essays)
    assert resolve_url() == expected, "from a kernel running beside the notebook"


def test_without_a_site_file_the_essays_folder_keeps_its_own_database(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("ESSAYKIT_DB", raising=False)
    (tmp_path / "essaykit.toml").mkdir()  # a folder of that name is no site file
    essays = tmp_path / "notebooks"
    essays.mkdir()
    assert resolve_url(essay_dir=essays) == f"sqlite:///{essays.resolve()}/.essaykit/comments.sqlite"


def test_the_repository_is_one_site():
    """The README's moderation commands, run at the top, read what `./dev demo` writes."""
    from helpers import NOTEBOOKS, ROOT

    from essaykit.db.engine import site_folder

    assert site_folder(NOTEBOOKS / "the-salt-road.ipynb") == ROOT.resolve()
    assert site_folder(ROOT) == ROOT.resolve()


def test_a_locked_sqlite_database_is_transient_by_its_result_code_not_its_words(tmp_path):
    url = f"sqlite:///{tmp_path / 'locked.sqlite'}"
    holder = sa.create_engine(url, connect_args={"timeout": 0})
    waiter = sa.create_engine(url, connect_args={"timeout": 0})
    with holder.connect() as held:
        held.exec_driver_sql("CREATE TABLE t (x INTEGER)")
        held.exec_driver_sql("BEGIN IMMEDIATE")
        with waiter.connect() as conn, pytest.raises(sa.exc.OperationalError) as caught:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        held.exec_driver_sql("ROLLBACK")
    assert is_transient(caught.value), "SQLITE_BUSY is worth retrying"
    with waiter.connect() as conn, pytest.raises(sa.exc.OperationalError) as caught:
        conn.exec_driver_sql("SELECT * FROM no_such_table")
    assert not is_transient(caught.value), "a missing table is not"
    holder.dispose()
    waiter.dispose()
