"""Rows 61-67: holes found by trying to break it with bad input (issue 10, part 3): a clear
message, never a hang or a crash."""

import json
import sqlite3
import subprocess

import pytest

from tests.faults.conftest import TODAY, uid

HEADER = {"format": "reconcile", "version": 1, "exported_at": "2026-11-22T10:00:00+00:00"}
ENTRY = {"type": "entry", "id": uid(1), "day": "2026-11-20",
         "created_at": "2026-11-20T21:00:00+00:00", "updated_at": "2026-11-20T21:00:00+00:00",
         "kind": "journal", "body": "By hand."}


def import_lines(app, *lines: str, fmt: str = "jsonl"):
    data = "\n".join([json.dumps(HEADER), *lines]) + "\n" if fmt == "jsonl" else lines[0]
    return app("import", "-", "--format", fmt, input=data.encode())


def snapshot(app) -> list:
    return [app.rows(f"SELECT * FROM {table} ORDER BY 1")
            for table in ("entries", "items", "marks", "settings", "changes")]


# --- row 61: one very large entry does not make search slow -------------------------------------


def test_search_through_one_huge_entry_answers_promptly(started):
    huge = ("word " * 180_000).strip()
    assert len(huge.encode()) < 1_000_000
    assert started("write", "--mood", "5", input=huge).returncode == 0
    # an ordinary search takes a fraction of a second; the old snippet code took minutes here
    result = started("search", "word", timeout=60)
    assert result.returncode == 0
    lines = result.stdout.decode().splitlines()
    assert lines[0].startswith("Sunday 22 November 2026  ")
    assert lines[1].strip().startswith("word word") and len(lines[1]) < 200


# --- row 62: import applies every limit typing applies, line by line -------------------------- --


def test_import_refuses_an_entry_over_the_size_limit(started):
    before = snapshot(started)
    result = import_lines(started, json.dumps({**ENTRY, "body": "x" * 1_000_001}))
    assert (result.returncode, result.stderr.decode()) == (
        1, "Nothing was imported from standard input: line 2: entry: the text is larger than "
           "1 MB, the most one entry can hold.\n")
    assert snapshot(started) == before


def test_import_of_an_endless_line_stops_at_once(started, tmp_path):
    before = snapshot(started)
    result = started("import", "/dev/zero", "--format", "jsonl", timeout=60)
    assert (result.returncode, result.stderr.decode()) == (
        1, "Nothing was imported from /dev/zero: line 1: longer than 8 MB, the most one line "
           "can hold.\n")
    # with no --format, its first bytes already say it is none of the files import reads
    looked_at = started("import", "/dev/zero", timeout=60)
    assert (looked_at.returncode, looked_at.stderr.decode()) == (
        1, "Nothing was imported from /dev/zero: it looks like a file of a kind reconcile does "
           "not import; reconcile imports reconcile's own exports, Day One and Journey exports, "
           "Daylio's CSV, and jrnl's journal file or JSON.\n")
    for fmt in ("jrnl", "daylio"):
        other = started("import", "/dev/zero", "--format", fmt, timeout=60)
        assert other.returncode == 1
        assert "Nothing was imported from /dev/zero: " in other.stderr.decode()
    assert snapshot(started) == before


