"""The contained child of the local engine.

The programs it runs are written by language models and run unattended, on machines that may
hold cloud credentials. So the forked child that runs one phase gets resource limits, a HOME of
its own, an environment built from an allow-list with fake AWS credentials, no network (a
network namespace of its own; where namespaces are not permitted, an audit hook that refuses
connections), and writes confined to its working copy with the user's home out of sight (a mount
namespace of its own, see confinement.py). The runner, for its part, adopts whatever the program leaves behind and kills it.
What this does not contain is in the README's "Security model".
"""

from __future__ import annotations

import contextlib
import os
import resource
import select
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from agent.core.config import load_data
from agent.engines.local.confinement import confine_files, libc

# What the runner and the program may see of the user's environment; everything else (tokens,
# passwords, AWS_*, PULUMI_ACCESS_TOKEN, ...) stays out.
WATCH_TICK_S = 0.05  # how often the runner counts a root program's processes
ALLOWED_VARIABLES = frozenset(
    {"PATH", "LANG", "LANGUAGE", "TZ", "TERM", "TMPDIR", "PYTHONHASHSEED", "PYTHONUTF8", "PYTHONIOENCODING", "REMEDIATE_CONFIG"}
)
ALLOWED_PREFIXES = ("LC_",)
# Credentials that name no account: boto3 calls land in moto (started in every phase), and
# nothing falls back to the instance metadata service.
FAKE_AWS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_EC2_METADATA_DISABLED": "true"}
# Audit events that reach the network, and which argument holds the address.
NETWORK_EVENTS = {
    "socket.connect": 1,
    "socket.sendto": 1,
    "socket.sendmsg": 1,
    "socket.bind": 1,
    "socket.getaddrinfo": 0,
    "socket.gethostbyname": 0,
    "socket.gethostbyaddr": 0,
}
CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWNET = 0x20000, 0x10000000, 0x40000000
PR_SET_PDEATHSIG, PR_SET_CHILD_SUBREAPER = 1, 36
MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Per-phase resource limits of the program (config/limits.json "program", overridable per run)."""

    memory_mib: int  # address space
    cpu_s: int
    processes: int  # beyond those the user already runs (threads count)
    open_files: int
    file_size_mib: int

    @classmethod
    def configured(cls, **overrides: int | None) -> Limits:
        given = {key: value for key, value in overrides.items() if value is not None}
        values = {**load_data("limits.json")["program"], **given}
        return cls(**{field.name: int(values[field.name]) for field in fields(cls)})


def size_text(mib: int) -> str:
    """2048 -> "2 GiB", 1536 -> "1.5 GiB", 512 -> "512 MiB"."""
    return f"{mib / 1024:g} GiB" if mib >= 1024 else f"{mib} MiB"


def runner_environment(environ: dict[str, str]) -> dict[str, str]:
    """The user's environment, reduced to the allow-list."""
    return {key: value for key, value in environ.items() if key in ALLOWED_VARIABLES or key.startswith(ALLOWED_PREFIXES)}


# ---------------------------------------------------------------------------------------------
# In the forked child, before the program runs


def contain(limits: Limits, home: str, region: str, writable: list[str], hidden: list[str], readable: list[str] = ()) -> None:
    """Confine this process (a fresh fork of the runner) and everything it starts: it may write to
    `writable` and its `home` only, and not see `hidden` (the user's home folders) except `readable`."""
    os.setpgid(0, 0)  # the program's processes form one group, killed together
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # and the program dies with its runner
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)  # stdin is the runner's job pipe
    os.close(devnull)
    environment = {**runner_environment(dict(os.environ)), **FAKE_AWS, "HOME": home, "TMPDIR": home}
    environment.update(AWS_REGION=region, AWS_DEFAULT_REGION=region)
    os.environ.clear()
    os.environ.update(environment)
    tempfile.tempdir = None  # the runner's cached choice (its own TMPDIR) would outlive the new one
    processes_in_use = _tasks_of_user() if os.geteuid() != 0 else 0  # root is exempt from RLIMIT_NPROC
    if isolate_network():
        confine_files([*writable, home], hidden, list(readable))
    _limit(resource.RLIMIT_AS, limits.memory_mib * MIB)
    _limit(resource.RLIMIT_CPU, limits.cpu_s, hard=limits.cpu_s + 5)  # SIGXCPU first, SIGKILL after
    _limit(resource.RLIMIT_NPROC, processes_in_use + limits.processes)
    _limit(resource.RLIMIT_NOFILE, limits.open_files)
    _limit(resource.RLIMIT_FSIZE, limits.file_size_mib * MIB)
    _limit(resource.RLIMIT_CORE, 0)


