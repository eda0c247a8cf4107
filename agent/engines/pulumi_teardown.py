"""Stopping the pulumi CLI and tearing a stack down, in the order that never corrupts state.

On a timeout or a signal: this run's own CLI child is interrupted first (SIGINT, a grace period, then
SIGKILL), and only then may a lock be cancelled, and only a lock whose owner process (pid and host)
is dead: `pulumi cancel` on a file backend deletes every lock, the live update's included. Destroy
is retried on throttling and DependencyViolation; what cannot be destroyed, and what an interrupted
update had in flight, is reported as a `Leak` instead of lost.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pulumi import automation as auto
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential

from agent.core import run_defaults
from agent.core.errors import ErrorKind
from agent.engines.base import Leak, StackLeaked
from agent.engines.events import command_stderr, error_from_stderr

log = logging.getLogger(__name__)

T = TypeVar("T")
# pkg/backend/diy/lock.go (checkForLock): "<url>: created by <user>@<host> (pid <pid>) at <time>"
LOCK_OWNER = re.compile(r"created by (?P<user>[^@\s]*)@(?P<host>\S+) \(pid (?P<pid>\d+)\)")
STACK_TYPE = "pulumi:pulumi:Stack"
KILL_WAIT_S = 5.0  # after SIGKILL: the process is gone and reaped (by the SDK's Popen.wait) within this


class OperationTimeout(Exception):
    def __init__(self, operation: str, timeout_s: float):
        super().__init__(f"pulumi {operation} timed out after {timeout_s:g}s and was cancelled")
        self.operation = operation


class StackCleanupError(StackLeaked):
    """Destroying an ephemeral stack failed; its state is kept so `remediate gc` can retry."""


# ---- one operation: timeout, interrupt, stale lock --------------------------------
def call_with_retry(stack: auto.Stack, operation: str, call: Callable[[], T], timeout_s: float, grace_s: float) -> T:
    """Run one operation; a lock left by a dead process is cancelled and the operation retried once.
    A lock whose owner lives (or lives on another host, where we cannot tell) is never cancelled."""
    try:
        return run_stoppable(stack, operation, call, timeout_s, grace_s)
    except auto.ConcurrentUpdateError as exc:
        owners = lock_owners(command_stderr(exc))
        if not owners or not all(_owner_dead(host, pid) for host, pid in owners):
            log.warning("stack %s is locked by a live or unknown process %s; not cancelling", stack.name, owners)
            raise
        log.warning("stack %s is locked by dead process(es) %s; cancelling the stale lock and retrying %s", stack.name, owners, operation)
        stack.cancel()
        return run_stoppable(stack, operation, call, timeout_s, grace_s)


def run_stoppable(stack: auto.Stack, operation: str, call: Callable[[], T], timeout_s: float, grace_s: float) -> T:
    """Run `call` in a worker thread. Past the timeout, or on a signal (KeyboardInterrupt, which the
    CLI turns SIGTERM and SIGHUP into), this run's own CLI child is stopped before anything else."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # handed back to the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=target, name=f"pulumi-{operation}-{stack.name}", daemon=True)
    worker.start()
    try:
        worker.join(timeout_s)
    except KeyboardInterrupt:
        log.warning("interrupted during pulumi %s on stack %s; stopping the CLI first", operation, stack.name)
        stop_cli(stack.name, worker, grace_s)
        raise
    if worker.is_alive():
        log.warning("pulumi %s on stack %s timed out; stopping the CLI", operation, stack.name)
        stop_cli(stack.name, worker, grace_s)
        raise OperationTimeout(operation, timeout_s)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def stop_cli(stack_name: str, worker: threading.Thread, grace_s: float) -> None:
    """SIGINT (the CLI cancels its update and releases its lock), wait for the processes themselves
    to end, then SIGKILL what is left. A second signal while waiting skips the rest of the grace.
    (The processes are watched, not the worker thread: after a join interrupted by a signal,
    Python 3.11 may report a running thread as finished.)"""
    pids = cli_processes(stack_name)
    for pid in pids:
        _signal(pid, signal.SIGINT)
    try:
        _wait_until_gone(pids, grace_s)
    finally:
        for pid in pids:
            if process_alive(pid):
                _signal(pid, signal.SIGKILL)
        _wait_until_gone(pids, KILL_WAIT_S)
        worker.join(KILL_WAIT_S)


