"""The journal's own settings: names, defaults, and what a valid value is. Stdlib only."""

from __future__ import annotations

import datetime as dt

from reconcile_cli.core import errors
from reconcile_cli.core.records import record

MOST_COOLING_HOURS = 720  # a letter is sealed at most this long after it was written


@record
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
        Setting("gentle_net", "on",
                "on or off: after a mood of 1, or words of wanting to die, a short message "
                "with your support list and a crisis line (once a day; nothing is sent)."),
        Setting("crisis_line", None,
                "The crisis line to show on a hard day, e.g. '988 (call or text)'. Default: "
                "one for your locale, else your local emergency number."),
        Setting("drawer_cooling_hours", "24",
                "Hours a letter in the drawer stays sealed before you can reread it (0-720)."),
        Setting("nudge_after", None,
                "HH:MM: after this time, `reconcile nudge` says once that the day's check-in is "
                "waiting (for your shell's start-up). Unset: off."),
        # each computer's own: never synced or imported
        Setting("sync_auto", "on",
                "on or off: with a sync folder linked, every command takes in other computers' "
                "changes and writes its own; off leaves it to `reconcile sync`.",
                importable=False),
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
    if key == "drawer_cooling_hours":
        if not (value.isascii() and value.isdigit() and len(value) <= 3
                and int(value) <= MOST_COOLING_HOURS):
            raise errors.InvalidInput("drawer_cooling_hours is a number of hours from 0 to 720.")
        return str(int(value))
    if key in ("gentle_net", "sync_auto"):
        if value.lower() not in ("on", "off"):
            raise errors.InvalidInput(f"{key} is on or off.")
        return value.lower()
    if key == "nudge_after":
        hour, sep, minute = value.partition(":")
        if not (sep and hour.isascii() and hour.isdigit() and minute.isascii()
                and minute.isdigit() and len(minute) == 2 and int(hour) < 24
                and int(minute) < 60):
            raise errors.InvalidInput("nudge_after is a time of day, like 21:00.")
        return f"{int(hour):02d}:{minute}"
    if key == "crisis_line" and len(value) > 200:
        raise errors.InvalidInput("crisis_line holds up to 200 characters.")
    if not value:
        raise errors.InvalidInput(f"{key} cannot be empty.")
    return value
