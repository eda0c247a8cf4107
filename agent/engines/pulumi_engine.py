"""The real engine: the project's preview and up through `pulumi.automation` and the pulumi CLI.

State lives in a local `file://` backend under <workspaces>/state (unless PULUMI_BACKEND_URL is
set), so a run needs no Pulumi Cloud login. Every stack is ephemeral: `remove_stack` destroys it
and drops its state; `remediate gc` (agent/engines/pulumi_gc.py) does the same for stacks a killed
run left behind. Stopping the CLI and tearing down live in pulumi_teardown.py.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import secrets
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pulumi import automation as auto

from agent.core import redaction, run_defaults
from agent.core.classify import to_deploy_error
from agent.core.errors import DeployError, ErrorKind
from agent.core.project import Project
from agent.engines.base import RunResult, StackLeaked, StackRef
from agent.engines.events import command_stderr, error_from_stderr, errors_from_events, resources_from_events
from agent.engines.pulumi_records import read_record, record_path, state_dir, write_record
from agent.engines.pulumi_teardown import OperationTimeout, StackCleanupError, call_with_retry, destroy_and_remove
from agent.engines.target_env import target_environment

__all__ = ["OperationTimeout", "PulumiEngine", "StackCleanupError"]

log = logging.getLogger(__name__)

T = TypeVar("T")
EPHEMERAL_NAME = re.compile(r"^(?P<base>.+)-[0-9a-f]{6}$")
NO_SUMMARY = "summary event never found"  # the SDK's RuntimeError when the event log lacks it (pulumi/pulumi#9269)


def workspaces_dir() -> Path:
    return Path(os.environ.get("REMEDIATE_WORKSPACES", "workspaces")).resolve()


class PulumiEngine:
    name = "pulumi"
    account_id = None  # the credentials' account is the cloud's to say, at deploy time

    def __init__(
        self,
        timeout_s: float = run_defaults.OPERATION_TIMEOUT_S,
        workspaces: Path | None = None,
        on_output: Callable[[str], Any] | None = None,
        target: str = "aws",
        grace_s: float = run_defaults.CANCEL_GRACE_S,
    ):
        self.timeout_s = timeout_s
        self.grace_s = grace_s
        self.workspaces = Path(workspaces).resolve() if workspaces else workspaces_dir()
        self.on_output = on_output
        self.target = target
        self.runs = 0  # real engine runs (each preview+up against the cloud): summary.json's cloud_attempts
        self._passphrases: dict[str, str] = {}

    # ---- Engine protocol ---------------------------------------------------
    def run(self, project: Project, stack: StackRef, preview_only: bool = False) -> RunResult:
        self.runs += 1
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
            except RuntimeError as exc:
                if NO_SUMMARY not in str(exc):
                    raise
                error = DeployError(
                    ErrorKind.TRANSIENT, f"pulumi {phase} ended without a summary event (pulumi/pulumi#9269)", raw=str(exc), phase=phase
                )
                return RunResult(ok=False, phase=phase, errors=[error], resources=resources_from_events(events))
            resources = resources_from_events(events)
            if phase == "up":
                outputs = {key: value.value for key, value in (result.outputs or {}).items()}
        return RunResult(ok=True, phase=phases[-1], resources=resources, outputs=outputs)

    def warm_up(self, project: Project | None = None) -> None:
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
        try:
            destroy_and_remove(pulumi_stack, self._call)
        except StackLeaked as leaked:
            if not leaked.leak.state_kept:  # removed, yet an interrupted update's resources may exist
                self._forget(stack.name)
            raise  # a kept state keeps its record: `remediate gc` needs the passphrase
        except KeyboardInterrupt as stop:  # a second signal, during teardown: the record stays for gc
            stop.stack_left = stack.name  # type: ignore[attr-defined]
            raise
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
        env = {"PULUMI_SKIP_UPDATE_CHECK": "true", **target_environment(self.target)}
        if not os.environ.get("PULUMI_BACKEND_URL"):
            state = state_dir(self.workspaces)
            state.mkdir(parents=True, exist_ok=True)
            env["PULUMI_BACKEND_URL"] = state.as_uri()
        if not os.environ.get("PULUMI_CONFIG_PASSPHRASE") and not os.environ.get("PULUMI_CONFIG_PASSPHRASE_FILE"):
            env["PULUMI_CONFIG_PASSPHRASE"] = self._passphrase(stack_name)
        return env

    def _passphrase(self, stack_name: str) -> str:
        if stack_name not in self._passphrases:
            saved = read_record(self.workspaces, stack_name)
            self._passphrases[stack_name] = redaction.remember(saved.get("passphrase") or secrets.token_urlsafe(32))
        return self._passphrases[stack_name]

    def _remember(self, stack_name: str, project_name: str) -> None:
        """Note the stack's passphrase and owner next to the state, so `gc` can destroy it after a kill."""
        backend = os.environ.get("PULUMI_BACKEND_URL") or state_dir(self.workspaces).as_uri()
        record = {"project": project_name, "pid": os.getpid(), "host": socket.gethostname(), "backend": backend}
        if stack_name in self._passphrases:
            record["passphrase"] = self._passphrases[stack_name]
        write_record(self.workspaces, stack_name, record)

    def _forget(self, stack_name: str) -> None:
        self._passphrases.pop(stack_name, None)
        record_path(self.workspaces, stack_name).unlink(missing_ok=True)

    def _output(self, line: str) -> None:
        if self.on_output:
            self.on_output(line)

    def _call(self, stack: auto.Stack, operation: str, call: Callable[[], T]) -> T:
        return call_with_retry(stack, operation, call, self.timeout_s, self.grace_s)


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
