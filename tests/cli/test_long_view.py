"""The long view (issue 14): the vision kept in versions, and @tags. "Today" is Sunday 22
November 2026."""

from __future__ import annotations

import json

from tests.conftest import WAIT, rows

FIRST = "We eat dinner together most nights. We talk things through calmly."
SECOND = FIRST + " I listen first. Sundays are for the kids."


def test_each_save_of_the_vision_is_a_new_version(run, journal):
    empty = run("vision")
    assert empty.stdout.startswith("You have not written your vision yet")
    assert run("vision", "--json").stdout == "null\n"
    assert run("vision", FIRST).stdout == "Version 1 of your vision is saved.\n"
    piped = run("vision", input=SECOND + "\n")
    assert piped.stdout == ("Version 2 of your vision is saved; the earlier ones are kept "
                            "(`vision --history`).\n")
    assert rows(journal, "SELECT version, text FROM vision ORDER BY version") == [
        (1, FIRST), (2, SECOND)]
    current = json.loads(run("vision", "--json").stdout)
    assert (current["version"], current["text"]) == (2, SECOND)
    assert current["saved_at"].startswith("20")
    history = json.loads(run("vision", "--history", "--json").stdout)
    assert [(v["version"], v["words"]) for v in history] == [(1, 11), (2, 19)]
    shown = run("vision", env={"COLUMNS": "100"}).stdout
    assert shown.startswith("Your vision  version 2, ")
    assert run("undo").stdout == "Undone: saved a new version of your vision.\n"
    assert rows(journal, "SELECT version FROM vision") == [(1,)]


def test_the_vision_diff_is_word_level_and_readable_in_plain_mode(run, journal):
    assert run("vision", FIRST).exit_code == 0
    assert run("vision", SECOND).exit_code == 0
    assert run("vision", "We eat together. I listen first.").exit_code == 0
    data = json.loads(run("vision", "--diff", "1", "2", "--json").stdout)
    assert data == {"old": 1, "new": 2, "parts": [
        {"op": "same", "words": FIRST},
        {"op": "added", "words": "I listen first. Sundays are for the kids."}]}
    plain = run("--plain", "vision", "--diff", "2", "3", env={"COLUMNS": "200"}).stdout
    assert ("  We eat [-dinner together most nights. We talk things through calmly.-] "
            "{+together.+} I listen first. [-Sundays are for the kids.-]") in plain
    default = json.loads(run("vision", "--diff", "--json").stdout)
    assert (default["old"], default["new"]) == (1, 3)  # the first against the current
    missing = run("vision", "--diff", "1", "9")
    assert missing.exit_code == 1 and missing.stderr == (
        "There is no version 9 of your vision; `reconcile vision --history` lists them.\n")


def test_the_editor_starts_from_a_guide_that_is_not_saved(run, journal, fake_editor, tmp_path):
    script = tmp_path / "guide-editor.py"
    script.write_text("import sys\npath = sys.argv[-1]\nseen = open(path).read()\n"
                      f"open({str(tmp_path / 'seen.txt')!r}, 'w').write(seen)\n"
                      "open(path, 'w').write(seen + 'Kind and steady, every day.\\n')\n")
    result = run("vision", "-e", env={"EDITOR": f"{__import__('sys').executable} {script}"})
    assert result.exit_code == 0, result.output
    seen = (tmp_path / "seen.txt").read_text()
    assert seen.startswith("# Your vision: the life you hope for")
    assert "what must I believe, which habits must I have, and who must I be" in seen
    assert rows(journal, "SELECT text FROM vision") == [("Kind and steady, every day.",)]


