"""Pauses: days you could not keep the journal (illness, a trip, a hospital stay)."""

from __future__ import annotations

import datetime as dt

import click

from reconcile_cli import store
from reconcile_cli.cli.context import App
from reconcile_cli.cli.output import say
from reconcile_cli.core import errors
from reconcile_cli.core.dates import DateError, long_date, parse_day
from reconcile_cli.core.text import clean

AHEAD_DAYS = 60


def pause_day(app: App, value: str, what: str) -> dt.date:
    """A day of a pause: as --date takes it, or a YYYY-MM-DD up to 60 days ahead."""

    today = app.today
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        try:
            return parse_day(value, today)
        except DateError as exc:
            raise errors.UsageProblem(f"{what}: {exc}") from None
    if day > today + dt.timedelta(days=AHEAD_DAYS):
        raise errors.UsageProblem(f"{what}: a pause can be planned up to {AHEAD_DAYS} days ahead.")
    if day.year < 1900:
        raise errors.UsageProblem(f"{what}: {value} is too long ago.")
    return day


@click.command()
@click.argument("reason", nargs=-1)
@click.option("--from", "start", metavar="D", help="The first day of the pause.")
@click.option("--until", "until", metavar="D", help="The last day of the pause.")
@click.option("--list", "listing", is_flag=True, help="List the pauses.")
@click.option("--end", "ending", is_flag=True, help="End the pause you are in, as of today.")
@click.option("--json", "as_json", is_flag=True, help="With --list: print them as JSON.")
@click.pass_obj
def pause(app: App, reason: tuple[str, ...], start: str | None, until: str | None,
          listing: bool, ending: bool, as_json: bool) -> None:
    """Days you could not keep the journal: blank everywhere, counted nowhere, and no streak
    is broken across them. `pause --from D --until D [REASON]`."""

    if listing:
        found = store.all_pauses(app.journal()) if app.path.exists() else []
        if as_json:
            app.out.json(found)
            return
        if not found:
            say("No pauses. `reconcile pause --from D --until D [REASON]` sets one.")
        for row in found:
            say(f"{row['id'][:8]}  {long_date(row['from'])} to {long_date(row['until'])}"
                 + (f"  ({row['reason']})" if row["reason"] else ""))
        return
    if ending:
        with app.writing("ended a pause") as db:
            ended = store.end_pause(db, app.today.isoformat())
        if ended is None:
            raise errors.InvalidInput("You are not in a pause today; `pause --list` shows them.")
        say("Welcome back. The pause has ended; today counts again.")
        return
    if start is None or until is None:
        raise errors.UsageProblem("A pause needs --from D and --until D (or --list, or --end).")
    first, last = pause_day(app, start, "--from"), pause_day(app, until, "--until")
    if last < first:
        raise errors.UsageProblem("--until is before --from; give the earlier day to --from.")
    why = " ".join(clean(" ".join(reason)).split()) or None
    if why is not None and len(why) > 200:
        raise errors.UsageProblem("A reason holds up to 200 characters.")
    with app.writing(f"paused {long_date(first.isoformat())} to "
                     f"{long_date(last.isoformat())}") as db:
        _, merged = store.add_pause(db, first.isoformat(), last.isoformat(), why, app.now())
    say(f"Paused from {long_date(first.isoformat())} to {long_date(last.isoformat())}"
         + (", joined with the pause it met" if merged else "")
         + ". Those days are counted nowhere, and no streak breaks across them. Take care.")


@click.command()
@click.argument("pause_id", metavar="ID")
@click.pass_obj
def unpause(app: App, pause_id: str) -> None:
    """Remove a pause (its days count again)."""

    with app.writing("removed a pause") as db:
        removed = store.remove_pause(db, pause_id)
    say(f"The pause from {long_date(removed['from'])} to {long_date(removed['until'])} is "
         "removed; those days count again.")


COMMANDS = (pause, unpause)
