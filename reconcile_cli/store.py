"""Every table name and query. Takes a Database, returns models, raises ReconcileErrors.

Writers expect to run inside ``db.write_transaction`` (the CLI opens one per command).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable, Mapping

from sqlite_utils import Database

from reconcile_cli import errors
from reconcile_cli.checklist import DEFAULT_ITEMS
from reconcile_cli.models import ITEM_KINDS, Day, Entry, Item, Mark

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ENTRY_COLUMNS = "id, day, created_at, updated_at, kind, prompt, body, mood, deleted_at"


# --- entries ---------------------------------------------------------------------------------


def add_entry(
    db: Database,
    *,
    day: str,
    now: str,
    zone: str | None = None,
    kind: str = "journal",
    body: str = "",
    mood: int | None = None,
    prompt: str | None = None,
) -> Entry:
    entry = Entry(
        id=str(uuid.uuid4()),
        day=day,
        created_at=now,
        updated_at=now,
        kind=kind,
        prompt=prompt,
        body=body,
        mood=mood,
    )
    db["entries"].insert({**entry.to_dict(), "zone": zone})
    return entry


def set_entry_body(db: Database, entry: Entry, body: str, now: str) -> Entry:
    db.execute(
        "UPDATE entries SET body = ?, updated_at = ? WHERE id = ?", [body, now, entry.id]
    )
    return get_entry(db, entry.id)


def get_entry(db: Database, entry_id: str) -> Entry:
    row = db.execute(f"SELECT {ENTRY_COLUMNS} FROM entries WHERE id = ?", [entry_id]).fetchone()
    if row is None:
        raise errors.InvalidInput(f"There is no entry {entry_id[:8]}.")
    return Entry(*row)


def entries_on(db: Database, day: str) -> list[Entry]:
    rows = db.execute(
        f"SELECT {ENTRY_COLUMNS} FROM entries WHERE day = ? AND deleted_at IS NULL ORDER BY seq",
        [day],
    ).fetchall()
    return [Entry(*row) for row in rows]


# --- the checklist ---------------------------------------------------------------------------


def seed_default_items(db: Database, now: str) -> None:
    """Give a new journal the default checklist."""
    db["items"].insert_all(
        {"slug": slug, "label": label, "kind": kind, "position": position, "created_at": now}
        for position, (slug, kind, label) in enumerate(DEFAULT_ITEMS, start=1)
    )


def items(db: Database, *, include_retired: bool = False) -> list[Item]:
    where = "" if include_retired else "WHERE retired_at IS NULL"
    rows = db.execute(
        "SELECT slug, label, kind, position, created_at, retired_at FROM items "
        f"{where} ORDER BY retired_at IS NOT NULL, position, slug"
    ).fetchall()
    return [Item(*row) for row in rows]


def get_item(db: Database, slug: str) -> Item:
    row = db.execute(
        "SELECT slug, label, kind, position, created_at, retired_at FROM items WHERE slug = ?",
        [slug],
    ).fetchone()
    if row is None:
        raise unknown_items(db, [slug])
    return Item(*row)


def unknown_items(db: Database, slugs: Iterable[str]) -> errors.UnknownItem:
    names = ", ".join(f"'{slug}'" for slug in slugs)
    valid = ", ".join(item.slug for item in items(db))
    return errors.UnknownItem(f"No checklist item called {names}. Your items are: {valid}.")


def add_item(db: Database, slug: str, label: str, kind: str, now: str) -> Item:
    if not SLUG.match(slug):
        raise errors.InvalidInput(
            f"'{slug}' cannot be an item name: use lowercase letters, digits and single hyphens, "
            "like 'evening-walk'."
        )
    if kind not in ITEM_KINDS:
        raise errors.InvalidInput(f"An item's kind is 'restraint' or 'action', not '{kind}'.")
    existing = db.execute("SELECT retired_at FROM items WHERE slug = ?", [slug]).fetchone()
    if existing is not None:
        hint = (f" It is retired; `reconcile items restore {slug}` brings it back."
                if existing[0] else "")
        raise errors.InvalidInput(f"There is already an item called '{slug}'.{hint}")
    position = db.execute("SELECT coalesce(max(position), 0) + 1 FROM items").fetchone()[0]
    db["items"].insert(
        {"slug": slug, "label": label, "kind": kind, "position": position, "created_at": now}
    )
    return get_item(db, slug)


def rename_item(db: Database, slug: str, label: str) -> Item:
    get_item(db, slug)
    db["items"].update(slug, {"label": label})
    return get_item(db, slug)


def retire_item(db: Database, slug: str, now: str) -> Item:
    item = get_item(db, slug)
    if not item.active:
        raise errors.InvalidInput(f"'{slug}' is already retired.")
    db["items"].update(slug, {"retired_at": now})
    return get_item(db, slug)


def restore_item(db: Database, slug: str) -> Item:
    item = get_item(db, slug)
    if item.active:
        raise errors.InvalidInput(f"'{slug}' is not retired; it is already on your checklist.")
    db["items"].update(slug, {"retired_at": None})
    # Back on the list, at the end: it keeps its history but not its old place.
    _renumber(db, [i.slug for i in items(db) if i.slug != slug] + [slug])
    return get_item(db, slug)


def move_item(db: Database, slug: str, position: int) -> Item:
    """Put an active item at ``position`` (1-based) of the active checklist."""
    item = get_item(db, slug)
    if not item.active:
        raise errors.InvalidInput(f"'{slug}' is retired; restore it before moving it.")
    order = [i.slug for i in items(db) if i.slug != slug]
    order.insert(max(0, min(position, len(order) + 1) - 1), slug)
    _renumber(db, order)
    return get_item(db, slug)


def _renumber(db: Database, active_order: list[str]) -> None:
    retired = [i.slug for i in items(db, include_retired=True) if not i.active]
    for position, slug in enumerate(active_order + retired, start=1):
        db["items"].update(slug, {"position": position})


# --- marks -----------------------------------------------------------------------------------


def marks_on(db: Database, day: str) -> dict[str, Mark]:
    rows = db.execute(
        "SELECT day, item, status, note, updated_at FROM marks WHERE day = ?", [day]
    ).fetchall()
    return {row[1]: Mark(*row) for row in rows}


def set_marks(
    db: Database, day: str, changes: Mapping[str, tuple[str | None, str | None]], now: str
) -> None:
    """Apply ``{slug: (status, note)}`` for one day; a status of None clears the mark.

    Every slug must name an item; otherwise nothing is written and the error lists the valid ones.
    """
    known = {
        row[0]
        for row in db.execute(
            f"SELECT slug FROM items WHERE slug IN ({', '.join('?' * len(changes))})",
            list(changes),
        )
    }
    unknown = [slug for slug in changes if slug not in known]
    if unknown:
        raise unknown_items(db, unknown)
    for slug, (status, note) in changes.items():
        if status is None:
            db.execute("DELETE FROM marks WHERE day = ? AND item = ?", [day, slug])
        else:
            db["marks"].upsert(
                {"day": day, "item": slug, "status": status, "note": note, "updated_at": now},
                pk=("day", "item"),
            )


# --- reflection prompts and settings ---------------------------------------------------------


def offered_prompt(db: Database, day: str) -> str | None:
    row = db.execute("SELECT prompt FROM prompt_offers WHERE day = ?", [day]).fetchone()
    return row[0] if row else None


def prompt_offer_counts(db: Database) -> dict[str, int]:
    return dict(db.execute("SELECT prompt, count(*) FROM prompt_offers GROUP BY prompt").fetchall())


def record_prompt_offer(db: Database, day: str, prompt: str, now: str) -> None:
    db["prompt_offers"].insert({"day": day, "prompt": prompt, "offered_at": now}, ignore=True)


def load_day(db: Database, day: str) -> Day:
    """Everything about one day: entries, marks, and the items to show (active, plus retired
    items that were answered that day)."""
    marks = marks_on(db, day)
    shown = [item for item in items(db, include_retired=True) if item.active or item.slug in marks]
    return Day(date=day, entries=entries_on(db, day), items=shown, marks=marks)


# --- reading periods for summaries ------------------------------------------------------------


def entries_between(db: Database, start: str, end: str) -> list[tuple[str, int | None, str]]:
    """(day, mood, body) of the non-deleted entries from start to end, by day."""
    return db.execute(
        "SELECT day, mood, body FROM entries WHERE day BETWEEN ? AND ? AND deleted_at IS NULL "
        "ORDER BY day, seq", [start, end]
    ).fetchall()


def moods_between(db: Database, start: str | None, end: str) -> list[tuple[str, int, str]]:
    """Like entries_between, for rated entries only and without their text (insights)."""
    return db.execute(
        "SELECT day, mood, '' FROM entries WHERE day BETWEEN ? AND ? AND mood IS NOT NULL "
        "AND deleted_at IS NULL ORDER BY day", [start or "0000-00-00", end]
    ).fetchall()


def marks_between(db: Database, start: str | None, end: str) -> list[tuple[str, str, str]]:
    return db.execute(
        "SELECT day, item, status FROM marks WHERE day BETWEEN ? AND ? ORDER BY day",
        [start or "0000-00-00", end],
    ).fetchall()


def mark_histories(db: Database, until: str) -> dict[str, dict[dt.date, str]]:
    """Every item's marks up to ``until``, as {slug: {date: status}} (the streak walk)."""
    histories: dict[str, dict[dt.date, str]] = {}
    for day, item, status in db.execute(
        "SELECT day, item, status FROM marks WHERE day <= ? ORDER BY item, day", [until]
    ):
        histories.setdefault(item, {})[dt.date.fromisoformat(day)] = status
    return histories


def checkin_days(db: Database, until: str) -> list[dt.date]:
    """Days with a checklist answer or an entry, up to ``until``."""
    # Two DISTINCT scans walk their covering indexes in order; a UNION would sort every row.
    days = {day for (day,) in db.execute("SELECT DISTINCT day FROM marks WHERE day <= ?", [until])}
    days.update(day for (day,) in db.execute(
        "SELECT DISTINCT day FROM entries WHERE day <= ? AND deleted_at IS NULL", [until]))
    return sorted(dt.date.fromisoformat(day) for day in days)


def journey_start(db: Database) -> dt.date | None:
    """The journal's first day: the earliest day with an entry or a checklist answer."""
    day = db.execute(
        "SELECT min(day) FROM (SELECT min(day) AS day FROM entries WHERE deleted_at IS NULL "
        "UNION ALL SELECT min(day) FROM marks)"
    ).fetchone()[0]
    return dt.date.fromisoformat(day) if day else None
