"""Importing a Day One export against importing the same entries as reconcile's own jsonl.

    python bench/dayone.py [--size 10000] [--runs 5] [--timeout 300] [--out bench/RESULTS.md]

Generates the journal of --size entries (bench/generate.py, as bench/run.py does), imports it
into a journal, and exports that journal twice: `export --format jsonl` and `export --format
dayone` (the same entries, moods and checklist answers; Day One's carry them in a line of each
day's first entry). Then times `reconcile import` of each into a fresh journal, interleaved,
one warm-up round and --runs timed rounds, and compares the medians: the target is at most
1.3x. Writes its table into --out, in its own section (bench/run.py keeps that section when it
rewrites the file). Run by hand; never part of the test suite.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from run import (
    HERE,
    Series,
    base_env,
    interleave,
    journal_data,
    reconcile,
    timed,
    write_section,
)

LIMIT = 1.3
MARK = "<!-- bench/dayone.py -->"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    data = journal_data(args.size)
    env = base_env()
    work = Path(tempfile.mkdtemp(prefix="reconcile-dayone-", dir=HERE / "out"))
    try:
        source = work / "source.db"
        timed(reconcile("--db", str(source), "import", str(data / "journal.jsonl")), env,
              args.timeout)
        jsonl, zipped = work / "journal.jsonl", work / "Export-Journal.zip"
        timed(reconcile("--db", str(source), "export", "-o", str(jsonl)), env, args.timeout)
        timed(reconcile("--db", str(source), "export", "--format", "dayone", "-o", str(zipped)),
              env, args.timeout)

        def fresh(name: str, path: Path) -> Series:
            target = work / f"{name}.db"

            def measure() -> tuple[float, float]:
                target.unlink(missing_ok=True)
                return timed(reconcile("--db", str(target), "import", str(path)), env,
                             args.timeout)

            return Series(name, measure)

        ours, theirs = fresh("jsonl", jsonl), fresh("dayone", zipped)
        interleave([ours, theirs], args.runs)
        lines = section(args, ours, theirs, jsonl.stat().st_size, zipped.stat().st_size)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\n".join(lines))
    write_section(args.out, MARK, lines)
    print(f"Written to {args.out}", file=sys.stderr)


def section(args: argparse.Namespace, ours: Series, theirs: Series, jsonl_bytes: int,
            zip_bytes: int) -> list[str]:
    lines = [MARK, "", f"### Importing a Day One export ({args.size:,} entries)", "",
             f"`python bench/dayone.py --size {args.size} --runs {args.runs}`: the journal of "
             "`bench/generate.py`, exported by reconcile as jsonl "
             f"({jsonl_bytes / 1e6:.1f} MB) and as a Day One zip ({zip_bytes / 1e6:.1f} MB), "
             "each imported into a fresh journal; median of the runs after a warm-up, "
             "interleaved.", "",
             "| target | command | measured | min–max | compared with | ratio | limit | peak MB "
             "| result |", "|---|---|---:|---:|---|---:|---:|---:|---|"]
    if not (ours.ok and theirs.ok):
        failed = ours.failure or theirs.failure or "no runs"
        return [*lines, f"| dayone | `import Export-Journal.zip` | failed: {failed} | | | | "
                        f"≤ {LIMIT}× | | **FAIL** |", ""]
    ratio = theirs.median / ours.median
    low, high = theirs.spread
    verdict = "pass" if round(ratio, 2) <= LIMIT else "**FAIL**"
    return [*lines,
            f"| dayone | `import Export-Journal.zip` | {theirs.median:,.0f} ms | "
            f"{low:,.0f}–{high:,.0f} | `import journal.jsonl` {ours.median:,.0f} ms "
            f"(peak {ours.peak:,.0f} MB) | "
            f"{ratio:.2f}× | ≤ {LIMIT}× | {theirs.peak:,.0f} | {verdict} |", ""]


if __name__ == "__main__":
    main()
