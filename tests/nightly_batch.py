"""A made-up batch output (OUT/summary.json and each case's summary.json), as `remediate batch`
writes them, for the nightly reports' tests: no engine runs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from agent.batch import case_entry, counts

FIX_SAFE = {
    "fixer": "RM001",
    "file": "lib/tap_stack.py",
    "line": 12,
    "error": "unexpected keyword 'x'",
    "change": "dropped x=",
    "safety": "safe",
}
FIX_UNSAFE = {"fixer": "RM009", "file": None, "line": None, "error": "missing required config", "change": "set a value", "safety": "unsafe"}


def _case(name: str, status: str, fixes: list[dict], remaining: dict | None, duration: float, error: str | None = None) -> dict[str, Any]:
    """A case's entry as the batch builds it (case_entry), plus its fixes in full under "_fixes"."""
    summary = {"status": status, "attempts": 0 if error else 1 + len(fixes), "fixes": fixes, "remaining_error": remaining}
    return {**case_entry(name, summary, duration, error), "_fixes": fixes}


def night(n: int = 0) -> list[dict[str, Any]]:
    """Five cases: fixed (one safe, one unsafe fix), clean, two failed, and one that crashed."""
    return [
        _case("Pr100", "fixed", [FIX_SAFE, FIX_UNSAFE], None, 4.5),
        _case("Pr200", "clean", [], None, 2.0),
        _case(
            "Pr300",
            "failed",
            [FIX_SAFE],
            {"kind": "cloud", "message": f"creating S3 Bucket (logs-{n}abc): BucketAlreadyExists", "file": "lib/s3.py", "line": 7},
            9.25,
        ),
        _case("Pr400", "failed", [], {"kind": "program", "message": "KeyError: 'vpc_id'", "file": None, "line": None}, 3.0),
        _case("Pr500", "error", [], None, 0.5, error="BrokenProcessPool: a child process terminated abruptly"),
    ]


def write_batch(out: Path, cases: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    cases = night() if cases is None else cases
    entries = []
    for case in cases:
        case = dict(case)
        fixes = case.pop("_fixes")
        entries.append(case)
        if case["status"] != "error":
            (out / case["case"]).mkdir(parents=True, exist_ok=True)
            summary = {"status": case["status"], "attempts": case["attempts"], "fixes": fixes, "remaining_error": case["remaining_error"]}
            (out / case["case"] / "summary.json").write_text(json.dumps(summary))
    data = {"cases": entries, "skipped": [], "counts": counts(entries), "duration_s": 12.0}
    out.mkdir(parents=True, exist_ok=True)
    (out / "summary.json").write_text(json.dumps(data))
    return data