def test_versions_travel_merge_by_id_and_are_searched(run, journal, tmp_path):
    assert run("vision", FIRST, env={"RECONCILE_NOW": "2026-11-20T20:00:00+00:00"}
               ).exit_code == 0
    exported = tmp_path / "out.jsonl"
    assert run("export", "-o", str(exported)).exit_code == 0
    records = [json.loads(line) for line in exported.read_text().splitlines()]
    assert [r["version"] for r in records if r.get("type") == "vision"] == [1]
    assert run("vision", SECOND, env={"RECONCILE_NOW": "2026-11-22T20:00:00+00:00"}
               ).exit_code == 0
    assert "versions of your vision: 0 added" in run("import", str(exported)).stdout
    mine = [r for r in records if r.get("type") == "vision"][0]
    # saved on another computer between the two saved here (a version 1 file: no stamps)
    theirs = {key: value for key, value in mine.items() if key not in ("stamp", "vv")}
    theirs |= {"id": "00000000-0000-4000-8000-000000000777", "text": "Written elsewhere.",
               "saved_at": "2026-11-21T20:00:00+00:00"}
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({**records[0], "version": 1}) + "\n" + json.dumps(theirs)
                     + "\n")
    assert run("import", str(other)).exit_code == 0
    # versions are numbered by when they were saved, the same on every computer
    assert rows(journal, "SELECT row_number() OVER (ORDER BY stamp, id), text FROM vision") == [
        (1, FIRST), (2, "Written elsewhere."), (3, SECOND)]
    assert json.loads(run("vision", "--json").stdout)["version"] == 3
    found = json.loads(run("search", "--vision", "dinner", "--json").stdout)
    assert [v["version"] for v in found] == [3, 1]  # every version, newest first
    assert "Nothing found" in run("search", "dinner").stdout  # plain search: entries only
    report = run("report").stdout
    assert "vision" not in report.lower()
    assert "## My vision (version 3, " in run("report", "--with-entries").stdout


def test_the_checkin_offers_the_vision_about_once_a_month_not_on_a_low_day(run, journal):
    assert run("vision", FIRST, env={"RECONCILE_NOW": "2026-10-01T20:00:00+00:00"}
               ).exit_code == 0
    low = run("checkin", "--no-backfill", "--date", "2026-11-20",
              input="\n2\n" + "\n" * 30)  # the first check-in asks for a support person
    assert "reread your vision" not in low.stdout
    good = run("checkin", "--no-backfill", input="7\n" + "\n" * 13 + "y\n")
    assert "It has been a while since you reread your vision. Read it now?" in (
        good.stdout.replace("\n", " "))
    assert FIRST in good.stdout.replace("\n", " ").replace("  ", " ")
    again = run("checkin", "--no-backfill", "--date", "2026-11-21", input="\n" * 30)
    assert "reread your vision" not in again.stdout  # about once a month


def test_tags_are_counted_listed_and_found(run, journal):
    assert run("write", "Took @kids to the park; called the @lawyer.",
               "--date", "2026-11-20").exit_code == 0
    assert run("write", "@Kids asleep early. email@example.com is not a tag.").exit_code == 0
    assert json.loads(run("tags", "--json").stdout) == [
        {"tag": "kids", "count": 2, "last": "2026-11-22"},
        {"tag": "lawyer", "count": 1, "last": "2026-11-20"}]
    assert run("tags").stdout == ("@kids  2 entries, last Sunday 22 November 2026\n"
                                  "@lawyer  1 entry, last Friday 20 November 2026\n")
    logged = json.loads(run("log", "--tag", "lawyer", "--json").stdout)
    assert [e["body"] for day in logged for e in day["entries"]] == [
        "Took @kids to the park; called the @lawyer."]
    found = json.loads(run("search", "@kids", "--json").stdout)
    assert [hit["day"] for hit in found] == ["2026-11-22", "2026-11-20"]
    both = json.loads(run("search", "@kids", "@lawyer", "--json").stdout)
    assert [hit["day"] for hit in both] == ["2026-11-20"]


# --- a year at a glance ---------------------------------------------------------------------


