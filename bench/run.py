"""Check reconcile against its targets ("fast at any size, close to the floor"), as a user runs it.

    python bench/run.py [--sizes 1000,10000,100000] [--runs 5] [--jrnl PATH] [--out FILE]
                        [--timeout 120]

For each size: generate the journal (bench/generate.py, 4 entries a day, into
bench/out/SIZE-tags), time `reconcile import` against bench/floor_import.py (each into a fresh
journal, interleaved), then run every command and its floor interleaved (floor, command, ...,
floor, command...) so that machine drift cancels: a warm-up, then --runs timed runs. Peak memory
is each child's max RSS from the OS (wait4). Prints one table per size, every target with its
floor, the ratio, the limit and pass or fail, and writes them to --out (bench/RESULTS.md).
Commands run as a user's do: bytecode cached (in bench/out/pycache, so the source tree is left
alone), output buffered, into a pipe; RECONCILE_TODAY is the journal's last day, COLUMNS=100.

The targets:
  start-up   --version and --help at most 1.3x `python -c 'import click'`
  everyday   write, mood, check, today, week, month, log -n 10, search and prompt at most 1.3x
             `python -c 'import click, rich.console, rich.table, sqlite3'`
  flat       each everyday command at most 1.2x its median at the smallest size (1,000), and a
             search for the journal's most common word at most 1.5x
  memory     peak memory of the whole log, export, report and the --json forms at most 1.3x
             their peak at the smallest size (fewer runs: --memory-runs, no warm-up)
  import     entries a second at least 0.7x the floor's (fewer runs from 100,000 entries)
  export     `export --format jsonl -o FILE` at most 1.5x bench/floor_export.py
  stream     the first line of `log --since FIRST-DAY` at most 1.3x the whole of `log -n 20`
  jrnl       with --jrnl, at 10,000 entries only, on the same entries: jrnl's time at least 20x
             reconcile's to add an entry, 5x for -n 10, a week and a word search

A command that fails, or runs past --timeout seconds, is reported as failed. Run by hand; never
part of the test suite.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).parent
PY = sys.executable
TODAY = "2026-11-22"  # the generator's last day
WORD = "river"
WEEK = ("2026-11-16", TODAY)
ENTRY = "A short evening entry."
JRNL_SIZE = 10_000
BIG_IMPORT = 100_000  # from this size imports take seconds each: at most 3 timed runs

START_FLOOR = ("python -c 'import click'", "import click")
EVERYDAY_FLOOR = ("python -c 'import click, rich.console, rich.table, sqlite3'",
                  "import click, rich.console, rich.table, sqlite3")


class CommandFailed(SystemExit):
    """A command that exited with an error, or was stopped at its time limit."""


# --- running one command ---------------------------------------------------------------------


def timed(argv: list[str], env: dict, timeout: float | None = None) -> tuple[float, float]:
    """(wall ms, peak RSS MB) of one run of a command; CommandFailed if it fails or times out."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=errors)
        with Deadline(child, timeout) as deadline:
            _, status, usage = os.wait4(child.pid, 0)
        elapsed = (time.perf_counter() - start) * 1000
        peak, code = usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)
        if deadline.hit:
            raise CommandFailed(f"timed out after {timeout:.0f} s (at {peak:,.0f} MB)")
        if code != 0:
            errors.seek(0)
            said = errors.read().decode("utf-8", "replace").strip().splitlines()
            raise CommandFailed(f"exit {code}: {said[-1] if said else 'nothing on stderr'}")
    return elapsed, peak


def first_line(argv: list[str], env: dict, timeout: float | None = None) -> tuple[float, float]:
    """(ms until the first line on stdout, peak RSS MB by then) of a command, then stopped."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL)
    assert child.stdout is not None
    with Deadline(child, timeout) as deadline:
        line = child.stdout.readline()
    elapsed = (time.perf_counter() - start) * 1000
    kill(child)
    _, _, usage = os.wait4(child.pid, 0)
    child.stdout.close()
    if not line:
        raise CommandFailed(f"timed out after {timeout:.0f} s" if deadline.hit
                            else "ended without writing a line")
    return elapsed, usage.ru_maxrss / 1024


def kill(child: subprocess.Popen) -> None:
    """SIGKILL, and nothing else: Popen.kill() may reap the child before wait4 can."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(child.pid, signal.SIGKILL)


