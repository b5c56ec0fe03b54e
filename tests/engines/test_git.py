"""Sync through a git remote (issue 22, section 4): two clones of one bare repository. Files are
only ever added under names of their own, so git never has a merge conflict to ask about."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.store.replicas import Replica

pytestmark = pytest.mark.skipif(shutil.which("git") is None,
                                reason="git is not installed (.ci/run installs it)")


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True,
                          timeout=60, env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x",
                                           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x",
                                           "HOME": str(folder.parent), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    return done.stdout


def push(clone: Path) -> None:
    git(clone, "add", "-A")
    if git(clone, "status", "--porcelain"):
        git(clone, "commit", "-q", "-m", "journal changes")
    pull(clone)
    git(clone, "push", "-q", "-u", "origin", "main")


def pull(clone: Path) -> None:
    git(clone, "fetch", "-q")
    if git(clone, "branch", "-r").strip():  # the remote has something to merge yet
        git(clone, "merge", "-q", "--no-edit", "origin/main")


def test_two_clones_of_a_remote_keep_one_journal_and_both_texts(tmp_path):
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    laptop_clone, desktop_clone = tmp_path / "laptop-notes", tmp_path / "desktop-notes"
    for clone in (laptop_clone, desktop_clone):
        subprocess.run(["git", "clone", "-q", str(remote), str(clone)], check=True,
                       capture_output=True)
        git(clone, "checkout", "-q", "-b", "main")
    laptop = Replica(tmp_path / "laptop", "laptop")
    desktop = Replica(tmp_path / "desktop", "desktop")
    laptop.run("write", "Written on the laptop, pushed to the remote.")
    assert laptop.run("sync", str(laptop_clone), "--name", "laptop").exit_code == 0
    push(laptop_clone)
    pull(desktop_clone)
    assert desktop.run("sync", str(desktop_clone), "--name", "desktop").exit_code == 0
    push(desktop_clone)
    assert desktop.rows("SELECT body FROM entries") == [
        ("Written on the laptop, pushed to the remote.",)]

    shared = laptop.rows("SELECT id FROM entries")[0][0]
    laptop.run("edit", shared[:8], NEW_TEXT="The laptop's version of that night.")
    desktop.clock += dt.timedelta(minutes=5)
    desktop.run("edit", shared[:8], NEW_TEXT="The desktop's version of that night.")
    push(laptop_clone)  # both made their changes before they met
    push(desktop_clone)  # adds its own files: a merge git does by itself
    pull(laptop_clone)
    laptop.run("sync")
    push(laptop_clone)
    pull(desktop_clone)
    desktop.run("sync")
    texts = sorted(body for (body,) in laptop.rows("SELECT body FROM entries"))
    assert texts == ["The desktop's version of that night.", "The laptop's version of that night."]
    assert desktop.export() == laptop.export()
    assert "CONFLICT" not in git(laptop_clone, "log", "--oneline")
