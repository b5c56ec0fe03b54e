"""Every test gets its own journal in tmp_path and a pinned "today": Sunday 22 November 2026."""

from __future__ import annotations

import importlib.util
import sqlite3
import sys
from pathlib import Path

import pytest

# Run without the project installed (pytest alone, in an interpreter that lacks its packages),
# every test file would fail on an import; one line says what to do instead.
_MISSING = [name for name in ("click", "rich", "sqlite_utils", "platformdirs", "dateparser",
                              "pexpect", "hypothesis")
            if importlib.util.find_spec(name) is None]
if _MISSING:
    pytest.exit(f"reconcile's packages are not installed here (no {', '.join(_MISSING)}): run "
                "pip install -e '.[test]' first, as README.md says, then pytest.", returncode=4)

from click.testing import CliRunner, Result  # noqa: E402

from reconcile_cli.cli import cli  # noqa: E402

TODAY = "2026-11-22"  # a Sunday
# How long a terminal test (pexpect) waits for what it expects before giving up: a cap for a
# machine under heavy load, never a pause (see tests/test_terminal_waits.py).
WAIT = 120


def uid(n: int) -> str:
    """A made-up entry id, in the UUID form every entry id has."""
    return f"00000000-0000-4000-8000-{n:012d}"


@pytest.fixture(autouse=True)
def hermetic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db_path = tmp_path / "journal.db"
    monkeypatch.setenv("RECONCILE_DB", str(db_path))
    monkeypatch.setenv("RECONCILE_TODAY", TODAY)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    for name in ("VISUAL", "EDITOR", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    return db_path


@pytest.fixture
def db_path(hermetic: Path) -> Path:
    return hermetic


@pytest.fixture
def run():
    """Invoke the CLI as a user would; returns click's Result (stdout and stderr apart)."""

    def invoke(*args: str, input: str | bytes | None = None, env: dict | None = None) -> Result:
        return CliRunner().invoke(cli, list(args), input=input, env=env)

    return invoke


@pytest.fixture
def journal(run, db_path: Path) -> Path:
    """A journal that exists (created by a first write)."""
    result = run("items")
    assert result.exit_code == 1  # no journal yet: reading commands do not create one
    result = run("check", "no-begging=clear")  # a write that stores nothing
    assert result.exit_code == 0, result.output
    assert rows(db_path, "SELECT count(*) FROM marks") == [(0,)]
    return db_path


def rows(db_path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture
def fake_editor(tmp_path: Path):
    """An $EDITOR that writes the given bytes into the file it is asked to edit."""

    def make(content: bytes) -> dict:
        payload = tmp_path / "editor-content.bin"
        payload.write_bytes(content)
        script = tmp_path / "editor.py"
        script.write_text(
            "import shutil, sys\n"
            f"shutil.copyfile({str(payload)!r}, sys.argv[-1])\n"
        )
        return {"EDITOR": f"{sys.executable} {script}"}

    return make


@pytest.fixture
def local_zone():
    """Set this computer's time zone (TZ) for the test: ``local_zone("America/Los_Angeles")``."""
    import os
    import time

    before = os.environ.get("TZ")

    def use(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield use
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


# `pytest --hypothesis-profile quick`: properties without shrinking, for a first look at a failure.
from hypothesis import Phase, settings  # noqa: E402

settings.register_profile("quick", phases=[Phase.explicit, Phase.reuse, Phase.generate],
                          max_examples=30)
