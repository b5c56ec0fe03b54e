"""Time whole reconcile commands, as a user runs them, against jrnl and the import floors.

    python bench/run.py [--sizes 1000,10000,100000] [--jrnl PATH] [--runs 5]

For each size: generate the journal (bench/generate.py), import it into a fresh reconcile
journal, point a private jrnl config at the same entries in jrnl's text format, then run each
command pair interleaved (reconcile, jrnl, reconcile, jrnl...) so machine drift cancels: a
warm-up, then --runs timed runs. Peak memory is each child's max RSS from the OS (wait4).
Writes bench/RESULTS.md. Run by hand; never part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).parent
PY = sys.executable
WORD = "river"
WEEK = ("2026-11-16", "2026-11-22")


def timed(argv: list[str], env: dict) -> tuple[float, float]:
    """(wall ms, peak RSS MB) of one run of a command."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(argv)}")
    return elapsed, usage.ru_maxrss / 1024


def reconcile(*args: str) -> list[str]:
    return [PY, "-m", "reconcile_cli", *args]


def pairs(jrnl: str | None) -> list[tuple[str, list[str], list[str] | None]]:
    """(name, reconcile argv, jrnl argv or None)."""
    j = (lambda *a: [jrnl, *a]) if jrnl else (lambda *a: None)
    return [
        ("--version", reconcile("--version"), j("--version")),
        ("--help", reconcile("--help"), None),
        ('write "..."', reconcile("write", "A short evening entry."),
         j("A short evening entry.")),
        ("log -n 10", reconcile("log", "-n", "10"), j("-n", "10")),
        ("week", reconcile("week"), j("-from", WEEK[0], "-to", WEEK[1])),
        (f"search {WORD}", reconcile("search", WORD), j("-contains", WORD)),
        ("export --format jsonl", reconcile("export", "--format", "jsonl"),
         j("--format", "json")),
    ]


FLOORS = [
    ("python -c pass", [PY, "-c", "pass"]),
    ("python -c 'import click'", [PY, "-c", "import click"]),
    ("import click, sqlite_utils, rich.console (stack floor)",
     [PY, "-c", "import click, sqlite_utils, rich.console"]),
]


def jrnl_home(folder: Path, entries_file: Path) -> dict:
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


def summarise(samples: list[tuple[float, float]]) -> dict:
    ms = [s[0] for s in samples]
    return {"median": statistics.median(ms), "min": min(ms), "max": max(ms),
            "mb": max(s[1] for s in samples)}


def bench_size(size: int, jrnl: str | None, runs: int, work: Path) -> dict:
    data = HERE / "out" / str(size)
    if not (data / "journal.jsonl").exists():
        subprocess.run([PY, str(HERE / "generate.py"), "--entries", str(size), "--out",
                        str(data)], check=True)
    env = {**os.environ, "RECONCILE_TODAY": WEEK[1], "COLUMNS": "100"}
    env.pop("RECONCILE_DB", None)
    results: dict = {}

    # import, each run into a fresh journal
    imports = []
    for n in range(runs + 1):
        db = work / f"import-{size}-{n}.db"
        sample = timed(reconcile("--db", str(db), "import", str(data / "journal.jsonl")), env)
        if n:
            imports.append(sample)
        if n < runs:
            db.unlink()
    results[f"import {size:,} entries"] = {"reconcile": summarise(imports)}
    env["RECONCILE_DB"] = str(db)

    jrnl_env = None
    if jrnl:
        jrnl_env = {**os.environ, **jrnl_home(work / f"jrnl-{size}", data / "jrnl.txt")}
        timed([jrnl, "-n", "1"], jrnl_env)  # let jrnl settle its config before timing
    commands = pairs(jrnl)
    samples: dict = {name: {"reconcile": [], "jrnl": []} for name, _, _ in commands}
    floors: dict = {name: [] for name, _ in FLOORS}
    for n in range(runs + 1):  # run 0 is the warm-up
        for name, argv in FLOORS:
            sample = timed(argv, env)
            if n:
                floors[name].append(sample)
        for name, ours, theirs in commands:
            sample = timed(ours, env)
            if n:
                samples[name]["reconcile"].append(sample)
            if theirs and jrnl_env:
                sample = timed(theirs, jrnl_env)
                if n:
                    samples[name]["jrnl"].append(sample)
    for name, by_tool in samples.items():
        results[name] = {tool: summarise(s) for tool, s in by_tool.items() if s}
    return {"commands": results, "floors": {k: summarise(v) for k, v in floors.items()}}


def versions(jrnl: str | None) -> str:
    packages = ", ".join(f"{name} {metadata.version(name)}"
                         for name in ("click", "rich", "sqlite-utils", "platformdirs",
                                      "dateparser"))
    jrnl_version = "not measured"
    if jrnl:
        jrnl_version = subprocess.run([jrnl, "--version"], capture_output=True,
                                      text=True).stdout.split("\n")[0]
    return (f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {packages}; "
            f"jrnl: {jrnl_version}; {os.cpu_count()} cores; {dt.date.today().isoformat()}.")


def table(size: int, result: dict) -> list[str]:
    floor = result["floors"]["import click, sqlite_utils, rich.console (stack floor)"]["median"]
    lines = [f"### {size:,} entries", "",
             "| command | median ms | min-max ms | peak MB | × stack floor | jrnl median ms "
             "| jrnl peak MB | jrnl ÷ reconcile |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, r in result["floors"].items():
        lines.append(f"| `{name}` | {r['median']:.0f} | {r['min']:.0f}-{r['max']:.0f} | "
                     f"{r['mb']:.0f} | {r['median'] / floor:.2f} | | | |")
    for name, tools in result["commands"].items():
        ours, theirs = tools["reconcile"], tools.get("jrnl")
        jrnl_cells = (f"{theirs['median']:.0f} | {theirs['mb']:.0f} | "
                      f"{theirs['median'] / ours['median']:.1f}×" if theirs else " | | ")
        lines.append(f"| `reconcile {name}` | {ours['median']:.0f} | {ours['min']:.0f}-"
                     f"{ours['max']:.0f} | {ours['mb']:.0f} | {ours['median'] / floor:.2f} | "
                     f"{jrnl_cells} |")
    return lines + [""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--jrnl", help="Path of a jrnl executable to compare with.")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    report = ["# Benchmark results", "", versions(args.jrnl), "",
              f"Median of {args.runs} runs after a warm-up; reconcile and jrnl interleaved. "
              "`× stack floor` divides by the median of "
              "`python -c 'import click, sqlite_utils, rich.console'` measured in the same run.",
              ""]
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            print(f"size {size:,}...", file=sys.stderr)
            report += table(size, bench_size(size, args.jrnl, args.runs, Path(folder)))
    args.out.write_text("\n".join(report))
    print("\n".join(report))


if __name__ == "__main__":
    main()
