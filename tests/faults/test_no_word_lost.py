"""Rows 47-54: holes found by trying to break it, where words could be lost (issue 10, part 1)."""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest

from tests.conftest import WAIT
from tests.faults.conftest import TODAY, needs_setpriv, uid

HEADER = {"format": "reconcile", "version": 1, "exported_at": "2026-11-22T10:00:00+00:00"}


def jsonl(path: Path, *records: dict) -> str:
    path.write_text("\n".join(json.dumps(r) for r in (HEADER, *records)) + "\n")
    return str(path)


def entry(n: int, body: str, updated: str = "2026-11-20T21:00:00+00:00", **more) -> dict:
    return {"type": "entry", "id": uid(n), "day": "2026-11-20",
            "created_at": "2026-11-20T21:00:00+00:00", "updated_at": updated,
            "kind": "journal", "body": body, **more}


def spawn(app, *args: str, env: dict | None = None) -> pexpect.spawn:
    # the terminal's width, as its size says it (messages are wrapped to it between words)
    return pexpect.spawn(sys.executable, app.argv(*args)[1:], env=app.env({"COLUMNS": "100",
                                                                           **(env or {})}),
                         encoding="utf-8", timeout=WAIT, dimensions=(40, 100))


# --- row 47: an import is one undo step -------------------------------------------------------- -


def test_undo_right_after_an_import_takes_back_the_import_and_nothing_else(started, tmp_path):
    first = jsonl(tmp_path / "first.jsonl", entry(1, "As it was."))
    assert started("import", first).returncode == 0
    assert started("write", "Written before the second import.").returncode == 0
    second = jsonl(
        tmp_path / "second.jsonl",
        entry(1, "Changed on the other computer.", updated="2026-11-21T09:00:00+00:00"),
        entry(2, "New from the other computer."),
        {"type": "mark", "day": "2026-11-20", "item": "no-begging", "status": "kept",
         "updated_at": "2026-11-20T21:00:00+00:00"},
        {"type": "setting", "key": "day_starts_at", "value": "3"},
    )
    assert started("import", second).returncode == 0

    undone = started("undo")
    assert (undone.returncode, undone.stdout.decode()) == (0, f"Undone: imported {second}.\n")
    assert started.rows("SELECT body FROM entries ORDER BY seq") == [
        ("The first entry.",), ("As it was.",), ("Written before the second import.",)]
    assert started.rows("SELECT body FROM entries WHERE id = ?", (uid(1),)) == [("As it was.",)]
    assert started.rows("SELECT count(*) FROM marks") == [(0,)]
    assert started.rows("SELECT * FROM settings") == []
    # the search index followed the undo too
    assert started("search", "computer").stdout.decode() == "Nothing found for “computer”.\n"
    assert started("doctor").returncode == 0
    # and the next undo is the change before the import
    assert started("undo").stdout.decode().startswith("Undone: wrote a journal entry")


# --- row 48: trash --empty deletes exactly what it listed ---------------------------------------


def test_emptying_the_trash_deletes_only_what_the_question_listed(started):
    first = started("write", "Trashed first.").stdout.decode().split()[2]
    second = started("write", "Trashed while the question waits.").stdout.decode().split()[2]
    assert started("delete", first, "--yes").returncode == 0
    child = spawn(started, "trash", "--empty")
    child.expect(r"Delete 1 entry for good\? This cannot be undone. \[y/N\]")
    assert started("delete", second, "--yes").returncode == 0  # in another terminal
    child.sendline("y")
    child.expect("Deleted 1 entry for good.")
    child.expect(pexpect.EOF)
    assert started.rows("SELECT body, deleted_at IS NOT NULL FROM entries ORDER BY seq") == [
        ("The first entry.", 0), ("Trashed while the question waits.", 1)]


# --- row 49: backups are whole or absent, and a broken one is named -----------------------------


def auto_backup_name(day: str, clock: str = "080000") -> str:
    return f"journal-auto-{day}T{clock}-daily.db"


