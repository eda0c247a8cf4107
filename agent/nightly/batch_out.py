"""Reading what `remediate batch` wrote: each case's own summary.json beside OUT/summary.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def case_summary(out: Path, case: str) -> dict[str, Any]:
    """OUT/<case>/summary.json, or {} when the case wrote none (it crashed)."""
    try:
        data = json.loads((out / case / "summary.json").read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remaining_text(entry: dict[str, Any]) -> str:
    """The error a case ended with, one line: its remaining error, or why it crashed."""
    if entry.get("error"):
        return entry["error"]
    remaining = entry.get("remaining_error")
    return f"{remaining['kind']}: {remaining['message']}" if remaining else ""


def unsafe_fixes(out: Path, case: str) -> int:
    return sum(1 for fix in case_summary(out, case).get("fixes", []) if fix.get("safety") == "unsafe")
