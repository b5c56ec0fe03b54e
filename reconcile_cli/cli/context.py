"""The context a command runs in, on ``ctx.obj``: "today" and "now", the journal's settings, and
the journal itself, opened (and unlocked) on first use, written in one transaction a command.

Heavy imports (the journal file's machinery, Rich) happen on first use, so ``--help`` stays fast.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from reconcile_cli import journal, store
from reconcile_cli.cli.output import Output
from reconcile_cli.core import errors
from reconcile_cli.core.dates import journal_day, now_local, parse_moment, timestamp
from reconcile_cli.journal import paths

if TYPE_CHECKING:
    from reconcile_cli.journal.backups import Lock
    from reconcile_cli.journal.db import Journal
    from reconcile_cli.store.sync import Link


class App:
    def __init__(self, db_option: str | None, today: dt.date | None, debug: bool):
        self.path, self.default_location = paths.journal_path(db_option)
        self.debug = debug
        self.out = Output()
        self._today = today
        self._pinned_today = today
        self._db: Journal | None = None
        self._backed_up = False  # the day's automatic backup is checked once per command
        self._warned = False  # and a risky location is mentioned once per command
        self._key: bytes | None = None  # the data key, once an encrypted journal is unlocked
        self._encrypted: bool | None = None
        self.auto_sync = True  # `sync` itself says no: it syncs in its own way

    # --- time ----------------------------------------------------------------------------

    @property
    def today(self) -> dt.date:
        """The journal day now: pinned by --today, else the local date shifted by day_starts_at."""
        if self._today is None:
            starts_at = self.setting("day_starts_at")
            assert starts_at is not None  # it has a default, and a stored value is never NULL
            self._today = journal_day(self.moment(), int(starts_at))
        return self._today

    def moment(self) -> dt.datetime:
        now = self.clock()
        if os.environ.get("RECONCILE_NOW") or self._pinned_today is None:
            return now
        # "pretend today is this day" (--today): the clock's time, on that journal day, so
        # that what is written then is not taken for a day filled in afterwards
        starts_at = int(self.setting("day_starts_at") or "4")
        return now + dt.timedelta(days=(self._pinned_today - journal_day(now, starts_at)).days)

    def clock(self) -> dt.datetime:
        """The wall clock (pinned for tests around midnight), read without the journal."""
        pinned = os.environ.get("RECONCILE_NOW")
        return parse_moment(pinned) if pinned else now_local()

    def now(self) -> str:
        return timestamp(self.moment())

    def setting(self, key: str) -> str | None:
        """A journal setting, or its default when unset or when there is no journal yet."""
        from reconcile_cli.core.settings import SETTINGS  # not for --help or --version

        stored = None
        if self._db is not None or self.path.exists():
            stored = store.get_setting(self.journal(), key)
        return stored if stored is not None else SETTINGS[key].default

    # --- the journal ---------------------------------------------------------------------

    def journal(self, *, create: bool = False) -> Journal:
        """The open journal. Reading commands never create one; writing commands do, and say so."""
        if self._db is None:
            journal.paths.refuse_as_home(self.path, None)
            self._db, created = journal.db.open_journal(
                self.path,
                create=create,
                create_folder=self.default_location,
                seed=lambda db: store.seed_default_items(db, self.now()),
                key=self.data_key(),
                now=self.clock(),  # when its first changes are stamped (moment() reads it)
            )
            from reconcile_cli.core.prompts import remember_own

            remember_own(store.own_prompts(self._db, with_removed=True))  # for their answers
            if created:
                self.out.note(f"Started a new journal at {self.path}")
                self._backed_up = True  # nothing to protect yet
            work_dir = paths.drafts_dir(self.path)
            if (work_dir / paths.IN_PROGRESS).exists():  # left by a killed export
                journal.files.clear_abandoned(work_dir)
            if not created:
                self._take_in(self._db)
        return self._db

    # --- sync ------------------------------------------------------------------------------

    def _syncing(self, db: Journal) -> Link | None:
        """The journal's link to a sync folder when it syncs by itself (else None)."""
        if not self.auto_sync:
            return None
        found = store.link_of(db)
        if found is None or self.setting("sync_auto") == "off":
            return None
        journal.paths.refuse_as_home(self.path, found.folder)
        return found

    def _take_in(self, db: Journal) -> None:
        """Before a command reads: what other computers wrote since last time (one listing of
        the folder when nothing is new). Never in the way of the command."""
        found = self._syncing(db)
        if found is None or not found.folder.is_dir() or \
                journal.syncscan.listing(found.folder) == found.listing:
            return
        from reconcile_cli.cli import syncing

        try:
            syncing.take_in(db, self.data_key(), self.moment(), self.today)
        except (OSError, errors.ReconcileError) + journal.sqlerrors.Error as exc:
            self.out.note(f"Note: the sync folder could not be read ({_why(exc)}); this "
                          "command goes on without what other computers wrote.")

    def flush(self) -> None:
        """After a command wrote: its changes go to the sync folder (when the folder is not
        there, they wait). Never in the way of what was saved."""
        if self._db is None:
            return
        found = self._syncing(self._db)
        if found is None or not found.folder.is_dir() or not store.pending_count(self._db):
            return
        from reconcile_cli.cli import syncing

        try:
            syncing.write_changes(self._db, self.data_key(), self.moment())
            syncing.compact(self._db, self.data_key(), self.moment())
        except (OSError, errors.ReconcileError) + journal.sqlerrors.Error as exc:
            self.out.note(f"Note: your changes could not be written to the sync folder yet "
                          f"({_why(exc)}); they wait, and go with the next command.")

    @property
    def encrypted(self) -> bool:
        """Whether the journal is encrypted: decided by its first bytes, never by a key file.

        Read once, before the journal is opened: reading the file again while it is open would
        close a second descriptor of it, which drops this process's locks on it (POSIX)."""
        if self._encrypted is None:
            self._encrypted = journal.encryption.state(self.path) == "encrypted"
        return self._encrypted

    def data_key(self) -> bytes | None:
        """An encrypted journal's data key (unlocked once per command); None for a plain one."""
        if self._key is None and self.encrypted:
            from reconcile_cli.cli import unlock

            journal.encryption.driver()  # a clear message without sqlcipher3, before a question
            remembered = unlock.remembered_key(self.path)
            if remembered is not None and journal.encryption.opens(self.path, remembered):
                self._key = remembered
            else:
                if remembered is not None:
                    unlock.forget(self.path)  # no longer the key of this journal
                copy = journal.backups.key_file_copy(self.path)
                self._key = unlock.data_key(self.path, self._key_file(),
                                            [copy] if copy.exists() else [])
        return self._key

    def _key_file(self) -> Path:
        """The key file that unlocks the journal: its own, else, for a backup opened alone, the
        copy of its journal's key file lying beside it (as in backups/)."""
        own = paths.key_file(self.path)
        beside = journal.backups.journal_key_beside(self.path)
        if own.exists() or beside is None:
            return own
        if not beside.exists():
            raise errors.ReconcileError(
                f"The journal at {self.path} is encrypted, but its key file is missing: neither "
                f"{own} nor a copy of the journal's key file ({beside}) lies beside it. Put one "
                "there; nothing was changed.")
        return beside

    def lock(self) -> Lock | None:
        """What copies of an encrypted journal need (its key, its key file); None when plain."""
        # the key the open journal was opened with: the file may have been encrypted since
        key = getattr(self._db, "key", None) if self._db is not None else self.data_key()
        return journal.backups.Lock(key, paths.key_file(self.path)) if key is not None else None

    @contextlib.contextmanager
    def writing(self, change: str | None = None) -> Iterator[Journal]:
        """The journal inside one write transaction (the whole of a command's writes).

        With ``change`` (how `undo --list` will name it) the rows it touches can be undone.
        """
        db = self.journal(create=True)
        if not self._warned:  # about to write: say once if the place is a risky one
            self._warned = True
            for warning in paths.location_warnings(self.path):
                self.out.note(f"Note: {warning}")
        if not self._backed_up:
            self._backed_up = True
            self.take_daily_backup(db)
        with journal.db.write_transaction(db, self.moment()) as writing:
            if change is not None:
                store.begin_change(writing, self.now())
            yield writing
            if change is not None:
                store.end_change(writing, change)

    def take_daily_backup(self, db: Journal) -> None:
        """The day's automatic copy. Failing to take it must never stop what the user is doing."""
        if journal.db.replaced(db):  # encrypted or decrypted since it was opened: no copy
            return
        try:
            journal.backups.automatic(db.conn, self.path, self.moment(),
                                      work_dir=paths.drafts_dir(self.path), lock=self.lock())
        except (OSError, errors.ReconcileError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else exc.message
            self.out.note(f"Note: today's automatic backup could not be made ({reason}).")

    def reopen(self, key: bytes | None) -> None:
        """The journal file was replaced (encrypted, say): open it again, with ``key``."""
        if self._db is not None:
            self._db.close()
            self._db = None
        self._encrypted = None
        self._key = key

    def close(self) -> None:
        self.flush()
        if self._db is not None:
            self._db.close()
            self._db = None
        journal.owners.release_all()


def _why(exc: BaseException) -> str:
    if isinstance(exc, errors.ReconcileError):
        return exc.message.rstrip(".")
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    return str(exc)
