"""Where the journal lives and what happens when the file is not what it should be."""

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from reconcile_cli.journal import schema
from reconcile_cli.journal.db import applied_migrations, describe_error, open_journal
from reconcile_cli.journal.migrations import migrations
from tests.conftest import rows


def mode(path) -> str:
    return oct(stat.S_IMODE(path.stat().st_mode))


def test_default_location_is_private(run, tmp_path, monkeypatch):
    monkeypatch.delenv("RECONCILE_DB")
    result = run("mood", "5")
    assert result.exit_code == 0, result.output
    journal = tmp_path / "xdg" / "reconcile" / "journal.db"
    assert result.stderr == f"Started a new journal at {journal}\n"
    assert mode(journal) == "0o600"
    assert mode(journal.parent) == "0o700"
    assert sorted(p.name for p in journal.parent.iterdir()) == ["journal.db"]  # no sidecar left


def test_db_option_wins_over_the_environment(run, tmp_path, db_path):
    other = tmp_path / "other.db"
    assert run("--db", str(other), "mood", "5").exit_code == 0
    assert other.exists() and not db_path.exists()


def test_a_folder_is_not_a_journal(run, tmp_path):
    result = run("--db", str(tmp_path), "mood", "5")
    assert result.exit_code == 1
    assert result.stderr == f"{tmp_path} is a folder, not a journal file.\n"


def test_a_missing_folder_is_not_created(run, tmp_path):
    target = tmp_path / "nope" / "j.db"
    result = run("--db", str(target), "mood", "5")
    assert result.exit_code == 1
    assert result.stderr == (
        f"The folder {target.parent} does not exist, so no journal was made there; check the "
        "path given with --db or RECONCILE_DB.\n")
    assert not target.parent.exists()


@pytest.mark.parametrize("command", [["today"], ["mood", "5"]])
def test_a_file_that_is_not_a_database_is_left_untouched(run, db_path, command):
    db_path.write_text("my shopping list\n" * 200)
    before = db_path.read_bytes()
    result = run(*command)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{db_path} is not a reconcile journal (it is not an SQLite database). "
        "It was left untouched.\n")
    assert db_path.read_bytes() == before


def test_an_empty_file_is_not_silently_turned_into_a_journal(run, db_path):
    db_path.touch()
    result = run("mood", "5")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{db_path} is an empty file, not a journal, so it was left "
                                    "untouched")
    assert db_path.stat().st_size == 0


def test_another_programs_database_is_left_untouched(run, db_path):
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    before = db_path.read_bytes()
    result = run("mood", "5")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{db_path} is an SQLite database, but not a reconcile journal. It was left untouched.\n")
    assert db_path.read_bytes() == before


def test_a_journal_from_a_newer_version_is_refused_untouched(run, journal):
    with sqlite3.connect(journal) as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('reconcile', 'm999_from_the_future', '2030-01-01')")
    before = journal.read_bytes()
    for command in (["today"], ["mood", "5"]):
        result = run(*command)
        assert result.exit_code == 1
        assert result.stderr == (
            f"The journal at {journal} was written by a newer version of reconcile. "
            "Upgrade reconcile to open it; nothing was changed.\n")
    assert journal.read_bytes() == before


