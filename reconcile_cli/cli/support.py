"""Your support list: people to turn to on a hard night, named by the gentle net."""

from __future__ import annotations

import click

from reconcile_cli import store
from reconcile_cli.cli.context import App
from reconcile_cli.cli.intake import kept_first
from reconcile_cli.cli.output import echo, say
from reconcile_cli.core import errors
from reconcile_cli.core.text import clean, printable


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@click.pass_context
def support(ctx: click.Context, as_json: bool) -> None:
    """People you could call on a hard night: a friend, family, a counsellor, a group."""
    if ctx.invoked_subcommand is not None:
        return

    app: App = ctx.obj
    people = store.support_people(app.journal()) if app.path.exists() else []
    if as_json:
        app.out.json([{"name": name, "contact": contact} for name, contact in people])
        return
    if not people:
        say("Your support list is empty. `reconcile support add NAME [CONTACT]` adds someone "
             "you could call on a hard night.")
        return
    for name, contact in people:
        echo(printable(name) + (f"  {printable(contact)}" if contact else ""))


def _clean(value: str, what: str, most: int) -> str:
    value = " ".join(clean(value).split())
    if not value:
        raise errors.UsageProblem(f"A {what} cannot be empty.")
    if len(value) > most:
        raise errors.UsageProblem(f"A {what} holds up to {most} characters.")
    return value


SUPPORT = ("support", "list")  # what a draft of a person for the list is marked as


def person_text(name: str, contact: str | None) -> str:
    """A person for the support list as a draft holds them: the name, then the contact."""
    return f"{name}\n{contact}" if contact else name


@support.command("add")
@click.argument("name")
@click.argument("contact", required=False)
@click.pass_obj
def add(app: App, name: str, contact: str | None) -> None:
    """Add someone, with a phone number or how to reach them if you like."""

    name = _clean(name, "name", 120)
    contact = _clean(contact, "contact", 200) if contact is not None else None
    with kept_first(app, person_text(name, contact), other=SUPPORT), \
            app.writing(f"added {name} to your support list") as db:
        store.add_person(db, name, contact, app.now())
    say(f"{name} is on your support list.")


@support.command("remove")
@click.argument("name")
@click.pass_obj
def remove(app: App, name: str) -> None:
    """Take someone off the list."""

    with app.writing(f"removed {name} from your support list") as db:
        store.remove_person(db, name)
    say(f"{name} is no longer on your support list.")


COMMANDS = (support,)
