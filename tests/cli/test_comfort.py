"""A page for a bad night (issue 13): stars, and `comfort` made of the user's own good things.
"Today" is Sunday 22 November 2026."""

from __future__ import annotations

import json

from tests.conftest import rows


def write(run, *args: str) -> str:
    result = run("write", *args)
    assert result.exit_code == 0, result.output
    return result.stdout.split()[2]


def test_starring_is_kept_listed_undone_and_travels(run, journal, tmp_path):
    starred = write(run, "I am learning to be steady.")
    write(run, "An ordinary day.")
    assert run("star", starred).stdout == (
        f"Entry {starred} is starred. `reconcile comfort` and `log --starred` bring it back on "
        "a hard night.\n")
    assert rows(journal, "SELECT body, starred FROM entries ORDER BY seq") == [
        ("I am learning to be steady.", 1), ("An ordinary day.", 0)]
    listed = json.loads(run("log", "--json").stdout)[0]["entries"]
    assert [(e["body"], e["starred"]) for e in listed] == [
        ("An ordinary day.", False), ("I am learning to be steady.", True)]
    only = json.loads(run("log", "--starred", "--json").stdout)[0]["entries"]
    assert [e["body"] for e in only] == ["I am learning to be steady."]
    exported = tmp_path / "out.jsonl"
    assert run("export", "-o", str(exported)).exit_code == 0
    assert sorted((record["body"], record["starred"]) for record in map(
        json.loads, exported.read_text().splitlines()) if record.get("type") == "entry") == [
        ("An ordinary day.", False), ("I am learning to be steady.", True)]
    assert run("undo").stdout == f"Undone: starred entry {starred}.\n"
    assert rows(journal, "SELECT sum(starred) FROM entries") == [(0,)]
    # the undo is a later change than the export: importing it does not star the entry again
    assert run("import", str(exported)).exit_code == 0
    assert rows(journal, "SELECT sum(starred) FROM entries") == [(0,)]
    assert run("unstar", starred).stdout == f"Entry {starred} is unstarred.\n"


def test_jrnl_stars_are_kept_on_import(run, journal, tmp_path):
    source = tmp_path / "jrnl.json"
    source.write_text(json.dumps({"entries": [
        {"date": "2026-11-20", "time": "21:00", "title": "Starred night.", "body": "",
         "starred": True},
        {"date": "2026-11-21", "time": "21:00", "title": "Plain night.", "body": "",
         "starred": False}]}))
    assert run("import", str(source), "--format", "jrnl").exit_code == 0
    assert rows(journal, "SELECT body, starred FROM entries ORDER BY day") == [
        ("Starred night.", 1), ("Plain night.", 0)]


def test_comfort_gathers_the_users_own_good_things_with_variety(run, journal):
    for n, line in enumerate(["my sister's call", "the sea", "a warm meal", "Sam laughing",
                              "a quiet morning"], start=1):
        assert run("write", "--kind", "gratitude", line, "--date", f"2026-11-0{n}").exit_code == 0
    steady = write(run, "I can be steady, whatever happens.", "--date", "2026-11-10")
    assert run("star", steady).exit_code == 0
    assert run("write", "--prompt", "who-i-want-to-be", "Kind, honest and steady.",
               "--date", "2026-11-11").exit_code == 0
    for day in range(1, 23):
        assert run("check", "no-begging=y", "no-blame=y", "--date",
                   f"2026-11-{day:02d}").exit_code == 0
    tonight = json.loads(run("comfort", "--json").stdout)
    assert len(tonight["gratitude"]) == 3
    assert tonight["starred"] == [{"id": tonight["starred"][0]["id"], "day": "2026-11-10",
                                   "body": "I can be steady, whatever happens."}]
    assert tonight["who_i_want_to_be"] == {"day": "2026-11-11",
                                           "body": "Kind, honest and steady."}
    assert tonight["restraint_days_kept"] == 22
    assert [(m["day"], m["item"], m["days"]) for m in tonight["milestones"]] == [
        ("2026-11-07", "no-begging", 7), ("2026-11-07", "no-blame", 7),
        ("2026-11-08", None, 7),  # the first Monday-to-Sunday week with a check-in every day
        ("2026-11-14", "no-begging", 14), ("2026-11-14", "no-blame", 14)]
    tomorrow = json.loads(run("comfort", "--json", env={"RECONCILE_TODAY": "2026-11-23"}).stdout)
    assert tonight["gratitude"] != tomorrow["gratitude"]  # never the same three lines
    out = run("comfort", env={"COLUMNS": "100"}).stdout
    assert out.startswith("For tonight\n")
    assert "  Kind, honest and steady." in out
    assert ("  Did not beg, plead or act out of desperation: 14 days in a row  (Saturday 14 "
            "November 2026)") in out
    assert "22 days you held back from everything you set out to hold back from." in out


def test_a_low_mood_brings_one_quiet_line_about_comfort_once_a_day(run, journal):
    assert run("mood", "5").stderr == ""
    low = run("mood", "3")
    assert low.stderr == ("If tonight is hard, `reconcile comfort` gathers a few good things "
                          "from your own pages.\n")
    assert run("mood", "2").stderr == ""  # once that day
    # a low mood given for an earlier day has its own words, without "tonight"
    assert run("mood", "2", "--date", "2026-11-21").stderr == (
        "Looking back on Saturday 21 November 2026 can be hard too; `reconcile comfort` gathers "
        "a few good things from your own pages.\n")
    assert "comfort" in run("mood", "2", env={"RECONCILE_TODAY": "2026-11-23"}).stderr
