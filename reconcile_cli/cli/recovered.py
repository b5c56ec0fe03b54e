"""Drafts an earlier run could not save, offered back as what they were.

Each kind of draft (a new entry, an edit, a letter for the drawer, a version of the vision) is a
row of one small registry, ``KINDS``: how it is named when offered, and how it is saved. Nothing
here imports the commands that made the drafts.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

import click

from reconcile_cli import journal, store
from reconcile_cli.cli.context import App
from reconcile_cli.cli.failures import explain
from reconcile_cli.cli.intake import (
    body_from_bytes,
    drafts_dir,
    keeping,
    save_entry,
    stdin_is_terminal,
)
from reconcile_cli.cli.output import fitted, say
from reconcile_cli.cli.typed import ask
from reconcile_cli.core import errors
from reconcile_cli.core.dates import hours_after, long_date
from reconcile_cli.core.limits import MAX_NOTE
from reconcile_cli.core.prompts import without_guide
from reconcile_cli.core.text import decode, printable

if TYPE_CHECKING:
    from reconcile_cli.core.models import Entry
    from reconcile_cli.journal.drafts import Draft


def waiting_drafts(app: App) -> list[Draft]:
    """Drafts that earlier runs could not save, from every place a draft may be."""
    key = app.data_key() if app.path.exists() else None
    if key is not None:
        _seal_editor_leftovers(app, key)
    return journal.drafts.waiting(drafts_dir(app), journal.paths.fallback_drafts_dirs(app.path),
                                  key)


def _seal_editor_leftovers(app: App, key: bytes) -> None:
    """Text an editor left in the plain editing folder when reconcile was killed while it
    ran: sealed into the draft it belonged to, and the plain file removed."""
    drafts, paths = journal.drafts, journal.paths
    folder = paths.editing_dir()
    if folder is None or not folder.is_dir():
        return
    for plain in folder.glob("*.txt"):
        parsed = drafts.parse(plain)
        if parsed is None or journal.owners.alive(folder, parsed[1]):
            continue
        for place in [drafts_dir(app), *paths.fallback_drafts_dirs(app.path)]:
            sealed = place / plain.with_suffix(".enc").name
            if sealed.exists():
                with contextlib.suppress(OSError, ValueError):
                    drafts.replace(drafts.Draft(sealed, parsed[0].day, parsed[0].kind),
                                   plain.read_bytes(), key)
                    plain.unlink()
                break


def offer_drafts(app: App) -> int:
    """Offer back text that an earlier run could not save (only when someone is there to ask).

    Returns how many drafts were saved.
    """

    waiting = waiting_drafts(app)
    if not waiting:
        return 0
    if not stdin_is_terminal():
        folders = " and ".join(dict.fromkeys(str(draft.path.parent) for draft in waiting))
        app.out.note(f"{len(waiting)} unsaved draft(s) wait in {folders}; run `reconcile "
                     "write` in a terminal to save them.")
        return 0
    saved = 0
    for draft in waiting:
        text = decode(draft.read())[0].strip()
        first_line = printable(text.splitlines()[0])[:60]
        say(f"{describe(app, draft)} was never saved: \u201c{first_line}\u201d")
        choice = ask(
            fitted("Save it now (s), keep it for later (k), or delete it (d)?"),
            type=click.Choice(["s", "k", "d"]), default="s",
        )
        if choice == "d":
            journal.drafts.discard(draft)
            say("Deleted.")
        elif choice == "s":
            try:
                body = body_from_bytes(app, draft.read(), draft.day, draft.kind, draft)
                say(save(app, draft, body))
            except errors.ReconcileError as exc:
                # A draft that cannot be saved must not block today's writing: say why, go on.

                say(printable(explain(exc, app)[0]), err=True)
                continue
            saved += 1
    return saved


def _entry_for(app: App, entry_id: str | None) -> Entry | None:
    """The live entry a draft was meant for, if it is still there."""
    if entry_id is None:
        return None
    try:
        entry = store.get_entry(app.journal(create=True), entry_id)
    except errors.ReconcileError:
        return None
    return entry if entry.deleted_at is None else None


# --- the registry: what each kind of draft is, and how it is saved ------------------------------


class Kind(NamedTuple):
    name: Callable[[App, Draft], str]  # how it is named when offered back
    save: Callable[[App, Draft, str], str]  # saves it; the sentence saying what was done


def _name_entry(app: App, draft: Draft) -> str:
    article = "An" if draft.kind[0] in "aeiou" else "A"
    return f"{article} {draft.kind} entry for {long_date(draft.day)}"


def _save_entry(app: App, draft: Draft, body: str) -> str:
    mood_entry = _entry_for(app, draft.into)
    into = mood_entry if mood_entry is not None and not mood_entry.body else None
    entry = save_entry(app, day=draft.day, body=body, kind=draft.kind, prompt=draft.prompt,
                       draft=draft, into=into)
    return f"Saved entry {entry.short_id}."


def _name_edit(app: App, draft: Draft) -> str:
    edited = _entry_for(app, draft.edit_of)
    if edited is None:  # the entry is gone meanwhile: the text is kept as a new one
        return _name_entry(app, draft)
    return f"Your edit of entry {edited.short_id} ({long_date(edited.day)})"


def _save_edit(app: App, draft: Draft, body: str) -> str:
    edited = _entry_for(app, draft.edit_of)
    if edited is None:
        return _save_entry(app, draft, body)
    with keeping(draft), app.writing(f"edited entry {edited.short_id}") as db:
        store.update_entry(db, edited, app.now(), body=body, edited_at=app.now())
    return f"Entry {edited.short_id} saved."


def _name_letter(app: App, draft: Draft) -> str:
    to = draft.recipient(app.data_key())
    return (f"A letter for the drawer{f' to {printable(to)}' if to else ''}, from "
            f"{long_date(draft.day)},")


def _save_letter(app: App, draft: Draft, body: str) -> str:
    sealed_until = hours_after(app.moment(), app.setting("drawer_cooling_hours"))
    to = draft.recipient(app.data_key())
    with keeping(draft), app.writing("put a letter in the drawer") as db:
        letter = store.add_letter(db, day=draft.day, now=app.now(), recipient=to, body=body,
                                  sealed_until=sealed_until)
    return f"Letter {letter.short_id} is in the drawer, sealed."


def _save_vision(app: App, draft: Draft, body: str) -> str:
    with keeping(draft), app.writing("saved a new version of your vision") as db:
        saved = store.save_version(db, without_guide(body), app.now())
    return f"Version {saved.version} of your vision is saved."


def _value(draft: Draft) -> str:
    assert draft.other is not None
    return draft.other[1]


def _save_note(app: App, draft: Draft, body: str) -> str:
    """A note on a slip: set on the day's answer for the item (missed, if it has none)."""
    slug = _value(draft)
    known = {item.slug for item in store.items(app.journal(create=True), include_retired=True)}
    if slug not in known:  # no such item here (another journal's draft): kept as an entry
        return _save_entry(app, draft, body)
    with keeping(draft), app.writing(f"a note on {slug} for {long_date(draft.day)}") as db:
        mark = store.marks_on(db, draft.day).get(slug)
        store.set_marks(db, draft.day, {slug: (mark.status if mark else "missed",
                                               body[:MAX_NOTE])}, app.now())
    return f"The note is saved with {slug} on {long_date(draft.day)}."


