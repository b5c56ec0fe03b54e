"""Property: any journals, any commands on each, any order of exchanges; once every journal has
taken in every other's records, they are identical (their exports, less the exported_at line,
byte for byte) and no text typed on any of them is gone, but what a person removed on purpose.

The commands are the real ones, run as a person runs them; each journal keeps its own clock, one
of them a day fast. Exchanges are exports imported on the other side: the merge sync runs.
"""

from __future__ import annotations

import datetime as dt
import itertools
import tempfile
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings, strategies as st

from tests.store.replicas import Replica

DAYS = [f"2026-11-{day:02d}" for day in (18, 19, 20, 21, 22)]
SLUGS = ["no-begging", "self-care", "support", "walked", "rested"]
WORDS = ["river", "quiet", "morning", "letter", "garden", "window", "stone", "light"]
SETTINGS = [("day_starts_at", "3"), ("day_starts_at", "5"), ("crisis_line", "Call 116 123"),
            ("drawer_cooling_hours", "0"), ("gentle_net", "off"), ("nudge_after", "21:00")]
COMMANDS = ["write", "write", "write", "mood", "edit", "edit", "edit-mood", "delete", "restore",
            "empty-trash", "star", "check", "check", "clear", "items-add", "items-rename",
            "items-retire", "items-move", "letter", "vision", "vision", "goal", "step",
            "step-done", "drop", "pause", "unpause", "end-pause", "support-add",
            "support-remove", "config", "prompt-add", "prompt-remove", "undo", "undo",
            "exchange", "exchange", "exchange", "import", "import-outside"]


class World:
    def __init__(self, root: Path, count: int, folder: Path | None = None):
        skews = [dt.timedelta(), dt.timedelta(days=1), dt.timedelta(hours=-5)]
        self.journals = [Replica(root / f"j{n}", f"j{n}", skews[n]) for n in range(count)]
        self.serial = itertools.count(1)
        self.seen: set[str] = set()  # every text any journal held at any time
        self.folder = folder  # exchanges through a sync folder, rather than files handed over
        self.log: list[str] = []  # what was done, for the message when they differ
        self.outside = Replica(root / "outside", "outside")  # a journal kept apart, imported

    def exchange(self, me: Replica, other: Replica) -> None:
        if self.folder is None:
            me.take_in(other)
        else:
            assert me.run("sync").exit_code == 0

    def text(self, data: st.DataObject) -> str:
        words = data.draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3))
        return " ".join(words) + f" #{next(self.serial)}"  # every text typed is its own

    def pick(self, data: st.DataObject, rows: list[tuple]) -> tuple | None:
        return data.draw(st.sampled_from(rows)) if rows else None

    def step(self, data: st.DataObject) -> None:
        me = data.draw(st.sampled_from(self.journals))
        command = data.draw(st.sampled_from(COMMANDS))
        self.log.append(f"{me.name} {command}")
        self.command(me, command, data)
        self.seen |= me.texts()

    def command(self, me: Replica, command: str, data: st.DataObject) -> None:
        entries = me.rows("SELECT id, deleted_at FROM entries ORDER BY seq")
        if command == "write":
            me.run("write", self.text(data), "--date", data.draw(st.sampled_from(DAYS)))
        elif command == "mood":
            me.run("mood", str(data.draw(st.integers(1, 10))), "--date",
                   data.draw(st.sampled_from(DAYS)))
        elif command == "edit" and (found := self.pick(data, entries)):
            me.removing(lambda: me.run("edit", found[0], NEW_TEXT=self.text(data)))
        elif command == "edit-mood" and (found := self.pick(data, entries)):
            me.run("edit", found[0], "--mood", str(data.draw(st.integers(1, 10))))
        elif command == "delete" and (found := self.pick(data, entries)):
            me.run("delete", found[0], "--yes")
        elif command == "restore" and (found := self.pick(data, entries)):
            me.run("restore", found[0])
        elif command == "empty-trash":
            me.removing(lambda: me.run("trash", "--empty", "--yes"))
        elif command == "star" and (found := self.pick(data, entries)):
            me.run(data.draw(st.sampled_from(["star", "unstar"])), found[0])
        elif command == "check":
            slug = data.draw(st.sampled_from(SLUGS))
            status = data.draw(st.sampled_from(["kept", "missed", "skipped"]))
            note = ["--note", self.text(data)] if data.draw(st.booleans()) else []
            me.removing(lambda: me.run("check", f"{slug}={status}", *note, "--date",
                                       data.draw(st.sampled_from(DAYS))))
        elif command == "clear":
            slug = data.draw(st.sampled_from(SLUGS))
            me.removing(lambda: me.run("check", f"{slug}=clear", "--date",
                                       data.draw(st.sampled_from(DAYS))))
        elif command == "items-add":
            kind = data.draw(st.sampled_from(["action", "restraint"]))
            acts = ["--kept-by", data.draw(st.sampled_from(["gratitude", "entry"]))] \
                if kind == "action" and data.draw(st.booleans()) else []
            me.run("items", "add", data.draw(st.sampled_from(SLUGS)), self.text(data), "--kind",
                   kind, *acts)
        elif command == "items-rename":
            me.run("items", "rename", data.draw(st.sampled_from(SLUGS)), self.text(data))
        elif command == "items-retire":
            me.run("items", data.draw(st.sampled_from(["retire", "restore"])),
                   data.draw(st.sampled_from(SLUGS)))
        elif command == "items-move":
            me.run("items", "move", data.draw(st.sampled_from(SLUGS)),
                   str(data.draw(st.integers(1, 12))))
        elif command == "letter":
            me.run("drawer", "write", self.text(data), "--to", "Sam")
        elif command == "vision":
            me.run("vision", self.text(data))
        elif command == "goal":
            me.run("goals", "add", data.draw(st.sampled_from(["physical", "emotional"])),
                   self.text(data))
        elif command == "step" and (goal := self.pick(data, me.rows("SELECT id FROM goals"))):
            me.run("goals", "step", goal[0], self.text(data),
                   *(["--daily"] if data.draw(st.booleans()) else []))
        elif command == "step-done" and (step := self.pick(data, me.rows("SELECT id FROM steps"))):
            me.run("goals", "done", step[0], "--date", data.draw(st.sampled_from(DAYS)))
        elif command == "drop" and (found := self.pick(
                data, me.rows("SELECT id FROM goals UNION ALL SELECT id FROM steps"))):
            me.run("goals", "drop", found[0])
        elif command == "pause":
            first = data.draw(st.sampled_from(DAYS))
            me.run("pause", "--from", first, "--until",
                   data.draw(st.sampled_from([d for d in DAYS if d >= first])), self.text(data))
        elif command == "unpause" and (found := self.pick(data, me.rows("SELECT id FROM pauses"))):
            me.removing(lambda: me.run("unpause", found[0]))
        elif command == "end-pause":
            me.removing(lambda: me.run("pause", "--end"))
        elif command == "support-add":
            me.removing(lambda: me.run("support", "add", data.draw(
                st.sampled_from(["Ana", "Ben", "Cleo"])), self.text(data)))
        elif command == "support-remove":
            me.removing(lambda: me.run("support", "remove", data.draw(
                st.sampled_from(["Ana", "Ben", "Cleo"]))))
        elif command == "prompt-add":
            me.run("prompt", "add", self.text(data).capitalize() + "?")
        elif command == "prompt-remove" and (found := self.pick(
                data, me.rows("SELECT slug FROM own_prompts WHERE removed_at IS NULL"))):
            me.run("prompt", "remove", found[0])
        elif command == "config":
            me.run("config", *data.draw(st.sampled_from(SETTINGS)))
        elif command == "undo":
            me.removing(lambda: me.run("undo"))
        elif command == "exchange":
            self.exchange(me, data.draw(st.sampled_from([j for j in self.journals
                                                         if j is not me])))
        elif command == "import":  # by hand, whether or not they also sync
            me.take_in(data.draw(st.sampled_from([j for j in self.journals if j is not me])))
        elif command == "import-outside":  # what it brings must reach the others too
            self.outside.run("write", self.text(data), "--date", data.draw(st.sampled_from(DAYS)))
            me.take_in(self.outside)

    def settle(self) -> None:
        """Exchange every way until nothing changes (at most a few rounds)."""
        for _ in range(4):
            before = [j.export() if j.db.exists() else "" for j in self.journals]
            for me, other in itertools.permutations(self.journals, 2):
                self.exchange(me, other)
            after = [j.export() for j in self.journals]
            if after == before:
                return