def test_a_broken_backup_of_today_is_retried_and_named_by_doctor(started):
    backups = started.db.parent / "backups"
    backups.mkdir(mode=0o700, exist_ok=True)
    for old in backups.glob("*.db"):
        old.unlink()
    broken = backups / auto_backup_name(TODAY, "000100")
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 40)  # what a killed copy left
    broken.chmod(0o600)
    assert started("write", "After the broken copy.",
                   env={"RECONCILE_NOW": f"{TODAY}T21:00:00+00:00"}).returncode == 0
    good = backups / auto_backup_name(TODAY, "210000")
    assert good.exists()
    assert sqlite3.connect(good).execute("PRAGMA quick_check").fetchone() == ("ok",)
    doctor = started("doctor", env={"RECONCILE_NOW": f"{TODAY}T21:00:00+00:00"})
    assert doctor.returncode == 1
    out = doctor.stdout.decode()
    assert "the newest good one is" in out and f"({good.name})" in out
    assert (f"- The backup {broken} is incomplete or damaged, so it cannot be restored from; "
            "it can be removed.") in doctor.stderr.decode()


def test_rotation_never_removes_a_good_copy_to_keep_a_broken_one(started):
    backups = started.db.parent / "backups"
    backups.mkdir(mode=0o700, exist_ok=True)
    for old in backups.glob("*.db"):
        old.unlink()
    for day in range(10, 18):  # eight good copies
        target = backups / auto_backup_name(f"2026-11-{day}")
        source = sqlite3.connect(started.db)
        source.backup(sqlite3.connect(target))
        source.close()
    for day in range(18, 21):  # three broken ones, newer
        (backups / auto_backup_name(f"2026-11-{day}")).write_bytes(b"")
    assert started("write", "today", env={"RECONCILE_NOW": f"{TODAY}T21:00:00+00:00"}
                   ).returncode == 0
    kept = sorted(p.name for p in backups.glob("*.db"))
    assert kept == sorted([auto_backup_name(f"2026-11-{d}") for d in range(12, 21)]
                          + [auto_backup_name(TODAY, "210000")])


def test_kill_9_during_a_backup_leaves_no_half_copy_under_a_backup_name(started, tmp_path):
    started.fill(6000, words=400)
    backups = started.db.parent / "backups"
    before = set(backups.glob("*.db")) if backups.is_dir() else set()
    child = started.spawn("backup")
    deadline = time.monotonic() + 30
    while child.poll() is None and time.monotonic() < deadline and not (
            backups.is_dir() and any(p.name.endswith(".partial") for p in backups.iterdir())):
        time.sleep(0.001)
    assert child.poll() is None, "the backup finished before it could be interrupted"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert set(backups.glob("*.db")) == before  # nothing half-made under a backup's name
    assert started("doctor").returncode == 0  # the next run cleared what the kill left
    assert not [p for p in backups.iterdir() if p.name.endswith(".partial")]


# --- row 50: a draft saved to the fallback folder is offered back -------------------------------


@needs_setpriv
def test_a_draft_in_the_fallback_folder_is_offered_back(started):
    shutil.rmtree(started.db.parent / "drafts", ignore_errors=True)
    (started.db.parent / "drafts").write_text("not a folder")  # the drafts folder cannot be made
    started.db.chmod(0o444)
    failed = started("write", "words that must come back", unprivileged=True)
    assert failed.returncode == 1
    stderr = failed.stderr.decode()
    assert "is read-only, so nothing was saved. Your text is safe in " in stderr
    kept_in = Path(stderr.split("Your text is safe in ")[1].split(" and will be")[0])
    assert kept_in.read_text() == "words that must come back"
    assert not kept_in.is_relative_to(started.db.parent / "drafts")
    started.db.chmod(0o644)
    child = spawn(started, "write", "--edit", env={"EDITOR": "true"})
    child.expect("A journal entry for Sunday 22 November 2026 was never saved: "
                 "“words that must come back”")
    child.sendline("s")
    child.expect("Saved entry")
    child.expect(pexpect.EOF)
    assert started.rows("SELECT body FROM entries ORDER BY seq") == [
        ("The first entry.",), ("words that must come back",)]
    assert not kept_in.exists()


# --- row 51: export and report never write over the journal, and write through links ---------- --


@pytest.mark.parametrize("command", [["export"], ["export", "--format", "md"], ["report"]])
@pytest.mark.parametrize("target", ["journal.db", "journal.db-journal", "journal.db-wal",
                                    "journal.db-shm", "backups/copy.jsonl", "drafts/out.md",
                                    "drafts/journal/2026-11-22.journal.abc123.txt"])
