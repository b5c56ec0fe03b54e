"""A week lived in it (issue 21): the check-in agrees with itself. "Today" is Sunday 22 November
2026."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pexpect

from tests.conftest import WAIT, rows


def said(text: str) -> str:
    """A pattern for ``text`` as a terminal shows it: wrapped between words anywhere."""
    return r"\s+".join(re.escape(word) for word in text.split())


def marks_of(db: Path, day: str = "2026-11-22") -> list[tuple]:
    return rows(db, "SELECT item, status FROM marks WHERE day = ? ORDER BY item", (day,))


# --- 3.1 items ticked by the act itself ---------------------------------------------------------


def test_writing_gratitude_or_answering_the_question_ticks_its_item(run, journal):
    assert run("write", "--kind", "gratitude", "My sister called to check on me").exit_code == 0
    assert marks_of(journal) == [("gratitude", "kept")]
    assert run("write", "--prompt", "why-this-marriage", "Because of who we were.").exit_code == 0
    assert marks_of(journal) == [("gratitude", "kept"), ("reflection", "kept")]
    day = json.loads(run("today", "--json").stdout)
    assert {m["item"]: m["status"] for m in day["marks"]}["gratitude"] == "kept"
    week = json.loads(run("week", "--json").stdout)
    assert {i["slug"]: i["kept"] for i in week["items"]}["gratitude"] == 1
    # undo takes the tick back with the entry that made it
    assert run("undo").stdout == ("Undone: wrote a reflection entry for Sunday 22 November "
                                  "2026.\n")
    assert marks_of(journal) == [("gratitude", "kept")]
    # a journal entry, or a mood alone, ticks neither
    assert run("write", "An ordinary evening.").exit_code == 0
    assert run("mood", "5").exit_code == 0
    assert marks_of(journal) == [("gratitude", "kept")]


def test_an_act_keeps_an_item_answered_missed_and_keeps_its_note(run, journal):
    assert run("check", "gratitude=n", "--note", "too tired").exit_code == 0
    assert run("write", "--kind", "gratitude", "Warm soup at lunch").exit_code == 0
    assert rows(journal, "SELECT status, note FROM marks") == [("kept", "too tired")]


def test_your_own_item_can_be_kept_by_an_act(run, journal):
    added = run("items", "add", "wrote-it-down", "Wrote my feelings down", "--kind", "action",
                "--kept-by", "entry")
    assert added.stdout == ("Added 'wrote-it-down' to your checklist. It is kept by writing an "
                            "entry, so the check-in does not ask it.\n")
    assert json.loads(run("items", "--json").stdout)[-1]["kept_by"] == "entry"
    listed = run("items", env={"COLUMNS": "120"}).stdout
    assert "Wrote my feelings down  (kept by writing an entry)" in listed
    assert "Wrote down something I am grateful for  (kept by writing your gratitude lines)" \
        in listed
    assert run("write", "Long day. I did not call.").exit_code == 0
    assert marks_of(journal) == [("wrote-it-down", "kept")]
    refused = run("items", "add", "calm", "Calm", "--kind", "restraint", "--kept-by", "entry")
    assert (refused.exit_code, refused.stderr) == (1, (
        "--kept-by is for an action item, and is one of gratitude, reflection or entry.\n"))
    exported = run("export").stdout
    assert '"slug": "wrote-it-down", "label": "Wrote my feelings down", "kind": "action", ' \
        '"position": 13, ' in exported and '"kept_by": "entry", "stamp": ' in exported


def test_check_on_its_own_asks_every_item_the_acts_would_tick(run, journal):
    result = run("check", input="\n" * 12)
    assert " 1/12  Did not beg" in result.stdout
    assert "12/12  Looked honestly at my own part [y/n/s]" in result.stdout


def test_a_journal_from_before_keeps_its_default_items_ticked_by_their_acts(run, db_path):
    from sqlite_utils import Database

    from reconcile_cli.journal.migrations import migrations

    old = Database(db_path)
    migrations.apply(old, stop_before="m013_kept_by_edits_and_own_prompts")
    for slug, kind in (("gratitude", "action"), ("reflection", "action"), ("no-blame",
                                                                           "restraint")):
        old.execute("INSERT INTO items (slug, label, kind, position, created_at) VALUES "
                    "(?, 'x', ?, 1, 'x')", [slug, kind])
    old.execute("INSERT INTO marks (day, item, status, note, updated_at) VALUES "
                "('2026-11-20', 'no-blame', 'missed', 'snapped at midnight', 'x')")
    old.conn.commit()
    old.close()
    assert run("today").exit_code == 0
    assert rows(db_path, "SELECT slug, kept_by FROM items ORDER BY slug") == [
        ("gratitude", "gratitude"), ("no-blame", None), ("reflection", "reflection")]
    # and the slip note written before is found
    assert "snapped at midnight" in run("search", "midnight").stdout


def test_the_checkin_does_not_ask_what_its_questions_will_tick(db_path, tmp_path):
    env = {**os.environ, "RECONCILE_TODAY": "2026-11-22", "COLUMNS": "100", "TERM": "dumb",
           "NO_COLOR": "1", "XDG_STATE_HOME": str(tmp_path / "state")}
    child = pexpect.spawn(sys.executable, ["-m", "reconcile_cli", "--db", str(db_path),
                                           "checkin"], env=env, encoding="utf-8", timeout=WAIT,
                          dimensions=(40, 100))
    child.expect("  Name: ")
    child.sendline("")
    child.expect("How are you feeling tonight")
    child.sendline("6")
    child.expect(said("Your checklist: y = kept, n = missed, s = skipped, Enter passes."))
    child.expect(said("\u201cWrote down something I am grateful for\u201d and \u201cLooked "
                      "honestly at my own part\u201d are ticked by your answers to the "
                      "questions after it."))
    for number in range(1, 11):
        child.expect(rf"{number:>2}/10  ")
        child.sendline("y")
    child.expect("grateful for today")
    child.sendline("Warm soup at lunch")
    child.sendline("")
    child.expect("A question to sit with today")
    child.expect("  > ")
    child.sendline("I did not listen when she was tired.")
    child.sendline("")
    child.expect("Anything else on your heart today")
    child.expect("  > ")
    child.sendline("")
    child.expect("Checklist  12 kept, 0 missed, 0 skipped")
    child.expect(pexpect.EOF)
    assert "grateful for [y/n/s]" not in child.before
    assert rows(db_path, "SELECT status FROM marks WHERE item IN ('gratitude', 'reflection')"
                ) == [("kept",), ("kept",)]


# --- 3.2 the day's question, once answered -----------------------------------------------------


def test_prompt_says_it_was_answered_with_the_entrys_id(run, journal):
    before = run("prompt", env={"COLUMNS": "100"}).stdout
    assert "To answer: reconcile write --prompt why-this-marriage" in before
    written = run("write", "--prompt", "why-this-marriage", "Because we were good together.")
    short = written.stdout.split()[2]
    after = run("prompt", env={"COLUMNS": "100"}).stdout
    assert "To answer" not in after
    assert f"You answered it today (entry {short}; reconcile show {short} rereads it)." in after
    earlier = run("prompt", "--date", "2026-11-21", env={"COLUMNS": "100"}).stdout
    assert "To answer: reconcile write --prompt" in earlier


# --- 3.3 a star is no edit ---------------------------------------------------------------------


def test_starring_is_not_editing(run, journal, fake_editor):
    def at(time: str) -> dict:
        return {"RECONCILE_NOW": f"2026-11-22T{time}:00+00:00"}

    short = run("write", "I can be steady.", env=at("21:00")).stdout.split()[2]
    assert run("star", short, env=at("21:10")).exit_code == 0
    shown = run("show", short).stdout
    assert "edited" not in shown
    assert run("delete", short, "--yes", env=at("21:20")).exit_code == 0
    assert run("restore", short, env=at("21:30")).exit_code == 0
    assert "edited" not in run("show", short).stdout  # nor is a stay in the trash
    edited = run("edit", short, env={**fake_editor(b"I can be steady, mostly."),
                                      "RECONCILE_NOW": "2026-11-22T21:40:00+00:00"})
    assert edited.exit_code == 0
    assert run("show", short).stdout.endswith("  \u00b7  edited 2026-11-22 21:40\n")


# --- 3.4 your own reflection questions ---------------------------------------------------------


def test_your_own_questions_join_the_rotation_travel_and_can_be_undone(run, journal, tmp_path):
    added = run("prompt", "add", "What", "would", "I", "tell", "a", "friend", "in", "my", "place?")
    assert added.stdout == ("Your question is in the rotation, as 'what-would-i-tell-a-friend'. "
                            "It comes up on a day of its own, as the others do.\n")
    listed = run("prompt", "--list", env={"COLUMNS": "120"}).stdout
    assert re.search(r"what-would-i-tell-a-friend +yours +What would I tell a friend in my "
                     r"place\?", listed)
    # in the rotation like the built-in ones: after the 25 of them, yours, then round again
    days = [f"2026-10-{day:02d}" for day in range(1, 28)]
    offered = [run("prompt", "--date", day, env={"COLUMNS": "120"}).stdout for day in days]
    assert "Why do I want this marriage back?" in offered[0]
    assert not any("tell a friend" in text for text in offered[:25])
    assert "What would I tell a friend in my place?" in offered[25]
    assert "Why do I want this marriage back?" in offered[26]
    assert run("write", "--prompt", "what-would-i-tell-a-friend", "--date", "2026-11-02",
               "Be gentle with yourself.").exit_code == 0
    assert "What would I tell a friend in my place?" in run(
        "today", "--date", "2026-11-02", env={"COLUMNS": "120"}).stdout
    exported = tmp_path / "out.jsonl"
    assert run("export", "-o", str(exported)).exit_code == 0
    line = next(json.loads(text) for text in exported.read_text().splitlines()
                if '"type": "prompt"' in text)
    assert line == {"type": "prompt", "slug": "what-would-i-tell-a-friend",
                    "text": "What would I tell a friend in my place?",
                    "created_at": line["created_at"], "removed_at": None,
                    "stamp": line["stamp"], "vv": line["vv"]}
    removed = run("prompt", "remove", "what-would-i-tell-a-friend")
    assert removed.stdout == ("'what-would-i-tell-a-friend' is out of the rotation; what you "
                              "wrote in answer to it keeps its question.\n")
    assert "what-would-i-tell-a-friend" not in run("prompt", "--list").stdout
    assert "What would I tell a friend in my place?" in run(
        "today", "--date", "2026-11-02", env={"COLUMNS": "120"}).stdout
    assert run("undo").stdout == "Undone: removed the question what-would-i-tell-a-friend.\n"
    assert "what-would-i-tell-a-friend" in run("prompt", "--list").stdout
    built_in = run("prompt", "remove", "why-this-marriage")
    assert (built_in.exit_code, built_in.stderr) == (1, (
        "'why-this-marriage' is one of the built-in questions; only your own can be removed.\n"))
    # into a journal of its own: the question comes with the answer
    other = tmp_path / "other.db"
    assert run("--db", str(other), "import", str(exported)).exit_code == 0
    assert "What would I tell a friend in my place?" in run(
        "--db", str(other), "today", "--date", "2026-11-02", env={"COLUMNS": "120"}).stdout
