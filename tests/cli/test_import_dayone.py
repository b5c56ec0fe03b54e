"""import of Day One's JSON export: the zip as the app makes it, several journals, the local day
in each entry's own time zone, escapes and attachments, twice is once, and hostile zips."""

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import rows

APPS = Path(__file__).parent.parent / "fixtures" / "apps"
ZIP = str(APPS / "dayone-Export-All.zip")
TODAY = {"RECONCILE_TODAY": "2026-12-07"}  # the export holds an entry for 10 December
ENTRIES = "SELECT day, created_at, zone, starred, body FROM entries ORDER BY seq"


def journal_json() -> dict:
    return json.loads((APPS / "dayone-Journal.json").read_text())


def make_zip(path: Path, files: dict[str, bytes | dict]) -> str:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, json.dumps(data) if isinstance(data, dict) else data)
    return str(path)


def test_a_day_one_zip_of_two_journals_is_recognised_and_read_as_written(run, journal):
    result = run("import", ZIP, env=TODAY)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"Imported {ZIP}:\n"
        "  read as: a Day One export\n"
        "  journals: Journal (13 entries), Mein Tagebuch (2 entries)\n"
        "  entries: 14 added, 0 updated, 0 unchanged\n"
        "  not kept: 4 photos, 1 video, 1 audio recording and 1 PDF; reconcile keeps "
        "words, and each is marked where it was, like [photo]\n"
        "  not kept: 1 empty entry, with no words\n"
        "  moved: 1 entry was written for a day still to come; it is on today, with its "
        "own day at the top of its text\n")
    assert rows(journal, ENTRIES) == [
        ("2023-01-15", "2023-01-15T20:31:07+00:00", "Europe/London", 1,
         "# Back in London!\n\nTook the 5:40 train (again). Met Jo at the café - first time in "
         "3 years.\n\n[photo]\n\nThings to remember:\n\n- Bring the charger\n- [ ] Book "
         "tickets\n\nWhat a day? #spontaneous\n\n@travel @with-friends"),
        # all-day: midnight in its zone; a line separator is a new line; links keep their words
        ("2023-01-16", "2023-01-16T00:00:00+00:00", "Europe/London", 0,
         "Ordinary day. Line one\nline two.\n\nSee also yesterday and an old one.\n\nA real "
         'backslash: C:\\Users, and 50% or "quotes" as they are.'),
        ("2023-01-17", "2023-01-17T07:05:00-05:00", "America/New_York", 0,
         "TYT-report 2023\n\n[video]\n\n[audio]\n\n[PDF]"),
        ("2023-01-18", "2023-01-18T08:59:59+01:00", "Europe/Berlin", 0, "[photo]"),
        # one instant, two days: each entry's own day, either side of the date line
        ("2026-03-29", "2026-03-29T01:30:00+14:00", "Pacific/Kiritimati", 0,
         "Far east of London: already Sunday here."),
        ("2026-03-28", "2026-03-28T00:30:00-11:00", "Pacific/Pago_Pago", 0,
         "Far west: still Saturday morning."),
        # the night the clocks go forward, and the hour that happens twice
        ("2026-03-29", "2026-03-29T03:30:00+02:00", "Europe/Berlin", 0,
         "An hour shorter night."),
        ("2026-10-25", "2026-10-25T02:30:00+02:00", "Europe/Berlin", 0,
         "Half past two, the first time."),
        ("2026-10-25", "2026-10-25T02:30:00+01:00", "Europe/Berlin", 0, "Half past two, again."),
        ("2026-11-02", "2026-11-02T19:00:00+00:00", "Europe/London", 0,
         "Only rich text\nWritten on a new phone. 50% sure.\n[photo]"),
        ("2026-11-03", "2026-11-03T20:00:00+00:00", "Europe/London", 0,
         "We walked to the lake.[photo]. Then home."),
        ("2026-12-07", "2026-12-07T09:00:00+00:00", "Europe/London", 0,
         "Written for Thursday 10 December 2026\n\nTrip to the coast with the kids.\n\n@kids"),
        ("2026-11-14", "2026-11-14T19:20:00+01:00", "Europe/Berlin", 1,
         "Heute war ein schöner Tag. Wir sind an der Spree spazieren gegangen!\n\n"
         "@Familie @draußen"),
        ("2026-07-01", "2026-07-01T00:00:00+12:00", "Pacific/Auckland", 0,
         "Ganzer Tag in Auckland."),
    ]
    # Day One's uuid is the entry's id
    assert rows(journal, "SELECT id FROM entries ORDER BY seq LIMIT 1") == [
        ("a1b2c3d4-e5f6-0718-293a-4b5c6d7e8f90",)]
    assert "@with-friends" in run("tags").stdout


