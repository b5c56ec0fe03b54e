"""backup, doctor and report."""

import sqlite3
import stat
import subprocess
import sys
import time

from tests.conftest import rows


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_backup_makes_a_private_consistent_copy(run, journal, tmp_path):
    run("write", "keep this safe")
    result = run("backup", env={"RECONCILE_NOW": "2026-11-22T21:30:00+00:00"})
    target = journal.parent / "backups" / "journal-2026-11-22T213000.db"
    assert result.stdout == f"Backed up to {target}\n"
    assert mode(target) == 0o600 and mode(target.parent) == 0o700
    assert rows(target, "SELECT body FROM entries") == [("keep this safe",)]
    again = run("backup", env={"RECONCILE_NOW": "2026-11-22T21:30:00+00:00"})
    assert (again.exit_code, again.stderr) == (
        1, f"{target} already exists; choose another name.\n")
    chosen = tmp_path / "elsewhere.db"
    assert run("backup", str(chosen)).exit_code == 0
    assert rows(chosen, "PRAGMA integrity_check") == [("ok",)]


def test_a_backup_taken_while_another_process_writes_is_whole(run, journal, tmp_path):
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", (
            "import os, sqlite3, time\n"
            f"conn = sqlite3.connect({str(journal)!r}, timeout=5, isolation_level=None)\n"
            "n = 0\n"
            f"while not os.path.exists({str(stop)!r}):  # until the test has its copies\n"
            "    conn.execute('BEGIN IMMEDIATE')\n"
            "    conn.execute(\"INSERT INTO entries (id, day, created_at, updated_at, body) \"\n"
            "                 \"VALUES (?, '2026-11-22', 'x', 'x', 'bulk')\", (f'bulk-{n}',))\n"
            "    conn.execute('COMMIT')\n"
            "    n += 1\n"
            # back-to-back commits with no gap at all can starve readers (rollback journal)
            "    time.sleep(0.001)\n")])
    copies = []
    try:
        while not rows(journal, "SELECT count(*) FROM entries")[0][0]:
            time.sleep(0.005)  # start copying once the writer is under way
        for n in range(5):
            target = tmp_path / f"copy-{n}.db"
            result = run("backup", str(target))
            assert result.exit_code == 0, result.output
            copies.append(target)
        assert writer.poll() is None  # so every copy was taken while it wrote
    finally:
        stop.touch()
        writer.wait(timeout=60)
    assert writer.returncode == 0
    written = rows(journal, "SELECT count(*) FROM entries")[0][0]
    for copy in copies:
        assert rows(copy, "PRAGMA integrity_check") == [("ok",)]
        count, = rows(copy, "SELECT count(*) FROM entries")[0]
        assert 0 < count < written
        ids = {i for (i,) in rows(copy, "SELECT id FROM entries")}
        assert ids == {f"bulk-{n}" for n in range(count)}  # a committed prefix, nothing torn


def test_automatic_backups_once_a_day_keeping_seven(run, journal):
    folder = journal.parent / "backups"
    for day in range(1, 10):
        now = {"RECONCILE_NOW": f"2026-11-{day:02d}T20:00:00+00:00"}
        assert run("mood", "5", "--date", "-0", env=now).exit_code == 0
        assert run("mood", "6", env=now).exit_code == 0  # second write that day: no new copy
    names = sorted(p.name for p in folder.iterdir())
    assert names == [f"journal-auto-2026-11-{d:02d}T200000-daily.db" for d in range(3, 10)]
    assert all(mode(folder / name) == 0o600 for name in names)


def test_doctor_on_a_healthy_journal(run, journal):
    run("write", "hello")
    result = run("doctor")
    assert result.exit_code == 0, result.output
    assert "Size         " in result.stdout
    assert "1 entry over 1 day (0 in the trash), 0 checklist answers, 12 items" in result.stdout
    assert "Integrity    ok\nSearch index ok\nPermissions  private\n" in result.stdout
    assert result.stdout.endswith("All is well.\n")


