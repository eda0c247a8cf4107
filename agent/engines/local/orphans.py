"""Runners whose run is gone: `remediate gc` ends them.

A run killed with SIGKILL cannot stop its runner, which then lives on (re-parented to init or a
subreaper) holding its warm imports. Each runner carries in its environment the run that started
it and the workspaces folder it serves; a runner of this folder whose owner is dead is an orphan.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from agent.core.workspaces import Collected, process_alive
from agent.engines.local.sandbox import process_stat

RUNNER_MODULE = b"\0-m\0agent.engines.local.runner"
OWNER_VARIABLE, WORKSPACES_VARIABLE = "REMEDIATE_RUNNER_OWNER", "REMEDIATE_RUNNER_WORKSPACES"
ENDING_S = 5.0  # how long a killed runner may take to disappear


def runner_marker(workspaces: Path) -> dict[str, str]:
    """The environment that names a runner's owner (this process) and its workspaces folder."""
    return {OWNER_VARIABLE: str(os.getpid()), WORKSPACES_VARIABLE: str(workspaces)}


def orphaned_runners(workspaces: Path) -> list[int]:
    """Runners (and the phase children they forked) of this workspaces folder whose owner is dead."""
    found = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            if RUNNER_MODULE not in Path(f"/proc/{entry}/cmdline").read_bytes():
                continue
            environment = dict(_variables(Path(f"/proc/{entry}/environ").read_bytes()))
        except OSError:
            continue
        owner = environment.get(OWNER_VARIABLE, "")
        if environment.get(WORKSPACES_VARIABLE) == str(workspaces) and owner.isdigit() and not process_alive(int(owner)):
            found.append(int(entry))
    return found


def collect_orphaned_runners(workspaces: Path) -> Collected:
    """Kill the orphaned runners of this workspaces folder and see them gone."""
    collected = Collected()
    for pid in orphaned_runners(workspaces):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            continue
        except PermissionError as exc:
            collected.failed.append(f"could not kill orphaned runner {pid}: {exc}")
            continue
        if _gone(pid):
            collected.removed.append(f"killed orphaned runner {pid}")
        else:
            collected.failed.append(f"orphaned runner {pid} was killed but has not ended within {ENDING_S:g} s")
    return collected


def _variables(environ: bytes) -> list[tuple[str, str]]:
    pairs = (item.decode(errors="replace").partition("=") for item in environ.split(b"\0") if item)
    return [(name, value) for name, _, value in pairs]


def _gone(pid: int) -> bool:
    """Whether the process ended (reaped here if it is our child, else by its new parent)."""
    deadline = time.monotonic() + ENDING_S
    while time.monotonic() < deadline:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        stat = process_stat(pid)
        if stat is None or stat[0] == "Z":  # gone, or dead and waiting for its parent to reap it
            return True
        time.sleep(0.05)
    return False
