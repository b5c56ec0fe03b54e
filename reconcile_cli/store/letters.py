"""The drawer: letters written instead of sent, sealed for a cooling-off."""

from __future__ import annotations

import uuid
from typing import Any

from reconcile_cli.core.models import Letter
from reconcile_cli.journal.db import Journal
from reconcile_cli.journal.schema import LETTER_COLUMNS
from reconcile_cli.store.lookup import one_by_prefix

COLUMNS = ", ".join(LETTER_COLUMNS)


def all_letters(db: Journal) -> list[Letter]:
    """Every letter, newest first."""
    return [Letter(*row) for row in db.execute(
        f"SELECT {COLUMNS} FROM letters ORDER BY created_at DESC, rowid DESC")]


def add_letter(db: Journal, *, day: str, now: str, recipient: str | None, body: str,
               sealed_until: str) -> Letter:
    letter = Letter(str(uuid.uuid4()), day, now, now, recipient, body, sealed_until, "waiting",
                    None, None, None)
    db.execute(f"INSERT INTO letters ({COLUMNS}) VALUES ({', '.join('?' * len(LETTER_COLUMNS))})",
               [getattr(letter, column) for column in LETTER_COLUMNS])
    return letter


def find_letter(db: Journal, prefix: str) -> Letter:
    return Letter(*one_by_prefix(db, "letters", COLUMNS, prefix, "letter", "`reconcile drawer`"))


def update_letter(db: Journal, letter: Letter, now: str, **changes: Any) -> None:
    assignments = ", ".join(f"{column} = ?" for column in changes)
    db.execute(f"UPDATE letters SET {assignments}, updated_at = ? WHERE id = ?",
               [*changes.values(), now, letter.id])


def let_go(db: Journal, letter_id: str) -> None:
    """Delete a letter for good: no undo history keeps its words; its grave keeps its id."""
    import json

    recording = db.execute("SELECT seq FROM change_open").fetchall()
    db.execute("DELETE FROM change_open")  # so the delete keeps no before-image
    db.execute("DELETE FROM change_rows WHERE tbl = 'letters' AND json_extract(pk, '$.id') = ?",
               [letter_id])
    db.execute("DELETE FROM letters WHERE id = ?", [letter_id])
    # changes left with nothing to undo go too (undo must never claim to undo nothing)
    db.execute("DELETE FROM changes WHERE seq NOT IN (SELECT change FROM change_rows) "
               "AND seq NOT IN (SELECT value FROM json_each(?))",
               [json.dumps([seq for (seq,) in recording])])
    db.conn.executemany("INSERT INTO change_open (seq) VALUES (?)", recording)


def letters_between(db: Journal, start: str, end: str) -> int:
    """Urges written down instead of sent: letters of the period not answered "I sent it"."""
    return int(db.execute("SELECT count(*) FROM letters WHERE day BETWEEN ? AND ? AND "
                          "status != 'sent'", [start, end]).fetchone()[0])


def search_letters(db: Journal, words: list[str], now: str) -> list[Letter]:
    """Unsealed letters holding every one of ``words`` (case folded), newest first."""
    found = []
    for letter in all_letters(db):
        if letter.sealed(now):
            continue
        text = letter.body.casefold()
        if all(word.casefold() in text for word in words):
            found.append(letter)
    return found
