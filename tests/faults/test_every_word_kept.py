"""Row 95: every way words enter the journal keeps them first (second round of trying to break
it). Entries, letters (with who they are to), the vision, slip notes, gratitude, support
contacts, goals and their steps: kept as a draft until saved, offered back as what they were,
or shown back when no draft may be kept."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pexpect
import pytest

from tests.conftest import WAIT
from tests.faults.conftest import Reconcile


def words_in_every_way(app: Reconcile, goal: str) -> dict[str, tuple[list[str], str | None]]:
    """Each command (with what it pipes in) that brings words in."""
    return {
        "letter": (["drawer", "write", "--to", "Sam"], "A letter I will not send."),
        "vision": (["vision"], "A home with room for both of us."),
        "note": (["check", "no-begging=n", "--note", "Sent three messages at night."], None),
        "gratitude": (["write", "--kind", "gratitude", "My sister's call."], None),
        "support": (["support", "add", "Ana", "555 0101"], None),
        "goal": (["goals", "add", "emotional", "Name what I feel before I answer."], None),
        "step": (["goals", "step", goal, "One walk without my phone.", "--daily"], None),
    }


def test_words_that_cannot_be_saved_are_kept_and_offered_back_as_what_they_were(started,
                                                                                tmp_path):
    added = started("goals", "add", "relational", "Listen without defending myself.")
    goal = added.stdout.decode().split()[1]
    holder = sqlite3.connect(started.db)
    holder.isolation_level = None
    holder.execute("BEGIN EXCLUSIVE")  # another reconcile, writing for a long while
    try:
        running = {purpose: subprocess.Popen(
            started.argv(*args), env=started.env(), stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for purpose, (args, _) in words_in_every_way(started, goal).items()}
        told = {purpose: child.communicate(
            (words_in_every_way(started, goal)[purpose][1] or "").encode(), timeout=WAIT)
            for purpose, child in running.items()}
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    for purpose, child in running.items():
        message = told[purpose][1].decode()
        assert child.returncode == 1, (purpose, message)
        assert message.startswith("The journal is busy"), (purpose, message)
        assert "Your text is safe in " in message, (purpose, message)

    editor = tmp_path / "no-more.py"
    editor.write_text("pass\n")  # the editor opened afterwards: nothing more to write
    env = started.env({"EDITOR": f"{sys.executable} {editor}"})
    child = pexpect.spawn(sys.executable, started.argv("write")[1:], env=env, timeout=WAIT,
                          encoding="utf-8", dimensions=(40, 120))
    offered = []
    for _ in range(7):
        child.expect(r"([^\r\n]*) was never saved:\s")  # wrapped there at 80 columns
        offered.append(child.match.group(1).strip())
        child.expect(r"\(d\)\?")
        child.sendline("s")
    child.expect("No new words, so nothing more was saved.")
    child.expect(pexpect.EOF)
    assert sorted(offered) == sorted([
        "A letter for the drawer to Sam, from Sunday 22 November 2026,",
        "A new version of your vision, from Sunday 22 November 2026,",
        "A note on a slip (no-begging), for Sunday 22 November 2026,",
        "A gratitude entry for Sunday 22 November 2026",
        "Someone for your support list, from Sunday 22 November 2026,",
        "A goal (emotional), from Sunday 22 November 2026,",
        "A small step towards a goal, from Sunday 22 November 2026,"])
    assert started.rows("SELECT recipient, body FROM letters") == [
        ("Sam", "A letter I will not send.")]
    assert started.rows("SELECT text FROM vision") == [("A home with room for both of us.",)]
    assert started.rows("SELECT item, status, note FROM marks ORDER BY item") == [
        ("gratitude", "kept", None),  # ticked by the gratitude written, once saved
        ("no-begging", "missed", "Sent three messages at night.")]
    assert started.rows("SELECT body FROM entries WHERE kind = 'gratitude'") == [
        ("My sister's call.",)]
    assert started.rows("SELECT name, contact FROM support") == [("Ana", "555 0101")]
    assert started.rows("SELECT area, text FROM goals ORDER BY created_at, area") == [
        ("relational", "Listen without defending myself."),
        ("emotional", "Name what I feel before I answer.")]
    assert started.rows("SELECT text, item FROM steps") == [
        ("One walk without my phone.", "one-walk-without-my-phone")]
    assert list((started.db.parent / "drafts").rglob("*.txt")) == []


@pytest.mark.parametrize("purpose", ["letter", "vision"])
def test_piped_words_for_a_journal_that_stays_locked_are_shown_back(tmp_path, purpose):
    pytest.importorskip("sqlcipher3")
    from tests.faults.test_locked_drawer import Locked, encrypt, says

    app = Locked(tmp_path / "journal.db", tmp_path)
    assert app("write", "The first entry.").returncode == 0
    encrypt(app)
    files = app.files()
    args, text = words_in_every_way(app, "")[purpose]
    result = app(*args, input=text, env={
        "RECONCILE_PASSPHRASE_COMMAND": says(tmp_path, "not the passphrase")})
    assert (result.returncode, result.stderr.decode()) == (
        1, f"Wrong passphrase. Nothing was saved; here is your text to copy somewhere safe:\n\n"
           f"{text}\n\n")
    assert app.files() == files
