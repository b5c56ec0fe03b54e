"""Plain, frozen records that every layer passes around. Stdlib only."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reconcile_cli.core.kinds import (
    ENTRY_KINDS as ENTRY_KINDS,  # re-exported
    ITEM_KINDS as ITEM_KINDS,
    STATUSES as STATUSES,
)
from reconcile_cli.core.records import fields_of, record


@record
class Entry:
    id: str
    day: str
    created_at: str
    updated_at: str
    kind: str
    prompt: str | None
    body: str
    mood: int | None
    deleted_at: str | None = None
    starred: bool = False
    copy_of: str | None = None  # a conflicting copy of: an entry, "note DAY ITEM", "support NAME"
    edited_at: str | None = None  # when `edit` last changed it (a star or the trash is no edit)

    def __post_init__(self) -> None:
        object.__setattr__(self, "starred", bool(self.starred))  # SQLite gives 0 or 1

    @property
    def short_id(self) -> str:
        return self.id.replace("-", "")[:8]

    @property
    def time(self) -> str:
        """HH:MM of created_at, in the zone it was written in."""
        return self.created_at[11:16]

    @property
    def written_later(self) -> bool:
        """Written on a later day than the one it belongs to (a day filled in afterwards).
        Until six in the morning it is still the night before: a journal day may begin as
        late as 6 o'clock (day_starts_at)."""
        import datetime as dt

        try:  # a stored or imported timestamp may be anything: then it is no later day
            written = dt.date.fromisoformat(self.created_at[:10])
            day = dt.date.fromisoformat(self.day)
        except ValueError:
            return False
        if written <= day:
            return False
        return written > day + dt.timedelta(days=1) or self.created_at[11:13] >= "06"

    @property
    def when(self) -> str:
        """When it was written, as a view shows it: "21:40", or "added later, on 7 Dec" for
        an entry written after its day, whose clock time would say nothing about that day."""
        if not self.written_later:
            return self.time
        import datetime as dt

        written = dt.date.fromisoformat(self.created_at[:10])
        return f"added later, on {written.day} {written:%b}"

    def to_dict(self) -> dict[str, Any]:
        return fields_of(self)


@record
class Found:
    """One search result: an entry, or a note written about a slip (its item's slug and words),
    with the words around the hits and how well it matched (bm25: lower is better)."""

    day: str
    snippet: str
    score: float = 0.0
    entry: Entry | None = None
    item: str | None = None
    label: str | None = None


@record
class Item:
    slug: str
    label: str
    kind: str
    position: int
    created_at: str
    retired_at: str | None = None
    kept_by: str | None = None  # "gratitude", "reflection" or "entry": ticked by that act

    @property
    def active(self) -> bool:
        return self.retired_at is None

    def to_dict(self) -> dict[str, Any]:
        return fields_of(self)


@record
class Mark:
    day: str
    item: str
    status: str
    note: str | None
    updated_at: str

    def to_dict(self) -> dict[str, Any]:
        return fields_of(self)


@record
class Tombstone:
    """An entry deleted for good: its id and when, and nothing of what it said."""

    id: str
    deleted_at: str

    def to_dict(self) -> dict[str, Any]:
        return fields_of(self)


@record
class Prompt:
    slug: str
    theme: str
    text: str


@dataclass(frozen=True)
class Day:
    """One journal day at a glance: what ``today`` shows and ``today --json`` prints."""

    date: str
    entries: list[Entry]
    items: list[Item]
    marks: dict[str, Mark] = field(default_factory=dict)

    @property
    def moods(self) -> list[int]:
        return [e.mood for e in self.entries if e.mood is not None]

    @property
    def mood(self) -> float | None:
        moods = self.moods
        from reconcile_cli.core.words import MOOD_PLACES

        return round(sum(moods) / len(moods), MOOD_PLACES) if moods else None

    def status_of(self, slug: str) -> str | None:
        mark = self.marks.get(slug)
        return mark.status if mark else None

    def counts(self) -> dict[str, int]:
        counts = {status: 0 for status in STATUSES}
        counts["unanswered"] = 0
        for item in self.items:
            counts[self.status_of(item.slug) or "unanswered"] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        moods = self.moods
        return {
            "date": self.date,
            "mood": self.mood,
            "mood_min": min(moods) if moods else None,
            "mood_max": max(moods) if moods else None,
            "marks": [
                {
                    "item": item.slug,
                    "label": item.label,
                    "kind": item.kind,
                    "status": self.status_of(item.slug),
                    "note": self.marks[item.slug].note if item.slug in self.marks else None,
                }
                for item in self.items
            ],
            "entries": [entry.to_dict() for entry in self.entries],
        }


# What store.export_records streams: (kind, record), where kind is "item", "entry", "mark",
# "tombstone", "setting" or "support" and the record the Item, Entry, Mark or Tombstone, for a
# setting its (key, value), for a person on the support list (name, contact, position, created).
@record
class Letter:
    id: str
    day: str
    created_at: str
    updated_at: str
    recipient: str | None
    body: str
    sealed_until: str
    status: str
    answer: str | None
    offered_at: str | None
    answered_at: str | None

    @property
    def short_id(self) -> str:
        return self.id[:8]

    def sealed(self, now: str) -> bool:
        """Still in its cooling-off at ``now`` (timestamps compare as instants: see callers)."""
        from reconcile_cli.core.dates import instant

        try:
            return instant(now) < instant(self.sealed_until)
        except ValueError:  # a stored value no check let in: not sealed, so it can be let go
            return False

    def to_dict(self, now: str) -> dict[str, Any]:
        sealed = self.sealed(now)
        shown: dict[str, Any] = {"id": self.id, "day": self.day, "to": self.recipient,
                                 "sealed": sealed, "status": self.status,
                                 "sealed_until": self.sealed_until, "answer": self.answer}
        if not sealed:
            shown["body"] = self.body
        return shown


@record
class VisionVersion:
    id: str
    version: int
    saved_at: str
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


SupportPerson = tuple[str, "str | None", int, str]
ExportRecord = tuple[
    str, "Item | Entry | Mark | Tombstone | tuple[str, str] | SupportPerson | Letter | "
    "VisionVersion | dict[str, Any]"]
