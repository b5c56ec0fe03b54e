"""Row 88: an export for another app (a folder of notes, Day One's zip) stopped or killed
half-way, or aimed where it cannot be written: nothing half-written is ever left in its place."""

from __future__ import annotations

import datetime as dt
import json
import signal
import time
from pathlib import Path

import pytest

from tests.faults.conftest import needs_setpriv, uid


def fill_days(app, days: int) -> None:
    """``days`` days of entries (a folder export writes one file a day), in one import."""
    first = dt.date(2018, 1, 1)
    lines = [json.dumps({"format": "reconcile", "version": 1, "exported_at": "x"})]
    for n in range(days):
        day = (first + dt.timedelta(days=n)).isoformat()
        lines.append(json.dumps({"type": "entry", "id": uid(n), "day": day,
                                 "created_at": f"{day}T20:00:00+00:00",
                                 "updated_at": f"{day}T20:00:00+00:00", "kind": "journal",
                                 "body": f"entry {n} " + "words " * 50}))
    result = app("import", "-", input="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr


def partial_folders(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".partial") and p.is_dir()]


def wait_for_partial(child, out: Path) -> Path:
    deadline = time.monotonic() + 30
    while child.poll() is None and time.monotonic() < deadline and not partial_folders(out):
        time.sleep(0.002)
    assert child.poll() is None, "the export finished before it could be stopped"
    (partial,) = partial_folders(out)
    return partial


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_folder_export_leaves_nothing(started, tmp_path, how):
    fill_days(started, 2500)
    out = tmp_path / "out"
    out.mkdir()
    child = started.spawn("export", "--format", "markdown-folder", "-o", str(out / "notes"))
    partial = wait_for_partial(child, out)
    assert oct(partial.stat().st_mode & 0o777) == "0o700"
    child.send_signal(how)
    child.wait(timeout=30)
    assert child.returncode != 0
    assert list(out.iterdir()) == []


def test_a_folder_export_killed_is_removed_on_the_next_run(started, tmp_path):
    fill_days(started, 2500)
    out = tmp_path / "out"
    out.mkdir()
    child = started.spawn("export", "--format", "markdown-folder", "-o", str(out / "notes"))
    wait_for_partial(child, out)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert len(partial_folders(out)) == 1
    assert started("today").returncode == 0
    assert list(out.iterdir()) == []


@needs_setpriv
def test_a_folder_that_cannot_be_written_is_said_in_one_line(started, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    result = started("export", "--format", "markdown-folder", "-o", str(locked / "notes"),
                     unprivileged=True)
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    assert len(result.stderr.decode().strip().splitlines()) == 1
    assert list(locked.iterdir()) == []
    zipped = started("export", "--format", "dayone", "-o", str(locked / "j.zip"),
                     unprivileged=True)
    assert zipped.returncode == 1 and b"Traceback" not in zipped.stderr
