"""A week lived in it (issue 21): every width, every mode. At 60 columns no word is split across
lines; what a view draws, its legend explains. "Today" is Sunday 22 November 2026."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reconcile_cli.cli import output

# --- 5.1 one wrapping path for every message ------------------------------------------------


def every_command(run, tmp_path: Path) -> list[tuple[list[str], str | None]]:
    """A week's worth of commands, each of them at least once: (arguments, standard input)."""
    out = tmp_path / "out.jsonl"
    return [
        (["checkin", "--no-backfill"], "Sam\n07700 900123\n6\n" + "y\n" * 10 + "soup\n\n\n\n"),
        (["write", "--date", "2026-11-19", "The day of the call, and what I did after."], None),
        (["mood", "2", "--date", "2026-11-20", "She posted a photo with someone."], None),
        (["check", "no-begging=n", "--date", "2026-11-20", "--note", "A text at midnight."],
         None),
        (["check", "no-begging=maybe"], None),
        (["items", "add", "walk", "Went for a walk", "--kind", "action"], None),
        (["items", "rename", "walk", "Went for a long walk outside"], None),
        (["items", "move", "walk", "1"], None),
        (["items", "retire", "walk"], None),
        (["items", "restore", "walk"], None),
        (["prompt", "add", "What", "would", "I", "tell", "a", "friend?"], None),
        (["prompt"], None),
        (["prompt", "remove", "why-this-marriage"], None),
        (["today"], None), (["log"], None), (["week"], None), (["week", "--last"], None),
        (["month"], None), (["streaks"], None), (["insights"], None), (["lookback"], None),
        (["year"], None), (["slips"], None), (["tags"], None), (["comfort"], None),
        (["search", "call"], None), (["search", "midnight"], None),
        (["support", "add", "Dr Lee"], None), (["support"], None),
        (["support", "remove", "Dr Lee"], None),
        (["drawer", "write", "--to", "Alexandra", "I want to explain everything once more."],
         None),
        (["drawer"], None),
        (["drawer", "read", "nope"], None),
        (["vision"], "We eat dinner together most nights and talk things through calmly.\n"),
        (["vision", "--history"], None),
        (["goals", "add", "relational", "Listen", "without", "defending", "myself"], None),
        (["goals"], None),
        (["pause", "--from", "thursday", "--until", "saturday", "a", "trip"], None),
        (["pause", "--list"], None),
        (["pause", "--from", "2026-11-19", "--until", "2026-11-20"], None),
        (["config"], None), (["config", "nudge_after", "21:00"], None),
        (["undo", "--list"], None), (["undo"], None),
        (["export", "-o", str(out)], None), (["import", str(out)], None),
        (["report", "-o", str(tmp_path / "report.md")], None),
        (["backup"], None), (["doctor"], None),
        (["trash"], None), (["lock"], None), (["nudge"], None),
        (["write", "--date", "dec 25", "a trip"], None),
    ]


def test_every_message_at_60_columns_is_wrapped_between_words(run, journal, tmp_path,
                                                              monkeypatch):
    said: list[tuple[str, str]] = []  # every message, as given and as shown
    plain_wrapped = output.wrapped

    def recorded(text: str, **how: object) -> str:
        shown = plain_wrapped(text, **how)  # type: ignore[arg-type]
        said.append((text, shown))
        return shown

    monkeypatch.setattr(output, "wrapped", recorded)
    monkeypatch.setattr(output, "on_terminal", lambda err=False: True)  # as on a terminal
    for args, given in every_command(run, tmp_path):
        result = run(*args, input=given, env={"COLUMNS": "60"})
        for line in (result.stdout + result.stderr).splitlines():
            # a line wider than the terminal is one word too long to break (a path), alone
            assert len(line) <= 60 or len(line.split()) == 1, (args, line)
    assert len(said) > 60
    for text, shown in said:
        assert shown.split() == text.split(), (text, shown)  # no word split, none lost
        assert all(len(line) <= 60 or len(line.split()) == 1 for line in shown.splitlines())


def test_messages_piped_to_a_program_keep_one_line_a_sentence(run, journal):
    result = run("goals", "add", "relational", "Listen", "without", "defending", "myself",
                 env={"COLUMNS": "60"})
    assert len(result.stdout.splitlines()) == 1  # not a terminal: nothing to wrap for


def test_usage_errors_from_click_are_wrapped_too(run, journal, monkeypatch):
    monkeypatch.setattr(output, "on_terminal", lambda err=False: True)
    result = run("today", "--date", "nonsense words", env={"COLUMNS": "60"})
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for '--date': 'nonsense words' is not\n"
        "a date I understand. Use YYYY-MM-DD, today, yesterday, -N\n"
        "(N days ago), a weekday name, or words like 'last friday',\n"
        "'3 days ago' or 'nov 3'.\n")


