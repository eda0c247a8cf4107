"""Apply a fix's edits to the working copy: all or nothing, never a broken file."""

from __future__ import annotations

import ast

import libcst as cst

from agent.core.fixes import Edit
from agent.core.project import Project


class PatchRefused(RuntimeError):
    """The edits could not be applied cleanly; the working copy is as it was."""


def apply_edits(project: Project, edits: tuple[Edit, ...] | list[Edit]) -> None:
    paths = [edit.path for edit in edits]
    if len(set(paths)) != len(paths):
        raise PatchRefused(f"more than one edit for {', '.join(sorted({p for p in paths if paths.count(p) > 1}))}")
    for edit in edits:
        target = project.root / edit.path
        current = target.read_text() if target.exists() else None
        if current != edit.before:
            raise PatchRefused(f"{edit.path} changed since the fix was computed")
        if edit.after is not None and edit.path.endswith(".py"):
            try:
                cst.parse_module(edit.after)
            except cst.ParserSyntaxError as exc:
                raise PatchRefused(f"the patch would break {edit.path}: {str(exc).splitlines()[0]}") from exc
            problem = _python_syntax_error(edit.after)
            if problem and not _python_syntax_error(edit.before or ""):
                raise PatchRefused(f"the patch would break {edit.path} on this Python: {problem}")
    originals = {edit.path: edit.before for edit in edits}
    try:
        for edit in edits:
            if edit.after is None:
                (project.root / edit.path).unlink()
            else:
                project.write(edit.path, edit.after)
    except OSError as exc:
        revert(project, originals)
        raise PatchRefused(f"could not write: {exc}") from exc


def _python_syntax_error(text: str) -> str | None:
    """What this interpreter's parser says of the text, None when it parses. libcst accepts newer
    syntax (an f-string nesting its own quotes) than the Python the program runs on may."""
    try:
        ast.parse(text)
    except SyntaxError as exc:
        return f"{exc.msg} (line {exc.lineno})"
    return None


def revert(project: Project, originals: dict[str, str | None]) -> None:
    for path, text in originals.items():
        if text is None:
            (project.root / path).unlink(missing_ok=True)
        else:
            project.write(path, text)
