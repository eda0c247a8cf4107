"""The real engine: the project's preview and up through `pulumi.automation` and the pulumi CLI.

State lives in a local `file://` backend under <workspaces>/state (unless PULUMI_BACKEND_URL is
set), so a run needs no Pulumi Cloud login. Every stack is ephemeral: `remove_stack` destroys it
and drops its state; `collect_garbage` does the same for stacks a killed run left behind.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import re
import secrets
import signal
import socket
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pulumi import automation as auto

from agent.core import run_defaults
from agent.core.classify import to_deploy_error
from agent.core.project import Project
from agent.engines.base import RunResult, StackRef
from agent.engines.events import command_stderr, error_from_stderr, errors_from_events, resources_from_events

log = logging.getLogger(__name__)

T = TypeVar("T")
EPHEMERAL_NAME = re.compile(r"^(?P<base>.+)-[0-9a-f]{6}$")
CANCEL_GRACE_S = 60.0


def workspaces_dir() -> Path:
    return Path(os.environ.get("REMEDIATE_WORKSPACES", "workspaces")).resolve()


def state_dir(workspaces: Path) -> Path:
    return Path(workspaces).resolve() / "state"


class OperationTimeout(Exception):
    def __init__(self, operation: str, timeout_s: float):
        super().__init__(f"pulumi {operation} timed out after {timeout_s:g}s and was cancelled")
        self.operation = operation


class StackCleanupError(RuntimeError):
    """Destroying an ephemeral stack failed; its state is kept so `remediate gc` can retry."""


class PulumiEngine:
    name = "pulumi"

    def __init__(
        self,
        timeout_s: float = run_defaults.OPERATION_TIMEOUT_S,
        workspaces: Path | None = None,
        on_output: Callable[[str], Any] | None = None,
    ):
        self.timeout_s = timeout_s
        self.workspaces = Path(workspaces).resolve() if workspaces else workspaces_dir()
        self.on_output = on_output
        self._passphrases: dict[str, str] = {}

    # ---- Engine protocol ---------------------------------------------------
    def run(self, project: Project, stack: StackRef, preview_only: bool = False) -> RunResult:
        try:
            pulumi_stack = self._open(project, stack)
        except auto.CommandError as exc:
            return RunResult(ok=False, phase="preview", errors=[error_from_stderr(command_stderr(exc), "preview")])
        outputs: dict[str, Any] = {}
        resources: list[dict[str, Any]] = []
        phases = ["preview"] if preview_only else ["preview", "up"]
        for phase in phases:
            events: list[auto.EngineEvent] = []
            operation = getattr(pulumi_stack, phase)
            try:
                result = self._call(
                    pulumi_stack,
                    phase,
                    functools.partial(operation, on_event=_collector(events), on_output=self._output, color="never"),
                )
            except OperationTimeout as exc:
                error = to_deploy_error(str(exc), phase=phase)
                return RunResult(ok=False, phase=phase, errors=[error], resources=resources_from_events(events))
            except auto.CommandError as exc:
                errors = errors_from_events(events, project.root, phase) or [error_from_stderr(command_stderr(exc), phase)]
                return RunResult(ok=False, phase=phase, errors=errors, resources=resources_from_events(events))
            resources = resources_from_events(events)
            if phase == "up":
                outputs = {key: value.value for key, value in (result.outputs or {}).items()}
        return RunResult(ok=True, phase=phases[-1], resources=resources, outputs=outputs)

    def warm_up(self) -> None:
        """Nothing to start ahead: each operation runs the pulumi CLI afresh."""

    def remove_stack(self, project: Project, stack: StackRef) -> None:
        try:
            pulumi_stack = auto.select_stack(
                stack_name=stack.name,
                work_dir=str(project.root),
                opts=auto.LocalWorkspaceOptions(env_vars=self._env(stack.name), project_settings=None),
            )
        except auto.StackNotFoundError:
            self._forget(stack.name)
            return
        destroy_and_remove(pulumi_stack, self._call)
        self._forget(stack.name)

    # ---- internals ---------------------------------------------------------
    def _open(self, project: Project, stack: StackRef) -> auto.Stack:
        env = {**stack.environment_for(project.root), **self._env(stack.name)}
        self._remember(stack.name, project.name)
        pulumi_stack = auto.create_or_select_stack(
            stack_name=stack.name,
            work_dir=str(project.root),
            opts=auto.LocalWorkspaceOptions(env_vars=env, project_settings=None),
        )
        config = {key: auto.ConfigValue(value=str(value)) for key, value in _config(project, stack).items()}
        config.update({key: auto.ConfigValue(value=value, secret=True) for key, value in stack.secrets.items()})
        pulumi_stack.set_all_config(config)
        return pulumi_stack

    def _env(self, stack_name: str) -> dict[str, str]:
        env = {"PULUMI_SKIP_UPDATE_CHECK": "true"}
        if not os.environ.get("PULUMI_BACKEND_URL"):
            state = state_dir(self.workspaces)
            state.mkdir(parents=True, exist_ok=True)
            env["PULUMI_BACKEND_URL"] = state.as_uri()
        if not os.environ.get("PULUMI_CONFIG_PASSPHRASE") and not os.environ.get("PULUMI_CONFIG_PASSPHRASE_FILE"):
            env["PULUMI_CONFIG_PASSPHRASE"] = self._passphrase(stack_name)
        return env

    def _passphrase(self, stack_name: str) -> str:
        if stack_name not in self._passphrases:
            saved = _read_record(self.workspaces, stack_name)
            self._passphrases[stack_name] = saved.get("passphrase") or secrets.token_urlsafe(32)
        return self._passphrases[stack_name]

    def _remember(self, stack_name: str, project_name: str) -> None:
        """Note the stack's passphrase and owner next to the state, so `gc` can destroy it after a kill."""
        record = {"project": project_name, "pid": os.getpid(), "host": socket.gethostname()}
        if stack_name in self._passphrases:
            record["passphrase"] = self._passphrases[stack_name]
        _write_record(self.workspaces, stack_name, record)

    def _forget(self, stack_name: str) -> None:
        self._passphrases.pop(stack_name, None)
        _record_path(self.workspaces, stack_name).unlink(missing_ok=True)

    def _output(self, line: str) -> None:
        if self.on_output:
            self.on_output(line)

    def _call(self, stack: auto.Stack, operation: str, call: Callable[[], T]) -> T:
        return call_with_retry(stack, operation, call, self.timeout_s)


