"""Start-up stays lean: help and usage errors never import Rich or sqlite-utils."""

import subprocess
import sys

import click

from reconcile_cli.cli import cli

PROBE = """
import sys
from click.testing import CliRunner
from reconcile_cli.cli import cli
result = CliRunner().invoke(cli, {args!r})
heavy = sorted(name for name in ("rich", "sqlite_utils", "platformdirs") if name in sys.modules)
print(result.exit_code, heavy)
"""


def probe(*args: str) -> str:
    out = subprocess.run([sys.executable, "-c", PROBE.format(args=list(args))],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_help_version_and_usage_errors_import_nothing_heavy():
    assert probe("--help") == "0 []"
    assert probe("checkin", "--help") == "0 []"
    assert probe("--version") == "0 []"
    assert probe("mood", "11") == "2 []"


def test_python_dash_m_runs_the_cli():
    out = subprocess.run([sys.executable, "-m", "reconcile_cli", "--version"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.startswith("reconcile 0.1.0 (SQLite ")


def test_every_command_has_help_text():
    def walk(group: click.Group, prefix: str):
        for name, command in group.commands.items():
            yield f"{prefix}{name}", command
            if isinstance(command, click.Group):
                yield from walk(command, f"{prefix}{name} ")

    commands = dict(walk(cli, ""))
    assert set(commands) == {
        "checkin", "check", "write", "mood", "today", "prompt", "items", "items add",
        "items rename", "items retire", "items restore", "items move",
        "week", "month", "streaks", "insights", "log", "show", "search", "lookback", "edit",
        "delete", "restore", "trash", "undo", "config", "export", "import",
        "backup", "doctor", "report",
        "encrypt", "decrypt", "passphrase", "recover", "lock",
        "slips", "support", "support add", "support remove", "nudge", "drawer", "drawer write",
        "drawer read", "comfort", "star", "unstar", "vision", "tags", "year",
        "goals", "goals add", "goals step", "goals done", "goals drop", "pause", "unpause",
    }
    for name, command in commands.items():
        assert command.help and len(command.help) > 20, name
