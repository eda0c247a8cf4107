"""One batch case in a process of its own, so that nothing a case does can stop the batch: an
exception, a dying interpreter or a run past --case-timeout each become that case's entry.

The process is a new interpreter (`python -m agent.nightly.isolation FD`) that reads the pickled
work on stdin and writes its pickled result to FD, so nothing the case prints can garble it, and
so it can start from anywhere, a Dask worker's daemonic process included. A case past its time
gets SIGTERM, which raises in it like Ctrl-C so every `finally` runs (the runner's process group
is killed, the ephemeral stack and the work folder removed), then SIGKILL if it is still there
after a grace period."""

from __future__ import annotations

import os
import pickle
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STOP_GRACE_S = 15.0  # a stopped case's time to clean up before it is killed
TIMEOUT = "timeout"
PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


class CaseStopped(KeyboardInterrupt):
    """SIGTERM in a case process: raised like Ctrl-C so that cleanup runs."""


def _stop(signum: int, frame) -> None:
    raise CaseStopped(signal.Signals(signum).name)


@dataclass(frozen=True)
class Stopped:
    """A case process that gave no result: it died, or ran past its time and was stopped."""

    why: str
    timed_out: bool
    duration_s: float

    def remaining_error(self) -> dict[str, Any]:
        """summary.json's remaining_error for a case past its time: kind "timeout"."""
        return {"kind": TIMEOUT, "message": self.why, "file": None, "line": None}


def timed_out(timeout_s: float | None, duration_s: float) -> Stopped:
    return Stopped(f"the case ran past --case-timeout {timeout_s:g}s and was stopped", True, duration_s)


def died(code: int, duration_s: float) -> Stopped:
    how = f"killed by {signal.Signals(-code).name}" if code < 0 else f"exit code {code}"
    return Stopped(f"the case process died without a result ({how})", False, duration_s)


def read_all(fd: int, deadline: float | None) -> tuple[bytes, bool]:
    """Everything written to fd until its writers close it; (data, closed before the deadline)."""
    chunks = []
    while True:
        left = None if deadline is None else max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            return b"".join(chunks), False
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks), True
        chunks.append(chunk)


def run_isolated(work: Callable[[], dict[str, Any]], timeout_s: float | None = None) -> dict[str, Any] | Stopped:
    """work() (picklable: a module-level function or a partial of one) in a new interpreter: its
    result, or how the process ended without one."""
    started = time.monotonic()
    read_fd, write_fd = os.pipe()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [PACKAGE_ROOT, os.environ.get("PYTHONPATH")]))}
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "agent.nightly.isolation", str(write_fd)], stdin=subprocess.PIPE, pass_fds=(write_fd,), env=env
        )
    finally:
        os.close(write_fd)
    try:
        process.stdin.write(pickle.dumps(work))
        process.stdin.close()
        data, closed = read_all(read_fd, None if timeout_s is None else started + timeout_s)
        if not closed:
            return timed_out(timeout_s, time.monotonic() - started)
        code = process.wait(STOP_GRACE_S)  # it ends by itself once it has answered
        return pickle.loads(data) if data else died(code, time.monotonic() - started)
    except (BrokenPipeError, subprocess.TimeoutExpired, pickle.UnpicklingError, EOFError):
        return died(process.poll() or 0, time.monotonic() - started)
    finally:
        os.close(read_fd)
        end(process)


def end(process: subprocess.Popen) -> None:
    """Stop the process if it still runs (SIGTERM, then SIGKILL after the grace period) and reap it."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            process.kill()
    process.wait()


def main(result_fd: int) -> None:
    """In the case process: run the pickled work from stdin, write its pickled result to result_fd."""
    signal.signal(signal.SIGTERM, _stop)
    work = pickle.loads(sys.stdin.buffer.read())
    try:
        result = work()
    except CaseStopped:
        return
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # done: the process may end quietly
    with os.fdopen(result_fd, "wb") as pipe:
        pipe.write(pickle.dumps(result))


if __name__ == "__main__":
    main(int(sys.argv[1]))
