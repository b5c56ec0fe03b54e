"""Write the same deterministic journal in two forms, for timing reconcile against jrnl.

    python bench/generate.py --entries 10000 --seed 1 --out bench/out/10000

writes DIR/journal.jsonl (reconcile's import format) and DIR/jrnl.txt (jrnl's plain text,
`[YYYY-MM-DD HH:MM] Title` then the body). About three years of days; entries of 80-400 words
drawn from a few thousand words with a Zipf-like spread, so search sees realistic frequencies;
moods; and checklist answers for the default items on most days.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import uuid
from pathlib import Path

from reconcile_cli import interchange
from reconcile_cli.checklist import DEFAULT_ITEMS

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
SYLLABLES = ("ka", "lo", "mi", "ren", "sa", "tor", "vel", "an", "bri", "dun", "el", "fas",
             "gor", "hil", "is", "jam", "ket", "lun", "mor", "nis", "ob", "pra", "quel", "rus")


def vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    words = list(COMMON)
    while len(words) < size:
        words.append("".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))))
    return words


def generate(out: Path, entries: int, seed: int, today: dt.date, years: int = 3) -> None:
    rng = random.Random(seed)
    words = vocabulary(rng)
    weights = [1 / (rank + 1) for rank in range(len(words))]
    days = [today - dt.timedelta(days=n) for n in range(years * 365)][::-1]
    per_day: dict[dt.date, int] = {}
    for n in range(entries):
        per_day[days[n * len(days) // entries]] = per_day.get(days[n * len(days) // entries],
                                                               0) + 1
    created = "2023-11-01T09:00:00+00:00"
    out.mkdir(parents=True, exist_ok=True)
    with (out / "journal.jsonl").open("w", encoding="utf-8") as jsonl, \
            (out / "jrnl.txt").open("w", encoding="utf-8") as jrnl:
        jsonl.write(interchange.dumps(interchange.header(created)) + "\n")
        for position, (slug, kind, label) in enumerate(DEFAULT_ITEMS, start=1):
            jsonl.write(interchange.dumps({"type": "item", "slug": slug, "label": label,
                                           "kind": kind, "position": position,
                                           "created_at": created, "retired_at": None}) + "\n")
        for day in days:
            for n in range(per_day.get(day, 0)):
                minute = 20 * 60 + (n * 7) % 240
                stamp = f"{day.isoformat()}T{minute // 60:02d}:{minute % 60:02d}:00+00:00"
                sentence = rng.choices(words, weights, k=rng.randint(80, 400))
                title = " ".join(sentence[:rng.randint(3, 8)]).capitalize() + "."
                body = " ".join(sentence)
                jsonl.write(interchange.dumps({
                    "type": "entry", "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    "day": day.isoformat(), "created_at": stamp, "updated_at": stamp,
                    "kind": "journal", "prompt": None, "mood": rng.randint(1, 10),
                    "body": f"{title}\n{body}", "deleted_at": None}) + "\n")
                jrnl.write(f"[{day.isoformat()} {stamp[11:16]}] {title}\n{body}\n\n")
            if rng.random() < 0.9:
                for slug, _, _ in DEFAULT_ITEMS:
                    status = rng.choices(("kept", "missed", "skipped"), (8, 2, 1))[0]
                    jsonl.write(interchange.dumps({
                        "type": "mark", "day": day.isoformat(), "item": slug, "status": status,
                        "note": None, "updated_at": f"{day.isoformat()}T21:30:00+00:00"}) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--today", default="2026-11-22")
    parser.add_argument("--years", type=int, default=3, help="How many years the days span.")
    args = parser.parse_args()
    generate(args.out, args.entries, args.seed, dt.date.fromisoformat(args.today), args.years)


if __name__ == "__main__":
    main()