def call_with_retry(stack: auto.Stack, operation: str, call: Callable[[], T], timeout_s: float) -> T:
    """Run one operation with the timeout; a stale lock is cancelled and the operation retried once."""
    try:
        return _with_timeout(stack, operation, call, timeout_s)
    except auto.ConcurrentUpdateError:
        log.warning("stack %s is locked by another update; cancelling it and retrying %s", stack.name, operation)
        stack.cancel()
        return _with_timeout(stack, operation, call, timeout_s)


def destroy_and_remove(stack: auto.Stack, call: Callable[[auto.Stack, str, Callable[[], Any]], Any]) -> None:
    """Destroy the stack's resources, then remove it; the state is kept when destroy fails."""
    try:
        call(stack, "unprotect", lambda: _unprotect(stack))
        call(stack, "destroy", lambda: stack.destroy(on_output=None, color="never"))
    except (auto.CommandError, OperationTimeout) as exc:
        raise StackCleanupError(
            f"destroy of stack {stack.name} failed, its state is kept for `remediate gc`: "
            f"{error_from_stderr(command_stderr(exc), 'destroy').message}"
        ) from exc
    try:
        stack.workspace.remove_stack(stack.name)
    except auto.StackNotFoundError:
        pass


def _unprotect(stack: auto.Stack) -> None:
    """A protected resource (`protect=True` in the program) stops destroy; an ephemeral stack's state
    drops the flag first (as `pulumi state unprotect --all` does), so its resources are removed too."""
    exported = stack.export_stack()
    resources = (exported.deployment or {}).get("resources") or []
    if any(resource.get("protect") for resource in resources):
        for resource in resources:
            resource["protect"] = False
        stack.import_stack(exported)


def _config(project: Project, stack: StackRef) -> dict[str, str]:
    """The base stack's plain config values, then aws:region, then the caller's --config values."""
    base = project.stack_config(stack.base)
    config = {key: value for key, value in base.items() if not isinstance(value, (dict, list))}
    config["aws:region"] = stack.region
    config.update(stack.config)
    return config


def _collector(events: list[auto.EngineEvent]) -> Callable[[auto.EngineEvent], None]:
    lock = threading.Lock()

    def collect(event: auto.EngineEvent) -> None:
        with lock:
            events.append(event)

    return collect