def isolate_network() -> bool:
    """Leave the host's network: a namespace of our own holds only a loopback that is down, so
    even services on the host's 127.0.0.1 are out of reach. The audit hook names what a Python
    program tried to reach, and is all there is where namespaces are not permitted. A mount
    namespace is entered with it; whether it was."""
    sys.addaudithook(_refuse_network)
    unshare = getattr(libc(), "unshare", None)
    if unshare is None:
        return False
    if unshare(CLONE_NEWNS | CLONE_NEWNET) == 0:
        return True
    uid, gid = os.getuid(), os.getgid()
    if unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET) != 0:  # an ordinary user needs a user namespace
        return False
    Path("/proc/self/setgroups").write_text("deny")
    Path("/proc/self/uid_map").write_text(f"{uid} {uid} 1")  # the same ids as outside
    Path("/proc/self/gid_map").write_text(f"{gid} {gid} 1")
    return True


def _refuse_network(event: str, args: tuple[Any, ...]) -> None:
    if event not in NETWORK_EVENTS:
        return
    target = args[NETWORK_EVENTS[event]]
    if event == "socket.getaddrinfo" and target is not None:
        target = args[:2]
    if target is None:  # a socket pair's own messages, a wildcard lookup
        return
    raise PermissionError(f"network access refused: {_address(target)}")


def _address(target: Any) -> str:
    if isinstance(target, tuple) and len(target) >= 2:
        host = target[0].decode() if isinstance(target[0], bytes) else target[0]
        return f"{host}:{target[1]}" if target[1] is not None else str(host)
    return target.decode(errors="replace") if isinstance(target, bytes) else str(target)


def _limit(which: int, soft: int, hard: int | None = None) -> None:
    """Lower a limit (never raise it above what the runner itself may use)."""
    _, current_hard = resource.getrlimit(which)
    hard = soft if hard is None else hard
    if current_hard != resource.RLIM_INFINITY:
        soft, hard = min(soft, current_hard), min(hard, current_hard)
    resource.setrlimit(which, (soft, hard))


def _tasks_of_user() -> int:
    """Processes and threads the user runs now: RLIMIT_NPROC counts them all, not only ours."""
    uid, count = os.getuid(), 0
    for entry in os.listdir("/proc"):
        try:
            if entry.isdigit() and os.stat(f"/proc/{entry}").st_uid == uid:
                count += len(os.listdir(f"/proc/{entry}/task"))
        except OSError:
            continue
    return count


def _prctl(option: int, value: int) -> None:
    prctl = getattr(libc(), "prctl", None)
    if prctl is not None:
        prctl(option, value, 0, 0, 0)


# ---------------------------------------------------------------------------------------------
# In the runner


def become_reaper() -> None:
    """Orphans of the program's processes (a background `sleep` its parent left) are re-parented
    to the runner instead of init, so the runner can find and end them."""
    _prctl(PR_SET_CHILD_SUBREAPER, 1)


