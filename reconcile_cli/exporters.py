"""Turning the journal's record stream (store.export_records) into text, line by line. Pure."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable, Iterator

from reconcile_cli import interchange
from reconcile_cli.dates import long_date
from reconcile_cli.models import Item


def jsonl(records: Iterable[tuple[str, object]], exported_at: str) -> Iterator[str]:
    yield interchange.dumps(interchange.header(exported_at))
    shape = {"item": interchange.item_record, "entry": interchange.entry_record,
             "mark": interchange.mark_record,
             "setting": lambda pair: interchange.setting_record(*pair)}
    for kind, record in records:
        yield interchange.dumps(shape[kind](record))


def _by_day(records: Iterable[tuple[str, object]]):
    """(items, iterator of (day, entries, marks)) from the record stream; trash left out."""
    records = iter(records)
    items: list[Item] = []
    rest: list = []
    for kind, record in records:
        if kind != "item":
            rest = [(kind, record)]
            break
        items.append(record)
    dated = (pair for pair in itertools.chain(rest, records) if pair[0] in ("entry", "mark"))

    def days():
        for day, pairs in itertools.groupby(dated, key=lambda pair: pair[1].day):
            pairs = list(pairs)
            entries = [r for k, r in pairs if k == "entry" and r.deleted_at is None]
            marks = {r.item: r for k, r in pairs if k == "mark"}
            if entries or marks:
                yield day, entries, marks

    return sorted(items, key=lambda item: item.position), days()


def markdown(records: Iterable[tuple[str, object]]) -> Iterator[str]:
    """A readable journal: one section per day with its mood, checklist and entries."""
    items, days = _by_day(records)
    labels = {item.slug: item.label for item in items}
    yield "# My journal"
    for day, entries, marks in days:
        yield ""
        yield f"## {long_date(day)}"
        moods = [e.mood for e in entries if e.mood is not None]
        if moods:
            yield ""
            yield f"Mood: {round(sum(moods) / len(moods), 2):g}"
        if marks:
            yield ""
            for item in items:
                mark = marks.get(item.slug)
                if mark:
                    note = f" ({mark.note})" if mark.note else ""
                    yield f"- {mark.status}: {labels[item.slug]}{note}"
        for entry in entries:
            title = f"### {entry.time} · {entry.kind}"
            if entry.mood is not None:
                title += f" · mood {entry.mood}"
            yield ""
            yield title
            if entry.body:
                yield ""
                yield entry.body


def csv_rows(records: Iterable[tuple[str, object]]) -> Iterator[str]:
    """One row per day: the numbers, then a column per checklist item."""
    items, days = _by_day(records)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")

    def row(values: list) -> str:
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
            f"{round(sum(moods) / len(moods), 2):g}" if moods else "",
            min(moods) if moods else "", max(moods) if moods else "",
            len(entries), sum(len(e.body.split()) for e in entries),
            *[marks[item.slug].status if item.slug in marks else "" for item in items],
        ])
