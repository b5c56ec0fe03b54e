"""The drawer (issue 13): letters written instead of sent, sealed for a cooling-off, offered back
once, never judged. "Today" is Sunday 22 November 2026; the clock is injected (RECONCILE_NOW)."""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

import pexpect

from tests.conftest import WAIT, rows

EVENING = "2026-11-22T21:00:00+00:00"
NEXT_EVENING = "2026-11-23T21:30:00+00:00"
WORDS = "Please answer me. I just need to know if you still care."


def put_in(run, *args: str, now: str = EVENING) -> str:
    result = run("drawer", "write", *args, env={"RECONCILE_NOW": now})
    assert result.exit_code == 0, result.output
    return result.stdout.split()[1]


def test_a_letter_is_sealed_then_readable_after_its_cooling_off(run, journal):
    result = run("drawer", "write", "--to", "Alex", WORDS, env={"RECONCILE_NOW": EVENING})
    assert result.exit_code == 0
    letter = result.stdout.split()[1]
    assert result.stdout.replace("\n", " ") == (  # wrapped between words at any width
        f"Letter {letter} is in the drawer, sealed. You can reread it from Monday 23 November "
        "2026 at 21:00. Writing it instead of sending it was a kind thing to do. ")
    stored = rows(journal, "SELECT day, recipient, body, sealed_until, status FROM letters")
    assert stored == [("2026-11-22", "Alex", WORDS, "2026-11-23T21:00:00+00:00", "waiting")]
    listed = run("drawer", env={"RECONCILE_NOW": EVENING, "COLUMNS": "100"}).stdout
    assert "sealed until Mon 23 Nov, 21:00" in listed and WORDS not in listed
    narrow = run("drawer", env={"RECONCILE_NOW": EVENING, "COLUMNS": "60"}).stdout
    assert "sealed until Monday 23 November 2026 at 21:00" in narrow
    sealed = json.loads(run("drawer", "--json", env={"RECONCILE_NOW": EVENING}).stdout)
    assert sealed[0]["sealed"] is True and "body" not in sealed[0]
    assert {k: sealed[0][k] for k in ("day", "to", "status")} == {
        "day": "2026-11-22", "to": "Alex", "status": "waiting"}
    refused = run("drawer", "read", letter, env={"RECONCILE_NOW": EVENING})
    assert refused.exit_code == 1 and refused.stderr == (
        "This letter is still sealed; you can reread it from Monday 23 November 2026 at "
        "21:00.\n")
    early = run("drawer", "read", letter, "--now", input="y\n", env={"RECONCILE_NOW": EVENING})
    assert early.exit_code == 0 and WORDS in early.stdout
    later = json.loads(run("drawer", "--json", env={"RECONCILE_NOW": NEXT_EVENING}).stdout)
    assert later[0]["sealed"] is False and later[0]["body"] == WORDS
    assert WORDS in run("drawer", "read", letter, env={"RECONCILE_NOW": NEXT_EVENING}).stdout


def test_a_cooling_off_of_zero_hours_opens_at_once(run, journal):
    assert run("config", "drawer_cooling_hours", "0").exit_code == 0
    result = run("drawer", "write", WORDS, env={"RECONCILE_NOW": EVENING})
    assert "and you can reread it whenever you like" in result.stdout.replace("\n", " ")
    bad = run("config", "drawer_cooling_hours", "1000")
    assert bad.exit_code == 1
    assert bad.stderr == "drawer_cooling_hours is a number of hours from 0 to 720.\n"


def test_letters_count_as_restraint_and_stay_out_of_search_and_reports(run, journal):
    for day in range(16, 23):
        assert run("check", "no-begging=y", "--date", f"2026-11-{day}").exit_code == 0
    streak = json.loads(run("week", "--json").stdout)["items"][0]["current_streak"]
    put_in(run, "Why won't you talk to me about the house")
    put_in(run, "I'm sorry, I'm sorry, come home")
    week = json.loads(run("week", "--json").stdout)
    assert week["letters_written"] == 2
    assert week["items"][0]["current_streak"] == streak == 7  # writing one breaks nothing
    assert "Drawer   2 urges written down instead of sent." in run(
        "week", env={"COLUMNS": "100"}).stdout
    assert "Nothing found" in run("search", "house").stdout  # plain search: never letters
    assert "house" in run("search", "--drawer", "house",
                          env={"RECONCILE_NOW": NEXT_EVENING}).stdout
    assert "No letter in the drawer holds" in run("search", "--drawer", "house",
                                                  env={"RECONCILE_NOW": EVENING}).stdout
    plain = run("report", env={"RECONCILE_NOW": NEXT_EVENING}).stdout
    assert "house" not in plain and "- **Drawer:** 2 urges written down instead of sent." in plain
    full = run("report", "--with-entries", env={"RECONCILE_NOW": NEXT_EVENING}).stdout
    assert "## Letters in the drawer" in full and "Why won't you talk to me about the house" in full


