"""week, month, streaks and insights end to end; every number below is worked out by hand."""

import datetime as dt
import json

import pytest

THURSDAY = "2026-11-19"  # "today" here: the week of Mon 16 - Sun 22 is as of Thursday


@pytest.fixture
def story(run, journal):
    """Two weeks of a journal. Comments give what each command below must find."""

    def go(*args, **kwargs):
        result = run(*args, env={"RECONCILE_TODAY": THURSDAY}, **kwargs)
        assert result.exit_code == 0, (args, result.output)
        return result

    # previous week, 9-15 November: moods 3 (10th) and 5, 6 (12th) -> mean of 3 and 5.5 = 4.25
    go("mood", "3", "--date", "2026-11-10")
    go("mood", "5", "--date", "2026-11-12")
    go("mood", "6", "--date", "2026-11-12")
    go("check", "no-blame=kept", "--date", "2026-11-09")  # makes 9-15 the first full week
    for date, status in [("10", "kept"), ("11", "kept"), ("12", "missed"), ("13", "kept"),
                         ("14", "kept"), ("15", "kept")]:
        go("check", f"no-begging={status}", "support=kept", "--date", f"2026-11-{date}")
    go("check", "listened=kept", "--date", "2026-11-11")
    # this week, to Thursday: 16th moods 4 and 6 (day 5.0), 17th words only, 18th mood 7
    go("write", "--mood", "4", "one two three", "--date", "2026-11-16")
    go("mood", "6", "--date", "2026-11-16")
    go("write", "four five", "--date", "2026-11-17")
    go("write", "--mood", "7", "six", "--date", "2026-11-18")
    go("check", "no-begging=kept", "self-care=missed", "support=kept", "gratitude=kept",
       "--date", "2026-11-16")
    go("check", "no-begging=kept", "self-care=kept", "support=kept", "--date", "2026-11-17")
    go("check", "no-begging=skipped", "self-care=kept", "support=kept", "--date", "2026-11-18")
    go("check", "self-care=kept", "support=kept", "--date", "2026-11-19")
    go("items", "retire", "gratitude")   # retired, but marked this week: still listed
    go("items", "retire", "listened")    # retired, no mark this week: not listed
    return go


def test_week_json_matches_the_contract(story):
    data = json.loads(story("week", "--json").stdout)
    assert data["period"] == {"kind": "week", "start": "2026-11-16", "end": "2026-11-22",
                              "as_of": THURSDAY, "rolling": False}
    assert [d["date"] for d in data["days"]] == [f"2026-11-{n}" for n in range(16, 23)]
    monday, tuesday, _, thursday = data["days"][:4]
    assert {k: monday[k] for k in ("mood", "mood_min", "mood_max", "entries", "words")} == {
        "mood": 5.0, "mood_min": 4, "mood_max": 6, "entries": 1, "words": 3}  # and one rating
    assert {k: tuesday[k] for k in ("mood", "mood_min", "mood_max", "entries", "words")} == {
        "mood": None, "mood_min": None, "mood_max": None, "entries": 1, "words": 2}
    assert monday["marks"]["no-begging"] == "kept"
    assert monday["marks"]["gratitude"] == "kept"
    assert monday["marks"]["respected-boundaries"] is None
    assert "listened" not in monday["marks"]
    assert thursday["marks"]["self-care"] == "kept"
    # one decimal, as every mood is shown: last week's 4.25 is 4.2
    assert data["mood"] == {"mean": 6.0, "min": 4, "max": 7, "rated_days": 2,
                            "previous_mean": 4.2, "change": 1.8}
    assert data["journal"] == {"days_written": 3, "entries": 3, "words": 6}  # ratings aside

    items = {item["slug"]: item for item in data["items"]}
    assert list(items)[-3:] == ["support", "gratitude", "reflection"]  # by position
    assert "listened" not in items and len(items) == 11
    assert items["no-begging"] == {
        "slug": "no-begging", "label": "Did not beg, plead or act out of desperation",
        "kind": "restraint",
        # 16 kept, 17 kept, 18 skipped, 19 (today) unanswered
        "kept": 2, "missed": 0, "skipped": 1, "unanswered": 1,
        "rate": 1.0, "previous_rate": 0.8333,   # last week 5 kept, 1 missed
        "previous_kept": 2,  # last week's Monday to Thursday (the 10th and 11th; the 12th missed)
        # back from 18: skipped, 17 k, 16 k, 15 k, 14 k, 13 k, then the 12th's miss
        "current_streak": 5, "best_streak": 5,
        # kept 10, 11, missed 12, kept 13-17: s = s*m + v*(1-m) with m = 0.5 ** (1/13)
        "strength": 0.3075,
    }
    assert {k: items["self-care"][k] for k in
            ("kept", "missed", "unanswered", "rate", "previous_rate", "current_streak",
             "best_streak", "strength")} == {
        "kept": 3, "missed": 1, "unanswered": 0, "rate": 0.75, "previous_rate": None,
        "current_streak": 3, "best_streak": 3, "strength": 0.1478}  # 1 - m**3
    assert {k: items["no-blame"][k] for k in
            ("kept", "unanswered", "rate", "current_streak", "best_streak", "strength")} == {
        "kept": 0, "unanswered": 4, "rate": None, "current_streak": 0, "best_streak": 1,
        "strength": 0.0519}
    # support kept every day from the 10th: 7 in a row on the 16th; and no earlier best >= 3
    assert data["milestones"] == [
        {"date": "2026-11-16", "item": "support",
         "label": "Leaned on a friend, family, a group or a counsellor", "kind": "streak",
         "days": 7}]