class Deadline:
    """Kills a child still running after ``timeout`` seconds (None: never); ``hit`` if it did."""

    def __init__(self, child: subprocess.Popen, timeout: float | None):
        self.child, self.hit = child, False
        self.timer = threading.Timer(timeout or 0, self._kill)
        self.timer.daemon = True
        self.timeout = timeout

    def _kill(self) -> None:
        self.hit = True
        kill(self.child)

    def __enter__(self) -> Deadline:
        if self.timeout:
            self.timer.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.timer.cancel()


@dataclass
class Series:
    """The samples of one command (or floor) at one size: (ms, MB) of each kept run."""

    name: str
    measure: Callable[[], tuple[float, float]]
    samples: list[tuple[float, float]] = field(default_factory=list)
    failure: str | None = None

    def run(self, keep: bool) -> None:
        if self.failure:
            return
        try:
            sample = self.measure()
        except CommandFailed as exc:
            self.failure = str(exc.code)
            return
        if keep:
            self.samples.append(sample)

    @property
    def ok(self) -> bool:
        return not self.failure and bool(self.samples)

    @property
    def median(self) -> float:
        return statistics.median(ms for ms, _ in self.samples)

    @property
    def spread(self) -> tuple[float, float]:
        return min(ms for ms, _ in self.samples), max(ms for ms, _ in self.samples)

    @property
    def peak(self) -> float:
        return max(mb for _, mb in self.samples)


def interleave(series: list[Series], runs: int, warm_up: bool = True) -> None:
    """Run every series in turn, --runs times (after one warm-up round, unless told not to)."""
    first = 1 if warm_up else 0
    for n in range(runs + first):
        for one in series:
            one.run(keep=n >= first)


# --- the journal, reconcile and jrnl ---------------------------------------------------------


def journal_data(size: int, years: int | None = None) -> Path:
    """The folder of a generated journal of ``size`` entries, generated if not there yet."""
    name = f"{size}-{years}y-tags" if years else f"{size}-tags"
    data = HERE / "out" / name
    if not (data / "meta.json").exists():
        extra = ["--years", str(years)] if years else []
        subprocess.run([PY, str(HERE / "generate.py"), "--entries", str(size), "--out",
                        str(data), "--today", TODAY, *extra], check=True)
    return data


def write_section(out: Path, mark: str, lines: list[str]) -> None:
    """Put a script's own section (beginning with ``mark``) at the end of ``out``, in place of
    the one there before; the other scripts' sections are kept."""
    text = out.read_text() if out.exists() else "# Benchmark results\n"
    before, found, after = text.partition(mark)
    if found:  # the sections after this one each begin with their own mark
        rest = after[after.find("<!-- bench/"):] if "<!-- bench/" in after else ""
        text = before.rstrip("\n") + ("\n\n" + rest if rest else "")
    out.write_text(text.rstrip("\n") + "\n\n" + "\n".join(lines))


def reconcile(*args: str) -> list[str]:
    return [PY, "-m", "reconcile_cli", *args]


# Variables that change how fast Python runs, as a user's shell does not set them.
PYTHON_VARIABLES = ("PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "PYTHONDEVMODE",
                    "PYTHONTRACEMALLOC", "PYTHONPROFILEIMPORTTIME", "PYTHONMALLOC")


def python_env() -> dict:
    """The environment as a user's: compiled bytecode kept (in bench/out, so the source folders
    are left as they are; the warm-up round writes it), output buffered."""
    env = {key: value for key, value in os.environ.items() if key not in PYTHON_VARIABLES}
    return {**env, "PYTHONPYCACHEPREFIX": str(HERE / "out" / "pycache")}


def base_env() -> dict:
    env = {**python_env(), "RECONCILE_TODAY": TODAY, "COLUMNS": "100", "PAGER": "cat"}
    env.pop("RECONCILE_DB", None)
    return env


