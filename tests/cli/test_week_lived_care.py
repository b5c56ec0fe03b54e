"""A week lived in it (issue 21), the care paths and the days: where two features meet, they fit.

"Today" is Sunday 22 November 2026 unless a test says otherwise.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pexpect

from tests.conftest import WAIT, rows

TONIGHT = ("If tonight is hard, `reconcile comfort` gathers a few good things from your own "
           "pages.\n")


def spawn(db: Path, tmp_path: Path, *args: str, today: str = "2026-11-22") -> pexpect.spawn:
    env = {**os.environ, "RECONCILE_TODAY": today, "COLUMNS": "100", "TERM": "dumb",
           "NO_COLOR": "1", "XDG_STATE_HOME": str(tmp_path / "state"),
           "XDG_DATA_HOME": str(tmp_path / "data")}
    return pexpect.spawn(sys.executable, ["-m", "reconcile_cli", "--db", str(db), *args],
                         env=env, encoding="utf-8", timeout=WAIT, dimensions=(40, 100))


def said(text: str) -> str:
    """A pattern for ``text`` as a terminal shows it: wrapped between words anywhere."""
    return r"\s+".join(re.escape(word) for word in text.split())


# --- 1.1 the comfort offer: tonight's is tonight's --------------------------------------------


def test_a_back_filled_low_day_has_no_tonight_words_and_leaves_tonights_offer(run, journal):
    back = run("mood", "2", "--date", "2026-11-19")
    assert back.stderr == ("Looking back on Thursday 19 November 2026 can be hard too; "
                           "`reconcile comfort` gathers a few good things from your own pages.\n")
    assert "tonight" not in back.stderr
    # tonight's real low mood still gets tonight's offer
    tonight = run("mood", "2", "She posted a photo with someone. I feel sick.")
    assert tonight.stderr == TONIGHT
    assert run("mood", "3").stderr == ""  # once a day
    assert run("mood", "2", "--date", "2026-11-18").stderr == ""  # the looking-back one too
    assert rows(journal, "SELECT day, kind FROM notices ORDER BY kind") == [
        ("2026-11-22", "comfort"), ("2026-11-22", "comfort-looking-back")]


def test_a_mood_of_one_filled_in_for_an_earlier_day_keeps_tonights_net(run, journal):
    assert run("support", "add", "Sam").exit_code == 0
    earlier = run("mood", "1", "--date", "2026-11-20", env={"LANG": "C.UTF-8"})
    assert "People you said you could turn to:\n  Sam\n" in earlier.stderr
    tonight = run("mood", "1", env={"LANG": "C.UTF-8"})
    assert tonight.stderr.startswith("\nWhat you are feeling matters, and so do you.")
    assert tonight.stderr.endswith(TONIGHT)


def test_a_checkin_that_fills_in_a_low_day_still_offers_comfort_tonight(db_path, tmp_path, run):
    assert run("check", "no-begging=y", "--date", "2026-11-21").exit_code == 0
    assert run("check", "no-begging=y", "--date", "2026-11-19").exit_code == 0
    child = spawn(db_path, tmp_path, "checkin")
    child.expect(r"Friday 20 November 2026 has no checklist answers. Fill it in now\? \[y/N\]")
    child.sendline("y")
    child.expect("How were you feeling on Friday 20 November 2026")
    child.sendline("2")
    child.expect("Looking back on Friday 20 November 2026 can be hard too;")
    child.expect(r" 1/11 ")
    child.sendcontrol("d")  # the rest of that day passed over: stop
    child.expect(pexpect.EOF)
    child = spawn(db_path, tmp_path, "checkin", "--no-backfill")
    child.expect("How are you feeling tonight")
    child.sendline("2")
    child.expect("If tonight is hard, `reconcile comfort` gathers a few good things")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    assert rows(db_path, "SELECT day, mood FROM entries ORDER BY day") == [
        ("2026-11-20", 2), ("2026-11-22", 2)]


# --- 1.2 comfort: the people, and the vision ------------------------------------------------


def test_comfort_names_the_support_list_and_opens_the_vision(run, journal):
    assert run("support", "add", "Sam", "07700 900123").exit_code == 0
    assert run("support", "add", "Dr Lee").exit_code == 0
    vision = "\n".join(["We eat dinner together most nights.", "We talk things through calmly.",
                        "Sundays are slow.", "I listen before I answer.",
                        "We laugh again.", "We keep our word."])
    assert run("vision", input=vision).exit_code == 0
    page = json.loads(run("comfort", "--json").stdout)
    assert page["support"] == [{"name": "Sam", "contact": "07700 900123"},
                               {"name": "Dr Lee", "contact": None}]
    assert page["vision"] == {
        "version": 1, "saved_at": page["vision"]["saved_at"],
        "first_lines": ["We eat dinner together most nights.", "We talk things through calmly.",
                        "Sundays are slow.", "I listen before I answer."],
        "lines_left": 2}
    out = run("comfort").stdout
    assert ("For tonight\nA few things from your own pages. Read slowly; there is no hurry.\n\n"
            "People you could call\n  Sam  07700 900123\n  Dr Lee\n") in out
    assert ("The life you hope for, in your words\n  We eat dinner together most nights.\n"
            "  We talk things through calmly.\n  Sundays are slow.\n  I listen before I answer.\n"
            "  … and 2 lines more: `reconcile vision` shows it all.\n") in out


def test_comfort_without_support_or_vision_says_nothing_of_them(run, journal):
    page = json.loads(run("comfort", "--json").stdout)
    assert page["support"] == [] and page["vision"] is None
    out = run("comfort").stdout
    assert "People you could call" not in out and "The life you hope for" not in out
    assert "Your pages are still few." in out


# --- 1.3 a pause is for the days ahead; a past day with answers is asked about ----------------


def test_weekday_words_in_a_pause_mean_the_coming_days(run, journal):
    monday = {"RECONCILE_TODAY": "2026-12-07"}
    assert run("check", "no-begging=n", "--date", "2026-12-03", "--note", "midnight",
               env=monday).exit_code == 0
    paused = run("pause", "--from", "thursday", "--until", "saturday", env=monday)
    assert paused.stdout == (
        "Paused from Thursday 10 December 2026 to Saturday 12 December 2026. Those days are "
        "counted nowhere, and no streak breaks across them. Take care.\n")
    assert run("pause", "--from", "next monday", "--until", "2026-12-15", "a trip",
               env=monday).exit_code == 0
    assert run("pause", "--from", "tomorrow", "--until", "tomorrow", env=monday).exit_code == 0
    assert rows(journal, "SELECT start, until FROM pauses ORDER BY start") == [
        ("2026-12-08", "2026-12-08"), ("2026-12-10", "2026-12-12"),
        ("2026-12-14", "2026-12-15")]


def test_pausing_days_that_hold_answers_asks_first(db_path, tmp_path, run, journal):
    assert run("mood", "2", "--date", "2026-11-19").exit_code == 0
    assert run("check", "no-begging=n", "--date", "2026-11-19").exit_code == 0
    child = spawn(db_path, tmp_path, "pause", "--from", "2026-11-18", "--until", "2026-11-20")
    child.expect(said("Thursday 19 November 2026 already holds your answers or words. Paused, "
                      "it would count nowhere (what is there is kept). Pause anyway? [y/N]"))
    child.sendline("")
    child.expect("Left as it was; nothing is paused.")
    child.expect(pexpect.EOF)
    assert rows(db_path, "SELECT count(*) FROM pauses") == [(0,)]
    child = spawn(db_path, tmp_path, "pause", "--from", "2026-11-18", "--until", "2026-11-20")
    child.expect(r"Pause anyway\? \[y/N\]")
    child.sendline("y")
    child.expect("Paused from Wednesday 18 November 2026 to Friday 20 November 2026.")
    child.expect(pexpect.EOF)
    assert rows(db_path, "SELECT start, until FROM pauses") == [("2026-11-18", "2026-11-20")]
    assert rows(db_path, "SELECT mood FROM entries") == [(2,)]  # kept, not counted


def test_pausing_with_yes_names_the_days_that_hold_answers(run, journal):
    for day in ("2026-11-19", "2026-11-20"):
        assert run("check", "no-begging=y", "--date", day).exit_code == 0
    done = run("pause", "--from", "2026-11-19", "--until", "2026-11-21", "--yes")
    assert done.stdout.endswith(
        "Thursday 19 November 2026 and Friday 20 November 2026 already hold your answers or "
        "words: kept, and not counted while paused.\n")


# --- 2.1 / 2.2 dates without a year; the quoting hint ----------------------------------------


def test_a_date_without_a_year_still_to_come_is_refused_never_moved_back(run, journal):
    monday = {"RECONCILE_TODAY": "2026-12-07"}
    ahead = run("write", "--date", "dec 9", "words", env=monday)
    assert ahead.exit_code == 2
    assert ahead.stderr.endswith(
        "Error: Invalid value for '--date': 9 December is still to come; say 2025-12-09 for "
        "last year.\n")
    shown = run("today", "--date", "13/12", env=monday)
    assert shown.exit_code == 2
    assert "13 December is still to come; say 2025-12-13 for last year." in shown.stderr
    assert rows(journal, "SELECT count(*) FROM entries") == [(0,)]
    assert run("write", "--date", "dec 1", "earlier this month", env=monday).stdout.startswith(
        "Saved entry ")
    # in January, "dec 9" is the December just gone
    assert "Wednesday 9 December 2026" in run(
        "today", "--date", "dec 9", env={"RECONCILE_TODAY": "2027-01-05"}).stdout
    assert rows(journal, "SELECT day FROM entries") == [("2026-12-01",)]


def test_the_quoting_hint_is_for_dates_of_several_words_only(run, journal, monkeypatch):
    args = ["write", "--date", "10/12", "planned trip"]
    monkeypatch.setattr(sys, "argv", ["reconcile", *args])
    result = run(*args)
    assert result.exit_code == 2
    assert "put it in quotes" not in result.stderr
    assert result.stderr.endswith(
        "'10/12' could be read two ways (day/month or month/day). Write it as YYYY-MM-DD, or "
        "like 'nov 3'.\n")
    args = ["write", "--date", "3", "days", "ago", "words"]
    monkeypatch.setattr(sys, "argv", ["reconcile", *args])
    result = run(*args)
    assert result.stderr == ("'3' on its own is not a day. If you meant '3 days ago', put it in "
                             "quotes: --date \"3 days ago\".\n")


# --- 2.4 an entry written after its day -------------------------------------------------------


def test_a_back_filled_entry_says_when_it_was_added_not_its_clock_time(run, journal):
    later = {"RECONCILE_NOW": "2026-11-22T10:44:00+00:00"}
    assert run("write", "--date", "2026-11-19", "The day of the call.", env=later).exit_code == 0
    # written at 1 am for the evening before: the same night, its own time
    night = {"RECONCILE_NOW": "2026-11-22T01:30:00+00:00"}
    assert run("write", "--date", "2026-11-21", "Could not sleep.", env=night).exit_code == 0
    out = run("log", env={"COLUMNS": "80"}).stdout
    assert " added later, on 22 Nov  journal  " in out
    assert "10:44" not in out
    assert " 01:30  journal  " in out
    day = run("today", "--date", "2026-11-19").stdout
    assert " added later, on 22 Nov  journal" in day
    assert "### added later, on 22 Nov · journal" in run("export", "--format", "md").stdout


# --- 2.5 filling in an earlier day; a day declined is not asked again ------------------------


def test_filling_in_a_day_offers_its_mood_and_gratitude_and_a_no_is_remembered(
        db_path, tmp_path, run):
    assert run("check", "no-begging=y", "--date", "2026-11-19").exit_code == 0
    child = spawn(db_path, tmp_path, "checkin")
    child.expect(r"Friday 20 November 2026 has no checklist answers. Fill it in now\? \[y/N\]")
    child.sendline("y")
    child.expect(said("How were you feeling on Friday 20 November 2026, from 1 (very low) to "
                      "10 (at peace)? Enter skips"))
    child.sendline("6")
    child.expect(said("\u201cWrote down something I am grateful for\u201d is ticked by your "
                      "answers to the questions after it."))
    for _ in range(11):
        child.expect(r"\[y/n/s\]")
        child.sendline("")
    child.expect(r"Up to three things you were grateful for that day \(Enter moves on\):")
    child.expect(r"1\. ")
    child.sendline("My sister called")
    child.expect(r"2\. ")
    child.sendline("")
    child.expect(r"Saturday 21 November 2026 has no checklist answers. Fill it in now\? \[y/N\]")
    child.sendline("n")  # declined: remembered
    child.expect("How are you feeling tonight")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    assert rows(db_path, "SELECT day, kind, body, mood FROM entries ORDER BY seq") == [
        ("2026-11-20", "journal", "", 6), ("2026-11-20", "gratitude", "My sister called", None)]
    assert rows(db_path, "SELECT day, item, status FROM marks WHERE day = '2026-11-20'") == [
        ("2026-11-20", "gratitude", "kept")]
    again = spawn(db_path, tmp_path, "checkin")
    index = again.expect(["has no checklist answers", "How are you feeling tonight"])
    assert index == 1  # the 21st, declined, is not asked about again
    again.sendcontrol("c")
    again.expect(pexpect.EOF)
    reachable = spawn(db_path, tmp_path, "checkin", "--date", "2026-11-21", "--no-backfill")
    reachable.expect("How were you feeling on Saturday 21 November 2026")
    reachable.sendcontrol("c")
    reachable.expect(pexpect.EOF)