def test_last_week_celebrates_the_first_full_week(story):
    data = json.loads(story("week", "--date", "2026-11-15", "--json").stdout)
    assert data["period"]["as_of"] == "2026-11-15"
    assert data["milestones"] == [
        {"date": "2026-11-15", "item": None, "label": None, "kind": "full-week", "days": 7}]
    assert data["mood"]["previous_mean"] is None and data["mood"]["change"] is None


def test_week_view_reads_well_at_80_columns(story):
    out = story("week").stdout
    lines = out.splitlines()
    assert lines[0] == "Week of 16 – 22 November 2026 · week 2 of your journal · as of Thu 19 Nov"
    assert max(len(line) for line in lines) <= 80
    assert "mean 6 (4–7, 2 days rated)  up 1.8 on last week" in out
    assert "no-begging            ✓  ✓  –  ·           2 of 2     same     5" in out
    assert "support               ✓  ✓  ✓  ✓           4 of 4   1 more    10" in out
    assert "Journal  3 days written · 3 entries · 6 words" in out
    assert ("Leaned on a friend, family, a group or a counsellor: 7 days in a row  (Mon \n"
            "16 Nov)") in out
    assert ("7 days in a row of “Leaned on a friend, family, a group or a counsellor”. Small "
            "\nsteps, kept, add up.") in out


def test_month_json_and_calendar(story):
    data = json.loads(story("month", "--json").stdout)
    assert data["period"] == {"kind": "month", "start": "2026-11-01", "end": "2026-11-30",
                              "as_of": THURSDAY, "rolling": False}
    assert len(data["days"]) == 30
    # days with a mood: 10th (3), 12th (5.5), 16th (5), 18th (7) -> mean 5.125 -> 5.1
    assert data["mood"]["mean"] == 5.1
    assert (data["mood"]["min"], data["mood"]["max"], data["mood"]["rated_days"]) == (3, 7, 4)
    assert data["mood"]["previous_mean"] is None
    support = next(item for item in data["items"] if item["slug"] == "support")
    # 19 days to as_of; kept 10th-19th (10 days), nothing else
    assert (support["kept"], support["unanswered"], support["rate"]) == (10, 9, 1.0)
    assert [(m["date"], m["kind"]) for m in data["milestones"]] == [
        ("2026-11-15", "full-week"), ("2026-11-16", "streak")]
    out = story("month").stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    assert " Mo   Tu   We   Th   Fr   Sa   Su" in out
    # weeks before the journal began are blank; weeks after today are left out
    assert "support                       6/6  4/4  10 of 10        –    10" in out


