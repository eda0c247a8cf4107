"""Where runs keep their ephemeral copies and stack state (git-ignored)."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from fnmatch import fnmatch
from pathlib import Path
from typing import Iterator

COPY_IGNORED = shutil.ignore_patterns(".git", "__pycache__", "*.pyc", "venv", ".venv", "node_modules", ".pulumi")
ENGINE_FILES = ("Pulumi.*.yaml", ".pulumi")  # what an engine itself keeps in a project: stack settings, local state


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


def _entries(root: Path) -> set[str]:
    found = set()
    for folder, dirs, names in os.walk(root):
        base = Path(folder).relative_to(root)
        found |= {(base / name).as_posix() for name in dirs + names}
    return found


@contextmanager
def run_leaves_no_files(root: Path) -> Iterator[None]:
    """Remove what a run of the program adds to its project (the folder a function's
    `pip install --target` fills, a zip it builds): the fixed project, its diff and --write carry
    the fixes, not the run's by-products. The engine's own files (ENGINE_FILES) stay."""
    before = _entries(root)
    try:
        yield
    finally:
        for rel in sorted(_entries(root) - before):
            path = root / rel
            if any(fnmatch(part, pattern) for part in Path(rel).parts for pattern in ENGINE_FILES) or not os.path.lexists(path):
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
