"""Writing one row from a dict: the few sqlite-utils table calls the store used, in plain SQL.

Column names come from this package's own code or from the undo history's before-images (which the
schema's triggers write); they are quoted all the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from reconcile_cli.journal.db import Journal


def _name(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def insert(db: Journal, table: str, row: Mapping[str, Any], *, ignore: bool = False) -> int | None:
    """Insert ``row``; its rowid (None when ``ignore`` skipped a row that was already there)."""
    columns = ", ".join(_name(column) for column in row)
    marks = ", ".join("?" for _ in row)
    verb = "INSERT OR IGNORE" if ignore else "INSERT"
    cursor = db.execute(f"{verb} INTO {_name(table)} ({columns}) VALUES ({marks})",
                        list(row.values()))
    return cursor.lastrowid if cursor.rowcount else None


def upsert(db: Journal, table: str, row: Mapping[str, Any], pk: Iterable[str]) -> None:
    """Insert ``row``, or update the row with its primary key (``pk``) to match it."""
    keys = list(pk)
    columns = ", ".join(_name(column) for column in row)
    marks = ", ".join("?" for _ in row)
    updates = ", ".join(f"{_name(column)} = excluded.{_name(column)}"
                        for column in row if column not in keys)
    action = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
    db.execute(f"INSERT INTO {_name(table)} ({columns}) VALUES ({marks}) "
               f"ON CONFLICT ({', '.join(_name(key) for key in keys)}) {action}",
               list(row.values()))


def update(db: Journal, table: str, where: Mapping[str, Any], values: Mapping[str, Any]) -> None:
    """Set ``values`` on the rows matching every column of ``where``."""
    assignments = ", ".join(f"{_name(column)} = ?" for column in values)
    condition = " AND ".join(f"{_name(column)} = ?" for column in where)
    db.execute(f"UPDATE {_name(table)} SET {assignments} WHERE {condition}",
               [*values.values(), *where.values()])
