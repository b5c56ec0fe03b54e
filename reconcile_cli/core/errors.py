"""Errors the user may see. Each carries one calm, complete sentence; the CLI prints it and exits 1.

Messages never include entry text: a traceback or a log must not leak the diary.
"""


class ReconcileError(Exception):
    """Something the user can act on, described in ``message``."""

    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NoJournal(ReconcileError):
    pass


class NotAJournal(ReconcileError):
    pass


class JournalTooNew(ReconcileError):
    pass


class JournalBusy(ReconcileError):
    pass


class JournalReadOnly(ReconcileError):
    pass


class JournalDamaged(ReconcileError):
    pass


class DiskFull(ReconcileError):
    pass


class UnknownItem(ReconcileError):
    pass


class InvalidInput(ReconcileError):
    pass


class UsageProblem(ReconcileError):
    """A value on the command line that cannot be used: exit 2, as for any usage error."""

    exit_code = 2


class NothingSaved(ReconcileError):
    pass


class TextTooLarge(ReconcileError):
    pass


class UndoBlocked(ReconcileError):
    """The latest change cannot be undone: rows made outside the undo history depend on it."""

    def __init__(self, seq: int, description: str):
        super().__init__(
            f"The latest change ({description}) can no longer be undone: later changes depend "
            "on it. It was taken off the undo list, and nothing was changed.")
        self.seq = seq
        self.description = description


class Interrupted(ReconcileError):
    """Ctrl-C during an interactive flow; what was answered is already saved."""

    exit_code = 130


class BadRecord(ValueError):
    """A record that cannot be imported; ``line`` is 1-based, and ``unit`` says what it counts
    (lines of a file, or entries of a jrnl export)."""

    def __init__(self, line: int, reason: str, unit: str = "line"):
        super().__init__(f"{unit} {line}: {reason}")
        self.line = line
        self.reason = reason
