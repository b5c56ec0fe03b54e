"""`reconcile checkin` in a real pseudo-terminal, as a person types it."""

import os
import sys

import pexpect
import pytest

from tests.conftest import TODAY, WAIT, rows


@pytest.fixture
def spawn(db_path):
    def start(*args: str, rows: int = 40, term: str = "dumb") -> pexpect.spawn:
        env = {**os.environ, "RECONCILE_DB": str(db_path), "RECONCILE_TODAY": TODAY,
               "COLUMNS": "100", "TERM": term, "NO_COLOR": "1"}
        return pexpect.spawn(sys.executable, ["-m", "reconcile_cli", *args], env=env,
                             encoding="utf-8", timeout=WAIT, dimensions=(rows, 100))

    return start


def test_checkin_in_a_terminal_offers_a_lost_draft_then_walks_the_evening(spawn, db_path):
    drafts = db_path.parent / "drafts" / "journal"
    drafts.mkdir(parents=True)
    (drafts / "2026-11-20.journal.abc123.txt").write_text("Words from a night the power went\n")

    child = spawn("checkin")
    child.expect("Started a new journal at")
    child.expect("  Name: ")
    child.sendline("")  # no support person now
    child.expect("was never saved: \u201cWords from a night the power went\u201d")
    child.expect(r"Save it now \(s\), keep it for later \(k\), or delete it \(d\)\?")
    child.sendline("s")
    child.expect("Saved entry")
    # the journal now began on the 20th: the 20th and 21st have no answers, and are offered
    child.expect(r"Friday 20 November 2026 has no checklist answers. Fill it in now\? \[y/N\]")
    child.sendline("y")
    child.expect(r"How were you feeling on Friday 20 November 2026")
    child.sendline("")
    child.expect(r" 1/11  Did not beg, plead or act out of desperation \[y/n/s\]")
    child.sendline("y")
    for _ in range(10):
        child.expect(r"\[y/n/s\]")
        child.sendline("")
    child.expect("Up to three things you were grateful for that day")
    child.sendline("")
    child.expect(r"Saturday 21 November 2026 has no checklist answers. Fill it in now\?")
    child.sendline("")
    child.expect("How are you feeling tonight")
    child.sendline("6")
    child.expect(r" 1/10  Did not beg, plead or act out of desperation \[y/n/s\]")
    child.sendline("n")
    child.expect("What happened?")
    child.sendline("Sent a long message at midnight")
    for answer in ["y"] * 9:
        child.expect(r"\[y/n/s\]")
        child.sendline(answer)
    child.expect("grateful for")
    child.sendline("my friend Ana")
    child.sendline("")
    child.expect("A question to sit with today")
    child.expect("  > ")
    child.sendline("")  # pass on the reflection
    child.expect("Anything else on your heart today")
    child.expect("  > ")
    child.sendline("I am learning to wait.")
    child.sendline("")
    child.expect("Checklist  10 kept, 1 missed, 0 skipped, 1 not answered")  # TERM=dumb
    child.expect("Some of today went the way you hoped.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    assert rows(db_path, "SELECT day, kind, body, mood FROM entries ORDER BY seq") == [
        ("2026-11-20", "journal", "Words from a night the power went", None),
        ("2026-11-22", "journal", "I am learning to wait.", 6),
        ("2026-11-22", "gratitude", "my friend Ana", None),
    ]
    assert rows(db_path, "SELECT day, status, note FROM marks WHERE item = 'no-begging' "
                         "ORDER BY day") == [
        ("2026-11-20", "kept", None), ("2026-11-22", "missed", "Sent a long message at midnight")
    ]
    assert list(drafts.iterdir()) == []
    assert rows(db_path, "SELECT prompt FROM prompt_offers") == [("why-this-marriage",)]


def test_ctrl_c_in_a_terminal_keeps_the_answers_and_exits_130(spawn, db_path):
    child = spawn("checkin")
    child.expect("  Name: ")
    child.sendline("")
    child.expect("How are you feeling tonight")
    child.sendline("4")
    child.expect(r" 1/10 ")
    child.sendline("y")
    child.expect(r" 2/10 ")
    child.sendintr()
    child.expect("Stopped. Everything you answered up to here is saved.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert rows(db_path, "SELECT mood FROM entries") == [(4,)]
    assert rows(db_path, "SELECT item, status FROM marks") == [("no-begging", "kept")]


def test_a_draft_that_cannot_be_saved_does_not_block_the_checkin(spawn, db_path):
    drafts = db_path.parent / "drafts" / "journal"
    drafts.mkdir(parents=True)
    (drafts / "2026-11-21.journal.abc123.txt").write_bytes(b"y" * 1_000_001)
    child = spawn("checkin")
    child.expect("  Name: ")
    child.sendline("")
    child.expect("Save it now")
    child.sendline("s")
    child.expect("larger than 1 MB")
    child.expect("How are you feeling tonight")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert len(list(drafts.iterdir())) == 1  # still there, to deal with another time


def test_log_uses_the_pager_only_when_longer_than_the_screen(spawn, run, journal, monkeypatch):
    monkeypatch.setenv("PAGER", "sed 's/^/PAGED: /'")

    def log_in_terminal() -> str:
        child = spawn("log", rows=12, term="xterm")  # Rich takes a dumb terminal as 80x25
        child.expect(pexpect.EOF)
        return child.before

    assert run("write", "just one line").exit_code == 0
    short = log_in_terminal()
    assert "just one line" in short and "PAGED:" not in short
    for n in range(4):  # 1 heading + 5 entries x 3 lines: longer than 12 rows
        assert run("write", f"line number {n}").exit_code == 0
    long = log_in_terminal()
    assert "PAGED:    line number 3" in long


def test_a_line_typed_ahead_with_an_answer_never_answers_the_next_question(spawn, db_path):
    child = spawn("checkin")
    child.expect("  Name: ")
    child.sendline("")
    child.expect("How are you feeling tonight")
    child.sendline("5")
    child.expect(r" 1/10 ")
    child.send("n\ry\r")  # the slip, and a y typed too soon, in one burst
    child.expect("What happened")
    child.sendline("Called twice")
    child.expect(r" 2/10 ")
    child.sendintr()
    child.expect("Stopped.")
    child.expect(pexpect.EOF)
    assert rows(db_path, "SELECT item, status, note FROM marks") == [
        ("no-begging", "missed", "Called twice")]