def wait(pid: int, deadline: float) -> tuple[bool, int | None]:
    """Whether the child ended by the deadline (monotonic), and the signal that ended it if one
    did. The child is left unreaped, so its pid still names its process group."""
    if hasattr(os, "pidfd_open"):
        pidfd = os.pidfd_open(pid)
        try:
            select.select([pidfd], [], [], max(0.0, deadline - time.monotonic()))
        finally:
            os.close(pidfd)
    ended = _peek(pid)
    while ended is None and time.monotonic() < deadline:  # platforms without pidfd
        time.sleep(0.01)
        ended = _peek(pid)
    if ended is None:
        return False, None
    return True, ended.si_status if ended.si_code in (os.CLD_KILLED, os.CLD_DUMPED) else None


def watch(pid: int, deadline: float, processes: int) -> tuple[bool, int | None, bool]:
    """wait(), holding the process limit where the kernel does not: root is exempt from RLIMIT_NPROC.
    Every tick it reads the machine's task count (one line of /proc/loadavg); only when that grew by
    more than the limit does it count the program's group, and kills the group past the limit.
    Returns (ended, signal, over the process limit)."""
    baseline = _tasks_on_machine()
    while True:
        ended, killed_by = wait(pid, min(deadline, time.monotonic() + WATCH_TICK_S))
        if ended or time.monotonic() >= deadline:
            return ended, killed_by, False
        if _tasks_on_machine() - baseline > processes and len(group_members(pid)) > processes:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            return True, None, True


def _tasks_on_machine() -> int:
    """Threads the machine runs now: /proc/loadavg's "running/total" field."""
    try:
        return int(Path("/proc/loadavg").read_text().split()[3].partition("/")[2])
    except (OSError, IndexError, ValueError):
        return 0


def _peek(pid: int) -> os.waitid_result | None:
    return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)


def end_descendants(child: int) -> None:
    """Kill the program's process group and every process left below the runner, reap them, and
    look again until none is left (killing a parent re-parents its children to the runner)."""
    try:
        os.killpg(child, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    while remaining := _children(os.getpid()):
        for pid in remaining:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for pid in remaining:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass


def _children(parent: int) -> list[int]:
    return [pid for pid, state, ppid, _ in _processes() if ppid == parent]


def group_members(pgid: int) -> list[int]:
    """Live processes of a process group (a zombie has ended: only its parent's wait is missing)."""
    return [pid for pid, state, _, group in _processes() if group == pgid and state != "Z"]


def _processes() -> list[tuple[int, str, int, int]]:
    """(pid, state, parent pid, process group) of every process, from /proc (none where there is no /proc)."""
    found = []
    for entry in filter(str.isdigit, os.listdir("/proc") if os.path.isdir("/proc") else []):
        stat = process_stat(int(entry))
        if stat is not None:
            found.append((int(entry), *stat))
    return found


def process_stat(pid: int) -> tuple[str, int, int] | None:
    """(state, parent pid, process group) of a process; None once it is gone. The state is "Z" for
    a process that ended and waits for its parent to reap it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    state, ppid, pgrp = stat.rpartition(")")[2].split()[:3]  # the name before ")" may hold spaces
    return state, int(ppid), int(pgrp)


# ---------------------------------------------------------------------------------------------
# In the engine: a run a limit ended, worded for the report


def limit_reached(message: str, limits: Limits) -> str | None:
    """The limit a program's failure shows it ran into, or None."""
    if message.startswith("MemoryError"):
        return f"memory limit of {size_text(limits.memory_mib)} reached"
    if "[Errno 24] Too many open files" in message:
        return f"open files limit of {limits.open_files} reached"
    if "[Errno 27] File too large" in message:
        return f"file size limit of {size_text(limits.file_size_mib)} reached"
    if message.startswith("BlockingIOError: [Errno 11]"):
        return f"process limit of {limits.processes} reached"
    return None


def killed_by(number: int, limits: Limits) -> str:
    """Why the signal `number` ended the program's process."""
    if number == signal.SIGXCPU:
        return f"CPU time limit of {limits.cpu_s} s reached"
    if number == signal.SIGXFSZ:
        return f"file size limit of {size_text(limits.file_size_mib)} reached"
    return f"the program's process was killed by {signal.Signals(number).name}"
