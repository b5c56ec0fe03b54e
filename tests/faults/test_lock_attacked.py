"""The lock, the drawer and the new records attacked a second time (issue 20): no word lost,
nothing let in. Rows 86 and on of the matrix (see README.md beside this file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.faults.test_locked_drawer import Locked, encrypt

pytest.importorskip("sqlcipher3")


@pytest.fixture
def locked(tmp_path: Path) -> tuple[Locked, str]:
    app = Locked(tmp_path / "journal.db", tmp_path)
    result = app("write", "The first entry.", "--mood", "5")
    assert result.returncode == 0, result.stderr
    return app, encrypt(app)


# --- row 86: the key file is never an output's target -----------------------------------------


@pytest.mark.parametrize("command", [["export"], ["report"]])
@pytest.mark.parametrize("target", ["journal.db.key", "backups/journal.db.key"])
def test_export_and_report_refuse_the_key_file_and_its_copy(locked, command, target):
    app, _ = locked
    path = app.db.parent / target
    before = path.read_bytes()
    where = ("is your journal's key file" if target == "journal.db.key" else
             f"is inside {app.db.parent / 'backups'}, which holds the journal's own backups")
    result = app(*command, "-o", str(path), "--force")
    assert result.returncode == 1
    assert result.stderr.decode().splitlines()[-1].startswith(f"{path} {where}; nothing was "
                                                             "written.")
    assert path.read_bytes() == before
    assert app("today").returncode == 0
