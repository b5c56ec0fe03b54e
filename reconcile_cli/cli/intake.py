"""Taking text in from a person: size limits, odd bytes, drafts offered back, typed answers.

Whatever is typed goes to a draft file before anything else, so a crash, a full disk or Ctrl-C
never takes it away.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from reconcile_cli.cli.app import App, echo, stdin_is_terminal
from reconcile_cli.core import errors
from reconcile_cli.core.dates import long_date
from reconcile_cli.core.text import MAX_ENTRY_BYTES, decode, printable, tidy, to_bytes

if TYPE_CHECKING:
    from reconcile_cli.core.models import Entry
    from reconcile_cli.journal.drafts import Draft


def body_from_bytes(app: App, raw: bytes, day: str, kind: str, draft: Draft | None) -> str:
    """The entry text in ``raw``, refused above the size limit (keeping a draft of it)."""
    if len(raw) > MAX_ENTRY_BYTES:
        if draft is None:
            draft = app.new_draft(day, kind, raw[:MAX_ENTRY_BYTES])
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


def offer_drafts(app: App) -> int:
    """Offer back text that an earlier run could not save (only when someone is there to ask).

    Returns how many drafts were saved.
    """
    from reconcile_cli.journal import drafts

    waiting = app.waiting_drafts()
    if not waiting:
        return 0
    if not stdin_is_terminal():
        folders = " and ".join(dict.fromkeys(str(draft.path.parent) for draft in waiting))
        app.note(f"{len(waiting)} unsaved draft(s) wait in {folders}; run `reconcile write` "
                 "in a terminal to save them.")
        return 0
    saved = 0
    for draft in waiting:
        text = decode(draft.read())[0].strip()
        first_line = printable(text.splitlines()[0])[:60]
        echo(f"{describe_draft(app, draft)} was never saved: \u201c{first_line}\u201d")
        choice = click.prompt(
            "Save it now (s), keep it for later (k), or delete it (d)?",
            type=click.Choice(["s", "k", "d"]), default="s",
        )
        if choice == "d":
            drafts.discard(draft)
            echo("Deleted.")
        elif choice == "s":
            try:
                body = body_from_bytes(app, draft.read(), draft.day, draft.kind, draft)
                echo(save_draft(app, draft, body))
            except errors.ReconcileError as exc:
                # A draft that cannot be saved must not block today's writing: say why, go on.
                from reconcile_cli.cli import explain

                echo(printable(explain(exc, app)[0]), err=True)
                continue
            saved += 1
    return saved


def _entry_for(app: App, entry_id: str | None) -> Entry | None:
    """The live entry a draft was meant for, if it is still there."""
    from reconcile_cli import store

    if entry_id is None:
        return None
    try:
        entry = store.get_entry(app.journal(create=True), entry_id)
    except errors.ReconcileError:
        return None
    return entry if entry.deleted_at is None else None


def describe_draft(app: App, draft: Draft) -> str:
    if draft.letter:
        return f"A letter for the drawer, from {long_date(draft.day)},"
    if draft.vision:
        return f"A new version of your vision, from {long_date(draft.day)},"
    edited = _entry_for(app, draft.edit_of)
    if edited is not None:
        return f"Your edit of entry {edited.short_id} ({long_date(edited.day)})"
    article = "An" if draft.kind[0] in "aeiou" else "A"
    return f"{article} {draft.kind} entry for {long_date(draft.day)}"


def save_draft(app: App, draft: Draft, body: str) -> str:
    """Save a recovered draft as what it was meant to be; the sentence saying what was done."""
    from reconcile_cli import store

    if draft.vision:
        from reconcile_cli.cli.vision import without_guide

        with app.keeping(draft), app.writing("saved a new version of your vision") as db:
            saved = store.save_version(db, without_guide(body), app.now())
        return f"Version {saved.version} of your vision is saved."
    if draft.letter:
        from reconcile_cli.cli.drawer import sealed_until

        with app.keeping(draft), app.writing("put a letter in the drawer") as db:
            letter = store.add_letter(db, day=draft.day, now=app.now(), recipient=None,
                                      body=body, sealed_until=sealed_until(app))
        return f"Letter {letter.short_id} is in the drawer, sealed."
    edited = _entry_for(app, draft.edit_of)
    if edited is not None:
        with app.keeping(draft), app.writing(f"edited entry {edited.short_id}") as db:
            store.update_entry(db, edited, app.now(), body=body)
        return f"Entry {edited.short_id} saved."
    mood_entry = _entry_for(app, draft.into)
    into = mood_entry if mood_entry is not None and not mood_entry.body else None
    entry = app.save_entry(day=draft.day, body=body, kind=draft.kind, prompt=draft.prompt,
                           draft=draft, into=into)
    return f"Saved entry {entry.short_id}."


def ask_text(app: App, day: str, kind: str, *, prompt: str | None = None,
             into: str | None = None, letter: bool = False) -> tuple[str, Draft | None]:
    """Lines typed at the prompt until an empty one; ``e`` alone opens the editor instead.

    Returns the text ("" when the person passed) and the draft holding it, which knows the
    reflection ``prompt`` it answers or the entry it is ``into``.
    """
    from reconcile_cli.journal import drafts

    first = _line()
    if not first.strip():
        return "", None
    if first.strip().lower() == "e":
        raw, draft = app.edit_text(day, kind, prompt=prompt, into=into, letter=letter)
        return body_from_bytes(app, raw, day, kind, draft), draft
    draft = app.new_draft(day, kind, to_bytes(first), prompt=prompt, into=into, letter=letter)
    lines = [first]
    try:
        while line := _line():
            lines.append(line)
            drafts.append(draft, "\n" + line)
    except click.Abort:
        echo(err=True)  # start the message on its own line, after "^C"
        raise errors.Interrupted(
            "Stopped. Your earlier answers are saved, and what you were typing is kept in "
            f"{draft.path}; it will be offered back next time."
        ) from None
    return body_from_bytes(app, to_bytes("\n".join(lines)), day, kind,
                           draft), draft


def _line() -> str:
    return click.prompt("", default="", show_default=False, prompt_suffix="  > ")