def test_export_and_report_refuse_the_journal_and_its_own_files(started, command, target):
    before = started.db.read_bytes()
    path = started.db.parent / target
    if target.startswith("journal.db-"):
        path.write_bytes(b"")
    expected = {
        "journal.db": f"{path} is your journal itself; nothing was written. Choose another file.",
        "backups": f"{path} is inside {started.db.parent / 'backups'}, which holds the journal's "
                   "own backups; nothing was written. Choose another place.",
        "drafts": f"{path} is inside {started.db.parent / 'drafts'}, which holds the journal's "
                  "own drafts; nothing was written. Choose another place.",
    }.get(target.split("/")[0], f"{path} is a file SQLite keeps beside your journal; nothing "
                                "was written. Choose another file.")
    for force in ([], ["--force"]):
        result = started(*command, "-o", str(path), *force)
        assert (result.returncode, result.stderr.decode()) == (1, expected + "\n")
    assert started.db.read_bytes() == before


def test_dash_is_standard_output(started, tmp_path):
    plain = started("export")
    dashed = subprocess.run(started.argv("export", "-o", "-"), capture_output=True,
                            env=started.env(), cwd=tmp_path)
    assert dashed.returncode == 0
    assert dashed.stdout.splitlines()[1:] == plain.stdout.splitlines()[1:]
    assert not (tmp_path / "-").exists()


def test_dev_stdout_and_a_named_pipe_are_written_in_place_without_force(started, tmp_path):
    result = started("export", "-o", "/dev/stdout")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[0])["format"] == "reconcile"
    assert os.path.islink("/dev/stdout")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    report = started("report", "-o", str(fifo))
    out = reader.communicate(timeout=30)[0].decode()
    assert report.returncode == 0, report.stderr
    assert out.startswith("# Week of Monday 16 November 2026")
    assert fifo.is_fifo()


def test_a_link_is_written_through_to_its_target(started, tmp_path):
    target = tmp_path / "real.jsonl"
    target.write_text("old")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    refused = started("export", "-o", str(link))
    assert (refused.returncode, refused.stderr.decode()) == (
        1, f"{link} already exists; use --force to replace it.\n")
    assert started("export", "-o", str(link), "--force").returncode == 0
    assert link.is_symlink() and link.resolve() == target
    assert json.loads(target.read_text().splitlines()[0])["format"] == "reconcile"
    assert oct(target.stat().st_mode & 0o777) == "0o600"


# --- row 52: drafts know what they belong to, and whose they are --------------------------------


def drafts_of(app) -> Path:
    return app.db.parent / "drafts" / "journal"


def test_a_blank_draft_never_blocks_writing(started):
    folder = drafts_of(started)
    folder.mkdir(parents=True, exist_ok=True)
    blank = folder / "2026-11-21.journal.abc123.txt"
    blank.write_text("  \n\n ")
    for args in (["write", "still writing"], ["mood", "5"]):
        result = started(*args)
        assert result.returncode == 0, result.stderr
        assert b"Something went wrong" not in result.stderr
    assert not blank.exists()


def test_saving_a_recovered_draft_and_writing_nothing_more_is_a_success(started):
    folder = drafts_of(started)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2026-11-21.journal.abc123.txt").write_text("Kept from a crash.")
    child = spawn(started, "write", env={"EDITOR": "true"})
    child.expect("was never saved: “Kept from a crash.”")
    child.sendline("s")
    child.expect("Saved entry [0-9a-f]{8}.")
    child.expect("No new words, so nothing more was saved.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert started.rows("SELECT day, body FROM entries ORDER BY seq")[-1] == (
        "2026-11-21", "Kept from a crash.")


def test_two_checkins_at_once_never_offer_each_others_words(started):
    # yesterday: today has a mood already, which a check-in does not ask again
    first = spawn(started, "checkin", "--no-backfill", "--date", "2026-11-21")
    first.expect("How were you feeling")
    first.sendline("")
    for _ in range(10):  # twelve items; gratitude and reflection are ticked by their questions
        first.expect(r"\[y/n/s\]")
        first.sendline("")
    first.expect("grateful for")
    first.sendline("")
    first.expect("A question to sit with")
    first.expect("  > ")
    first.sendline("Half a thought, still being typed")
    first.expect("  > ")
    second = spawn(started, "checkin", "--no-backfill", "--date", "2026-11-21")
    index = second.expect(["was never saved", "How were you feeling"])
    assert index == 1, "the second check-in offered the first one's words"
    second.sendcontrol("c")
    second.expect(pexpect.EOF)
    first.sendline("")
    first.expect("Anything else on your heart")
    first.expect("  > ")
    first.sendline("")
    first.expect(pexpect.EOF)
    assert ("Half a thought, still being typed",) in started.rows("SELECT body FROM entries")


