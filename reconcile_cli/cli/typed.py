"""Text a person types: lines at a prompt, or a file in their editor.

The editor works on a private draft file; for an encrypted journal the draft is sealed, and the
editor gets a plain copy in a private editing folder only while it runs.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from reconcile_cli import journal
from reconcile_cli.cli.context import App
from reconcile_cli.cli.intake import body_from_bytes, new_draft, read_limited
from reconcile_cli.cli.output import echo
from reconcile_cli.core import errors
from reconcile_cli.core.text import to_bytes

if TYPE_CHECKING:
    from reconcile_cli.journal.drafts import Draft


def drop_typeahead() -> None:
    """Drop what was typed before a question was shown (only at a terminal): the lines the
    terminal still holds, and any Python already read into standard input's buffer. A burst
    like `n⏎y⏎` answers one question; the `y` never answers the next."""
    if not sys.stdin.isatty():
        return
    try:
        import termios

        termios.tcflush(sys.stdin.fileno(), termios.TCIFLUSH)
    except (ImportError, OSError, ValueError):
        return
    if isinstance(sys.stdin, io.TextIOWrapper):  # a fresh buffer: what the old one held is gone
        old = sys.stdin
        sys.stdin = io.TextIOWrapper(io.BufferedReader(io.FileIO(old.fileno(), "r",
                                                                 closefd=False)),
                                     encoding=old.encoding, errors=old.errors,
                                     line_buffering=old.line_buffering)


def ask(question: str, **options: Any) -> Any:
    """click.prompt, after dropping what was typed before the question was shown."""
    drop_typeahead()
    return click.prompt(question, **options)


def ask_yes_no(question: str, default: bool = False) -> bool:
    """click.confirm, after dropping what was typed before the question was shown."""
    drop_typeahead()
    return click.confirm(question, default=default)


def ask_text(app: App, day: str, kind: str, *, prompt: str | None = None,
             into: str | None = None, letter: bool = False,
             recipient: str | None = None) -> tuple[str, Draft | None]:
    """Lines typed at the prompt until an empty one; ``e`` alone opens the editor instead.

    Returns the text ("" when the person passed) and the draft holding it, which knows the
    reflection ``prompt`` it answers or the entry it is ``into``.
    """
    drop_typeahead()  # the first line answers the question; the next ones may be pasted
    first = _line()
    if not first.strip():
        return "", None
    if first.strip().lower() == "e":
        raw, draft = edit_text(app, day, kind, prompt=prompt, into=into, letter=letter,
                               recipient=recipient)
        return body_from_bytes(app, raw, day, kind, draft), draft
    draft = new_draft(app, day, kind, to_bytes(first), prompt=prompt, into=into, letter=letter,
                      recipient=recipient)
    lines = [first]
    try:
        while line := _line():
            lines.append(line)
            journal.drafts.append(draft, "\n" + line)
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


def edit_text(app: App, day: str, kind: str, initial: bytes = b"", *,
              edit_of: str | None = None, into: str | None = None,
              prompt: str | None = None, letter: bool = False,
              vision: bool = False, recipient: str | None = None) -> tuple[bytes, Draft]:
    """Open the user's editor on a private draft file and return what they saved."""
    drafts = journal.drafts
    editor = app.setting("editor") or os.environ.get("VISUAL") or os.environ.get("EDITOR")
    check_editor(editor)
    draft = new_draft(app, day, kind, initial, edit_of=edit_of, into=into, prompt=prompt,
                      letter=letter, vision=vision, recipient=recipient)
    key = app.data_key()
    # An encrypted journal's draft is sealed; the editor needs a plain file, which lives in a
    # private editing folder (memory-backed where there is one) only while the editor runs.
    edited = draft.path if key is None else _plain_copy_for_editor(draft, initial)
    # click.edit(text=...) loses the text on a non-UTF-8 save; with filename= we read it
    # ourselves, and the draft stays on disk if anything goes wrong.
    try:
        click.edit(filename=str(edited), editor=editor)
    except click.ClickException:
        _seal_edited(draft, edited, key)
        if not draft.read(key):
            drafts.discard(draft)
            raise errors.NothingSaved(
                f"The editor ({editor or 'the default one'}) did not finish cleanly; "
                "nothing was saved."
            ) from None
        raise errors.NothingSaved(
            f"The editor did not finish cleanly, so nothing was saved. What it wrote is kept "
            f"in {draft.path} and will be offered back next time."
        ) from None
    with edited.open("rb") as saved:
        text = read_limited(saved)
    _seal_edited(draft, edited, key)
    return text, draft


def _plain_copy_for_editor(draft: Draft, initial: bytes) -> Path:
    folder = journal.paths.editing_dir()
    if folder is None:
        raise errors.ReconcileError(
            "No private folder for the editor's file could be made, so the editor was not "
            "opened; write with `reconcile write TEXT` or pipe the text in.")
    journal.owners.claim(folder)  # same owner token as the draft: this process
    plain = folder / draft.path.with_suffix(".txt").name
    fd = os.open(plain, os.O_CREAT | os.O_EXCL | os.O_WRONLY | journal.paths.NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(initial)
    return plain


def _seal_edited(draft: Draft, edited: Path, key: bytes | None) -> None:
    """Move what the editor saved into the sealed draft, and remove the plain file."""
    if key is None or edited == draft.path:
        return
    try:
        with edited.open("rb") as saved:
            journal.drafts.replace(draft, read_limited(saved), key)
    finally:
        edited.unlink(missing_ok=True)
        # what editors leave beside a file: emacs' name~ and #name#, vim's .name.swp
        for leftover in edited.parent.glob(f"*{edited.name}*"):
            leftover.unlink(missing_ok=True)


def check_editor(editor: str | None) -> None:
    """A clear message, before anything is opened, when the editor cannot be found."""
    import shlex
    import shutil

    if editor is None:
        if not any(shutil.which(name) for name in ("vi", "nano", "notepad")):
            raise errors.NothingSaved(
                "No editor was found to write in. Set one with `reconcile config editor "
                "nano` (or any editor you like), or in $VISUAL or $EDITOR; `reconcile checkin` "
                "also takes what you type at its prompt.")
        return
    try:
        program = shlex.split(editor)[0]
    except (ValueError, IndexError):
        program = editor
    if shutil.which(program) is None:
        raise errors.NothingSaved(
            f"The editor '{editor}' was not found, so nothing was opened. Set one with "
            "`reconcile config editor COMMAND` (for example nano), or in $VISUAL or $EDITOR.")