# --- 5.2 the drawer keeps the name and the whole status -------------------------------------


@pytest.fixture
def drawer(run, journal):
    assert run("config", "drawer_cooling_hours", "0").exit_code == 0
    now = {"RECONCILE_NOW": "2026-11-21T22:15:00+00:00", "RECONCILE_TODAY": "2026-11-21"}
    assert run("drawer", "write", "--to", "Alexandra Whitfield", "I keep thinking about what "
               "you said at the door, and I want to explain it all again.", env=now
               ).exit_code == 0
    assert run("config", "drawer_cooling_hours", "24").exit_code == 0
    later = {"RECONCILE_NOW": "2026-11-22T21:40:00+00:00"}
    assert run("drawer", "write", "--to", "Sam", "Please answer me.", env=later).exit_code == 0
    return later


def test_the_drawer_at_60_and_80_columns_is_two_lines_a_letter(run, drawer, journal):
    ids = dict(reversed(row) for row in __import__("tests.conftest").conftest.rows(
        journal, "SELECT substr(id, 1, 8), recipient FROM letters"))
    sealed, open_one = ids["Sam"], ids["Alexandra Whitfield"]
    for columns in ("60", "80"):
        out = run("drawer", env={**drawer, "COLUMNS": columns, "TZ": "UTC"}).stdout
        assert all(len(line) <= int(columns) for line in out.splitlines()), out
        assert "…" not in out
        assert f"{sealed}  Sun 22 Nov, to Sam\n" in out
        assert f"{open_one}  Sat 21 Nov, to Alexandra Whitfield\n" in out
    narrow = run("drawer", env={**drawer, "COLUMNS": "60", "TZ": "UTC"}).stdout
    assert ("  sealed until Monday 23 November 2026 at 21:40 (in the\n"
            "    drawer)\n") in narrow
    assert ("  in the drawer: \u201cI keep thinking about what you said at\n"
            "    the door, and I want to explain it all again.\u201d\n") in narrow


def test_the_drawer_at_120_columns_is_a_table_with_every_name_whole(run, drawer, journal):
    out = run("drawer", env={**drawer, "COLUMNS": "120", "TZ": "UTC"}).stdout
    lines = out.splitlines()
    assert lines[0].split() == ["id", "day", "to", "status", "first", "words"]
    assert re.search(r"Sun 22 Nov  Sam +sealed until Mon 23 Nov, 21:40 ", out)
    assert re.search(r"Sat 21 Nov  Alexandra Whitfield  in the drawer +I keep thinking about "
                     r"what you said at …", out)


# --- 5.3 NO_COLOR: moods as shades of characters ---------------------------------------------


def test_year_without_colour_shades_each_day_by_its_mood(run, journal):
    for day, mood in (("2026-11-16", 2), ("2026-11-17", 5), ("2026-11-18", 7),
                      ("2026-11-19", 9)):
        assert run("mood", str(mood), "--date", day).exit_code == 0
    out = run("year", env={"NO_COLOR": "1", "COLUMNS": "80"}).stdout
    lines = out.splitlines()
    column = lines.index(next(line for line in lines if line.startswith("Mon ")))
    week = [line.rstrip()[-1] for line in lines[column:column + 4]]
    assert week == ["░", "▒", "▓", "█"]  # Mon 2, Tue 5, Wed 7, Thu 9
    assert "■" not in out
    assert "a day's mood: ░ 1-3  ▒ 4-5  ▓ 6-7  █ 8-10  · no rating" in out


# --- 5.4 week at 60 columns: the legend matches what is drawn --------------------------------


def test_week_at_60_columns_spells_answers_out_and_has_no_symbol_legend(run, journal):
    assert run("check", "no-begging=y", "self-care=n", "--date", "2026-11-18").exit_code == 0
    narrow = run("week", env={"COLUMNS": "60"}).stdout
    assert "    Wed kept, Thu to Sun not answered\n" in narrow
    assert "    Wed missed, Thu to Sun not answered\n" in narrow
    assert "✓" not in narrow and "not answered\n" in narrow
    assert "✓ kept  ✗ missed  – skipped  · not answered" not in narrow
    for columns in ("80", "120"):
        wide = run("week", env={"COLUMNS": columns}).stdout
        assert "✓ kept  ✗ missed  – skipped  · not answered" in wide
        assert "Thu to Sun" not in wide


# --- 5.5 reports ------------------------------------------------------------------------------