@pytest.mark.parametrize("record, message", [
    ({**ENTRY, "id": "not-a-uuid"},
     "entry: id 'not-a-uuid' is not an entry id (a UUID like "
     "7d1c0c9e-5a7b-4c1e-9f7e-2b6a1d3c4e5f)"),
    ({**ENTRY, "day": "0001-01-01"}, "entry: day 0001-01-01 is before 1900"),
    ({**ENTRY, "day": "9999-12-31"}, "entry: day 9999-12-31 is after tomorrow"),
    ({**ENTRY, "day": "2026-11-24"}, "entry: day 2026-11-24 is after tomorrow"),
    ({"type": "item", "slug": "ok", "label": "x" * 121, "kind": "action", "position": 1,
      "created_at": "2026-11-20T21:00:00+00:00"},
     "item: a label is at most 120 characters"),
    ({"type": "item", "slug": "Two--Dashes", "label": "x", "kind": "action", "position": 1,
      "created_at": "2026-11-20T21:00:00+00:00"},
     "item: 'Two--Dashes' is not an item slug (lowercase letters and digits, joined by single "
     "hyphens)"),
    ({"type": "item", "slug": "ok", "label": "x", "kind": "action", "position": 10 ** 30,
      "created_at": "2026-11-20T21:00:00+00:00"},
     "item: position must be a whole number from 1 to 10000"),
    ({"type": "mark", "day": "2026-11-20", "item": "no-begging", "status": "kept",
      "note": "n" * 10_001, "updated_at": "2026-11-20T21:00:00+00:00"},
     "mark: a note is at most 10000 characters"),
    ({**ENTRY, "mood": 11}, "entry: mood must be a whole number from 1 to 10, not 11"),
    ({"type": "setting", "key": "journey_start", "value": "2027-01-01"},
     "setting: journey_start cannot be after today (2026-11-22)"),
])
def test_import_refuses_what_typing_refuses_naming_the_line(started, record, message):
    before = snapshot(started)
    result = import_lines(started, json.dumps({**ENTRY, "id": uid(2)}), json.dumps(record))
    assert (result.returncode, result.stderr.decode()) == (
        1, f"Nothing was imported from standard input: line 3: {message}.\n")
    assert snapshot(started) == before


def test_tomorrow_is_allowed_for_time_zones(started):
    assert import_lines(started, json.dumps({**ENTRY, "day": "2026-11-23"})).returncode == 0


def test_an_id_in_another_uuid_spelling_is_stored_in_the_usual_one(started):
    shouted = "{" + uid(7).upper() + "}"
    assert import_lines(started, json.dumps({**ENTRY, "id": shouted})).returncode == 0
    assert started.rows("SELECT id FROM entries WHERE body = 'By hand.'") == [(uid(7),)]
    assert started("show", uid(7)[:4] + uid(7)[-6:-1]).returncode in (0, 1)


MALFORMED = [
    '{"type": "entry", "id": 5}',
    '{"type": "entry", "id": {"nested": "object"}, "day": "2026-11-20"}',
    json.dumps({**ENTRY, "mood": "5"}),
    json.dumps({**ENTRY, "mood": 5.0}),
    '{"type": "entry", "mood": NaN}',
    json.dumps({**ENTRY, "mood": 10 ** 40}),
    json.dumps({**ENTRY, "body": ["a list"]}),
    json.dumps({**ENTRY, "created_at": "yesterday-ish"}),
    json.dumps({**ENTRY, "created_at": 1700000000}),
    json.dumps({**ENTRY, "kind": None}),
    json.dumps({**ENTRY, "deleted_at": "0000-00-00T00:00:00"}),
    json.dumps({**ENTRY, "prompt": 12}),
    json.dumps({"type": "item"}),
    json.dumps({"type": "item", "slug": "a\u0000b", "label": "x", "kind": "action",
                "position": 1, "created_at": "2026-11-20T21:00:00+00:00"}),
    json.dumps({"type": "item", "slug": "ok", "label": "x", "kind": "action",
                "position": True, "created_at": "2026-11-20T21:00:00+00:00"}),
    json.dumps({"type": "mark", "day": "2026-11-20", "item": "no-begging", "status": "kept"}),
    json.dumps({"type": "mark", "day": 20261120, "item": "no-begging", "status": "kept",
                "updated_at": "2026-11-20T21:00:00+00:00"}),
    json.dumps({"type": "setting", "key": "day_starts_at", "value": 3}),
    json.dumps({"type": "setting", "key": "day_starts_at", "value": "99999999999999999999"}),
    json.dumps({"type": "tombstone", "id": "x"}),
    json.dumps({"type": "tombstone", "id": uid(3), "deleted_at": None}),
    '{"type": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "1" * 5000,
    '"just a string"',
    "[1, 2, 3]",
    json.dumps({**ENTRY, "id": uid(5), "body": "lone \ud800 surrogate"}),
    "\u0000",
]


