"""Run a command in a session of its own, and take down everything it started when it ends.

`dagster dev` starts a webserver, a daemon and code servers. Killing only the
process we started leaves those running (and holding the port), so the child
gets its own session: signals we receive are forwarded to it, and when it ends,
whatever is left in its session is stopped too. Linux only (reads /proc).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def processes() -> dict[int, tuple[int, int, str]]:
    """Every process on the machine: pid → (parent pid, session id, state letter), from /proc."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        state, ppid, _group, session = stat[stat.rindex(")") + 2 :].split()[:4]
        found[int(entry.name)] = (int(ppid), int(session), state)
    return found


def session_members(session: int) -> list[int]:
    """Live processes (zombies excluded) whose session id is `session`."""
    return [pid for pid, (_, sid, state) in processes().items() if sid == session and state != "Z"]


def stop_session(session: int, grace: float = 5.0) -> None:
    """SIGTERM every process left in the session, then SIGKILL those still there after `grace` s."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, grace)):
        members = session_members(session)
        if not members:
            return
        for pid in members:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, sig)
        deadline = time.monotonic() + wait
        while session_members(session) and time.monotonic() < deadline:
            time.sleep(0.1)


def run_supervised(command: Sequence[str], *, env: Mapping[str, str], cwd: Path, grace: float = 20.0) -> int:
    """Run `command` to its end; SIGINT/SIGTERM/SIGHUP are passed on, and after `grace` s the
    session is killed. Returns the child's exit status (128 + signal when we were stopped)."""
    received: list[int] = []
    started: list[subprocess.Popen] = []

    def forward(signum: int, _frame: object) -> None:
        received.append(signum)
        for child in started:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child.pid, signum)

    # handlers first: the child then starts with default ones (an inherited "ignore SIGINT",
    # as in a background job, would make `dagster dev` deaf to SIGTERM, which it maps to SIGINT)
    previous = {sig: signal.signal(sig, forward) for sig in FORWARDED}
    try:
        child = subprocess.Popen(list(command), env=dict(env), cwd=cwd, start_new_session=True)
    except BaseException:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        raise
    started.append(child)
    try:
        deadline: float | None = None
        while child.poll() is None:
            if received and deadline is None:
                deadline = time.monotonic() + grace
            if deadline is not None and time.monotonic() > deadline:
                stop_session(child.pid, grace=1.0)
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=0.2)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if child.poll() is None:
            child.kill()
            child.wait()
        stop_session(child.pid)
    return 128 + received[0] if received else child.returncode