def devices_in_order(data: st.DataObject) -> mock._patch:
    """Computers' ids, random in use, drawn here: ties between stamps are broken by them, so
    every order of ids is tried and a failure replays."""
    ids = data.draw(st.permutations(["11111111", "22222222", "33333333", "44444444"]))
    return mock.patch("reconcile_cli.journal.clock.new_device", side_effect=ids)


def check_converged(world: World) -> None:
    import difflib

    exports = [j.export() for j in world.journals]
    for journal, export in zip(world.journals[1:], exports[1:], strict=True):
        differences = "\n".join(list(difflib.unified_diff(
            exports[0].splitlines(), export.splitlines(), lineterm="", n=0))[:40])
        skipped = [] if world.folder is None else [
            j.rows("SELECT name, reason FROM sync_files WHERE state = 'skipped'")
            for j in world.journals]
        assert export == exports[0], (f"{journal.name} differs from j0 after "
                                      f"{', '.join(world.log)} (skipped: {skipped}):\n"
                                      f"{differences}")


def check_nothing_lost(world: World, typed: set[str]) -> None:
    removed = set().union(*(j.removed for j in world.journals))
    kept = world.journals[0].texts()
    assert sorted(typed - removed - kept) == [], f"lost after {', '.join(world.log)}"


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data(), st.integers(2, 3), st.integers(8, 40))
def test_journals_that_exchange_everything_end_the_same(data, count, steps):
    with tempfile.TemporaryDirectory() as folder, devices_in_order(data):
        world = World(Path(folder), count)
        for journal in world.journals:
            journal.run("write", world.text(data))
            world.seen |= journal.texts()
        for _ in range(steps):
            world.step(data)
        world.settle()
        check_converged(world)
        check_nothing_lost(world, world.seen)


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data(), st.integers(2, 3), st.integers(8, 30))
def test_journals_that_sync_through_one_folder_end_the_same(data, count, steps):
    with tempfile.TemporaryDirectory() as folder, devices_in_order(data):
        shared = Path(folder) / "Sync"
        shared.mkdir()
        world = World(Path(folder), count, shared)
        for journal in world.journals:
            journal.run("write", world.text(data))
            assert journal.run("sync", str(shared), "--name", journal.name).exit_code == 0
            journal.run("config", "sync_auto", "off")  # each syncs when the person says
            world.seen |= journal.texts()
        for _ in range(steps):
            world.step(data)
        world.settle()
        check_converged(world)
        check_nothing_lost(world, world.seen)
