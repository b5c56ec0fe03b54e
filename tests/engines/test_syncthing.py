"""Sync through Syncthing (issue 22, section 4): two Syncthing instances on this machine, each
with its own home, on 127.0.0.1 only, with discovery, relays, NAT traversal, upgrades and usage
reporting off, sharing one folder (tests/engines/syncthing_pair.py sets them up)."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from tests.engines.syncthing_pair import SyncthingPair, SyncthingUnavailable, skip_reason
from tests.store.replicas import Replica

BOUND = 60  # seconds the other side may take to see a change


@pytest.fixture
def pair(tmp_path):
    reason = skip_reason()
    if reason:
        pytest.skip(f"Syncthing is not available here ({reason}); .ci/run installs it")
    syncthing = SyncthingPair(root=tmp_path / "syncthing")
    try:
        syncthing.start()
    except SyncthingUnavailable as exc:
        pytest.skip(f"Syncthing could not be started here ({exc})")
    try:
        yield syncthing
    finally:
        syncthing.stop()


def seen_within(journal: Replica, body: str, bound: float = BOUND) -> bool:
    deadline = time.monotonic() + bound
    while time.monotonic() < deadline:
        journal.run("today")
        if (body,) in journal.rows("SELECT body FROM entries"):
            return True
        time.sleep(0.5)  # a poll: the loop is bounded, the other side decides when
    return False


def test_two_syncthing_instances_keep_one_journal_and_both_texts(tmp_path, pair):
    laptop = Replica(tmp_path / "laptop", "laptop")
    desktop = Replica(tmp_path / "desktop", "desktop")
    assert laptop.run("sync", str(pair.a.share), "--name", "laptop").exit_code == 0
    pair.wait_synced(timeout=BOUND)
    assert desktop.run("sync", str(pair.b.share), "--name", "desktop").exit_code == 0
    laptop.run("write", "Written on the laptop, carried by Syncthing.")
    pair.wait_synced(timeout=BOUND)
    assert seen_within(desktop, "Written on the laptop, carried by Syncthing.")

    shared = laptop.rows("SELECT id FROM entries")[0][0]
    pair.pause_folder()  # the two cannot see each other: both change the same entry
    laptop.run("edit", shared[:8], NEW_TEXT="The laptop's words, while apart.")
    desktop.clock += dt.timedelta(minutes=5)
    desktop.run("edit", shared[:8], NEW_TEXT="The desktop's words, while apart.")
    pair.resume_folder()
    pair.wait_synced(timeout=BOUND)
    for journal in (laptop, desktop, laptop):
        journal.run("sync")
        pair.wait_synced(timeout=BOUND)
    texts = sorted(body for (body,) in laptop.rows("SELECT body FROM entries"))
    assert texts == ["The desktop's words, while apart.", "The laptop's words, while apart."]
    assert desktop.export() == laptop.export()
