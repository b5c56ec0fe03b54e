"""export for other apps: Day One's zip (and back again with nothing lost) and a folder of
Markdown notes; each written whole or not at all, private, never over what it should not be."""

import datetime as dt
import json
import os
import stat
import sys
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pexpect

from reconcile_cli.formats.sources import tags_in
from tests.conftest import WAIT, rows, uid

AT = "RECONCILE_NOW"


def at(stamp: str) -> dict:
    return {AT: stamp}


def made_journal(run, tmp_path: Path) -> None:
    """A journal with what an export must carry: words with Markdown's characters, tags, a star,
    moods with and without words, answers (one to an item of the user's own), an entry written
    later for its day, one written after midnight before the day had turned, another offset."""
    run("items", "add", "called-sister", "Called my sister", "--kind", "action")
    starred = run("write", "Walked by the river. (Felt *calm*.) @kids #progress", "--mood", "6",
                  "--date", "2026-11-20", env=at("2026-11-20T21:04:00+00:00")).stdout.split()[2]
    run("star", starred)
    run("mood", "4", "--date", "2026-11-20", env=at("2026-11-20T08:10:00+00:00"))
    run("check", "no-begging=kept", "no-blame=missed", "--date", "2026-11-20",
        env=at("2026-11-20T21:05:00+00:00"))
    run("check", "called-sister=kept", "--date", "2026-11-19", env=at("2026-11-19T20:00:00+00:00"))
    run("write", "Back-filled: C:\\temp, 1. not a list\n# not a heading\n\\ and [brackets] _x_",
        "--date", "2026-11-18", env=at("2026-11-22T10:44:00+00:00"))
    run("config", "day_starts_at", "4")
    run("write", "Could not sleep. @lawyer", "--date", "2026-11-20",
        env=at("2026-11-21T01:30:00+00:00"))
    line = {"type": "entry", "id": uid(7), "day": "2026-11-17", "created_at":
            "2026-11-17T22:15:00+05:30", "updated_at": "2026-11-17T22:15:00+05:30",
            "kind": "journal", "body": "Written in Colombo."}
    source = tmp_path / "colombo.jsonl"
    source.write_text('{"format": "reconcile", "version": 1, "exported_at": "x"}\n'
                      + json.dumps(line) + "\n")
    assert run("import", str(source)).exit_code == 0


def words_of(db: Path) -> list[tuple]:
    """What a round trip must keep of each entry with words: text, day, time, tags, star."""
    return sorted((body, day, created[11:16], sorted(tags_in(body)), starred)
                  for body, day, created, starred in rows(
                      db, "SELECT body, day, created_at, starred FROM entries WHERE body != ''"))


def test_a_day_one_export_imports_into_a_fresh_journal_with_nothing_lost(run, journal,
                                                                          tmp_path):
    made_journal(run, tmp_path)
    target = tmp_path / "journal-dayone.zip"
    result = run("export", "--format", "dayone", "-o", str(target))
    assert (result.exit_code, result.stderr) == (0, f"Exported to {target}.\n")
    fresh = tmp_path / "fresh.db"
    back = run("--db", str(fresh), "import", str(target))
    assert back.stdout == (f"Imported {target}:\n"
                           "  read as: a Day One export\n"
                           "  journals: Journal (5 entries)\n"
                           "  checklist items: 1 added, 0 updated, 0 unchanged\n"
                           "  entries: 5 added, 0 updated, 0 unchanged\n"
                           "  checklist answers: 3 added, 0 updated, 0 unchanged\n")
    assert words_of(fresh) == words_of(journal)
    assert len(words_of(journal)) == 4
    # the moods, with words and without, and the answers come back too
    mood_rows = "SELECT day, substr(created_at, 12, 5), mood FROM entries WHERE mood IS NOT " \
                "NULL ORDER BY day, mood"
    assert rows(fresh, mood_rows) == rows(journal, mood_rows) == [
        ("2026-11-20", "08:10", 4), ("2026-11-20", "21:04", 6)]
    mark_rows = "SELECT day, item, status FROM marks ORDER BY day, item"
    assert rows(fresh, mark_rows) == rows(journal, mark_rows)
    # an item of the user's own comes back as an item to do, named from its slug
    assert rows(fresh, "SELECT label, kind FROM items WHERE slug = 'called-sister'") == [
        ("Called sister", "action")]
    # the same zip once more changes nothing
    assert run("--db", str(fresh), "import", str(target)).stdout.endswith(
        "  entries: 0 added, 0 updated, 5 unchanged\n"
        "  checklist answers: 0 added, 0 updated, 3 unchanged\n")


