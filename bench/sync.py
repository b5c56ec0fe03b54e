"""What sync costs: a command with nothing new in the folder, taking in another computer's
changes, and the first sync of a large journal, each against what it is compared with.

    python bench/sync.py [--size 1000] [--take-in 10000] [--first 100000] [--runs 5]
                         [--timeout 600] [--out bench/RESULTS.md]

- Nothing new: a journal of --size entries linked to a folder another computer also writes to,
  everything taken in; `today` and `mood 7` with sync on (one listing of the folder; the mood
  also writes its change file) against the same commands on a copy with `config sync_auto off`.
  Target: at most 1.1x.
- Taking in: a journal of --take-in entries links to an empty folder (its changes are written
  there); a fresh journal then runs `sync FOLDER` and takes them all in, against `import` of the
  same journal's jsonl export into a fresh journal. Target: at most 1.5x.
- First sync: a journal of --first entries runs `sync FOLDER` on an empty folder, against
  `export -o FILE` of it. Target: at most 1.5x.

Median of the runs after one warm-up, the two sides interleaved. Writes its table into --out,
in its own section (bench/run.py keeps it when it rewrites the file). Run by hand; never part
of the test suite.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Callable
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

NOTHING_NEW, TAKE_IN, FIRST = 1.1, 1.5, 1.5
MARK = "<!-- bench/sync.py -->"


class Bench:
    def __init__(self, args: argparse.Namespace, work: Path):
        self.args = args
        self.work = work
        self.env = base_env()
        self.rows: list[str] = []

    def run(self, *args: str) -> tuple[float, float]:
        return timed(reconcile(*args), self.env, self.args.timeout)

    def journal(self, size: int, name: str) -> Path:
        """A journal of ``size`` generated entries, imported once (not timed)."""
        path = self.work / f"{name}.db"
        self.run("--db", str(path), "import", str(journal_data(size) / "journal.jsonl"))
        return path

    def pair(self, target: str, what: str, ours: Series, theirs: Series, against: str,
             limit: float, runs: int | None = None) -> None:
        interleave([ours, theirs], runs or self.args.runs)
        if not (ours.ok and theirs.ok):
            failed = ours.failure or theirs.failure or "no runs"
            self.rows.append(f"| {target} | {what} | failed: {failed} | | | | ≤ {limit}× | | "
                             "**FAIL** |")
            return
        ratio = ours.median / theirs.median
        low, high = ours.spread
        verdict = "pass" if round(ratio, 2) <= limit else "**FAIL**"
        self.rows.append(f"| {target} | {what} | {ours.median:,.0f} ms | {low:,.0f}–{high:,.0f} "
                         f"| {against} {theirs.median:,.0f} ms | {ratio:.2f}× | ≤ {limit}× | "
                         f"{ours.peak:,.0f} | {verdict} |")

    def each(self, name: str, before: Callable[[], None], *args: str) -> Series:
        """A series of one command, with ``before`` run (not timed) ahead of each run."""
        def measure() -> tuple[float, float]:
            before()
            return self.run(*args)

        return Series(name, measure)


def nothing_new(bench: Bench) -> None:
    size = bench.args.size
    folder = bench.work / "folder-everyday"
    folder.mkdir()
    here = bench.journal(size, "everyday-here")
    other = bench.work / "everyday-other.db"
    bench.run("--db", str(other), "write", "Written on the other computer.")
    bench.run("--db", str(other), "sync", str(folder), "--name", "desktop")
    bench.run("--db", str(here), "sync", str(folder), "--name", "laptop")
    off = bench.work / "everyday-off.db"
    shutil.copy(here, off)
    bench.run("--db", str(off), "config", "sync_auto", "off")
    for command in (["today"], ["mood", "7"]):
        shown = " ".join(command)

        def nothing() -> None:
            pass

        bench.pair("nothing new", f"`{shown}`, sync on ({size:,} entries)",
                   bench.each("on", nothing, "--db", str(here), *command),
                   bench.each("off", nothing, "--db", str(off), *command),
                   f"`{shown}`, sync off", NOTHING_NEW)


def taking_in(bench: Bench) -> None:
    size = bench.args.take_in
    folder = bench.work / "folder-take-in"
    folder.mkdir()
    source = bench.journal(size, "take-in-source")
    bench.run("--db", str(source), "sync", str(folder), "--name", "desktop")
    exported = bench.work / "take-in.jsonl"
    bench.run("--db", str(source), "export", "-o", str(exported))
    synced, imported = bench.work / "take-in-synced.db", bench.work / "take-in-imported.db"

    def fresh(path: Path) -> Callable[[], None]:
        def remove() -> None:
            for old in path.parent.glob(path.name + "*"):
                old.unlink()
            shutil.rmtree(path.parent / "backups", ignore_errors=True)
        return remove

    bench.pair("taking in", f"`sync FOLDER` on a new computer ({size:,} entries' changes)",
               bench.each("sync", fresh(synced), "--db", str(synced), "sync", str(folder),
                          "--name", "laptop"),
               bench.each("import", fresh(imported), "--db", str(imported), "import",
                          str(exported)),
               "`import` of their export", TAKE_IN)


def first_sync(bench: Bench) -> None:
    size = bench.args.first
    pristine = bench.journal(size, "first-pristine")
    linked = bench.work / "first-linked.db"
    folder = bench.work / "folder-first"
    exported = bench.work / "first.jsonl"

    def unlinked() -> None:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        shutil.copy(pristine, linked)

    def no_export() -> None:
        exported.unlink(missing_ok=True)

    bench.pair("first sync", f"`sync FOLDER` of a journal of {size:,} entries",
               bench.each("sync", unlinked, "--db", str(linked), "sync", str(folder), "--name",
                          "laptop"),
               bench.each("export", no_export, "--db", str(pristine), "export", "-o",
                          str(exported)),
               "`export -o FILE` of it", FIRST, runs=min(bench.args.runs, 3))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000)
    parser.add_argument("--take-in", type=int, default=10_000)
    parser.add_argument("--first", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    (HERE / "out").mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="reconcile-sync-", dir=HERE / "out"))
    bench = Bench(args, work)
    try:
        nothing_new(bench)
        taking_in(bench)
        first_sync(bench)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    lines = [MARK, "", "### Sync", "",
             f"`python bench/sync.py --size {args.size} --take-in {args.take_in} --first "
             f"{args.first} --runs {args.runs}`: median of the runs after a warm-up, each pair "
             "interleaved (the first sync: at most 3 runs).", "",
             "| target | command | measured | min–max | compared with | ratio | limit | peak MB "
             "| result |", "|---|---|---:|---:|---|---:|---:|---:|---|", *bench.rows, ""]
    print("\n".join(lines))
    write_section(args.out, MARK, lines)
    print(f"Written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