def test_letters_travel_in_exports_and_undo_like_entries(run, journal, tmp_path):
    letter = put_in(run, "--to", "Alex", WORDS)
    exported = tmp_path / "out.jsonl"
    assert run("export", "-o", str(exported)).exit_code == 0
    records = [json.loads(line) for line in exported.read_text().splitlines()]
    letters = [r for r in records if r.get("type") == "letter"]
    assert len(letters) == 1 and letters[0]["body"] == WORDS and letters[0]["to"] == "Alex"
    assert letters[0]["sealed_until"] == "2026-11-23T21:00:00+00:00"
    assert run("undo").stdout == "Undone: put a letter in the drawer.\n"
    assert rows(journal, "SELECT count(*) FROM letters") == [(0,)]
    # the undo came after the export: an older copy of the letter does not come back
    imported = run("import", str(exported))
    assert imported.exit_code == 0 and ("letters in the drawer: 0 added, 0 updated, 0 "
                                        "unchanged, 1 skipped (let go or removed here later)"
                                        in imported.stdout)
    assert rows(journal, "SELECT count(*) FROM letters") == [(0,)]
    fresh = tmp_path / "fresh.db"  # in another journal it arrives whole
    assert run("--db", str(fresh), "import", str(exported)).exit_code == 0
    assert rows(fresh, "SELECT substr(id, 1, 8), body FROM letters") == [(letter, WORDS)]


def spawn(db: Path, tmp_path: Path, *args: str, now: str = NEXT_EVENING) -> pexpect.spawn:
    env = {**os.environ, "RECONCILE_DB": str(db), "RECONCILE_TODAY": "2026-11-23",
           "RECONCILE_NOW": now, "COLUMNS": "100", "XDG_STATE_HOME": str(tmp_path / "state"),
           "XDG_DATA_HOME": str(tmp_path / "data")}
    return pexpect.spawn(sys.executable, ["-m", "reconcile_cli", *args], env=env, timeout=WAIT,
                         encoding="utf-8", dimensions=(40, 100))


def test_after_its_cooling_off_a_letter_is_offered_back_once_and_the_answer_kept(
        run, journal, db_path, tmp_path):
    sent = put_in(run, "I miss you, can we talk tonight?")
    let_go = put_in(run, "You never listened, not once")
    child = spawn(db_path, tmp_path, "drawer")
    child.expect("has finished its cooling-off")
    child.expect(r"sent it \(s\)")
    child.sendline("s")
    child.expect("Noted.")
    child.expect(r"sent it \(s\)")
    child.sendline("l")
    child.expect("It is gone, for good.")
    child.expect(pexpect.EOF)
    assert rows(db_path, "SELECT substr(id, 1, 8), status, answer FROM letters") == [
        (sent, "sent", "sent")]
    assert rows(db_path, "SELECT count(*) FROM graves WHERE tbl = 'letters'") == [(1,)]
    assert b"You never listened" not in db_path.read_bytes()  # let go: nothing of it kept
    again = spawn(db_path, tmp_path, "drawer")
    again.expect(pexpect.EOF)
    assert "has finished its cooling-off" not in again.before  # offered once
    assert let_go  # it came back from an old export? the tombstone says no:
    exported = [{"format": "reconcile", "version": 1, "exported_at": EVENING},
                {"type": "letter", "id": rows(db_path, "SELECT json_extract(key, '$.id') FROM "
                                              "graves WHERE tbl = 'letters'")[0][0],
                 "day": "2026-11-22", "created_at": EVENING, "updated_at": EVENING, "to": None,
                 "body": "You never listened, not once", "sealed_until": NEXT_EVENING,
                 "status": "waiting", "answer": None, "offered_at": None, "answered_at": None}]
    old = tmp_path / "old.jsonl"
    old.write_text("\n".join(json.dumps(record) for record in exported) + "\n")
    assert "1 skipped (let go or removed here later)" in run("import", str(old)).stdout
    assert rows(db_path, "SELECT count(*) FROM letters") == [(1,)]


