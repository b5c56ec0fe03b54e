"""Slips (a restraint item answered missed): their spacing, and whether it grows.

Pure functions of rows and "today": no I/O, no clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from reconcile_cli.progress.numbers import (
    mean,
    rounded,
)


def slip_rows(rows: Iterable[tuple[str, str, str | None]]) -> Iterator[dict[str, Any]]:
    """Each slip with the days since the same item's previous one (None for its first), one at
    a time as the slips come, oldest first."""
    last: dict[str, dt.date] = {}
    for day, item, note in rows:
        date = dt.date.fromisoformat(day)
        since = (date - last[item]).days if item in last else None
        last[item] = date
        yield {"day": day, "item": item, "note": note, "days_since_previous": since}


SLIP_WINDOW = 3  # gaps compared: the last three against the three before them


def slip_trend(slip_days: Iterable[str], start: dt.date, as_of: dt.date) -> dict[str, Any]:
    """How far apart slips have been lately (on any restraint item), for one line of a summary:
    the slips from ``start`` to ``as_of``, the mean gap between the last few slip days and
    between the few before, and whether they are getting further apart."""
    days = sorted({dt.date.fromisoformat(day) for day in slip_days
                   if dt.date.fromisoformat(day) <= as_of})
    in_period = sum(1 for day in days if start <= day)
    gaps = [(later - earlier).days for earlier, later in zip(days, days[1:], strict=False)]
    recent = gaps[-SLIP_WINDOW:]
    earlier = gaps[-2 * SLIP_WINDOW:-SLIP_WINDOW]
    recent_gap = rounded(mean(recent), 1) if recent else None
    earlier_gap = rounded(mean(earlier), 1) if len(earlier) == SLIP_WINDOW else None
    trend = None
    if recent_gap is not None and earlier_gap is not None:
        trend = ("further apart" if recent_gap > earlier_gap * 1.2
                 else "closer together" if recent_gap < earlier_gap / 1.2 else "about the same")
    since_last = (as_of - days[-1]).days if days else None
    return {"in_period": in_period, "recent_gap": recent_gap, "earlier_gap": earlier_gap,
            "trend": trend, "days_since_last": since_last}
