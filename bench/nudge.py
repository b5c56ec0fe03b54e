"""Time `reconcile nudge` (run from a shell's start-up file) against its floor.

    python bench/nudge.py [--runs 21]

The floor is `python3 -c 'import re, sqlite3'` (the console-script launcher itself imports re);
the target is at most 1.3x. Both run interleaved on a journal whose nudge is due and one whose
check-in is done. Prints a small table; run by hand, never part of the tests.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from run import PY, timed

TARGET = 1.3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    reconcile = shutil.which("reconcile") or "reconcile"
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "RECONCILE_DB": str(Path(folder) / "journal.db")}
        subprocess.run([PY, "-m", "reconcile_cli", "config", "nudge_after", "00:00"], env=env,
                       check=True, capture_output=True)
        # and the same journal at the default location (no RECONCILE_DB: XDG_DATA_HOME)
        default = {**os.environ, "XDG_DATA_HOME": folder}
        default.pop("RECONCILE_DB", None)
        (Path(folder) / "reconcile").mkdir()
        shutil.copyfile(Path(folder) / "journal.db", Path(folder) / "reconcile" / "journal.db")
        floor: list[float] = []
        nudge: list[float] = []
        at_default: list[float] = []
        for n in range(args.runs + 1):
            sample = timed([PY, "-c", "import re, sqlite3"], env)[0]
            mine = timed([reconcile, "nudge"], env)[0]
            there = timed([reconcile, "nudge"], default)[0]
            if n:
                floor.append(sample)
                nudge.append(mine)
                at_default.append(there)
    print("| command | median ms | ratio to floor | target |\n|---|---:|---:|---|")
    print(f"| `python3 -c 'import re, sqlite3'` | {statistics.median(floor):.0f} | 1.00 | |")
    for name, samples in (("`reconcile nudge` (RECONCILE_DB)", nudge),
                          ("`reconcile nudge` (the default location)", at_default)):
        ratio = statistics.median(samples) / statistics.median(floor)
        print(f"| {name} | {statistics.median(samples):.0f} | {ratio:.2f} | "
              f"{'met' if ratio <= TARGET else 'NOT MET'} (at most {TARGET}x) |")


if __name__ == "__main__":
    main()
