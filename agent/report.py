"""summary.json and report.md from a run's outcome."""

from __future__ import annotations

import difflib
from dataclasses import asdict
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template

from agent.core.config import config_path
from agent.core.fixes import Safety
from agent.loop import AppliedFix, Outcome


def _fix_entry(applied: AppliedFix) -> dict[str, Any]:
    return {
        "fixer": applied.fixer.id,
        "file": applied.fix.file or applied.error.file,
        "line": applied.fix.line or applied.error.line,
        "error": applied.error.one_line,
        "change": applied.fix.change,
        "safety": applied.fix.safety.value,
        "dropped": list(applied.fix.dropped),
    }


def summary(outcome: Outcome, *, engine: str, stack: str, duration_s: float) -> dict[str, Any]:
    resources = outcome.last_result.resources if outcome.last_result else []
    return {
        "status": outcome.status.value,
        "attempts": outcome.attempts,
        "engine": engine,
        "stack": stack,
        "duration_s": round(duration_s, 2),
        "resources": len(resources),
        "fixes": [_fix_entry(applied) for applied in outcome.fixes],
        "remaining_error": outcome.remaining_error.summary() if outcome.remaining_error else None,
        "supplied_secrets": list(outcome.supplied_secrets),
        "review": outcome.needs_review,
        "unsafe_not_applied": [_fix_entry(withheld) for withheld in outcome.withheld],
        "stack_leaked": outcome.leak is not None,
        "leak": asdict(outcome.leak) if outcome.leak else None,
    }


def template(name: str) -> Template:
    """config/<name> as a Jinja2 template, the user's override (REMEDIATE_CONFIG) first."""
    template_file = config_path(name)
    env = Environment(loader=FileSystemLoader(str(template_file.parent)), undefined=StrictUndefined, keep_trailing_newline=True)
    return env.get_template(template_file.name)


def render_report(outcome: Outcome, data: dict[str, Any], *, project: str, engine_reason: str = "", setup: tuple[str, ...] = ()) -> str:
    return without_blank_runs(
        template("report.md.j2").render(
            project=project,
            summary=data,
            reason=outcome.reason,
            engine_reason=engine_reason,
            fixes=outcome.fixes,
            unsafe=[a for a in outcome.fixes if a.fix.safety is Safety.UNSAFE],
            remaining=outcome.remaining_error,
            unlocated=unlocated_note(outcome.remaining_error),
            declined=outcome.declined,
            withheld=outcome.withheld,
            setup=setup,
        )
    )


def unlocated_note(error) -> str:
    """Why a program error names no line of the program: pulumi raised it later, resolving an Output."""
    if error is None or error.file or "pulumi/output.py" not in error.raw:
        return ""
    attribute, holder = error.details.get("attribute"), error.details.get("cls")
    if attribute and holder:
        return (
            f"Raised while pulumi resolved an Output: the program read `.{attribute}` on an Output whose value is a "
            f"{holder} (an Output passes attribute reads on to its value, later), so the traceback holds no line of the "
            f"program. Look for `.{attribute}` on a value that holds a {holder}, such as an ARN passed where a resource "
            "was expected."
        )
    return (
        "Raised while pulumi resolved an Output (in an `.apply` callback or an attribute read on an Output), after "
        "the program's own lines had run, so the traceback holds none of them."
    )


def without_blank_runs(text: str) -> str:
    """One blank line at most between blocks, as optional sections leave more; fenced code
    (diffs, tracebacks) is kept exactly."""
    lines, fenced, blank = [], False, 0
    for line in text.splitlines(keepends=True):
        if line.startswith("```"):
            fenced = not fenced
        blank = blank + 1 if not fenced and not line.strip() else 0
        if blank <= 1:
            lines.append(line)
    return "".join(lines)


def project_diff(before: Path, after: Path) -> str:
    """Unified diff of every file that differs between two project trees."""

    def files(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts}

    chunks = []
    for rel in sorted(files(before) | files(after)):
        old, new = before / rel, after / rel
        old_text = old.read_text(errors="replace").splitlines(keepends=True) if old.is_file() else []
        new_text = new.read_text(errors="replace").splitlines(keepends=True) if new.is_file() else []
        if old_text != new_text:
            chunks.append(
                "".join(
                    difflib.unified_diff(
                        old_text, new_text, f"a/{rel}" if old.is_file() else "/dev/null", f"b/{rel}" if new.is_file() else "/dev/null"
                    )
                )
            )
    return "".join(chunks)
