"""import of jrnl: its JSON export, and its own journal file read without jrnl, checked against
what jrnl 4.6 itself reads from the same files (the .jrnl-4.6.json fixtures are its output)."""

import json
from pathlib import Path

import pytest

from tests.conftest import rows

FIXTURES = Path(__file__).parent.parent / "fixtures"
APPS = FIXTURES / "apps"
ENTRIES = "SELECT day, substr(created_at, 12, 5), starred, body FROM entries ORDER BY day, " \
          "created_at"
DECEMBER = {"RECONCILE_TODAY": "2026-12-07"}


def as_jrnl_read_it(path: Path) -> list[tuple]:
    """The entries jrnl 4.6 read from a journal file, as rows: its title, then its body."""
    entries = json.loads(path.read_text())["entries"]
    return sorted((e["date"], e["time"], int(e["starred"]),
                   f"{e['title']}\n{e['body']}" if e["body"] else e["title"]) for e in entries)


def test_jrnl_export_from_the_real_jrnl(run, journal):
    source = str(FIXTURES / "jrnl-4.6-export.json")
    result = run("import", "--format", "jrnl", source)
    assert result.stdout.endswith("entries: 4 added, 0 updated, 0 unchanged\n")
    assert rows(journal, "SELECT day, substr(created_at, 12, 5), body FROM entries "
                         "ORDER BY day") == [
        ("2026-11-18", "21:04", "Hard evening.\nI wanted to text her and did not. @restraint"),
        ("2026-11-19", "08:30", "Walked by the river.\nThe café was open; I had a coffee and "
                                "felt calm. Second paragraph here."),
        ("2026-11-20", "09:00", "Grateful for my brother's call."),
        ("2026-11-21", "22:15", "Naïve hope?\nMaybe. But I kept my word to myself. #progress"),
    ]
    assert run("import", "--format", "jrnl", source).stdout.endswith(
        "entries: 0 added, 0 updated, 4 unchanged\n")


@pytest.mark.parametrize("name", ["jrnl-journal", "jrnl-edge-cases"])
def test_the_journal_file_reads_as_jrnl_reads_it(run, journal, name):
    text, by_jrnl = APPS / f"{name}.txt", APPS / f"{name}.jrnl-4.6.json"
    result = run("import", str(text), env=DECEMBER)
    assert result.stdout.startswith(f"Imported {text}:\n  read as: a jrnl journal file\n")
    assert rows(journal, ENTRIES) == as_jrnl_read_it(by_jrnl)
    # jrnl's JSON export of the same journal is the same entries, with the same ids
    again = run("import", str(by_jrnl), env=DECEMBER)
    assert again.stdout == (f"Imported {by_jrnl}:\n  read as: jrnl's JSON export\n"
                            "  entries: 0 added, 0 "
                            f"updated, {len(as_jrnl_read_it(by_jrnl))} unchanged\n")


def test_the_journal_file_s_quirks(run, journal):
    run("import", str(APPS / "jrnl-journal.txt"), env=DECEMBER)
    bodies = dict(rows(journal, "SELECT substr(created_at, 1, 16), body FROM entries"))
    # "* " after the title stars the entry; a one-line entry's title is its first sentence
    assert rows(journal, "SELECT body FROM entries WHERE starred") == [
        ("Starred entry title!\nBody follows here.\nContact: bob@example.com is not a tag, but "
         "#Work and @anna are.",)]
    assert bodies["2026-12-07T23:59"] == ("Last entry.\nNo trailing newline so the title is the "
                                          "first sentence")
    # "[1] footnote" is not a date: it stays in the body, as in jrnl
    assert bodies["2026-12-06T07:15"].endswith("\n[1] footnote-looking line stays in the body")