def test_streaks_json(story):
    data = json.loads(story("streaks", "--json").stdout)
    assert data["as_of"] == THURSDAY
    rows = {row["slug"]: row for row in data["items"]}
    assert "gratitude" not in rows  # retired
    assert rows["no-begging"] == {
        "slug": "no-begging", "label": "Did not beg, plead or act out of desperation",
        "kind": "restraint", "current_streak": 5, "best_streak": 5, "strength": 0.3075,
        "strength_words": "growing",
        "last_missed": "2026-11-12", "days_since_missed": 7, "mean_gap_between_misses": None,
    }
    assert rows["self-care"]["last_missed"] == "2026-11-16"
    assert rows["support"]["mean_gap_between_misses"] is None
    assert rows["respected-boundaries"]["days_since_missed"] is None
    out = story("streaks").stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "no-begging               5        5  growing   Thu 12 Nov      7      -" in out


def test_mean_gap_uses_the_last_three_misses(run, journal):
    for date in ("2026-11-01", "2026-11-05", "2026-11-08", "2026-11-14"):
        assert run("check", "no-blame=missed", "--date", date).exit_code == 0
    rows = {r["slug"]: r for r in json.loads(run("streaks", "--json").stdout)["items"]}
    assert rows["no-blame"]["mean_gap_between_misses"] == 4.5  # gaps 3 and 6 days
    assert rows["no-blame"]["days_since_missed"] == 8


def test_insights_compare_mood_on_kept_and_missed_days(run, journal):
    moods = {"01": 7, "02": 8, "03": 6, "04": 3, "05": 4, "06": 2, "07": 5}
    for date, mood in moods.items():
        assert run("mood", str(mood), "--date", f"2026-11-{date}").exit_code == 0
    for date in ("01", "02", "03"):
        run("check", "self-care=kept", "no-blame=kept", "--date", f"2026-11-{date}")
    for date in ("04", "05", "06"):
        run("check", "self-care=missed", "--date", f"2026-11-{date}")
    data = json.loads(run("insights", "--json").stdout)
    assert data["period"] == {"since": None, "until": "2026-11-22"}
    assert data["items"] == [{
        "slug": "self-care", "label": "Did one kind thing for my body or mind", "kind": "action",
        "kept_days": 3, "kept_mood": 7.0, "missed_days": 3, "missed_mood": 3.0,
        "difference": 4.0,
    }]  # no-blame has no missed days, so it says nothing
    by_day = {row["weekday"]: (row["days"], row["mood"]) for row in data["weekdays"]}
    # 1 Nov 2026 is a Sunday
    assert by_day["Sunday"] == (1, 7.0) and by_day["Monday"] == (1, 8.0)
    assert by_day["Saturday"] == (1, 5.0)
    narrow = json.loads(run("insights", "--since", "2026-11-02", "--json").stdout)
    assert narrow["items"] == []
    out = run("insights").stdout
    assert "self-care      7 (3 days)        3 (3 days)        up 4" in out
    assert "not what causes what" in out


def test_summaries_on_an_empty_journal_are_calm(run, journal):
    data = json.loads(run("week", "--json").stdout)
    assert data["mood"]["mean"] is None and data["milestones"] == []
    out = run("week").stdout
    assert "no ratings in this period" in out
    assert "A quiet week on the page." in out
    assert "Not enough days to compare yet" in run("insights").stdout
    streaks = run("streaks").stdout
    assert "no-begging               0        0  not yet    never      -      -" in streaks



