"""The contract between the remediation loop and an engine."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from agent.core.errors import DeployError
from agent.core.project import Project


@dataclass(frozen=True)
class StackRef:
    """An ephemeral stack: the user's stack name plus a unique suffix, removed after the run."""

    base: str
    name: str
    region: str
    config: dict[str, str] = field(default_factory=dict)  # --config values, keys as given
    environment: dict[str, str] = field(default_factory=dict)  # --env values: variables the program runs with
    secrets: dict[str, str] = field(default_factory=dict)  # generated test values for required secrets, qualified keys

    @classmethod
    def ephemeral(cls, base: str, region: str, config: dict[str, str] | None = None, environment: dict[str, str] | None = None) -> StackRef:
        return cls(
            base=base,
            name=f"{base}-{secrets.token_hex(3)}",
            region=region,
            config=dict(config or {}),
            environment=dict(environment or {}),
        )

    def environment_for(self, root: Path) -> dict[str, str]:
        """The --env variables for a program copied to `root`: relative PYTHONPATH entries are taken
        from the project root, since the user cannot know where the working copy lives."""
        env = dict(self.environment)
        if "PYTHONPATH" in env:
            entries = [str((root / entry).resolve()) for entry in env["PYTHONPATH"].split(os.pathsep) if entry]
            env["PYTHONPATH"] = os.pathsep.join(entries)
        return env


@dataclass
class RunResult:
    """The outcome of one attempt (preview, then up unless preview-only)."""

    ok: bool
    phase: str  # the last phase that ran: "preview" or "up"
    errors: list[DeployError] = field(default_factory=list)
    resources: list[dict[str, Any]] = field(default_factory=list)  # {"urn", "type", "name"}
    outputs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Leak:
    """What a teardown could not remove, for the report and for `remediate gc`."""

    stack: str
    reason: str
    resources: list[dict[str, str]] = field(default_factory=list)  # still in the state: {"urn", "type", "id"}
    pending: list[dict[str, str]] = field(default_factory=list)  # in flight when an update stopped: may exist untracked
    state_kept: bool = True  # the stack's state (and its record) is kept, so `remediate gc` can finish the job


class StackLeaked(RuntimeError):
    """Raised by `Engine.remove_stack` when something of the stack may be left in the cloud."""

    def __init__(self, leak: Leak):
        super().__init__(leak.reason)
        self.leak = leak


class Engine(Protocol):
    name: str
    account_id: str | None  # the AWS account it deploys to, when known before a deploy

    def run(self, project: Project, stack: StackRef, preview_only: bool = False) -> RunResult:
        """Preview and (unless preview_only) up the project on the stack."""

    def remove_stack(self, project: Project, stack: StackRef) -> None:
        """Destroy the stack's resources and remove its state; safe to call more than once.
        StackLeaked when something may be left behind."""

    def warm_up(self, project: Project | None = None) -> None:
        """Start what the first run (of `project`, when given) needs now, so it overlaps the
        caller's own work (the static check); an engine with nothing to start does nothing."""
