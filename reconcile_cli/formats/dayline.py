"""The short line a Day One export adds to an entry so that moods and checklist answers are
not lost, and reading it back. Pure.

    reconcile: mood 6 · mood 4 at 08:10 · kept no-begging, self-care · missed no-blame

"mood N" is the entry's own mood; "mood N at HH:MM" a mood given that day with no words; the
answers are the day's, by item name (slug). It ends the text of the day's first entry (or is
the whole text of an entry of its own, on a day with no words), after a blank line. Day One
shows it as written; reconcile's importer takes it back into moods and answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reconcile_cli.core.kinds import STATUSES
from reconcile_cli.core.limits import is_slug

PREFIX = "reconcile: "
_RATING = re.compile(r"mood (10|[1-9]) at ([01]\d|2[0-3]):([0-5]\d)")
_OWN = re.compile(r"mood (10|[1-9])")


@dataclass
class DayLine:
    mood: int | None = None  # the entry's own
    ratings: list[tuple[int, str]] = field(default_factory=list)  # (mood, "HH:MM") without words
    answers: list[tuple[str, str]] = field(default_factory=list)  # (status, slug)

    def __bool__(self) -> bool:
        return self.mood is not None or bool(self.ratings) or bool(self.answers)


NOTHING = "nothing more"  # a line that says nothing, after words that would pass for one


def write(line: DayLine, after: str = "") -> str:
    """The line for ``line`` at the end of the text ``after``: "" when it says nothing, unless
    the text itself ends in what would be read as such a line (then one saying so)."""
    parts = [f"mood {line.mood}"] if line.mood is not None else []
    parts += [f"mood {mood} at {clock}" for mood, clock in line.ratings]
    for status in STATUSES:
        slugs = [slug for said, slug in line.answers if said == status]
        if slugs:
            parts.append(f"{status} {', '.join(slugs)}")
    if not parts and PREFIX in after and split(after)[0] != after:
        parts = [NOTHING]
    return PREFIX + " · ".join(parts) if parts else ""


def split(text: str) -> tuple[str, DayLine]:
    """(the text without its line, what the line said); the text as it is when it ends with
    no such line, or with one that says anything it could not have written."""
    at = text.rfind(PREFIX)
    if at < 0 or (at and text[at - 2:at] != "\n\n") or "\n" in text[at:]:
        return text, DayLine()
    line = DayLine()
    said = text[at + len(PREFIX):]
    for part in [] if said == NOTHING else said.split(" · "):
        rating, own = _RATING.fullmatch(part), _OWN.fullmatch(part)
        status, _, names = part.partition(" ")
        if rating:
            line.ratings.append((int(rating[1]), f"{rating[2]}:{rating[3]}"))
        elif own and line.mood is None and not line.ratings:
            line.mood = int(own[1])
        elif status in STATUSES and names and all(is_slug(n) for n in names.split(", ")):
            line.answers += [(status, slug) for slug in names.split(", ")]
        else:
            return text, DayLine()
    return text[:max(0, at - 2)], line