def test_the_year_has_a_cell_a_day_months_per_item_and_then_and_now(run, journal):
    for day, mood in (("2026-09-01", 4), ("2026-09-02", 6), ("2026-11-20", 8)):
        assert run("mood", str(mood), "--date", day).exit_code == 0
    for day, status in (("2026-09-01", "y"), ("2026-09-02", "n"), ("2026-09-05", "n"),
                        ("2026-11-20", "y"), ("2026-11-21", "y")):
        assert run("check", f"no-begging={status}", "--date", day).exit_code == 0
    assert run("write", "A few words.", "--date", "2026-09-02").exit_code == 0
    data = json.loads(run("year", "--json").stdout)
    assert len(data["days"]) == 365 and data["year"] == 2026
    by_day = {day["day"]: day for day in data["days"]}
    assert by_day["2026-09-01"] == {"day": "2026-09-01", "mood": 4.0, "paused": False,
                                    "before_journal": False, "future": False}
    assert by_day["2026-08-31"]["before_journal"] is True  # blank before the journal began
    assert by_day["2026-11-23"]["future"] is True
    months = {m["month"]: m["kept_rate"]["no-begging"] for m in data["months"]}
    assert (months["2026-08"], months["2026-09"], months["2026-11"]) == (None, 0.3333, 1.0)
    assert len(data["months"]) == 12
    average = {p["day"]: p["mood"] for p in data["moving_average"]}
    assert average["2026-09-02"] == 5.0 and average["2026-09-30"] == 5.0  # 30 days back
    assert average["2026-10-01"] == 6.0  # the 1st has left the window
    assert average["2026-10-02"] is None and average["2026-11-20"] == 8.0
    assert data["then_and_now"] == {
        "then": {"from": "2026-09-01", "until": "2026-09-30", "mood": 5.0, "kept_rate": 0.3333,
                 "days_written": 1, "slips": 2, "slip_gap": 3.0},
        "now": {"from": "2026-10-24", "until": "2026-11-22", "mood": 8.0, "kept_rate": 1.0,
                "days_written": 0, "slips": 0, "slip_gap": None}}
    assert data["then_and_now_from"] == "2026-10-30"
    out = run("year", env={"COLUMNS": "80"}).stdout
    assert out.startswith("2026\n")
    said = " ".join(out.split())
    assert ("First 30 days mood 5, kept 33% of answers, 1 day written, slips 3 days apart "
            "Last 30 days mood 8, kept 100% of answers, 0 days written, 0 slips") in said
    plain = run("--plain", "year").stdout
    assert "September: 4 6 - - -" in plain and "░" not in plain
    narrow = run("year", env={"COLUMNS": "50"}).stdout
    assert all(len(line) <= 50 for line in narrow.splitlines()), narrow


def test_report_year_gives_the_same_on_one_page(run, journal):
    for day, mood in (("2026-08-01", 4), ("2026-08-02", 6)):
        assert run("mood", str(mood), "--date", day).exit_code == 0
    assert run("check", "no-begging=y", "--date", "2026-08-01").exit_code == 0
    md = run("report", "--year", "2026-05-01").stdout
    assert md.startswith("# 2026 at a glance\n")
    assert "| mood |  |  |  |  |  |  |  | 5.0 |  |  |  |  |" in md
    assert ("| Did not beg, plead or act out of desperation | – | – | – | – | – | – | – | 100% "
            "| – | – | – | – |") in md
    assert "- **First 30 days:** mood 5, kept 100% of answers, 0 days written, 0 slips" in md
    page = run("report", "--year", "2026-05-01", "--format", "html").stdout
    assert "<polyline points=\"" in page and "<h1>2026 at a glance</h1>" in page
    both = run("report", "--year", "2026-05-01", "--week", "2026-11-20")
    assert both.exit_code == 2 and both.stderr == "Give one of --week, --month or --year.\n"


def test_the_html_reports_render_in_a_real_browser(run, journal, tmp_path):
    import shutil
    import subprocess

    import pytest

    browser = next((shutil.which(name) for name in ("chromium", "chromium-browser",
                                                    "google-chrome") if shutil.which(name)), None)
    if browser is None:
        pytest.skip("no Chromium on this machine (install the system's chromium package to run "
                    "the HTML reports in a real headless browser)")
    import re

    for day, mood in (("2026-11-17", 4), ("2026-11-18", 6), ("2026-11-20", 7)):
        assert run("mood", str(mood), "--date", day).exit_code == 0
    for args in (["--week", "2026-11-20"], ["--month", "2026-11-20"], ["--year", "2026-11-20"]):
        page = tmp_path / f"{args[0][2:]}.html"
        assert run("report", *args, "--format", "html", "-o", str(page)).exit_code == 0
        points = re.search(r'<polyline points="([^"]*)"', page.read_text()).group(1).split()
        assert len(points) >= 3, (args, points)  # a chart with its line, not an empty frame
        shot = tmp_path / f"{args[0][2:]}.png"
        done = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                               "--enable-logging=stderr", "--v=0", f"--screenshot={shot}",
                               "--window-size=900,1200", page.as_uri()],
                              capture_output=True, text=True, timeout=120)
        assert shot.exists() and shot.stat().st_size > 5_000, done.stderr
        assert "Uncaught" not in done.stderr and "CONSOLE(" not in done.stderr


# --- goals in five areas, in small steps -----------------------------------------------------


