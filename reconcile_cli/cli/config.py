"""Settings kept in the journal itself."""

from __future__ import annotations

import click

from reconcile_cli import store
from reconcile_cli.cli import complete
from reconcile_cli.cli.context import App
from reconcile_cli.cli.output import echo, say
from reconcile_cli.core import errors
from reconcile_cli.core.settings import SETTINGS, check_key, validate
from reconcile_cli.core.text import clean


@click.command()
@click.argument("key", required=False, shell_complete=complete.config_keys)
@click.argument("value", required=False)
@click.option("--unset", is_flag=True, help="Return KEY to its default.")
@click.pass_obj
def config(app: App, key: str | None, value: str | None, unset: bool) -> None:
    """Show or change a setting: day_starts_at, editor, journey_start, gentle_net,
    crisis_line, drawer_cooling_hours or nudge_after.

    `config` lists them all, each with what it does; `config KEY` shows one; `config KEY
    VALUE` sets it; `config KEY --unset` returns it to its default.
    """

    def shown(key: str) -> str:
        current = app.setting(key)
        return current if current is not None else "(not set)"

    if key is None and unset:
        raise errors.UsageProblem("--unset needs the setting to return to its default: "
                                  "reconcile config --unset KEY.")
    if key is None:
        for setting in SETTINGS.values():
            say(f"{setting.key} = {shown(setting.key)}")
            say(setting.help, indent="    ")
        return
    check_key(key)
    if value is None and not unset:
        echo(shown(key))
        return
    if unset and value is not None:
        raise errors.UsageProblem("Give a VALUE or --unset, not both.")
    with app.writing() as db:
        # Here value is None exactly when --unset was given (neither shows, both is refused).
        stored = None if value is None else validate(key, clean(value), app.today)
        store.set_setting(db, key, stored)
    say(f"{key} = {shown(key)}")
    if key == "nudge_after" and stored and app.encrypted:
        app.out.note("Note: your journal is encrypted, and `reconcile nudge` does not unlock it, "
                     "so it will stay quiet.")


COMMANDS = (config,)
