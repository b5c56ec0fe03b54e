"""Where the journal and the files beside it live."""

from __future__ import annotations

import os
from pathlib import Path

from reconcile_cli.core import errors

DB_FILENAME = "journal.db"


def journal_path(option: str | None) -> tuple[Path, bool]:
    """The journal file: ``--db``, else ``RECONCILE_DB``, else the platform's user data folder.

    Returns the path and whether it is the default location (whose folder we may create;
    a folder named explicitly must already exist, so a typo does not grow a directory tree).
    """
    chosen = option or os.environ.get("RECONCILE_DB")
    if chosen:
        return Path(chosen).expanduser(), False
    from platformdirs import user_data_dir

    return Path(user_data_dir("reconcile", appauthor=False)) / DB_FILENAME, True


def journal_path_quickly(option: str | None) -> Path:
    """The journal's path as journal_path finds it; on Linux without importing platformdirs
    (which costs `nudge`, run from a shell's start-up file, a quarter of its time), by the same
    XDG rule."""
    import sys

    chosen = option or os.environ.get("RECONCILE_DB")
    if chosen:
        return Path(chosen).expanduser()
    data = os.environ.get("XDG_DATA_HOME", "").strip()
    if sys.platform.startswith("linux"):
        base = Path(data) if data and os.path.isabs(data) else Path.home() / ".local" / "share"
        return base / "reconcile" / DB_FILENAME
    return journal_path(None)[0]


# The note of temporary export files being written beside the drafts (see files.py).
IN_PROGRESS = "outputs-in-progress"


def key_file(db_path: Path) -> Path:
    """Where an encrypted journal's wrapped key lives: beside it."""
    return db_path.with_name(db_path.name + ".key")


def drafts_dir(db_path: Path) -> Path:
    """Drafts sit beside the journal, one folder per journal file."""
    return db_path.parent / "drafts" / db_path.stem


def fallback_drafts_dirs(db_path: Path) -> list[Path]:
    """Where drafts go when the journal's own folder cannot take them, in order of preference:
    the user's state folder (kept across restarts), then a private folder in the temporary one.
    Each is named after the journal's full path, so two journals never share one."""
    import hashlib
    import tempfile

    from platformdirs import user_state_dir

    name = f"{db_path.stem}-{hashlib.sha256(str(db_path.absolute()).encode()).hexdigest()[:12]}"
    user = os.getuid() if hasattr(os, "getuid") else os.getlogin()
    return [Path(user_state_dir("reconcile", appauthor=False)) / "drafts" / name,
            Path(tempfile.gettempdir()) / f"reconcile-{user}" / "drafts" / name]


def ours_alone(path: Path) -> bool:
    """Whether ``path`` and the folder holding it are this user's, and no one else can write
    in them (so nobody else can have planted them, or swap them)."""
    if not hasattr(os, "getuid"):
        return True
    for folder in (path, path.parent):
        status = folder.lstat()
        if status.st_uid != os.getuid() or status.st_mode & 0o022 or folder.is_symlink():
            return False
    return True


# Files we write in folders someone else could reach are opened with this: a link planted at
# their name is refused, never followed (0 where the system has no such flag).
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def private_place(path: Path, make: bool = True) -> Path | None:
    """``path`` as a folder for this user's eyes alone (made, 0700, when ``make`` and missing),
    or None: it must be this user's, not a link, closed to everyone else, in a folder that is
    also this user's alone, itself inside one no one else can change (or a sticky one, such
    as /tmp, where no one can move what is ours), and kept by this user or the system."""
    import stat

    try:
        if make:
            make_private_dir(path)
        elif not path.is_dir():
            return None
        if not ours_alone(path) or stat.S_IMODE(path.lstat().st_mode) & 0o077:
            return None
        above = path.parent.parent.stat()
    except OSError:
        return None
    sticky = above.st_mode & stat.S_ISVTX
    if (above.st_mode & 0o002 and not sticky) or above.st_uid not in (os.getuid(), 0):
        return None  # someone else could swap the folder between our look and our use
    return path


def editing_dir(make: bool = True) -> Path | None:
    """A private folder for the plain file an editor works on, for an encrypted journal: in
    $XDG_RUNTIME_DIR (memory-backed on most Linux systems) when there is one, else in the
    temporary folder; None when neither can be made private (or, unless ``make``, exists)."""
    import tempfile

    runtime = os.environ.get("XDG_RUNTIME_DIR")
    user = os.getuid() if hasattr(os, "getuid") else os.getlogin()
    candidates = ([Path(runtime) / "reconcile" / "editing"] if runtime else []) + [
        Path(tempfile.gettempdir()) / f"reconcile-{user}" / "editing"]
    for candidate in candidates:
        made = private_place(candidate, make)
        if made is not None:
            return made
    return None


