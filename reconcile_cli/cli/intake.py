"""Taking text in from a person: size limits, odd bytes, drafts offered back, typed answers.

Whatever is typed goes to a draft file before anything else, so a crash, a full disk or Ctrl-C
never takes it away.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from reconcile_cli import errors
from reconcile_cli.cli.app import App, stdin_is_terminal
from reconcile_cli.dates import long_date
from reconcile_cli.text import MAX_ENTRY_BYTES, decode, printable, tidy, to_bytes

if TYPE_CHECKING:
    from reconcile_cli.drafts import Draft


def body_from_bytes(app: App, raw: bytes, day: str, kind: str, draft: Draft | None) -> str:
    """The entry text in ``raw``, refused above the size limit (keeping a draft of it)."""
    from reconcile_cli import drafts

    if len(raw) > MAX_ENTRY_BYTES:
        if draft is None:
            draft = drafts.new(app.drafts_dir, day, kind, raw[:MAX_ENTRY_BYTES])
            kept = f"The first 1 MB of it is kept in {draft.path}."
        else:
            kept = f"Your text is kept in {draft.path}."
        raise errors.TextTooLarge(
            f"That entry is larger than 1 MB, the most one entry can hold, so nothing was saved. "
            f"{kept}"
        )
    body, replaced = decode(raw)
    if replaced:
        app.note("Some of the text was not valid UTF-8; those bytes were saved as \ufffd.")
    return tidy(body)


def offer_drafts(app: App) -> None:
    """Offer back text that an earlier run could not save (only when someone is there to ask)."""
    from reconcile_cli import drafts

    waiting = drafts.waiting(app.drafts_dir)
    if not waiting:
        return
    if not stdin_is_terminal():
        app.note(
            f"{len(waiting)} unsaved draft(s) wait in {app.drafts_dir}; run `reconcile write` "
            "in a terminal to save them."
        )
        return
    for draft in waiting:
        first_line = printable(decode(draft.read())[0].strip().splitlines()[0])[:60]
        click.echo(f"A {draft.kind} entry for {long_date(draft.day)} was never saved: "
                   f"\u201c{first_line}\u201d")
        choice = click.prompt(
            "Save it now (s), keep it for later (k), or delete it (d)?",
            type=click.Choice(["s", "k", "d"]), default="s",
        )
        if choice == "d":
            drafts.discard(draft)
            click.echo("Deleted.")
        elif choice == "s":
            try:
                body = body_from_bytes(app, draft.read(), draft.day, draft.kind, draft)
                entry = app.save_entry(day=draft.day, body=body, kind=draft.kind, draft=draft)
            except errors.ReconcileError as exc:
                # A draft that cannot be saved must not block today's writing: say why, go on.
                from reconcile_cli.cli import explain

                click.echo(explain(exc, app)[0], err=True)
                continue
            click.echo(f"Saved entry {entry.short_id}.")


def ask_text(app: App, day: str, kind: str) -> tuple[str, Draft | None]:
    """Lines typed at the prompt until an empty one; ``e`` alone opens the editor instead.

    Returns the text ("" when the person passed) and the draft holding it.
    """
    from reconcile_cli import drafts

    first = _line()
    if not first.strip():
        return "", None
    if first.strip().lower() == "e":
        raw, draft = app.edit_text(day, kind)
        return body_from_bytes(app, raw, day, kind, draft), draft
    draft = drafts.new(app.drafts_dir, day, kind, to_bytes(first))
    lines = [first]
    try:
        while line := _line():
            lines.append(line)
            drafts.append(draft, "\n" + line)
    except click.Abort:
        click.echo(err=True)  # start the message on its own line, after "^C"
        raise errors.Interrupted(
            "Stopped. Your earlier answers are saved, and what you were typing is kept in "
            f"{draft.path}; it will be offered back next time."
        ) from None
    return body_from_bytes(app, to_bytes("\n".join(lines)), day, kind,
                           draft), draft


def _line() -> str:
    return click.prompt("", default="", show_default=False, prompt_suffix="  > ")
