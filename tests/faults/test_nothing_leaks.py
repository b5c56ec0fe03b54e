"""Rows 55-60: holes found by trying to break it, where the journal let something in or out
(issue 10, part 2)."""

import json
import os
import re
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pexpect
import pytest

from tests.conftest import WAIT
from tests.faults.conftest import TODAY, needs_setpriv, uid

HEADER = {"format": "reconcile", "version": 1, "exported_at": "2026-11-22T10:00:00+00:00"}
OSC52 = "\x1b]52;c;aGVsbG8=\x07"  # writes the clipboard
OSC8 = "\x1b]8;;http://example.invalid\x1b\\link\x1b]8;;\x1b\\"
CSI = "\x1b[2J\x1b[31m"
DCS = "\x1bP1$r\x1b\\"
C1 = "\x9b2J\x9d0;title\x9c"
NASTY = OSC52 + OSC8 + CSI + DCS + C1 + "\x7f\x08\r\x00"
# What must never reach a terminal: C0 controls but tab and newline, DEL, and C1 controls.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def hostile_file(path: Path) -> str:
    records = [
        HEADER,
        {"type": "item", "slug": "no-begging", "label": "Did not beg" + NASTY, "kind": "restraint",
         "position": 1, "created_at": "2026-11-01T10:00:00+00:00"},
        {"type": "entry", "id": uid(1), "day": "2026-11-15", "kind": "reflection",
         "created_at": "2026-11-15T21:00:00+00:00", "updated_at": "2026-11-15T21:00:00+00:00",
         "prompt": "made-up-prompt" + NASTY, "mood": 4, "body": "A night" + NASTY + " unique"},
        {"type": "entry", "id": uid(2), "day": "2026-11-21", "kind": "journal",
         "created_at": "2026-11-21T21:00:00+00:00", "updated_at": "2026-11-21T21:00:00+00:00",
         "deleted_at": "2026-11-21T22:00:00+00:00", "body": NASTY + "in the trash"},
        {"type": "mark", "day": "2026-11-15", "item": "no-begging", "status": "missed",
         "note": "a note" + NASTY, "updated_at": "2026-11-15T21:00:00+00:00"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    return str(path)


READERS = [["log"], ["log", "--json"], ["today", "--date", "2026-11-15"],
           ["today", "--date", "2026-11-15", "--json"], ["show", uid(1)[:8]],
           ["search", "unique"], ["search", "unique", "--json"], ["week", "--date", "2026-11-15"],
           ["month"], ["streaks"], ["insights"], ["lookback"],
           ["trash"], ["items"], ["items", "--json"], ["config"], ["report"],
           ["report", "--with-entries", "--week", "2026-11-15"],
           ["report", "--with-entries", "--format", "html", "--week", "2026-11-15"],
           ["export", "--format", "md"], ["export", "--format", "csv"], ["undo", "--list"]]


@pytest.mark.parametrize("args", READERS, ids=" ".join)
def test_stored_control_sequences_never_reach_the_terminal(started, tmp_path, args):
    assert started("import", hostile_file(tmp_path / "hostile.jsonl")).returncode == 0
    child = pexpect.spawn(sys.executable, started.argv(*args)[1:],
                          env=started.env({"TERM": "dumb", "NO_COLOR": "1", "PAGER": "cat"}),
                          timeout=WAIT, dimensions=(200, 120))
    child.expect(pexpect.EOF)
    shown = child.before.decode("utf-8", "replace")
    assert not CONTROL.findall(shown.replace("\r\n", "\n")), repr(shown[:400])


def test_names_in_import_messages_are_made_safe(started, tmp_path):
    name = tmp_path / f"odd{OSC52}name.jsonl"
    name.write_text("not json\n")
    result = started("import", str(name))
    assert result.returncode == 1
    assert not CONTROL.findall(result.stderr.decode().rstrip("\n"))


def test_stored_text_stays_byte_exact_and_round_trips(started, tmp_path):
    assert started("import", hostile_file(tmp_path / "hostile.jsonl")).returncode == 0
    assert started.rows("SELECT body FROM entries WHERE id = ?", (uid(1),)) == [
        ("A night" + NASTY + " unique",)]
    exported = started("export").stdout
    assert b"\x9b" not in exported and b"\xc2\x9b" not in exported  # C1 written as \u009b
    from tests.faults.conftest import Reconcile

    other = Reconcile(tmp_path / "other" / "journal.db")
    other.db.parent.mkdir()
    assert other("import", "-", input=exported).returncode == 0
    assert other.rows("SELECT body, prompt FROM entries WHERE id = ?", (uid(1),)) == [
        ("A night" + NASTY + " unique", "made-up-prompt" + NASTY)]
    assert other.rows("SELECT label FROM items WHERE slug = 'no-begging'") == [
        ("Did not beg" + NASTY,)]


# --- row 56: an import never sets a program to run -------------------------------------------- --


def test_import_never_sets_the_editor(started, tmp_path):
    planted = tmp_path / "planted"
    source = tmp_path / "settings.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in (
        HEADER,
        {"type": "setting", "key": "editor", "value": f"touch {planted}; true"},
        {"type": "setting", "key": "day_starts_at", "value": "3"},
    )) + "\n")
    result = started("import", str(source))
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == (
        f"Imported {source}:\n"
        "  settings: 1 added, 0 updated, 0 unchanged, 1 skipped (editor: a setting that "
        "names a program is never imported)\n")
    assert started.rows("SELECT key, value FROM settings") == [("day_starts_at", "3")]
    short = started.rows("SELECT id FROM entries")[0][0][:8]
    started("edit", short, env={"EDITOR": "true", "VISUAL": ""})
    assert not planted.exists()


