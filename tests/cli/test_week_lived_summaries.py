"""A week lived in it (issue 21): what the summaries say, and what search finds. "Today" is
Sunday 22 November 2026 unless a test says otherwise."""

from __future__ import annotations

import json

import pytest

from tests.conftest import rows

MONDAY = {"RECONCILE_TODAY": "2026-11-23"}


def said(text: str) -> str:
    """Output as words, whatever the wrapping."""
    return " ".join(text.split())


# --- 4.2 the words the numbers make -------------------------------------------------------------


@pytest.mark.parametrize(("answers", "sentence"), [
    (["y"], "You kept to “Did not beg, plead or act out of desperation” on the day you answered "
            "it."),
    (["y", "y", "y"], "You kept to “Did not beg, plead or act out of desperation” on all 3 "
                      "days you answered it."),
    (["y", "n", "y"], "You kept to “Did not beg, plead or act out of desperation” on 2 of the 3 "
                      "days you answered it."),
])
def test_the_closing_sentence_counts_days_as_a_person_would(run, journal, answers, sentence):
    for day, answer in zip(("2026-11-18", "2026-11-19", "2026-11-20"), answers, strict=False):
        assert run("check", f"no-begging={answer}", "--date", day).exit_code == 0
    out = run("week", env={"COLUMNS": "200"}).stdout
    assert out.endswith(f"\n{sentence}\n")


def test_the_first_week_of_a_journal_is_compared_with_nothing(run, journal):
    for day in ("2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23"):
        assert run("check", "no-begging=y", "self-care=y", "--date", day, env=MONDAY
                   ).exit_code == 0
    data = json.loads(run("week", "--json", env=MONDAY).stdout)
    assert [item["previous_kept"] for item in data["items"]] == [None] * 12
    out = run("week", env={**MONDAY, "COLUMNS": "80"}).stdout
    row = next(line for line in out.splitlines() if line.startswith("no-begging"))
    assert row.split() == ["no-begging", "✓", "1", "of", "1", "–", "5"]  # not "1 more"
    assert "more" not in out


def test_a_young_journal_says_it_is_too_young_for_then_and_now(run, journal):
    for day in ("2026-11-19", "2026-11-22"):
        assert run("check", "no-begging=y", "--date", day).exit_code == 0
    data = json.loads(run("year", "--json").stdout)
    assert data["then_and_now"] is None and data["then_and_now_from"] == "2027-01-17"
    for columns in ("60", "80", "120"):
        out = run("year", env={"COLUMNS": columns}).stdout
        assert said(out).endswith(
            "Then and now Your journal is still too young to compare its first 30 days with its "
            "last 30; from Sunday 17 January 2027 they are far enough apart.")
        assert "First 30 days" not in out
    report = run("report", "--year", "2026-11-22").stdout
    assert report.endswith("## Then and now\n\nYour journal is still too young to compare its "
                           "first 30 days with its last 30; from Sunday 17 January 2027 they "
                           "are far enough apart.\n")


def test_the_year_at_60_columns_says_the_kept_rate_plainly(run, journal):
    for day, answer in (("2026-10-30", "n"), ("2026-11-19", "y"), ("2026-11-20", "y"),
                        ("2026-11-21", "n"), ("2026-11-22", "y")):
        assert run("check", f"no-begging={answer}", "--date", day).exit_code == 0
    out = run("year", env={"COLUMNS": "60"}).stdout
    assert ("Did not beg, plead or act out of desperation\n"
            "  kept 0% in Oct, 75% in Nov (of the days answered)\n") in out
    assert "kept on" not in out


def test_one_rounding_for_moods_everywhere(run, journal):
    for day, mood in (("2026-11-16", 3), ("2026-11-17", 4), ("2026-11-18", 4),
                      ("2026-11-19", 4)):
        assert run("mood", str(mood), "--date", day).exit_code == 0
    week, month = (json.loads(run(name, "--json").stdout)["mood"]["mean"]
                   for name in ("week", "month"))
    assert week == month == 3.8
    assert "mean 3.8 (3–4, 4 days rated)" in run("week", env={"COLUMNS": "100"}).stdout
    assert "mean 3.8 (3–4, 4 days rated)" in run("month", env={"COLUMNS": "100"}).stdout
    assert "- **Mood:** mean 3.8 (lowest 3, highest 4, 4 days rated)" in run("report").stdout
    assert "3.75" not in run("month", "--json").stdout


