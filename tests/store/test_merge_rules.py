"""The merge's rules, each as a person meets it across two computers (issue 22, section 0): every
one of these went wrong with the merge before stamps and graves."""

from __future__ import annotations

import datetime as dt
import json

from tests.store.replicas import Replica


def pair(tmp_path):
    laptop, desktop = Replica(tmp_path / "laptop", "laptop"), Replica(tmp_path / "desktop",
                                                                      "desktop")
    return laptop, desktop


def both_ways(one: Replica, other: Replica) -> None:
    one.take_in(other)
    other.take_in(one)


def entry_id(journal: Replica, body: str) -> str:
    return journal.rows("SELECT id FROM entries WHERE body = ?", (body,))[0][0]


def test_a_deletion_does_not_win_over_a_later_edit_and_the_edit_keeps_its_undo(tmp_path):
    laptop, desktop = pair(tmp_path)
    laptop.run("write", "A night I want to keep.")
    both_ways(laptop, desktop)
    shared = entry_id(laptop, "A night I want to keep.")
    laptop.run("delete", shared[:8], "--yes")
    laptop.run("trash", "--empty", "--yes")
    desktop.clock += dt.timedelta(hours=1)  # the edit is made after the deletion
    desktop.run("edit", shared[:8], NEW_TEXT="A night I want to keep, and what came after.")
    both_ways(laptop, desktop)
    for journal in (laptop, desktop):
        assert journal.rows("SELECT body, deleted_at FROM entries WHERE id = ?", (shared,)) == [
            ("A night I want to keep, and what came after.", None)]
    assert desktop.export() == laptop.export()
    undone = desktop.run("undo")  # the edit's undo history was not wiped
    assert undone.stdout == f"Undone: edited entry {shared.replace('-', '')[:8]}.\n"
    assert desktop.rows("SELECT body FROM entries WHERE id = ?", (shared,)) == [
        ("A night I want to keep.",)]


def test_a_deletion_made_after_an_edit_it_saw_wins_and_nothing_comes_back(tmp_path):
    laptop, desktop = pair(tmp_path)
    laptop.run("write", "Words to let go of.")
    both_ways(laptop, desktop)
    shared = entry_id(laptop, "Words to let go of.")
    laptop.run("delete", shared[:8], "--yes")
    laptop.run("trash", "--empty", "--yes")
    both_ways(laptop, desktop)
    for journal in (laptop, desktop):
        assert journal.rows("SELECT count(*) FROM entries") == [(0,)]
        assert b"Words to let go of" not in journal.db.read_bytes()
    assert desktop.export() == laptop.export()


def test_text_edited_on_both_is_kept_both_times_as_a_conflicting_copy(tmp_path):
    laptop, desktop = pair(tmp_path)
    laptop.run("write", "Sunday.")
    both_ways(laptop, desktop)
    shared = entry_id(laptop, "Sunday.")
    laptop.run("edit", shared[:8], NEW_TEXT="Sunday, written on the laptop.")
    desktop.clock += dt.timedelta(minutes=10)
    desktop.run("edit", shared[:8], NEW_TEXT="Sunday, written on the desktop.")
    both_ways(laptop, desktop)
    both_ways(laptop, desktop)
    for journal in (laptop, desktop):
        assert journal.rows("SELECT body, copy_of FROM entries ORDER BY copy_of IS NOT NULL") == [
            ("Sunday, written on the desktop.", None),  # the later edit wins...
            ("Sunday, written on the laptop.", shared)]  # ...and the other is kept beside it
    assert desktop.export() == laptop.export()
    log = laptop.run("log", "--json").stdout
    copy = [e for day in json.loads(log) for e in day["entries"] if e["copy_of"]]
    assert [e["body"] for e in copy] == ["Sunday, written on the laptop."]
    assert "a conflicting copy" in laptop.run("log").stdout


def test_notes_answered_apart_keep_both_words(tmp_path):
    laptop, desktop = pair(tmp_path)
    laptop.run("check", "no-begging=missed", "--note", "I texted at midnight.")
    desktop.run("check", "no-begging=missed", "--note", "I called her mother.")
    both_ways(laptop, desktop)
    both_ways(laptop, desktop)
    notes = laptop.rows("SELECT note FROM marks UNION ALL SELECT body FROM entries")
    assert sorted(notes) == [("I called her mother.",), ("I texted at midnight.",)]
    assert desktop.export() == laptop.export()


def test_two_computers_agree_on_the_current_vision(tmp_path):
    laptop, desktop = pair(tmp_path)
    laptop.run("vision", "A home that is calm.")
    desktop.clock += dt.timedelta(hours=2)
    desktop.run("vision", "A home that is calm, and kind.")
    both_ways(laptop, desktop)
    for journal in (laptop, desktop):
        current = json.loads(journal.run("vision", "--json").stdout)
        assert (current["version"], current["text"]) == (2, "A home that is calm, and kind.")
    assert desktop.export() == laptop.export()