def test_a_date_still_to_come_goes_onto_today_with_its_day_kept(run, journal, tmp_path):
    # jrnl takes `jrnl "next thursday: trip"`; such an entry is imported, onto today
    config = tmp_path / "jrnl.yaml"
    journal_file = APPS / "jrnl-12-hour.txt"
    config.write_text("journals:\n  default:\n    journal: ~/journal.txt\n  twelve:\n"
                      f"    journal: {journal_file}\n    timeformat: '%F %r'\n"
                      "timeformat: '%Y-%m-%d %H:%M'\n")
    result = run("import", str(journal_file), "--jrnl-config", str(config), env=DECEMBER)
    assert result.stdout == (
        f"Imported {journal_file}:\n  read as: a jrnl journal file\n"
        "  entries: 3 added, 0 updated, 0 unchanged\n"
        "  moved: 1 entry was written for a day still to come; it is on today, with its "
        "own day at the top of its text\n")
    assert rows(journal, ENTRIES) == [
        ("2026-12-01", "21:15", 0, "Couldn't sleep. Wrote instead.\nThe house is quiet."),
        ("2026-12-04", "07:30", 1, "Walk before work @walk"),
        ("2026-12-07", "09:00", 0, "Written for Thursday 10 December 2026\n\nTrip to the coast "
                                   "with the kids.\nPack the kite."),
    ]
    # jrnl's JSON of the same journal: the same entries, moved the same way
    by_jrnl = APPS / "jrnl-12-hour.jrnl-4.6.json"
    again = run("import", str(by_jrnl), env=DECEMBER)
    assert again.stdout == (f"Imported {by_jrnl}:\n  read as: jrnl's JSON export\n"
                            "  entries: 0 added, 0 updated, 3 unchanged\n"
                            "  moved: 1 entry was written for a day still to come; it is on "
                            "today, with its own day at the top of its text\n")


def test_a_future_entry_in_jrnl_s_json_no_longer_stops_the_import(run, journal, tmp_path):
    source = tmp_path / "jrnl.json"
    source.write_text(json.dumps({"tags": {}, "entries": [
        {"title": "next thursday: trip", "body": "", "date": "2026-12-10", "time": "09:00",
         "tags": [], "starred": False},
        {"title": "Today.", "body": "", "date": "2026-12-07", "time": "21:00", "tags": [],
         "starred": False}]}))
    result = run("import", "--format", "jrnl", str(source), env=DECEMBER)
    assert result.exit_code == 0, result.output
    assert rows(journal, "SELECT day, body FROM entries ORDER BY body") == [
        ("2026-12-07", "Today."),
        ("2026-12-07", "Written for Thursday 10 December 2026\n\nnext thursday: trip")]


def test_without_its_config_the_usual_spellings_of_a_date_are_still_read(run, journal):
    journal_file = APPS / "jrnl-12-hour.txt"
    assert run("import", str(journal_file), env=DECEMBER).exit_code == 0
    assert rows(journal, "SELECT substr(created_at, 1, 16) FROM entries ORDER BY day") == [
        ("2026-12-01T21:15",), ("2026-12-04T07:30",), ("2026-12-07T09:00",)]


@pytest.mark.parametrize(("text", "message"), [
    (b"gAAAAABl8x3Zencrypted", "this jrnl journal is encrypted; decrypt it with jrnl first "
                              "(jrnl --decrypt), or export it with jrnl --format json"),
    (b"Some notes first.\n[2026-11-20 09:00] Title.\n",
     "line 1: there are words before the first dated entry, which jrnl does not show; put a "
     "line like [2026-12-07 10:45] above them, or move them, and import again"),
    (b"[20/11/2026 9am] Title.\n", "no line starts a jrnl entry (like [2026-12-07 10:45] "
                                   "Title.); if your jrnl writes its dates another way, give "
                                   "its config with --jrnl-config"),
    (b"[2026-11-20 09:00] Fine.\n\n[2026-11-21 09:00] caf\xe9\n",
     "the file is not UTF-8 text; if it is an encrypted jrnl journal, decrypt it with jrnl "
     "first (jrnl --decrypt)"),
    (b"[1899-12-31 09:00] Too early.\n", "line 1: day 1899-12-31 is before 1900"),
])
def test_a_journal_file_reconcile_cannot_read_whole_imports_nothing(run, journal, tmp_path, text,
                                                                    message):
    source = tmp_path / "journal.txt"
    source.write_bytes(text)
    result = run("import", "--format", "jrnl", str(source))
    assert (result.exit_code, result.stderr) == (1, f"Nothing was imported from {source}: "
                                                    f"{message}.\n")
    assert rows(journal, "SELECT count(*) FROM entries") == [(0,)]


def test_an_unreadable_config_is_named(run, journal, tmp_path):
    config = tmp_path / "jrnl.yaml"
    config.write_bytes(b"\xff\xfe not text")
    result = run("import", str(APPS / "jrnl-journal.txt"), "--jrnl-config", str(config))
    assert result.stderr == f"{config} cannot be read as jrnl's config; nothing was imported.\n"
