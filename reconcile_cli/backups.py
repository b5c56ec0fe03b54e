"""Consistent copies of the journal through SQLite's online backup API (safe while others write).

Automatic backups: before any migration, and on the first write of each day; the newest seven
are kept. They live in ``backups/`` beside the journal, named after it.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from reconcile_cli import errors
from reconcile_cli.paths import make_private_dir

KEEP_AUTOMATIC = 7


def folder(db_path: Path) -> Path:
    return db_path.parent / "backups"


def stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H%M%S")


def copy(conn: sqlite3.Connection, target: Path) -> Path:
    """Copy the journal into a new private file ``target`` (never over an existing one)."""
    try:
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        raise errors.InvalidInput(f"{target} already exists; choose another name.") from None
    destination = sqlite3.connect(target)
    try:
        conn.backup(destination)
    except BaseException:
        destination.close()
        target.unlink(missing_ok=True)
        raise
    destination.close()
    return target


def manual(conn: sqlite3.Connection, db_path: Path, dest: Path | None,
           moment: dt.datetime) -> Path:
    name = f"{db_path.stem}-{stamp(moment)}.db"
    if dest is None:
        dest = make_private_dir(folder(db_path)) / name
    elif dest.is_dir():
        dest = dest / name
    return copy(conn, dest)


def automatic(conn: sqlite3.Connection, db_path: Path, moment: dt.datetime,
              reason: str = "daily") -> Path | None:
    """Take the day's automatic backup if there is none yet (or always, for a migration)."""
    base = folder(db_path)
    prefix = f"{db_path.stem}-auto-"
    if reason == "daily" and base.is_dir() and any(
            base.glob(f"{prefix}{moment.date().isoformat()}T*.db")):
        return None
    taken = copy(conn, make_private_dir(base) / f"{prefix}{stamp(moment)}-{reason}.db")
    for old in sorted(base.glob(f"{prefix}*.db"))[:-KEEP_AUTOMATIC]:
        old.unlink(missing_ok=True)
    return taken


def listing(db_path: Path) -> list[Path]:
    """This journal's backups, oldest first."""
    base = folder(db_path)
    return sorted(base.glob(f"{db_path.stem}-*.db"), key=lambda p: p.stat().st_mtime) \
        if base.is_dir() else []
