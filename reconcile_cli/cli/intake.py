"""Text coming in from a person: typed at a prompt, piped in, or saved from the editor.

Whatever is typed goes to a draft file before anything else, so a crash, a full disk or Ctrl-C
never takes it away: the draft is removed only once the commit holding the text has succeeded.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from reconcile_cli import journal, store
from reconcile_cli.cli import care
from reconcile_cli.cli.context import App
from reconcile_cli.cli.failures import DraftKept, TextGivenBack
from reconcile_cli.core import errors
from reconcile_cli.core.dates import local_zone_name, long_date
from reconcile_cli.core.text import MAX_ENTRY_BYTES, decode, tidy, to_bytes

if TYPE_CHECKING:
    from reconcile_cli.core.models import Entry
    from reconcile_cli.journal.drafts import Draft


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def read_limited(stream: IO[bytes]) -> bytes:
    """Read at most the entry limit (plus one byte, to notice when it is exceeded)."""
    return stream.read(MAX_ENTRY_BYTES + 1)


def new_draft(app: App, day: str, kind: str, data: bytes = b"", *, edit_of: str | None = None,
              into: str | None = None, prompt: str | None = None,
              letter: bool = False, vision: bool = False, other: tuple[str, str] | None = None,
              recipient: str | None = None) -> Draft:
    """A draft beside the journal, or in a fallback folder when that cannot be written."""
    key = app.data_key() if app.path.exists() else None  # unlocked before anything is kept
    return journal.drafts.new(drafts_dir(app), journal.paths.fallback_drafts_dirs(app.path),
                              day, kind, data, edit_of=edit_of, into=into, prompt=prompt,
                              key=key, letter=letter, vision=vision, other=other,
                              recipient=recipient)


@contextlib.contextmanager
def kept_first(app: App, text: str, draft: Draft | None = None, *, day: str | None = None,
               **purpose: Any) -> Iterator[None]:
    """Words on their way into the journal (a letter, the vision, a note, a name...), kept as
    a draft of their ``purpose`` (see new_draft) until the block has saved them, as `write`
    keeps an entry. The journal is unlocked first: a locked journal's words are shown back,
    never kept plain; so are words no draft could hold, if saving fails. ``draft``: one that
    already holds them (typed at the prompt, or in the editor)."""
    unkept = None
    if draft is None:
        try:
            app.data_key()
            draft = new_draft(app, day or app.today.isoformat(), "journal", to_bytes(text),
                              **purpose)
        except OSError:
            unkept = text  # no room even for a draft: try to save anyway
        except errors.ReconcileError as exc:
            raise TextGivenBack(exc, text, draft_tried=False) from exc
    with keeping(draft, unkept):
        yield


def drafts_dir(app: App) -> Path:
    """The journal's own drafts folder (its journal folder must exist: see check_folder)."""
    journal.paths.check_folder(app.path, app.default_location)
    return journal.paths.drafts_dir(app.path)


@contextlib.contextmanager
def keeping(draft: Draft | None, unkept: str | None = None) -> Iterator[None]:
    """Keep ``draft`` if the block fails (saying where it is); remove it once it succeeded.

    ``unkept`` is text no draft could hold: if the block fails, it is shown back instead.
    """
    try:
        yield
    except Exception as exc:
        if draft is not None:
            raise DraftKept(exc, draft) from exc
        if unkept:
            raise TextGivenBack(exc, unkept) from exc
        raise
    if draft is not None:
        journal.drafts.discard(draft)


def body_from_bytes(app: App, raw: bytes, day: str, kind: str, draft: Draft | None) -> str:
    """The entry text in ``raw``, refused above the size limit (keeping a draft of it)."""
    if len(raw) > MAX_ENTRY_BYTES:
        if draft is None:
            draft = new_draft(app, day, kind, raw[:MAX_ENTRY_BYTES])
            kept = f"The first 1 MB of it is kept in {draft.path}."
        else:
            kept = f"Your text is kept in {draft.path}."
        raise errors.TextTooLarge(
            f"That entry is larger than 1 MB, the most one entry can hold, so nothing was saved. "
            f"{kept}"
        )
    body, replaced = decode(raw)
    if replaced:
        app.out.note("Some of the text was not valid UTF-8; those bytes were saved as \ufffd.")
    return tidy(body)


def acts_of(entry: Entry) -> set[str]:
    """What writing ``entry`` did, for the checklist items an act ticks (see keep_by_acts)."""
    if not entry.body.strip():
        return set()
    return {"entry"} | ({entry.kind} & {"gratitude", "reflection"})


def save_entry(
    app: App,
    *,
    day: str,
    body: str = "",
    mood: int | None = None,
    kind: str = "journal",
    prompt: str | None = None,
    draft: Draft | None = None,
    into: Entry | None = None,
) -> Entry:
    """Store a new entry (or set the body of ``into``, an entry without text yet).

    The text is on disk as a draft until the commit has succeeded.
    """

    if into is not None:
        change = f"added words to the entry of {long_date(day)}"
    elif body:
        change = f"wrote a {kind} entry for {long_date(day)}"
    else:
        change = f"rated your mood {mood} for {long_date(day)}"
    unkept = None
    if body and draft is None:
        try:  # unlocked before anything is kept: a locked journal's text is never left plain
            app.data_key()
        except errors.ReconcileError as exc:
            raise TextGivenBack(exc, body, draft_tried=False) from exc
        try:
            draft = new_draft(app, day, kind, body.encode("utf-8"),
                              into=into.id if into else None, prompt=prompt)
        except OSError:
            unkept = body  # no room even for a draft: try to save anyway
    with keeping(draft if body else None, unkept), app.writing(change) as db:
        if into is not None:
            saved = store.update_entry(db, into, app.now(), body=body)
        else:
            saved = store.add_entry(
                db, day=day, now=app.now(), zone=local_zone_name(), kind=kind, body=body,
                mood=mood, prompt=prompt,
            )
        store.keep_by_acts(db, day, acts_of(saved), app.now())  # undone with the entry
    care.gentle_net(app, day, mood, body)
    if mood is not None and mood <= 3:
        care.offer_comfort(app, day)
    return saved
