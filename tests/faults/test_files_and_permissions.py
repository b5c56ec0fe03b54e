"""Matrix rows 15-20, 26, 37: the journal file itself in a bad state."""

import os
import stat

from tests.faults.conftest import needs_setpriv


def test_truncated_journal_is_reported_damaged_and_left_as_it_is(started):
    started.fill(30)
    size = started.db.stat().st_size
    with started.db.open("r+b") as handle:
        handle.truncate(size // 2)
    before = started.db.read_bytes()
    for args in (["today"], ["write", "more"], ["log"]):
        result = started(*args)
        assert result.returncode == 1, args
        assert b"Traceback" not in result.stderr
        assert b"looks damaged" in result.stderr or b"not a reconcile journal" in result.stderr
    assert started.db.read_bytes() == before
    doctor = started("doctor")
    assert doctor.returncode == 1 and b"Traceback" not in doctor.stderr


def test_garbled_page_is_found_by_doctor(started):
    started.fill(40)
    with started.db.open("r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(os.urandom(4096))
    doctor = started("doctor")
    assert doctor.returncode == 1
    assert b"Traceback" not in doctor.stderr + doctor.stdout
    assert b"DAMAGED" in doctor.stdout or b"damaged" in doctor.stderr


@needs_setpriv
def test_read_only_journal_reads_but_refuses_writes_keeping_the_text(started):
    started.db.chmod(0o444)
    assert started("today", unprivileged=True).returncode == 0
    result = started("write", "words to keep", unprivileged=True)
    assert result.returncode == 1
    assert b"is read-only, so nothing was saved." in result.stderr
    assert b"Your text is safe in" in result.stderr
    assert started.rows("SELECT count(*) FROM entries") == [(1,)]


@needs_setpriv
def test_week_on_a_read_only_or_busy_journal_walks_without_keeping_a_checkpoint(started):
    # Row 82: week keeps a streak checkpoint when it can; when it cannot write (read-only, or
    # another command holds the write lock) it neither fails nor waits, and shows the same.
    import sqlite3

    for day in ("2026-07-01", "2026-07-02", "2026-07-03"):  # long before the checkpoint's day
        assert started("check", "no-begging=kept", "--date", day).returncode == 0
    started.db.chmod(0o444)
    read_only = started("week", "--json", unprivileged=True)
    assert read_only.returncode == 0, read_only.stderr
    assert started.rows("SELECT count(*) FROM streak_checkpoint") == [(0,)]
    started.db.chmod(0o644)
    holder = sqlite3.connect(started.db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer, mid-save
    try:
        busy = started("week", "--json")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert busy.returncode == 0, busy.stderr
    assert started.rows("SELECT count(*) FROM streak_checkpoint") == [(0,)]
    kept = started("week", "--json")
    assert started.rows("SELECT count(*) FROM streak_checkpoint") == [(1,)]
    assert read_only.stdout == busy.stdout == kept.stdout


@needs_setpriv
def test_read_only_folder_with_a_rollback_journal_reads_and_fails_writes_clearly(started):
    folder = started.db.parent
    folder.chmod(0o555)
    try:
        assert started("today", unprivileged=True).returncode == 0
        result = started("write", "cannot land", unprivileged=True)
        assert result.returncode == 1
        assert b"Traceback" not in result.stderr
        assert b"today's automatic backup could not be made (Permission denied)" in result.stderr
        assert f"The folder {folder} is read-only".encode() in result.stderr
        assert b"nothing was saved" in result.stderr.lower()
        assert b"Your text is safe in" in result.stderr
    finally:
        folder.chmod(0o755)


@needs_setpriv
def test_no_permission_to_read(started):
    started.db.chmod(0o000)
    result = started("today", unprivileged=True)
    assert result.returncode == 1
    assert result.stderr.decode() == (f"Cannot open the journal at {started.db}: "
                                      "permission denied.\n")


def test_new_files_are_private_even_with_a_careless_umask(app, tmp_path):
    old = os.umask(0)
    try:
        result = app("write", "private words")
        app("backup")
        app("export", "-o", str(tmp_path / "out.jsonl"))
    finally:
        os.umask(old)
    assert result.returncode == 0
    for path in (app.db, tmp_path / "out.jsonl", *(tmp_path / "backups").iterdir()):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_a_hot_journal_left_by_a_killed_writer_is_recovered(started):
    script = (
        "import os, sqlite3\n"
        f"conn = sqlite3.connect({str(started.db)!r}, isolation_level=None)\n"
        "conn.execute('PRAGMA cache_size = 1')\n"  # spill to the file before commit
        "conn.execute('BEGIN IMMEDIATE')\n"
        "for n in range(2000):\n"
        "    conn.execute(\"INSERT INTO entries (id, day, created_at, updated_at, body) VALUES \"\n"
        "                 \"(?, '2026-11-22', 'x', 'x', ?)\", (f'half-{n}', 'x' * 500))\n"
        "os._exit(9)\n"  # die mid-transaction, as with kill -9
    )
    import subprocess
    import sys

    subprocess.run([sys.executable, "-c", script], check=False)
    hot = started.db.with_name("journal.db-journal")
    assert hot.exists() and hot.stat().st_size > 0
    result = started("today")
    assert result.returncode == 0, result.stderr
    assert started.rows("SELECT count(*) FROM entries") == [(1,)]
    assert started.integrity() == "ok"


def test_a_symlinked_journal_is_followed(started, tmp_path):
    link = tmp_path / "link.db"
    link.symlink_to(started.db)
    from tests.faults.conftest import Reconcile

    linked = Reconcile(link)
    assert linked("write", "through the link").returncode == 0
    assert started.rows("SELECT body FROM entries ORDER BY seq")[-1] == ("through the link",)
    assert link.is_symlink()