def ids(run) -> dict:
    return json.loads(run("goals", "--json").stdout)


def test_goals_by_area_in_small_steps_a_daily_one_on_the_checklist(run, journal, tmp_path):
    assert run("goals", "add", "relational", "Listen", "without", "defending", "myself"
               ).exit_code == 0
    bad = run("goals", "add", "romance", "x")
    assert bad.exit_code == 2 and "'romance' is not one of" in bad.stderr
    goal = ids(run)["relational"][0]["id"][:8]
    assert run("goals", "step", goal, "Write a kind note to myself").exit_code == 0
    daily = run("goals", "step", goal, "One walk after dinner", "--daily")
    assert daily.stdout.endswith("It is on your checklist too, as 'one-walk-after-dinner'.\n")
    steps = ids(run)["relational"][0]["steps"]
    note, walk = steps[0]["id"][:8], steps[1]["id"][:8]
    assert run("goals", "done", note).exit_code == 0
    assert run("goals", "done", note, "--date", "2026-11-21").exit_code == 0
    assert run("goals", "done", walk, "--date", "2026-11-20").exit_code == 0
    # the daily step reuses the checklist: its day done is the item's kept answer
    assert rows(journal, "SELECT day, item, status FROM marks") == [
        ("2026-11-20", "one-walk-after-dinner", "kept")]
    assert run("check", "one-walk-after-dinner=y").exit_code == 0
    data = ids(run)
    assert set(data) == {"spiritual", "physical", "intellectual", "relational", "emotional"}
    assert [(s["text"], s["done"], s["daily"]) for s in data["relational"][0]["steps"]] == [
        ("Write a kind note to myself", ["2026-11-21", "2026-11-22"], False),
        ("One walk after dinner", ["2026-11-20", "2026-11-22"], True)]
    out = run("goals", env={"COLUMNS": "100"}).stdout
    assert out.startswith("Relational\n  Listen without defending myself  (")
    assert f"    Write a kind note to myself  ({note}): 2 times this week, 2 in all\n" in out
    week = json.loads(run("week", "--json").stdout)
    assert week["steps_done"] == 4
    assert "Goals    4 small steps done." in run("week", env={"COLUMNS": "100"}).stdout
    assert "- **Goals:** 4 small steps done." in run("report").stdout
    assert run("goals", "drop", note).stdout == (
        "Set aside: Write a kind note to myself. It stays in your history.\n")
    assert [s["text"] for s in ids(run)["relational"][0]["steps"]] == ["One walk after dinner"]
    assert rows(journal, "SELECT count(*) FROM steps_done") == [(2,)]  # kept in history
    exported = tmp_path / "out.jsonl"
    assert run("export", "-o", str(exported)).exit_code == 0
    kinds = [json.loads(line).get("type") for line in exported.read_text().splitlines()]
    assert (kinds.count("goal"), kinds.count("step"), kinds.count("step_done")) == (1, 2, 2)
    assert run("undo").stdout.startswith("Undone: set a goal or step aside")


def test_insights_compare_mood_on_days_with_a_step_done(run, journal):
    assert run("goals", "add", "physical", "Move a little every day").exit_code == 0
    goal = ids(run)["physical"][0]["id"][:8]
    assert run("goals", "step", goal, "One walk").exit_code == 0
    step = ids(run)["physical"][0]["steps"][0]["id"][:8]
    for day, mood, walked in ((10, 7, True), (11, 6, True), (12, 8, True), (13, 3, False),
                              (14, 4, False), (15, 5, False)):
        assert run("mood", str(mood), "--date", f"2026-11-{day}").exit_code == 0
        if walked:
            assert run("goals", "done", step, "--date", f"2026-11-{day}").exit_code == 0
    data = json.loads(run("insights", "--json").stdout)["steps"]
    assert data == {"with_step": {"days": 3, "mood": 7.0},
                    "without_step": {"days": 3, "mood": 4.0}}
    assert ("7 on 3 days with a step done; 4 on 3 days without"
            in run("insights", env={"COLUMNS": "100"}).stdout)