def test_streaks_say_slip_for_a_restraint_and_missed_for_an_action(run, journal):
    assert run("check", "self-care=n", "--date", "2026-11-20").exit_code == 0
    assert run("check", "self-care=y", "support=y", "no-blame=y", "--date", "2026-11-22"
               ).exit_code == 0
    out = run("streaks", env={"COLUMNS": "60"}).stdout
    assert ("No blame, criticism or lashing out\n"
            "  1 day in a row; longest 1; starting; no slips so far\n") in out
    assert ("Did one kind thing for my body or mind\n"
            "  1 day in a row; longest 1; starting; last missed Fri 20\n"
            "    Nov, 2 days ago\n") in out
    assert ("Leaned on a friend, family, a group or a counsellor\n"
            "  1 day in a row; longest 1; starting; not missed so far\n") in out
    assert "last slip never" not in out and "last slip Fri" not in out
    wide = run("streaks", env={"COLUMNS": "80"}).stdout
    assert wide.splitlines()[1].split() == ["item", "row", "longest", "strength", "missed",
                                            "since", "gap"]


def test_slips_a_day_apart_are_one_day_apart(run, journal):
    for day in ("2026-11-20", "2026-11-21", "2026-11-22"):
        assert run("check", "no-begging=n", "--date", day).exit_code == 0
    out = run("week", env={"COLUMNS": "120"}).stdout
    assert "Slips    3 days with a slip this week, lately about 1 day apart." in out
    assert "1 days" not in out
    assert "Slips: 3 days with a slip this week, lately about 1 day apart." in run(
        "slips", env={"COLUMNS": "120"}).stdout


# --- 4.3 strength, in words ----------------------------------------------------------------------


def test_streaks_draw_strength_in_words_with_the_number_in_plain_and_json(run, journal):
    for day in range(9, 23):
        assert run("check", "no-begging=y", "--date", f"2026-11-{day:02d}").exit_code == 0
    rows_ = {r["slug"]: r for r in json.loads(run("streaks", "--json").stdout)["items"]}
    assert (rows_["no-begging"]["strength"], rows_["no-begging"]["strength_words"]) == (
        0.526, "steady")
    assert rows_["no-blame"]["strength_words"] == "not yet"
    for columns in ("80", "120"):
        out = run("streaks", env={"COLUMNS": columns}).stdout
        row = next(line for line in out.splitlines() if line.startswith("no-begging"))
        assert row.split() == ["no-begging", "14", "14", "steady", "never", "-", "-"]
    plain = run("--plain", "streaks", env={"COLUMNS": "120"}).stdout
    row = next(line for line in plain.splitlines() if line.startswith("no-begging"))
    assert row.split() == ["no-begging", "14", "14", "steady", "(53%)", "never", "-", "-"]
    narrow = run("streaks", env={"COLUMNS": "60"}).stdout
    assert "  14 days in a row; longest 14; steady; no slips so far\n" in narrow


# --- 4.4 / 4.5 search: slip notes, gratitude lines, line breaks --------------------------------


