"""Matrix rows 21-27: other writers, crashes mid-write, a full disk."""

import os
import resource
import signal
import subprocess
import sys
import time

import pytest

from tests.faults.conftest import uid


@pytest.mark.parametrize("writers", [2, 3])
def test_concurrent_writers_lose_nothing_and_never_see_locked(started, writers):
    per_writer = 6
    script = (
        "import subprocess, sys\n"
        "db, me, count = sys.argv[1], sys.argv[2], int(sys.argv[3])\n"
        "run = [sys.executable, '-m', 'reconcile_cli', '--db', db]\n"
        "for n in range(count):\n"
        "    r = subprocess.run(run + ['write', f'writer {me} entry {n}'], capture_output=True)\n"
        "    answer = 'no-begging=y' if n % 2 else 'no-begging=n'\n"
        "    r2 = subprocess.run(run + ['check', answer], capture_output=True)\n"
        "    if r.returncode or r2.returncode:\n"
        "        sys.stderr.write((r.stderr + r2.stderr).decode())\n"
        "        sys.exit(1)\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", script, str(started.db), str(w),
                               str(per_writer)],
                              env=started.env(), stderr=subprocess.PIPE)
             for w in range(writers)]
    failures = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * writers, failures
    assert started.rows("SELECT count(*) FROM entries") == [(1 + writers * per_writer,)]
    assert started.integrity() == "ok"
    assert started("doctor").returncode == 0


def test_kill_9_during_a_big_import_leaves_all_or_nothing(started, tmp_path):
    import json

    lines = [json.dumps({"format": "reconcile", "version": 1, "exported_at": "x"})]
    lines += [json.dumps({"type": "entry", "id": uid(n), "day": "2026-11-20",
                          "created_at": "2026-11-20T20:00:00+00:00",
                          "updated_at": "2026-11-20T20:00:00+00:00", "kind": "journal",
                          "body": "words " * 300}) for n in range(20000)]
    source = tmp_path / "big.jsonl"
    source.write_text("\n".join(lines) + "\n")
    child = started.spawn("import", str(source), stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL)
    sidecar = started.db.with_name("journal.db-journal")
    deadline = time.monotonic() + 30
    while not sidecar.exists() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)  # the rollback journal appears once the import starts writing
    assert child.poll() is None, "the import finished before it could be interrupted"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL
    after = started("today")  # reopening recovers the hot journal
    assert after.returncode == 0, after.stderr
    count = started.rows("SELECT count(*) FROM entries")[0][0]
    assert count in (1, 20001)
    assert started.integrity() == "ok"
    assert started("doctor").returncode == 0
    assert started.rows("SELECT body FROM entries WHERE seq = 1") == [("The first entry.",)]


def test_kill_9_while_the_editor_is_open_keeps_what_was_typed(started, tmp_path):
    editor = tmp_path / "slow_editor.py"
    editor.write_text("import sys, time\n"
                      "open(sys.argv[-1], 'w').write('typed before the crash')\n"
                      "time.sleep(60)\n")
    child = started.spawn("write", "--edit", env={"EDITOR": f"{sys.executable} {editor}"},
                          start_new_session=True)
    drafts = started.db.parent / "drafts" / "journal"
    for _ in range(100):
        found = list(drafts.glob("*.txt")) if drafts.is_dir() else []
        if found and found[0].read_text():
            break
        time.sleep(0.1)
    os.killpg(child.pid, signal.SIGKILL)
    child.wait()
    (draft,) = drafts.glob("*.txt")
    assert draft.read_text() == "typed before the crash"
    assert oct(draft.stat().st_mode & 0o777) == "0o600"
    later = started("write", "next time")
    assert later.returncode == 0
    assert b"1 unsaved draft(s) wait in" in later.stderr


def _limit_file_size(limit: int):
    def apply():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_a_full_disk_fails_clearly_keeps_the_journal_whole_and_the_text(started):
    size = started.db.stat().st_size
    text = "a long entry that will not fit " * 16000  # ~500 kB: more than the journal
    result = subprocess.run(started.argv("write", "--mood", "4"), input=text.encode(),
                            capture_output=True, env=started.env(),
                            preexec_fn=_limit_file_size(size + 8192), timeout=60)
    assert result.returncode == 1
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    assert "nothing was saved" in stderr.lower()
    # the draft could not be written either, so the text is printed back to copy
    assert text.strip() in stderr
    assert started.integrity() == "ok"
    assert started.rows("SELECT count(*) FROM entries") == [(1,)]
    assert started("write", "a short one fits again").returncode == 0


def test_kill_9_during_an_export_leaves_no_half_file_at_the_target(started, tmp_path):
    started.fill(3000, words=300)
    target = tmp_path / "export.jsonl"
    child = started.spawn("export", "-o", str(target))
    deadline = time.monotonic() + 30
    while (child.poll() is None and time.monotonic() < deadline
           and not any(p.name.endswith(".partial") for p in tmp_path.iterdir())):
        time.sleep(0.002)  # until the export is under way
    assert child.poll() is None, "the export finished before it could be interrupted"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert not target.exists()  # the target appears whole, or not at all
    finished = started("export", "-o", str(target))
    assert finished.returncode == 0
    assert target.read_text().count("\n") > 3000
