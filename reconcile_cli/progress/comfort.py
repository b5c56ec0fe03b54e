"""What `comfort` shows tonight: a few of the user's own good things, with variety.

Pure functions of rows and "today": no I/O, no clock.
"""

from __future__ import annotations

import datetime as dt
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


def comfort_page(gratitude: list[tuple[str, str]], starred: list[dict[str, Any]],
            milestones: list[dict[str, Any]], kept_days: int, who: dict[str, Any] | None,
            today: dt.date) -> dict[str, Any]:
    """What `comfort` shows tonight: a few of the user's own good things, chosen with variety."""
    return {
        "gratitude": [{"day": day, "line": line} for day, line in rotating(gratitude, today, 3)],
        "starred": rotating(starred, today, 2),
        "milestones": [{**m, "text": milestone_text(m)} for m in milestones],
        "restraint_days_kept": kept_days,
        "who_i_want_to_be": who,
    }