def _save_person(app: App, draft: Draft, body: str) -> str:
    first, _, rest = body.partition("\n")
    name, contact = " ".join(first.split())[:120], " ".join(rest.split())[:200] or None
    with keeping(draft), app.writing(f"added {name} to your support list") as db:
        store.add_person(db, name, contact, app.now())
    return f"{name} is on your support list."


def _save_goal(app: App, draft: Draft, body: str) -> str:
    area = _value(draft)
    with keeping(draft), app.writing(f"added a {area} goal") as db:
        goal = store.add_goal(db, area, " ".join(body.split())[:500], app.now())
    return f"Goal {goal[:8]} added ({area})."


def _save_step(app: App, draft: Draft, body: str) -> str:
    assert draft.other is not None
    text = " ".join(body.split())[:500]
    with keeping(draft), app.writing("added a small step") as db:
        goal, _, _ = store.find_goal_or_step(db, "goals", draft.other[1])
        item = None
        if draft.other[0] == "daily":
            item = store.free_slug(db, text)
            store.add_item(db, item, text[:120], "action", app.now())
        added = store.add_step(db, goal, text, app.now(), item)
    return f"Step {added[:8]} added."


def _named(words: str) -> Callable[[App, Draft], str]:
    return lambda app, draft: f"{words.format(value=_value(draft))}, from {long_date(draft.day)},"


KINDS = {  # by Draft.purpose
    "entry": Kind(_name_entry, _save_entry),
    "edit": Kind(_name_edit, _save_edit),
    "letter": Kind(_name_letter, _save_letter),
    "vision": Kind(lambda app, draft: f"A new version of your vision, from "
                   f"{long_date(draft.day)},", _save_vision),
    "note": Kind(lambda app, draft: f"A note on a slip ({_value(draft)}), for "
                 f"{long_date(draft.day)},", _save_note),
    "support": Kind(_named("Someone for your support list"), _save_person),
    "goal": Kind(_named("A goal ({value})"), _save_goal),
    "step": Kind(_named("A small step towards a goal"), _save_step),
}


def describe(app: App, draft: Draft) -> str:
    return KINDS[draft.purpose].name(app, draft)


def save(app: App, draft: Draft, body: str) -> str:
    """Save a recovered draft as what it was meant to be; the sentence saying what was done."""
    return KINDS[draft.purpose].save(app, draft, body)
