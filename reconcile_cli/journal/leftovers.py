"""What a stopped run of reconcile (kill -9, a power cut) left behind, found and put away.

Each temporary file reconcile makes carries the token of the process making it (see owners.py),
which holds a lock in the journal's working folder while it runs: a file whose process no longer
runs is a leftover. Copies made while encrypting or decrypting (possibly plain, whole journals),
half-written files, the plain text an editor was working on for an encrypted journal, and the
editor's own copies of it. Copies and half-written files are removed (the original is always
still there); an editor's text is sealed into the draft it belonged to, never lost.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from pathlib import Path

from reconcile_cli.journal import drafts, owners, paths

TEMPORARY = re.compile(r"\.(?P<base>.+)\.(?P<token>[0-9a-f]{8})"
                       r"\.(?P<kind>converting|converting-journal|partial|restoring)")
WHAT = {"converting": "a copy made by an encrypt or decrypt that was stopped",
        "converting-journal": "a copy made by an encrypt or decrypt that was stopped",
        "restoring": "a copy made by a restore that was stopped",
        "partial": "a half-written file of a run that was stopped"}
EDITED = "the plain text of an editor that was stopped"
EDITORS_COPY = "an editor's copy of that text"


@dataclass(frozen=True)
class Leftover:
    path: Path
    what: str
    sealed_into: Path | None = None  # where an editor's text was kept


def _ours(name: str, db_path: Path, in_backups: bool) -> bool:
    """Whether a temporary file's base name is this journal's (another journal may share the
    folder, and its process holds its lock in its own working folder)."""
    if name in (db_path.name, f"{db_path.name}.key"):
        return True
    return in_backups and name.startswith(f"{db_path.stem}-") and name.endswith(".db")


def temporary_files(db_path: Path) -> list[Leftover]:
    """This journal's temporary files beside it and in backups/ whose process has ended."""
    from reconcile_cli.journal.backups import folder

    work = paths.drafts_dir(db_path)
    found = []
    for place, in_backups in ((db_path.parent, False), (folder(db_path), True)):
        if not place.is_dir():
            continue
        for path in sorted(place.glob(".*")):
            match = TEMPORARY.fullmatch(path.name)
            if (match and _ours(match["base"], db_path, in_backups)
                    and not owners.alive(work, match["token"])):
                found.append(Leftover(path, WHAT[match["kind"]]))
    return found


def editor_files(db_path: Path) -> list[Leftover]:
    """Plain text an editor was working on (for an encrypted journal) when reconcile was
    stopped, and the editor's own copies of it."""
    folder = paths.editing_dir(make=False)
    if folder is None or not folder.is_dir():
        return []
    found = []
    for plain in sorted(folder.glob("*.txt")):
        parsed = drafts.parse(plain)
        if parsed is None or owners.alive(folder, parsed[1]):
            continue
        found.append(Leftover(plain, EDITED))
        found += [Leftover(copy, EDITORS_COPY) for copy in sorted(folder.glob(f"*{plain.name}*"))
                  if copy != plain]
    return found


def clear(db_path: Path, key: bytes | None, fallbacks: list[Path]) -> tuple[list[Leftover],
                                                                         list[Leftover]]:
    """Remove or seal every leftover that can be: (done, left as they were). An editor's text
    is sealed into its draft with ``key`` (a new draft of this journal when its own is gone);
    without a key it is left, and named."""
    done: list[Leftover] = []
    left: list[Leftover] = []
    for leftover in temporary_files(db_path):
        try:
            leftover.path.unlink()
            done.append(leftover)
        except FileNotFoundError:
            continue
        except OSError:
            left.append(leftover)
    for leftover in editor_files(db_path):
        if leftover.what == EDITORS_COPY:
            with contextlib.suppress(OSError):
                leftover.path.unlink()
                done.append(leftover)
            continue
        if key is None:
            left.append(leftover)
            continue
        try:
            into = _seal(leftover.path, key, paths.drafts_dir(db_path), fallbacks)
        except (OSError, ValueError):
            left.append(leftover)
            continue
        done.append(Leftover(leftover.path, leftover.what, into))
    return done, left


def _seal(plain: Path, key: bytes, drafts_dir: Path, fallbacks: list[Path]) -> Path:
    """Seal an editor's plain text into the draft it belonged to (or a new one of the same
    name in this journal's drafts), then remove the plain file; the sealed draft."""
    parsed = drafts.parse(plain)
    assert parsed is not None
    draft = parsed[0]
    sealed_name = plain.with_suffix(".enc").name
    existing = [place / sealed_name for place in drafts.places(drafts_dir, fallbacks)
                if (place / sealed_name).exists()]
    target = existing[0] if existing else drafts.folder(drafts_dir, fallbacks) / sealed_name
    if not existing:
        drafts.create_empty(target)
    drafts.replace(drafts.Draft(target, draft.day, draft.kind), plain.read_bytes(), key)
    plain.unlink()
    return target