@pytest.mark.parametrize("line", MALFORMED, ids=range(len(MALFORMED)))
def test_malformed_import_lines_are_named_and_nothing_is_imported(started, line):
    before = snapshot(started)
    result = import_lines(started, json.dumps({**ENTRY, "id": uid(2)}), line)
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert stderr.startswith("Nothing was imported from standard input: line 3: "), stderr
    assert "Traceback" not in stderr and "Something went wrong" not in stderr
    assert stderr.count("\n") == 1
    assert snapshot(started) == before


# --- row 63: days and settings that are not possible ---------------------------------------------


def test_journey_start_cannot_be_set_after_today(started):
    result = started("config", "journey_start", "9999-12-31")
    assert (result.returncode, result.stderr.decode()) == (
        1, "journey_start cannot be after today (2026-11-22).\n")


def test_a_stored_journey_start_in_the_future_does_not_break_the_summaries(started):
    conn = sqlite3.connect(started.db)
    conn.execute("INSERT INTO settings (key, value) VALUES ('journey_start', '9999-12-31')")
    conn.commit()
    conn.close()
    for args in (["week"], ["month"], ["report"], ["report", "--month", TODAY], ["streaks"],
                 ["week", "--json"]):
        result = started(*args)
        assert result.returncode == 0, (args, result.stderr)


@pytest.mark.parametrize("typed", ["13 13", "13 13 13", "5 13", "3 4", "2026 13"])
def test_a_date_that_needs_a_guess_is_refused(started, typed):
    result = started("write", "words", "--date", typed)
    assert result.returncode == 2
    assert (f"'{typed}' could mean more than one day; write it as YYYY-MM-DD, or like "
            "'nov 3'.") in result.stderr.decode()
    assert started.rows("SELECT count(*) FROM entries") == [(1,)]


@pytest.mark.parametrize("typed, day", [("nov 3", "2026-11-03"), ("3 nov", "2026-11-03"),
                                        ("november 3 2025", "2025-11-03"),
                                        ("last friday", "2026-11-20"), ("3 days ago", "2026-11-19"),
                                        ("2 weeks ago", "2026-11-08")])
def test_everyday_dates_still_work(started, typed, day):
    result = started("write", "words", "--date", typed)
    assert result.returncode == 0, result.stderr
    assert started.rows("SELECT day FROM entries ORDER BY seq DESC LIMIT 1") == [(day,)]


# --- row 64: what crashed before --------------------------------------------------------------- -


@pytest.mark.parametrize("typed, mood", [("²", 6), ("①", 6), ("٣", 3), ("５", 5)])
def test_only_whole_numbers_are_moods_at_the_mood_prompt(started, typed, mood):
    # the day before: today already has a mood, which a second check-in does not ask again
    result = started("checkin", "--no-backfill", "--date", "2026-11-21",
                     input=f"{typed}\n6\n" + "\n" * 30)
    assert result.returncode == 0, result.stderr
    asked_again = b"Please type a whole number from 1 to 10, or just press Enter to skip."
    assert (asked_again in result.stdout) == (mood == 6)
    assert started.rows("SELECT mood FROM entries WHERE mood IS NOT NULL ORDER BY seq") == [
        (5,), (mood,)]


def test_a_huge_count_for_log_is_just_everything(started):
    result = started("log", "-n", "1000000000000000000000")
    assert result.returncode == 0, result.stderr
    assert b"The first entry." in result.stdout


