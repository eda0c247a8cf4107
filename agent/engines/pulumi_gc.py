"""`remediate gc` for the pulumi engine: destroy and remove the ephemeral stacks killed runs left.

A stack is found from its run record (which names its backend) or, in a file backend, from its
state file. It is left alone while its owner runs, and when another host recorded it (that host's
process cannot be checked from here) unless --all-hosts is given. The passphrase comes from the
record, else PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE. `pulumi stack rm` keeps a
file backend's backups and .bak files (pulumi/pulumi#9474); they are removed with the stack.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from pulumi import automation as auto

from agent.core import run_defaults
from agent.engines.base import StackLeaked
from agent.engines.pulumi_engine import EPHEMERAL_NAME
from agent.engines.pulumi_records import read_record, record_path, records_dir, state_dir
from agent.engines.pulumi_teardown import call_with_retry, destroy_and_remove, process_alive

PASSPHRASE_VARIABLES = ("PULUMI_CONFIG_PASSPHRASE", "PULUMI_CONFIG_PASSPHRASE_FILE")


@dataclass
class Collected:
    removed: list[str] = field(default_factory=list)  # stack names destroyed and removed
    failed: list[str] = field(default_factory=list)  # "stack X: why", one per stack that is still there
    skipped: list[str] = field(default_factory=list)  # "stack X: why", left alone on purpose


@dataclass(frozen=True)
class _Leftover:
    stack: str
    project: str
    backend: str


def collect_garbage(workspaces_dir: Path, timeout_s: float = run_defaults.OPERATION_TIMEOUT_S, all_hosts: bool = False) -> Collected:
    workspaces = Path(workspaces_dir).resolve()
    collected = Collected()
    for leftover in _leftovers(workspaces):
        record = read_record(workspaces, leftover.stack)
        host = record.get("host")
        if host == socket.gethostname() and isinstance(record.get("pid"), int) and process_alive(record["pid"]):
            collected.skipped.append(f"stack {leftover.stack}: its run (pid {record['pid']}) is still going")
            continue
        if host not in (None, socket.gethostname()) and not all_hosts:
            collected.skipped.append(f"stack {leftover.stack}: recorded by host {host}; --all-hosts removes it from here")
            continue
        env = _environment(record, leftover.backend)
        if env is None:
            collected.failed.append(f"stack {leftover.stack}: no passphrase known; set PULUMI_CONFIG_PASSPHRASE(_FILE) to remove it")
            continue
        try:
            _destroy(leftover, env, timeout_s)
        except (auto.CommandError, StackLeaked) as exc:
            collected.failed.append(f"stack {leftover.stack}: {exc}")
            continue
        _remove_backups(leftover)
        record_path(workspaces, leftover.stack).unlink(missing_ok=True)
        collected.removed.append(leftover.stack)
    return collected


def _leftovers(workspaces: Path) -> list[_Leftover]:
    """Stacks named <base>-<6 hex>: every run record, then state files of the file backend in use."""
    found: dict[str, _Leftover] = {}
    default_backend = state_dir(workspaces).as_uri()
    for path in sorted(records_dir(workspaces).glob("*.json")):
        record = read_record(workspaces, path.stem)
        if EPHEMERAL_NAME.match(path.stem) and record.get("project"):
            found[path.stem] = _Leftover(path.stem, record["project"], record.get("backend") or default_backend)
    backend = os.environ.get("PULUMI_BACKEND_URL") or default_backend
    root = _file_backend_root(backend)
    if root is not None:
        for path in sorted((root / ".pulumi" / "stacks").glob("*/*.json*")):
            if path.name.endswith(".bak"):
                continue
            name = path.name.removesuffix(".gz").removesuffix(".json")
            if EPHEMERAL_NAME.match(name) and name not in found:
                found[name] = _Leftover(name, path.parent.name, backend)
    return list(found.values())


def _environment(record: dict, backend: str) -> dict[str, str] | None:
    env = {"PULUMI_SKIP_UPDATE_CHECK": "true", "PULUMI_BACKEND_URL": backend}
    if record.get("passphrase"):
        return {**env, "PULUMI_CONFIG_PASSPHRASE": record["passphrase"]}
    if any(os.environ.get(name) for name in PASSPHRASE_VARIABLES):
        return env  # the CLI reads the user's own passphrase (or its file) from the environment
    return None


def _destroy(leftover: _Leftover, env: dict[str, str], timeout_s: float) -> None:
    with tempfile.TemporaryDirectory(prefix="remediate-gc-") as work_dir:
        try:
            stack = auto.select_stack(
                stack_name=leftover.stack,
                work_dir=work_dir,
                opts=auto.LocalWorkspaceOptions(
                    env_vars=env, project_settings=auto.ProjectSettings(name=leftover.project, runtime="python")
                ),
            )
        except auto.StackNotFoundError:
            return
        destroy_and_remove(stack, lambda s, op, call: call_with_retry(s, op, call, timeout_s, run_defaults.CANCEL_GRACE_S))


def _remove_backups(leftover: _Leftover) -> None:
    root = _file_backend_root(leftover.backend)
    if root is None:
        return
    bookkeeping = root / ".pulumi"
    for path in (bookkeeping / "stacks" / leftover.project).glob(f"{leftover.stack}.json*"):
        path.unlink(missing_ok=True)
    for kind in ("backups", "history"):
        shutil.rmtree(bookkeeping / kind / leftover.project / leftover.stack, ignore_errors=True)


def _file_backend_root(url: str) -> Path | None:
    parsed = urlparse(url)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else None
