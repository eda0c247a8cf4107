"""The task statement (PROMPT.md) a project or candidate response was written for."""

from __future__ import annotations

from pathlib import Path

from agent.intake.guards import case_text

FILE = "PROMPT.md"


def read_task(path: Path) -> str:
    """The task statement beside a project or candidate response, "" when there is none."""
    return case_text(Path(path), FILE)[0] if (Path(path) / FILE).is_file() else ""