# --- row 57: deleted for good leaves no word behind ------------------------------------------- --


def test_emptying_the_trash_leaves_no_word_in_the_file_the_undo_log_or_the_next_backup(
        started, tmp_path):
    # The search index stores a word after the letters it shares with the word before it, so
    # "zq..." (which no other word here starts with) is looked for without its first letter too.
    secret = "zqxjvwk"
    short = started("write", f"A {secret} kept quiet.").stdout.decode().split()[2]
    started.fill(200, words=50)
    editor = tmp_path / "editor.py"
    for version in range(3):  # old versions of the text sit in the undo log and in free space
        editor.write_text(f"import sys\nopen(sys.argv[-1], 'w').write('Take {version}: "
                          f"a {secret} kept quiet, again and again.')\n")
        assert started("edit", short, env={"EDITOR": f"{sys.executable} {editor}"}
                       ).returncode == 0
    assert started("delete", short, "--yes").returncode == 0
    assert secret.encode() in started.db.read_bytes()
    emptied = started("trash", "--empty", "--yes")
    assert emptied.returncode == 0, emptied.stderr
    for path in started.db.parent.glob("journal.db*"):
        assert secret[1:].encode() not in path.read_bytes(), path
    assert started.rows("SELECT count(*) FROM change_rows WHERE before LIKE ?",
                        (f"%{secret}%",)) == [(0,)]
    copy = tmp_path / "after.db"
    assert started("backup", str(copy)).returncode == 0
    assert secret[1:].encode() not in copy.read_bytes()
    assert started("search", secret).stdout.decode() == f"Nothing found for “{secret}”.\n"
    assert started("doctor").returncode == 0


# --- row 58: deleted entries stay deleted on every computer ----------------------------------- --


