"""export and import: the lossless format, merging, other tools' exports, and refusals."""

import json
import stat
from pathlib import Path

import pytest

from tests.conftest import rows, uid


def lines_of(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def make_file(tmp_path, *records, name="in.jsonl", header=True) -> str:
    lines = [{"format": "reconcile", "version": 1, "exported_at": "2026-11-22T10:00:00+00:00"}]
    lines = (lines if header else []) + list(records)
    path = tmp_path / name
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in lines) + "\n")
    return str(path)


ENTRY = {"type": "entry", "id": "7d1c0c9e-0000-4000-8000-000000000001", "day": "2026-11-20",
         "created_at": "2026-11-20T21:00:00+00:00", "updated_at": "2026-11-20T21:00:00+00:00",
         "kind": "journal", "body": "By hand."}


def test_export_jsonl_follows_the_contract(run, journal):
    run("write", "Second day.", "--mood", "6", "--date", "2026-11-21",
        env={"RECONCILE_NOW": "2026-11-21T20:00:00+00:00"})
    run("write", "First day.", "--date", "2026-11-20")
    run("check", "no-blame=missed", "--note", "snapped", "--date", "2026-11-20")
    trashed = run("write", "Trashed.", "--date", "2026-11-21",
                  env={"RECONCILE_NOW": "2026-11-21T21:00:00+00:00"}).stdout.split()[2]
    run("delete", trashed, "--yes")
    run("config", "day_starts_at", "3")
    records = lines_of(run("export").stdout)
    assert list(records[0]) == ["format", "version", "exported_at"]
    assert records[0]["format"] == "reconcile" and records[0]["version"] == 2
    assert [r["type"] for r in records[1:13]] == ["item"] * 12
    assert list(records[1]) == ["type", "slug", "label", "kind", "position", "created_at",
                                "retired_at", "kept_by", "stamp", "vv"]
    rest = [(r["type"], r.get("day"), r.get("body") or r.get("status") or r.get("key"))
            for r in records[13:]]
    assert rest == [("entry", "2026-11-20", "First day."), ("mark", "2026-11-20", "missed"),
                    ("entry", "2026-11-21", "Second day."), ("entry", "2026-11-21", "Trashed."),
                    ("setting", None, "day_starts_at")]
    entry = records[15]
    assert list(entry) == ["type", "id", "day", "created_at", "updated_at", "kind", "prompt",
                           "mood", "body", "deleted_at", "starred", "zone", "copy_of",
                           "edited_at", "stamp", "vv"]
    mark = records[14]
    assert mark == {"type": "mark", "day": "2026-11-20", "item": "no-blame",
                    "status": "missed", "note": "snapped", "updated_at": mark["updated_at"],
                    "stamp": mark["stamp"], "vv": {mark["stamp"].rpartition("@")[2]:
                                                   mark["stamp"]}}
    assert records[16]["deleted_at"] is not None
    only = [r.get("day") for r in lines_of(run("export", "--since", "2026-11-21").stdout)[13:]]
    assert only == ["2026-11-21", "2026-11-21", None]


