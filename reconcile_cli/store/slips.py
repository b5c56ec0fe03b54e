"""Slips: a restraint item answered missed. Read from the checklist's own answers."""

from __future__ import annotations

from reconcile_cli.db import Journal


def slips(db: Journal, *, item: str | None = None, since: str | None = None,
          until: str | None = None) -> list[tuple[str, str, str | None]]:
    """(day, item slug, note) of every slip, oldest first."""
    clauses, params = ["m.status = 'missed'", "i.kind = 'restraint'"], []
    if item:
        clauses.append("m.item = ?")
        params.append(item)
    if since:
        clauses.append("m.day >= ?")
        params.append(since)
    if until:
        clauses.append("m.day <= ?")
        params.append(until)
    return [(day, slug, note) for day, slug, note in db.execute(
        "SELECT m.day, m.item, m.note FROM marks m JOIN items i ON i.slug = m.item "
        f"WHERE {' AND '.join(clauses)} ORDER BY m.day, i.position", params)]
