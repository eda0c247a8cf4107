"""The two documents the response pipeline expects beside a candidate response, written from a run:
MODEL_FAILURES.md (what failed, why, and the fix, one section per failure) and IDEAL_RESPONSE.md
(the response's own prose with each code block that became a file replaced by the fixed file).

Both are rendered from Jinja2 templates in config/templates/, which a user can override
(REMEDIATE_CONFIG), as report.md is.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from agent.core.errors import DeployError
from agent.core.fixes import Edit
from agent.intake.materialize import fenced_blocks, parse_blocks
from agent.loop import AppliedFix, Outcome
from agent.report import template, without_blank_runs

FAILURES = "MODEL_FAILURES.md"
IDEAL = "IDEAL_RESPONSE.md"
CONTEXT_LINES = 2  # unchanged lines shown around a change
SNIPPET_LINES = 40  # a longer side of a change is cut, with a note saying how much
LANGUAGES = {".py": "python", ".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml", ".sh": "bash", ".js": "javascript"}


@dataclass(frozen=True)
class Snippet:
    """One changed region of one file: the model's lines and the fixed ones."""

    path: str
    language: str
    incorrect: str  # "" when the fix added the file
    corrected: str  # "" when the fix removed the file


@dataclass(frozen=True)
class Failure:
    """One section of MODEL_FAILURES.md."""

    title: str
    code: str  # the fixer code
    category: str
    where: str
    error: DeployError
    snippets: tuple[Snippet, ...]
    change: str
    root_cause: str
    safety: str
    docs: str
    attempt: int


def category(kind: str) -> str:
    return kind.replace("_", " ").capitalize()


def language(path: str) -> str:
    return LANGUAGES.get(PurePosixPath(path).suffix, "")


def _cut(lines: list[str]) -> str:
    if len(lines) > SNIPPET_LINES:
        lines = [*lines[:SNIPPET_LINES], f"... ({len(lines) - SNIPPET_LINES} more lines)"]
    return "\n".join(lines)


def snippets(edit: Edit) -> list[Snippet]:
    """The edit's changed regions with a little context, each as before/after text."""
    before, after = (edit.before or "").splitlines(), (edit.after or "").splitlines()
    if edit.before is None or edit.after is None:
        return [Snippet(edit.path, language(edit.path), _cut(before), _cut(after))]
    groups = difflib.SequenceMatcher(None, before, after, autojunk=False).get_grouped_opcodes(CONTEXT_LINES)
    found = []
    for group in groups:
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        found.append(Snippet(edit.path, language(edit.path), _cut(before[i1:i2]), _cut(after[j1:j2])))
    return found


def failure(applied: AppliedFix) -> Failure:
    error, fix = applied.error, applied.fix
    file, line = fix.file or error.file, fix.line or error.line
    where = f"`{file}`" + (f" line {line}" if line else "") if file else "not located in the source"
    if error.resource_type:
        where += f", resource `{error.resource_name}` (`{error.resource_type}`)"
    return Failure(
        title=applied.fixer.title,
        code=applied.fixer.id,
        category=category(error.kind.value),
        where=where,
        error=error,
        snippets=tuple(s for edit in fix.edits for s in snippets(edit)),
        change=fix.change,
        root_cause=fix.why,
        safety=fix.safety.value,
        docs=applied.fixer.docs,
        attempt=applied.attempt,
    )


@dataclass(frozen=True)
class Category:
    """A row of the summary: how many failures of one kind were fixed, whether one is left."""

    name: str
    fixed: int
    unfixed: int
    codes: tuple[str, ...]


def categories(failures: list[Failure], remaining: DeployError | None) -> list[Category]:
    counted = Counter(f.category for f in failures)
    left = category(remaining.kind.value) if remaining is not None else None
    if left:
        counted.setdefault(left, 0)
    return [
        Category(name, n, int(name == left), tuple(dict.fromkeys(f.code for f in failures if f.category == name)))
        for name, n in counted.most_common()
    ]


def render_failures(outcome: Outcome, *, project: str, engine: str) -> str:
    failures = [failure(applied) for applied in outcome.fixes]
    remaining = outcome.remaining_error
    return without_blank_runs(
        template("templates/MODEL_FAILURES.md.j2").render(
            project=project,
            engine=engine,
            status=outcome.status.value,
            attempts=outcome.attempts,
            reason=outcome.reason,
            failures=failures,
            categories=categories(failures, remaining),
            remaining=remaining,
            remaining_category=category(remaining.kind.value) if remaining else "",
            declined=outcome.declined,
        )
    )


def _files(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text(errors="replace")
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def ideal_text(response: str, original: dict[str, str], fixed: dict[str, str]) -> tuple[str, list[str]]:
    """The response with each code block that became a project file replaced by that file as fixed,
    and the files the fix changed that no block shows. A block is known by its text (as written
    into the project); a file no block holds as is (restored, cut off) is the last block naming it."""
    by_text = {text.strip(): path for path, text in original.items() if text.strip()}
    named = {block.line - 1: block.path for block in parse_blocks(response)}
    blocks = [
        (index, len(code.splitlines()) if code.strip() else 0, by_text.get(code.strip())) for index, _, code, _ in fenced_blocks(response)
    ]
    matched = {path for _, _, path in blocks if path}
    last_named = {named.get(index): index for index, _, path in blocks if path is None and named.get(index) in original.keys() - matched}
    lines = response.splitlines()
    for index, body, path in reversed(blocks):
        path = path or next((name for name, last in last_named.items() if last == index), None)
        if path is not None and fixed.get(path) is not None and fixed[path] != original[path]:
            lines[index + 1 : index + 1 + body] = fixed[path].rstrip("\n").splitlines()
    shown = matched | set(last_named)
    unshown = [path for path in fixed if path not in shown and fixed[path] != original.get(path)]
    return "\n".join(lines) + "\n", unshown


def render_ideal(response: str, original_root: Path, fixed_root: Path) -> str:
    original, fixed = _files(original_root), _files(fixed_root)
    text, unshown = ideal_text(response, original, fixed)
    return template("templates/IDEAL_RESPONSE.md.j2").render(
        response=text,
        added=[(path, language(path), fixed[path]) for path in unshown if path not in original],
        changed=[(path, language(path), fixed[path]) for path in unshown if path in original],
    )


def write_documents(
    out: Path,
    outcome: Outcome,
    *,
    response: str,
    original: Path,
    fixed: Path,
    project: str,
    engine: str,
    redact: Callable[[str], str] = lambda text: text,
) -> None:
    """MODEL_FAILURES.md and IDEAL_RESPONSE.md into `out` (a run on a candidate response), with the
    run's secrets masked as in its other outputs."""
    (out / FAILURES).write_text(redact(render_failures(outcome, project=project, engine=engine)))
    (out / IDEAL).write_text(redact(render_ideal(response, original, fixed)))