@pytest.mark.parametrize("round_", range(3))
def test_commands_upgrading_an_old_journal_at_once_all_succeed(tmp_path, round_):
    from sqlite_utils import Database

    from reconcile_cli.journal.migrations import migrations
    from tests.faults.conftest import Reconcile

    app = Reconcile(tmp_path / "journal.db")
    old = Database(app.db)  # the journal as the first version left it
    migrations.apply(old, stop_before="m002_settings_and_change_log")
    old.execute("INSERT INTO entries (id, day, created_at, updated_at, body) VALUES "
                f"('{uid(1)}', '2026-11-01', '2026-11-01T20:00:00+00:00', "
                "'2026-11-01T20:00:00+00:00', 'from long ago')")
    old.conn.commit()
    old.close()
    writers = 8
    children = [app.spawn("write", f"writer {n}", stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE) for n in range(writers)]
    results = [(child.wait(timeout=60), child.stderr.read().decode()) for child in children]
    assert [code for code, _ in results] == [0] * writers, results
    assert app.rows("SELECT count(*) FROM entries") == [(writers + 1,)]
    copies = list((app.db.parent / "backups").glob("journal-auto-*-before-m002*.db"))
    assert len(copies) == 1, copies
    assert app.rows("PRAGMA integrity_check") == [("ok",)]


def test_undo_after_adding_an_item_and_importing_its_answers_unwinds_both(started):
    assert started("items", "add", "evening-walk", "A", "walk", "--kind", "action"
                   ).returncode == 0
    mark = {"type": "mark", "day": "2026-11-20", "item": "evening-walk", "status": "kept",
            "updated_at": "2026-11-20T21:00:00+00:00"}
    assert import_lines(started, json.dumps(mark)).returncode == 0
    first, second = started("undo"), started("undo")
    assert (first.returncode, second.returncode) == (0, 0), (first.stderr, second.stderr)
    assert second.stdout.decode() == "Undone: added the item evening-walk.\n"
    assert started.rows("SELECT count(*) FROM items WHERE slug = 'evening-walk'") == [(0,)]
    assert started.rows("SELECT count(*) FROM marks") == [(0,)]


def test_an_undo_that_cannot_be_done_says_so_and_is_not_stuck_for_good(started):
    assert started("items", "add", "evening-walk", "A", "walk", "--kind", "action"
                   ).returncode == 0
    conn = sqlite3.connect(started.db)  # an answer from outside the undo history
    conn.execute("INSERT INTO marks (day, item, status, note, updated_at) "
                 "VALUES ('2026-11-20', 'evening-walk', 'kept', NULL, 'x')")
    conn.commit()
    conn.close()
    stuck = started("undo")
    assert stuck.returncode == 1
    assert stuck.stderr.decode() == (
        "The latest change (added the item evening-walk) can no longer be undone: later "
        "changes depend on it. It was taken off the undo list, and nothing was changed.\n")
    after = started("undo")
    assert after.stdout.decode().startswith("Undone: wrote a journal entry")


def test_import_error_messages_for_other_formats_name_the_place(started, tmp_path):
    jrnl = tmp_path / "jrnl.json"
    jrnl.write_text(json.dumps({"entries": [{"date": "2026-11-20", "time": "09:00",
                                             "title": "ok", "body": ""},
                                            {"date": "nope", "title": "x"}]}))
    result = started("import", str(jrnl), "--format", "jrnl")
    assert (result.returncode, result.stderr.decode()) == (
        1, f"Nothing was imported from {jrnl}: entry 2: jrnl entry without a valid date and "
           "time.\n")
    jrnl.write_text(json.dumps({"entries": [{"date": "2026-11-20", "title": "x" * 1_000_001}]}))
    too_big = started("import", str(jrnl), "--format", "jrnl")
    assert too_big.stderr.decode() == (
        f"Nothing was imported from {jrnl}: entry 1: the text is larger than 1 MB, the most one "
        "entry can hold.\n")