def test_week_and_month_walk_on_from_a_checkpoint_to_the_very_same_numbers(run, journal,
                                                                           tmp_path, monkeypatch):
    # Over a long journal, week and month walk each item on from a checkpoint some weeks back
    # instead of from its first day. Everything they show must be what the whole walk shows.
    import random

    from reconcile_cli.cli import summary as summary_command
    from reconcile_cli.formats import interchange
    from tests.conftest import rows

    pick = random.Random(7)
    lines = [interchange.dumps(interchange.header("2026-11-22T09:00:00+00:00"))]
    day = dt.date(2025, 9, 1)
    while day <= dt.date(2026, 11, 22):
        for item in ("no-begging", "no-blame", "self-care", "support"):
            status = pick.choice(["kept"] * 6 + ["missed", "skipped", None])
            if status:
                lines.append(interchange.dumps({
                    "type": "mark", "day": day.isoformat(), "item": item, "status": status,
                    "note": None, "updated_at": f"{day.isoformat()}T21:00:00+00:00"}))
        day += dt.timedelta(days=1)
    source = tmp_path / "answers.jsonl"
    source.write_text("\n".join(lines) + "\n")
    assert run("import", str(source)).exit_code == 0
    assert run("pause", "--from", "2026-02-02", "--until", "2026-02-09", "flu",
               "--yes").exit_code == 0
    assert run("pause", "--from", "2026-11-03", "--until", "2026-11-04", "--yes").exit_code == 0

    def shown() -> list[str]:
        return [run(*args, "--json").stdout for args in
                (["week"], ["month"], ["week", "--date", "2026-10-14"], ["report"])]

    made, used = shown(), shown()
    assert rows(journal, "SELECT through FROM streak_checkpoint") == [("2026-09-13",)]
    reach = summary_command.CHECKPOINT_REACH
    monkeypatch.setattr(summary_command, "CHECKPOINT_REACH", -1)  # none serves: every day
    walked_from_the_first_day = shown()
    assert made == used == walked_from_the_first_day
    assert json.loads(made[0])["items"][0]["best_streak"] > 7  # long streaks were walked

    # An answer changed before the checkpoint's day removes it; the next week makes it again.
    monkeypatch.setattr(summary_command, "CHECKPOINT_REACH", reach)
    (status,) = rows(journal, "SELECT status FROM marks WHERE day = '2026-06-03' AND "
                     "item = 'no-begging'")[0]
    other = "missed" if status == "kept" else "kept"
    assert run("check", f"no-begging={other}", "--date", "2026-06-03").exit_code == 0
    assert rows(journal, "SELECT count(*) FROM streak_checkpoint") == [(0,)]
    again = shown()
    assert rows(journal, "SELECT count(*) FROM streak_checkpoint") == [(1,)]
    monkeypatch.setattr(summary_command, "CHECKPOINT_REACH", -1)
    assert again == shown()


def test_a_checkpoint_is_not_kept_when_another_command_saved_while_it_was_made(
        run, journal, monkeypatch):
    # The triggers that remove a stale checkpoint cannot see one not saved yet: one made from
    # answers another command changed meanwhile must not be kept.
    import sqlite3

    from reconcile_cli import progress
    from reconcile_cli.cli import summary as summary_command
    from tests.conftest import rows

    for day in ("2026-07-01", "2026-07-02", "2026-07-03"):
        assert run("check", "no-begging=kept", "--date", day).exit_code == 0
    walk_state = progress.walk_state

    def meanwhile(history, through):  # another command saves while week walks
        other = sqlite3.connect(journal)
        other.execute("UPDATE marks SET status = 'missed' WHERE day = '2026-07-02'")
        other.commit()
        other.close()
        monkeypatch.setattr(progress, "walk_state", walk_state)
        return walk_state(history, through)

    monkeypatch.setattr(progress, "walk_state", meanwhile)
    raced = run("week", "--json")
    assert raced.exit_code == 0
    assert rows(journal, "SELECT count(*) FROM streak_checkpoint") == [(0,)]
    kept = run("week", "--json").stdout  # made again, from what is there now
    assert rows(journal, "SELECT count(*) FROM streak_checkpoint") == [(1,)]
    monkeypatch.setattr(summary_command, "CHECKPOINT_REACH", -1)
    assert kept == run("week", "--json").stdout
