"""Streak checkpoints (m010): where each item's walk stood on a day some weeks back, so `week`
and `month` read only the days since. The triggers of m010 remove a checkpoint when a mark or an
entry on or before its day changes."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from reconcile_cli.core import errors
from reconcile_cli.journal import sqlerrors
from reconcile_cli.journal.db import Journal, write_transaction


class Checkpoint(NamedTuple):
    through: dt.date
    journey_start: str | None  # as it was when the walks were made
    pauses: str  # the pauses then, as pauses_key gives them
    first_full_week: dt.date | None  # found on or before ``through``
    items: dict[str, tuple[bool, int, int, int, float]]  # started, run, best, best before, score


def pauses_key(pauses: list[tuple[str, str]]) -> str:
    return ";".join(f"{start}..{until}" for start, until in sorted(pauses))


def read_checkpoint(db: Journal) -> Checkpoint | None:
    row = db.execute("SELECT through, journey_start, pauses, first_full_week "
                     "FROM streak_checkpoint").fetchone()
    if row is None:
        return None
    through, journey_start, pauses, full_week = row
    items = {slug: (bool(started), run, best, before, score)
             for slug, started, run, best, before, score in db.execute(
                 "SELECT item, started, run, best, best_before_run, score "
                 "FROM streak_checkpoint_items")}
    return Checkpoint(dt.date.fromisoformat(through), journey_start, pauses,
                      dt.date.fromisoformat(full_week) if full_week else None, items)


def clear_checkpoint(db: Journal) -> None:
    db.execute("DELETE FROM streak_checkpoint")
    db.execute("DELETE FROM streak_checkpoint_items")


def data_version(db: Journal) -> int:
    """SQLite's count of changes other connections have committed to the journal."""
    return int(db.execute("PRAGMA data_version").fetchone()[0])


def save_checkpoint(db: Journal, checkpoint: Checkpoint, read_at: int) -> bool:
    """Keep a checkpoint made from what was read when data_version was ``read_at``, in a short
    write of its own; False when the journal is busy or cannot be written (a reading command
    never waits for a lock or fails for a cache), and when another command has saved since
    (the checkpoint may be older than what it saved, which its triggers could not see)."""
    (timeout,) = db.execute("PRAGMA busy_timeout").fetchone()
    db.execute("PRAGMA busy_timeout = 0")
    try:
        with write_transaction(db):
            if data_version(db) != read_at:
                return False
            clear_checkpoint(db)
            db.execute("INSERT INTO streak_checkpoint VALUES (?, ?, ?, ?)", [
                checkpoint.through.isoformat(), checkpoint.journey_start, checkpoint.pauses,
                checkpoint.first_full_week.isoformat() if checkpoint.first_full_week else None])
            db.conn.executemany("INSERT INTO streak_checkpoint_items VALUES (?, ?, ?, ?, ?, ?)",
                                [(slug, int(state[0]), *state[1:])
                                 for slug, state in checkpoint.items.items()])
    except sqlerrors.Error + (errors.ReconcileError,):  # busy, read-only, or just replaced
        return False
    finally:
        db.execute(f"PRAGMA busy_timeout = {int(timeout)}")
    return True