def jrnl_home(folder: Path, entries_file: Path) -> dict:
    """A private jrnl config, its journal a copy of ``entries_file``: the variables to use it."""
    config = folder / ".config" / "jrnl"
    config.mkdir(parents=True)
    journal = folder / "journal.txt"
    shutil.copyfile(entries_file, journal)
    (config / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        "indent_character: '|'\n"
        f"journals:\n  default:\n    journal: {journal}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\n"
        "version: v4.6\n")
    return {"HOME": str(folder), "XDG_CONFIG_HOME": str(folder / ".config"),
            "XDG_DATA_HOME": str(folder / ".local" / "share")}


# The everyday commands (name: reconcile's arguments); write, mood and check add to the journal,
# so they run on a copy of it: the others then read the generated journal as it was.
WRITERS = ('write "..."', "mood 7", "check self-care=kept")
EVERYDAY = {
    'write "..."': ["write", ENTRY],
    "mood 7": ["mood", "7"],
    "check self-care=kept": ["check", "self-care=kept"],
    "today": ["today"],
    "week": ["week"],
    "month": ["month"],
    "log -n 10": ["log", "-n", "10"],
    f"search {WORD}": ["search", WORD],
    "prompt": ["prompt"],
}


def memory_commands(first_day: str, word: str) -> dict[str, list[str]]:
    """The commands whose peak memory must stay flat (FIRST-DAY: the journal's first day), but
    for `export --format jsonl`, whose peak comes from the export target's runs."""
    return {
        "log --since FIRST-DAY": ["log", "--since", first_day],
        "report": ["report"],
        "log --since FIRST-DAY --json": ["log", "--since", first_day, "--json"],
        "week --json": ["week", "--json"],
        "month --json": ["month", "--json"],
        f"search {word} --json": ["search", word, "--json"],
        "today --json": ["today", "--json"],
        "year --json": ["year", "--json"],
        "streaks --json": ["streaks", "--json"],
        "insights --json": ["insights", "--json"],
        "slips --json": ["slips", "--json"],
        "comfort --json": ["comfort", "--json"],
        "tags --json": ["tags", "--json"],
    }


def jrnl_pairs() -> dict[str, list[str]]:
    """reconcile's command name: jrnl's arguments for the same."""
    return {'write "..."': [ENTRY], "log -n 10": ["-n", "10"],
            "week": ["-from", WEEK[0], "-to", WEEK[1]], f"search {WORD}": ["-contains", WORD]}


# --- measuring one size ----------------------------------------------------------------------


@dataclass
class Measured:
    """Everything measured at one size."""

    size: int
    meta: dict
    series: dict[str, Series] = field(default_factory=dict)
    jrnl: dict[str, Series] = field(default_factory=dict)
    import_runs: int = 0
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0


def measure_imports(result: Measured, data: Path, work: Path, runs: int, timeout: float) -> Path:
    """Floor and reconcile imports, each into a fresh journal; returns a journal to keep."""
    env = base_env()
    source = str(data / "journal.jsonl")
    (work / "imports").mkdir()
    floor_db, ours_db = work / "imports" / "floor.db", work / "imports" / "imported.db"

    def fresh(path: Path, argv: list[str]) -> Callable[[], tuple[float, float]]:
        def measure() -> tuple[float, float]:
            path.unlink(missing_ok=True)
            return timed(argv, env, timeout)
        return measure

    floor = Series("floor_import.py", fresh(floor_db, [PY, str(HERE / "floor_import.py"),
                                                       source, str(floor_db)]))
    ours = Series("import", fresh(ours_db, reconcile("--db", str(ours_db), "import", source)))
    result.import_runs = min(runs, 3) if result.size >= BIG_IMPORT else runs
    interleave([floor, ours], result.import_runs)
    result.series.update({"import floor": floor, "import": ours})
    (work / "journal").mkdir()
    journal = work / "journal" / "journal.db"
    kept = ours_db if ours.ok else floor_db
    if not ours.ok:
        result.notes.append("reconcile's import failed: the commands ran on the floor's journal.")
    if not kept.exists():
        raise SystemExit(f"no journal of {result.size:,} entries could be made")
    kept.rename(journal)
    return journal


