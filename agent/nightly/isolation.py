"""One batch case in a process of its own, so that nothing a case does can stop the batch: an
exception, a dying interpreter or a run past --case-timeout each become that case's entry.

A case past its time gets SIGTERM, which raises in it like Ctrl-C so every `finally` runs (the
runner's process group is killed, the ephemeral stack and the work folder removed), then SIGKILL
if it is still there after a grace period."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing import get_context
from typing import Any

STOP_GRACE_S = 15.0  # a stopped case's time to clean up before it is killed
TIMEOUT = "timeout"


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


def _child(send, work: Callable[[], dict[str, Any]]) -> None:
    signal.signal(signal.SIGTERM, _stop)
    try:
        result = work()
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # done: the process may end quietly
        send.send(result)
    except CaseStopped:
        pass
    finally:
        send.close()


def run_isolated(work: Callable[[], dict[str, Any]], timeout_s: float | None = None) -> dict[str, Any] | Stopped:
    """work() (picklable: a module-level function or a partial of one) in a fresh spawned process:
    its result, or how the process ended without one."""
    started = time.monotonic()
    context = get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(send, work))
    try:
        process.start()
        send.close()
        if not receive.poll(timeout_s):
            _end(process)
            return Stopped(f"the case ran past --case-timeout {timeout_s:g}s and was stopped", True, time.monotonic() - started)
        try:
            result = receive.recv()
            process.join(STOP_GRACE_S)  # it ends by itself once it has answered
            return result
        except EOFError:  # the process died without a word
            process.join()
            return Stopped(f"the case process died (exit code {process.exitcode})", False, time.monotonic() - started)
    finally:
        _end(process)
        receive.close()


def _end(process) -> None:
    """Stop the process if it still runs (SIGTERM, then SIGKILL after the grace period) and reap it."""
    if process.pid is None:
        return
    if process.is_alive():
        process.terminate()
        process.join(STOP_GRACE_S)
    if process.is_alive():
        process.kill()
    process.join()
