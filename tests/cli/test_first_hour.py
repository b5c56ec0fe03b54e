"""What a newcomer meets (issue 12): every width, plain mode, and messages in kind, exact words.

"Today" is Sunday 22 November 2026; the week is Monday 16 to Sunday 22.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reconcile_cli.core.words import count
from tests.conftest import WAIT

GLYPHS = set("✓✗–·▁▂▃▄▅▆▇█╭╮╰╯─│✦▲▼…")


def week_of_answers(run) -> None:
    """Mon-Sun answers for two items, a mood most days, one entry."""
    pattern = {"no-begging": "yynyysy", "self-care": "ynyyyyy"}
    for n, day in enumerate(range(16, 23)):
        answers = [f"{slug}={marks[n]}" for slug, marks in pattern.items()]
        assert run("check", *answers, "--date", f"2026-11-{day}").exit_code == 0
        if n % 2 == 0:
            assert run("mood", str(4 + n // 2), "--date", f"2026-11-{day}").exit_code == 0
    assert run("write", "A long walk by the river, " + "and the water was high " * 8,
               "--date", "2026-11-18").exit_code == 0


def lines_of(text: str) -> list[str]:
    return text.rstrip("\n").split("\n")


# --- every width ---------------------------------------------------------------------------


def test_week_at_60_columns_becomes_a_list_that_keeps_every_answer(run, journal):
    week_of_answers(run)
    out = run("week", env={"COLUMNS": "60"}).stdout
    assert all(len(line) <= 60 for line in lines_of(out)), out
    assert "…" not in out
    assert ("  Did not beg, plead or act out of desperation\n"
            "    kept 5 of 6; 3 in a row\n"  # no week before it to compare with
            "    Mon kept, Tue kept, Wed missed, Thu kept, Fri kept,\n"
            "      Sat skipped, Sun kept\n") in out
    # every item, every day: three days or more alike are said once; none is left out
    assert out.count("    Mon to Sun not answered\n") == 10


@pytest.mark.parametrize("columns", ["80", "200"])
def test_week_at_80_and_200_columns_is_a_grid(run, journal, columns):
    week_of_answers(run)
    out = run("week", env={"COLUMNS": columns}).stdout
    assert all(len(line) <= int(columns) for line in lines_of(out))
    header = next(n for n, line in enumerate(lines_of(out)) if line.startswith("Checklist"))
    assert lines_of(out)[header - 1].split() == ["vs", "last", "in", "a"]
    assert lines_of(out)[header].split() == ["Checklist", "M", "T", "W", "T", "F", "S", "S",
                                             "kept", "week", "row"]
    row = next(line for line in lines_of(out) if line.startswith("no-begging"))
    assert row.split() == ["no-begging", "✓", "✓", "✗", "✓", "✓", "–", "✓", "5", "of", "6", "–",
                           "3"]
    assert "✓ kept  ✗ missed  – skipped  · not answered" in out
    assert "%" not in out and "strength" not in out and "±pts" not in out


def test_month_and_streaks_at_60_columns_keep_every_tally(run, journal):
    week_of_answers(run)
    month = run("month", env={"COLUMNS": "60"}).stdout
    assert all(len(line) <= 60 for line in lines_of(month)), month
    # weeks before the journal began are blank, weeks after today left out: the grid fits
    assert "no-begging                        5/6  5 of 6        –     3" in month
    narrower = run("month", env={"COLUMNS": "50"}).stdout
    assert all(len(line) <= 50 for line in lines_of(narrower)), narrower
    assert "    kept 5 of 6; 3 in a row\n    W4 5 of 6\n" in narrower  # 16-22 Nov
    assert "…" not in month + narrower
    streaks = run("streaks", env={"COLUMNS": "60"}).stdout
    assert all(len(line) <= 60 for line in lines_of(streaks)), streaks
    assert "Did not beg, plead or act out of desperation\n" in streaks
    assert ("  3 days in a row; longest 3; growing; last slip Wed 18\n    Nov, 4 days ago\n"
            in streaks)


def test_days_before_the_journal_began_are_blank_not_unanswered(run, journal):
    assert run("check", "no-begging=y", "--date", "2026-11-18").exit_code == 0
    out = run("week", env={"COLUMNS": "100"}).stdout
    row = next(line for line in lines_of(out) if line.startswith("no-begging"))
    # Monday and Tuesday came before the first answer: nothing drawn there
    assert row.split()[:6] == ["no-begging", "✓", "·", "·", "·", "·"]
    narrow = run("week", env={"COLUMNS": "60"}).stdout
    assert "    Wed kept, Thu to Sun not answered\n" in narrow
    assert json.loads(run("week", "--json").stdout)["days"][1]["before_journal"] is True


# --- plain mode and NO_COLOR ----------------------------------------------------------------


@pytest.mark.parametrize("how", [("--plain",), ("TERM=dumb",)])
@pytest.mark.parametrize("command", ["week", "month", "streaks", "log", "today", "lookback",
                                     "prompt", "insights", "items", "trash", "search river",
                                     "show", "undo --list"])
def test_plain_mode_has_no_drawing_and_words_for_symbols(run, journal, how, command):
    week_of_answers(run)
    args, env = (list(how), {}) if how[0] == "--plain" else ([], {"TERM": "dumb"})
    if command == "show":
        command = "show " + run("log", "--json").stdout.split('"id": "')[1][:8]
    out = run(*args, *command.split(), env=env).stdout
    assert not GLYPHS & set(out), (command, sorted(GLYPHS & set(out)))
    if command == "week":
        assert "    Mon kept, Tue kept, Wed missed, Thu kept, Fri kept, Sat skipped" in out
        assert "Mood  4 - 5 - 6 - 7   mean 5.5 (4-7, 4 days rated)" in out
    if command == "log":  # no-begging and self-care, first and ninth in the checklist
        assert "mood 7, kept, -, -, -, -, -, -, -, kept, -, -, -" in out
    if command == "today":
        assert "kept    Did not beg, plead or act out of desperation" in out


def test_no_color_turns_off_every_style_even_when_colour_is_forced(run, journal):
    week_of_answers(run)
    styled = run("week", env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[1m" in styled  # the test can fail: bold is there without NO_COLOR
    bare = run("week", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert "\x1b[" not in bare


def test_log_has_a_legend_for_its_symbols(run, journal):
    week_of_answers(run)
    out = run("log").stdout
    assert out.rstrip("\n").endswith(
        "✓ kept  ✗ missed  – skipped  · not answered, in checklist order")


# --- help and completion ------------------------------------------------------------------


def test_every_command_summary_fits_without_being_cut(run):
    out = run("--help", env={"COLUMNS": "100"}).stdout
    commands = out.split("Commands:\n")[1]
    assert "..." not in commands
    assert "  checkin     The evening check-in: mood, checklist, words.\n" in commands
    items = run("items", "--help", env={"COLUMNS": "100"}).stdout
    assert "  add      Add an item to your checklist.\n" in items
    edit = run("edit", "--help", env={"COLUMNS": "100"}).stdout
    assert "Default: today" not in edit and "Move the entry to this day" in edit


def complete(db: Path, words: str) -> list[str]:
    env = {**os.environ, "_RECONCILE_COMPLETE": "bash_complete", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
           "RECONCILE_DB": str(db)}
    out = subprocess.run([sys.executable, "-m", "reconcile_cli"], env=env, capture_output=True,
                         text=True, timeout=30)
    return [line.split(",", 1)[1] for line in out.stdout.splitlines()]


def test_completion_offers_the_journals_own_names(run, journal, db_path):
    entry = run("write", "Something to find again.").stdout.split()[2]
    assert complete(db_path, "reconcile check no-be") == ["no-begging="]
    assert complete(db_path, "reconcile check no-begging=m") == ["no-begging=missed"]
    assert complete(db_path, "reconcile items retire self") == ["self-care"]
    assert complete(db_path, "reconcile config day") == ["day_starts_at"]
    assert complete(db_path, f"reconcile show {entry[:3]}") == [entry]
    assert "why-this-marriage" in complete(db_path, "reconcile write --prompt ")
    assert complete(db_path, "reconcile log --kind gr") == ["gratitude"]


# --- messages that say what happened and what to do ------------------------------------------


def test_counts_read_as_words(run, journal):
    assert [count(1, "entry"), count(2, "entry"), count(12345, "day"), count(1, "day")] == [
        "1 entry", "2 entries", "12,345 days", "1 day"]
    assert run("mood", "5").exit_code == 0
    out = run("doctor").stdout
    assert "1 entry over 1 day (0 in the trash), 0 checklist answers, 12 items" in out
    assert "daies" not in out


def test_a_missing_editor_is_named_with_how_to_set_one(run, journal):
    result = run("write", "-e", env={"EDITOR": "vimm"})
    assert result.exit_code == 1
    assert result.stderr == (
        "The editor 'vimm' was not found, so nothing was opened. Set one with `reconcile config "
        "editor COMMAND` (for example nano), or in $VISUAL or $EDITOR.\n")


def test_an_unquoted_date_of_two_words_is_noticed(run, journal, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["reconcile", "write", "--date", "last", "friday"])
    result = run("write", "--date", "last", "friday")
    assert result.exit_code == 2
    assert result.stderr == ("'last' on its own is not a day. If you meant 'last friday', put it "
                             "in quotes: --date \"last friday\".\n")


@pytest.mark.parametrize("given", ["-1", "0", "11", "seven", "5.5"])
def test_a_mood_out_of_range_says_what_a_mood_is(run, journal, given):
    result = run("mood", given)
    assert result.exit_code == 2
    assert result.stderr == (f"Mood is a whole number from 1 (very low) to 10 (at peace); "
                             f"'{given}' is not one.\n")
    written = run("write", "words", "--mood", given)
    assert written.exit_code == 2 and written.stderr == result.stderr


def test_messages_for_common_slips(run, journal, tmp_path):
    shown = run("show", "zzzz")
    assert shown.exit_code == 1 and shown.stderr == (
        "There is no entry 'zzzz': entry ids are made of the digits 0-9 and the letters a-f, as "
        "`reconcile log` shows them.\n")
    searched = run("search", '"')
    assert searched.exit_code == 1 and searched.stderr == (
        "There is nothing to search for in “\"”: search for a word or two.\n")
    unset = run("config", "--unset")
    assert unset.exit_code == 2 and unset.stderr == (
        "--unset needs the setting to return to its default: reconcile config --unset KEY.\n")
    assert run("items", "move", "no-begging", "99").exit_code == 0
    assert run("undo").stdout == "Undone: moved the item no-begging to number 12.\n"
    backup = run("backup", str(tmp_path / "no" / "such" / "folder"))
    assert backup.exit_code == 1 and backup.stderr == (
        f"There is no folder {tmp_path / 'no' / 'such' / 'folder'} (nor "
        f"{tmp_path / 'no' / 'such'}), so no backup was made; give a folder that exists, or a "
        "new file name in one.\n")


@pytest.mark.parametrize("command", [["log"], ["search", "river"], ["insights"], ["export"]])
def test_since_after_until_is_one_clear_error_everywhere(run, journal, command):
    result = run(*command, "--since", "2026-11-10", "--until", "2026-11-01")
    assert result.exit_code == 2
    assert result.stderr == ("--since (2026-11-10) is after --until (2026-11-01); give the "
                             "earlier day to --since.\n")


def test_the_trash_keeps_the_id_column_however_long_the_first_line(run, journal):
    entry = run("write", "A very long first line " * 20).stdout.split()[2]
    assert run("delete", entry, "--yes").exit_code == 0
    out = run("trash", env={"COLUMNS": "60"}).stdout
    row = next(line for line in lines_of(out) if line.startswith(entry))
    assert row.split()[1] == "2026-11-22"
    assert len(row) <= 60


def test_delete_shows_the_entry_it_asks_about(run, journal):
    written = run("write", "The words I might delete.\nA second line.")
    entry = written.stdout.split()[2]
    result = run("delete", entry, input="n\n")
    assert result.stdout.startswith(
        f"Sunday 22 November 2026  {run('show', entry).stdout.split()[4]}  {entry}\n"
        "  The words I might delete.\nMove this entry to the trash? [y/N]: ")
    assert result.stdout.endswith("Left as it was.\n")


# --- what the summaries say ------------------------------------------------------------------


def test_milestones_use_the_items_own_words_and_a_month_shows_the_few_that_matter(run, journal):
    for day in range(1, 23):
        answers = [f"{slug}=y" for slug in ("no-begging", "self-care", "support", "listened")]
        assert run("check", *answers, "--date", f"2026-11-{day:02d}").exit_code == 0
    week = run("week", "--date", "2026-11-14", env={"COLUMNS": "100"}).stdout
    assert ("  ✦ Did not beg, plead or act out of desperation: 14 days in a row  (Sat 14 Nov)"
            in week)
    month = run("month", env={"COLUMNS": "100"}).stdout
    celebrated = month.split("Worth celebrating\n")[1].split("\n\n")[0].split("\n")
    assert len(celebrated) == 4  # the longest, the two newest, and how many more
    milestones = json.loads(run("month", "--json").stdout)["milestones"]
    assert celebrated[-1] == (f"  and {len(milestones) - 3} more milestones this month "
                              "(`--json` lists them all)")


def test_a_week_in_progress_is_compared_with_the_same_days_of_the_last(run, journal):
    for day in range(9, 16):  # all of last week kept
        assert run("check", "no-begging=y", "--date", f"2026-11-{day:02d}").exit_code == 0
    for day in (16, 17):
        assert run("check", "no-begging=y", "--date", f"2026-11-{day}").exit_code == 0
    out = run("week", env={"COLUMNS": "60", "RECONCILE_TODAY": "2026-11-17"}).stdout
    # Monday and Tuesday against last Monday and Tuesday: the same, not "5 fewer"
    assert "    kept 2 of 2; as many as last week by now; 9 in a row\n" in out


def test_a_mood_without_words_is_a_mood_not_an_empty_entry(run, journal, tmp_path):
    assert run("mood", "6").exit_code == 0
    log = run("log").stdout
    assert "  mood 6, no words  " in log
    assert "journal" not in log
    today = run("today").stdout
    assert "Nothing written on this day." in today
    md = run("export", "--format", "md").stdout
    assert "Mood 6 at " in md and ", with no words." in md and "###" not in md
    report = run("report", "--with-entries").stdout
    assert "## Entries" in report and "### " not in report.split("## Entries")[1]
    html = run("report", "--with-entries", "--format", "html").stdout
    assert "<p style=\"white-space:pre-wrap\"></p>" not in html and "<h3>" not in html


def test_the_reflection_question_goes_with_its_answer(run, journal):
    assert run("write", "Because we were kind.", "--prompt", "why-this-marriage").exit_code == 0
    from reconcile_cli.core.prompts import BY_SLUG

    question = BY_SLUG["why-this-marriage"].text
    md = run("export", "--format", "md").stdout
    assert f"> {question}\n\nBecause we were kind." in md
    report = run("report", "--with-entries").stdout
    assert f"> {question}\n\nBecause we were kind." in report
    html = run("report", "--with-entries", "--format", "html").stdout
    assert "<blockquote>" in html and "reflection" in html


# --- the check-in as a conversation ---------------------------------------------------------

CHECKLIST_BLANK = "\n" * 10  # twelve items, two of them ticked by the questions after


def test_the_first_check_in_is_welcomed_once(run, db_path):
    first = run("checkin", "--no-backfill", input="\n6\n" + CHECKLIST_BLANK + "\n\n\n")
    assert first.exit_code == 0, first.output
    said = first.stdout.replace("\n", " ")
    assert said.startswith(
        "Welcome. This is a private journal for the months while you work on your marriage:")
    # the path is said once, by the note that the journal was made; no backticks on screen
    assert first.stderr == f"Started a new journal at {db_path}\n"
    assert str(db_path) not in first.stdout and "`" not in first.stdout
    assert "Everything stays in that one file on this computer, and goes nowhere else." in said
    assert ("The checklist starts with twelve items; the command reconcile items shows them, "
            "and reconcile items add, rename and retire make it yours.") in said
    # nothing is answered yet: Enter passes (there is nothing to leave as it is)
    assert "Your checklist: y = kept, n = missed, s = skipped, Enter passes." in said
    assert "leave as it is" not in said
    assert "or Ctrl-C to stop at any time." in said
    second = run("checkin", "--no-backfill", input="n\n" + CHECKLIST_BLANK + "\n\n\n")
    assert "Welcome" not in second.stdout


def test_a_second_check_in_shows_what_is_saved_and_asks_only_what_is_missing(run, journal):
    assert run("mood", "6").exit_code == 0
    assert run("check", "no-begging=y", "respected-boundaries=n").exit_code == 0
    result = run("checkin", "--no-backfill", input="n\n" + "\n" * 10 + "\n\n\n")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert ("Already saved today: mood 6, 2 of 12 checklist answers (1 kept), 0 entries.\n"
            in out)
    assert "How are you feeling" not in out  # the mood is there already
    assert "Change checklist answers you already gave? [y/N]:" in out
    # the two answered items are passed over, and the two an act ticks are not asked
    assert " 1/8  Stayed off their social media and did not ask others about them" in out
    assert "/12 " not in out and "/10 " not in out
    assert "Your checklist: y = kept, n = missed, s = skipped, Enter passes." in out


def test_filling_in_an_earlier_day_speaks_of_that_day(run, journal):
    result = run("checkin", "--date", "2026-11-20", "--no-backfill",
                 input="\n5\n" + CHECKLIST_BLANK + "\n\n\n")
    out = result.stdout.replace("\n", " ")  # questions wrap between words
    assert ("How were you feeling on Friday 20 November 2026, from 1 (very low) to 10 (at "
            "peace)? Enter skips:") in out
    assert "Up to three things you were grateful for that day (Enter moves on):" in out
    assert "Anything else on your heart about that day?" in out
    assert "Some of that day went the way you hoped." not in out  # nothing kept: the calm line
    assert "tonight" not in out and "today" not in out


def spawn(db: Path, tmp_path: Path, *args: str):
    import pexpect

    env = {**os.environ, "RECONCILE_TODAY": "2026-11-22", "COLUMNS": "100",
           "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_DATA_HOME": str(tmp_path / "data")}
    return pexpect.spawn(sys.executable, ["-m", "reconcile_cli", "--db", str(db), *args],
                         env=env, timeout=WAIT, dimensions=(40, 100))


def test_keys_typed_ahead_never_answer_the_next_question(run, journal, db_path, tmp_path):
    import pexpect

    child = spawn(db_path, tmp_path, "checkin", "--no-backfill")
    child.expect("  Name: ")
    child.sendline("")
    child.expect("Enter skips: ")
    child.send("6\rn\r")  # "n" typed before the checklist was drawn
    child.expect(r" 1/10 ")
    child.expect(r"\]: ")
    child.send("y\r")
    child.expect(r" 2/10 ")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    from tests.conftest import rows

    assert rows(db_path, "SELECT item, status FROM marks") == [("no-begging", "kept")]


def test_words_on_the_command_line_bring_a_note_about_shell_history_once(journal, db_path,
                                                                       tmp_path):
    import pexpect

    note = "Note: words typed on the command line are also kept in your shell's history"
    first = spawn(db_path, tmp_path, "write", "A first evening.")
    first.expect(pexpect.EOF)
    assert note in first.before.decode().replace("\r\n", " ")
    second = spawn(db_path, tmp_path, "write", "A second evening.")
    second.expect(pexpect.EOF)
    assert "shell's history" not in second.before.decode()
    assert "Saved entry" in second.before.decode()
