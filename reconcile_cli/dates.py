"""Journal days: parsing what people type for a date, and the days around it. Pure, stdlib only."""

from __future__ import annotations

import datetime as dt

EARLIEST_DAY = dt.date(1900, 1, 1)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ACCEPTED_FORMS = "YYYY-MM-DD, today, yesterday, -N (N days ago) or a weekday name"


class DateError(ValueError):
    """A date that cannot be used; the message is shown to the user as-is."""


def parse_day(text: str, today: dt.date) -> dt.date:
    """Turn what the user typed into a journal day, relative to ``today``.

    A weekday name means the most recent such day strictly before today, so on a Monday
    ``monday`` is a week ago. Days after today and before 1900 are refused.
    """
    value = text.strip().lower()
    day = _parse(value, today)
    if day is None:
        raise DateError(f"'{text}' is not a date I understand. Use {ACCEPTED_FORMS}.")
    if day > today:
        raise DateError(
            f"{day.isoformat()} is in the future; the journal only holds days up to today "
            f"({today.isoformat()})."
        )
    if day < EARLIEST_DAY:
        raise DateError(f"{day.isoformat()} is too far in the past for a journal day.")
    return day


def _parse(value: str, today: dt.date) -> dt.date | None:
    if value == "today":
        return today
    if value == "yesterday":
        return today - dt.timedelta(days=1)
    if value.startswith("-") and value[1:].isdigit():
        days_ago = int(value[1:])
        if days_ago > 365 * 200:
            return dt.date.min
        return today - dt.timedelta(days=days_ago)
    if value in WEEKDAYS:
        back = (today.weekday() - WEEKDAYS.index(value)) % 7 or 7
        return today - dt.timedelta(days=back)
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise DateError(
                f"'{value}' is not a day on the calendar. Use {ACCEPTED_FORMS}."
            ) from None
    return None


def parse_today(text: str) -> dt.date:
    """The pinned "today" of ``--today``/``RECONCILE_TODAY``: strictly YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise DateError(f"'{text}' is not a YYYY-MM-DD date.") from None


def now_local() -> dt.datetime:
    """The current instant, in local time with its UTC offset (what created_at records)."""
    return dt.datetime.now().astimezone().replace(microsecond=0)


def timestamp(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def local_zone_name() -> str | None:
    """The IANA name of the local time zone when it can be known (TZ, or /etc/localtime)."""
    import os

    name = os.environ.get("TZ", "").lstrip(":")
    if "/" in name and not name.startswith("/"):
        return name
    try:
        target = os.path.realpath("/etc/localtime")
    except OSError:
        return None
    _, found, zone = target.partition("zoneinfo/")
    return zone if found and zone else None
