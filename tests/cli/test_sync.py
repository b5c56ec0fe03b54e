"""`reconcile sync`: two computers keep one journal in step through a folder (issue 22)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from reconcile_cli.journal import syncfolder
from tests.store.replicas import Replica


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "Sync"
    made.mkdir()
    return made


def linked(tmp_path: Path, folder: Path, name: str, skew: dt.timedelta = dt.timedelta()
           ) -> Replica:
    journal = Replica(tmp_path / name, name, skew)
    result = journal.run("sync", str(folder), "--name", name)
    assert result.exit_code == 0, result.output
    return journal


def changes(folder: Path) -> list[str]:
    return sorted(path.name for path in (folder / "changes").iterdir())


def test_linking_writes_what_the_journal_holds_and_a_new_computer_builds_from_it(
        tmp_path, folder):
    laptop = Replica(tmp_path / "laptop", "laptop")
    laptop.run("write", "The first evening.")
    first = laptop.run("sync", str(folder), "--name", "laptop")
    assert first.exit_code == 0
    assert " ".join(first.stdout.split()) == (f"Linked to {folder} as \u201claptop\u201d: wrote "
                                              "13 records, took in 0 files from 0 other "
                                              "computers.")
    assert first.stderr.endswith("`reconcile encrypt` seals them.\n")  # said once, plainly
    device = laptop.rows("SELECT device FROM clock")[0][0]
    assert changes(folder) == [f"{device}-00000001.rcs"]
    said = json.loads((folder / "reconcile.json").read_text())
    assert set(said) == {"format", "version", "journal", "encrypted"} and not said["encrypted"]

    desktop = Replica(tmp_path / "desktop", "desktop")  # no journal there yet
    built = desktop.run("sync", str(folder), "--name", "desktop")
    assert built.exit_code == 0
    assert built.stdout.endswith("took in 1 file from 1 other computer.\n")
    assert desktop.rows("SELECT body FROM entries") == [("The first evening.",)]
    assert desktop.export() == laptop.export()


def test_every_command_takes_in_first_and_writes_its_changes_after(tmp_path, folder):
    laptop, desktop = linked(tmp_path, folder, "laptop"), linked(tmp_path, folder, "desktop")
    before = changes(folder)
    desktop.run("write", "Written at lunch on the desktop.")
    assert len(changes(folder)) == len(before) + 1  # one file, written once, never changed
    shown = laptop.run("today")  # an ordinary command on the laptop: it has it already
    assert "Written at lunch on the desktop." in shown.stdout
    laptop.run("check", "self-care=kept")
    assert desktop.rows("SELECT item, status FROM marks") == []
    desktop.run("today")
    assert desktop.rows("SELECT item, status FROM marks") == [("self-care", "kept")]
    status = json.loads(desktop.run("sync", "--status", "--json").stdout)
    assert list(status) == ["folder", "device", "devices", "pending", "conflicts", "skipped",
                            "folder_found"]
    assert (status["folder"], status["device"], status["pending"], status["conflicts"],
            status["skipped"]) == (str(folder), "desktop", 0, [], [])
    assert [d["name"] for d in status["devices"]] == ["laptop"]
    assert list(status["devices"][0]) == ["name", "last_change", "changes"]
    assert desktop.export() == laptop.export()


def test_nothing_new_in_the_folder_is_one_listing_and_no_write(tmp_path, folder):
    laptop = linked(tmp_path, folder, "laptop")
    linked(tmp_path, folder, "desktop")
    laptop.run("today")
    stamp = laptop.rows("SELECT last FROM clock")
    files = changes(folder)
    laptop.run("week")
    assert laptop.rows("SELECT last FROM clock") == stamp and changes(folder) == files


def test_its_own_new_file_is_not_news_to_the_next_command(tmp_path, folder, monkeypatch):
    from reconcile_cli.cli import syncing

    laptop = linked(tmp_path, folder, "laptop")
    linked(tmp_path, folder, "desktop")
    laptop.run("today")  # the desktop's first file taken in
    laptop.run("mood", "6")  # writes its own file, and nothing else came
    looked: list[str] = []
    monkeypatch.setattr(syncing, "take_in", lambda *args: looked.append("files") or None)
    laptop.run("week")
    assert looked == []  # the fingerprint of the folder was kept with the file just written
    (folder / "changes" / "ffffffff-00000001.rcs").write_bytes(b"from another computer")
    laptop.run("week")
    assert looked == ["files"]


def test_the_folder_missing_changes_wait_and_go_when_it_is_back(tmp_path, folder):
    laptop, desktop = linked(tmp_path, folder, "laptop"), linked(tmp_path, folder, "desktop")
    unplugged = folder.with_name("Sync-unplugged")
    folder.rename(unplugged)
    assert laptop.run("write", "Written on the train.").exit_code == 0
    assert laptop.run("today").exit_code == 0
    status = json.loads(laptop.run("sync", "--status", "--json").stdout)
    assert (status["pending"], status["folder_found"]) == (1, False)
    now = laptop.run("sync")
    assert now.exit_code == 1
    assert now.stderr == (f"The sync folder {folder} is not there (unplugged, or not mounted?); "
                          "1 change waits to be written, and nothing is lost.\n")
    unplugged.rename(folder)
    assert laptop.run("sync").stdout.startswith("Synced: took in 1 file, wrote 1 change.")
    desktop.run("today")
    assert desktop.rows("SELECT body FROM entries") == [("Written on the train.",)]


def test_what_is_imported_on_one_computer_reaches_the_others(tmp_path, folder):
    laptop, desktop = linked(tmp_path, folder, "laptop"), linked(tmp_path, folder, "desktop")
    old = Replica(tmp_path / "old", "old")  # a journal kept before sync, brought in by a file
    old.run("write", "Written years ago, brought in by an export.")
    old.run("write", "Let go before the export.")
    old.run("delete", old.rows("SELECT id FROM entries WHERE body LIKE 'Let go%'")[0][0][:8],
            "--yes")
    old.run("trash", "--empty", "--yes")
    export = tmp_path / "old.jsonl"
    assert old.run("export", "-o", str(export)).exit_code == 0
    files = changes(folder)

    assert laptop.run("import", str(export)).exit_code == 0
    assert len(changes(folder)) == len(files) + 1  # the import went to the folder as it was
    assert laptop.run("sync", "--status", "--json").exit_code == 0
    assert json.loads(laptop.run("sync", "--status", "--json").stdout)["pending"] == 0
    desktop.run("today")
    assert desktop.rows("SELECT body FROM entries") == [
        ("Written years ago, brought in by an export.",)]
    assert desktop.rows("SELECT count(*) FROM graves WHERE tbl = 'entries'") == [(1,)]
    assert desktop.export() == laptop.export()


def test_someone_removed_and_added_again_before_it_went_out_travels_with_the_removal(
        tmp_path, folder):
    laptop, desktop = linked(tmp_path, folder, "laptop"), linked(tmp_path, folder, "desktop")
    laptop.run("support", "add", "Ana", "07700 900123")
    desktop.run("today")
    laptop.run("config", "sync_auto", "off")
    laptop.run("support", "remove", "Ana")
    laptop.run("support", "add", "Ana", "ana@example.org")  # the same name, made again
    assert laptop.run("sync").exit_code == 0
    desktop.run("today")
    assert desktop.rows("SELECT name, contact FROM support") == [("Ana", "ana@example.org")]
    assert desktop.export() == laptop.export()  # the removal went too, with the new row


def test_sync_auto_off_leaves_it_to_sync_and_stop_unlinks(tmp_path, folder):
    laptop, desktop = linked(tmp_path, folder, "laptop"), linked(tmp_path, folder, "desktop")
    assert laptop.run("config", "sync_auto", "off").exit_code == 0
    laptop.run("write", "Kept here until I say.")
    desktop.run("today")
    assert desktop.rows("SELECT count(*) FROM entries") == [(0,)]
    assert laptop.run("sync").stdout == "Synced: took in 0 files, wrote 1 change.\n"
    desktop.run("today")
    assert desktop.rows("SELECT count(*) FROM entries") == [(1,)]
    stopped = desktop.run("sync", "--stop")
    assert " ".join(stopped.stdout.split()) == (f"Unlinked from {folder}; the folder is left as "
                                                "it is, and this journal syncs no more.")
    files = changes(folder)
    desktop.run("write", "Not for the folder.")
    assert changes(folder) == files
    assert desktop.run("sync", "--status").stdout.startswith("This journal is not linked")


def test_words_changed_on_both_are_both_kept_and_named_in_the_status(tmp_path, folder):
    laptop, desktop = linked(tmp_path, folder, "laptop"), linked(tmp_path, folder, "desktop")
    laptop.run("write", "A hard evening.")
    desktop.run("today")
    entry = laptop.rows("SELECT id FROM entries")[0][0]
    laptop.run("config", "sync_auto", "off")
    desktop.run("config", "sync_auto", "off")
    laptop.run("edit", entry[:8], NEW_TEXT="A hard evening; I walked it off.")
    desktop.run("edit", entry[:8], NEW_TEXT="A hard evening; I called my sister.")
    for journal in (laptop, desktop, laptop):
        journal.run("sync")
    texts = {body for (body,) in laptop.rows("SELECT body FROM entries")}
    assert texts == {"A hard evening; I walked it off.", "A hard evening; I called my sister."}
    copy = laptop.rows("SELECT id FROM entries WHERE copy_of IS NOT NULL")[0][0]
    assert json.loads(laptop.run("sync", "--status", "--json").stdout)["conflicts"] == [copy]
    assert "Conflicting copies" in laptop.run("sync", "--status").stdout
    assert desktop.export() == laptop.export()


def test_a_setting_that_names_a_program_never_travels(tmp_path, folder):
    laptop, desktop = linked(tmp_path, folder, "laptop"), linked(tmp_path, folder, "desktop")
    laptop.run("config", "editor", "nano")
    laptop.run("config", "crisis_line", "Call 116 123")
    desktop.run("today")
    assert desktop.rows("SELECT key FROM settings ORDER BY key") == [("crisis_line",)]
    assert not any("nano" in path.read_text() for path in (folder / "changes").iterdir())


def test_undo_of_a_change_already_in_the_folder_undoes_it_everywhere(tmp_path, folder):
    laptop, desktop = linked(tmp_path, folder, "laptop"), linked(tmp_path, folder, "desktop")
    laptop.run("write", "Sent too soon.")
    desktop.run("today")
    assert desktop.rows("SELECT count(*) FROM entries") == [(1,)]
    assert laptop.run("undo").stdout.startswith("Undone: wrote a journal entry")
    desktop.run("today")
    assert desktop.rows("SELECT count(*) FROM entries") == [(0,)]


def test_a_computer_offline_for_a_month_catches_up(tmp_path, folder):
    laptop, desktop = linked(tmp_path, folder, "laptop"), linked(tmp_path, folder, "desktop")
    desktop.run("config", "sync_auto", "off")
    for day in range(1, 31):
        laptop.clock += dt.timedelta(days=1)
        laptop.run("mood", "6", "evening", str(day), "--date", f"2026-11-{min(day, 22):02d}")
    desktop.clock += dt.timedelta(days=30)
    desktop.run("write", "Written offline.")
    assert desktop.run("sync").stdout.startswith("Synced: took in 30 files")
    laptop.run("today")
    assert desktop.export() == laptop.export()


def test_own_files_are_made_one_past_the_limit_and_nothing_is_lost(tmp_path, folder,
                                                                  monkeypatch):
    from reconcile_cli.cli import syncing

    monkeypatch.setattr(syncing, "COMPACT_FILES", 3)
    laptop = linked(tmp_path, folder, "laptop")
    for n in range(5):
        laptop.run("write", f"Evening {n}.")
    device = laptop.rows("SELECT device FROM clock")[0][0]
    mine = [name for name in changes(folder) if name.startswith(device)]
    assert len(mine) <= 4
    desktop = linked(tmp_path, folder, "desktop")  # reads only what is left
    assert sorted(b for (b,) in desktop.rows("SELECT body FROM entries")) == [
        f"Evening {n}." for n in range(5)]


@pytest.mark.parametrize("place", ["inside", "stfolder", "git"])
def test_a_journal_where_a_sync_tool_keeps_files_is_refused(tmp_path, folder, place):
    if place == "inside":
        journal = Replica(folder / "deep", "inside")
        journal.db = folder / "deep" / "journal.db"
        result = journal.run("sync", str(folder))
        reason = "inside the folder it syncs through"
    else:
        home = tmp_path / "kept"
        (home / "journal").mkdir(parents=True)
        if place == "stfolder":
            (home / ".stfolder").mkdir()
            reason = f"in a folder a sync tool keeps ({home / '.stfolder'})"
        else:
            subprocess.run(["git", "init", "-q", str(home / "journal")], check=True)
            reason = "in the top folder of a git working tree"
        journal = Replica(home / "journal", "kept")
        result = journal.run("write", "Where it should not be.")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"The journal at {journal.db} is {reason}: ")
    assert not journal.db.exists()


def test_a_home_folder_kept_in_git_does_not_lock_the_journal_out(tmp_path):
    home = tmp_path / "home"
    (home / ".local" / "share" / "reconcile").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(home)], check=True)
    journal = Replica(home / ".local" / "share" / "reconcile", "home")
    assert journal.run("write", "My home is in git; my journal is fine.").exit_code == 0


def test_names_are_lowercase_and_a_file_is_never_changed_once_named(tmp_path, folder):
    laptop = linked(tmp_path, folder, "laptop")
    laptop.run("write", "One.")
    first = {path.name: path.read_bytes() for path in (folder / "changes").iterdir()}
    laptop.run("write", "Two.")
    after = {path.name: path.read_bytes() for path in (folder / "changes").iterdir()}
    assert {name: after[name] for name in first} == first
    assert all(syncfolder.NAME.match(name) and name == name.lower() for name in after)