def check_folder(db_path: Path, default_location: bool) -> None:
    """Refuse a journal whose folder does not exist, unless it is the default one (made on first
    use): a mistyped --db must not grow a tree of folders."""
    if not default_location and not db_path.parent.is_dir():
        raise errors.NotAJournal(
            f"The folder {db_path.parent} does not exist, so no journal was made there; check "
            "the path given with --db or RECONCILE_DB.")


def make_private_dir(path: Path) -> Path:
    """Make ``path`` and any missing folder above it, each private (0700) whatever the umask."""
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
        folder.chmod(0o700)
    if not path.is_dir():
        path.mkdir(mode=0o700)  # raises the right error: a file is in the way
    return path


CLOUD_FOLDERS = ("Dropbox", "OneDrive", "Google Drive", "GoogleDrive", "iCloud Drive",
                 "Mobile Documents", "pCloud Drive", "Nextcloud", "ownCloud")
NETWORK_FILE_SYSTEMS = ("nfs", "nfs4", "cifs", "smb3", "smbfs", "afs", "9p", "davfs",
                        "fuse.sshfs", "fuse.rclone", "fuse.s3fs", "fuse.davfs2")


def filesystem_type(path: Path, mount_table: Path = Path("/proc/mounts")) -> str:
    """The type of the file system holding ``path``, from the mount table ("" when unknown)."""
    try:
        mounts = mount_table.read_text().splitlines()
    except OSError:
        return ""
    target, best, kind = str(path), "", ""
    for line in mounts:
        fields = line.split()
        if len(fields) < 3:
            continue
        mount = fields[1].replace("\\040", " ")
        inside = target == mount or target.startswith(mount.rstrip("/") + "/")
        if inside and len(mount) >= len(best):
            best, kind = mount, fields[2]
    return kind


def location_warnings(path: Path) -> list[str]:
    """Places where a journal is at risk: cloud-synced folders, network file systems, and a
    second name (hard link) for the file."""
    resolved = path.resolve()
    warnings = []
    cloud = next((part for part in resolved.parts if part in CLOUD_FOLDERS), None)
    if cloud:
        warnings.append(
            f"the journal is inside {cloud}, which syncs to the cloud; a sync can copy it halfway "
            "through a save. Keep the journal on this computer and put backups there instead "
            "(`reconcile backup DEST`).")
    kind = filesystem_type(resolved.parent)
    if kind in NETWORK_FILE_SYSTEMS:
        warnings.append(
            f"the journal is on a network file system ({kind}), where SQLite cannot be sure "
            "of its locks. Keep it on a local disk and put backups on the network instead "
            "(`reconcile backup DEST`).")
    if path.exists() and path.stat().st_nlink > 1:
        warnings.append("the journal file has a second name (a hard link); anything that "
                        "replaces one of them leaves the other behind, out of date.")
    return warnings


# markers of a folder a sync tool keeps: Syncthing, Dropbox, Resilio Sync, Nextcloud
SYNCED_MARKERS = (".stfolder", ".dropbox", ".sync", ".nextcloudsync.log")


def kept_by_sync_tool(path: Path) -> str | None:
    """The marker that says a sync tool keeps the folder holding ``path`` (or one above it)."""
    for folder in [path.parent, *path.parent.parents]:
        for marker in SYNCED_MARKERS:
            if (folder / marker).exists():
                return str(folder / marker)
    return None


def in_git_tree_of_its_own(path: Path) -> bool:
    """Whether the journal's own folder is the top of a git working tree (its .git right there):
    a folder meant to be pushed elsewhere. A home folder kept in git, far above, does not count."""
    return (path.parent / ".git").exists()


def refuse_as_home(db_path: Path, linked: Path | None) -> None:
    """Refuse a journal that lies where a sync tool keeps files in step (see the module's
    docstring), saying why and what to do instead."""
    resolved = db_path.resolve()
    reason = None
    if linked is not None and (resolved == linked.resolve() or linked.resolve() in
                               resolved.parents):
        reason = "inside the folder it syncs through"
    elif (marker := kept_by_sync_tool(resolved)) is not None:
        reason = f"in a folder a sync tool keeps ({marker})"
    elif in_git_tree_of_its_own(resolved):
        reason = "in the top folder of a git working tree"
    if reason:
        raise errors.ReconcileError(
            f"The journal at {db_path} is {reason}: a sync tool may copy it half written, and "
            "two computers' copies would overwrite each other. Keep the journal outside it (move "
            "journal.db, or give --db elsewhere) and let `reconcile sync FOLDER` keep the two "
            "computers in step through the folder instead.")