def _with_timeout(stack: auto.Stack, operation: str, call: Callable[[], T], timeout_s: float) -> T:
    """Run `call` in a worker thread; past the timeout, interrupt the CLI and cancel the update."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # handed back to the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=target, name=f"pulumi-{operation}-{stack.name}", daemon=True)
    worker.start()
    worker.join(timeout_s)
    if worker.is_alive():
        _cancel(stack, operation, worker)
        raise OperationTimeout(operation, timeout_s)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _cancel(stack: auto.Stack, operation: str, worker: threading.Thread) -> None:
    log.warning("pulumi %s on stack %s timed out; cancelling", operation, stack.name)
    pids = _cli_processes(stack.name)
    for pid in pids:  # Ctrl-C: the CLI cancels its update gracefully and releases the lock
        _signal(pid, signal.SIGINT)
    if pids:
        worker.join(CANCEL_GRACE_S)
    try:
        stack.cancel()
    except auto.CommandError as exc:  # nothing left to cancel once the CLI has stopped
        log.info("pulumi cancel on %s: %s", stack.name, error_from_stderr(command_stderr(exc), operation).message)
    if worker.is_alive():
        for pid in _cli_processes(stack.name):
            _signal(pid, signal.SIGKILL)
        worker.join(5)


def _cli_processes(stack_name: str) -> list[int]:
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
        if ppid == os.getpid() and argv and Path(argv[0]).name == "pulumi" and stack_name in argv:
            pids.append(int(entry.name))
    return pids


def _signal(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass


# ---- run records (passphrase and owner of each live stack) -----------------
def _record_path(workspaces: Path, stack_name: str) -> Path:
    return state_dir(workspaces) / "remediate" / f"{stack_name}.json"


def _read_record(workspaces: Path, stack_name: str) -> dict[str, Any]:
    path = _record_path(workspaces, stack_name)
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def _write_record(workspaces: Path, stack_name: str, record: dict[str, Any]) -> None:
    path = _record_path(workspaces, stack_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(record, handle)


# ---- remediate gc ----------------------------------------------------------
def collect_garbage(workspaces_dir: Path, timeout_s: float = run_defaults.OPERATION_TIMEOUT_S) -> list[str]:
    """Destroy and remove the ephemeral stacks a killed run left in the file backend; their names."""
    workspaces = Path(workspaces_dir).resolve()
    stacks_root = state_dir(workspaces) / ".pulumi" / "stacks"
    removed: list[str] = []
    for project_name, stack_name in _leftover_stacks(stacks_root):
        record = _read_record(workspaces, stack_name)
        if _owner_alive(record):
            log.info("gc: stack %s belongs to running process %s; left alone", stack_name, record.get("pid"))
            continue
        passphrase = record.get("passphrase") or os.environ.get("PULUMI_CONFIG_PASSPHRASE")
        if passphrase is None:
            log.warning("gc: no passphrase known for stack %s; set PULUMI_CONFIG_PASSPHRASE to remove it", stack_name)
            continue
        env = {
            "PULUMI_SKIP_UPDATE_CHECK": "true",
            "PULUMI_BACKEND_URL": state_dir(workspaces).as_uri(),
            "PULUMI_CONFIG_PASSPHRASE": passphrase,
        }
        with tempfile.TemporaryDirectory(prefix="remediate-gc-") as work_dir:
            try:
                stack = auto.select_stack(
                    stack_name=stack_name,
                    work_dir=work_dir,
                    opts=auto.LocalWorkspaceOptions(
                        env_vars=env,
                        project_settings=auto.ProjectSettings(name=project_name, runtime="python"),
                    ),
                )
                destroy_and_remove(stack, lambda s, op, call: call_with_retry(s, op, call, timeout_s))
            except auto.StackNotFoundError:
                pass
            except (auto.CommandError, StackCleanupError) as exc:
                log.warning("gc: could not remove stack %s: %s", stack_name, exc)
                continue
        _record_path(workspaces, stack_name).unlink(missing_ok=True)
        removed.append(stack_name)
    return removed


def _leftover_stacks(stacks_root: Path) -> list[tuple[str, str]]:
    """(project, stack) of the stacks named <base>-<6 hex> in a project-scoped file backend."""
    found = []
    for path in sorted(stacks_root.glob("*/*.json*")):
        if path.name.endswith(".bak"):
            continue
        name = path.name.removesuffix(".gz").removesuffix(".json")
        if EPHEMERAL_NAME.match(name):
            found.append((path.parent.name, name))
    return found


def _owner_alive(record: dict[str, Any]) -> bool:
    pid = record.get("pid")
    if not isinstance(pid, int) or record.get("host") != socket.gethostname():
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
