"""Turning the journal's record stream (store.export_records) into text, line by line. Pure."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable, Iterator
from typing import Any

from reconcile_cli.core.dates import long_date
from reconcile_cli.core.models import Entry, ExportRecord, Item, Mark
from reconcile_cli.core.prompts import question_of
from reconcile_cli.core.words import MOOD_PLACES
from reconcile_cli.formats import interchange

DayRecords = tuple[str, list[Entry], dict[str, Mark]]  # (day, its entries, {item: its mark})


def jsonl(records: Iterable[dict[str, Any]], exported_at: str) -> Iterator[str]:
    """The interchange format: a header, then each record on a line of its own."""
    yield interchange.dumps(interchange.header(exported_at))
    for record in records:
        yield interchange.dumps(record)


def by_day(records: Iterable[ExportRecord]) -> tuple[list[Item], Iterator[DayRecords]]:
    """(items, iterator of (day, entries, marks)) from the record stream; trash left out."""
    records = iter(records)
    items: list[Item] = []
    rest: list[ExportRecord] = []
    for kind, record in records:
        if not isinstance(record, Item):
            rest = [(kind, record)]
            break
        items.append(record)
    dated = (record for _, record in itertools.chain(rest, records)
             if isinstance(record, (Entry, Mark)))

    def days() -> Iterator[DayRecords]:
        for day, group in itertools.groupby(dated, key=lambda record: record.day):
            day_records = list(group)
            entries = [r for r in day_records if isinstance(r, Entry) and r.deleted_at is None]
            marks = {r.item: r for r in day_records if isinstance(r, Mark)}
            if entries or marks:
                yield day, entries, marks

    return sorted(items, key=lambda item: item.position), days()


def markdown(records: Iterable[ExportRecord]) -> Iterator[str]:
    """A readable journal: one section per day with its mood, checklist and entries."""
    items, days = by_day(records)
    labels = {item.slug: item.label for item in items}
    yield "# My journal"
    for day, entries, marks in days:
        yield ""
        yield f"## {long_date(day)}"
        moods = [e.mood for e in entries if e.mood is not None]
        if moods:
            yield ""
            yield f"Mood: {round(sum(moods) / len(moods), MOOD_PLACES):g}"
        if marks:
            yield ""
            for item in items:
                mark = marks.get(item.slug)
                if mark:
                    note = f" ({mark.note})" if mark.note else ""
                    yield f"- {mark.status}: {labels[item.slug]}{note}"
        for entry in entries:
            if not entry.body.strip():  # a rating, not an entry
                if entry.mood is not None:
                    yield ""
                    when = f"({entry.when})" if entry.written_later else f"at {entry.time}"
                    yield f"Mood {entry.mood} {when}, with no words."
                continue
            title = f"### {entry.when} · {entry.kind}"
            if entry.mood is not None:
                title += f" · mood {entry.mood}"
            yield ""
            yield title
            question = question_of(entry.prompt)
            if question:
                yield ""
                yield f"> {question}"
            yield ""
            yield entry.body


def csv_rows(records: Iterable[ExportRecord]) -> Iterator[str]:
    """One row per day: the numbers, then a column per checklist item."""
    items, days = by_day(records)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")

    def row(values: list[object]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(values)
        return buffer.getvalue().rstrip("\n")

    yield row(["date", "mood", "mood_min", "mood_max", "entries", "words",
               *[item.slug for item in items]])
    for day, entries, marks in days:
        moods = [e.mood for e in entries if e.mood is not None]
        yield row([
            day,
            f"{round(sum(moods) / len(moods), MOOD_PLACES):g}" if moods else "",
            min(moods) if moods else "", max(moods) if moods else "",
            len(entries), sum(len(e.body.split()) for e in entries),
            *[marks[item.slug].status if item.slug in marks else "" for item in items],
        ])
