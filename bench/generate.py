"""Write a deterministic journal of N entries (about three years of days) for timing commands.

    python bench/generate.py --entries 10000 --seed 1 --out bench/out/10000/journal.db
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import uuid
from pathlib import Path

from reconcile_cli import store
from reconcile_cli.checklist import DEFAULT_ITEMS
from reconcile_cli.db import open_journal, write_transaction

WORDS = (
    "today I kept my word to myself and walked by the river the kids laughed at dinner "
    "I wanted to write to her and did not I called my brother instead slept badly felt "
    "calmer after the walk read a chapter cooked a proper meal noticed the old fear and "
    "let it pass gratitude for small things patience is hard and I am learning it"
).split()


def generate(path: Path, entries: int, seed: int, today: dt.date) -> None:
    rng = random.Random(seed)
    days = [today - dt.timedelta(days=n) for n in range(3 * 365)][::-1]
    db, _ = open_journal(path, create=True,
                         seed=lambda db: store.seed_default_items(db, "2023-01-01T00:00:00+00:00"))
    with write_transaction(db):
        db["entries"].insert_all(_entries(rng, days, entries), batch_size=1000)
        db["marks"].insert_all(
            ({"day": day.isoformat(), "item": slug,
              "status": rng.choices(("kept", "missed", "skipped"), (8, 2, 1))[0],
              "note": None, "updated_at": f"{day.isoformat()}T21:00:00+00:00"}
             for day in days for slug, _, _ in DEFAULT_ITEMS),
            batch_size=1000)
    db.close()


def _entries(rng: random.Random, days: list[dt.date], count: int):
    for n in range(count):
        day = days[n * len(days) // count]
        stamp = f"{day.isoformat()}T21:{n % 60:02d}:00+00:00"
        yield {
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "day": day.isoformat(), "created_at": stamp, "updated_at": stamp, "zone": "UTC",
            "kind": "journal", "prompt": None,
            "body": " ".join(rng.choices(WORDS, k=rng.randint(80, 400))),
            "mood": rng.randint(1, 10),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--today", default="2026-11-22")
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.unlink(missing_ok=True)
    generate(args.out, args.entries, args.seed, dt.date.fromisoformat(args.today))


if __name__ == "__main__":
    main()