def test_export_to_a_file_is_private_and_never_overwrites_silently(run, journal, tmp_path):
    target = tmp_path / "out.jsonl"
    first = run("export", "-o", str(target))
    assert first.exit_code == 0 and first.stderr == f"Exported to {target}.\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    target.write_text("precious")
    again = run("export", "-o", str(target))
    assert again.exit_code == 1
    assert again.stderr == f"{target} already exists; use --force to replace it.\n"
    assert target.read_text() == "precious"
    assert run("export", "-o", str(target), "--force").exit_code == 0
    assert target.read_text().startswith('{"format": "reconcile"')
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_round_trip_and_two_journals_staying_in_step(run, journal, tmp_path, fake_editor):
    other = str(tmp_path / "other.db")
    evening = {"RECONCILE_NOW": "2026-11-22T19:00:00+00:00"}
    shared = run("write", "Written on the laptop.", "--mood", "5", env=evening
                 ).stdout.split()[2]
    run("check", "no-begging=kept", env=evening)
    a_export = make_file(tmp_path, name="a.jsonl", header=False)
    Path(a_export).write_text(run("export").stdout)
    assert run("--db", other, "import", a_export).exit_code == 0
    assert run("--db", other, "export").stdout.splitlines()[1:] == \
        run("export").stdout.splitlines()[1:]
    # now both sides change: the phone edits the shared entry later than the laptop does
    run("edit", shared, "--mood", "6", env={"RECONCILE_NOW": "2026-11-22T20:00:00+00:00"})
    run("--db", other, "edit", shared, "--mood", "8",
        env={"RECONCILE_NOW": "2026-11-22T21:00:00+00:00"})
    run("--db", other, "write", "Written on the phone.",
        env={"RECONCILE_NOW": "2026-11-22T21:05:00+00:00"})
    run("check", "self-care=kept", env={"RECONCILE_NOW": "2026-11-22T21:10:00+00:00"})
    b_export = tmp_path / "b.jsonl"
    b_export.write_text(run("--db", other, "export").stdout)
    merged = run("import", str(b_export))
    assert "entries: 1 added, 1 updated, 0 unchanged" in merged.stdout
    Path(a_export).write_text(run("export").stdout)
    assert run("--db", other, "import", a_export).exit_code == 0
    mine, theirs = run("export").stdout, run("--db", other, "export").stdout
    assert mine.splitlines()[1:] == theirs.splitlines()[1:]
    assert rows(journal, "SELECT mood FROM entries WHERE id LIKE ?", (f"{shared}%",)) == [(8,)]


def test_importing_twice_changes_nothing_and_dry_run_touches_nothing(run, journal, tmp_path):
    source = make_file(tmp_path, ENTRY)
    dry = run("import", source, "--dry-run")
    assert dry.stdout == ("Dry run, nothing changed. The import would make these changes:\n"
                          "  entries: 1 added, 0 updated, 0 unchanged\n")
    assert rows(journal, "SELECT count(*) FROM entries") == [(0,)]
    assert run("import", source).stdout == (f"Imported {source}:\n"
                                            "  entries: 1 added, 0 updated, 0 unchanged\n")
    assert run("import", source).stdout.endswith("  entries: 0 added, 0 updated, 1 unchanged\n")
    # missing optional keys mean null
    assert rows(journal, "SELECT body, mood, prompt, deleted_at FROM entries") == [
        ("By hand.", None, None, None)]


def test_import_reads_standard_input(run, journal, tmp_path):
    text = Path(make_file(tmp_path, ENTRY)).read_text()
    result = run("import", "-", input=text)
    assert result.stdout.startswith("Imported standard input:\n")
    assert rows(journal, "SELECT count(*) FROM entries") == [(1,)]


