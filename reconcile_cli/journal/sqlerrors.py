"""SQLite's error classes, for whichever drivers this process has loaded.

A plain journal is opened with the standard library's sqlite3, an encrypted one with sqlcipher3.
Their exception classes are unrelated, so code catches these tuples rather than sqlite3's own
classes: ``except sqlerrors.IntegrityError``. Loading a driver adds its classes (add_driver).
"""

from __future__ import annotations

import sqlite3
from types import ModuleType

ErrorClasses = tuple[type[Exception], ...]

Error: ErrorClasses = (sqlite3.Error,)
DatabaseError: ErrorClasses = (sqlite3.DatabaseError,)
OperationalError: ErrorClasses = (sqlite3.OperationalError,)
IntegrityError: ErrorClasses = (sqlite3.IntegrityError,)


def add_driver(driver: ModuleType) -> None:
    """Catch ``driver``'s errors too (a DB-API module such as sqlcipher3.dbapi2)."""
    global Error, DatabaseError, OperationalError, IntegrityError
    if driver.Error in Error:
        return
    Error += (driver.Error,)
    DatabaseError += (driver.DatabaseError,)
    OperationalError += (driver.OperationalError,)
    IntegrityError += (driver.IntegrityError,)
