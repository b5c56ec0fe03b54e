"""What may happen to a sync folder (issue 22, section 3): files cut short or still arriving, the
copies sync tools make, files of another journal and hostile ones, a computer killed at each step
of a sync, two writing at once, an old copy of the folder put back. Each is skipped with a
reason, or taken once; never a crash, never a change half made, never a word lost."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from reconcile_cli.journal import syncfolder
from tests.store.replicas import Replica


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "Sync"
    made.mkdir()
    return made


def linked(tmp_path: Path, folder: Path, name: str) -> Replica:
    journal = Replica(tmp_path / name, name)
    assert journal.run("sync", str(folder), "--name", name).exit_code == 0
    return journal


def skipped(journal: Replica) -> dict[str, str]:
    status = json.loads(journal.run("sync", "--status", "--json").stdout)
    return {entry["file"]: entry["reason"] for entry in status["skipped"]}


def newest(folder: Path, device: str) -> Path:
    return sorted((folder / "changes").glob(f"{device}-*.rcs"))[-1]


def test_a_file_cut_short_is_skipped_and_taken_when_it_is_whole(tmp_path, folder):
    laptop, desktop = linked(tmp_path, folder, "laptop"), linked(tmp_path, folder, "desktop")
    laptop.run("write", "Arriving slowly.")
    whole = newest(folder, laptop.rows("SELECT device FROM clock")[0][0])
    data = whole.read_bytes()
    whole.write_bytes(data[: len(data) // 2])  # still being copied by the sync tool
    desktop.run("today")
    assert desktop.rows("SELECT count(*) FROM entries") == [(0,)]
    assert skipped(desktop) == {whole.name: "cut short (still being copied?)"}
    whole.write_bytes(data)  # the rest arrives
    desktop.run("today")
    assert desktop.rows("SELECT body FROM entries") == [("Arriving slowly.",)]
    assert skipped(desktop) == {}


def test_a_damaged_file_is_named_and_nothing_of_it_taken(tmp_path, folder):
    laptop, desktop = linked(tmp_path, folder, "laptop"), linked(tmp_path, folder, "desktop")
    laptop.run("write", "Whole words.")
    laptop.run("write", "More whole words.")
    damaged = newest(folder, laptop.rows("SELECT device FROM clock")[0][0])
    damaged.write_bytes(damaged.read_bytes().replace(b"More whole", b"More broken"))
    desktop.run("today")
    assert desktop.rows("SELECT body FROM entries") == [("Whole words.",)]
    assert skipped(desktop) == {
        damaged.name: "its checksum does not match (damaged, or still being copied)"}


def test_sync_tools_copies_are_read_as_the_file_they_copy_or_named(tmp_path, folder):
    laptop, desktop = linked(tmp_path, folder, "laptop"), linked(tmp_path, folder, "desktop")
    laptop.run("write", "Copied twice by the sync tool.")
    original = newest(folder, laptop.rows("SELECT device FROM clock")[0][0])
    stem = original.name[:-4]
    shutil.copy(original, original.with_name(f"{stem}.sync-conflict-20261122-201500-ABCDEFG.rcs"))
    shutil.copy(original, original.with_name(f"{stem} (conflicted copy 2026-11-22).rcs"))
    original.with_name(f"{stem} (Case Conflict).rcs").write_bytes(original.read_bytes()[:40])
    for junk in (".DS_Store", "desktop.ini", "~$lock.rcs", "upload.tmp"):
        (folder / "changes" / junk).write_text("x")
    desktop.run("today")
    assert desktop.rows("SELECT body FROM entries") == [("Copied twice by the sync tool.",)]
    assert skipped(desktop) == {f"{stem} (Case Conflict).rcs": "cut short (still being "
                                                               "copied?)"}
    assert desktop.export() == laptop.export()


def test_a_file_of_another_journal_is_named_and_left_alone(tmp_path, folder):
    desktop = linked(tmp_path, folder, "desktop")
    stranger_folder = tmp_path / "Elsewhere"
    stranger_folder.mkdir()
    stranger = linked(tmp_path, stranger_folder, "stranger")
    stranger.run("write", "Someone else's words.")
    for found in (stranger_folder / "changes").iterdir():
        shutil.copy(found, folder / "changes" / found.name)
    desktop.run("today")
    assert desktop.rows("SELECT count(*) FROM entries") == [(0,)]
    assert set(skipped(desktop).values()) == {"belongs to another journal"}


@pytest.mark.parametrize("hostile", ["huge line", "deep", "escapes", "unknown type",
                                     "lies about itself", "not ours"])
def test_a_hostile_file_is_skipped_with_a_reason_never_a_crash(tmp_path, folder, hostile):
    desktop = linked(tmp_path, folder, "desktop")
    journal_id = json.loads((folder / "reconcile.json").read_text())["journal"]
    head = syncfolder.header(journal_id, "0badc0de", "evil", 1, "2026-11-22T20:00:00+00:00",
                             snapshot=False)
    line = {"huge line": json.dumps({"type": "entry", "body": "x" * 9_000_000}),
            "deep": "[" * 100_000 + "]" * 100_000,
            "escapes": json.dumps({"type": "setting", "key": "\x1b]52;c;aGk=\x07", "value": "1"}),
            "unknown type": json.dumps({"type": "spell", "words": "abracadabra"}),
            "lies about itself": "", "not ours": ""}[hostile]
    name = syncfolder.file_name("0badc0de", 1)
    if hostile == "lies about itself":
        head = {**head, "seq": 7}
    blocks = b"".join(syncfolder.plain_blocks(head, [line] if line else []))
    if hostile == "not ours":
        blocks = b"\x00\xff" * 100
    (folder / "changes" / name).write_bytes(blocks)
    before = desktop.export()
    result = desktop.run("today")
    assert result.exit_code == 0 and "Traceback" not in result.output
    reason = skipped(desktop)[name]
    assert "\x1b" not in desktop.run("sync", "--status").stdout
    assert desktop.export() == before
    expected = {"huge line": "line 2: entry: missing field 'id'",  # line 1 is the header
                "deep": "line 2: not valid JSON (nested too deeply)",
                "escapes": "line 2: setting: There is no setting called",
                "unknown type": "line 2: unknown type 'spell'",
                "lies about itself": "its name and what it says it is do not agree",
                "not ours": "cut short"}[hostile]
    assert reason.startswith(expected), reason


def test_an_old_copy_of_the_folder_put_back_is_harmless(tmp_path, folder):
    laptop, desktop = linked(tmp_path, folder, "laptop"), linked(tmp_path, folder, "desktop")
    laptop.run("write", "Before the restore.")
    desktop.run("today")
    saved = tmp_path / "folder-copy"
    shutil.copytree(folder, saved)
    laptop.run("write", "After the copy was made.")
    desktop.run("today")
    shutil.rmtree(folder)
    shutil.copytree(saved, folder)  # the folder restored from an old copy
    desktop.run("today")
    laptop.run("today")
    assert sorted(b for (b,) in desktop.rows("SELECT body FROM entries")) == [
        "After the copy was made.", "Before the restore."]
    laptop.run("write", "After the restore.")  # and writing goes on from there
    desktop.run("today")
    assert desktop.export() == laptop.export()


def test_a_journal_put_back_from_an_older_copy_gets_its_own_later_words_back(tmp_path, folder):
    laptop, desktop = linked(tmp_path, folder, "laptop"), linked(tmp_path, folder, "desktop")
    laptop.run("write", "Before the copy was made.")
    saved = laptop.db.read_bytes()  # a backup, say
    laptop.run("write", "After the copy, then lost with the disk.")
    laptop.db.write_bytes(saved)  # the journal put back as it was
    laptop.run("today")
    assert sorted(b for (b,) in laptop.rows("SELECT body FROM entries")) == [
        "After the copy, then lost with the disk.", "Before the copy was made."]
    written = laptop.run("write", "Written after putting it back.")
    assert written.exit_code == 0 and "could not be written" not in written.output
    desktop.run("today")
    assert sorted(b for (b,) in desktop.rows("SELECT body FROM entries")) == [
        "After the copy, then lost with the disk.", "Before the copy was made.",
        "Written after putting it back."]
    laptop.run("today")
    assert desktop.export() == laptop.export()


KILL = """
import os, signal, sys
from reconcile_cli import journal, store
step = sys.argv[1]
target = {
    "number taken": (store.sync, "records_to_write"),
    "file written": (store.sync, "sent"),
    "taking in": (store.importing.Merger, "__exit__"),
}[step]
original = getattr(*target)
def killed(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
setattr(*target, killed)
from reconcile_cli.launch import main
sys.argv = ["reconcile", *sys.argv[2:]]
main()
"""


@pytest.mark.parametrize("step", ["number taken", "file written", "taking in"])
def test_kill_9_at_each_step_of_a_sync_loses_nothing_and_doubles_nothing(tmp_path, folder,
                                                                          step):
    laptop, desktop = linked(tmp_path, folder, "laptop"), linked(tmp_path, folder, "desktop")
    desktop.run("write", "The desktop's own words.")
    laptop.run("write", "Written before the crash.")  # new in the folder for the desktop
    killed_one = desktop if step == "taking in" else laptop
    args = ["today"] if step == "taking in" else ["write", "Written as it was killed."]
    env = {**os.environ, **killed_one.env(), "PYTHONPATH": str(Path.cwd())}
    done = subprocess.run([sys.executable, "-c", KILL, step, *args], env=env,
                          capture_output=True, timeout=60)
    assert done.returncode == -signal.SIGKILL
    for journal in (laptop, desktop, laptop, desktop):
        assert journal.run("sync").exit_code == 0
    assert desktop.export() == laptop.export()
    bodies = sorted(b for (b,) in laptop.rows("SELECT body FROM entries"))
    assert bodies == sorted({*bodies})  # nothing doubled
    assert "Written before the crash." in bodies and "The desktop's own words." in bodies
    if step != "taking in":
        assert "Written as it was killed." in bodies  # saved before the sync: never lost
    for journal in (laptop, desktop):
        assert journal.rows("PRAGMA integrity_check") == [("ok",)]


def test_two_computers_writing_at_the_same_moment_both_keep_their_words(tmp_path, folder):
    laptop, desktop = linked(tmp_path, folder, "laptop"), linked(tmp_path, folder, "desktop")
    desktop.clock = laptop.clock  # the very same moment on both
    laptop.run("write", "Laptop, at eight.")
    desktop.run("write", "Desktop, at eight.")
    laptop.run("today")
    desktop.run("today")
    assert sorted(b for (b,) in laptop.rows("SELECT body FROM entries")) == [
        "Desktop, at eight.", "Laptop, at eight."]
    assert desktop.export() == laptop.export()
