"""Every change's stamp, and what each record has seen: the journal's side of merging copies.

A stamp is a hybrid logical clock reading, ``2026-11-22T20:03:00.000Z+0000@3f2a9c1e``: the wall
time in UTC to the millisecond, a counter, and the computer that made the change. Stamps compare
as plain text, and in that order a change always comes after every change its computer had seen
when it was made: a computer whose clock is a day fast moves the others' clocks on when they hear
from it, so it cannot win every change for a day. The computer breaks a tie.

A record's version vector (``vv``) maps each computer to the stamp of the latest of its changes
the record has taken in. A change a vector holds is one the record has seen; two versions, each
holding a change the other has not seen, were made apart (concurrently).

Local changes are stamped when their transaction commits (``stamp_changes``): triggers (made by
the m014 migration) note each row a command touched in ``pending``, and one UPDATE per table
gives them the transaction's stamp. A row deleted leaves a grave: its key, when, and what it had
seen, so that an older copy of it cannot come back, but a change the deleter never saw can.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import secrets
from typing import Any

from reconcile_cli.journal.schema import SYNCED

VV = dict[str, str]
ZERO = "0000-00-00T00:00:00.000Z+0000@"


def new_device() -> str:
    """A computer's id within one journal: 8 random hex digits."""
    return secrets.token_hex(4)


def stamp_of(moment: dt.datetime, counter: int, device: str) -> str:
    utc = moment.astimezone(dt.timezone.utc)
    return f"{utc:%Y-%m-%dT%H:%M:%S}.{utc.microsecond // 1000:03d}Z+{counter:04d}@{device}"


def parts(stamp: str) -> tuple[str, int, str]:
    """(wall time as text, counter, device) of a stamp."""
    wall, _, rest = stamp.partition("+")
    counter, _, device = rest.partition("@")
    return wall, int(counter or 0), device


def device_of(stamp: str) -> str:
    return stamp.rpartition("@")[2]


def legacy_stamp(moment: str | None) -> str:
    """The stamp of a change made before stamps were kept: its own time, as the computer that made
    it wrote it, counter 0, device "0" (before any real one)."""
    if not moment:
        return ZERO + "0"
    if moment.endswith("Z") or moment[-6:-5] in ("+", "-"):
        return _legacy_stamp_of(moment)  # a time with its own offset: the same wherever read
    return _legacy_stamp_uncached(moment)


@functools.lru_cache(maxsize=4096)  # an import of an old file asks for the same times often
def _legacy_stamp_of(moment: str) -> str:
    return _legacy_stamp_uncached(moment)


def _legacy_stamp_uncached(moment: str) -> str:
    from reconcile_cli.core.dates import instant

    try:
        return stamp_of(instant(moment), 0, "0")
    except ValueError:
        return ZERO + "0"


def next_stamp(last: str | None, now: dt.datetime, device: str) -> str:
    """The stamp after ``last`` (the latest this journal has made or seen) at wall time ``now``."""
    candidate = stamp_of(now, 0, device)
    if last is None:
        return candidate
    wall, counter, _ = parts(last)
    mine, _, _ = parts(candidate)
    if mine > wall:
        return candidate
    return f"{wall}+{counter + 1:04d}@{device}"


def later(first: str | None, second: str | None) -> str | None:
    if first is None:
        return second
    if second is None:
        return first
    return max(first, second)


# --- version vectors -------------------------------------------------------------------------


def load(text: str | None) -> VV:
    if not text:
        return {}
    value = json.loads(text)
    return value if isinstance(value, dict) else {}


def dump(vv: VV) -> str:
    if not vv:
        return "{}"
    return json.dumps(dict(sorted(vv.items())), separators=(",", ":"))


def join(*vectors: VV) -> VV:
    joined: VV = {}
    for vector in vectors:
        for device, stamp in vector.items():
            if stamp > joined.get(device, ""):
                joined[device] = stamp
    return joined


def seen(vv: VV, stamp: str) -> bool:
    """Whether a record whose vector is ``vv`` has taken in the change stamped ``stamp``."""
    return vv.get(device_of(stamp), "") >= stamp


def with_change(vv: VV, stamp: str) -> VV:
    return join(vv, {device_of(stamp): stamp})


# --- the journal's clock -----------------------------------------------------------------------


def state(conn: Any) -> tuple[str, str | None]:
    """(this computer's device id, the latest stamp it has made or seen)."""
    device, last = conn.execute("SELECT device, last FROM clock").fetchone()
    return device, last


def tick(conn: Any, now: dt.datetime) -> str:
    """A new stamp for a change made now, remembered as the latest."""
    device, last = state(conn)
    stamp = next_stamp(last, now, device)
    conn.execute("UPDATE clock SET last = ?", [stamp])
    return stamp


def heard(conn: Any, stamp: str) -> None:
    """Another computer's change was taken in: the clock moves on past it."""
    conn.execute("UPDATE clock SET last = ? WHERE last IS NULL OR last < ?", [stamp, stamp])


def stamp_changes(conn: Any, now: dt.datetime) -> int | None:
    """Give every row this transaction touched its stamp, and their vectors the change (see the
    module's docstring). Nothing touched: nothing happens, and the clock does not move.

    In a journal linked to a sync folder, the changes also take the number of the file of
    changes they are to go in, committed with them (so that writing the file right after needs
    no transaction of its own to take one): that number, or None."""
    if conn.execute("SELECT 1 FROM pending WHERE fresh = 1 LIMIT 1").fetchone() is None:
        return None
    stamp = tick(conn, now)
    device = device_of(stamp)
    conn.execute("UPDATE clock SET merging = 1")
    try:
        touched = {table for (table,) in conn.execute(
            "SELECT DISTINCT tbl FROM pending WHERE fresh = 1")}
        for table, (key, _) in SYNCED.items():
            if table not in touched:
                continue
            key_json = "json_object(" + ", ".join(f"'{c}', {table}.{c}" for c in key) + ")"
            # the rows by their key columns, so that the key's index finds them: a journal of
            # 100,000 entries is not read through to stamp the one a command changed
            columns = ", ".join(key)
            keys = ", ".join(f"json_extract(key, '$.{c}')" for c in key)
            # a row made again where a grave lies (a removal undone) has seen the removal
            conn.execute(
                f"UPDATE {table} SET stamp = ?1, vv = json_set(coalesce({table}.vv, (SELECT vv "
                f"FROM graves WHERE tbl = '{table}' AND key = {key_json}), '{{}}'), "
                f"'$.\"{device}\"', ?1) WHERE ({columns}) IN "
                f"(SELECT {keys} FROM pending WHERE tbl = '{table}' AND fresh = 1)", [stamp])
        # graves dug by this transaction's deletions: what the rows had seen, and the deletion
        for table, key, vv, fresh in conn.execute(
                "SELECT tbl, key, vv, fresh FROM graves WHERE stamp IS NULL").fetchall():
            seen_all = with_change(join(load(vv), load(fresh)), stamp)
            conn.execute("UPDATE graves SET stamp = ?, vv = ?, fresh = NULL WHERE tbl = ? AND "
                         "key = ?", [stamp, dump(seen_all), table, key])
        conn.execute("UPDATE sync_link SET written = written + 1")
        linked = conn.execute("SELECT written FROM sync_link").fetchone()
        if linked is None:
            conn.execute("DELETE FROM pending")  # nowhere to send them
            return None
        conn.execute("UPDATE pending SET fresh = 0")
        return int(linked[0])
    finally:
        conn.execute("UPDATE clock SET merging = 0")
