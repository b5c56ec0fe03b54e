"""The one place an error becomes what the user sees: one calm line on stderr, and an exit code
they can rely on (1 for what they can act on, 2 for usage, 130 for Ctrl-C). An unexpected
exception is a bug: a short message, and the traceback only under --debug.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

import click

from reconcile_cli import journal
from reconcile_cli.cli.output import echo, wrapped
from reconcile_cli.core import errors

if TYPE_CHECKING:
    from reconcile_cli.cli.context import App
    from reconcile_cli.journal.drafts import Draft


class DraftKept(errors.ReconcileError):
    """Saving typed text failed; the text is safe in a draft file."""

    def __init__(self, cause: BaseException, draft: Draft):
        super().__init__("")
        self.cause = cause
        self.draft = draft


class TextGivenBack(errors.ReconcileError):
    """Saving typed text failed and no draft could be written (a full disk, or a journal that
    stayed locked, whose drafts must not be plain): show it back."""

    def __init__(self, cause: BaseException, text: str, *, draft_tried: bool = True):
        super().__init__("")
        self.cause = cause
        self.text = text
        self.draft_tried = draft_tried


class UserFacingError(click.ClickException):
    """A ReconcileError on its way out: one line on stderr, no "Error:" prefix, its exit code."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self._exit_code = exit_code

    # Click declares exit_code once per class; this one carries each error's own code.
    @property
    def exit_code(self) -> int:
        return self._exit_code

    @exit_code.setter
    def exit_code(self, value: int) -> None:
        self._exit_code = value

    def show(self, file: IO[Any] | None = None) -> None:
        # Wrapped as every message is; text given back to copy (after a blank line) is shown
        # exactly as it was typed.
        message, gap, given_back = self.format_message().partition("\n\n")
        echo(wrapped(message, err=True) + gap + given_back, err=True)


def explain(exc: BaseException, app: App | None) -> tuple[str, int]:
    """The one-line message and exit code for an exception; never includes entry text."""
    if isinstance(exc, DraftKept):
        message, code = explain(exc.cause, app)
        where = exc.draft.path
        return f"{message} Your text is safe in {where} and will be offered back next time.", code
    if isinstance(exc, TextGivenBack):
        message, code = explain(exc.cause, app)
        why = ("Your text could not be kept as a draft either, so here it is" if exc.draft_tried
               else "Nothing was saved; here is your text")
        return f"{message} {why} to copy somewhere safe:\n\n{exc.text}\n", code
    if isinstance(exc, errors.ReconcileError):
        return exc.message, exc.exit_code

    if isinstance(exc, journal.sqlerrors.Error) and app is not None:
        from reconcile_cli.journal.db import describe_error

        return describe_error(exc, app.path).message, 1
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}: {exc.filename or ''}".rstrip(": ") + ".", 1
    return (
        f"Something went wrong inside reconcile ({type(exc).__name__}). Nothing half-written was "
        "kept. Run again with --debug to see the details.",
        1,
    )
