"""Finding one record by the first characters of its id, as the views show ids."""

from __future__ import annotations

from typing import Any

from reconcile_cli.core import errors
from reconcile_cli.journal.db import Journal


def one_by_prefix(db: Journal, table: str, columns: str, prefix: str, what: str,
                  where_listed: str) -> tuple[Any, ...]:
    """The row of ``table`` whose id starts with ``prefix`` (4 or more of its characters);
    a one-line message when it is no id, names nothing, or names more than one."""
    typed = prefix.strip().lower()
    if len(typed) < 4 or any(c not in "0123456789abcdef-" for c in typed):
        raise errors.InvalidInput(f"'{prefix}' is not the id of a {what}: give at least 4 of its "
                                  f"characters, as {where_listed} shows them.")
    rows = db.execute(f"SELECT {columns} FROM {table} WHERE id >= ? AND id < ? LIMIT 2",
                      [typed, typed + "\uffff"]).fetchall()
    if not rows:
        raise errors.InvalidInput(f"There is no {what} {prefix}; {where_listed} lists them.")
    if len(rows) > 1:
        raise errors.InvalidInput(f"More than one {what} starts with '{prefix}'; give more of it.")
    return tuple(rows[0])
