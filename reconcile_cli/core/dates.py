"""Journal days: parsing what people type for a date, and the days around it. Pure, stdlib only."""

from __future__ import annotations

import datetime as dt

EARLIEST_DAY = dt.date(1900, 1, 1)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ACCEPTED_FORMS = (
    "YYYY-MM-DD, today, yesterday, -N (N days ago), a weekday name, or words like "
    "'last friday', '3 days ago' or 'nov 3'"
)
_NATURAL_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789 ,./-")


class DateError(ValueError):
    """A date that cannot be used; the message is shown to the user as-is."""


def parse_day(text: str, today: dt.date, *, latest: dt.date | None = None) -> dt.date:
    """Turn what the user typed into a journal day, relative to ``today``.

    A weekday name means the most recent such day strictly before today, so on a Monday
    ``monday`` is a week ago. A date without a year ("dec 9", "13/12") is the nearest such day;
    when that one is still to come it is refused, never moved a year back in silence. Days
    after today and before 1900 are refused.

    With ``latest`` after today (planning a pause), days up to it are taken: then a weekday
    name, "next WEEKDAY" and "this WEEKDAY" mean the coming one, "tomorrow" is taken, and a
    date without a year that is still to come is this year's.
    """
    latest = latest or today
    coming = latest > today
    value = " ".join(text.lower().split())
    day = _coming(value, today) if coming else None
    if day is None:
        day = _parse(value, today)
    if day is None:
        day = _parse_natural(value, text, today, coming)
    if day is None:
        raise DateError(f"'{text}' is not a date I understand. Use {ACCEPTED_FORMS}.")
    if day > latest:
        if coming:
            raise DateError(f"{long_date(day.isoformat())} is more than "
                            f"{(latest - today).days} days ahead.")
        raise DateError(
            f"{day.isoformat()} is in the future; the journal only holds days up to today "
            f"({today.isoformat()})."
        )
    if day < EARLIEST_DAY:
        raise DateError(f"{day.isoformat()} is too far in the past for a journal day.")
    return day


def _coming(value: str, today: dt.date) -> dt.date | None:
    """Words for a day ahead: tomorrow, a weekday (the coming one, never today), "next
    friday", "this friday"."""
    if value == "tomorrow":
        return today + dt.timedelta(days=1)
    name = value.removeprefix("next ").removeprefix("this ")
    if name in WEEKDAYS:
        return today + dt.timedelta(days=(WEEKDAYS.index(name) - today.weekday()) % 7 or 7)
    return None


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


def long_date(day: str) -> str:
    """2026-11-22 as "Sunday 22 November 2026"."""
    date = dt.date.fromisoformat(day)
    return f"{date:%A} {date.day} {date:%B %Y}"


MONTH_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
               "dec")


def _parse_natural(value: str, text: str, today: dt.date, coming: bool = False
                   ) -> dt.date | None:
    """Words like "last friday" or "nov 3", through dateparser (imported only when needed)."""
    import re

    if not value or set(value) - _NATURAL_CHARACTERS:
        return None
    numeric = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})([/.-]\d{2,4})?", value)
    if numeric and int(numeric[1]) <= 12 and int(numeric[2]) <= 12 and numeric[1] != numeric[2]:
        raise DateError(
            f"'{text}' could be read two ways (day/month or month/day). "
            "Write it as YYYY-MM-DD, or like 'nov 3'."
        )
    if not numeric and not any(c.isalpha() for c in value):
        # Numbers alone ("13 13", "5 13") leave dateparser to guess which is the day, the month
        # and the year; only YYYY-MM-DD and an unambiguous day/month are taken without words.
        raise DateError(f"'{text}' could mean more than one day; write it as YYYY-MM-DD, or like "
                        "'nov 3'.")
    from dateparser.date import DateDataParser

    noon = dt.datetime.combine(today, dt.time(12))
    parser = DateDataParser(languages=["en"], settings={
        "PREFER_DATES_FROM": "past", "RELATIVE_BASE": noon, "RETURN_AS_TIMEZONE_AWARE": False})
    found = parser.get_date_data(value)
    if found.date_obj is None:
        return None
    if found.period != "day" and not value.endswith(" ago"):
        raise DateError(
            f"'{text}' names a {found.period}, not a day. Try something like 'nov 3', "
            "'last friday' or '2 weeks ago'."
        )
    day: dt.date = found.date_obj.date()  # dateparser is untyped: date_obj is a datetime
    without_year = (numeric[3] is None if numeric else
                    not re.search(r"\d{4}", value)
                    and any(word[:3] in MONTH_WORDS for word in re.findall(r"[a-z]+", value)))
    return _nearest_of_year(day, today, text, coming) if without_year else day