def test_the_day_one_zip_is_one_private_journal_in_day_one_s_shape(run, journal, tmp_path):
    made_journal(run, tmp_path)
    target = tmp_path / "out.zip"
    assert run("export", "--format", "dayone", "-o", str(target)).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == ["Journal.json"]
        info = archive.getinfo("Journal.json")
        assert stat.S_IMODE(info.external_attr >> 16) == 0o600
        document = json.loads(archive.read("Journal.json"))
    assert document["metadata"] == {"version": "1.0"}
    by_text = {entry["text"]: entry for entry in document["entries"]}
    river = by_text["Walked by the river\\. \\(Felt \\*calm\\*\\.\\) @kids \\#progress\n\n"
                    "reconcile: mood 6 · mood 4 at 08:10 · kept no\\-begging · missed "
                    "no\\-blame"]
    assert river == {
        "uuid": river["uuid"], "creationDate": "2026-11-20T21:04:00Z",
        "modifiedDate": river["modifiedDate"], "timeZone": river["timeZone"], "starred": True,
        "isAllDay": False, "isPinned": False, "duration": 0, "tags": ["kids"],
        "text": river["text"]}
    assert len(river["uuid"]) == 32 and river["uuid"] == river["uuid"].upper()
    # a day with answers and no words: an entry of its line alone, at noon in UTC
    assert by_text["reconcile: kept called\\-sister"]["creationDate"] == "2026-11-19T12:00:00Z"
    # written on 22 November for the 18th: dated on its day, at the time it was written
    backfilled = next(e for e in document["entries"] if e["text"].startswith("Back\\-filled"))
    assert backfilled["creationDate"] == "2026-11-18T10:44:00Z"
    # +05:30 with no zone known: a zone where that instant shows the same clock time
    colombo = by_text["Written in Colombo\\."]
    assert colombo["creationDate"] == "2026-11-17T16:45:00Z"
    shown = dt.datetime(2026, 11, 17, 16, 45, tzinfo=dt.timezone.utc).astimezone(
        ZoneInfo(colombo["timeZone"]))
    assert shown.isoformat() == "2026-11-17T22:15:00+05:30"


def test_day_one_export_refuses_what_export_refuses(run, journal, tmp_path):
    target = tmp_path / "out.zip"
    target.write_bytes(b"precious")
    again = run("export", "--format", "dayone", "-o", str(target))
    assert (again.exit_code, again.stderr) == (1, f"{target} already exists; use --force to "
                                                  "replace it.\n")
    assert target.read_bytes() == b"precious"
    own = run("export", "--format", "dayone", "-o", str(journal), "--force")
    assert own.stderr == f"{journal} is your journal itself; nothing was written. Choose " \
                         "another file.\n"
    piped = run("export", "--format", "dayone")  # not a terminal: the zip's bytes, as asked
    assert piped.stdout_bytes.startswith(b"PK\x03\x04")


DAY_PAGE = """---
date: 2026-11-20
mood: 5
tags: ["kids", "lawyer"]
checklist:
  "no-begging": "kept"
  "no-blame": "missed"
---

# Friday 20 November 2026

## Checklist

- kept: Did not beg, plead or act out of desperation
- missed: No blame, criticism or lashing out

## 08:10 · mood 4

## 21:04 · mood 6

Walked by the river. (Felt *calm*.) @kids #progress

## 01:30

Could not sleep. @lawyer
"""


