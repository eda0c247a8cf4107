"""The output folder (--out): checked before a run writes anything, so a run never destroys what
the user keeps there, never writes into its own input, and never replaces a folder holding it."""

from __future__ import annotations

import fcntl
import hashlib
import json
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from agent.arguments import UsageError
from agent.core.workspaces import workspaces_dir

RUN_OUTPUTS = (
    "project",
    "input-project",
    "fix.diff",
    "fixlog.jsonl",
    "report.md",
    "summary.json",
    "MODEL_FAILURES.md",
    "IDEAL_RESPONSE.md",
)


def is_previous_output(out: Path) -> bool:
    """A folder a run or a batch wrote, known by its summary.json (a run's status, a batch's cases)."""
    try:
        data = json.loads((out / "summary.json").read_text())
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and ({"status", "attempts"} <= data.keys() or {"cases", "counts"} <= data.keys())


def check_out(out: Path, inputs: Iterable[Path], force: bool = False) -> None:
    """Refuse an OUT that is a file, the input, inside it or above it (even with --force), and one
    holding anything but a previous run's output (unless --force)."""
    resolved = Path(out).resolve()
    if resolved.exists() and not resolved.is_dir():
        raise UsageError(f"--out {out}: a file, not a folder")
    for given in inputs:
        source = Path(given).resolve()
        if resolved.is_relative_to(source):
            raise UsageError(f"--out {out}: the input {given} or a folder inside it; choose a folder outside the input")
        if source.is_relative_to(resolved):
            raise UsageError(f"--out {out}: holds the input {given}, which the run would overwrite; choose another folder")
    if force or not resolved.exists() or not any(resolved.iterdir()) or is_previous_output(resolved):
        return
    raise UsageError(
        f"--out {out}: not empty and not a previous run's output (known by its summary.json); choose an empty folder or add --force"
    )


def clear_previous_output(out: Path) -> None:
    """Remove what an earlier run wrote to OUT (and nothing else), so no old file passes for new."""
    for name in RUN_OUTPUTS:
        path = out / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()


@contextmanager
def claimed(out: Path) -> Iterator[None]:
    """Hold OUT for this run alone: a second run given the same OUT while this one lives is refused
    (it would clear and overwrite files this run is writing). The claim is a lock on a file in the
    workspaces folder, not in OUT, and the kernel drops it when the process dies."""
    key = hashlib.sha256(str(Path(out).resolve()).encode()).hexdigest()[:32]
    locks = workspaces_dir() / "locks"
    locks.mkdir(parents=True, exist_ok=True)
    with open(locks / f"{key}.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(f"--out {out}: another run is writing there now; wait for it or choose another folder") from None
        yield