def measure_commands(result: Measured, journal: Path, work: Path, args: argparse.Namespace) -> None:
    """Floors, start-up, everyday, export and stream targets, and jrnl: all interleaved."""
    env = {**base_env(), "RECONCILE_DB": str(journal)}
    copy = journal.with_name("written-to.db")
    shutil.copyfile(journal, copy)
    writers_env = {**env, "RECONCILE_DB": str(copy)}
    word, first_day = result.meta["top_word"], result.meta["first_day"]

    def command(name: str, argv: list[str], how: Callable = timed) -> Series:
        chosen_env = writers_env if name in WRITERS else env
        return Series(name, lambda: how(argv, chosen_env, args.timeout))

    chosen = [command(name, [PY, "-c", code]) for name, code in (START_FLOOR, EVERYDAY_FLOOR)]
    chosen += [command(name, reconcile(name)) for name in ("--version", "--help")]
    chosen += [command(name, reconcile(*argv)) for name, argv in EVERYDAY.items()]
    chosen.append(command(f"search {word}", reconcile("search", word)))
    chosen += [command("export", reconcile("export", "--format", "jsonl", "-o",
                                           str(work / "export.jsonl"), "--force")),
               command("export floor", [PY, str(HERE / "floor_export.py"), str(journal),
                                        str(work / "floor-export.jsonl")]),
               command("log -n 20", reconcile("log", "-n", "20")),
               command("first line", reconcile("log", "--since", first_day), first_line)]
    result.series.update({one.name: one for one in chosen})
    chosen += jrnl_series(result, work, args)
    interleave(chosen, args.runs)


def jrnl_series(result: Measured, work: Path, args: argparse.Namespace) -> list[Series]:
    """jrnl's side of the comparison, at JRNL_SIZE only (and only with --jrnl)."""
    if not args.jrnl or result.size != JRNL_SIZE:
        return []
    data = journal_data(result.size)
    env = {**python_env(), **jrnl_home(work / "jrnl", data / "jrnl.txt")}
    subprocess.run([args.jrnl, "-n", "1"], env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)  # let jrnl settle its config before timing
    for name, argv in jrnl_pairs().items():
        result.jrnl[name] = Series(name, lambda argv=argv: timed([args.jrnl, *argv], env,
                                                                 args.timeout))
    return list(result.jrnl.values())


def measure_memory(result: Measured, journal: Path, args: argparse.Namespace) -> None:
    env = {**base_env(), "RECONCILE_DB": str(journal)}
    commands = memory_commands(result.meta["first_day"], result.meta["top_word"])
    chosen = [Series(f"memory {name}", lambda argv=argv: timed(reconcile(*argv), env,
                                                               args.timeout))
              for name, argv in commands.items()]
    interleave(chosen, min(args.runs, args.memory_runs), warm_up=False)
    result.series.update({one.name: one for one in chosen})


def bench_size(size: int, args: argparse.Namespace) -> Measured:
    started = time.perf_counter()
    data = journal_data(size)
    result = Measured(size, json.loads((data / "meta.json").read_text()))
    with tempfile.TemporaryDirectory(prefix=f"bench-{size}-") as folder:
        work = Path(folder)
        print(f"{size:,} entries: imports...", file=sys.stderr)
        journal = measure_imports(result, data, work, args.runs, args.timeout)
        print(f"{size:,} entries: commands...", file=sys.stderr)
        measure_commands(result, journal, work, args)
        print(f"{size:,} entries: memory...", file=sys.stderr)
        measure_memory(result, journal, args)
    result.seconds = time.perf_counter() - started
    return result


# --- the report ------------------------------------------------------------------------------


@dataclass
class Row:
    target: str
    what: str
    value: str
    spread: str
    against: str
    ratio: str
    limit: str
    peak: str
    passed: bool


def ms(series: Series) -> tuple[str, str]:
    low, high = series.spread
    return f"{series.median:,.0f} ms", f"{low:,.0f}–{high:,.0f}"


