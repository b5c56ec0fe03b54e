"""Slips: a restraint item answered missed. Read from the checklist's own answers."""

from __future__ import annotations

from collections.abc import Iterator

from reconcile_cli.journal.db import Journal


def latest_slip_days(db: Journal, *, until: str, since: str | None, leave_out: set[str],
                     last: int, also_from: str) -> list[str]:
    """The days with a slip, oldest first: the ``last`` latest up to ``until`` and every one
    from ``also_from``, none before ``since`` or in ``leave_out``. Read newest first, and only
    as far back as needed (a partial index holds the days of missed answers)."""
    found: list[str] = []
    for (day,) in db.execute(
            "SELECT DISTINCT m.day FROM marks m JOIN items i ON i.slug = m.item "
            "WHERE m.status = 'missed' AND i.kind = 'restraint' AND m.day <= ? AND m.day >= ? "
            "ORDER BY m.day DESC", [until, since or "0000-00-00"]):
        if day in leave_out:
            continue
        if len(found) >= last and day < also_from:
            break
        found.append(day)
    return found[::-1]


def restraint_days_kept(db: Journal, until: str) -> int:
    """Days up to ``until`` on which every restraint item answered was kept (and at least one
    was): days without a slip, counted by SQLite."""
    return int(db.execute(
        "SELECT count(*) FROM (SELECT m.day FROM marks m JOIN items i ON i.slug = m.item "
        "WHERE i.kind = 'restraint' AND m.day <= ? GROUP BY m.day "
        "HAVING max(m.status = 'kept') = 1 AND max(m.status = 'missed') = 0)",
        [until]).fetchone()[0])


SLIPS_PAGE = 500


def all_slips(db: Journal, *, item: str | None = None, since: str | None = None,
          until: str | None = None) -> Iterator[tuple[str, str, str | None]]:
    """(day, item slug, note) of every slip, oldest first, read a page at a time as they are
    used (no statement stays open while the caller writes them out: see log_entries)."""
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
    where = " AND ".join(clauses)
    after: tuple[str, int, str] | None = None  # (day, position, item) of the last slip given
    while True:
        later = " AND (m.day, i.position, m.item) > (?, ?, ?)" if after else ""
        rows = db.execute(
            "SELECT m.day, m.item, m.note, i.position FROM marks m JOIN items i ON i.slug = "
            f"m.item WHERE {where}{later} ORDER BY m.day, i.position, m.item LIMIT ?",
            [*params, *(after or ()), SLIPS_PAGE]).fetchall()
        yield from ((day, slug, note) for day, slug, note, _ in rows)
        if len(rows) < SLIPS_PAGE:
            return
        day, slug, _, position = rows[-1]
        after = (day, position, slug)
