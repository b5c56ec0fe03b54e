"""log, show, search and lookback: reading back what was written."""

import json
import sqlite3

from tests.conftest import WAIT, rows


def write(run, *args):
    result = run("write", *args)
    assert result.exit_code == 0, result.output
    return result.stdout.split()[2]  # "Saved entry <id> for ..."


def test_log_groups_days_newest_first_with_mood_and_marks(run, journal):
    write(run, "Quiet morning.", "--mood", "4", "--date", "2026-11-20")
    write(run, "Called my sister.", "--mood", "8", "--date", "2026-11-20")
    write(run, "Gratitude: the dog.", "--kind", "gratitude", "--date", "2026-11-21")
    run("check", "no-begging=kept", "no-blame=missed", "--date", "2026-11-20")
    out = run("log").stdout
    assert out.index("Saturday 21 November 2026") < out.index("Friday 20 November 2026")
    assert "Friday 20 November 2026  ·  mood 6  ·  ✓····✗······" in out
    assert out.index("Called my sister.") < out.index("Quiet morning.")  # newest first
    data = json.loads(run("log", "--json").stdout)
    assert [(d["date"], d["mood"], [e["body"] for e in d["entries"]]) for d in data] == [
        ("2026-11-21", None, ["Gratitude: the dog."]),
        ("2026-11-20", 6, ["Called my sister.", "Quiet morning."]),
    ]


def test_log_json_is_streamed_as_the_one_document_it_always_was(run, journal):
    assert run("log", "--json").stdout == "[]\n"
    write(run, "First, with a \u2028 separator and \"quotes\".", "--date", "2026-11-20")
    write(run, "Second.\nTwo lines.", "--mood", "7", "--date", "2026-11-21")
    write(run, "Third, same day.", "--date", "2026-11-21")
    out = run("log", "--json").stdout
    data = json.loads(out)
    assert [[e["body"] for e in day["entries"]] for day in data] == [
        ["Third, same day.", "Second.\nTwo lines."], ["First, with a \u2028 separator and "
                                                      "\"quotes\"."]]
    # element by element, yet byte for byte what one json.dumps of the whole list prints
    assert out == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_log_of_a_long_journal_stops_when_the_pager_is_quit(run, journal, tmp_path):
    import os
    import sys

    import pexpect

    for n in range(1, 29):
        write(run, f"Entry of day {n}.", "--date", f"2026-11-{n:02d}" if n < 23 else
              f"2026-10-{n:02d}")
    # A pager that reads three lines and quits; log must end quietly, not hang or complain.
    env = {**os.environ, "PAGER": "head -n 3", "TERM": "xterm", "NO_COLOR": "1"}
    child = pexpect.spawn(sys.executable, ["-m", "reconcile_cli", "log", "--since",
                                           "2026-10-01"], env=env, encoding="utf-8",
                          timeout=WAIT, dimensions=(8, 80))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    lines = [line for line in child.before.splitlines() if line.strip()]
    assert lines[0] == "Sunday 22 November 2026"
    assert len(lines) == 3 and "Traceback" not in child.before


def test_log_filters(run, journal):
    for n, mood in enumerate([2, 5, 9], start=1):
        write(run, f"entry {n}", "--mood", str(mood), "--date", f"2026-11-1{n}")
    write(run, "thanks", "--kind", "gratitude", "--date", "2026-11-14")

    def bodies(*args):
        return [e["body"] for day in json.loads(run("log", "--json", *args).stdout)
                for e in day["entries"]]

    assert bodies("-n", "2") == ["thanks", "entry 3"]
    assert bodies("--kind", "gratitude") == ["thanks"]
    assert bodies("--mood-below", "5") == ["entry 1"]
    assert bodies("--mood-above", "4") == ["entry 3", "entry 2"]
    assert bodies("--since", "2026-11-12", "--until", "2026-11-13") == ["entry 3", "entry 2"]
    assert run("log", "--since", "2026-11-30").exit_code == 2  # in the future