@pytest.mark.parametrize(
    ("records", "message"),
    [
        (["{not json"], "line 2: not valid JSON (Expecting property name enclosed in double "
                        "quotes)"),
        ([{"type": "diary"}], "line 2: unknown type 'diary' (expected item, entry, mark, "
                              "setting, support, letter, vision, goal, step, step_done, "
                              "pause, prompt, gone or tombstone)"),
        ([{**ENTRY, "day": "2026-02-30"}], "line 2: entry: '2026-02-30' is not a date "
                                           "(YYYY-MM-DD)"),
        ([{**ENTRY, "mood": 42}], "line 2: entry: mood must be a whole number from 1 to 10, "
                                  "not 42"),
        ([{**ENTRY, "mood": True}], "line 2: entry: mood must be a whole number from 1 to 10, "
                                    "not true"),
        ([{k: v for k, v in ENTRY.items() if k != "id"}], "line 2: entry: missing field 'id'"),
        ([{"type": "mark", "day": "2026-11-20", "item": "juggling", "status": "kept",
           "updated_at": "2026-11-20T21:00:00+00:00"}],
         "line 2: mark: mark for 'juggling', which is not an item of this journal or of the "
         "file"),
        ([json.dumps({**ENTRY, "body": "half a pair \ud800 of surrogates"})],
         "line 2: entry: body holds characters that are not valid Unicode"),
        ([{"type": "setting", "key": "colour", "value": "blue"}],
         "line 2: setting: There is no setting called 'colour'. Settings: day_starts_at, "
         "editor, journey_start, gentle_net, crisis_line, drawer_cooling_hours, nudge_after, "
         "sync_auto"),
    ],
)
def test_a_bad_record_aborts_the_whole_import_naming_its_line(run, journal, tmp_path, records,
                                                             message):
    good = {**ENTRY, "id": uid(999)}
    source = make_file(tmp_path, good, *records)
    result = run("import", source)
    assert result.exit_code == 1
    assert result.stderr == (f"Nothing was imported from {source}: "
                             + message.replace("line 2", "line 3") + ".\n")
    assert rows(journal, "SELECT count(*) FROM entries") == [(0,)]


def test_a_file_that_is_not_an_export_is_refused(run, journal, tmp_path):
    no_header = make_file(tmp_path, ENTRY, header=False)
    result = run("import", no_header)
    assert result.stderr == (f"Nothing was imported from {no_header}: line 1: not a reconcile "
                             'export (the header needs "format": "reconcile").\n')
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    assert "the file is empty" in run("import", str(empty)).stderr


def test_a_bad_record_deep_in_a_big_import_leaves_the_journal_as_it_was(run, journal, tmp_path):
    run("write", "Already here.")
    before = rows(journal, "SELECT * FROM entries")
    records = [{**ENTRY, "id": uid(n), "body": f"entry {n}"} for n in range(251)]
    records[249]["mood"] = 42
    result = run("import", make_file(tmp_path, *records))
    assert result.exit_code == 1
    assert "line 251: entry: mood must be a whole number from 1 to 10, not 42" in result.stderr
    assert rows(journal, "SELECT * FROM entries") == before


def test_markdown_and_csv_exports(run, journal):
    run("write", "Calm.", "--mood", "6", "--date", "2026-11-20")
    run("mood", "8", "--date", "2026-11-20")
    run("check", "no-begging=kept", "no-blame=missed", "--date", "2026-11-20")
    md = run("export", "--format", "md").stdout
    assert "## Friday 20 November 2026\n\nMood: 7\n\n- kept: Did not beg, plead or act out of " \
           "desperation\n- missed: No blame, criticism or lashing out\n" in md
    assert "### " in md and "Calm." in md
    csv_lines = run("export", "--format", "csv").stdout.splitlines()
    assert csv_lines[0].startswith("date,mood,mood_min,mood_max,entries,words,no-begging,")
    assert csv_lines[1] == "2026-11-20,7,6,8,2,1,kept,,,,,missed,,,,,,"


def test_imported_entries_are_searchable_and_the_index_stays_in_step(run, journal, tmp_path):
    run("write", "Already here: the lighthouse.")
    records = [{**ENTRY, "id": uid(n), "body": f"walking past lighthouse {n}"}
               for n in range(30)]
    assert run("import", make_file(tmp_path, *records, name="dry.jsonl"), "--dry-run"
               ).exit_code == 0
    assert run("doctor").exit_code == 0  # a dry run leaves the index (and its trigger) whole
    assert run("import", make_file(tmp_path, *records)).exit_code == 0
    hits = json.loads(run("search", "lighthouse", "-n", "100", "--json").stdout)
    assert len(hits) == 31
    assert run("doctor").exit_code == 0
    run("write", "after the import, a lighthouse again")  # the trigger is back
    assert len(json.loads(run("search", "lighthouse", "-n", "100", "--json").stdout)) == 32


