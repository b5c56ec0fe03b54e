"""The checklist: its items and the day's answers (marks)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from reconcile_cli.core import errors
from reconcile_cli.core.checklist import DEFAULT_ITEMS, DEFAULT_KEPT_BY, KEPT_BY_ACTS
from reconcile_cli.core.limits import is_slug
from reconcile_cli.core.models import ITEM_KINDS, Item, Mark
from reconcile_cli.journal.db import Journal
from reconcile_cli.store import rows


def seed_default_items(db: Journal, now: str) -> None:
    """Give a new journal the default checklist. Every new journal has it, so its items are
    stamped as if from before any change (the zero stamp): any item from another copy of the
    journal, changed or not, is taken over them."""
    from reconcile_cli.journal.clock import ZERO

    db.execute("UPDATE clock SET merging = 1")  # not a change of this computer's own
    for position, (slug, kind, label) in enumerate(DEFAULT_ITEMS, start=1):
        rows.insert(db, "items", {"slug": slug, "label": label, "kind": kind,
                                  "position": position, "created_at": now,
                                  "kept_by": DEFAULT_KEPT_BY.get(slug),
                                  "stamp": ZERO + "0", "vv": "{}"})
    db.execute("UPDATE clock SET merging = 0")


def items(db: Journal, *, include_retired: bool = False) -> list[Item]:
    where = "" if include_retired else "WHERE retired_at IS NULL"
    rows = db.execute(
        "SELECT slug, label, kind, position, created_at, retired_at, kept_by FROM items "
        f"{where} ORDER BY retired_at IS NOT NULL, position, slug"
    ).fetchall()
    return [Item(*row) for row in rows]


def get_item(db: Journal, slug: str) -> Item:
    row = db.execute(
        "SELECT slug, label, kind, position, created_at, retired_at, kept_by FROM items "
        "WHERE slug = ?",
        [slug],
    ).fetchone()
    if row is None:
        raise unknown_items(db, [slug])
    return Item(*row)


def unknown_items(db: Journal, slugs: Iterable[str]) -> errors.UnknownItem:
    names = ", ".join(f"'{slug}'" for slug in slugs)
    valid = ", ".join(item.slug for item in items(db))
    return errors.UnknownItem(f"No checklist item called {names}. Your items are: {valid}.")


def add_item(db: Journal, slug: str, label: str, kind: str, now: str,
             kept_by: str | None = None) -> Item:
    if not is_slug(slug):
        raise errors.InvalidInput(
            f"'{slug}' cannot be an item name: use lowercase letters, digits and single hyphens, "
            "like 'evening-walk'."
        )
    if kind not in ITEM_KINDS:
        raise errors.InvalidInput(f"An item's kind is 'restraint' or 'action', not '{kind}'.")
    if kept_by is not None and (kept_by not in KEPT_BY_ACTS or kind != "action"):
        raise errors.InvalidInput(
            "--kept-by is for an action item, and is one of gratitude, reflection or entry.")
    existing = db.execute("SELECT retired_at FROM items WHERE slug = ?", [slug]).fetchone()
    if existing is not None:
        hint = (f" It is retired; `reconcile items restore {slug}` brings it back."
                if existing[0] else "")
        raise errors.InvalidInput(f"There is already an item called '{slug}'.{hint}")
    position = db.execute("SELECT coalesce(max(position), 0) + 1 FROM items").fetchone()[0]
    rows.insert(db, "items", {"slug": slug, "label": label, "kind": kind, "position": position,
                              "created_at": now, "kept_by": kept_by})
    return get_item(db, slug)


def rename_item(db: Journal, slug: str, label: str) -> Item:
    get_item(db, slug)
    rows.update(db, "items", {"slug": slug}, {"label": label})
    return get_item(db, slug)


def retire_item(db: Journal, slug: str, now: str) -> Item:
    item = get_item(db, slug)
    if not item.active:
        raise errors.InvalidInput(f"'{slug}' is already retired.")
    rows.update(db, "items", {"slug": slug}, {"retired_at": now})
    return get_item(db, slug)


def restore_item(db: Journal, slug: str) -> Item:
    item = get_item(db, slug)
    if item.active:
        raise errors.InvalidInput(f"'{slug}' is not retired; it is already on your checklist.")
    rows.update(db, "items", {"slug": slug}, {"retired_at": None})
    # Back on the list, at the end: it keeps its history but not its old place.
    _renumber(db, [i.slug for i in items(db) if i.slug != slug] + [slug])
    return get_item(db, slug)


def move_item(db: Journal, slug: str, position: int) -> Item:
    """Put an active item at ``position`` (1-based) of the active checklist."""
    item = get_item(db, slug)
    if not item.active:
        raise errors.InvalidInput(f"'{slug}' is retired; restore it before moving it.")
    order = [i.slug for i in items(db) if i.slug != slug]
    order.insert(max(0, min(position, len(order) + 1) - 1), slug)
    _renumber(db, order)
    return get_item(db, slug)


def _renumber(db: Journal, active_order: list[str]) -> None:
    retired = [i.slug for i in items(db, include_retired=True) if not i.active]
    for position, slug in enumerate(active_order + retired, start=1):
        rows.update(db, "items", {"slug": slug}, {"position": position})


def marks_on(db: Journal, day: str) -> dict[str, Mark]:
    rows = db.execute(
        "SELECT day, item, status, note, updated_at FROM marks WHERE day = ?", [day]
    ).fetchall()
    return {row[1]: Mark(*row) for row in rows}


def set_marks(
    db: Journal, day: str, changes: Mapping[str, tuple[str | None, str | None]], now: str
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
            rows.upsert(
                db, "marks",
                {"day": day, "item": slug, "status": status, "note": note, "updated_at": now},
                pk=("day", "item"),
            )


def keep_by_acts(db: Journal, day: str, acts: Iterable[str], now: str) -> list[str]:
    """Mark kept, on ``day``, the active items ticked by these acts ("gratitude": a gratitude
    line was written, "reflection": the question was answered, "entry": words were written);
    the slugs of those that were not kept already. A note on the answer stays."""
    wanted = sorted(set(acts))
    if not wanted:
        return []
    slugs = [slug for (slug,) in db.execute(
        f"SELECT slug FROM items WHERE retired_at IS NULL AND kept_by IN "
        f"({', '.join('?' * len(wanted))}) ORDER BY position", wanted)]
    changed = []
    for slug in slugs:
        if db.execute("SELECT 1 FROM marks WHERE day = ? AND item = ? AND status = 'kept'",
                      [day, slug]).fetchone():
            continue
        db.execute("INSERT INTO marks (day, item, status, note, updated_at) VALUES "
                   "(?, ?, 'kept', NULL, ?) ON CONFLICT (day, item) DO UPDATE SET "
                   "status = 'kept', updated_at = excluded.updated_at", [day, slug, now])
        changed.append(slug)
    return changed
