"""import of Daylio's CSV as it has been written over the years: four headers, 12- and 24-hour
times, stray spaces, custom moods, HTML notes, activities as tags or as checklist answers."""

from pathlib import Path

import pytest

from tests.conftest import rows

FIXTURES = Path(__file__).parent.parent / "fixtures"
APPS = FIXTURES / "apps"
QUIRKS = str(APPS / "daylio_export_quirks.csv")
MOODS = 'vaguely ok=5,ok=5,"tired, but fine=4",helpless=2,rested=8'
ENTRIES = "SELECT day, substr(created_at, 12, 5), mood, body FROM entries ORDER BY seq"


@pytest.mark.parametrize(("name", "expected"), [
    # 2018: no full_date, a year column and "18 May"; lowercase am/pm; "cook | stressed "
    ("daylio_export_2018_year_column.csv", [
        ("2018-05-18", "23:54", 9, "Went to a party\n\n@friends @cook @music"),
        ("2018-05-17", "22:21", 5, "@cook @stressed"),
        ("2018-05-16", "23:41", 1, "Did nothing today."),
    ]),
    # 7 columns, no note_title; several entries a day, newest first; "12:15 am" is 00:15
    ("daylio_export_2020_7col.csv", [
        ("2020-05-30", "18:50", 9, "Awesome\n\n@friends @gaming @nap"),
        ("2020-05-30", "08:02", 7, ""),
        ("2020-05-30", "00:15", 5, ""),
        ("2020-05-29", "12:38", 3, "Could be better, honestly\n\n@work @good-meal"),
        ("2020-05-28", "09:40", 1, ""),
    ]),
    # US times, custom moods (one with a comma), quotes, a note over two lines, an entity
    ("daylio_export_2022_8col_us_locale.csv", [
        ("2022-10-30", "10:04", 5, 'Title with "quotes"\n\nMulti-line note\nsecond line, with '
                                   "a comma\n\n@sos @quoted-activity"),
        ("2022-10-27", "13:49", 5, "@chess"),
        ("2022-10-27", "00:00", 4, "@movies-tv @bad-sleep"),
        ("2022-10-26", "22:00", 9, "Big day & good food.\n\n@at-the-office @board-game "
                                   "@colleague-interaction"),
    ]),
    # a byte-order mark and CRLF, the scales column, 24-hour times, HTML notes
    ("daylio_export_2025_9col_scales_bom_crlf.csv", [
        ("2025-04-12", "14:03", 2, "Bruh."),
        ("2025-04-12", "12:00", 8, "Morning\n\nSlept well.\n\nDreamt about trains.\n\nSleep "
                                   "Quality: 8/10 points\nSleep Time: 8:00\nAwake mid-sleep: "
                                   "1:00"),
        ("2025-04-02", "10:00", 7, "- one\n- two\n\nSleep Quality: 6/10 points\nSleep Time: "
                                   "7:30\n\n@reading @walk"),
        ("2025-03-30", "20:18", 1, "@pondering"),
    ]),
])
def test_every_generation_of_the_export_is_read(run, journal, name, expected):
    source = str(APPS / name)
    result = run("import", source, "--mood-map", MOODS)
    assert result.stdout == (f"Imported {source}:\n  read as: a Daylio CSV export\n"
                             f"  entries: {len(expected)} added, 0 updated, 0 unchanged\n")
    assert rows(journal, ENTRIES) == expected
    again = run("import", source, "--mood-map", MOODS)
    assert again.stdout.endswith(f"  entries: 0 added, 0 updated, {len(expected)} unchanged\n")