def rate(entries: int) -> Callable[[Series], tuple[str, str]]:
    def shown(series: Series) -> tuple[str, str]:
        low, high = series.spread
        return (f"{entries / series.median * 1000:,.0f}/s",
                f"{entries / high * 1000:,.0f}–{entries / low * 1000:,.0f}")
    return shown


def mb(series: Series) -> tuple[str, str]:
    return f"{series.peak:,.0f} MB", ""


def row(target: str, what: str, ours: Series, against: str, reference: Series | None,
        limit: float, *, at_least: bool = False, by: str = "median",
        shown: Callable[[Series], tuple[str, str]] = ms) -> Row:
    """One target: ``ours`` against ``reference`` (its median, or its peak ``by="peak"``).

    At most ``limit`` times the reference, or, ``at_least``, the reference at least ``limit``
    times ours (a rate ours/floor, or jrnl's time over ours)."""
    limit_text = f"{'≥' if at_least else '≤'} {limit:g}×"
    peak = f"{ours.peak:,.0f}" if ours.ok else ""
    if reference is None or not reference.ok:
        why = reference.failure if reference else "not measured"
        return Row(target, what, *shown(ours) if ours.ok else ("failed", ""),
                   f"{against}: {why}", "—", limit_text, peak, False)
    if not ours.ok:
        return Row(target, what, "failed", "", against, "—", limit_text, "", False)
    mine, theirs = getattr(ours, by), getattr(reference, by)
    ratio = round(theirs / mine if at_least else mine / theirs, 2)  # judged as shown
    passed = ratio >= limit if at_least else ratio <= limit
    return Row(target, what, *shown(ours), f"{against} {shown(reference)[0]}", f"{ratio:.2f}×",
               limit_text, peak, passed)


def rows(result: Measured, baseline: Measured) -> list[Row]:
    s, base = result.series, baseline.series
    start, daily = s[START_FLOOR[0]], s[EVERYDAY_FLOOR[0]]
    word, first_day = result.meta["top_word"], result.meta["first_day"]
    found = [row("start-up", f"`{name}`", s[name], "`import click`", start, 1.3)
             for name in ("--version", "--help")]
    found += [row("everyday", f"`{name}`", s[name], "everyday floor", daily, 1.3)
              for name in EVERYDAY]
    base_size = f"at {baseline.size:,}"
    found += [row("flat", f"`{name}`", s[name], base_size, base.get(name), 1.2)
              for name in EVERYDAY]
    found.append(row("flat", f"`search {word}` (the most common word)", s[f"search {word}"],
                     base_size, base.get(f"search {word}"), 1.5))
    memory = [("export --format jsonl", "export"),
              *((name, f"memory {name}") for name in memory_commands(first_day, word))]
    found += [row("memory", f"`{name}` peak", s[key], base_size, base.get(key), 1.3, by="peak",
                  shown=mb) for name, key in memory]
    found.append(row("import", "`import journal.jsonl`", s["import"], "floor_import.py",
                     s["import floor"], 0.7, at_least=True, shown=rate(result.size)))
    found.append(row("export", "`export --format jsonl -o FILE`", s["export"],
                     "floor_export.py", s["export floor"], 1.5))
    found.append(row("stream", "`log --since FIRST-DAY`: first line", s["first line"],
                     "`log -n 20`", s["log -n 20"], 1.3))
    for name, theirs in result.jrnl.items():
        found.append(row("jrnl", f"`{name}`", s[name], "jrnl", theirs,
                         20 if name.startswith("write") else 5, at_least=True))
    return found


def floor_rows(result: Measured) -> list[str]:
    lines = []
    for name, _ in (START_FLOOR, EVERYDAY_FLOOR):
        floor = result.series[name]
        value, spread, peak = (*ms(floor), f"{floor.peak:,.0f}") if floor.ok else ("failed",
                                                                                  "", "")
        lines.append(f"| floor | `{name}` | {value} | {spread} | | | | {peak} | |")
    return lines


