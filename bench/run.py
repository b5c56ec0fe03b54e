"""Time whole reconcile commands on generated journals: median of 5 runs after a warm-up,
peak RSS of each child from the OS. Prints a Markdown table per size.

    python bench/run.py --sizes 1000,10000,100000
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
RUNS = 5

COMMANDS = {
    "python -c pass (floor)": [sys.executable, "-c", "pass"],
    "import click (floor)": [sys.executable, "-c", "import click"],
    "import stack (floor)": [sys.executable, "-c", "import click, sqlite_utils, rich.console"],
    "--version": ["--version"],
    "--help": ["--help"],
    "today": ["today"],
    "week": ["week"],
    "month": ["month"],
    "streaks": ["streaks"],
    "log -n 10": ["log", "-n", "10"],
    "search river": ["search", "river"],
    "lookback": ["lookback"],
    "items": ["items"],
    "mood 5": ["mood", "5"],
    'write "..."': ["write", "A short evening entry."],
}


def timed(argv: list[str], env: dict) -> tuple[float, float]:
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(argv)}")
    return elapsed * 1000, usage.ru_maxrss / 1024


def bench_size(size: int) -> list[str]:
    journal = HERE / "out" / str(size) / "journal.db"
    if not journal.exists():
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--entries", str(size),
                        "--out", str(journal)], check=True)
    work = journal.with_name("work.db")
    shutil.copyfile(journal, work)
    env = {**os.environ, "RECONCILE_DB": str(work), "RECONCILE_TODAY": "2026-11-22"}
    lines = [f"### {size:,} entries", "", "| command | median ms | min-max ms | peak MB |",
             "| --- | ---: | ---: | ---: |"]
    for name, args in COMMANDS.items():
        argv = args if args[0] == sys.executable else [sys.executable, "-m", "reconcile_cli", *args]
        timed(argv, env)  # warm-up
        samples = [timed(argv, env) for _ in range(RUNS)]
        ms = [s[0] for s in samples]
        lines.append(f"| `{name}` | {statistics.median(ms):.0f} | {min(ms):.0f}-{max(ms):.0f} "
                     f"| {max(s[1] for s in samples):.0f} |")
    work.unlink()
    return lines + [""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args()
    import sqlite3

    print(f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}\n")
    for size in (int(s) for s in args.sizes.split(",")):
        print("\n".join(bench_size(size)))


if __name__ == "__main__":
    main()