def test_pauses_from_two_computers_are_joined_and_end_together(tmp_path):
    laptop, desktop = pair(tmp_path)
    laptop.run("pause", "--from", "2026-11-20", "--until", "2026-11-23", "the flu")
    desktop.run("pause", "--from", "2026-11-22", "--until", "2026-11-25", "a hospital stay")
    both_ways(laptop, desktop)
    listed = json.loads(laptop.run("pause", "--list", "--json").stdout)
    assert [(p["from"], p["until"], p["reason"]) for p in listed] == [
        ("2026-11-20", "2026-11-25", "the flu; a hospital stay")]  # every reason kept
    ended = laptop.run("pause", "--end")
    assert ended.stdout == "Welcome back. The pause has ended; today counts again.\n"
    week = json.loads(laptop.run("week", "--json").stdout)
    assert [d["paused"] for d in week["days"]][-1] is False  # today counts, as it says
    both_ways(laptop, desktop)
    assert json.loads(desktop.run("week", "--json").stdout)["days"] == week["days"]


def test_what_was_removed_or_dropped_stays_so_against_an_older_export(tmp_path):
    laptop, desktop = pair(tmp_path)
    laptop.run("pause", "--from", "2026-11-18", "--until", "2026-11-19", "a trip")
    laptop.run("goals", "add", "physical", "Walk every day")
    laptop.run("pause", "--from", "2026-11-20", "--until", "2026-11-21", "rest")
    both_ways(laptop, desktop)
    older = tmp_path / "older.jsonl"
    older.write_text(laptop.run("export", "-o", "-").stdout)
    pause = laptop.rows("SELECT id FROM pauses ORDER BY start")[0][0]
    goal = laptop.rows("SELECT id FROM goals")[0][0]
    laptop.run("unpause", pause[:8])
    laptop.run("goals", "drop", goal[:8])
    assert laptop.run("import", str(older)).exit_code == 0  # the older copy changes nothing
    desktop.take_in(laptop)
    laptop.take_in(desktop)  # nor does the computer that had not heard yet
    for journal in (laptop, desktop):
        assert journal.rows("SELECT count(*) FROM pauses") == [(0,)]  # joined: both went
        assert journal.rows("SELECT dropped_at IS NOT NULL FROM goals") == [(1,)]
    assert desktop.export() == laptop.export()


def test_a_clock_a_day_fast_does_not_win_every_change_for_a_day(tmp_path):
    laptop = Replica(tmp_path / "laptop", "laptop", skew=dt.timedelta(days=1))
    desktop = Replica(tmp_path / "desktop", "desktop")
    laptop.run("write", "Written on the laptop, whose clock is a day fast.")
    both_ways(laptop, desktop)
    shared = entry_id(laptop, "Written on the laptop, whose clock is a day fast.")
    desktop.run("edit", shared[:8], NEW_TEXT="Changed on the desktop, after it heard.")
    both_ways(laptop, desktop)
    for journal in (laptop, desktop):  # the change made after hearing wins, whatever clocks say
        assert journal.rows("SELECT body FROM entries") == [
            ("Changed on the desktop, after it heard.",)]


def test_every_record_kind_travels_whole_in_and_out():
    """A kind of record added to one list and not the others would leave the folder refused
    (a deletion of it, say) or never written: each list names every kind."""
    from reconcile_cli.formats.checks import CHECKS, KEY_CHECKS
    from reconcile_cli.journal.schema import SYNCED
    from reconcile_cli.store.merge import KINDS
    from reconcile_cli.store.transfer import SHAPES

    assert set(KINDS) == set(KEY_CHECKS) == set(SHAPES) == set(CHECKS) - {"tombstone", "gone"}
    assert {kind.table for kind in KINDS.values()} == set(SYNCED)
    for name, kind in KINDS.items():
        assert kind.keys == SYNCED[kind.table][0], name
        assert set(kind.columns) == {*SYNCED[kind.table][0], *SYNCED[kind.table][1]} - {
            "version"}, name


def test_a_contact_typed_on_both_for_the_same_person_is_kept_both_times(tmp_path):
    laptop, desktop = pair(tmp_path)
    laptop.run("support", "add", "Cleo", "555 0101")
    desktop.clock += dt.timedelta(minutes=5)
    desktop.run("support", "add", "Cleo", "cleo@example.org")
    both_ways(laptop, desktop)
    both_ways(laptop, desktop)
    # the later one (the desktop's: its clock is on a few minutes) is the contact; the other is
    # kept beside it, as an entry that says what it is
    assert laptop.rows("SELECT name, contact FROM support") == [("Cleo", "cleo@example.org")]
    assert laptop.rows("SELECT body, copy_of FROM entries WHERE copy_of IS NOT NULL") == [
        ("555 0101", "support Cleo")]
    assert "how to reach Cleo, kept from another computer" in laptop.run(
        "log", "--since", "2026-11-01").stdout
    assert desktop.export() == laptop.export()
