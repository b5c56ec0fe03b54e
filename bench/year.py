"""Time `year` against `week` on a long journal: 100,000 entries over ten years.

    python bench/year.py [--entries 100000] [--years 10] [--runs 5]

Both run interleaved on the same journal (imported once); the target is `year` at most 1.5x
`week`. Run by hand; never part of the tests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

from run import PY, WEEK, journal_data, timed

TARGET = 1.5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    data = journal_data(args.entries, args.years)
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "RECONCILE_DB": str(Path(folder) / "journal.db"),
               "RECONCILE_TODAY": WEEK[1], "COLUMNS": "100"}
        subprocess.run([PY, "-m", "reconcile_cli", "import", str(data / "journal.jsonl")],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        week: list[float] = []
        year: list[float] = []
        for n in range(args.runs + 1):
            w = timed([PY, "-m", "reconcile_cli", "week"], env)[0]
            y = timed([PY, "-m", "reconcile_cli", "year"], env)[0]
            if n:
                week.append(w)
                year.append(y)
    ratio = statistics.median(year) / statistics.median(week)
    print(f"{args.entries:,} entries over {args.years} years\n")
    print("| command | median ms | ratio to week | target |\n|---|---:|---:|---|")
    print(f"| `reconcile week` | {statistics.median(week):.0f} | 1.00 | |")
    print(f"| `reconcile year` | {statistics.median(year):.0f} | {ratio:.2f} | "
          f"{'met' if ratio <= TARGET else 'NOT MET'} (at most {TARGET}x) |")


if __name__ == "__main__":
    main()