def test_reports_explain_their_cells_and_leave_what_could_not_be_answered_blank(run, journal):
    wednesday = {"RECONCILE_TODAY": "2026-11-18"}
    for day in ("2026-11-16", "2026-11-17", "2026-11-18"):
        assert run("check", "no-begging=y", "--date", day, env=wednesday).exit_code == 0
    assert run("pause", "--from", "2026-11-17", "--until", "2026-11-17", "--yes",
               env=wednesday).exit_code == 0
    md = run("report", env=wednesday).stdout
    # Mon kept, Tue paused (blank), Wed kept, Thu to Sun still to come (blank)
    assert "| Did not beg, plead or act out of desperation (held back from) | ✓ |  | ✓ |  |  |  " \
           "|  | 100% | 2 |" in md
    assert ("\n✓ kept, ✗ missed, – skipped, · not answered; blank: a paused day, a day still to "
            "come, or before the journal began.\n") in md
    html = run("report", "--format", "html", env=wednesday).stdout
    assert "<p><small>✓ kept, ✗ missed, – skipped, · not answered; blank:" in html
    month = run("report", "--month", "2026-11-01", env=wednesday).stdout
    # a list by week, from the journal's first day to today; a paused day says so
    assert "## Mood by day\n\n- **W4** (16–22): Mon 16: –, Tue 17: paused, Wed 18: –\n\n" \
        in month
    assert "| 01 | 02 |" not in month  # not a table of 30 columns
    assert ("Each week: days kept / days kept or missed; · none answered; blank: a paused day, "
            "a day still to come, or before the journal began.") in month


def helped(*args: str, columns: str) -> str:
    """A command's --help as a terminal of that width gets it (Click's own test runner always
    formats help 80 columns wide)."""
    import os
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "reconcile_cli", *args, "--help"],
                          capture_output=True, text=True, env={**os.environ, "COLUMNS": columns},
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_top_level_help_says_report_covers_a_year_too():
    assert "report      A week, a month or a year on one page, to share." in helped(
        columns="100")


# --- 5.6 help text ----------------------------------------------------------------------------


def test_help_gives_sane_bounds_whole_words_and_every_setting():
    for command in ("log", "search"):
        shown = helped(command, columns="80")
        assert "4611686018427387904" not in shown and "x>=1" in shown
    for columns in ("60", "80", "120"):
        goals = helped("goals", "add", columns=columns)
        assert goals.startswith("Usage: reconcile goals add [OPTIONS] AREA WORDS...\n")
        assert ("Add a goal in AREA: spiritual, physical, intellectual, relational or "
                "emotional.") in " ".join(goals.split())
        assert "{" not in goals
        assert all(len(line) <= int(columns) for line in goals.splitlines())
    config = " ".join(helped("config", columns="80").split())
    for key in ("day_starts_at", "editor", "journey_start", "gentle_net", "crisis_line",
                "drawer_cooling_hours", "nudge_after"):
        assert key in config


# --- 4.1 week --last and the early days of a week ---------------------------------------------


@pytest.mark.parametrize("columns", ["60", "80", "120"])
def test_week_last_shows_the_seven_days_up_to_today(run, journal, columns):
    monday = {"RECONCILE_TODAY": "2026-11-23"}
    for day in range(17, 24):
        assert run("check", "no-begging=y", "--date", f"2026-11-{day}", env=monday).exit_code == 0
    out = run("week", "--last", env={**monday, "COLUMNS": columns}).stdout
    assert all(len(line) <= int(columns) for line in out.splitlines()), out
    assert " ".join(out.split("\n\n")[0].split()) == (
        "The seven days to Monday 23 November 2026 · week 2 of your journal")
    if columns == "60":
        assert "    Tue to Mon kept\n" in out
    else:
        header = next(line for line in out.splitlines() if line.startswith("Checklist"))
        assert header.split()[1:8] == ["T", "W", "T", "F", "S", "S", "M"]
        row = next(line for line in out.splitlines() if line.startswith("no-begging"))
        assert row.split()[:11] == ["no-begging", *["✓"] * 7, "7", "of", "7"]
        assert "vs the 7" in out
    data = json.loads(run("week", "--last", "--json", env=monday).stdout)
    assert data["period"] == {"kind": "week", "start": "2026-11-17", "end": "2026-11-23",
                              "as_of": "2026-11-23", "rolling": True}
    assert data["items"][0]["kept"] == 7


def test_early_in_a_week_week_offers_the_last_seven_days(run, journal):
    hint = "This week has only just begun; reconcile week --last shows the seven days up to today."
    for today in ("2026-11-23", "2026-11-24", "2026-11-25"):
        out = run("week", env={"RECONCILE_TODAY": today, "COLUMNS": "120"}).stdout
        assert hint in out
    assert hint not in run("week", env={"RECONCILE_TODAY": "2026-11-26", "COLUMNS": "120"}).stdout
    assert hint not in run("week", "--last", env={"RECONCILE_TODAY": "2026-11-23",
                                                  "COLUMNS": "120"}).stdout
    assert hint not in run("week", "--date", "2026-11-16", env={"RECONCILE_TODAY": "2026-11-23",
                                                                "COLUMNS": "120"}).stdout