def test_what_the_review_found_in_the_long_view_stays_fixed(run, journal, tmp_path):
    # the user's own lines starting with # are never taken for the guide
    assert run("vision", input="Sundays together.\n#1 the kids come first\n").exit_code == 0
    unchanged = run("vision", "-e", env={"EDITOR": "true"})
    assert unchanged.stdout == "Unchanged, so no new version was saved.\n"
    assert rows(journal, "SELECT text FROM vision") == [
        ("Sundays together.\n#1 the kids come first",)]
    # a star is not taken away by an older copy imported later
    entry = run("write", "Worth rereading.").stdout.split()[2]
    older = tmp_path / "older.jsonl"
    assert run("export", "-o", str(older)).exit_code == 0
    assert run("star", entry, env={"RECONCILE_NOW": "2099-01-01T00:00:00+00:00"}).exit_code == 0
    assert run("import", str(older)).exit_code == 0
    assert rows(journal, "SELECT starred FROM entries WHERE body = 'Worth rereading.'") == [(1,)]
    # tags in any alphabet
    assert run("write", "Visit at the @Ärztehaus").exit_code == 0
    assert [e["body"] for day in json.loads(run("log", "--tag", "ärztehaus", "--json").stdout)
            for e in day["entries"]] == ["Visit at the @Ärztehaus"]
    # a blank name is refused on import as it is when typed
    blank = tmp_path / "blank.jsonl"
    blank.write_text('{"format": "reconcile", "version": 1, "exported_at": "x"}\n'
                     '{"type": "support", "name": "  ", "contact": null, "position": 1, '
                     '"created_at": "2026-11-20T21:00:00+00:00"}\n')
    refused = run("import", str(blank))
    assert refused.exit_code == 1 and "a name on the support list cannot be empty" in (
        refused.stderr)


def test_an_interrupted_vision_comes_back_as_a_vision(run, journal, db_path, tmp_path):
    import os
    import sys

    import pexpect

    folder = db_path.parent / "drafts" / "journal"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2026-11-22.journal.abc123.deadbeef.vision-page.txt").write_text(
        "# Your vision: the life you hope for, in your own words. Lines starting with # are "
        "not saved.\nA calm home.\n")
    env = {**os.environ, "RECONCILE_DB": str(db_path), "RECONCILE_TODAY": "2026-11-22"}
    child = pexpect.spawn(sys.executable, ["-m", "reconcile_cli", "write", "x"], env=env,
                          encoding="utf-8", timeout=WAIT)
    child.expect("A new version of your vision, from Sunday 22 November 2026, was never saved")
    child.expect(r"\(d\)\?")
    child.sendline("s")
    child.expect("Version 1 of your vision is saved.")
    child.expect(pexpect.EOF)
    assert rows(db_path, "SELECT text FROM vision") == [("A calm home.",)]


# --- pauses ---------------------------------------------------------------------------------