def test_a_tombstone_keeps_a_deleted_entry_from_coming_back(started, tmp_path):
    from tests.faults.conftest import Reconcile

    short = started("write", "Written, then zqvregretted.").stdout.decode().split()[2]
    (full_id,) = started.rows("SELECT id FROM entries WHERE id LIKE ?", (short[:8] + "%",))[0]
    before = tmp_path / "before.jsonl"
    assert started("export", "-o", str(before)).returncode == 0
    desktop = Reconcile(tmp_path / "desktop" / "journal.db")
    desktop.db.parent.mkdir()
    assert desktop("import", str(before)).returncode == 0

    assert started("delete", short, "--yes").returncode == 0
    emptied = started("trash", "--empty", "--yes",
                      env={"RECONCILE_NOW": f"{TODAY}T21:30:00+00:00"})
    assert emptied.returncode == 0
    (grave,) = started.rows("SELECT key, stamp FROM graves WHERE tbl = 'entries'")
    assert json.loads(grave[0]) == {"id": full_id}
    assert grave[1] > started.rows("SELECT max(stamp) FROM entries")[0][0]  # the latest change

    again = started("import", str(before))  # the old export, from before the delete
    assert again.returncode == 0
    assert "1 skipped (deleted here later)" in again.stdout.decode()
    assert started.rows("SELECT count(*) FROM entries WHERE id = ?", (full_id,)) == [(0,)]

    after = tmp_path / "after.jsonl"
    assert started("export", "-o", str(after)).returncode == 0
    records = [json.loads(line) for line in after.read_text().splitlines()]
    (gone,) = [r for r in records if r.get("type") == "gone"]
    assert (gone["of"], gone["key"], gone["stamp"]) == ("entry", {"id": full_id}, grave[1])
    assert "qvregret" not in after.read_text()  # the id and when, never the words
    assert all(r.get("id") != full_id for r in records)

    travelled = desktop("import", str(after))
    assert travelled.returncode == 0
    assert "  deletions: 1 added (1 deleted here too)\n" in travelled.stdout.decode()
    assert desktop.rows("SELECT count(*) FROM entries WHERE id = ?", (full_id,)) == [(0,)]
    assert b"qvregret" not in desktop.db.read_bytes()
    assert desktop.rows("SELECT key FROM graves WHERE tbl = 'entries'") == [(grave[0],)]


# --- row 59: temporary files are private and never left behind -------------------------------- --


def partials(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".partial")]


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_stopped_export_removes_its_temporary_file(started, tmp_path, how):
    started.fill(3000, words=300)
    out = tmp_path / "out"
    out.mkdir()
    child = started.spawn("export", "-o", str(out / "export.jsonl"))
    deadline = time.monotonic() + 30
    while child.poll() is None and time.monotonic() < deadline and not partials(out):
        time.sleep(0.002)
    assert child.poll() is None, "the export finished before it could be stopped"
    (partial,) = partials(out)
    assert oct(partial.stat().st_mode & 0o777) == "0o600"
    child.send_signal(how)
    child.wait(timeout=30)
    assert child.returncode != 0
    assert partials(out) == []
    assert not (out / "export.jsonl").exists()


def test_a_temporary_file_left_by_kill_9_is_removed_on_the_next_run(started, tmp_path):
    started.fill(3000, words=300)
    out = tmp_path / "out"
    out.mkdir()
    child = started.spawn("export", "-o", str(out / "export.jsonl"))
    deadline = time.monotonic() + 30
    while child.poll() is None and time.monotonic() < deadline and not partials(out):
        time.sleep(0.002)
    assert child.poll() is None, "the export finished before it could be interrupted"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert len(partials(out)) == 1
    assert started("today").returncode == 0
    assert partials(out) == []


# --- row 60: doctor's own mistakes --------------------------------------------------------------


def test_doctor_repair_gives_folders_folder_permissions(started):
    backups = started.db.parent / "backups"
    inner = backups / "kept-by-hand"
    inner.mkdir(parents=True)
    inner.chmod(0o755)
    (inner / "copy.db").write_bytes(b"")
    os.chmod(inner / "copy.db", 0o644)
    assert started("doctor", "--repair").returncode in (0, 1)
    assert oct(inner.stat().st_mode & 0o777) == "0o700"
    assert oct((inner / "copy.db").stat().st_mode & 0o777) == "0o600"


@needs_setpriv
def test_doctor_on_a_read_only_journal_reports_no_false_index_problem(started):
    started.db.chmod(0o400)
    result = started("doctor", unprivileged=True)
    out = result.stdout.decode()
    assert "out of step" not in out + result.stderr.decode()
    assert "Search index not checked: the journal is read-only" in out
    assert result.returncode == 0, result.stderr


def test_the_undo_log_of_an_emptied_entry_is_gone_too(started):
    short = started("write", "words about to go").stdout.decode().split()[2]
    started("delete", short, "--yes")
    started("trash", "--empty", "--yes")
    conn = sqlite3.connect(started.db)
    before_images = [row[0] for row in conn.execute("SELECT before FROM change_rows")]
    conn.close()
    assert not [b for b in before_images if b and "about to go" in b]
