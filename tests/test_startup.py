"""Start-up stays lean: help and usage errors never import Rich or sqlite-utils."""

import subprocess
import sys
from pathlib import Path

import click
import pytest

from reconcile_cli.cli import cli

PROBE = """
import sys
from pathlib import Path
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
        context = click.Context(group)
        for name in group.list_commands(context):
            command = group.get_command(context, name)
            assert command is not None, name
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
        "slips", "support", "support add", "support remove", "sync", "nudge", "drawer",
        "drawer write",
        "drawer read", "comfort", "star", "unstar", "vision", "tags", "year",
        "goals", "goals add", "goals step", "goals done", "goals drop", "pause", "unpause",
        "prompt add", "prompt remove",
    }
    for name, command in commands.items():
        assert command.help and len(command.help) > 20, name


def test_each_command_lives_where_the_root_looks_for_it():
    # The root imports a command's module only when the command runs: COMMAND_HOMES must name,
    # for every command a module defines, that module, and nothing else.
    import importlib

    from reconcile_cli.cli import COMMAND_HOMES, SUMMARIES

    defined = {}
    for module_name in set(COMMAND_HOMES.values()):
        module = importlib.import_module(f"reconcile_cli.cli.{module_name}")
        defined.update({command.name: module_name for command in module.COMMANDS})
    assert defined == COMMAND_HOMES
    assert {name for name in SUMMARIES if " " not in name} == set(COMMAND_HOMES)


def test_a_command_imports_only_its_own_module():
    probe = ("import sys\n"
             "from click.testing import CliRunner\n"
             "from reconcile_cli.cli import cli\n"
             "CliRunner().invoke(cli, ['week', '--help'])\n"
             "print(sorted(m for m in sys.modules if m.startswith('reconcile_cli.cli.')))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "['reconcile_cli.cli.complete', 'reconcile_cli.cli.context', " \
        "'reconcile_cli.cli.output', 'reconcile_cli.cli.params', 'reconcile_cli.cli.summary']"


@pytest.mark.parametrize("package", ["store", "views", "progress"])
def test_each_lazy_name_is_what_its_module_defines(package):
    # store, views and progress load each name on first use: HOMES must agree with the imports
    # mypy reads (under TYPE_CHECKING), and no name may be a submodule's name, which importing
    # that submodule would overwrite with the module.
    import ast
    import importlib
    import pkgutil

    module = importlib.import_module(f"reconcile_cli.{package}")
    source = ast.parse(Path(module.__file__).read_text())
    checked = next(node for node in source.body if isinstance(node, ast.If))
    # each imported as itself ("name as name": what mypy takes as exported)
    typed = {alias.asname: node.module.rsplit(".", 1)[1]
             for node in checked.body if isinstance(node, ast.ImportFrom) for alias in node.names
             if alias.asname == alias.name}
    assert typed == module.HOMES
    submodules = {found.name for found in pkgutil.iter_modules(module.__path__)}
    assert not set(module.HOMES) & submodules
    for name, home in module.HOMES.items():
        defined = getattr(importlib.import_module(f"reconcile_cli.{package}.{home}"), name)
        assert getattr(module, name) is defined, name


# Modules that must never load for an everyday command: each costs a noticeable part of a
# command's whole time (sqlite-utils brings python-dateutil, pluggy and tabulate).
HEAVY = ("sqlite_utils", "dateparser", "dateutil", "pluggy", "tabulate", "numpy",
         "cryptography", "argon2", "keyring", "pygments", "rich.markdown", "rich.syntax",
         "rich.progress", "rich.live", "rich.tree", "reconcile_cli.journal.migrations",
         "reconcile_cli.formats.importers", "reconcile_cli.formats.exporters",
         "reconcile_cli.formats.reports")
EVERYDAY = [["write", "An evening entry."], ["mood", "6"], ["check", "self-care=kept"],
            ["today"], ["week"], ["month"], ["log", "-n", "10"], ["search", "evening"],
            ["prompt"]]
IMPORTED = """
import sys
from reconcile_cli.cli import main
sys.argv = ["reconcile", *sys.argv[1:]]
try:
    main()
finally:
    print(" ".join(sorted(n for n, m in sys.modules.items() if m is not None)), file=sys.stderr)
"""


def test_everyday_commands_import_nothing_heavy(journal):
    for args in EVERYDAY:
        done = subprocess.run([sys.executable, "-c", IMPORTED, *args], capture_output=True,
                              text=True)
        assert done.returncode == 0, (args, done.stderr)
        imported = set(done.stderr.split("\n")[-2].split())
        assert "reconcile_cli.journal.db" in imported  # the command did open the journal
        assert [name for name in HEAVY if name in imported] == [], args
