"""The journal as a folder of Markdown notes, one file a day (2026/12/2026-12-07.md): what
Obsidian, Logseq and plain folders of notes read. Pure: it makes the files' paths and text.

Each file opens with YAML front matter (the day, its mood, its @tags and its checklist answers,
every string quoted, so a tag named "no" or "null" stays a word), then the checklist with its
notes and the day's entries under their times. Letters, the vision, goals and the trash are not
written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from reconcile_cli.core.dates import long_date
from reconcile_cli.core.models import Entry, ExportRecord, Item, Mark
from reconcile_cli.core.prompts import question_of
from reconcile_cli.formats.exporters import by_day
from reconcile_cli.formats.sources import tags_in


def day_files(records: Iterable[ExportRecord]) -> Iterator[tuple[str, bytes]]:
    """(path in the folder, the file's bytes) for each day that holds anything."""
    items, days = by_day(records)
    for day, entries, marks in days:
        text = "\n".join(page(day, entries, marks, items)) + "\n"
        yield f"{day[:4]}/{day[5:7]}/{day}.md", text.encode("utf-8")


def page(day: str, entries: list[Entry], marks: dict[str, Mark], items: list[Item]
         ) -> Iterator[str]:
    moods = [entry.mood for entry in entries if entry.mood is not None]
    tags = sorted(set().union(*(tags_in(entry.body) for entry in entries)))
    ordered = [item for item in items if item.slug in marks]
    yield "---"
    yield f"date: {day}"
    if moods:
        yield f"mood: {round(sum(moods) / len(moods), 2):g}"
    if tags:
        yield f"tags: [{', '.join(json.dumps(tag, ensure_ascii=False) for tag in tags)}]"
    if ordered:
        yield "checklist:"
        for item in ordered:
            yield f"  {json.dumps(item.slug)}: {json.dumps(marks[item.slug].status)}"
    yield "---"
    yield ""
    yield f"# {long_date(day)}"
    if ordered:
        yield ""
        yield "## Checklist"
        yield ""
        for item in ordered:
            mark = marks[item.slug]
            note = f" ({mark.note})" if mark.note else ""
            yield f"- {mark.status}: {item.label}{note}".replace("\n", "\n  ")
    for entry in entries:
        heading = [entry.time] + ([entry.kind] if entry.kind != "journal" else [])
        if entry.mood is not None:
            heading.append(f"mood {entry.mood}")
        yield ""
        yield f"## {' · '.join(heading)}"
        question = question_of(entry.prompt)
        if question:
            yield ""
            yield f"> {question}"
        if entry.body.strip():
            yield ""
            yield entry.body.rstrip("\n")