def test_a_mood_with_no_number_is_named_and_nothing_is_imported(run, journal):
    # "sad " with a trailing space is the mood "sad"; neither it nor "meh+" is in the defaults
    first = run("import", QUIRKS)
    assert (first.exit_code, first.stderr) == (1, (
        f"Nothing was imported from {QUIRKS}: line 2: mood 'sad' has no number: add it to "
        "--mood-map, with 'meh+', which has none either.\n"))
    second = run("import", QUIRKS, "--mood-map", "sad=3")
    assert second.stderr == (f"Nothing was imported from {QUIRKS}: line 3: mood 'meh+' has no "
                             "number: add it to --mood-map.\n")
    assert rows(journal, "SELECT count(*) FROM entries") == [(0,)]
    assert run("import", QUIRKS, "--mood-map", "sad=3, meh+=6").exit_code == 0
    assert rows(journal, ENTRIES) == [
        # <br> a new line, <br><br> a paragraph, <b> gone, &amp; decoded; "walk  |  family | "
        ("2026-11-21", "22:00", 3, "Called my sister.\nShe listened.\n\nFelt lighter & slept.\n\n"
                                   "@walk @family"),
        ("2026-11-21", "22:15", 6, "@self-care"),
        ("2026-11-20", "07:05", 7, "Morning\n\nCoffee, then the park.\n\n@walk"),
    ]


def test_activities_as_items_answer_the_checklist_and_make_the_items_missing(run, journal):
    result = run("import", QUIRKS, "--mood-map", "sad=3,meh+=6", "--activities-as", "items")
    assert result.stdout == (f"Imported {QUIRKS}:\n  read as: a Daylio CSV export\n"
                             "  checklist items: 2 added, 0 updated, 0 unchanged\n"
                             "  entries: 3 added, 0 updated, 0 unchanged\n"
                             "  checklist answers: 4 added, 0 updated, 0 unchanged\n")
    # "self care" is the default item self-care; walk and family are new things to do
    assert rows(journal, "SELECT slug, label, kind, position FROM items WHERE position > 12 "
                         "ORDER BY position") == [("walk", "Walk", "action", 13),
                                                  ("family", "Family", "action", 14)]
    assert rows(journal, "SELECT day, item, status FROM marks ORDER BY day, item") == [
        ("2026-11-20", "walk", "kept"), ("2026-11-21", "family", "kept"),
        ("2026-11-21", "self-care", "kept"), ("2026-11-21", "walk", "kept")]
    assert rows(journal, "SELECT body FROM entries ORDER BY seq") == [
        ("Called my sister.\nShe listened.\n\nFelt lighter & slept.",), ("",),
        ("Morning\n\nCoffee, then the park.",)]
    again = run("import", QUIRKS, "--mood-map", "sad=3,meh+=6", "--activities-as", "items")
    assert again.stdout == (f"Imported {QUIRKS}:\n  read as: a Daylio CSV export\n"
                            "  entries: 0 added, 0 updated, 3 unchanged\n"
                            "  checklist answers: 0 added, 0 updated, 4 unchanged\n")
    # the second import changed nothing: one undo takes the first back, items and all
    assert run("undo").exit_code == 0
    assert rows(journal, "SELECT count(*) FROM items WHERE position > 12") == [(0,)]


def test_an_item_of_the_same_name_is_answered_whatever_its_slug(run, journal, tmp_path):
    assert run("items", "add", "walk-evening", "Evening walk", "--kind", "action"
               ).exit_code == 0
    source = tmp_path / "daylio_export.csv"
    source.write_text("full_date,date,weekday,time,mood,activities,note_title,note\n"
                      '2026-11-20,November 20,Friday,21:00,good,"evening walk","",""\n')
    assert run("import", str(source), "--activities-as", "items").exit_code == 0
    assert rows(journal, "SELECT item, status FROM marks") == [("walk-evening", "kept")]
    assert rows(journal, "SELECT count(*) FROM items") == [(13,)]


@pytest.mark.parametrize(("line", "message"), [
    ("2026-11-20,November 20,Friday,25:00,good,,,", "'25:00' is not a time of day (like 21:30 "
                                                    "or 9:30 pm)"),
    ("2026-02-30,February 30,Friday,21:00,good,,,", "'2026-02-30' is not a date reconcile can "
                                                    "read"),
    ("1899-12-31,December 31,Sunday,21:00,good,,,", "day 1899-12-31 is before 1900"),
])
def test_a_bad_row_imports_nothing_and_is_named_by_its_line(run, journal, tmp_path, line,
                                                           message):
    source = tmp_path / "daylio_export.csv"
    source.write_text("full_date,date,weekday,time,mood,activities,note_title,note\n"
                      '2026-11-21,November 21,Saturday,9:41 pm,good,"walk","A note","over\n'
                      'two lines"\n' + line + "\n")
    result = run("import", str(source))
    assert result.exit_code == 1
    assert result.stderr == f"Nothing was imported from {source}: line 4: {message}.\n"
    assert rows(journal, "SELECT count(*) FROM entries") == [(0,)]


