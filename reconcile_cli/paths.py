"""Where the journal and the files beside it live."""

from __future__ import annotations

import os
from pathlib import Path

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


def drafts_dir(db_path: Path) -> Path:
    """Drafts sit beside the journal, one folder per journal file."""
    return db_path.parent / "drafts" / db_path.stem


def make_private_dir(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
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