@needs_setpriv
def test_a_draft_left_by_a_failed_edit_is_offered_back_as_that_edit(started, tmp_path):
    short = started("write", "The words before the edit.").stdout.decode().split()[2]
    editor = tmp_path / "editor.py"
    editor.write_text("import sys\nopen(sys.argv[-1], 'w').write('The words after the edit.')\n")
    started.db.chmod(0o444)  # the edit cannot be saved
    failed = started("edit", short, env={"EDITOR": f"{sys.executable} {editor}"},
                     unprivileged=True)
    started.db.chmod(0o644)
    assert failed.returncode == 1
    assert b"Your text is safe in" in failed.stderr
    child = spawn(started, "write", "--edit", env={"EDITOR": "true"})
    child.expect(f"Your edit of entry {short} \\(Sunday 22 November 2026\\) was never saved: "
                 "“The words after the edit.”")
    child.expect(r"Save it now \(s\), keep it for later \(k\), or delete it \(d\)\?")
    child.sendline("s")
    child.expect(f"Entry {short} saved.")
    child.expect("No new words, so nothing more was saved.")
    child.expect(pexpect.EOF)
    assert started.rows("SELECT body FROM entries ORDER BY seq") == [
        ("The first entry.",), ("The words after the edit.",)]


def test_a_draft_being_typed_elsewhere_raises_no_false_warning(started, tmp_path):
    editor = tmp_path / "slow_editor.py"
    editor.write_text("import sys, time\nopen(sys.argv[-1], 'w').write('still typing')\n"
                      "time.sleep(30)\n")
    typing = started.spawn("write", "--edit", env={"EDITOR": f"{sys.executable} {editor}"},
                           start_new_session=True)
    try:
        folder = drafts_of(started)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not (
                folder.is_dir() and any(p.read_text() for p in folder.glob("*.txt"))):
            time.sleep(0.05)
        meanwhile = started("write", "from another terminal")
        assert meanwhile.returncode == 0
        assert meanwhile.stderr == b""
    finally:
        os.killpg(typing.pid, signal.SIGTERM)
        typing.wait()


# --- row 53: two first commands at once ----------------------------------------------------------


def test_first_commands_racing_on_a_new_journal_all_succeed(tmp_path):
    from tests.faults.conftest import Reconcile

    for attempt in range(4):
        app = Reconcile(tmp_path / f"race-{attempt}" / "journal.db")
        app.db.parent.mkdir()
        children = [app.spawn("write", f"writer {n}", stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE) for n in range(6)]
        results = [(child.wait(timeout=60), child.stderr.read().decode())
                   for child in children]
        assert [code for code, _ in results] == [0] * 6, results
        assert sum("Started a new journal" in err for _, err in results) == 1, results
        assert app.rows("SELECT count(*) FROM entries") == [(6,)]
        assert app.rows("SELECT count(*) FROM items") == [(12,)]
        leftovers = sorted(p.name for p in app.db.parent.iterdir())
        assert leftovers in (["drafts", "journal.db"], ["backups", "drafts", "journal.db"]), \
            leftovers


def test_an_empty_file_is_never_called_removable(app):
    app.db.write_bytes(b"")
    result = app("write", "words")
    assert result.returncode == 1
    assert result.stderr.decode().startswith(
        f"{app.db} is an empty file, not a journal, so it was left untouched and nothing was "
        "saved. To start a new journal, give another file with --db. Your text is safe in ")
    assert app.db.read_bytes() == b""
    assert "remov" not in result.stderr.decode()


# --- row 54: a mistyped --db grows no folders ----------------------------------------------------


@pytest.mark.parametrize("args", [["write", "words"], ["mood", "5"], ["check", "no-begging=y"],
                                  ["write", "--edit"]])
def test_a_journal_in_a_missing_folder_is_refused_and_no_folder_is_made(tmp_path, args):
    from tests.faults.conftest import Reconcile

    app = Reconcile(tmp_path / "jornal" / "j.db")
    result = app(*args, env={"EDITOR": "true"})
    assert (result.returncode, result.stderr.decode()) == (
        1, f"The folder {tmp_path / 'jornal'} does not exist, so no journal was made there; "
           "check the path given with --db or RECONCILE_DB.\n")
    assert not (tmp_path / "jornal").exists()
