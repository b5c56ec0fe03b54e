"""The vision page: the life you hope for, written down and rewritten over months."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from reconcile_cli.cli.app import App, echo, read_limited, stdin_is_terminal
from reconcile_cli.core import errors

if TYPE_CHECKING:
    from reconcile_cli.core.models import VisionVersion

GUIDE = """\
# Your vision: the life you hope for, in your own words. Lines starting with # are not saved.
#
# Picture an ordinary good week: the day-to-day, time as a family, closeness, faith or what
# gives you meaning, holidays, and how the two of you handle a disagreement.
# Then three questions: what must I believe, which habits must I have, and who must I be,
# to live it? Write about your own part: it is the part that is yours to shape.
"""


def without_guide(text: str) -> str:
    """The text without the guide's own lines (the user's lines, even ones starting with #,
    are kept)."""
    guide = set(GUIDE.splitlines())
    return "\n".join(line for line in text.splitlines() if line not in guide).strip()


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
    from reconcile_cli import store, views

    piped = None
    if not (history or diff or as_json or words or edit or stdin_is_terminal()):
        piped = read_limited(sys.stdin.buffer)  # a new version, unless nothing came
    if history or diff or as_json or not (words or edit or (piped and piped.strip())):
        saved = store.versions(app.journal()) if app.path.exists() else []
        if history:
            if as_json:
                app.print_json([{"version": v.version, "saved_at": v.saved_at,
                                 "words": v.words} for v in saved])
                return
            app.print(views.history_view(saved))
            return
        if diff:
            show_diff(app, saved, words, as_json)
            return
        current = saved[-1] if saved else None
        if as_json:
            app.print_json(None if current is None else {
                "text": current.text, "saved_at": current.saved_at, "version": current.version})
            return
        app.print(views.vision_view(current))
        return
    save_new(app, words, edit, piped)


def show_diff(app: App, saved: list[VisionVersion], words: tuple[str, ...], as_json: bool
              ) -> None:
    from reconcile_cli import store, views
    from reconcile_cli.core.diffs import word_diff

    if not saved:
        raise errors.InvalidInput("You have not written your vision yet, so there is nothing to "
                                  "compare; `reconcile vision -e` starts it.")
    if len(saved) < 2 and len(words) < 2:
        raise errors.InvalidInput("There is only one version so far: a diff needs two.")
    numbers = [int(word) for word in words if word.isdecimal()]
    if len(numbers) != len(words) or len(numbers) > 2:
        raise errors.UsageProblem("--diff takes up to two version numbers: OLD and NEW.")
    db = app.journal()
    old = store.version_of(db, numbers[0]) if numbers else saved[0]
    new = store.version_of(db, numbers[1]) if len(numbers) == 2 else saved[-1]
    parts = word_diff(old.text, new.text)
    if as_json:
        app.print_json({"old": old.version, "new": new.version,
                        "parts": [{"op": op, "words": text} for op, text in parts]})
        return
    app.print(views.diff_view(old, new, parts))


def save_new(app: App, words: tuple[str, ...], edit: bool, piped: bytes | None) -> None:
    from reconcile_cli import store
    from reconcile_cli.cli.intake import body_from_bytes
    from reconcile_cli.core.text import to_bytes

    day = app.today.isoformat()
    draft = None
    if words and not edit:
        text = body_from_bytes(app, to_bytes(" ".join(words)), day, "journal", None)
    elif edit:
        current = store.versions(app.journal(create=True))
        start = current[-1].text + "\n" if current else GUIDE
        raw, draft = app.edit_text(day, "journal", to_bytes(start), vision=True)
        text = without_guide(body_from_bytes(app, raw, day, "journal", draft))
        if current and text == current[-1].text:
            from reconcile_cli.journal import drafts

            drafts.discard(draft)
            echo("Unchanged, so no new version was saved.")
            return
    else:
        text = body_from_bytes(app, piped or b"", day, "journal", None)
    if not text.strip():
        if draft is not None:
            from reconcile_cli.journal import drafts

            drafts.discard(draft)
        raise errors.NothingSaved("Nothing was written, so no version was saved.")
    with app.keeping(draft), app.writing("saved a new version of your vision") as db:
        saved = store.save_version(db, text.strip(), app.now())
    echo(f"Version {saved.version} of your vision is saved"
         + ("; the earlier ones are kept (`vision --history`)." if saved.version > 1 else "."))


COMMANDS = (vision,)