def _nearest_of_year(day: dt.date, today: dt.date, text: str, coming: bool) -> dt.date:
    """A date given without a year ("dec 9"): this year's, unless that is still to come. Then
    last year's when that is the nearer ("dec 9" in January: the December just gone), and
    otherwise it is refused, never moved a year back in silence. When planning (``coming``),
    simply the nearest, before or after today."""
    def in_year(year: int) -> dt.date | None:
        try:
            return day.replace(year=year)
        except ValueError:  # 29 February, in a year without one
            return None

    years = [found for year in (today.year - 1, today.year, today.year + 1)
             if (found := in_year(year)) is not None]
    if not years:
        return day
    if coming:
        return min(years, key=lambda found: (abs((found - today).days), found))
    this_year = in_year(today.year)
    if this_year is None or this_year <= today:
        return this_year or day
    year_before = in_year(today.year - 1) or day
    if (this_year - today) > (today - year_before):
        return year_before
    raise DateError(f"{this_year.day} {this_year:%B} is still to come; say "
                    f"{year_before.isoformat()} for last year.")


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


def journal_day(moment: dt.datetime, day_starts_at: int) -> dt.date:
    """The journal day a moment belongs to: before ``day_starts_at`` o'clock, the day before."""
    return (moment - dt.timedelta(hours=day_starts_at)).date()


def instant(value: str) -> dt.datetime:
    """An ISO 8601 timestamp as an aware datetime (naive ones are taken as local time)."""
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return moment if moment.tzinfo else moment.astimezone()
    except (ValueError, OverflowError, OSError):
        shown = value[:40] + ("…" if len(value) > 40 else "")
        raise ValueError(f"{shown!r} is not an ISO 8601 timestamp") from None


def hours_after(moment: dt.datetime, hours: str | None) -> str:
    """The timestamp ``hours`` (a setting's text; 24 when unset) after ``moment``: when a letter
    written at ``moment`` may be reread."""
    return timestamp(moment + dt.timedelta(hours=int(hours or "24")))


def parse_moment(text: str) -> dt.datetime:
    """A pinned "now" (RECONCILE_NOW): ISO 8601, local time when no offset is given."""
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise DateError(f"'{text}' is not an ISO 8601 date and time.") from None
    return moment if moment.tzinfo else moment.astimezone()


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day of the month ``months`` earlier, clamped to that month's length."""
    import calendar

    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


LOOKBACKS = (("A week ago", 0), ("A month ago", 1), ("Three months ago", 3), ("A year ago", 12))


def lookback_targets(day: dt.date) -> list[tuple[str, dt.date]]:
    return [(label, day - dt.timedelta(days=7) if months == 0 else months_before(day, months))
            for label, months in LOOKBACKS]


def nearest(target: dt.date, candidates: list[dt.date], within: int = 3) -> dt.date | None:
    """The candidate closest to ``target`` (earlier wins a tie), at most ``within`` days away."""
    close = [c for c in candidates if abs((c - target).days) <= within]
    return min(close, key=lambda c: (abs((c - target).days), c)) if close else None