def test_show_takes_a_unique_prefix_of_four_or_more(run, journal):
    conn = sqlite3.connect(journal)
    for entry_id, body in (("abcd1111-0000-4000-8000-000000000000", "first"),
                           ("abcd2222-0000-4000-8000-000000000000", "second")):
        conn.execute("INSERT INTO entries (id, day, created_at, updated_at, body) VALUES "
                     "(?, '2026-11-20', '2026-11-20T21:00:00+00:00', "
                     "'2026-11-20T21:00:00+00:00', ?)", (entry_id, body))
    conn.commit()
    conn.close()
    shown = run("show", "abcd1")
    assert shown.exit_code == 0, shown.output
    assert "first" in shown.stdout and "id abcd1111-0000-4000-8000-000000000000" in shown.stdout
    assert json.loads(run("show", "ABCD2222", "--json").stdout)["body"] == "second"
    for prefix, message in [
        ("abcd", "More than one entry starts with 'abcd'; give more of it.\n"),
        ("ffff", "There is no entry ffff in your journal.\n"),
        ("abc", "'abc' is too short to find an entry: give at least 4 of its characters, as "
                "`reconcile log` shows them.\n"),
        ("zzzz", "There is no entry 'zzzz': entry ids are made of the digits 0-9 and the "
                 "letters a-f, as `reconcile log` shows them.\n"),
    ]:
        result = run("show", prefix)
        assert result.exit_code == 1
        assert result.stderr == message


def test_search_stems_ignores_accents_and_quotes_punctuation(run, journal):
    write(run, "We walked by the river and had a café au lait.", "--date", "2026-11-10")
    write(run, "I ran 5k. It helped - a little.", "--date", "2026-11-12")
    write(run, "Nothing about that today.")

    def found(*args):
        result = run("search", *args, "--json")
        assert result.exit_code == 0, result.output
        return [hit["day"] for hit in json.loads(result.stdout)]

    assert found("walking") == ["2026-11-10"]          # porter stemming
    assert found("CAFE") == ["2026-11-10"]             # case and accents folded
    assert found("ran", "-", "5k.") == ["2026-11-12"]  # punctuation is quoted, not syntax
    assert found("helped", "--since", "2026-11-11") == ["2026-11-12"]
    assert found("helped", "--until", "2026-11-11") == []
    assert sorted(found("--raw", "river OR helped")) == ["2026-11-10", "2026-11-12"]
    bad = run("search", "--raw", "river AND")
    assert bad.exit_code == 1 and bad.stderr.startswith("That search is not valid FTS5 syntax")
    hit = json.loads(run("search", "river", "--json").stdout)[0]
    assert "river" in hit["snippet"] and "\ue000" not in hit["snippet"]
    out = run("search", "river").stdout
    assert "Tuesday 10 November 2026" in out and "river" in out
    assert "Nothing found for “nowhere”." in run("search", "nowhere").stdout


def test_search_ranks_the_newest_matches_and_a_range_reaches_older_ones(run, journal,
                                                                        monkeypatch, tmp_path):
    # A word in every entry of a long journal is ranked among its newest matches only (2,000;
    # 3 here), so search takes as long in any journal; --since/--until reach further back.
    from reconcile_cli.store import search

    monkeypatch.setattr(search, "CANDIDATES", 3)
    write(run, "river river river river, all about the river.", "--date", "2026-11-01")
    for day in ("10", "11", "12", "13"):
        write(run, f"A walk past the river on the {day}th.", "--date", f"2026-11-{day}")
    trashed = write(run, "The river again, then deleted.", "--date", "2026-11-14")
    assert run("delete", trashed, "--yes").exit_code == 0

    def found(*args):
        return [hit["day"] for hit in json.loads(run("search", "river", *args, "--json").stdout)]

    assert sorted(found()) == ["2026-11-11", "2026-11-12", "2026-11-13"]  # the trash skipped
    assert found("--until", "2026-11-10") == ["2026-11-01", "2026-11-10"]  # best first
    # older history imported afterwards is numbered after them, yet it is older
    lines = ['{"format": "reconcile", "version": 1, "exported_at": "2026-11-22T10:00:00Z"}']
    lines += [json.dumps({"type": "entry", "id": f"0000000{n}-0000-4000-8000-000000000000",
                          "day": f"2019-03-0{n}", "created_at": f"2019-03-0{n}T20:00:00Z",
                          "updated_at": f"2019-03-0{n}T20:00:00Z", "kind": "journal",
                          "body": "The river, the river, the river."}) for n in range(1, 6)]
    (tmp_path / "old.jsonl").write_text("\n".join(lines) + "\n")
    assert run("import", str(tmp_path / "old.jsonl")).exit_code == 0
    assert sorted(found()) == ["2026-11-11", "2026-11-12", "2026-11-13"]
    assert sorted(found("--until", "2019-12-31")) == ["2019-03-03", "2019-03-04", "2019-03-05"]
    assert sorted(found("--until", "2019-03-02")) == ["2019-03-01", "2019-03-02"]


