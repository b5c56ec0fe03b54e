"""Write the same deterministic journal in two forms, for timing reconcile against jrnl.

    python bench/generate.py --entries 10000 [--per-day 4 | --years 3] [--seed 1] \
        --out bench/out/10000-tags

writes DIR/journal.jsonl (reconcile's import format), DIR/jrnl.txt (jrnl's plain text,
`[YYYY-MM-DD HH:MM] Title` then the body) and DIR/meta.json (first and last day, the most
common word). Several entries a day (--per-day, 4 by default) on ceil(entries / per_day) days
ending at --today, or, with --years, spread over that many years. Entries of 80-400 words drawn
from a few thousand with a Zipf-like spread (word n has weight 1/n, so the first, "the", is the
most common), so search sees realistic frequencies; about a third carry one or two jrnl-style
@tags in their text; every entry has a mood; the default checklist items are answered on about
nine days in ten. The same --seed gives the same files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import uuid
from pathlib import Path
from typing import TextIO

from reconcile_cli.core.checklist import DEFAULT_ITEMS
from reconcile_cli.formats import interchange

COMMON = (
    "the and i to a of it was my that in me she he we her him not but so had felt for with "
    "today again still day night morning evening walk river coffee call message kids work "
    "sleep tired calm angry sad hope hopeful patience fear alone friend sister brother mother "
    "father counsellor therapist group church book read ran run running cooked dinner quiet "
    "house garden dog rain sun cold warm letter talk talked listen listened wanted waited "
    "space boundaries respect trust money home holiday weekend phone photo memory kept word "
    "promise myself gratitude grateful thankful small step steps better worse heavy light "
    "breathe breathing prayer pray journal wrote write remembered forgive forgiveness"
).split()
TOP_WORD = COMMON[0]  # weight 1 against 1/2 for the next: the journal's most common word
SYLLABLES = ("ka", "lo", "mi", "ren", "sa", "tor", "vel", "an", "bri", "dun", "el", "fas",
             "gor", "hil", "is", "jam", "ket", "lun", "mor", "nis", "ob", "pra", "quel", "rus")
# jrnl-style tags, the first ones the most used
TAGS = ("kids", "lawyer", "sister", "work", "church", "counsellor", "walk", "mother", "friend",
        "group", "therapist", "brother")
TAGGED_SHARE = 1 / 3
CREATED = "2023-11-01T09:00:00+00:00"


def vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    words = list(COMMON)
    while len(words) < size:
        words.append("".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))))
    return words


def span(entries: int, per_day: int, years: int | None) -> int:
    """How many days the journal covers."""
    return years * 365 if years else math.ceil(entries / per_day)


def entries_per_day(entries: int, days: list[dt.date]) -> dict[dt.date, int]:
    """The entries spread evenly over the days (the first days get any shortfall)."""
    counts: dict[dt.date, int] = {}
    for n in range(entries):
        day = days[n * len(days) // entries]
        counts[day] = counts.get(day, 0) + 1
    return counts


class Writer:
    """Draws entries and marks from one seeded generator and writes both files."""

    def __init__(self, seed: int, jsonl: TextIO, jrnl: TextIO):
        self.rng = random.Random(seed)
        self.words = vocabulary(self.rng)
        self.weights = [1 / (rank + 1) for rank in range(len(self.words))]
        self.tag_weights = [1 / (rank + 1) for rank in range(len(TAGS))]
        self.jsonl, self.jrnl = jsonl, jrnl

    def record(self, record: dict) -> None:
        self.jsonl.write(interchange.dumps(record) + "\n")

    def items(self) -> None:
        self.record(interchange.header(CREATED))
        for position, (slug, kind, label) in enumerate(DEFAULT_ITEMS, start=1):
            self.record({"type": "item", "slug": slug, "label": label, "kind": kind,
                         "position": position, "created_at": CREATED, "retired_at": None})

    def text(self) -> tuple[str, str]:
        """(title, body): the title is the body's first words, as jrnl reads them."""
        rng = self.rng
        sentence = rng.choices(self.words, self.weights, k=rng.randint(80, 400))
        title = " ".join(sentence[:rng.randint(3, 8)]).capitalize() + "."
        if rng.random() < TAGGED_SHARE:
            tags = dict.fromkeys(rng.choices(TAGS, self.tag_weights, k=rng.randint(1, 2)))
            for tag in tags:
                sentence.insert(rng.randint(10, len(sentence)), f"@{tag}")
        return title, " ".join(sentence)

    def entry(self, day: dt.date, minute: int) -> None:
        stamp = f"{day.isoformat()}T{minute // 60:02d}:{minute % 60:02d}:00+00:00"
        title, body = self.text()
        self.record({"type": "entry", "id": str(uuid.UUID(int=self.rng.getrandbits(128),
                                                          version=4)),
                     "day": day.isoformat(), "created_at": stamp, "updated_at": stamp,
                     "kind": "journal", "prompt": None, "mood": self.rng.randint(1, 10),
                     "body": f"{title}\n{body}", "deleted_at": None})
        self.jrnl.write(f"[{day.isoformat()} {stamp[11:16]}] {title}\n{body}\n\n")

    def marks(self, day: dt.date) -> None:
        if self.rng.random() >= 0.9:
            return
        for slug, _, _ in DEFAULT_ITEMS:
            status = self.rng.choices(("kept", "missed", "skipped"), (8, 2, 1))[0]
            self.record({"type": "mark", "day": day.isoformat(), "item": slug,
                         "status": status, "note": None,
                         "updated_at": f"{day.isoformat()}T21:30:00+00:00"})

    def day(self, day: dt.date, count: int) -> None:
        """The day's entries from 07:30 on, spread over fifteen hours, then its marks."""
        step = 15 * 60 // max(count, 1)
        for n in range(count):
            self.entry(day, 7 * 60 + 30 + n * step)
        self.marks(day)


def generate(out: Path, entries: int, seed: int, today: dt.date, years: int | None = None,
             per_day: int = 4) -> dict:
    """Write the journal to ``out``; returns what meta.json holds."""
    days = [today - dt.timedelta(days=n) for n in range(span(entries, per_day, years))][::-1]
    counts = entries_per_day(entries, days)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "journal.jsonl").open("w", encoding="utf-8") as jsonl, \
            (out / "jrnl.txt").open("w", encoding="utf-8") as jrnl:
        writer = Writer(seed, jsonl, jrnl)
        writer.items()
        for day in days:
            writer.day(day, counts.get(day, 0))
    meta = {"entries": entries, "first_day": days[0].isoformat(),
            "last_day": days[-1].isoformat(), "top_word": TOP_WORD, "seed": seed}
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    return meta


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--today", default="2026-11-22")
    parser.add_argument("--per-day", type=int, default=4,
                        help="Entries a day (the days span ceil(entries / per-day)).")
    parser.add_argument("--years", type=int,
                        help="Spread the entries over this many years instead of --per-day.")
    args = parser.parse_args()
    generate(args.out, args.entries, args.seed, dt.date.fromisoformat(args.today), args.years,
             args.per_day)


if __name__ == "__main__":
    main()
