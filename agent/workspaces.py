"""Where runs keep their ephemeral copies and stack state (git-ignored)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

COPY_IGNORED = shutil.ignore_patterns(".git", "__pycache__", "*.pyc", "venv", ".venv", "node_modules", ".pulumi")


def workspaces_dir() -> Path:
    return Path(os.environ.get("REMEDIATE_WORKSPACES", "workspaces")).resolve()


def stacks_dir() -> Path:
    """Where the local engine keeps each ephemeral stack's state."""
    return workspaces_dir() / "stacks"


def stack_state_dir(stack_name: str) -> Path:
    return stacks_dir() / stack_name


def copy_project(source: Path, target: Path) -> Path:
    """Copy a project, leaving out caches and virtualenvs, and the workspaces folder itself when a run
    starts inside the project (`remediate .`), which would otherwise copy into itself without end."""
    own = workspaces_dir()

    def ignored(directory: str, names: list[str]) -> set[str]:
        return set(COPY_IGNORED(directory, names)) | {name for name in names if (Path(directory) / name).resolve() == own}

    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=ignored)
    return target
