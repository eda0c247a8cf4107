"""Where runs keep their ephemeral copies and stack state: the user's cache folder, never the
current directory, so a run started inside a project leaves nothing in it."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

from agent.core.config import load_data
from agent.core.project import ProjectError

COPY_IGNORED = shutil.ignore_patterns(".git", "__pycache__", "*.pyc", "venv", ".venv", "node_modules", ".pulumi")
ENGINE_FILES = ("Pulumi.*.yaml", ".pulumi")  # what an engine itself keeps in a project: stack settings, local state
OWNER_FILE = "owner.pid"  # in each work folder: the process of the run that made it, for `remediate gc`


def workspaces_dir() -> Path:
    """REMEDIATE_WORKSPACES, else $XDG_CACHE_HOME/remediate, else ~/.cache/remediate."""
    override = os.environ.get("REMEDIATE_WORKSPACES")
    if override:
        return Path(override).resolve()
    cache = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(cache) if os.path.isabs(cache) else Path.home() / ".cache"  # the XDG spec ignores a relative value
    return (base / "remediate").resolve()


def new_work_dir(label: str) -> Path:
    """A working folder no other run shares, however many run at once with whatever --out."""
    parent = workspaces_dir() / "work"
    parent.mkdir(parents=True, exist_ok=True)
    work_dir = Path(tempfile.mkdtemp(prefix=f"{label}-", dir=parent))
    (work_dir / OWNER_FILE).write_text(str(os.getpid()))
    return work_dir


@dataclass
class Collected:
    """What `remediate gc` removed, and what it could not, each as a line to print."""

    removed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def remove_tree(self, path: Path, what: str) -> None:
        """Remove a folder, recording it as removed or, with the reason, as failed."""
        try:
            shutil.rmtree(path)
            self.removed.append(f"removed {what}")
        except OSError as exc:
            self.failed.append(f"could not remove {what}: {exc}")


def collect_work_dirs(max_age_s: float) -> Collected:
    """Remove the work folders of runs that are gone: their owner process is dead, or (folders
    made before owners were recorded) they are untouched for max_age_s."""
    collected, cutoff = Collected(), time.time() - max_age_s
    parent = workspaces_dir() / "work"
    for work_dir in sorted(parent.iterdir()) if parent.is_dir() else []:
        if not work_dir.is_dir() or _in_use(work_dir, cutoff):
            continue
        collected.remove_tree(work_dir, f"work folder {work_dir}")
    return collected


def _in_use(work_dir: Path, cutoff: float) -> bool:
    try:
        return process_alive(int((work_dir / OWNER_FILE).read_text()))
    except (OSError, ValueError):
        return work_dir.stat().st_mtime >= cutoff


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def stacks_dir() -> Path:
    """Where the local engine keeps each ephemeral stack's state."""
    return workspaces_dir() / "stacks"


def stack_state_dir(stack_name: str) -> Path:
    return stacks_dir() / stack_name


def copy_project(source: Path, target: Path) -> Path:
    """Copy a project, leaving out caches and virtualenvs, and the workspaces folder itself when it
    lies inside the project (it would copy into itself without end). Links are copied as links and
    must point inside the project, and the tree must fit the "copy" caps of config/limits.json (a
    Pulumi program is a few hundred files): a link to `..` or a data folder would otherwise fill
    the disk. All is checked before anything is copied."""
    source = Path(source).resolve()
    own = workspaces_dir().resolve()
    own_inside = own.is_relative_to(source)

    def ignored(directory: str, names: list[str]) -> set[str]:
        skip = set(COPY_IGNORED(directory, names))
        if own_inside and own.name in names and Path(directory).resolve() == own.parent:  # one lookup a folder, not a file
            skip.add(own.name)
        return skip

    absolute_links = _check_copyable(source, ignored)
    if target.is_symlink() or target.is_file():
        target.unlink()
    elif target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, symlinks=True, ignore=ignored)
    for rel, points_to in absolute_links.items():  # an absolute link would reach back into the source
        link = target / rel
        link.unlink()
        link.symlink_to(os.path.relpath(target / points_to, link.parent))
    return target


def _check_copyable(source: Path, ignored) -> dict[str, str]:
    """Refuse a link out of `source` or a tree over the copy limits; return the absolute links
    (relative path -> what they point to, relative to `source`) that the copy must re-point."""
    limits = load_data("limits.json")["copy"]
    files, size, absolute = 0, 0, {}
    for folder, dirs, names in os.walk(source):
        skip = ignored(folder, dirs + names)
        dirs[:] = [d for d in dirs if d not in skip]
        for name in [d for d in dirs if (Path(folder) / d).is_symlink()] + [n for n in names if n not in skip]:
            path = Path(folder) / name
            if path.is_symlink():
                points_to = path.resolve()
                if not points_to.is_relative_to(source):
                    raise ProjectError(f"{path}: a symbolic link to {points_to}, outside the project; refused")
                if os.path.isabs(os.readlink(path)):
                    absolute[path.relative_to(source).as_posix()] = points_to.relative_to(source).as_posix()
                continue
            files += 1
            size += path.lstat().st_size
        if files > limits["max_files"]:
            raise ProjectError(f"{source}: more than {limits['max_files']} files to copy, the cap copy.max_files in config/limits.json")
        if size > limits["max_bytes"]:
            raise ProjectError(
                f"{source}: more than {limits['max_bytes'] // 2**20} MB to copy, the cap copy.max_bytes in config/limits.json"
            )
    return absolute


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
