"""The vision page: the life you hope for, written down and rewritten over months."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from reconcile_cli import journal, store, views
from reconcile_cli.cli.context import App
from reconcile_cli.cli.intake import body_from_bytes, kept_first, read_limited, stdin_is_terminal
from reconcile_cli.cli.output import say
from reconcile_cli.cli.typed import edit_text
from reconcile_cli.core import errors
from reconcile_cli.core.prompts import VISION_GUIDE, without_guide
from reconcile_cli.core.text import to_bytes

if TYPE_CHECKING:
    from reconcile_cli.core.models import VisionVersion

MOST_VERSIONS = 100_000  # as many as an import accepts

@click.command()
@click.argument("words", nargs=-1)
@click.option("-e", "--edit", is_flag=True, help="Write a new version in your editor.")
@click.option("--history", is_flag=True, help="List the versions.")
@click.option("--diff", is_flag=True,
              help="What changed between versions OLD and NEW (given as WORDS; default: the "
              "first against the current).")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_obj
def vision(app: App, words: tuple[str, ...], edit: bool, history: bool, diff: bool,
           as_json: bool) -> None:
    """Your vision of the life you hope for: show it, or save a new version (never an
    overwrite)."""

    piped = None
    if not (history or diff or as_json or words or edit or stdin_is_terminal()):
        piped = read_limited(sys.stdin.buffer)  # a new version, unless nothing came
    if history or diff or as_json or not (words or edit or (piped and piped.strip())):
        saved = store.versions(app.journal()) if app.path.exists() else []
        if history:
            if as_json:
                app.out.json([{"version": v.version, "saved_at": v.saved_at,
                               "words": v.words} for v in saved])
                return
            app.out.print(views.history_view(saved))
            return
        if diff:
            show_diff(app, saved, words, as_json)
            return
        current = saved[-1] if saved else None
        if as_json:
            app.out.json(None if current is None else {
                "text": current.text, "saved_at": current.saved_at, "version": current.version})
            return
        app.out.print(views.vision_view(current))
        return
    save_new(app, words, edit, piped)


def show_diff(app: App, saved: list[VisionVersion], words: tuple[str, ...], as_json: bool
              ) -> None:
    from reconcile_cli.core.diffs import word_diff

    if not saved:
        raise errors.InvalidInput("You have not written your vision yet, so there is nothing to "
                                  "compare; `reconcile vision -e` starts it.")
    if len(saved) < 2 and len(words) < 2:
        raise errors.InvalidInput("There is only one version so far: a diff needs two.")
    numbers = [int(word) for word in words if word.isascii() and word.isdecimal()]
    if len(numbers) != len(words) or len(numbers) > 2:
        raise errors.UsageProblem("--diff takes up to two version numbers: OLD and NEW.")
    for number in numbers:
        if number > MOST_VERSIONS:  # SQLite's integers stop at 2**63
            raise errors.InvalidInput(f"There is no version {number} of your vision; "
                                      "`reconcile vision --history` lists them.")
    db = app.journal()
    old = store.version_of(db, numbers[0]) if numbers else saved[0]
    new = store.version_of(db, numbers[1]) if len(numbers) == 2 else saved[-1]
    parts = word_diff(old.text, new.text)
    if as_json:
        app.out.json({"old": old.version, "new": new.version,
                      "parts": [{"op": op, "words": text} for op, text in parts]})
        return
    app.out.print(views.diff_view(old, new, parts))


def save_new(app: App, words: tuple[str, ...], edit: bool, piped: bytes | None) -> None:
    day = app.today.isoformat()
    draft = None
    if words and not edit:
        text = body_from_bytes(app, to_bytes(" ".join(words)), day, "journal", None)
    elif edit:
        current = store.versions(app.journal(create=True))
        start = current[-1].text + "\n" if current else VISION_GUIDE
        raw, draft = edit_text(app, day, "journal", to_bytes(start), vision=True)
        text = without_guide(body_from_bytes(app, raw, day, "journal", draft))
        if current and text == current[-1].text:

            journal.drafts.discard(draft)
            say("Unchanged, so no new version was saved.")
            return
    else:
        text = body_from_bytes(app, piped or b"", day, "journal", None)
    if not text.strip():
        if draft is not None:

            journal.drafts.discard(draft)
        raise errors.NothingSaved("Nothing was written, so no version was saved.")
    with kept_first(app, text.strip(), draft, day=day, vision=True), \
            app.writing("saved a new version of your vision") as db:
        saved = store.save_version(db, text.strip(), app.now())
    say(f"Version {saved.version} of your vision is saved"
         + ("; the earlier ones are kept (`vision --history`)." if saved.version > 1 else "."))


COMMANDS = (vision,)