def test_the_day_is_the_entry_s_own_not_the_computer_s(run, journal, local_zone):
    # On a computer in Los Angeles, the Kiritimati entry is still on its own Sunday.
    local_zone("America/Los_Angeles")
    assert run("import", ZIP, env=TODAY).exit_code == 0
    assert rows(journal, "SELECT day, substr(created_at, 12) FROM entries WHERE zone = "
                         "'Pacific/Kiritimati'") == [("2026-03-29", "01:30:00+14:00")]


def test_twice_is_once_and_a_newer_export_brings_its_edits(run, journal, tmp_path):
    assert run("import", ZIP, env=TODAY).exit_code == 0
    again = run("import", ZIP, env=TODAY)
    assert "  entries: 0 added, 0 updated, 14 unchanged\n" in again.stdout
    newer = journal_json()
    newer["entries"][1]["text"] = "Ordinary day\\. Edited on the phone\\."
    newer["entries"][1]["modifiedDate"] = "2026-12-01T08:00:00Z"
    source = tmp_path / "Journal.json"
    source.write_text(json.dumps(newer))
    result = run("import", str(source), env=TODAY)
    assert result.stdout.startswith(f"Imported {source}:\n"
                                    "  read as: a Day One export\n"
                                    "  journals: Journal (13 entries)\n"
                                    "  entries: 0 added, 1 updated, 11 unchanged\n")
    # the older export, imported again, does not undo the edit
    assert "  entries: 0 added, 0 updated, 14 unchanged\n" in run("import", ZIP,
                                                                   env=TODAY).stdout
    assert rows(journal, "SELECT body FROM entries WHERE id = "
                         "'b2c3d4e5-f607-1829-3a4b-5c6d7e8f90a1'") == [
        ("Ordinary day. Edited on the phone.",)]


def test_dry_run_counts_and_undo_takes_it_back_in_one_step(run, journal):
    dry = run("import", ZIP, "--dry-run", env=TODAY)
    assert dry.stdout.startswith(
        "Dry run, nothing changed. The import would make these changes:\n"
        "  read as: a Day One export\n"
        "  journals: Journal (13 entries), Mein Tagebuch (2 entries)\n"
        "  entries: 14 added, 0 updated, 0 unchanged\n")
    assert rows(journal, "SELECT count(*) FROM entries") == [(0,)]
    assert run("import", ZIP, env=TODAY).exit_code == 0
    assert run("undo").exit_code == 0
    assert rows(journal, "SELECT count(*) FROM entries") == [(0,)]


@pytest.mark.parametrize(("change", "message"), [
    ({"creationDate": "yesterday"},
     "its creationDate or modifiedDate is not a date and time from 1900 on"),
    ({"timeZone": "Mars/Olympus_Mons"}, "its time zone 'Mars/Olympus_Mons' is not one this "
                                        "computer knows"),
    ({"tags": "travel"}, "its tags are not a list of words"),
    ({"text": "x" * 1_000_001}, "the text is larger than 1 MB, the most one entry can hold"),
    ({"creationDate": "1899-12-31T12:00:00Z"},
     "its creationDate or modifiedDate is not a date and time from 1900 on"),
])
def test_a_bad_entry_anywhere_imports_nothing_and_is_named_by_its_place(run, journal, tmp_path,
                                                                       change, message):
    with zipfile.ZipFile(ZIP) as archive:
        tagebuch = json.loads(archive.read("Mein Tagebuch.json"))
    tagebuch["entries"][1].update(change)
    source = make_zip(tmp_path / "Export.zip", {"Journal.json": journal_json(),
                                                "Mein Tagebuch.json": tagebuch})
    result = run("import", source, env=TODAY)
    assert result.exit_code == 1
    assert result.stderr == (f"Nothing was imported from {source}: Mein Tagebuch.json entry 2: "
                             f"{message}.\n")
    assert rows(journal, "SELECT count(*) FROM entries") == [(0,)]


