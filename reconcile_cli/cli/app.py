"""The object every command gets on ``ctx.obj``: the journal, "today", output, and saving text.

Heavy imports (sqlite_utils, rich) happen inside methods, so ``--help`` stays fast.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from reconcile_cli.core import errors
from reconcile_cli.core.dates import journal_day, long_date, now_local, parse_moment, timestamp
from reconcile_cli.journal import paths

if TYPE_CHECKING:
    from rich.console import Console

    from reconcile_cli.core.models import Entry
    from reconcile_cli.journal.backups import Lock
    from reconcile_cli.journal.db import Journal
    from reconcile_cli.journal.drafts import Draft
    from reconcile_cli.journal.files import Destination


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


class App:
    def __init__(self, db_option: str | None, today: dt.date | None, debug: bool):
        self.path, self.default_location = paths.journal_path(db_option)
        self.debug = debug
        self._today = today
        self._db: Journal | None = None
        self._backed_up = False  # the day's automatic backup is checked once per command
        self._warned = False  # and a risky location is mentioned once per command
        self._console: Console | None = None
        self._key: bytes | None = None  # the data key, once an encrypted journal is unlocked
        self._encrypted: bool | None = None

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
        pinned = os.environ.get("RECONCILE_NOW")  # for tests around midnight
        return parse_moment(pinned) if pinned else now_local()

    def now(self) -> str:
        return timestamp(self.moment())

    def setting(self, key: str) -> str | None:
        """A journal setting, or its default when unset or when there is no journal yet."""
        from reconcile_cli.core.settings import SETTINGS

        stored = None
        if self._db is not None or self.path.exists():
            from reconcile_cli import store

            stored = store.get_setting(self.journal(), key)
        return stored if stored is not None else SETTINGS[key].default

    # --- the journal ---------------------------------------------------------------------

    def journal(self, *, create: bool = False) -> Journal:
        """The open journal. Reading commands never create one; writing commands do, and say so."""
        if self._db is None:
            from reconcile_cli import store
            from reconcile_cli.journal.db import open_journal

            self._db, created = open_journal(
                self.path,
                create=create,
                create_folder=self.default_location,
                seed=lambda db: store.seed_default_items(db, self.now()),
                key=self.data_key(),
            )
            if created:
                self.note(f"Started a new journal at {self.path}")
                self._backed_up = True  # nothing to protect yet
            work_dir = paths.drafts_dir(self.path)
            if (work_dir / paths.IN_PROGRESS).exists():  # left by a killed export
                from reconcile_cli.journal import files

                files.clear_abandoned(work_dir)
        return self._db

    # --- encryption ------------------------------------------------------------------------

    @property
    def encrypted(self) -> bool:
        """Whether the journal is encrypted: decided by its first bytes, never by a key file.

        Read once, before the journal is opened: reading the file again while it is open would
        close a second descriptor of it, which drops this process's locks on it (POSIX)."""
        from reconcile_cli.journal import encryption

        if self._encrypted is None:
            self._encrypted = encryption.state(self.path) == "encrypted"
        return self._encrypted

    def data_key(self) -> bytes | None:
        """An encrypted journal's data key (unlocked once per command); None for a plain one."""
        if self._key is None and self.encrypted:
            from reconcile_cli.cli import unlock
            from reconcile_cli.journal import backups, encryption

            encryption.driver()  # a clear message without sqlcipher3, before any question
            remembered = unlock.remembered_key(self.path)
            if remembered is not None and encryption.opens(self.path, remembered):
                self._key = remembered
            else:
                if remembered is not None:
                    unlock.forget(self.path)  # no longer the key of this journal
                copy = backups.key_file_copy(self.path)
                self._key = unlock.data_key(self.path, [copy] if copy.exists() else [])
        return self._key

    def lock(self) -> Lock | None:
        """What copies of an encrypted journal need (its key, its key file); None when plain."""
        from reconcile_cli.journal.backups import Lock
        from reconcile_cli.journal.paths import key_file

        # the key the open journal was opened with: the file may have been encrypted since
        key = getattr(self._db, "key", None) if self._db is not None else self.data_key()
        return Lock(key, key_file(self.path)) if key is not None else None

    @contextlib.contextmanager
    def writing(self, change: str | None = None) -> Iterator[Journal]:
        """The journal inside one write transaction (the whole of a command's writes).

        With ``change`` (how `undo --list` will name it) the rows it touches can be undone.
        """
        from reconcile_cli import store
        from reconcile_cli.journal.db import write_transaction

        journal = self.journal(create=True)
        if not self._warned:  # about to write: say once if the place is a risky one
            self._warned = True
            for warning in paths.location_warnings(self.path):
                self.note(f"Note: {warning}")
        if not self._backed_up:
            self._backed_up = True
            self.take_daily_backup(journal)
        with write_transaction(journal) as db:
            if change is not None:
                store.begin_change(db, self.now())
            yield db
            if change is not None:
                store.end_change(db, change)

    def take_daily_backup(self, journal: Journal) -> None:
        """The day's automatic copy. Failing to take it must never stop what the user is doing."""
        from reconcile_cli.journal import backups
        from reconcile_cli.journal.db import replaced

        if replaced(journal):  # encrypted or decrypted since it was opened: no copy of the old
            return
        try:
            backups.automatic(journal.conn, self.path, self.moment(),
                              work_dir=paths.drafts_dir(self.path), lock=self.lock())
        except (OSError, errors.ReconcileError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else exc.message
            self.note(f"Note: today's automatic backup could not be made ({reason}).")

    def close(self) -> None:
        from reconcile_cli.journal import owners

        if self._db is not None:
            self._db.close()
            self._db = None
        owners.release_all()

    # --- typed text ----------------------------------------------------------------------

    @property
    def drafts_dir(self) -> Path:
        """The journal's own drafts folder (its journal folder must exist: see check_folder)."""
        paths.check_folder(self.path, self.default_location)
        return paths.drafts_dir(self.path)

    def new_draft(self, day: str, kind: str, data: bytes = b"", *, edit_of: str | None = None,
                  into: str | None = None, prompt: str | None = None,
                  letter: bool = False, vision: bool = False) -> Draft:
        """A draft beside the journal, or in a fallback folder when that cannot be written."""
        from reconcile_cli.journal import drafts

        key = self.data_key() if self.path.exists() else None  # unlocked before anything is kept
        return drafts.new(self.drafts_dir, paths.fallback_drafts_dirs(self.path), day, kind,
                          data, edit_of=edit_of, into=into, prompt=prompt, key=key,
                          letter=letter, vision=vision)

    def waiting_drafts(self) -> list[Draft]:
        """Drafts that earlier runs could not save, from every place a draft may be."""
        from reconcile_cli.journal import drafts

        key = self.data_key() if self.path.exists() else None
        if key is not None:
            self._seal_editor_leftovers(key)
        return drafts.waiting(self.drafts_dir, paths.fallback_drafts_dirs(self.path), key)

    def _seal_editor_leftovers(self, key: bytes) -> None:
        """Text an editor left in the plain editing folder when reconcile was killed while it
        ran: sealed into the draft it belonged to, and the plain file removed."""
        from reconcile_cli.journal import drafts, owners

        folder = paths.editing_dir()
        if folder is None or not folder.is_dir():
            return
        for plain in folder.glob("*.txt"):
            parsed = drafts.parse(plain)
            if parsed is None or owners.alive(folder, parsed[1]):
                continue
            for place in [self.drafts_dir, *paths.fallback_drafts_dirs(self.path)]:
                sealed = place / plain.with_suffix(".enc").name
                if sealed.exists():
                    with contextlib.suppress(OSError, ValueError):
                        drafts.replace(drafts.Draft(sealed, parsed[0].day, parsed[0].kind),
                                       plain.read_bytes(), key)
                        plain.unlink()
                    break

    def save_entry(
        self,
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
        from reconcile_cli import store
        from reconcile_cli.core.dates import local_zone_name

        if into is not None:
            change = f"added words to the entry of {long_date(day)}"
        elif body:
            change = f"wrote a {kind} entry for {long_date(day)}"
        else:
            change = f"rated your mood {mood} for {long_date(day)}"
        unkept = None
        if body and draft is None:
            try:  # unlocked before anything is kept: a locked journal's text is never left plain
                self.data_key()
            except errors.ReconcileError as exc:
                raise TextGivenBack(exc, body, draft_tried=False) from exc
            try:
                draft = self.new_draft(day, kind, body.encode("utf-8"),
                                       into=into.id if into else None, prompt=prompt)
            except OSError:
                unkept = body  # no room even for a draft: try to save anyway
        with self.keeping(draft if body else None, unkept), self.writing(change) as db:
            if into is not None:
                saved = store.update_entry(db, into, self.now(), body=body)
            else:
                saved = store.add_entry(
                    db, day=day, now=self.now(), zone=local_zone_name(), kind=kind, body=body,
                    mood=mood, prompt=prompt,
                )
        self.gentle_net(day, mood, body)
        if mood is not None and mood <= 3:
            self.offer_comfort(day)
        return saved

    def offer_comfort(self, day: str) -> None:
        """One quiet line, once a day, after a low mood."""
        from reconcile_cli import store

        try:
            with self.writing() as db:
                if not store.notice_shown(db, self.today.isoformat(), "comfort"):
                    return
            self.note("If tonight is hard, `reconcile comfort` gathers a few good things from "
                      "your own pages.")
        except Exception:  # noqa: BLE001  (never in the way of what was saved)
            return

    def gentle_net(self, day: str, mood: int | None, body: str) -> None:
        """After a mood of 1, or words of wanting to die: a warm message with the user's own
        support list and a crisis line, once a day. Never in the way of what was saved."""
        from reconcile_cli import store
        from reconcile_cli.core import gentle

        try:
            if mood != 1 and not (body and gentle.concerning(body)):
                return
            if self.setting("gentle_net") == "off":
                return
            with self.writing() as db:  # once a day: the day it is now, not the entry's
                if not store.notice_shown(db, self.today.isoformat(), "gentle-net"):
                    return
                people = store.support_people(db)
            self.note(gentle.message(people, gentle.crisis_line(self.setting("crisis_line"))))
        except Exception:  # noqa: BLE001  (the entry is saved; this must never undo that)
            return

    @contextlib.contextmanager
    def keeping(self, draft: Draft | None, unkept: str | None = None) -> Iterator[None]:
        """Keep ``draft`` if the block fails (saying where it is); remove it once it succeeded.

        ``unkept`` is text no draft could hold: if the block fails, it is shown back instead.
        """
        from reconcile_cli.journal import drafts

        try:
            yield
        except Exception as exc:
            if draft is not None:
                raise DraftKept(exc, draft) from exc
            if unkept:
                raise TextGivenBack(exc, unkept) from exc
            raise
        if draft is not None:
            drafts.discard(draft)

    def edit_text(self, day: str, kind: str, initial: bytes = b"", *,
                  edit_of: str | None = None, into: str | None = None,
                  prompt: str | None = None, letter: bool = False,
                  vision: bool = False) -> tuple[bytes, Draft]:
        """Open the user's editor on a private draft file and return what they saved."""
        from reconcile_cli.journal import drafts

        editor = self.setting("editor") or os.environ.get("VISUAL") or os.environ.get("EDITOR")
        check_editor(editor)
        draft = self.new_draft(day, kind, initial, edit_of=edit_of, into=into, prompt=prompt,
                               letter=letter, vision=vision)
        key = self.data_key()
        # An encrypted journal's draft is sealed; the editor needs a plain file, which lives in a
        # private editing folder (memory-backed where there is one) only while the editor runs.
        edited = draft.path if key is None else self._plain_copy_for_editor(draft, initial)
        # click.edit(text=...) loses the text on a non-UTF-8 save; with filename= we read it
        # ourselves, and the draft stays on disk if anything goes wrong.
        try:
            click.edit(filename=str(edited), editor=editor)
        except click.ClickException:
            self._seal_edited(draft, edited, key)
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
        self._seal_edited(draft, edited, key)
        return text, draft

    def _plain_copy_for_editor(self, draft: Draft, initial: bytes) -> Path:
        from reconcile_cli.journal import owners

        folder = paths.editing_dir()
        if folder is None:
            raise errors.ReconcileError(
                "No private folder for the editor's file could be made, so the editor was not "
                "opened; write with `reconcile write TEXT` or pipe the text in.")
        owners.claim(folder)  # same owner token as the draft: this process
        plain = folder / draft.path.with_suffix(".txt").name
        fd = os.open(plain, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(initial)
        return plain

    def _seal_edited(self, draft: Draft, edited: Path, key: bytes | None) -> None:
        """Move what the editor saved into the sealed draft, and remove the plain file."""
        from reconcile_cli.journal import drafts

        if key is None or edited == draft.path:
            return
        try:
            with edited.open("rb") as saved:
                drafts.replace(draft, read_limited(saved), key)
        finally:
            edited.unlink(missing_ok=True)
            # what editors leave beside a file: emacs' name~ and #name#, vim's .name.swp
            for leftover in edited.parent.glob(f"*{edited.name}*"):
                leftover.unlink(missing_ok=True)

    def tell_once(self, name: str, message: str) -> None:
        """A note shown the first time only (remembered in the user's state folder)."""
        from platformdirs import user_state_dir

        marker = Path(user_state_dir("reconcile", appauthor=False)) / "told" / name
        if marker.exists():
            return
        self.note(message)
        with contextlib.suppress(OSError):
            paths.make_private_dir(marker.parent)
            marker.touch(mode=0o600)

    # --- output --------------------------------------------------------------------------

    @property
    def console(self) -> Console:
        if self._console is None:
            self._console = make_console()
        return self._console

    def print(self, renderable: Any) -> None:
        from reconcile_cli.views import safe

        self.console.print(safe(renderable))

    def print_paged(self, renderable: Any) -> None:
        """Print, through the user's pager when on a terminal and longer than the screen."""
        self.print_paged_parts([renderable])

    def print_paged_parts(self, parts: Iterable[Any]) -> None:
        """Print renderables as they come; on a terminal, through the user's pager once they
        fill more than the screen. The first screen shows as soon as its parts are made."""
        from reconcile_cli.views import safe

        console = self.console
        if not console.is_terminal:
            for part in parts:
                console.print(safe(part))
            return

        def rendered(more: Iterable[Any]) -> Iterator[str]:
            for part in more:
                with console.capture() as captured:
                    console.print(safe(part))
                yield captured.get()

        remaining = iter(parts)
        screen: list[str] = []
        lines = 0
        for text in rendered(remaining):
            screen.append(text)
            lines += text.count("\n")
            if lines >= console.height:
                break
        else:
            console.file.write("".join(screen))
            return
        from reconcile_cli.views import pager

        chosen = pager.command()
        if chosen is None:
            console.file.write("".join(screen))
            for text in rendered(remaining):
                console.file.write(text)
            return
        pager.page(itertools.chain(screen, rendered(remaining)), chosen)

    @contextlib.contextmanager
    def output(self, target: str | None, force: bool, done: str = "Written to"
               ) -> Iterator[Destination]:
        """Where an export or report goes (see files.destination), never the journal's own files.

        Text shown on a terminal has its control characters removed on the way.
        """
        from reconcile_cli.journal import files

        protected = files.Protected(self.path, paths.drafts_dir(self.path))
        with files.destination(target, force=force, protected=protected) as out:
            if self.encrypted:
                self.note("Note: your journal is encrypted, but this is written as plain "
                          "text; keep it somewhere private, or remove it when done.")
            yield out
        if out.path is not None:
            self.note(f"{done} {target}.")

    def note(self, message: str) -> None:
        """A notice on stderr, apart from the command's output; on a terminal, wrapped between
        words to its width (a line that starts with spaces keeps them on every line)."""
        if sys.stderr.isatty():
            import shutil
            import textwrap

            width = min(shutil.get_terminal_size().columns, 100) - 1
            lines = []
            for line in message.split("\n"):
                indent = line[:len(line) - len(line.lstrip(" "))]
                lines.append(textwrap.fill(line, width, subsequent_indent=indent + "  "
                                           if indent else "", break_on_hyphens=False,
                                           break_long_words=False) if line else "")
            message = "\n".join(lines)
        echo(message, err=True)

    def print_json(self, data: Any) -> None:
        import json

        from reconcile_cli.core.text import escape_controls_in_json

        click.echo(escape_controls_in_json(json.dumps(data, ensure_ascii=False, indent=2)))

    def print_json_array(self, elements: Iterable[Any]) -> None:
        """A JSON array written one element at a time, byte for byte what ``print_json`` of the
        whole list would print, without holding the list."""
        import json

        from reconcile_cli.core.text import escape_controls_in_json

        opened = False
        for element in elements:
            text = escape_controls_in_json(json.dumps(element, ensure_ascii=False, indent=2))
            click.echo((",\n  " if opened else "[\n  ") + text.replace("\n", "\n  "), nl=False)
            opened = True
        click.echo("\n]" if opened else "[]")


def echo(message: object = "", *, err: bool = False, nl: bool = True) -> None:
    """click.echo for any text that may hold stored or typed words: the control characters that
    could drive a terminal (all but tab and newline) are removed on the way."""
    from reconcile_cli.core.text import printable

    click.echo(printable(str(message)), err=err, nl=nl)


def make_console() -> Console:
    from rich.console import Console

    from reconcile_cli.views import display as mode

    # Markup off: stored text like "[bold]" must print literally. Styles come from Text objects.
    # NO_COLOR and plain mode: no colour and no other styles either (no colour system at all).
    bare = mode.no_color() or mode.plain()
    return Console(markup=False, highlight=False, emoji=False,
                   color_system=None if bare else "auto")


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


def read_limited(stream: IO[bytes]) -> bytes:
    """Read at most the entry limit (plus one byte, to notice when it is exceeded)."""
    from reconcile_cli.core.text import MAX_ENTRY_BYTES

    return stream.read(MAX_ENTRY_BYTES + 1)


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()