def test_search_finds_slip_notes_and_gratitude_lines_each_as_what_it_is(run, journal):
    assert run("check", "no-begging=n", "--date", "2026-11-20", "--note",
               "A long text at midnight. Call Sam first next time.").exit_code == 0
    gratitude = run("write", "--kind", "gratitude", "--date", "2026-11-21",
                    input="My sister called to check on me\nWarm soup at lunch\n")
    short = gratitude.stdout.split()[2]
    note = run("search", "midnight", env={"COLUMNS": "100"})
    assert [line.rstrip() for line in note.stdout.splitlines()] == [
        "Friday 20 November 2026  a slip note, on \u201cDid not beg, plead or act out of "
        "desperation\u201d", "  A long text at midnight. Call Sam first next time.", ""]
    found = run("search", "soup", env={"COLUMNS": "100"}).stdout.splitlines()
    assert found[0].startswith("Saturday 21 November 2026  ") and found[0].endswith(
        f"  grateful for  {short}")
    assert found[1] == "  My sister called to check on me / Warm soup at lunch"
    data = json.loads(run("search", "midnight", "--json").stdout)
    assert data == [{"type": "slip note", "day": "2026-11-20", "item": "no-begging",
                     "label": "Did not beg, plead or act out of desperation",
                     "snippet": "A long text at midnight. Call Sam first next time."}]
    entry = json.loads(run("search", "soup", "--json").stdout)[0]
    assert (entry["type"], entry["kind"], entry["snippet"]) == (
        "entry", "gratitude", "My sister called to check on me / Warm soup at lunch")
    # a slip note changed or cleared is found as it is now
    assert run("check", "no-begging=n", "--date", "2026-11-20", "--note", "Slept on it."
               ).exit_code == 0
    assert run("search", "midnight", "--json").stdout == "[]\n"
    assert run("search", "slept", "--json").stdout.count('"slip note"') == 1
    assert run("check", "no-begging=clear", "--date", "2026-11-20").exit_code == 0
    assert run("search", "slept", "--json").stdout == "[]\n"
    assert rows(journal, "SELECT count(*) FROM notes_fts") == [(0,)]


def test_slip_notes_follow_undo_import_and_the_doctor(run, journal, tmp_path):
    assert run("check", "no-blame=n", "--note", "Snapped at the kids' handover.").exit_code == 0
    assert run("undo").exit_code == 0
    assert run("search", "handover", "--json").stdout == "[]\n"
    assert run("check", "no-blame=n", "--note", "Snapped at the kids' handover.").exit_code == 0
    exported = tmp_path / "out.jsonl"
    assert run("export", "-o", str(exported)).exit_code == 0
    other = tmp_path / "other.db"
    assert run("--db", str(other), "import", str(exported)).exit_code == 0
    assert json.loads(run("--db", str(other), "search", "handover", "--json").stdout)[0][
        "day"] == "2026-11-22"
    assert "Search index ok" in run("doctor").stdout
    import sqlite3

    conn = sqlite3.connect(journal)
    conn.execute("DELETE FROM notes_fts")  # an index out of step with the notes
    conn.commit()
    conn.close()
    checked = run("doctor")
    assert checked.exit_code == 1 and "Search index out of step" in checked.stdout
    assert "Search index rebuilt" in run("doctor", "--repair").stdout
    assert len(json.loads(run("search", "handover", "--json").stdout)) == 1


# --- issue 20: one huge entry full of hits costs what a small journal does ----------------------


def test_a_huge_entry_full_of_hits_is_marked_near_its_first_hits(run, journal):
    body = ("the river at midnight was cold and I walked along it thinking\n" * 16_000)[:999_000]
    assert run("write", input=body).exit_code == 0
    hit = json.loads(run("search", "river", "--json").stdout)[0]
    assert hit["snippet"] == "the river at midnight was cold and I walked along it thinking…"
    line_breaks = json.loads(run("search", "thinking", "--json").stdout)[0]
    assert line_breaks["snippet"] == ("…along it thinking / the river at midnight was cold "
                                      "and I…")
    # a hit only near the end is still found, and shown with what is around it
    tail = "quiet words " * 80_000 + "and then the lighthouse, far out"
    assert run("write", "--date", "2026-11-21", input=tail).exit_code == 0
    found = json.loads(run("search", "lighthouse", "--json").stdout)[0]
    assert found["snippet"] == ("…quiet words quiet words quiet words and then the lighthouse, "
                                "far out")
    # words far apart, asked for together, are marked in the whole entry
    both = json.loads(run("search", "--raw", "quiet AND lighthouse", "--json").stdout)[0]
    assert "lighthouse" in both["snippet"] or "quiet" in both["snippet"]