def test_a_file_that_is_not_what_format_says_is_named_in_one_line(run, journal):
    result = run("import", "--format", "daylio", ZIP)
    assert (result.exit_code, result.stderr) == (1, (
        f"Nothing was imported from {ZIP}: it looks like a Day One export, not a Daylio CSV "
        "export; leave out --format, or give --format dayone.\n"))
    single = str(APPS / "dayone-Journal.json")
    assert run("import", "--format", "dayone", single, env=TODAY).exit_code == 0
    assert rows(journal, "SELECT count(*) FROM entries") == [(12,)]


@pytest.mark.parametrize("name", ["../Journal.json", "/etc/Journal.json", "a/../../b.json",
                                  "C:/Journal.json"])
def test_a_zip_naming_a_file_outside_itself_is_refused_whole(run, journal, tmp_path, name):
    source = make_zip(tmp_path / "evil.zip", {"Journal.json": journal_json(), name: b"{}"})
    result = run("import", source)
    assert result.exit_code == 1
    assert result.stderr == (f"Nothing was imported from {source}: the zip holds a file named "
                             f"{name!r}, which points outside the zip; it is not an export, "
                             "and nothing in it was read.\n")


def test_a_zip_bomb_is_refused_before_it_is_read(run, journal, tmp_path, monkeypatch):
    from reconcile_cli.formats import dayone

    monkeypatch.setattr(dayone, "MAX_FILE_BYTES", 1_000_000)
    # 3 MB of spaces inside valid JSON compresses to a few kilobytes
    bomb = b'{"metadata": {}, "entries": []' + b" " * 3_000_000 + b"}"
    source = make_zip(tmp_path / "bomb.zip", {"Journal.json": bomb})
    assert Path(source).stat().st_size < 20_000
    result = run("import", source)
    assert result.stderr == (f"Nothing was imported from {source}: Journal.json in the zip is "
                             "larger than 1 MB, the most one file can be here.\n")


def test_a_zip_of_too_many_files_is_refused_from_its_directory(run, journal, tmp_path,
                                                               monkeypatch):
    from reconcile_cli.formats import zips

    monkeypatch.setattr(zips, "MAX_MEMBERS", 3)
    files: dict[str, bytes | dict] = {"Journal.json": journal_json()}
    files.update({f"photos/{n}.jpeg": b"x" for n in range(4)})
    source = make_zip(tmp_path / "many.zip", files)
    result = run("import", source)
    assert result.stderr == (f"Nothing was imported from {source}: the zip says it holds 5 "
                             "files, more than any export reconcile reads.\n")


def test_damaged_password_protected_and_piped_zips_are_refused(run, journal, tmp_path):
    damaged = tmp_path / "cut.zip"
    damaged.write_bytes(Path(ZIP).read_bytes()[:2000])
    assert run("import", str(damaged)).stderr == (
        f"Nothing was imported from {damaged}: it is not a zip file that can be read (it may "
        "be damaged or cut short).\n")
    locked = tmp_path / "locked.zip"
    data = bytearray(Path(make_zip(locked, {"Journal.json": journal_json()})).read_bytes())
    for header, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(header) + flags_at
        data[at] |= 0x1  # what an encrypted file's headers say
    locked.write_bytes(bytes(data))
    assert run("import", str(locked)).stderr == (
        f"Nothing was imported from {locked}: Journal.json in the zip is protected by a "
        "password; export it again without one.\n")
    # a pipe cannot go back to a zip's directory at its end (a redirected file can)
    piped = subprocess.run([sys.executable, "-m", "reconcile_cli", "import", "-"],
                           input=Path(ZIP).read_bytes(), capture_output=True)
    assert (piped.returncode, piped.stderr) == (1, (
        b"Nothing was imported from standard input: a zip cannot be read from standard input; "
        b"give its file name.\n"))
    assert rows(journal, "SELECT count(*) FROM entries") == [(0,)]


def test_a_zip_with_no_journal_in_it_says_so(run, journal, tmp_path):
    source = make_zip(tmp_path / "photos.zip", {"photos/a.jpeg": b"x"})
    result = run("import", source)
    assert result.stderr == (f"Nothing was imported from {source}: it looks like a zip that "
                             "holds neither a Day One nor a Journey export; reconcile imports "
                             "reconcile's own exports, Day One and Journey exports, Daylio's "
                             "CSV, and jrnl's journal file or JSON.\n")
