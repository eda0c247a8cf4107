"""The task statement (PROMPT.md) a project or candidate response was written for."""

from __future__ import annotations

from pathlib import Path

FILE = "PROMPT.md"


def read_task(path: Path) -> str:
    """The task statement beside a project or candidate response, "" when there is none."""
    statement = Path(path) / FILE
    return statement.read_text(errors="replace") if statement.is_file() else ""