def table(result: Measured, baseline: Measured) -> list[str]:
    minutes, seconds = divmod(round(result.seconds), 60)
    lines = [f"### {result.size:,} entries", "",
             f"{result.meta['first_day']} to {result.meta['last_day']}; most common word "
             f"\"{result.meta['top_word']}\"; imports: median of {n_runs(result.import_runs)}; "
             f"measured in {minutes} min {seconds:02d} s.", "",
             "| target | command | measured | min–max | compared with | ratio | limit "
             "| peak MB | result |",
             "|---|---|---:|---:|---|---:|---:|---:|---|"]
    lines += floor_rows(result)
    for r in rows(result, baseline):
        lines.append(f"| {r.target} | {r.what} | {r.value} | {r.spread} | {r.against} | "
                     f"{r.ratio} | {r.limit} | {r.peak} | {'pass' if r.passed else '**FAIL**'} |")
    failures = [f"- `{name}`: {one.failure}" for name, one in
                [*result.series.items(), *((f"jrnl {n}", j) for n, j in result.jrnl.items())]
                if one.failure]
    notes = result.notes + (["Failed:", *failures] if failures else [])
    return lines + [""] + ([*notes, ""] if notes else [])


def n_runs(count: int) -> str:
    return f"{count} run{'s' if count != 1 else ''}"


def versions(jrnl: str | None) -> str:
    packages = ", ".join(f"{name} {metadata.version(name)}"
                         for name in ("reconcile-cli", "click", "rich", "sqlite-utils"))
    jrnl_version = "not measured"
    if jrnl:
        jrnl_version = subprocess.run([jrnl, "--version"], capture_output=True,
                                      text=True).stdout.split("\n")[0]
    return (f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {packages}; "
            f"jrnl: {jrnl_version}; commit {commit()}; {os.cpu_count()} cores; "
            f"{dt.date.today().isoformat()}.")


def commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=HERE, capture_output=True,
                              text=True).stdout.strip()
    dirty = " with uncommitted changes" if git("status", "--porcelain", "--", "..") else ""
    return (git("rev-parse", "--short", "HEAD") or "unknown") + dirty


def preamble(args: argparse.Namespace) -> list[str]:
    return ["# Benchmark results", "", versions(args.jrnl), "",
            f"Times are the median of {n_runs(args.runs)} after a warm-up, with the min–max "
            "spread of those runs; each command and its floor run interleaved in the same "
            f"rounds. Imports: from {BIG_IMPORT:,} entries at most 3 runs. Peak memory is the "
            "largest max RSS of the runs (for the memory targets "
            f"{n_runs(min(args.runs, args.memory_runs))}, no warm-up). Ratios are judged as "
            "shown, to two decimals. `flat` and `memory` compare with the same command on the "
            f"smallest journal measured. Everyday floor: `{EVERYDAY_FLOOR[0]}`. Journals from "
            "`bench/generate.py` (4 entries a day, a third with @tags) ending on "
            f"{TODAY}; commands run with RECONCILE_TODAY={TODAY}, COLUMNS=100, output to a "
            "pipe, Python's bytecode cache on (in bench/out/pycache). Run with "
            f"`python bench/run.py {' '.join(sys.argv[1:])}`.", ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="Journal sizes, smallest first (the flat and memory targets "
                        "compare with the first).")
    parser.add_argument("--jrnl", help="Path of a jrnl executable to compare with.")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--memory-runs", type=int, default=2,
                        help="Runs of the memory targets (at most --runs).")
    parser.add_argument("--timeout", type=float, default=120,
                        help="Seconds one command may run before it is stopped as failed.")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    report = preamble(args)
    baseline = None
    for size in sorted(int(s) for s in args.sizes.split(",")):
        result = bench_size(size, args)
        baseline = baseline or result
        lines = table(result, baseline)
        print("\n".join(lines), flush=True)
        report += lines
    # sections other scripts write at the end (bench/dayone.py's) are kept as they are
    before = args.out.read_text() if args.out.exists() else ""
    kept = before[before.find("<!-- bench/"):] if "<!-- bench/" in before else ""
    args.out.write_text("\n".join(report) + ("\n\n" + kept if kept else ""))
    print(f"Written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