def test_the_checkin_offers_a_letter_and_rewriting_seals_it_again(run, journal, db_path,
                                                                  tmp_path):
    put_in(run, "WHY won't you answer me")
    child = spawn(db_path, tmp_path, "checkin", "--no-backfill")
    child.expect(r"sent it \(s\)")
    child.sendline("r")
    child.expect("Write it again, calmer.")
    child.expect("  > ")
    child.sendline("I hope you are well. I am here when you are ready.")
    child.expect("  > ")
    child.sendline("")
    child.expect("Rewritten, and sealed again for a while")
    child.expect("Enter skips")
    child.sendintr()
    child.expect(pexpect.EOF)
    # the first letter stays, kept, with its answer; the calmer one is sealed again
    assert rows(db_path, "SELECT body, status, answer, sealed_until FROM letters "
                         "ORDER BY rowid") == [
        ("WHY won't you answer me", "kept", "rewrite", "2026-11-23T21:00:00+00:00"),
        ("I hope you are well. I am here when you are ready.", "waiting", None,
         "2026-11-24T21:30:00+00:00")]


def test_kill_9_while_writing_a_letter_loses_nothing_typed(run, journal, db_path, tmp_path):
    child = spawn(db_path, tmp_path, "drawer", "write")
    child.expect("  > ")
    child.sendline("Words I must not lose")
    child.expect("  > ")
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    drafts = list((db_path.parent / "drafts").rglob("*.letter-drawer.txt"))
    assert len(drafts) == 1 and drafts[0].read_text() == "Words I must not lose"
    later = spawn(db_path, tmp_path, "write", "something else")
    later.expect("A letter for the drawer, from Monday 23 November 2026, was never saved")
    later.expect(r"\(d\)\?")
    later.sendline("s")
    later.expect("is in the drawer, sealed.")  # the recovered draft: saved as a letter
    later.expect(pexpect.EOF)
    assert rows(db_path, "SELECT body FROM letters") == [("Words I must not lose",)]


def test_what_the_review_found_stays_fixed(run, journal, db_path, tmp_path):
    # a letter let go on another computer is let go here when its tombstone arrives
    letter = put_in(run, "Words to let go of")
    full_id = rows(db_path, "SELECT id FROM letters")[0][0]
    tomb = tmp_path / "tomb.jsonl"
    tomb.write_text(json.dumps({"format": "reconcile", "version": 1, "exported_at": EVENING})
                    + "\n" + json.dumps({"type": "tombstone", "id": full_id,
                                         "deleted_at": NEXT_EVENING}) + "\n")
    assert run("import", str(tomb)).exit_code == 0
    assert rows(db_path, "SELECT count(*) FROM letters") == [(0,)]
    assert b"Words to let go of" not in db_path.read_bytes()
    nothing = run("undo")  # nothing claims to undo the letter that is gone
    assert "put a letter in the drawer" not in nothing.stdout, letter
    # "I sent it" letters are not urges written down instead of sent
    put_in(run, "One")
    put_in(run, "Two")
    sent = rows(db_path, "SELECT id FROM letters ORDER BY rowid")[0][0]
    with_sent = sqlite3_update(db_path, "UPDATE letters SET status = 'sent' WHERE id = ?", sent)
    assert with_sent == 1
    assert json.loads(run("week", "--json").stdout)["letters_written"] == 1
    # a name too long for --to is refused, not cut
    long_name = run("drawer", "write", "--to", "x" * 121, "words")
    assert long_name.exit_code == 2
    assert long_name.stderr == "--to holds up to 120 characters; a name or two will do.\n"


def sqlite3_update(db: Path, sql: str, *params: str) -> int:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        changed = conn.execute(sql, params).rowcount
        conn.commit()
        return changed
    finally:
        conn.close()


def test_a_letter_whose_offer_was_interrupted_is_offered_again(run, journal, db_path,
                                                               tmp_path):
    put_in(run, "Come back, please")
    child = spawn(db_path, tmp_path, "drawer")
    child.expect(r"sent it \(s\)")
    child.sendintr()
    child.expect(pexpect.EOF)
    again = spawn(db_path, tmp_path, "drawer")
    again.expect("has finished its cooling-off")
    again.expect(r"sent it \(s\)")
    again.sendline("k")
    again.expect("It stays in the drawer.")
    again.expect(pexpect.EOF)
    assert rows(db_path, "SELECT status, answer FROM letters") == [("kept", "keep")]


def test_the_gentle_net_reads_letters_slip_notes_and_moods_set_by_edit(run, journal):
    letter = run("drawer", "write", "I want to die without you", env={"RECONCILE_NOW": EVENING})
    assert "What you are feeling matters" in letter.stderr
    note = run("check", "no-begging=n", "--note", "I can't go on like this",
               env={"RECONCILE_TODAY": "2026-11-21"})
    assert "What you are feeling matters" in note.stderr
    entry = run("write", "an ordinary evening", env={"RECONCILE_TODAY": "2026-11-20"})
    short = entry.stdout.split()[2]
    edited = run("edit", short, "--mood", "1", env={"RECONCILE_TODAY": "2026-11-20"})
    assert "What you are feeling matters" in edited.stderr
