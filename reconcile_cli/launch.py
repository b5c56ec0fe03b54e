"""The console script: `reconcile nudge` is answered here, before Click loads; anything else goes
to the full command line tool in ``cli``.

`nudge` runs from a shell's start-up file, on every new terminal, so it must cost next to
nothing: it reads the journal with the standard library alone (no Click, no Rich, no
sqlite-utils), says nothing when it has nothing to say, and never fails loudly.
"""

from __future__ import annotations

import sys


def wanted(argv: list[str]) -> str | None | bool:
    """The --db value when ``argv`` is `[--db PATH] nudge` (None without --db); False when it
    is any other command."""
    if argv == ["nudge"]:
        return None
    if len(argv) == 3 and argv[2] == "nudge" and argv[0] == "--db":
        return argv[1]
    if len(argv) == 2 and argv[1] == "nudge" and argv[0].startswith("--db="):
        return argv[0][len("--db="):]
    return False


def main() -> None:
    """The console script: `nudge` here, anything else in the full command line tool."""
    chosen = wanted(sys.argv[1:])
    if chosen is not False:
        from reconcile_cli.journal.paths import journal_path_quickly
        from reconcile_cli.store.nudge import nudge_line

        line = nudge_line(journal_path_quickly(chosen if isinstance(chosen, str) else None))
        if line:
            print(line)
        raise SystemExit(0)
    from reconcile_cli.cli import main as full

    full()
