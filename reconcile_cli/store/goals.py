"""Goals in five areas of life, and the small steps they are made of."""

from __future__ import annotations

import uuid
from typing import Any

from reconcile_cli.journal.db import Journal
from reconcile_cli.store.lookup import one_by_prefix


def goals_with_steps(db: Journal) -> list[dict[str, Any]]:
    """Every goal with its steps and, for each step, the days it was done (a daily step: the
    days its checklist item was kept), oldest first."""
    goals = [dict(zip(("id", "area", "text", "created_at", "dropped_at"), row, strict=True))
             for row in db.execute("SELECT id, area, text, created_at, dropped_at FROM goals "
                                   "ORDER BY created_at, rowid")]
    steps = [dict(zip(("id", "goal", "text", "created_at", "dropped_at", "item"), row,
                      strict=True))
             for row in db.execute("SELECT id, goal, text, created_at, dropped_at, item FROM "
                                   "steps ORDER BY created_at, rowid")]
    done: dict[str, list[str]] = {}
    for step, day in db.execute("SELECT step, day FROM steps_done ORDER BY day"):
        done.setdefault(step, []).append(day)
    for step in steps:
        if step["item"]:
            step["done"] = [day for (day,) in db.execute(
                "SELECT day FROM marks WHERE item = ? AND status = 'kept' ORDER BY day",
                [step["item"]])]
        else:
            step["done"] = done.get(step["id"], [])
    for goal in goals:
        goal["steps"] = [step for step in steps if step["goal"] == goal["id"]]
    return goals


def add_goal(db: Journal, area: str, text: str, now: str) -> str:
    goal_id = str(uuid.uuid4())
    db.execute("INSERT INTO goals (id, area, text, created_at) VALUES (?, ?, ?, ?)",
               [goal_id, area, text, now])
    return goal_id


def add_step(db: Journal, goal: str, text: str, now: str, item: str | None = None) -> str:
    step_id = str(uuid.uuid4())
    db.execute("INSERT INTO steps (id, goal, text, created_at, item) VALUES (?, ?, ?, ?, ?)",
               [step_id, goal, text, now, item])
    return step_id


def find_goal_or_step(db: Journal, table: str, prefix: str) -> tuple[str, str, str | None]:
    """(id, text, item or None) of the goal or step whose id starts with ``prefix``."""
    item = "item" if table == "steps" else "NULL"
    found = one_by_prefix(db, table, f"id, text, {item}", prefix,
                          "goal" if table == "goals" else "step", "`reconcile goals`")
    return found[0], found[1], found[2]


def mark_done(db: Journal, step: str, day: str) -> bool:
    return bool(db.execute("INSERT OR IGNORE INTO steps_done (step, day) VALUES (?, ?)",
                           [step, day]).rowcount)


def drop(db: Journal, table: str, row_id: str, now: str) -> None:
    db.execute(f"UPDATE {table} SET dropped_at = ? WHERE id = ?", [now, row_id])


def steps_done_between(db: Journal, start: str, end: str) -> list[str]:
    """The days a step was done from start to end, one per step done (daily steps included)."""
    days = [day for (day,) in db.execute(
        "SELECT day FROM steps_done WHERE day BETWEEN ? AND ?", [start, end])]
    days += [day for (day,) in db.execute(
        "SELECT m.day FROM marks m JOIN steps s ON s.item = m.item WHERE m.status = 'kept' "
        "AND m.day BETWEEN ? AND ?", [start, end])]
    return sorted(days)


def export_goals(db: Journal) -> list[tuple[str, dict[str, Any]]]:
    records: list[tuple[str, dict[str, Any]]] = []
    for row in db.execute("SELECT id, area, text, created_at, dropped_at FROM goals "
                          "ORDER BY created_at, rowid"):
        records.append(("goal", dict(zip(("id", "area", "text", "created_at", "dropped_at"),
                                         row, strict=True))))
    for row in db.execute("SELECT id, goal, text, created_at, dropped_at, item FROM steps "
                          "ORDER BY created_at, rowid"):
        records.append(("step", dict(zip(("id", "goal", "text", "created_at", "dropped_at",
                                          "item"), row, strict=True))))
    for step, day in db.execute("SELECT step, day FROM steps_done ORDER BY day, step"):
        records.append(("step_done", {"step": step, "day": day}))
    return records


def free_slug(db: Journal, text: str) -> str:
    """An item name made from a step's words, not taken by any item (retired ones too)."""
    import re

    base = "-".join(re.findall(r"[a-z0-9]+", text.lower()))[:40].strip("-") or "step"
    taken = {slug for (slug,) in db.execute("SELECT slug FROM items")}
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