def test_a_csv_that_is_not_daylio_s_says_what_it_expected(run, journal, tmp_path):
    source = tmp_path / "moods.csv"
    source.write_text("when,how\n2026-11-20,good\n")
    result = run("import", "--format", "daylio", str(source))
    assert result.stderr == (f"Nothing was imported from {source}: line 1: not a Daylio export "
                             "(expected the columns full_date, date, weekday, time, mood, "
                             "activities, note_title, note).\n")
    unknown = run("import", str(source))
    assert unknown.stderr == (f"Nothing was imported from {source}: it looks like a file of a "
                              "kind reconcile does not import; reconcile imports reconcile's "
                              "own exports, Day One and Journey exports, Daylio's CSV, and "
                              "jrnl's journal file or JSON.\n")


def test_the_default_mood_map_and_names_added_to_it(run, journal, tmp_path):
    source = str(FIXTURES / "daylio-export.csv")
    assert run("import", "--format", "daylio", source).exit_code == 0
    assert rows(journal, "SELECT day, substr(created_at, 12, 5), mood, body FROM entries "
                         "ORDER BY day") == [
        ("2026-11-19", "22:30", 5, "@reading"),
        ("2026-11-20", "08:05", 1, "Could not sleep."),
        ("2026-11-21", "21:41", 7, "A calmer day\n\nWe talked about the kids.\nNo arguing.\n\n"
                                   "@walk @family"),
    ]
    custom = tmp_path / "custom.csv"
    custom.write_text("full_date,date,weekday,time,mood,activities,note_title,note\n"
                      "2026-11-10,November 10,Tuesday,21:00,Steady,,,\n"
                      "2026-11-11,November 11,Wednesday,21:00,wobbly,,,\n"
                      "2026-11-12,November 12,Thursday,21:00,rad,,,\n")
    refused = run("import", "--format", "daylio", str(custom))
    assert refused.stderr == (f"Nothing was imported from {custom}: line 2: mood 'Steady' has "
                              "no number: add it to --mood-map, with 'wobbly', which has none "
                              "either.\n")
    ok = run("import", "--format", "daylio", str(custom), "--mood-map", "steady=6,wobbly=4")
    assert ok.exit_code == 0, ok.output
    # the names given are added to the default ones (rad is still 9)
    assert rows(journal, "SELECT mood FROM entries WHERE day >= '2026-11-10' AND day < "
                         "'2026-11-13' ORDER BY day") == [(6,), (4,), (9,)]


def test_a_row_dated_after_today_goes_onto_today_with_its_day_kept(run, journal, tmp_path):
    source = tmp_path / "daylio_export.csv"
    source.write_text("full_date,date,weekday,time,mood,activities,note_title,note\n"
                      '2026-11-25,November 25,Wednesday,20:00,good,"","","Planned the visit."\n')
    result = run("import", str(source))
    assert result.stdout == (f"Imported {source}:\n  read as: a Daylio CSV export\n"
                             "  entries: 1 added, 0 updated, 0 unchanged\n"
                             "  moved: 1 entry was written for a day still to come; it is on "
                             "today, with its own day at the top of its text\n")
    assert rows(journal, ENTRIES) == [
        ("2026-11-22", "20:00", 7, "Written for Wednesday 25 November 2026\n\nPlanned the "
                                   "visit.")]
    assert run("import", str(source)).stdout.startswith(
        f"Imported {source}:\n  read as: a Daylio CSV export\n"
        "  entries: 0 added, 0 updated, 1 unchanged\n")
