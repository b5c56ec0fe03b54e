"""The vision page: a longer piece of writing, kept as numbered versions."""

from __future__ import annotations

import uuid

from reconcile_cli.core import errors
from reconcile_cli.core.models import VisionVersion
from reconcile_cli.journal.db import Journal

# Versions are numbered in the order of their stamps: the same on every computer, whichever
# order versions saved on two of them arrived in (see store/merge.py).
NUMBERED = ("SELECT id, row_number() OVER (ORDER BY stamp, id) AS number, saved_at, text "
            "FROM vision")


def versions(db: Journal) -> list[VisionVersion]:
    """Every version, oldest first."""
    return [VisionVersion(*row) for row in db.execute(f"{NUMBERED} ORDER BY number")]


def current_version(db: Journal) -> VisionVersion | None:
    """The latest version, or None before the vision is first written."""
    row = db.execute("SELECT id, version, saved_at, text FROM vision ORDER BY version DESC "
                     "LIMIT 1").fetchone()
    return VisionVersion(*row) if row else None


def save_version(db: Journal, text: str, now: str) -> VisionVersion:
    """A new version: the last (its stamp, given as the command commits, is the latest)."""
    number, stored = db.execute(
        "SELECT count(*) + 1, coalesce(max(version), 0) + 1 FROM vision").fetchone()
    saved = VisionVersion(str(uuid.uuid4()), number, now, text)
    db.execute("INSERT INTO vision (id, version, saved_at, text) VALUES (?, ?, ?, ?)",
               [saved.id, stored, saved.saved_at, saved.text])
    return saved


def version_of(db: Journal, number: int) -> VisionVersion:
    row = db.execute(f"SELECT * FROM ({NUMBERED}) WHERE number = ?", [number]).fetchone()
    if row is None:
        raise errors.InvalidInput(f"There is no version {number} of your vision; "
                                  "`reconcile vision --history` lists them.")
    return VisionVersion(*row)
