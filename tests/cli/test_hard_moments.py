"""Hard moments (issue 13): slips looked at kindly, a gentle net, a support list, a nudge.

"Today" is Sunday 22 November 2026.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reconcile_cli.core import gentle
from tests.conftest import rows

# --- slips ------------------------------------------------------------------------------------


def slip(run, day: str, slug: str = "no-begging", note: str | None = None) -> None:
    args = ["check", f"{slug}=missed", "--date", day] + (["--note", note] if note else [])
    assert run(*args).exit_code == 0


def test_slips_lists_each_with_its_note_and_the_days_since_the_last(run, journal):
    slip(run, "2026-11-02", note="Sent three messages at midnight")
    slip(run, "2026-11-09")
    slip(run, "2026-11-05", "no-monitoring", note="Looked at their photos")
    slip(run, "2026-11-20", note="Called after the school play")
    assert run("check", "self-care=missed", "--date", "2026-11-21").exit_code == 0  # an action
    data = json.loads(run("slips", "--json").stdout)
    assert data == [
        {"day": "2026-11-02", "item": "no-begging", "note": "Sent three messages at midnight",
         "days_since_previous": None},
        {"day": "2026-11-05", "item": "no-monitoring", "note": "Looked at their photos",
         "days_since_previous": None},
        {"day": "2026-11-09", "item": "no-begging", "note": None, "days_since_previous": 7},
        {"day": "2026-11-20", "item": "no-begging", "note": "Called after the school play",
         "days_since_previous": 11},
    ]
    only = json.loads(run("slips", "--item", "no-monitoring", "--json").stdout)
    assert [row["day"] for row in only] == ["2026-11-05"]
    since = json.loads(run("slips", "--since", "2026-11-09", "--json").stdout)
    assert [row["days_since_previous"] for row in since] == [7, 11]
    out = run("slips", env={"COLUMNS": "120"}).stdout
    assert out.startswith(
        "Friday 20 November 2026: a slip on \u201cDid not beg, plead or act out of "
        "desperation\u201d (11 days after the one before)\n  Called after the school play\n")
    assert "fail" not in out.lower()
    unknown = run("slips", "--item", "nope")
    assert unknown.exit_code == 1 and unknown.stderr == (
        "There is no item 'nope' on your checklist; `reconcile items --all` lists them.\n")


def test_week_and_report_say_how_far_apart_slips_have_been(run, journal):
    # slip days 1, 3, 5, 7 (two days apart), then 11, 16, 21 (five apart): further apart
    for day in (1, 3, 5, 7, 11, 16, 21):
        slip(run, f"2026-11-{day:02d}")
    week = json.loads(run("week", "--json").stdout)["slips"]
    assert week == {"in_period": 2, "recent_gap": 4.7, "earlier_gap": 2.0,
                    "trend": "further apart", "days_since_last": 1}
    out = run("week", env={"COLUMNS": "120"}).stdout
    assert ("Slips    2 days with a slip this week, lately about 4.7 days apart, further apart "
            "than before (2 days).") in out
    report = run("report").stdout
    assert ("- **Slips:** 2 days with a slip this week, lately about 4.7 days apart, further "
            "apart than before (2 days).") in report


def test_the_checkin_asks_what_might_help_after_a_slip(run, journal):
    assert run("mood", "5").exit_code == 0
    result = run("checkin", "--no-backfill", input="n\nA long text at 2 am. Call Sam first.\n"
                 + "\n" * 30)
    assert "What happened, and what might help next time? (Enter passes)" in (
        result.stdout.replace("\n", " ").replace("     ", " "))
    assert rows(journal, "SELECT item, status, note FROM marks") == [
        ("no-begging", "missed", "A long text at 2 am. Call Sam first.")]


# --- the gentle net --------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "I want to die", "Some nights I just want to end it all.", "thinking about killing myself",
    "There is no reason to live without her", "I don't want to be alive", "I feel suicidal",
    "I WANT TO DIE", "I don’t want to wake up", "i wanna die", "I want to be dead",
    "I'd rather be dead", "nothing to live for", "life is not worth living", "I can't go on",
    "I don't want to be here any more", "I want to just die", "self-harming again",
    "I almost killed myself", "thinking about taking my own life", "I wish I were dead",
    "I don't really want to wake up", "cutting myself again",
])
def test_words_of_wanting_to_die_are_noticed(text):
    assert gentle.concerning(text)


@pytest.mark.parametrize("text", [
    "I could have died laughing", "This deadline is killing me", "The end of it all was calm",
    "We watched a film where the hero wants to dive", "I'd die for a coffee", "diet",
    "She said the plant would die without water", "My phone died at the end of the day",
    "In the end it was a quiet dinner", "She wants to end it", "ending it with the counsellor",
    "I hurt myself at the gym", "going to die of embarrassment", "I want to end the argument",
])
def test_ordinary_words_are_not_an_alarm(text):
    assert not gentle.concerning(text)


def test_a_mood_of_one_brings_the_net_once_a_day_and_saves_everything(run, journal):
    assert run("support", "add", "Sam", "+44 7700 900123").exit_code == 0
    first = run("mood", "1", env={"LANG": "en_GB.UTF-8"})
    assert first.exit_code == 0
    assert first.stdout.startswith("Mood 1 saved for Sunday 22 November 2026")
    assert first.stderr == (
        "\nWhat you are feeling matters, and so do you. You do not have to carry tonight "
        "alone.\nPeople you said you could turn to:\n  Sam  +44 7700 900123\n"
        "If you might hurt yourself, please reach out now: Samaritans: call 116 123. If you are "
        "in danger, call your local emergency number.\n"
        "If tonight is hard, `reconcile comfort` gathers a few good things from your own "
        "pages.\n")
    again = run("write", "I want to die", env={"LANG": "en_GB.UTF-8"})
    assert again.exit_code == 0 and again.stderr == ""  # once that day
    assert rows(journal, "SELECT body, mood FROM entries ORDER BY seq") == [
        ("", 1), ("I want to die", None)]
    assert rows(journal, "SELECT day, kind FROM notices ORDER BY kind") == [
        ("2026-11-22", "comfort"), ("2026-11-22", "gentle-net")]


def test_the_net_uses_the_users_own_line_or_says_local_emergency_number(run, journal):
    words = run("write", "No reason to live anymore", "--date", "2026-11-20",
                env={"LANG": "C.UTF-8"})
    assert words.stderr.endswith(
        "If you might hurt yourself, please call your local emergency number now.\n")
    assert "People you said" not in words.stderr
    assert run("config", "crisis_line", "988 (call or text)").exit_code == 0
    own = run("mood", "1", env={"LANG": "en_US.UTF-8", "RECONCILE_TODAY": "2026-11-23"})
    assert "please reach out now: 988 (call or text)." in own.stderr
    assert run("config", "gentle_net", "off").exit_code == 0
    off = run("mood", "1", env={"RECONCILE_TODAY": "2026-11-24"})
    assert off.exit_code == 0 and "crisis" not in off.stderr and "reach out" not in off.stderr


def test_the_net_never_stops_an_entry_being_saved(run, journal, monkeypatch):
    from reconcile_cli import store

    def broken(*_args):
        raise RuntimeError("the notices table is gone")

    monkeypatch.setattr(store, "notice_shown", broken)
    result = run("write", "I want to end it all")
    assert result.exit_code == 0 and result.stderr == ""
    assert rows(journal, "SELECT body FROM entries") == [("I want to end it all",)]


# --- the support list ---------------------------------------------------------------------------


def test_the_support_list_is_kept_exported_imported_and_undone(run, journal, tmp_path):
    assert run("support").stdout == (
        "Your support list is empty. `reconcile support add NAME [CONTACT]` adds someone you "
        "could call on a hard night.\n")
    assert run("support", "add", "Sam", "07700 900123").stdout == "Sam is on your support list.\n"
    assert run("support", "add", "Dr Lee").exit_code == 0
    twice = run("support", "add", "Sam")
    assert twice.exit_code == 1 and "on your support list already" in twice.stderr
    assert json.loads(run("support", "--json").stdout) == [
        {"name": "Sam", "contact": "07700 900123"}, {"name": "Dr Lee", "contact": None}]
    assert run("undo").stdout == "Undone: added Dr Lee to your support list.\n"
    exported = tmp_path / "out.jsonl"
    assert run("export", "-o", str(exported)).exit_code == 0
    lines = [json.loads(line) for line in exported.read_text().splitlines()]
    (sam,) = [line for line in lines if line.get("type") == "support"]
    assert sam == {"type": "support", "name": "Sam", "contact": "07700 900123", "position": 1,
                   "created_at": sam["created_at"], "stamp": sam["stamp"], "vv": sam["vv"]}
    fresh = tmp_path / "fresh.db"
    assert run("--db", str(fresh), "import", str(exported)).exit_code == 0
    assert json.loads(run("--db", str(fresh), "support", "--json").stdout) == [
        {"name": "Sam", "contact": "07700 900123"}]
    # removed here after the export was made: the older copy does not bring Sam back
    assert run("support", "remove", "Sam").exit_code == 0
    assert run("import", str(exported)).exit_code == 0
    assert json.loads(run("support", "--json").stdout) == []


def test_the_first_checkin_asks_once_for_someone_to_turn_to(run, db_path):
    result = run("checkin", "--no-backfill", input="Sam\n07700 900123\n" + "\n" * 30)
    assert result.exit_code == 0, result.output
    assert "Is there someone you could call on a hard night" in result.stdout.replace("\n", " ")
    assert rows(db_path, "SELECT name, contact FROM support") == [("Sam", "07700 900123")]
    second = run("checkin", "--no-backfill", input="\n" * 30)
    assert "someone you could call" not in second.stdout


# --- the nudge ---------------------------------------------------------------------------------


def nudge(db: Path, now: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "RECONCILE_DB": str(db), "RECONCILE_NOW": now}
    env.pop("RECONCILE_TODAY", None)
    return subprocess.run([sys.executable, "-m", "reconcile_cli", *args, "nudge"], env=env,
                          capture_output=True, text=True, timeout=30)


def test_the_nudge_speaks_only_when_wanted_due_and_not_done(run, journal, db_path):
    evening = "2026-11-22T21:30:00"
    assert nudge(db_path, evening).stdout == ""  # off until nudge_after is set
    assert run("config", "nudge_after", "21:00").exit_code == 0
    assert nudge(db_path, "2026-11-22T20:59:00").stdout == ""  # not yet
    assert nudge(db_path, evening).stdout == "Tonight's check-in is waiting when you are ready.\n"
    assert nudge(db_path, evening, "--db", str(db_path)).stdout.startswith("Tonight's")
    # 2 am belongs to the day before (day_starts_at 4): still that evening's check-in
    assert nudge(db_path, "2026-11-23T02:00:00").stdout.startswith("Tonight's")
    assert run("mood", "6").exit_code == 0
    assert nudge(db_path, evening).stdout == ""  # a day with any answer or entry is done
    assert nudge(db_path / "missing.db", evening).returncode == 0


def test_the_nudge_imports_neither_click_nor_rich(db_path, run, journal):
    assert run("config", "nudge_after", "00:00").exit_code == 0
    probe = ("import sys; sys.argv = ['reconcile', 'nudge']\n"
             "from reconcile_cli.launch import main\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in ('click', 'rich', 'sqlite_utils') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         env={**os.environ, "RECONCILE_DB": str(db_path)}, timeout=30)
    assert out.stdout.splitlines()[-1] == "[]"


def test_the_nudge_finds_the_default_journal_where_the_full_tool_does(monkeypatch, tmp_path):
    from reconcile_cli.journal.paths import journal_path, journal_path_quickly

    monkeypatch.delenv("RECONCILE_DB", raising=False)
    for data in (str(tmp_path / "data"), None):
        if data is None:
            monkeypatch.delenv("XDG_DATA_HOME", raising=False)
        else:
            monkeypatch.setenv("XDG_DATA_HOME", data)
        assert journal_path_quickly(None) == journal_path(None)[0]
    assert journal_path_quickly("/x/y.db") == Path("/x/y.db")