def test_a_busy_journal_fails_cleanly_and_keeps_the_text(run, journal, monkeypatch):
    monkeypatch.setattr("reconcile_cli.journal.db.BUSY_TIMEOUT_SECONDS", 0.2)
    holder = sqlite3.connect(journal, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = run("write", "words I do not want to lose")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1
    (draft,) = (journal.parent / "drafts" / "journal").iterdir()
    assert result.stderr == (
        "The journal is busy: another reconcile is writing to it. Nothing was saved; try again "
        f"in a moment. Your text is safe in {draft} and will be offered back next time.\n")
    assert draft.read_text() == "words I do not want to lose"
    assert mode(draft) == "0o600"
    assert rows(journal, "SELECT count(*) FROM entries") == [(0,)]
    assert "words I do not want" not in result.output.replace(str(draft), "")


def test_a_busy_journal_is_waited_for_within_the_timeout(run, journal):
    import threading

    holder = sqlite3.connect(journal, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(0.3, lambda: holder.execute("COMMIT")).start()
    result = run("mood", "5")
    holder.close()
    assert result.exit_code == 0, result.output
    assert rows(journal, "SELECT mood FROM entries") == [(5,)]


@pytest.mark.parametrize(
    ("sqlite_message", "expected"),
    [
        ("attempt to write a readonly database", "is read-only, so nothing was saved."),
        ("database or disk is full", "could not be written to disk (it may be full"),
        ("database disk image is malformed", "looks damaged"),
        ("database is locked", "The journal is busy"),
    ],
)
def test_sqlite_failures_become_one_human_line(tmp_path, sqlite_message, expected):
    message = describe_error(sqlite3.OperationalError(sqlite_message), tmp_path / "j.db").message
    assert expected in message
    assert "\n" not in message


# --- schema and connection --------------------------------------------------------------------


def test_the_schema_names_every_migration_in_order():
    # Every command checks for pending migrations against schema.NAMES, without sqlite-utils.
    assert tuple(migration.name for migration in migrations._migrations) == schema.NAMES


def test_blank_to_latest_and_reapplying_is_a_no_op(tmp_path):
    path = tmp_path / "j.db"
    db, created = open_journal(path, create=True)
    assert created
    assert {"entries", "items", "marks", "prompt_offers", "entries_fts", "settings", "changes",
            "change_rows"} <= set(db.table_names())
    assert [m.name for m in migrations.applied(db.utils())] == ["m001_journal",
                                                         "m002_settings_and_change_log",
                                                         "m003_tombstones_and_settings_undo",
                                                         "m004_support_and_notices",
                                                         "m005_letters",
                                                         "m006_starred_entries",
                                                         "m007_vision", "m008_goals",
                                                         "m009_pauses", "m010_streak_checkpoints",
                                                         "m011_entries_by_number",
                                                         "m013_kept_by_edits_and_own_prompts",
                                                         "m013b_slip_notes_search",
                                                         "m014_merging_and_sync"]
    tables = db.utils()
    assert tables["entries"].strict and tables["items"].strict and tables["marks"].strict
    db.close()
    again, created = open_journal(path, create=True)
    assert not created
    assert len(migrations.applied(again.utils())) == 14
    assert applied_migrations(again) == list(schema.NAMES)
    assert again.execute("SELECT count(*) FROM items").fetchone() == (0,)  # seeded by the CLI
    again.close()


def test_every_connection_is_durable_and_checks_foreign_keys(tmp_path):
    db, _ = open_journal(tmp_path / "j.db", create=True)
    assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert db.execute("PRAGMA synchronous").fetchone() == (3,)  # EXTRA
    assert db.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert db.execute("PRAGMA busy_timeout").fetchone() == (5000,)


ENTRY = "INSERT INTO entries (id, created_at, updated_at, day, "


@pytest.mark.parametrize(
    "sql",
    [
        ENTRY + "mood) VALUES ('a', 'x', 'x', '2026-11-22', 11)",
        ENTRY + "mood) VALUES ('a', 'x', 'x', '2026-11-22', 0)",
        ENTRY + "mood) VALUES ('a', 'x', 'x', '2026-11-22', 'five')",
        ENTRY + "mood) VALUES ('a', 'x', 'x', '2026-11-22', 4.5)",
        ENTRY + "body) VALUES ('a', 'x', 'x', '2026-11-22', '')",
        ENTRY + "mood) VALUES ('a', 'x', 'x', '22/11/2026', 5)",
        ENTRY + "mood, kind) VALUES ('a', 'x', 'x', '2026-11-22', 5, 'poem')",
        "INSERT INTO marks (day, item, status, note, updated_at) "
        "VALUES ('2026-11-22', 'no-begging', 'maybe', NULL, 'x')",
        "INSERT INTO items (slug, label, kind, position, created_at, retired_at) "
        "VALUES ('Bad Slug', 'x', 'action', 1, 'x', NULL)",
        "INSERT INTO items (slug, label, kind, position, created_at, retired_at) "
        "VALUES ('walk', 'x', 'habit', 1, 'x', NULL)",
        "INSERT INTO items (slug, label, kind, position, created_at, retired_at, kept_by) "
        "VALUES ('walk', 'x', 'action', 1, 'x', NULL, 'prayer')",
    ],
)
def test_the_schema_refuses_bad_rows_even_if_the_code_forgets(run, journal, sql):
    db, _ = open_journal(journal, create=False)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(sql)
    db.close()


def test_full_text_index_follows_entries_with_stemming(run, journal):
    assert run("write", "We walked by the river").exit_code == 0
    db, _ = open_journal(journal, create=False)
    hits = db.execute(
        "SELECT entries.body FROM entries_fts JOIN entries ON entries.seq = entries_fts.rowid "
        "WHERE entries_fts MATCH 'walking'").fetchall()
    assert hits == [("We walked by the river",)]


def test_a_cloud_synced_folder_or_a_hard_link_is_warned_about(run, tmp_path, monkeypatch):
    # Unpinned "today": working it out reads day_starts_at from an existing journal first,
    # which once opened the journal before the writing path could warn.
    monkeypatch.delenv("RECONCILE_TODAY")
    synced = tmp_path / "Dropbox" / "journal.db"
    synced.parent.mkdir()
    result = run("--db", str(synced), "mood", "5")
    assert result.exit_code == 0
    assert "Note: the journal is inside Dropbox, which syncs to the cloud" in result.stderr
    assert "Dropbox" not in run("--db", str(synced), "today").stderr  # reading: no nagging
    again = run("--db", str(synced), "mood", "4")  # a write to a journal that already exists
    assert again.stderr.count("Note: the journal is inside Dropbox") == 1
    os.link(synced, tmp_path / "second-name.db")
    assert "a second name (a hard link)" in run("--db", str(synced), "mood", "6").stderr


def test_network_file_systems_are_recognised_from_the_mount_table(tmp_path):
    from reconcile_cli.journal.paths import filesystem_type

    mounts = tmp_path / "mounts"
    mounts.write_text("/dev/sda1 / ext4 rw 0 0\nserver:/home /home/me/shared nfs4 rw 0 0\n"
                      "//nas/diary /mnt/My\\040Diary cifs rw 0 0\n")
    assert filesystem_type(Path("/home/me/shared/j.db"), mounts) == "nfs4"
    assert filesystem_type(Path("/mnt/My Diary/j.db"), mounts) == "cifs"
    assert filesystem_type(Path("/home/me/j.db"), mounts) == "ext4"