def test_the_same_entry_twice_in_one_file_is_refused(run, journal, tmp_path):
    source = make_file(tmp_path, ENTRY, {**ENTRY, "body": "again", "updated_at":
                                         "2026-11-21T10:00:00+00:00"})
    result = run("import", source)
    assert result.exit_code == 1
    assert result.stderr == (f"Nothing was imported from {source}: line 3: entry: entry "
                             f"{ENTRY['id']} appears twice in the file.\n")
    assert run("doctor").exit_code == 0


def test_answers_merged_in_batches_come_out_as_merged_one_by_one(run, journal, tmp_path,
                                                                   monkeypatch):
    # Import merges answers a batch at a time; duplicates within a batch, across batches and
    # against the journal must end, and be counted and undone, as one by one.
    from reconcile_cli.store import importing

    monkeypatch.setattr(importing, "BATCH", 3)
    run("check", "no-blame=kept", "--date", "2026-11-19",
        env={"RECONCILE_NOW": "2026-11-19T21:00:00+00:00"})

    def mark(day: str, status: str, stamp: str) -> dict:
        return {"type": "mark", "day": day, "item": "no-blame", "status": status, "note": None,
                "updated_at": stamp}

    source = make_file(
        tmp_path,
        mark("2026-11-19", "missed", "2026-11-18T21:00:00+00:00"),  # older than here: unchanged
        mark("2026-11-20", "kept", "2026-11-20T21:00:00+00:00"),  # added
        mark("2026-11-20", "missed", "2026-11-21T09:00:00+00:00"),  # later, same batch: updated
        mark("2026-11-21", "kept", "2026-11-21T21:00:00+00:00"),  # added
        mark("2026-11-20", "skipped", "2026-11-20T22:00:00+00:00"),  # older than the 2nd: kept
        mark("2026-11-21", "skipped", "2026-11-22T08:00:00+00:00"),  # later, same batch: updated
        mark("2026-11-20", "kept", "2026-11-21T12:00:00+00:00"))  # later, next batch: updated
    result = run("import", source)
    assert result.stdout == (f"Imported {source}:\n"
                             "  checklist answers: 2 added, 3 updated, 2 unchanged\n")
    assert rows(journal, "SELECT day, status FROM marks ORDER BY day") == [
        ("2026-11-19", "kept"), ("2026-11-20", "kept"), ("2026-11-21", "skipped")]
    assert run("undo").exit_code == 0
    assert rows(journal, "SELECT day, status FROM marks ORDER BY day") == [("2026-11-19", "kept")]


def test_an_entry_twice_in_a_file_updating_one_here_is_merged_as_one_by_one(run, journal,
                                                                          tmp_path):
    # Merged one by one, the second copy meets what the first left; so in a batch too.
    run("import", make_file(tmp_path, ENTRY, name="first.jsonl"))
    later = {**ENTRY, "body": "Changed.", "updated_at": "2026-11-21T10:00:00+00:00"}
    latest = {**ENTRY, "body": "Changed again.", "updated_at": "2026-11-22T10:00:00+00:00"}
    source = make_file(tmp_path, later, latest)
    result = run("import", source)
    assert (result.exit_code, result.stdout) == (
        0, f"Imported {source}:\n  entries: 0 added, 2 updated, 0 unchanged\n")
    assert rows(journal, "SELECT body FROM entries") == [("Changed again.",)]


def test_the_first_bad_line_is_named_though_a_batch_waits(run, journal, tmp_path):
    # line 2 waits in a batch when line 3 cannot be read; line 2 is still the one named
    mark = {"type": "mark", "day": "2026-11-20", "item": "juggling", "status": "kept",
            "updated_at": "2026-11-20T21:00:00+00:00"}
    source = make_file(tmp_path, mark, "{not json")
    result = run("import", source)
    assert result.exit_code == 1
    assert result.stderr == (f"Nothing was imported from {source}: line 2: mark: mark for "
                             "'juggling', which is not an item of this journal or of the "
                             "file.\n")