def test_doctor_finds_and_repairs_a_stale_search_index(run, journal):
    run("write", "the old words")
    conn = sqlite3.connect(journal)
    conn.execute("DROP TRIGGER entries_au")  # simulate an index that missed an edit
    conn.execute("UPDATE entries SET body = 'the new words'")
    conn.commit()
    conn.close()
    found = run("doctor")
    assert found.exit_code == 1
    assert "Search index out of step with your entries" in found.stdout
    assert found.stderr == ("Needs attention:\n- The search index is out of step; "
                            "`reconcile doctor --repair` rebuilds it.\n")
    repaired = run("doctor", "--repair")
    assert "Search index rebuilt" in repaired.stdout and repaired.exit_code == 0
    assert run("doctor").exit_code == 0


def test_doctor_finds_and_repairs_open_permissions(run, journal):
    journal.chmod(0o644)
    found = run("doctor")
    assert found.exit_code == 1
    assert f"- {journal} can be read by other users (644); `reconcile doctor --repair` makes " \
           "it private." in found.stderr
    assert run("doctor", "--repair").exit_code == 0
    assert mode(journal) == 0o600


def test_doctor_on_a_file_that_is_not_a_journal_lists_backups(run, journal):
    run("backup")
    journal.write_text("garbage " * 100)
    result = run("doctor")
    assert result.exit_code == 1
    assert "is not a reconcile journal" in result.stderr
    assert "Backups      1 in" in result.stdout


def test_report_is_private_by_default(run, journal, tmp_path):
    run("write", "My secret thoughts.", "--mood", "6", "--date", "2026-11-20")
    run("mood", "4", "--date", "2026-11-16")
    run("check", "no-begging=kept", "no-blame=missed", "--date", "2026-11-20")
    md = run("report").stdout
    assert md.startswith("# Week of Monday 16 November 2026 to Sunday 22 November 2026\n")
    assert "- **Mood:** mean 5 (lowest 4, highest 6, 2 days rated)" in md
    assert ("| Did not beg, plead or act out of desperation (held back from) | · | · | · | · "
            "| ✓ | · | · | 100% | 0 |") in md
    assert "secret" not in md
    assert "My secret thoughts." in run("report", "--with-entries").stdout
    page = tmp_path / "week.html"
    result = run("report", "--format", "html", "-o", str(page))
    assert result.exit_code == 0, result.output
    text = page.read_text()
    assert mode(page) == 0o600
    assert text.startswith("<!doctype html>") and "<svg" in text and "<polyline" in text
    assert "<script" not in text and "src=" not in text and "secret" not in text
    monthly = run("report", "--month", "2026-11-05").stdout
    assert monthly.startswith("# November 2026 (so far, to Sunday 22 November 2026)\n")
    assert "| item | W1 | W2 | W3 | W4 | W5 | W6 | rate | streak |" in monthly
    assert run("report", "--week", "today", "--month", "today").exit_code == 2


def test_report_escapes_what_it_shows_in_html(run, journal):
    run("items", "rename", "no-begging", "<b>bold</b> & brave")
    run("write", "<script>alert(1)</script>")
    page = run("report", "--format", "html", "--with-entries").stdout
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; brave" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page


def test_a_backup_is_taken_before_the_journal_is_upgraded(run, db_path):
    from sqlite_utils import Database

    from reconcile_cli.journal.migrations import migrations

    old = Database(db_path)  # a journal as the first version of reconcile left it
    migrations.apply(old, stop_before="m002_settings_and_change_log")
    old.execute("INSERT INTO entries (id, day, created_at, updated_at, body) VALUES "
                "('e1', '2026-11-01', 'x', 'x', 'from the old version')")
    old.conn.commit()
    old.close()
    result = run("today", "--date", "2026-11-01")
    assert result.exit_code == 0, result.output
    (copy,) = (db_path.parent / "backups").iterdir()
    assert copy.name.startswith("journal-auto-") and copy.name.endswith(
        "-before-m002_settings_and_change_log.db")
    assert rows(copy, "SELECT name FROM _sqlite_migrations") == [("m001_journal",)]
    assert rows(copy, "SELECT body FROM entries") == [("from the old version",)]
    from reconcile_cli.journal.migrations import KNOWN

    assert rows(db_path, "SELECT count(*) FROM _sqlite_migrations") == [(len(KNOWN),)]
