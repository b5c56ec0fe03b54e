"""What `comfort` shows tonight: a few of the user's own good things, with variety.

Pure functions of rows and "today": no I/O, no clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from reconcile_cli.progress.sentences import (
    milestone_text,
)


def rotating(values: list[Any], day: dt.date, most: int) -> list[Any]:
    """``most`` of ``values`` for ``day``: a different window each night, in their own order."""
    if len(values) <= most:
        return list(values)
    start = (day.toordinal() * most) % len(values)
    return [values[(start + n) % len(values)] for n in range(most)]


VISION_LINES = 4  # the first lines of the vision that `comfort` shows


def vision_opening(version: int, saved_at: str, text: str) -> dict[str, Any]:
    """The first few lines of the current vision, and how many more there are to read."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return {"version": version, "saved_at": saved_at, "first_lines": lines[:VISION_LINES],
            "lines_left": max(0, len(lines) - VISION_LINES)}


def comfort_page(gratitude: list[tuple[str, str]], starred: list[dict[str, Any]],
                 milestones: list[dict[str, Any]], kept_days: int, who: dict[str, Any] | None,
                 today: dt.date, support: Sequence[tuple[str, str | None]] = (),
                 vision: dict[str, Any] | None = None) -> dict[str, Any]:
    """What `comfort` shows tonight: the people the user could call, a few of their own good
    things chosen with variety, and the opening of their vision."""
    return {
        "support": [{"name": name, "contact": contact} for name, contact in support],
        "gratitude": [{"day": day, "line": line} for day, line in rotating(gratitude, today, 3)],
        "starred": rotating(starred, today, 2),
        "milestones": [{**m, "text": milestone_text(m)} for m in milestones],
        "restraint_days_kept": kept_days,
        "who_i_want_to_be": who,
        "vision": vision,
    }
