"""Time every everyday command on an encrypted journal against the same journal plain.

    python bench/encrypted.py [--sizes 1000,10000] [--runs 7]

For each size: generate the journal (bench/generate.py), import it, copy it, and encrypt the
copy with the key remembered (as a user who chose "remember on this computer" has it: for the
login session in $XDG_RUNTIME_DIR). Then each command runs on the plain and on the encrypted
journal in turn (plain, encrypted, plain, ...) so machine drift cancels: a warm-up, then --runs
timed runs. The target is at most 1.15x. Writes bench/ENCRYPTED.md. Run by hand; needs the
encryption extra (pip install -e '.[encryption]').
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from run import HERE, PY, WEEK, WORD, journal_data, timed

COMMANDS = [
    ("today", ["today"]),
    ('write "..."', ["write", "A short evening entry."]),
    ("mood 6", ["mood", "6"]),
    ("check no-begging=kept", ["check", "no-begging=kept"]),
    ("log -n 10", ["log", "-n", "10"]),
    ("week", ["week"]),
    ("month", ["month"]),
    (f"search {WORD}", ["search", WORD]),
    ("streaks", ["streaks"]),
    ("export --format jsonl", ["export", "--format", "jsonl"]),
]
TARGET = 1.15


def journals(size: int, work: Path) -> tuple[dict, dict]:
    """Environments for the plain journal and its encrypted twin, ready to run."""
    data = journal_data(size)
    folder = work / str(size)
    runtime = folder / "run"
    runtime.mkdir(parents=True, mode=0o700)
    base = {**os.environ, "RECONCILE_TODAY": WEEK[1], "COLUMNS": "100",
            "XDG_RUNTIME_DIR": str(runtime), "XDG_STATE_HOME": str(folder / "state"),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    plain = {**base, "RECONCILE_DB": str(folder / "plain" / "journal.db")}
    locked = {**base, "RECONCILE_DB": str(folder / "locked" / "journal.db")}
    (folder / "plain").mkdir()
    subprocess.run([PY, "-m", "reconcile_cli", "import", str(data / "journal.jsonl")],
                   env=plain, check=True, stdout=subprocess.DEVNULL)
    shutil.copytree(folder / "plain", folder / "locked")
    passphrase = folder / "passphrase.sh"
    passphrase.write_text("#!/bin/sh\necho 'a bench passphrase'\n")
    passphrase.chmod(0o700)
    subprocess.run([PY, "-m", "reconcile_cli", "encrypt", "--yes", "--remember"],
                   env={**locked, "RECONCILE_PASSPHRASE_COMMAND": str(passphrase)},
                   check=True, stdout=subprocess.DEVNULL)
    return plain, locked


def bench_size(size: int, runs: int, work: Path) -> list[str]:
    plain, locked = journals(size, work)
    samples: dict = {name: ([], []) for name, _ in COMMANDS}
    for n in range(runs + 1):  # run 0 is the warm-up
        for name, args in COMMANDS:
            for env, kept in ((plain, samples[name][0]), (locked, samples[name][1])):
                sample = timed([PY, "-m", "reconcile_cli", *args], env)
                if n:
                    kept.append(sample[0])
    lines = [f"### {size:,} entries", "",
             "| command | plain median ms | encrypted median ms | encrypted ÷ plain | target |",
             "|---|---:|---:|---:|---|"]
    for name, (ours, theirs) in samples.items():
        ratio = statistics.median(theirs) / statistics.median(ours)
        lines.append(f"| `reconcile {name}` | {statistics.median(ours):.0f} | "
                     f"{statistics.median(theirs):.0f} | {ratio:.2f} | "
                     f"{'met' if ratio <= TARGET else 'NOT MET'} |")
    return lines + [""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--out", type=Path, default=HERE / "ENCRYPTED.md")
    args = parser.parse_args()
    report = ["# Encrypted against plain", "",
              f"Median of {args.runs} runs after a warm-up, plain and encrypted interleaved, "
              "the key remembered for the session. Target: encrypted at most "
              f"{TARGET}x plain.", ""]
    with tempfile.TemporaryDirectory() as folder:
        for size in [int(s) for s in args.sizes.split(",")]:
            print(f"size {size:,}...", file=sys.stderr)
            report += bench_size(size, args.runs, Path(folder))
    args.out.write_text("\n".join(report))
    print("\n".join(report))


if __name__ == "__main__":
    main()
