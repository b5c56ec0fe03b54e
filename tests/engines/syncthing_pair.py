"""Two local Syncthing instances, paired over loopback, for sync tests.

Standard library only.  Typical pytest use::

    import pytest
    from syncthing_pair import SyncthingPair, SyncthingUnavailable, skip_reason

    @pytest.fixture
    def st_pair(tmp_path):
        reason = skip_reason()              # cheap: binary present and runnable?
        if reason:
            pytest.skip(reason)
        pair = SyncthingPair(root=tmp_path / "st")
        try:
            pair.start()                    # raises SyncthingUnavailable on startup trouble
        except SyncthingUnavailable as exc:
            pytest.skip(str(exc))
        try:
            yield pair
        finally:
            pair.stop()

    def test_something(st_pair):
        st_pair.write("a", "hello.txt", "hi")
        st_pair.wait_synced(timeout=30)     # scans both sides, then waits for idle+in sync
        assert st_pair.read("b", "hello.txt") == "hi"

What it does
------------
* ``syncthing generate`` (or legacy ``-generate``) one home dir per side under a
  temp root (``ROOT/a/home``, ``ROOT/b/home``); shared folders are
  ``ROOT/a/share`` and ``ROOT/b/share``.
* Edits ``config.xml`` *before* the first start, so nothing ever binds outside
  127.0.0.1: GUI/REST on ``127.0.0.1:<free port>``, sync protocol only on
  ``tcp://127.0.0.1:<free port>`` (no QUIC), global + local discovery, relays,
  NAT (UPnP/NAT-PMP), STUN, auto-upgrade, usage reporting and crash reporting
  all off.
* Starts both at once with ``--no-browser --no-restart --no-upgrade``, an
  explicit API key, and stdout/stderr captured to ``ROOT/<side>/syncthing.log``.
  (v1.19 still runs a "monitor" parent + the real syncthing child; each
  instance gets its own process group so both can be stopped by pid.)
* Pairs the devices through the REST API (``X-API-Key``) with static addresses
  ``tcp://127.0.0.1:PORT`` and shares one folder (same folder ID, different
  paths) between them, then waits until both see each other connected and the
  (empty) folder is in sync.  Pairing is ordered so only one side dials (see
  ``_pair_and_share``: simultaneous dials can stall 20 s in v1.19).
* ``stop()`` asks both for a graceful ``/rest/system/shutdown``, then SIGTERM,
  then SIGKILL (each bounded) and removes the temp root (unless ``keep=True``
  or env ``SYNCTHING_PAIR_KEEP=1``).  An ``atexit`` hook stops any pair the
  test process forgot about, and PR_SET_PDEATHSIG takes the processes down if
  the test process is SIGKILLed (the temp dir then stays behind).

Environment: ``SYNCTHING_BIN`` (binary to use, default ``syncthing`` on PATH),
``SYNCTHING_PAIR_KEEP=1`` (keep temp dirs + logs for debugging).

Every wait loop is bounded and raises ``SyncthingTimeout`` (a ``TimeoutError``)
with a state dump and the log tails on expiry.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

__all__ = [
    "SyncthingError",
    "SyncthingUnavailable",
    "SyncthingTimeout",
    "SyncthingAPIError",
    "SyncthingInstance",
    "SyncthingPair",
    "find_syncthing",
    "skip_reason",
    "CONFLICT_RE",
]

# --------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------


class SyncthingError(RuntimeError):
    """Base class for everything this module raises."""


class SyncthingUnavailable(SyncthingError):
    """Syncthing is missing or could not be started; str(exc) is a skip reason."""


class SyncthingTimeout(SyncthingError, TimeoutError):
    """A bounded wait expired (the message carries a state dump)."""


class SyncthingAPIError(SyncthingError):
    """Non-2xx answer from the REST API."""

    def __init__(self, method, path, status, body):
        super().__init__(f"{method} {path} -> HTTP {status}: {body.strip()[:300]}")
        self.status = status
        self.body = body


# --------------------------------------------------------------------------
# Small utilities
# --------------------------------------------------------------------------

# Never route loopback REST calls through an http(s)_proxy from the environment.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))

# Proxy variables are removed from the children's environment as well: Syncthing
# honours all_proxy for its outgoing device connections.
_PROXY_VARS = ("http_proxy", "https_proxy", "all_proxy", "no_proxy",
               "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")

# Conflict copies: "name.sync-conflict-20240131-235959-ABCDEF1.ext".
# YYYYMMDD-HHMMSS is when the copy was made (local time of the device that
# made it, not the file's mtime); ABCDEF1 = first 7 chars of a device ID.  The
# copy holds the *losing* content (older mtime), but in v1.19.2 the ID in the
# name was consistently the *winning* device's (the one whose incoming version
# pushed the local file aside).  Tests should match the pattern, not the ID.
CONFLICT_RE = re.compile(r"\.sync-conflict-(\d{8})-(\d{6})-([A-Z2-7]{7})")

# Entries Syncthing keeps in a folder root that are not user data.
_INTERNAL_NAMES = {".stfolder", ".stversions", ".stignore"}
_TMP_RE = re.compile(r"^(\.syncthing\..*\.tmp|~syncthing~.*\.tmp)$")

_ports_handed_out: set[int] = set()
_ports_lock = threading.Lock()


def _free_port() -> int:
    """A TCP port free on 127.0.0.1 right now (not handed out before by us).

    There is an unavoidable race between closing this socket and Syncthing
    binding it; start() detects a failed bind and retries with new ports.
    """
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        with _ports_lock:
            if port not in _ports_handed_out:
                _ports_handed_out.add(port)
                return port
    raise SyncthingError("could not find a free port on 127.0.0.1")


def _wait_until(pred, timeout, what, interval=0.2, describe=None):
    """Poll pred() until truthy (returned) or timeout -> SyncthingTimeout.

    Exceptions raised by pred() count as "not yet" (the last one is reported).
    """
    deadline = time.monotonic() + timeout
    last_exc = None
    while True:
        try:
            val = pred()
            if val:
                return val
            last_exc = None
        except (SyncthingError, OSError, ValueError, KeyError) as exc:
            if isinstance(exc, (SyncthingTimeout, SyncthingUnavailable)):
                raise  # fatal, not "not yet"
            last_exc = exc
        if time.monotonic() >= deadline:
            msg = f"timed out after {timeout:.1f}s waiting for {what}"
            if last_exc is not None:
                msg += f"; last error: {last_exc!r}"
            if describe is not None:
                try:
                    msg += "\n" + describe()
                except Exception as exc:  # never mask the timeout itself
                    msg += f"\n(state dump failed: {exc!r})"
            raise SyncthingTimeout(msg)
        time.sleep(interval)


def _tail(path, n=40) -> str:
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - 16384))
            lines = f.read().decode("utf-8", "replace").splitlines()
        return "\n".join(lines[-n:])
    except OSError as exc:
        return f"(no log: {exc})"


def find_syncthing(binary: str | None = None) -> str | None:
    """Path of the syncthing binary ($SYNCTHING_BIN, then PATH), or None."""
    cand = binary or os.environ.get("SYNCTHING_BIN") or "syncthing"
    if os.sep in cand:
        return cand if os.access(cand, os.X_OK) else None
    return shutil.which(cand)


_cli_cache: dict[str, _Cli] = {}


class _Cli:
    """What the installed binary understands.

    Syncthing >= 1.18 has sub-commands (``syncthing serve --home=...``,
    ``syncthing generate --home=...``); older ones take single-dash flags
    (``syncthing -home=... -generate=DIR``).  Optional flags are passed only if
    the help text lists them, so newer releases that drop a flag still start.
    """

    def __init__(self, binary):
        self.binary = binary
        out = self._run("--version")
        self.version_line = out.strip().splitlines()[0] if out.strip() else "?"
        m = re.search(r"v(\d+)\.(\d+)\.(\d+)", self.version_line)
        self.version = tuple(int(x) for x in m.groups()) if m else (0, 0, 0)
        top = self._run("--help")
        self.subcommands = bool(re.search(r"^\s+serve\b", top, re.M))
        if self.subcommands:
            self.serve_help = self._run("serve", "--help")
            self.gen_help = self._run("generate", "--help")
            self.dash = "--"
        else:
            self.serve_help = self.gen_help = top
            self.dash = "-"

    def _run(self, *args):
        try:
            p = subprocess.run([self.binary, *args], stdin=subprocess.DEVNULL,
                               capture_output=True, timeout=30, env=_child_env())
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SyncthingUnavailable(
                f"cannot run {self.binary} {' '.join(args)}: {exc}") from None
        return (p.stdout + p.stderr).decode("utf-8", "replace")

    def _has(self, helptext, flag):
        return re.search(r"(^|\s)--?" + re.escape(flag) + r"\b", helptext, re.M) is not None

    def generate_cmd(self, home):
        if self.subcommands:
            cmd = [self.binary, "generate", f"--home={home}"]
            for f in ("no-default-folder", "skip-port-probing"):
                if self._has(self.gen_help, f):
                    cmd.append(f"--{f}")
            return cmd
        return [self.binary, f"-generate={home}"]

    def serve_cmd(self, home, gui_addr, api_key):
        d = self.dash
        cmd = [self.binary] + (["serve"] if self.subcommands else [])
        cmd.append(f"{d}home={home}")
        for f in ("no-browser", "no-restart", "no-upgrade", "no-default-folder"):
            if self._has(self.serve_help, f):
                cmd.append(f"{d}{f}")
        if self._has(self.serve_help, "gui-address"):
            cmd.append(f"{d}gui-address=http://{gui_addr}")
        if self._has(self.serve_help, "gui-apikey"):
            cmd.append(f"{d}gui-apikey={api_key}")
        return cmd


def _cli(binary) -> _Cli:
    if binary not in _cli_cache:
        _cli_cache[binary] = _Cli(binary)
    return _cli_cache[binary]


def _child_env(api_key=None):
    env = {k: v for k, v in os.environ.items() if k not in _PROXY_VARS}
    env.update(
        STNODEFAULTFOLDER="1",  # no ~/Sync default folder
        STNOUPGRADE="1",        # never self-upgrade
        STNORESTART="1",        # monitor must not respawn a crashed/killed child
    )
    if api_key:
        env["STGUIAPIKEY"] = api_key
    return env


def skip_reason(binary: str | None = None) -> str | None:
    """None if a usable syncthing binary is present, else a human skip reason.

    Only checks that the binary runs (``--version``); a failure to actually
    start shows up as SyncthingUnavailable from SyncthingPair.start().
    """
    path = find_syncthing(binary)
    if not path:
        return ("syncthing not installed (apt-get install -y syncthing, "
                "or set SYNCTHING_BIN)")
    try:
        cli = _cli(path)
    except SyncthingUnavailable as exc:
        return str(exc)
    if "syncthing" not in cli.version_line.lower():
        return f"{path} --version gave unexpected output: {cli.version_line!r}"
    return None


# Live pairs/instances, stopped (and temp dirs removed) from atexit if a test
# run forgets to.  Nothing helps against SIGKILL of the test process itself;
# PR_SET_PDEATHSIG (see _set_die_with_parent) covers that for the processes.
_live: set[SyncthingInstance] = set()
_live_pairs: set[SyncthingPair] = set()


@atexit.register
def _stop_all_live():
    for pair in list(_live_pairs):
        with contextlib.suppress(Exception):
            pair.stop()
    for inst in list(_live):
        with contextlib.suppress(Exception):
            inst.stop(graceful_timeout=3)


def _set_die_with_parent():
    """preexec_fn: have the kernel SIGTERM the child if the test process dies.

    Linux only (prctl PR_SET_PDEATHSIG); silently ignored elsewhere.  Note it
    fires when the *thread* that spawned the child exits.
    """
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG = 1
    except Exception:
        pass


# --------------------------------------------------------------------------
# One instance
# --------------------------------------------------------------------------


class SyncthingInstance:
    """One Syncthing process with its own home dir, GUI port and listen port."""

    # Options written into config.xml before the first start.  Values are the
    # XML text.  Unknown elements are ignored by Syncthing, so setting an
    # option an older/newer release lacks is harmless.
    OPTIONS = {
        "globalAnnounceEnabled": "false",
        "localAnnounceEnabled": "false",
        "relaysEnabled": "false",
        "natEnabled": "false",
        "urAccepted": "-1",            # usage reporting permanently declined
        "urSeen": "3",                 # and don't nag about it
        "autoUpgradeIntervalH": "0",   # no upgrade checks
        "crashReportingEnabled": "false",
        "startBrowser": "false",
        "announceLANAddresses": "false",
        "stunKeepaliveStartS": "0",    # 0 disables STUN
        "restartOnWakeup": "false",
        "setLowPriority": "false",     # don't renice: faster, less jitter
        "reconnectionIntervalS": "5",  # default 60: slow to recover a dial
        "progressUpdateIntervalS": "-1",
        "keepTemporariesH": "0",
    }

    def __init__(self, name: str, root: Path, binary: str, api_key: str | None = None):
        self.name = name
        self.root = Path(root)
        self.home = self.root / "home"
        self.share = self.root / "share"
        self.log_path = self.root / "syncthing.log"
        self.binary = binary
        self.api_key = api_key or ("st-test-" + os.urandom(12).hex())
        self.gui_port = None
        self.listen_port = None
        self.device_id = None
        self.proc: subprocess.Popen | None = None
        self._log_fh = None
        self._shutdown_requested = False

    # ----- addresses -----------------------------------------------------
    @property
    def gui_addr(self):
        return f"127.0.0.1:{self.gui_port}"

    @property
    def listen_addr(self):
        return f"tcp://127.0.0.1:{self.listen_port}"

    def __repr__(self):
        return (f"<SyncthingInstance {self.name} pid={self.proc and self.proc.pid} "
                f"gui={self.gui_port} listen={self.listen_port} id={self.device_id}>")

    # ----- REST ------------------------------------------------------------
    def api(self, method, path, body=None, params=None, timeout=15.0):
        """Call the REST API; returns parsed JSON (or text, or None if empty)."""
        url = f"http://{self.gui_addr}{path}"
        if params:
            url += "?" + urllib.parse.urlencode(params)
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(url, data=data, method=method,
                                     headers={"X-API-Key": self.api_key})
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with _OPENER.open(req, timeout=timeout) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as exc:
            raise SyncthingAPIError(method, path, exc.code,
                                    exc.read().decode("utf-8", "replace")) from None
        except (TimeoutError, urllib.error.URLError, ConnectionError) as exc:
            raise SyncthingError(f"{self.name}: {method} {path}: {exc}") from None
        if not raw:
            return None
        try:
            return json.loads(raw)
        except ValueError:
            return raw.decode("utf-8", "replace")

    def get(self, path, **params):
        return self.api("GET", path, params=params or None)

    # ----- lifecycle -------------------------------------------------------
    def generate(self):
        """Create home dir with cert/key/config.xml (no default folder)."""
        self.home.mkdir(parents=True, exist_ok=True)
        self.share.mkdir(parents=True, exist_ok=True)
        cmd = _cli(self.binary).generate_cmd(self.home)
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=60, env=_child_env())
        out = (p.stdout + p.stderr).decode("utf-8", "replace")
        with open(self.log_path, "a") as f:
            f.write(f"$ {' '.join(map(str, cmd))}\n{out}\n")
        if p.returncode != 0 or not (self.home / "config.xml").exists():
            raise SyncthingUnavailable(
                f"'{' '.join(map(str, cmd))}' failed (rc={p.returncode}): {out.strip()[-500:]}")
        m = re.search(r"Device ID:\s*([A-Z0-9-]{50,})", out)
        if m:
            self.device_id = m.group(1)

    def write_config(self):
        """Pin GUI + listen addresses to loopback and switch off all outreach."""
        cfg = self.home / "config.xml"
        tree = ET.parse(cfg)
        root = tree.getroot()

        gui = root.find("gui")
        if gui is None:
            gui = ET.SubElement(root, "gui", enabled="true", tls="false")
        gui.set("enabled", "true")
        gui.set("tls", "false")
        _set_child(gui, "address", self.gui_addr)
        _set_child(gui, "apikey", self.api_key)

        opts = root.find("options")
        if opts is None:
            opts = ET.SubElement(root, "options")
        # listenAddress may appear several times ("default" expands to
        # tcp://0.0.0.0:22000 + quic://0.0.0.0:22000 + dynamic relays).
        for el in opts.findall("listenAddress"):
            opts.remove(el)
        ET.SubElement(opts, "listenAddress").text = self.listen_addr
        for key, val in self.OPTIONS.items():
            _set_child(opts, key, val)
        # Don't refuse to sync on nearly-full CI disks (default 1 %).
        _set_child(opts, "minHomeDiskFree", "0").set("unit", "%")
        tree.write(cfg, encoding="utf-8")

    def start(self, timeout=60.0, die_with_parent=True):
        """Start the process and wait until REST answers (bounded)."""
        self.spawn(die_with_parent)
        return self.wait_ready(timeout)

    def spawn(self, die_with_parent=True):
        """Start the process (don't wait); output goes to self.log_path."""
        if self._log_fh is not None:
            self._log_fh.close()
        cmd = _cli(self.binary).serve_cmd(self.home, self.gui_addr, self.api_key)
        self._log_fh = open(self.log_path, "ab", buffering=0)  # noqa: SIM115 (open while the process runs)
        self._log_fh.write(f"$ {' '.join(map(str, cmd))}\n".encode())
        kwargs = dict(stdin=subprocess.DEVNULL, stdout=self._log_fh,
                      stderr=subprocess.STDOUT, env=_child_env(self.api_key),
                      cwd=str(self.root), start_new_session=True)
        if die_with_parent and sys.platform.startswith("linux"):
            kwargs["preexec_fn"] = _set_die_with_parent
        try:
            self.proc = subprocess.Popen(cmd, **kwargs)
        except OSError as exc:
            raise SyncthingUnavailable(f"cannot exec {cmd[0]}: {exc}") from None
        _live.add(self)

    def wait_ready(self, timeout=60.0):
        """Wait (bounded) until REST answers; return /rest/system/status."""

        def ready():
            if self.proc.poll() is not None:
                raise SyncthingUnavailable(
                    f"{self.name}: syncthing exited with rc={self.proc.returncode} "
                    f"during startup; log tail:\n{_tail(self.log_path)}")
            return self.api("GET", "/rest/system/ping", timeout=2).get("ping") == "pong"

        try:
            _wait_until(ready, timeout, f"{self.name} REST API on {self.gui_addr}",
                        interval=0.1)
        except SyncthingTimeout as exc:
            raise SyncthingUnavailable(f"{exc}\nlog tail:\n{_tail(self.log_path)}") from None
        status = self.get("/rest/system/status")
        self.device_id = status["myID"]
        return status

    def listener_error(self, status=None):
        """None when the sync listener is up, else the error text."""
        status = status or self.get("/rest/system/status")
        svc = status.get("connectionServiceStatus") or {}
        entry = svc.get(self.listen_addr)
        if entry is None:
            return f"no listener for {self.listen_addr} (have {list(svc)})"
        return entry.get("error")

    def pids(self):
        """[monitor pid, syncthing pid(s)...] of this instance, while running.

        Syncthing 1.x runs as two processes even with --no-restart: a
        "monitor" parent (the pid we spawned) and the real syncthing child
        that owns the sockets and the database.
        """
        if self.proc is None or self.proc.poll() is not None:
            return []
        return [self.proc.pid] + _descendants(self.proc.pid)

    def request_shutdown(self):
        """Ask for a graceful exit (POST /rest/system/shutdown); don't wait."""
        self._shutdown_requested = True
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(SyncthingError):
                self.api("POST", "/rest/system/shutdown", timeout=3)

    def stop(self, graceful_timeout=10.0):
        """Graceful REST shutdown, then SIGTERM, then SIGKILL; all bounded.

        The process was started in its own session/process group
        (start_new_session=True), so the last resort signals that group by
        its id: it catches the monitor's child too, and nothing else.
        """
        proc = self.proc
        if proc is not None and proc.poll() is None:
            if not self._shutdown_requested:
                self.request_shutdown()
            try:
                proc.wait(timeout=graceful_timeout)
            except subprocess.TimeoutExpired:
                self._signal_group(signal.SIGTERM)
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self._signal_group(signal.SIGKILL)
                    proc.wait(timeout=5)
        if proc is not None:
            # The monitor has exited; make sure no orphaned child survives it.
            self._signal_group(signal.SIGKILL)
        _live.discard(self)
        self._shutdown_requested = False
        if self._log_fh is not None:
            self._log_fh.close()
            self._log_fh = None

    def _signal_group(self, sig):
        """Signal every process still in the group we created, by pid.

        Members are found in /proc (pgrp field == our leader's pid), so once
        the leader is reaped we never signal a stranger that reused its pid.
        """
        members = _group_members(self.proc.pid)
        if members is None:  # no /proc: only safe while the leader is unreaped
            if self.proc.poll() is None:
                with contextlib.suppress(OSError):
                    os.killpg(self.proc.pid, sig)
            return
        for pid in members:
            with contextlib.suppress(OSError):
                os.kill(pid, sig)

    # ----- diagnostics -------------------------------------------------------
    def bound_sockets(self):
        """[(proto, ip, port)] of sockets the process has bound (Linux /proc).

        TCP: listening sockets only; UDP: all bound sockets.  None if /proc is
        not usable.  Lets a test assert that nothing is bound beyond loopback.
        """
        if self.proc is None or self.proc.poll() is not None:
            return []
        try:
            inodes = set()
            for pid in self.pids():
                fd_dir = f"/proc/{pid}/fd"
                try:
                    fds = os.listdir(fd_dir)
                except OSError:
                    continue
                for fd in fds:
                    try:
                        link = os.readlink(f"{fd_dir}/{fd}")
                    except OSError:
                        continue
                    if link.startswith("socket:["):
                        inodes.add(link[8:-1])
            out = []
            for proto in ("tcp", "tcp6", "udp", "udp6"):
                try:
                    with open(f"/proc/net/{proto}") as f:
                        rows = f.read().splitlines()[1:]
                except OSError:
                    continue
                for row in rows:
                    cols = row.split()
                    if cols[9] not in inodes:
                        continue
                    if proto.startswith("tcp") and cols[3] != "0A":  # LISTEN
                        continue
                    ip_hex, port_hex = cols[1].split(":")
                    out.append((proto, _proc_ip(ip_hex), int(port_hex, 16)))
            return out
        except OSError:
            return None


def _descendants(pid):
    """pids of all live descendants of pid (Linux /proc; [] elsewhere)."""
    stats = _proc_stats() or {}
    children = {}
    for p, (ppid, _) in stats.items():
        children.setdefault(ppid, []).append(p)
    out, todo = [], [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out


def _proc_stats():
    """{pid: (ppid, pgrp)} from /proc, or None if /proc is unusable."""
    try:
        entries = os.listdir("/proc")
    except OSError:
        return None
    out = {}
    for e in entries:
        if not e.isdigit():
            continue
        try:
            with open(f"/proc/{e}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        # "pid (comm) state ppid pgrp ..." -- comm may contain spaces/parens
        fields = stat.rsplit(")", 1)[1].split()
        out[int(e)] = (int(fields[1]), int(fields[2]))
    return out


def _group_members(pgid):
    stats = _proc_stats()
    if stats is None:
        return None
    return [pid for pid, (_, pgrp) in stats.items() if pgrp == pgid]


def _proc_ip(h):
    """Decode the little-endian hex IP of /proc/net/{tcp,udp}[6]."""
    b = bytes.fromhex(h)
    if len(b) == 4:
        return socket.inet_ntop(socket.AF_INET, b[::-1])
    words = b"".join(b[i:i + 4][::-1] for i in range(0, 16, 4))
    return socket.inet_ntop(socket.AF_INET6, words)


def _set_child(parent, tag, text):
    el = parent.find(tag)
    if el is None:
        el = ET.SubElement(parent, tag)
    el.text = text
    return el


# --------------------------------------------------------------------------
# The pair
# --------------------------------------------------------------------------


class SyncthingPair:
    """Two paired Syncthing instances sharing one folder.

    Sides are addressed as "a" / "b" (or the SyncthingInstance objects
    ``pair.a`` / ``pair.b``).  Folder paths: ``pair.a.share``, ``pair.b.share``.

    Parameters
    ----------
    root : directory to put everything in (created; default: a new temp dir).
           Removed on stop() unless keep=True / SYNCTHING_PAIR_KEEP=1.  A
           caller-supplied root is emptied of our a/ and b/ subdirs only.
    folder_id : shared folder ID.
    watcher : enable the filesystem watcher (fsWatcherDelayS = watcher_delay).
              Tests should still prefer wait_synced(scan=True), which forces
              a rescan and does not depend on inotify.
    rescan_interval : periodic full rescan interval in seconds (0 = never).
    start_timeout : bound for generate + process start + pairing + first sync.
    """

    def __init__(self, root=None, folder_id="testshare", binary=None, *,
                 watcher=True, watcher_delay=1, rescan_interval=3600,
                 start_timeout=60.0, keep=None, die_with_parent=True,
                 start_attempts=3):
        self.binary = find_syncthing(binary)
        self._own_root = root is None
        self.root = Path(root) if root is not None else None
        self.folder_id = folder_id
        self.watcher = watcher
        self.watcher_delay = watcher_delay
        self.rescan_interval = rescan_interval
        self.start_timeout = start_timeout
        self.keep = (os.environ.get("SYNCTHING_PAIR_KEEP", "") not in ("", "0")
                     if keep is None else keep)
        self.die_with_parent = die_with_parent
        self.start_attempts = start_attempts
        self.a: SyncthingInstance | None = None
        self.b: SyncthingInstance | None = None
        self.timings: dict[str, float] = {}

    # ----- context manager -------------------------------------------------
    def __enter__(self):
        self.start()
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and self.a is not None:
            # Surface the logs where pytest/CI will show them.
            sys.stderr.write(self.debug_dump() + "\n")
        self.stop()
        return False

    # ----- helpers ---------------------------------------------------------
    def side(self, s) -> SyncthingInstance:
        if isinstance(s, SyncthingInstance):
            return s
        return {"a": self.a, "b": self.b}[s]

    def other(self, s) -> SyncthingInstance:
        inst = self.side(s)
        return self.b if inst is self.a else self.a

    @property
    def sides(self):
        return (self.a, self.b)

    # ----- start / stop ----------------------------------------------------
    def start(self):
        """Generate, start, pair, share, wait connected + synced.

        Raises SyncthingUnavailable (use str(exc) as a pytest skip reason) for
        anything that goes wrong up to and including the first connection.
        On any failure everything started so far is stopped again.
        """
        if not self.binary:
            raise SyncthingUnavailable(skip_reason() or "syncthing not found")
        reason = skip_reason(self.binary)
        if reason:
            raise SyncthingUnavailable(reason)
        t0 = time.monotonic()
        _live_pairs.add(self)
        if self.root is None:
            self.root = Path(tempfile.mkdtemp(prefix="stpair-"))
        self.root.mkdir(parents=True, exist_ok=True)
        try:
            self.a = SyncthingInstance("a", self.root / "a", self.binary)
            self.b = SyncthingInstance("b", self.root / "b", self.binary)
            for inst in self.sides:
                inst.generate()
            self.timings["generate"] = time.monotonic() - t0
            self._start_instances()
            self.timings["processes_up"] = time.monotonic() - t0
            self._pair_and_share()
            try:
                self.wait_connected(timeout=max(5.0, self.start_timeout - (time.monotonic() - t0)))
            except SyncthingTimeout as exc:
                raise SyncthingUnavailable(f"instances did not connect: {exc}") from None
            self.timings["connected"] = time.monotonic() - t0
            self._finish_static_addresses()
            self.wait_synced(timeout=max(10.0, self.start_timeout - (time.monotonic() - t0)))
            self.timings["ready"] = time.monotonic() - t0
        except BaseException:
            # Don't leak processes when start fails half-way.
            dump = self.debug_dump() if self.a is not None else ""
            self.stop()
            if dump:
                sys.stderr.write(dump + "\n")
            raise
        return self

    def _start_instances(self):
        """Pick ports, write configs, start both at once; wait until up.

        Both processes start in parallel (each spends ~1.5 s on a hashing
        benchmark and database setup).  Free ports are picked just before the
        start, so another process can grab one in between: an instance that
        fails to bind is retried with new ports, up to start_attempts times.
        """
        pending = [self.a, self.b]
        for attempt in range(1, self.start_attempts + 1):
            for inst in pending:
                inst.gui_port, inst.listen_port = _free_port(), _free_port()
                inst.write_config()
                inst.spawn(die_with_parent=self.die_with_parent)
            retry = []
            for inst in pending:
                try:
                    status = inst.wait_ready(timeout=self.start_timeout)
                    self._check_listener(inst, status)
                except SyncthingUnavailable:
                    inst.stop(graceful_timeout=2)
                    in_use = "address already in use" in _tail(inst.log_path, 80)
                    if in_use and attempt < self.start_attempts:
                        retry.append(inst)
                        continue
                    raise
            pending = retry
            if not pending:
                return

    @staticmethod
    def _check_listener(inst, status):
        """The sync listener failing to bind is not fatal to Syncthing, but is to us."""
        deadline = time.monotonic() + 10
        while True:
            err = inst.listener_error(status)
            if not err:
                return
            if time.monotonic() >= deadline:
                raise SyncthingUnavailable(f"{inst.name}: sync listener {inst.listen_addr}: {err}")
            time.sleep(0.2)
            status = inst.get("/rest/system/status")

    def _pair_and_share(self):
        """Add each device to the other with a static address; share the folder.

        Ordering matters (v1.19, and probably any 1.x): each instance handles
        new connections one at a time, including the Hello exchange (20 s
        timeout).  If A and B dial each other at the same moment, each one's
        handler waits for a Hello the other has queued behind its own dial:
        a cross deadlock that only the 20 s timeout breaks (seen in ~2 of 15
        starts).  So only A dials: B first learns A with no address it could
        dial ("dynamic", and discovery is off), A then learns B with B's
        static address and connects at once, and B gets A's static address
        only once they are connected (a connected device is not re-dialled).
        """
        a, b = self.a, self.b
        self._add_device(b, a, addresses=["dynamic"])
        self._add_device(a, b, addresses=[b.listen_addr])
        for me, peer in ((a, b), (b, a)):
            fol = _defaults(me, "folder")
            fol.update(
                id=self.folder_id, label=self.folder_id, path=str(me.share),
                type="sendreceive", paused=False,
                devices=[{"deviceID": me.device_id}, {"deviceID": peer.device_id}],
                rescanIntervalS=self.rescan_interval,
                fsWatcherEnabled=bool(self.watcher),
                fsWatcherDelayS=self.watcher_delay,
                minDiskFree={"value": 0, "unit": "%"},
            )
            me.api("POST", "/rest/config/folders", fol)

    def _add_device(self, me, peer, addresses):
        dev = _defaults(me, "device")
        dev.update(deviceID=peer.device_id, name=f"peer-{peer.name}",
                   addresses=addresses, autoAcceptFolders=False,
                   paused=False, introducer=False)
        me.api("POST", "/rest/config/devices", dev)

    def _finish_static_addresses(self):
        """Give B the static address of A too (after they are connected)."""
        self.b.api("PATCH", f"/rest/config/devices/{self.a.device_id}",
                   {"addresses": [self.a.listen_addr]})

    def stop(self):
        """Stop both processes (bounded) and remove the temp tree (unless keep).

        Idempotent; safe to call after a failed or partial start.
        """
        _live_pairs.discard(self)
        for inst in (self.a, self.b):  # both shut down in parallel
            if inst is not None:
                inst.request_shutdown()
        for inst in (self.a, self.b):
            if inst is not None:
                try:
                    inst.stop()
                except Exception as exc:  # keep going: the other one must stop too
                    sys.stderr.write(f"syncthing_pair: stopping {inst.name}: {exc!r}\n")
        if self.root is not None and not self.keep:
            if self._own_root:
                shutil.rmtree(self.root, ignore_errors=True)
            else:
                for sub in ("a", "b"):
                    shutil.rmtree(self.root / sub, ignore_errors=True)
        elif self.root is not None:
            sys.stderr.write(f"syncthing_pair: kept {self.root}\n")

    # ----- waiting ---------------------------------------------------------
    def connected(self) -> bool:
        """True when each side reports the other as connected."""
        for me, peer in ((self.a, self.b), (self.b, self.a)):
            conns = me.get("/rest/system/connections").get("connections", {})
            if not conns.get(peer.device_id, {}).get("connected"):
                return False
        return True

    def wait_connected(self, timeout=30.0):
        _wait_until(self.connected, timeout, "both instances connected",
                    interval=0.2, describe=self.debug_dump)

    def scan(self, side=None, sub=None):
        """Force a (blocking) rescan on one side or both; sub = relative path."""
        for inst in ([self.side(side)] if side else self.sides):
            params = {"folder": self.folder_id}
            if sub:
                params["sub"] = sub
            inst.api("POST", "/rest/db/scan", params=params, timeout=120)

    def folder_status(self, side):
        return self.side(side).get("/rest/db/status", folder=self.folder_id)

    def completion(self, side):
        """How complete the *peer* is, as seen from `side`."""
        inst = self.side(side)
        return inst.get("/rest/db/completion", folder=self.folder_id,
                        device=self.other(inst).device_id)

    _GLOBAL_KEYS = ("globalFiles", "globalDirectories", "globalSymlinks",
                    "globalDeleted", "globalBytes")

    def in_sync(self) -> bool:
        """One poll: both idle, nothing needed, peer 100 %, same global view."""
        st = {}
        for inst in self.sides:
            s = self.folder_status(inst)
            if s.get("state") != "idle":
                return False
            need = s.get("needTotalItems")
            if need is None:
                need = sum(s.get(k, 0) for k in ("needFiles", "needDirectories",
                                                  "needSymlinks", "needDeletes"))
            if need or s.get("errors") or s.get("pullErrors"):
                return False
            c = self.completion(inst)
            if c.get("completion") != 100 or c.get("needItems", 0) or c.get("needDeletes", 0):
                return False
            if c.get("remoteState", "valid") not in ("valid", None):
                return False
            st[inst.name] = s
        return all(st["a"].get(k) == st["b"].get(k) for k in self._GLOBAL_KEYS)

    def wait_synced(self, timeout=30.0, scan=True, stable_polls=2, interval=0.2):
        """Bounded wait until both sides are idle and in sync.

        scan=True first forces a rescan on both sides (retried inside the loop
        if a side is still starting), so changes written just before the call
        are picked up without relying on the watcher.  The condition must hold
        on `stable_polls` consecutive polls.  Raises SyncthingTimeout with a
        state dump if it does not happen within `timeout` seconds.
        """
        t0 = time.monotonic()
        pending_scan = set(["a", "b"]) if scan else set()
        streak = [0]

        def pred():
            for name in list(pending_scan):
                try:
                    self.scan(name)
                    pending_scan.discard(name)
                except SyncthingError:
                    pass  # e.g. folder still starting after resume; retry
            if pending_scan or not self.in_sync():
                streak[0] = 0
                return False
            streak[0] += 1
            return streak[0] >= stable_polls

        _wait_until(pred, timeout, f"folder {self.folder_id!r} in sync on both sides",
                    interval=interval, describe=self.debug_dump)
        return time.monotonic() - t0

    def _set_paused(self, paused: bool, timeout: float):
        for inst in self.sides:
            inst.api("PATCH", f"/rest/config/folders/{self.folder_id}", {"paused": paused})

        def done():
            for inst in self.sides:
                cfg = inst.get(f"/rest/config/folders/{self.folder_id}")
                if bool(cfg.get("paused")) != paused:
                    return False
                # v1.19 reports a paused folder as state "" (and /rest/db/completion
                # answers 404 "folder is paused"); other versions say "paused" or
                # answer an error.  A running folder has a non-empty state.
                try:
                    state = self.folder_status(inst).get("state") or ""
                except SyncthingAPIError:
                    state = ""
                is_paused = state in ("", "paused")
                if is_paused != paused:
                    return False
            return True

        _wait_until(done, timeout, f"folder {'paused' if paused else 'resumed'} on both sides",
                    describe=self.debug_dump)

    def pause_folder(self, timeout=15.0):
        """Pause the shared folder on both sides (they stop exchanging it)."""
        self._set_paused(True, timeout)

    def resume_folder(self, timeout=15.0):
        """Unpause on both sides. Follow with wait_synced() to let them converge."""
        self._set_paused(False, timeout)

    # ----- files -------------------------------------------------------------
    def path(self, side, rel="") -> Path:
        return self.side(side).share / rel

    def write(self, side, rel, data, mtime=None):
        """Write text/bytes to side's folder; optional explicit mtime (epoch s)."""
        p = self.path(side, rel)
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_name(p.name + ".stpair-writing")
        # write then rename, so a scan never sees half a file
        tmp.write_bytes(data.encode() if isinstance(data, str) else data)
        if mtime is not None:
            os.utime(tmp, (mtime, mtime))
        os.replace(tmp, p)
        return p

    def read(self, side, rel, binary=False):
        p = self.path(side, rel)
        return p.read_bytes() if binary else p.read_text()

    def files(self, side):
        """Sorted relative paths of user files (no .stfolder, temp files...)."""
        base = self.side(side).share
        out = []
        for dirpath, dirnames, filenames in os.walk(base):
            if Path(dirpath) == base:
                dirnames[:] = [d for d in dirnames if d not in _INTERNAL_NAMES]
            for fn in filenames:
                if fn in _INTERNAL_NAMES or _TMP_RE.match(fn) or fn.endswith(".stpair-writing"):
                    continue
                out.append(os.path.relpath(os.path.join(dirpath, fn), base))
        return sorted(out)

    def conflicts(self, side):
        """Relative paths of .sync-conflict-* copies on that side."""
        return [f for f in self.files(side) if CONFLICT_RE.search(f)]

    def wait_file(self, side, rel, content=None, timeout=30.0):
        """Wait until side has rel (with that content, if given)."""
        p = self.path(side, rel)
        want = content.encode() if isinstance(content, str) else content

        def ok():
            if not p.is_file():
                return False
            return want is None or p.read_bytes() == want

        _wait_until(ok, timeout, f"{rel!r} on side {self.side(side).name}",
                    describe=self.debug_dump)

    # ----- diagnostics ---------------------------------------------------------
    def debug_dump(self) -> str:
        """Folder state, connections and log tails, for failure messages."""
        lines = []
        for inst in (self.a, self.b):
            if inst is None:
                continue
            lines.append(f"--- {inst!r}")
            if inst.proc is not None and inst.proc.poll() is None:
                for label, fn in (
                    ("status", lambda inst=inst: {k: v for k, v in
                                                  self.folder_status(inst).items()
                                        if k in ("state", "stateChanged", "needTotalItems",
                                                 "errors", "pullErrors", "sequence",
                                                 "localFiles") + self._GLOBAL_KEYS}),
                    ("completion(peer)", lambda inst=inst: self.completion(inst)),
                    ("connected", lambda inst=inst: {k[:7]: v.get("connected") for k, v in
                                           inst.get("/rest/system/connections")
                                           .get("connections", {}).items()}),
                    ("folder errors", lambda inst=inst: inst.get("/rest/folder/errors",
                                                       folder=self.folder_id)),
                ):
                    try:
                        lines.append(f"{label}: {json.dumps(fn(), default=str)[:600]}")
                    except Exception as exc:
                        lines.append(f"{label}: ({exc})")
            lines.append(f"log {inst.log_path} (tail):\n{_tail(inst.log_path, 25)}")
        return "\n".join(lines)


def _defaults(inst: SyncthingInstance, kind: str) -> dict:
    """Template object for a new device/folder (/rest/config/defaults/*, v1.12+)."""
    try:
        d = inst.get(f"/rest/config/defaults/{kind}")
        if isinstance(d, dict):
            return d
    except SyncthingAPIError:
        pass
    return {}