def test_a_pause_is_blank_everywhere_passed_over_by_streaks_and_counted_nowhere(run, journal,
                                                                              tmp_path):
    for day in (10, 11, 12, 13, 14, 15, 16, 20, 21, 22):
        assert run("check", "no-begging=y", "--date", f"2026-11-{day}").exit_code == 0
    # the journal began on the Monday of last week: the two weeks compare like with like
    assert run("check", "self-care=y", "--date", "2026-11-09").exit_code == 0
    assert run("check", "no-begging=n", "--date", "2026-11-18").exit_code == 0
    before = json.loads(run("streaks", "--json").stdout)["items"][0]
    assert before["current_streak"] == 3
    refused = run("pause", "--from", "2026-11-17", "--until", "2026-11-19")
    assert (refused.exit_code, refused.stderr) == (1, (
        "Wednesday 18 November 2026 already holds your answers or words; paused, it would count "
        "nowhere. Add --yes to pause anyway (what is there is kept); nothing was changed.\n"))
    paused = run("pause", "--from", "2026-11-17", "--until", "2026-11-19", "a", "hospital",
                 "stay", "--yes")
    assert paused.exit_code == 0
    assert paused.stdout.endswith(
        "Wednesday 18 November 2026 already holds your answers or words: kept, and not counted "
        "while paused.\n")
    assert rows(journal, "SELECT start, until, reason FROM pauses") == [
        ("2026-11-17", "2026-11-19", "a hospital stay")]
    after = json.loads(run("streaks", "--json").stdout)["items"][0]
    assert after["current_streak"] == 10  # runs on across the pause
    assert after["last_missed"] is None  # the answer on a paused day is kept, not counted
    assert rows(journal, "SELECT status FROM marks WHERE day = '2026-11-18'") == [("missed",)]
    week = json.loads(run("week", "--json").stdout)
    assert [d["paused"] for d in week["days"]] == [False, True, True, True, False, False, False]
    assert week["items"][0]["kept"] == 4 and week["items"][0]["missed"] == 0
    # last week is compared over the same days left unpaused (Mon, Fri-Sun): no flu is blamed
    assert week["items"][0]["previous_kept"] == 3
    assert week["pauses"][0]["reason"] == "a hospital stay"
    out = run("week", env={"COLUMNS": "100"}).stdout
    assert "no-begging            ✓           ✓  ✓  ✓  4 of 4" in out
    assert ("Paused   Tue 17 Nov to Thu 19 Nov (a hospital stay): not counted, and no streak is "
            "broken.") in out
    narrow = run("week", env={"COLUMNS": "60"}).stdout
    assert "Tue to Thu paused" in narrow
    plain_year = run("--plain", "year").stdout
    assert "November: - - - - - - - - p p p - - -" in plain_year  # no moods: "-"; paused: "p"
    assert "(p: a paused day; -: no rating)" in plain_year
    assert ("Paused         Tue 17 Nov to Thu 19 Nov (a hospital stay): not counted"
            in run("year", env={"COLUMNS": "120"}).stdout)
    assert "1 pause" in run("doctor").stdout
    year = {d["day"]: d["paused"] for d in json.loads(run("year", "--json").stdout)["days"]}
    assert year["2026-11-18"] is True and year["2026-11-20"] is False
    assert "- **Paused:** Tuesday 17 November 2026 to Thursday 19 November 2026" in run(
        "report").stdout
    listed = json.loads(run("pause", "--list", "--json").stdout)
    assert [(p["from"], p["until"], p["reason"]) for p in listed] == [
        ("2026-11-17", "2026-11-19", "a hospital stay")]
    exported = tmp_path / "out.jsonl"
    assert run("export", "-o", str(exported)).exit_code == 0
    assert '"type": "pause"' in exported.read_text()
    assert run("unpause", listed[0]["id"][:8]).exit_code == 0
    assert json.loads(run("streaks", "--json").stdout)["items"][0]["current_streak"] == 3
    # removed after the export was made: the older copy of the pause does not come back
    assert run("import", str(exported)).exit_code == 0
    assert json.loads(run("streaks", "--json").stdout)["items"][0]["current_streak"] == 3
    fresh = tmp_path / "fresh.db"  # in another journal it arrives, and counts
    assert run("--db", str(fresh), "import", str(exported)).exit_code == 0
    assert json.loads(run("--db", str(fresh), "streaks", "--json").stdout
                      )["items"][0]["current_streak"] == 10


def test_pauses_merge_reach_ahead_sixty_days_and_end_when_you_are_back(run, journal):
    assert run("pause", "--from", "2026-11-20", "--until", "2026-11-25", "a", "trip"
               ).exit_code == 0  # ahead of today is allowed
    merged = run("pause", "--from", "2026-11-24", "--until", "2026-11-28", "rest")
    assert "joined with the pause it met" in merged.stdout
    # each stays a pause of its own (so each merges with other computers' alone), shown joined
    assert rows(journal, "SELECT start, until, reason FROM pauses ORDER BY start") == [
        ("2026-11-20", "2026-11-25", "a trip"), ("2026-11-24", "2026-11-28", "rest")]
    assert [(p["from"], p["until"], p["reason"]) for p in json.loads(
        run("pause", "--list", "--json").stdout)] == [("2026-11-20", "2026-11-28", "a trip; rest")]
    too_far = run("pause", "--from", "2026-12-01", "--until", "2027-03-01")
    assert too_far.exit_code == 2
    assert too_far.stderr == ("--until: Monday 1 March 2027 is further ahead than a pause can be "
                              "planned (60 days).\n")
    backwards = run("pause", "--from", "2026-11-10", "--until", "2026-11-05")
    assert backwards.exit_code == 2 and "--until is before --from" in backwards.stderr
    ended = run("pause", "--end")
    assert ended.stdout == "Welcome back. The pause has ended; today counts again.\n"
    assert rows(journal, "SELECT start, until FROM pauses ORDER BY start") == [
        ("2026-11-20", "2026-11-21")]  # the one begun after yesterday is gone
    assert run("undo").stdout.startswith("Undone: ended a pause")
