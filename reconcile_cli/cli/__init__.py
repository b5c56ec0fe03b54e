"""cli: the Click tree, one module per command group, with the context a command runs in, the
text coming in and the output going out; it may import every wing, and nothing imports it.

This root holds the global options and hands errors to failures.py, the one place they are
shown. Each command's module is imported when that command runs (COMMAND_HOMES), and the wings
load on first use (core/lazy.py), so ``--help``, ``--version`` and usage errors never pay for
Rich or the journal, and each command pays only for what it uses.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from reconcile_cli import __version__
from reconcile_cli.core.dates import DateError, parse_today

if TYPE_CHECKING:
    from reconcile_cli.cli.context import App

Failure = TypeVar("Failure", bound=click.ClickException)


class ReconcileGroup(click.Group):
    """The root group: loads each command's module on first use (see COMMAND_HOMES)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_HOMES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_HOMES:
            load_commands(COMMAND_HOMES[cmd_name])
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: click.Context, args: list[str]
                        ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:  # "Did you mean", from every command
            raise click.exceptions.NoSuchCommand(
                exc.command_name, possibilities=self.list_commands(ctx), ctx=ctx) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of --help, from SUMMARIES, without importing every command."""
        with formatter.section("Commands"):
            formatter.write_dl([(name, SUMMARIES[name]) for name in self.list_commands(ctx)])

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            raise WrappedUsageError.of(cleaned(exc)) from None
        except click.ClickException as exc:
            raise cleaned(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise WrappedUsageError.of(cleaned(exc)) from None
        except click.ClickException as exc:
            raise cleaned(exc) from None  # Click shows these itself
        except (click.exceptions.Exit, click.Abort, BrokenPipeError):
            raise  # (and leaves a closed pipe quietly)
        except Exception as exc:
            from reconcile_cli.cli.failures import UserFacingError, explain

            app: App | None = ctx.obj
            if app is not None and app.debug:
                raise
            raise UserFacingError(*explain(exc, app)) from None


def cleaned(exc: Failure) -> Failure:
    """A Click error with every value the user gave made safe for one line of the terminal:
    Click's messages repeat what was typed (a file's name, an option, a date)."""
    from reconcile_cli.core.text import one_line

    if type(exc).__module__.startswith("reconcile_cli"):
        return exc  # ours (UserFacingError): made safe, and its lines kept, when shown
    # Click types these as Final; they are plain attributes, read when the error is shown
    setattr(exc, "message", one_line(exc.message))  # noqa: B010
    if isinstance(exc, click.FileError):
        setattr(exc, "ui_filename", one_line(exc.ui_filename))  # noqa: B010
    return exc


class WrappedUsageError(click.UsageError):
    """A usage error from Click itself, shown through the one wrapping of messages (on a
    terminal, between words), as everything else reconcile says is."""

    @classmethod
    def of(cls, exc: click.UsageError) -> WrappedUsageError:
        if isinstance(exc, WrappedUsageError):
            return exc
        return cls(exc.format_message(), exc.ctx)  # every usage error exits with 2

    def show(self, file: Any = None) -> None:
        import io

        from reconcile_cli.cli.output import echo, wrapped

        shown = io.StringIO()
        super().show(file=shown)
        echo(wrapped(shown.getvalue().rstrip("\n"), err=True), err=True)


def print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    import sqlite3

    click.echo(f"reconcile {__version__} (SQLite {sqlite3.sqlite_version}, Python "
               f"{sys.version.split()[0]})")
    ctx.exit()


def resolve_today(ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return parse_today(value)
    except DateError as exc:
        raise click.BadParameter(str(exc)) from None


@click.group(cls=ReconcileGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=print_version, help="Show the version and exit.")
@click.option("--db", "db_path", metavar="PATH",
              help="The journal file. Default: $RECONCILE_DB, else journal.db in your user data "
              "folder.")
@click.option("--today", hidden=True, envvar="RECONCILE_TODAY", callback=resolve_today,
              help="Pretend today is this YYYY-MM-DD day, at the clock's time (for tests and "
              "scripts).")
@click.option("--plain", is_flag=True,
              help="Words instead of symbols, no colours or drawing: for screen readers and for "
              "copying (also when TERM=dumb).")
@click.option("--debug", is_flag=True, hidden=True, help="Show tracebacks of unexpected errors.")
@click.pass_context
def cli(ctx: click.Context, db_path: str | None, today: dt.date | None, plain: bool,
        debug: bool) -> None:
    """reconcile: a private journal for the days while you work on your marriage.

    Each evening, `reconcile checkin` asks how you are, walks through your checklist and
    keeps what you write. Everything stays in one file on this computer.
    """
    if hasattr(sys.stdin, "reconfigure"):
        # Bytes typed at a prompt that are not UTF-8 must not crash it: they arrive as
        # surrogates, and the text path turns them into replacement characters with a warning.
        sys.stdin.reconfigure(errors="surrogateescape")
    # --help, --version and usage errors stop before here, and never load the context
    from reconcile_cli.cli.context import App
    from reconcile_cli.views import display as mode

    mode.set_plain(mode.wanted_plain(plain))
    app = App(db_path, today, debug)
    ctx.obj = app
    ctx.call_on_close(app.close)


def _stop(signum: int, _frame: object) -> None:
    """SIGTERM or SIGHUP (the terminal closed): stop as Ctrl-C does, so that a transaction is
    rolled back and a half-written temporary file is removed on the way out."""
    raise SystemExit(128 + signum)


def main() -> None:
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop)
    os.umask(0o077)  # every file we or SQLite create is private to the user
    # sqlite-utils imports numpy when it is installed (~65 ms on every command) only to
    # convert numpy values, which reconcile never passes it; keep it out of the process.
    # (None is what blocks an import; typeshed allows only modules in sys.modules.)
    cast("dict[str, object]", sys.modules).setdefault("numpy", None)
    cli(prog_name="reconcile")


# One line each for `reconcile --help` (Click would cut the first sentence of the docstring).
SUMMARIES = {
    "backup": "Copy the journal safely; list or restore backups.",
    "check": "Answer checklist items: no-begging=kept.",
    "checkin": "The evening check-in: mood, checklist, words.",
    "comfort": "A calm page for a hard night.",
    "config": "Show or change a setting.",
    "decrypt": "Make an encrypted journal plain again.",
    "delete": "Move an entry to the trash.",
    "doctor": "Check the journal and its backups.",
    "drawer": "Letters written instead of sent.",
    "drawer read": "Reread a letter after its cooling-off.",
    "drawer write": "Put a letter in the drawer instead of sending it.",
    "edit": "Rewrite an entry, or change its mood or day.",
    "encrypt": "Lock the journal with a passphrase.",
    "export": "Write your journal out: ours, md, csv, Day One, notes.",
    "goals": "Goals in five areas, in small steps.",
    "goals add": "Add a goal in one of the five areas.",
    "goals done": "Mark a small step done.",
    "goals drop": "Set a goal or step aside.",
    "goals step": "Add a small step to a goal.",
    "import": "Merge a file in: ours, Day One, Journey, Daylio, jrnl.",
    "insights": "Your mood beside each item, and by weekday.",
    "items": "Your checklist: add, rename, retire, move.",
    "items add": "Add an item to your checklist.",
    "items move": "Move an item to another place in the list.",
    "items rename": "Give an item new words.",
    "items restore": "Bring a retired item back.",
    "items retire": "Stop being asked about an item.",
    "lock": "Forget the key remembered on this computer.",
    "log": "Your entries, newest first, day by day.",
    "lookback": "What you wrote a week, a month, a year ago.",
    "month": "Your month: mood calendar and checklist.",
    "mood": "Rate how you feel, 1 to 10.",
    "nudge": "One line if tonight's check-in is waiting.",
    "passphrase": "Change the passphrase.",
    "pause": "Days you could not keep the journal.",
    "prompt": "The day's reflection question.",
    "prompt add": "Put a question of your own in the rotation.",
    "prompt remove": "Take a question of yours out of the rotation.",
    "recover": "Forgot the passphrase: use the recovery code.",
    "report": "A week, a month or a year on one page, to share.",
    "restore": "Bring an entry back from the trash.",
    "search": "Find entries by their words.",
    "show": "One entry in full.",
    "star": "Star an entry, to reread on a hard night.",
    "unstar": "Take the star off an entry.",
    "unpause": "Remove a pause.",
    "slips": "Slips, your notes, and their spacing.",
    "streaks": "Each item's days in a row, and its slips.",
    "support": "People to turn to on a hard night.",
    "support add": "Add someone to your support list.",
    "support remove": "Take someone off the list.",
    "sync": "Keep two computers in step through a folder.",
    "tags": "Your @tags, with counts.",
    "today": "The day at a glance.",
    "trash": "What is in the trash; --empty deletes it.",
    "undo": "Undo the most recent change.",
    "vision": "The life you hope for, kept in versions.",
    "week": "Your week in your own numbers.",
    "write": "Write an entry.",
    "year": "The year at a glance.",
}

# The module that defines each command. A command's module is imported only when that command
# runs (or its help is asked for), so each command pays for its own imports alone.
COMMAND_HOMES = {
    "backup": "safety", "check": "checkin", "checkin": "checkin", "comfort": "summary",
    "config": "config", "decrypt": "locking", "delete": "changes", "doctor": "doctor",
    "drawer": "drawer", "edit": "changes", "encrypt": "locking", "export": "transfer",
    "goals": "goals", "import": "importing", "insights": "summary", "items": "items",
    "lock": "passphrase", "log": "browse", "lookback": "browse", "month": "summary",
    "mood": "entries", "nudge": "checkin", "passphrase": "passphrase", "pause": "pause",
    "prompt": "prompts", "recover": "passphrase", "report": "summary", "restore": "changes",
    "search": "browse", "show": "browse", "slips": "summary", "star": "changes",
    "streaks": "summary", "support": "support", "sync": "sync", "tags": "browse",
    "today": "entries",
    "trash": "changes", "undo": "changes", "unpause": "pause", "unstar": "changes",
    "vision": "vision", "week": "summary", "write": "entries", "year": "summary",
}


def load_commands(module_name: str) -> None:
    """Import one command module and add its commands, with their one-line summaries."""
    import importlib

    module = importlib.import_module(f"reconcile_cli.cli.{module_name}")
    for command in module.COMMANDS:
        assert command.name is not None
        cli.add_command(command)
        command.short_help = SUMMARIES[command.name]
        if isinstance(command, click.Group):
            for sub_name, sub in command.commands.items():
                sub.short_help = SUMMARIES[f"{command.name} {sub_name}"]