def _wait_until_gone(pids: list[int], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while any(process_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)


def cli_processes(stack_name: str) -> list[int]:
    """Our own child `pulumi` processes working on this stack (Linux /proc; none elsewhere)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return []
    pids = []
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            argv = [arg.decode(errors="replace") for arg in (entry / "cmdline").read_bytes().split(b"\0") if arg]
        except (OSError, IndexError, ValueError):
            continue
        if ppid == os.getpid() and stack_name in argv and any(Path(arg).name == "pulumi" for arg in argv[:2]):
            pids.append(int(entry.name))
    return pids


def lock_owners(stderr: str) -> list[tuple[str, int]]:
    """(host, pid) of each lock a ConcurrentUpdateError names."""
    return [(match["host"], int(match["pid"])) for match in LOCK_OWNER.finditer(stderr)]


def _owner_dead(host: str, pid: int) -> bool:
    if host != socket.gethostname():
        return False  # another machine's process: we cannot tell, so it counts as alive
    return not process_alive(pid)


def process_alive(pid: int) -> bool:
    """Whether a process runs (a zombie, dead but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _signal(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass


# ---- teardown ------------------------------------------------------------------------
Call = Callable[[auto.Stack, str, Callable[[], Any]], Any]


def destroy_and_remove(stack: auto.Stack, call: Call) -> None:
    """Destroy the stack's resources, then remove it. A failed destroy keeps the state and raises
    StackCleanupError naming what is left; resources an interrupted update was still creating
    (pending operations) may exist outside the state, so they are reported (StackLeaked) too."""
    pending = _unprotect_and_pending(stack, call)
    retrying = Retrying(
        retry=retry_if_exception(_worth_retrying),
        stop=stop_after_attempt(run_defaults.DESTROY_TRIES),
        wait=wait_exponential(multiplier=run_defaults.TRANSIENT_FIRST_WAIT_S, max=run_defaults.TRANSIENT_MAX_WAIT_S),
        before_sleep=lambda state: log.warning("destroy of %s failed transiently; retrying", stack.name),
        reraise=True,
    )
    try:
        retrying(call, stack, "destroy", lambda: stack.destroy(on_output=None, color="never"))
    except (auto.CommandError, OperationTimeout) as exc:
        message = error_from_stderr(command_stderr(exc), "destroy").message
        resources, left_pending = inventory(stack, call)
        raise StackCleanupError(
            Leak(
                stack=stack.name,
                reason=f"destroy of stack {stack.name} failed, its state is kept for `remediate gc`: {message}",
                resources=resources,
                pending=pending or left_pending,
                state_kept=True,
            )
        ) from exc
    try:
        stack.workspace.remove_stack(stack.name)
    except auto.StackNotFoundError:
        pass
    if pending:
        raise StackLeaked(
            Leak(
                stack=stack.name,
                reason=f"an interrupted update left {len(pending)} operation(s) in flight: these resources may exist in AWS outside any state",
                pending=pending,
                state_kept=False,
            )
        )


def _worth_retrying(exc: BaseException) -> bool:
    if not isinstance(exc, auto.CommandError) or isinstance(exc, auto.ConcurrentUpdateError):
        return False
    stderr = command_stderr(exc)
    return "DependencyViolation" in stderr or error_from_stderr(stderr, "destroy").kind is ErrorKind.TRANSIENT


def _unprotect_and_pending(stack: auto.Stack, call: Call) -> list[dict[str, str]]:
    """Drop `protect` from the state (an ephemeral stack removes everything, as `pulumi state
    unprotect --all` allows) and return its pending operations."""

    def unprotect() -> list[dict[str, str]]:
        exported = stack.export_stack()
        deployment = exported.deployment or {}
        resources = deployment.get("resources") or []
        if any(resource.get("protect") for resource in resources):
            for resource in resources:
                resource["protect"] = False
            stack.import_stack(exported)
        return _pending(deployment)

    return call(stack, "unprotect", unprotect)


def inventory(stack: auto.Stack, call: Call) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(resources, pending operations) still in the stack's state; empty when it cannot be read."""
    try:
        deployment = call(stack, "export", stack.export_stack).deployment or {}
    except (auto.CommandError, OperationTimeout) as exc:
        log.warning("could not read the state of %s to list what is left: %s", stack.name, exc)
        return [], []
    resources = [
        {"urn": item.get("urn", ""), "type": item.get("type", ""), "id": item.get("id", "")}
        for item in deployment.get("resources") or []
        if item.get("type") != STACK_TYPE and not str(item.get("type", "")).startswith("pulumi:providers:")
    ]
    return resources, _pending(deployment)


def _pending(deployment: dict[str, Any]) -> list[dict[str, str]]:
    return [
        {
            "operation": op.get("type", ""),
            "urn": (op.get("resource") or {}).get("urn", ""),
            "type": (op.get("resource") or {}).get("type", ""),
        }
        for op in deployment.get("pending_operations") or []
    ]
