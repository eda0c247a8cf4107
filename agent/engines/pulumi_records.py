"""Run records: each live ephemeral stack's passphrase, owner (pid, host), project and backend, kept
next to the state so `remediate gc` can destroy it after the run that made it was killed."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def state_dir(workspaces: Path) -> Path:
    return Path(workspaces).resolve() / "state"


def records_dir(workspaces: Path) -> Path:
    return state_dir(workspaces) / "remediate"


def record_path(workspaces: Path, stack_name: str) -> Path:
    return records_dir(workspaces) / f"{stack_name}.json"


def read_record(workspaces: Path, stack_name: str) -> dict[str, Any]:
    try:
        return json.loads(record_path(workspaces, stack_name).read_text())
    except (OSError, ValueError):
        return {}


def write_record(workspaces: Path, stack_name: str, record: dict[str, Any]) -> None:
    """Written owner-only (0600): it holds the stack's passphrase."""
    path = record_path(workspaces, stack_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(record, handle)
