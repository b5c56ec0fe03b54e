"""The journal's own settings: names, defaults, and what a valid value is. Stdlib only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reconcile_cli import errors


@dataclass(frozen=True)
class Setting:
    key: str
    default: str | None
    help: str
    # False for a setting that names a program to run or a path: a file from elsewhere must
    # never be able to make the journal run something.
    importable: bool = True


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("day_starts_at", "4",
                "Hour (0-6) the journal day begins: written before it, an entry belongs to the "
                "day before."),
        Setting("editor", None, "Command to write entries in (default: $VISUAL, then $EDITOR).",
                importable=False),
        Setting("journey_start", None,
                "First day of your journey (YYYY-MM-DD); week numbers and milestones count from "
                "it. Default: the day of your first entry or answer."),
    )
}


def check_key(key: str) -> Setting:
    if key not in SETTINGS:
        raise errors.InvalidInput(
            f"There is no setting called '{key}'. Settings: {', '.join(SETTINGS)}."
        )
    return SETTINGS[key]


def validate(key: str, value: str, today: dt.date) -> str:
    """The value as stored, or an InvalidInput naming what is accepted."""
    check_key(key)
    value = value.strip()
    if key == "day_starts_at":
        if not (value.isascii() and value.isdigit() and len(value) <= 2
                and 0 <= int(value) <= 6):
            raise errors.InvalidInput("day_starts_at is an hour from 0 to 6, like 4.")
        return str(int(value))
    if key == "journey_start":
        try:
            day = dt.date.fromisoformat(value) if len(value) == 10 else None
        except ValueError:
            day = None
        if day is None or day.year < 1900:
            raise errors.InvalidInput("journey_start is a date, like 2026-09-01.")
        if day > today:
            raise errors.InvalidInput(
                f"journey_start cannot be after today ({today.isoformat()}).")
        return day.isoformat()
    if not value:
        raise errors.InvalidInput(f"{key} cannot be empty.")
    return value
