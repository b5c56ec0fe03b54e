"""Fault tests run the real command in child processes, as a user's shell would."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

TODAY = "2026-11-22"


def uid(n: int) -> str:
    """A made-up entry id, in the UUID form every entry id has."""
    return f"00000000-0000-4000-8000-{n:012d}"


class Reconcile:
    def __init__(self, db: Path):
        self.db = db

    def argv(self, *args: str, unprivileged: bool = False) -> list[str]:
        argv = [sys.executable, "-m", "reconcile_cli", "--db", str(self.db), *args]
        if unprivileged and os.geteuid() == 0:
            # root without its capabilities is held to file permissions like anyone else
            argv = ["setpriv", "--bounding-set=-all", "--inh-caps=-all", *argv]
        return argv

    def env(self, extra: dict | None = None) -> dict:
        env = {**os.environ, "RECONCILE_TODAY": TODAY, "COLUMNS": "80",
               "XDG_STATE_HOME": str(self.db.parent / "state"),
               "XDG_DATA_HOME": str(self.db.parent / "data")}
        env.pop("RECONCILE_DB", None)
        return {**env, **(extra or {})}

    def __call__(self, *args: str, input: bytes | str | None = None, env: dict | None = None,
                 unprivileged: bool = False, timeout: float = 60) -> subprocess.CompletedProcess:
        if isinstance(input, str):
            input = input.encode()
        return subprocess.run(self.argv(*args, unprivileged=unprivileged), input=input,
                              capture_output=True, env=self.env(env), timeout=timeout)

    def spawn(self, *args: str, env: dict | None = None, **kwargs) -> subprocess.Popen:
        return subprocess.Popen(self.argv(*args), env=self.env(env), **kwargs)

    def rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        conn = sqlite3.connect(self.db)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def integrity(self) -> str:
        return self.rows("PRAGMA integrity_check")[0][0]

    def fill(self, count: int, words: int = 200) -> None:
        """Add ``count`` entries in one import (one process, not ``count``)."""
        import json

        lines = [json.dumps({"format": "reconcile", "version": 1, "exported_at": "x"})]
        lines += [json.dumps({"type": "entry", "id": uid(n), "day": "2026-11-21",
                              "created_at": "2026-11-21T20:00:00+00:00",
                              "updated_at": "2026-11-21T20:00:00+00:00", "kind": "journal",
                              "body": f"entry {n} " + "words " * words}) for n in range(count)]
        result = self("import", "-", input="\n".join(lines) + "\n")
        assert result.returncode == 0, result.stderr


@pytest.fixture
def app(tmp_path: Path) -> Reconcile:
    return Reconcile(tmp_path / "journal.db")


@pytest.fixture
def started(app: Reconcile) -> Reconcile:
    result = app("write", "The first entry.", "--mood", "5")
    assert result.returncode == 0, result.stderr
    return app


needs_setpriv = pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("setpriv"),
                                   reason="needs setpriv to drop root's capabilities")
