"""import of Journey's export: a zip of one JSON file per entry (or one such file), HTML as text,
moods through --mood-map, attachments counted, twice is once, all or nothing."""

import json
import zipfile
from pathlib import Path

import pytest

from tests.conftest import rows

APPS = Path(__file__).parent.parent / "fixtures" / "apps"
ZIP = str(APPS / "journey-multiple-1765100000000.zip")
ONE = str(APPS / "journey-1705312800123-MgdL0i6fNq7wNsLw.json")
ENTRIES = "SELECT day, created_at, zone, starred, mood, body FROM entries ORDER BY day"


@pytest.fixture(autouse=True)
def utc(local_zone):
    local_zone("UTC")  # an entry of 2014 names no zone: this computer's is used


def entries_of(path: str) -> dict[str, dict]:
    with zipfile.ZipFile(path) as archive:
        return {name: json.loads(archive.read(name)) for name in archive.namelist()
                if name.endswith(".json")}


def test_a_journey_zip_is_recognised_and_read_as_written(run, journal):
    result = run("import", ZIP)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"Imported {ZIP}:\n  read as: a Journey export\n"
        "  entries: 5 added, 0 updated, 0 unchanged\n"
        "  not kept: 3 photos, 1 video and 1 audio recording; reconcile keeps words, and "
        "each is marked where it was, like [photo]\n")
    assert rows(journal, ENTRIES) == [
        # 2014: Markdown, no time zone named, mood face 1
        ("2014-10-07", "2014-10-07T03:53:04+00:00", None, 0, 1,
         "# Melbourne\nMelbourne is lovely at night.\nLook at the *night skyline*."),
        # HTML as text: paragraphs apart, <br> a new line, &amp; decoded; no face chosen
        ("2023-01-15", "2023-01-15T20:31:07+00:00", "Europe/London", 0, None,
         "Rainy Sunday.\n\nCooked soup & read two chapters.\nEarly night.\n\n[photo]\n\n"
         "@home @cooking"),
        ("2024-01-15", "2024-01-15T05:00:00-05:00", "America/New_York", 1, 7,
         "Gratitude list\n\n- Coffee\n- Friends"),
        # four attachments listed, one of them missing from the zip: each is marked
        ("2025-11-28", "2025-11-28T11:26:24+01:00", "Europe/Berlin", 0, 5,
         "Voice memo + clip from the hike\n\n[photo] [video] [audio] [photo]\n\n"
         "@hiking @alps"),
        # no face, a sentiment of -0.5: a mood of 3
        ("2025-11-29", "2025-11-29T19:26:24+09:00", "Asia/Tokyo", 0, 3, "頭痛がさ。"),
    ]


def test_twice_is_once_and_one_entry_s_file_imports_on_its_own(run, journal):
    assert run("import", ONE).stdout == (f"Imported {ONE}:\n  read as: a Journey export\n"
                                         "  entries: 1 added, 0 updated, 0 unchanged\n")
    assert run("import", ZIP).stdout.startswith(
        f"Imported {ZIP}:\n  read as: a Journey export\n"
        "  entries: 4 added, 0 updated, 1 unchanged\n")
    assert "  entries: 0 added, 0 updated, 5 unchanged\n" in run("import", ZIP).stdout


def test_moods_follow_the_mood_map_and_an_unknown_face_is_named(run, journal, tmp_path):
    assert run("import", ZIP, "--mood-map", "4=8,1=2").exit_code == 0
    assert rows(journal, "SELECT day, mood FROM entries WHERE mood IS NOT NULL ORDER BY day") == [
        ("2014-10-07", 2), ("2024-01-15", 8), ("2025-11-28", 5), ("2025-11-29", 3)]
    entry = entries_of(ZIP)["1705312800123-MgdL0i6fNq7wNsLw.json"]
    entry["mood"] = 7
    source = tmp_path / "1705312800123-MgdL0i6fNq7wNsLw.json"
    source.write_text(json.dumps(entry))
    result = run("import", str(source))
    assert result.stderr == (f"Nothing was imported from {source}: "
                             "1705312800123-MgdL0i6fNq7wNsLw.json: mood '7' has no number: add "
                             "it to --mood-map.\n")
    assert run("import", str(source), "--mood-map", "7=10").exit_code == 0


@pytest.mark.parametrize(("change", "message"), [
    ({"date_journal": "yesterday"}, "its date_journal is not a time in milliseconds from 1900 "
                                    "on"),
    ({"date_journal": True}, "its date_journal is not a time in milliseconds from 1900 on"),
    ({"timezone": "Nowhere/Land"}, "its time zone 'Nowhere/Land' is not one this computer "
                                   "knows"),
    ({"photos": "a.jpg"}, "its photos are not a list"),
    ({"text": 42}, "its text is not text"),
])
def test_a_bad_entry_file_imports_nothing_and_is_named(run, journal, tmp_path, change, message):
    files = entries_of(ZIP)
    files["1764325584203-Xq9ZpL2mN7vB4cR1.json"].update(change)
    source = tmp_path / "journey-multiple-1.zip"
    with zipfile.ZipFile(source, "w") as archive:
        for name, entry in files.items():
            archive.writestr(name, json.dumps(entry))
    result = run("import", str(source))
    assert result.exit_code == 1
    assert result.stderr == (f"Nothing was imported from {source}: "
                             f"1764325584203-Xq9ZpL2mN7vB4cR1.json: {message}.\n")
    assert rows(journal, "SELECT count(*) FROM entries") == [(0,)]


def test_a_file_that_is_not_what_format_says_is_named(run, journal):
    result = run("import", "--format", "dayone", ZIP)
    assert result.stderr == (f"Nothing was imported from {ZIP}: it looks like a Journey export, "
                             "not a Day One export; leave out --format, or give --format "
                             "journey.\n")


def test_an_entry_dated_after_today_goes_onto_today_with_its_day_kept(run, journal, tmp_path):
    entry = entries_of(ZIP)["1705312800123-MgdL0i6fNq7wNsLw.json"]
    entry["date_journal"] = entry["date_modified"] = 1795946400000  # 29 Nov 2026, 10:00 UTC
    source = tmp_path / "1705312800123-MgdL0i6fNq7wNsLw.json"
    source.write_text(json.dumps(entry))
    result = run("import", str(source))
    assert result.stdout.endswith("  moved: 1 entry was written for a day still to come; it is "
                                  "on today, with its own day at the top of its text\n")
    assert rows(journal, ENTRIES) == [
        ("2026-11-22", "2026-11-22T05:00:00-05:00", "America/New_York", 1, 7,
         "Written for Sunday 29 November 2026\n\nGratitude list\n\n- Coffee\n- Friends")]