def test_lookback_finds_the_nearest_day_and_compares_gently(run, journal):
    write(run, "A week ago I could not sleep.", "--mood", "3", "--date", "2026-11-14")
    write(run, "Six weeks ago.", "--date", "2026-10-10")
    write(run, "Three months back, roughly.", "--mood", "2", "--date", "2026-08-24")
    run("check", "no-begging=missed", "--date", "2026-11-14")
    write(run, "Better now.", "--mood", "7")
    run("check", "no-begging=kept")
    out = run("lookback").stdout
    assert "The week up to now: mood 7, kept 1 of 1 answer" in out        # the 16th to the 22nd
    assert "A week ago · Saturday 14 November 2026" in out       # 15th: 1 day off, nearest
    assert "A week ago I could not sleep." in out
    assert "Three months ago · Monday 24 August 2026" in out     # 22nd + 2 days
    assert "A month ago" not in out                              # 22 Oct: nothing within 3 days
    assert "A year ago" not in out
    assert "The week up to then: mood 3, kept 0 of 1 answer" in out


def test_log_and_search_leave_the_journal_as_it_was(run, journal):
    write(run, "hello")
    before = rows(journal, "SELECT * FROM entries")
    run("log")
    run("search", "hello")
    run("lookback")
    assert rows(journal, "SELECT * FROM entries") == before


def test_search_ranks_leaves_out_the_trash_and_fills_the_page_past_it(run, journal):
    best = write(run, "river river river, the river again", "--date", "2026-11-10")
    write(run, "a river once", "--date", "2026-11-11")
    write(run, "the river and the river", "--date", "2026-11-12")

    def days(*args):
        return [hit["day"] for hit in json.loads(run("search", "river", *args, "--json").stdout)]

    assert days() == ["2026-11-10", "2026-11-12", "2026-11-11"]  # most hits first
    assert run("delete", best, "--yes").exit_code == 0
    assert days("-n", "1") == ["2026-11-12"]  # the trashed best match does not use up the page
    assert days("--since", "2026-11-11", "--until", "2026-11-11") == ["2026-11-11"]
    assert run("restore", best).exit_code == 0
    assert days("-n", "2") == ["2026-11-10", "2026-11-12"]


def test_a_log_waiting_on_its_reader_never_keeps_others_from_saving(run, journal, tmp_path):
    # log streams: while its reader (a pager, a pipe) waits, no statement may stay open, or the
    # read lock it holds would make every other command fail to save after 5 s.
    import os
    import subprocess
    import sys
    import time

    body = "words " * 200
    for n in range(1, 29):
        for hour in range(6):
            write(run, f"{body}{n}-{hour}", "--date", f"2026-10-{n:02d}")
    env = {**os.environ, "RECONCILE_DB": str(journal)}
    reader = subprocess.Popen([sys.executable, "-m", "reconcile_cli", "log", "--since",
                               "2026-10-01", "--json"], stdout=subprocess.PIPE, env=env)
    try:
        time.sleep(1.5)  # its pipe is full (the JSON is over 200 KB): it waits on its reader
        assert reader.poll() is None
        started = time.monotonic()
        saved = subprocess.run([sys.executable, "-m", "reconcile_cli", "check",
                                "no-begging=kept"], capture_output=True, env=env)
        assert saved.returncode == 0, saved.stderr
        assert time.monotonic() - started < 4  # not after the 5 s wait for the lock
    finally:
        out, _ = reader.communicate(timeout=30)
    assert len(json.loads(out)) == 28 and rows(journal, "SELECT count(*) FROM marks") == [(1,)]