def test_a_markdown_folder_is_a_private_note_a_day(run, journal, tmp_path):
    made_journal(run, tmp_path)
    target = tmp_path / "notes"
    result = run("export", "--format", "markdown-folder", "-o", str(target))
    assert (result.exit_code, result.stderr) == (0, f"Exported to {target}.\n")
    files = sorted(path.relative_to(target).as_posix() for path in target.rglob("*"))
    assert files == ["2026", "2026/11", "2026/11/2026-11-17.md", "2026/11/2026-11-18.md",
                     "2026/11/2026-11-19.md", "2026/11/2026-11-20.md"]
    assert (target / "2026/11/2026-11-20.md").read_text() == DAY_PAGE
    for path in [target, *target.rglob("*")]:
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600), path
    assert (target / "2026/11/2026-11-19.md").read_text().startswith(
        '---\ndate: 2026-11-19\nchecklist:\n  "called-sister": "kept"\n---\n')
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_markdown_folder_is_never_written_over_what_it_should_not_be(run, journal, tmp_path):
    run("write", "One day.")
    target = tmp_path / "notes"
    assert run("export", "--format", "markdown-folder", "-o", str(target)).exit_code == 0
    again = run("export", "--format", "markdown-folder", "-o", str(target))
    assert again.stderr == f"{target} already exists; use --force to replace it.\n"
    assert run("export", "--format", "markdown-folder", "-o", str(target), "--force"
               ).exit_code == 0
    (target / "2026" / "my own note.md").write_text("mine")
    stranger = run("export", "--format", "markdown-folder", "-o", str(target), "--force")
    assert stranger.stderr == (f"{target} holds 2026/my own note.md, which an export of notes "
                               "would not; nothing was written. Choose a new folder.\n")
    assert (target / "2026" / "my own note.md").read_text() == "mine"
    around = run("export", "--format", "markdown-folder", "-o", str(journal.parent), "--force")
    assert around.stderr == (f"{journal.parent} holds your journal; nothing was written. "
                             "Choose another folder.\n")
    assert journal.exists()
    screen = run("export", "--format", "markdown-folder")
    assert (screen.exit_code, screen.stderr) == (2, (
        "A markdown-folder export is a folder; give one with -o FOLDER, or a zip with -o "
        "FILE.zip.\n"))


def test_a_markdown_folder_cut_short_leaves_nothing_behind(run, journal, tmp_path, monkeypatch):
    run("write", "One.", "--date", "2026-11-20")
    run("write", "Two.", "--date", "2026-11-21")
    from reconcile_cli.journal import folders

    written = []
    real_write = folders.Folder.write

    def failing(self, relative, data):
        if written:
            raise OSError(28, "No space left on device")
        written.append(relative)
        real_write(self, relative, data)

    monkeypatch.setattr(folders.Folder, "write", failing)
    target = tmp_path / "notes"
    result = run("export", "--format", "markdown-folder", "-o", str(target))
    assert result.exit_code == 1
    assert written == ["2026/11/2026-11-20.md"]
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_markdown_folder_may_be_a_zip(run, journal, tmp_path):
    run("write", "One.", "--date", "2026-11-20")
    target = tmp_path / "notes.zip"
    assert run("export", "--format", "markdown-folder", "-o", str(target)).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == ["2026/11/2026-11-20.md"]
        assert archive.read("2026/11/2026-11-20.md").decode().endswith("\n\nOne.\n")


def test_a_day_one_zip_is_never_written_to_a_terminal(journal, db_path):
    # Only a real terminal can say this: its screen would get a zip's bytes.
    env = {**os.environ, "RECONCILE_DB": str(db_path), "COLUMNS": "80", "TERM": "dumb"}
    child = pexpect.spawn(sys.executable, ["-m", "reconcile_cli", "export", "--format",
                                           "dayone"], env=env, encoding="utf-8", timeout=WAIT)
    # wrapped between words at the terminal's 80 columns
    child.expect(r"A Day One export is a zip file; write it with -o, such as -o\s+"
                 r"journal-dayone\.zip\.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
