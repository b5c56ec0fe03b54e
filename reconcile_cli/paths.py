"""Where the journal and the files beside it live."""

from __future__ import annotations

import os
from pathlib import Path

DB_FILENAME = "journal.db"


def journal_path(option: str | None) -> tuple[Path, bool]:
    """The journal file: ``--db``, else ``RECONCILE_DB``, else the platform's user data folder.

    Returns the path and whether it is the default location (whose folder we may create;
    a folder named explicitly must already exist, so a typo does not grow a directory tree).
    """
    chosen = option or os.environ.get("RECONCILE_DB")
    if chosen:
        return Path(chosen).expanduser(), False
    from platformdirs import user_data_dir

    return Path(user_data_dir("reconcile", appauthor=False)) / DB_FILENAME, True


def drafts_dir(db_path: Path) -> Path:
    """Drafts sit beside the journal, one folder per journal file."""
    return db_path.parent / "drafts" / db_path.stem


def make_private_dir(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path
