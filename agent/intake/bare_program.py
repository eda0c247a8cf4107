"""A program written without code fences: a bare Python file, or Python with prose around it.

Some answers are the program itself, or the program between an introduction and a summary, with
no fence to say where the code starts. The program is then the longest run of lines that parses
as Python and imports pulumi. Runs are found from the parser's own error lines (a span that fails
at line k is cut before k, and the search goes on after k), so an answer costs a few parses per
prose paragraph, not one per pair of lines. Prose that happens to parse at a run's edges ("main.py",
"Usage: pulumi up") is trimmed: a bare name, attribute or annotation does nothing in a program.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def _error_line(lines: list[str]) -> int | None:
    """The 1-based line of the first syntax error in `lines`, None when they parse."""
    try:
        ast.parse("\n".join(lines))
    except SyntaxError as error:
        return min(max(error.lineno or 1, 1), len(lines))
    except ValueError:  # a NUL byte
        return 1
    return None


def parsing_spans(lines: list[str]) -> Iterator[tuple[int, int]]:
    """(start, end) line slices, in order, each the longest that parses from its start up to the next error."""
    start = 0
    while start < len(lines):
        if not lines[start].strip():
            start += 1
            continue
        error = _error_line(lines[start:])
        if error is None:
            yield start, len(lines)
            return
        end = start + error - 1
        while end > start:
            inner = _error_line(lines[start:end])
            if inner is None:
                yield start, end
                break
            end = start + inner - 1
        start += error


def _is_inert(node: ast.stmt) -> bool:
    """A statement a line of prose parses as: a bare name or attribute ("main.py"), an annotation
    with no value ("Usage: pulumi")."""
    if isinstance(node, ast.Expr):
        return isinstance(node.value, (ast.Name, ast.Attribute, ast.Compare, ast.BinOp, ast.UnaryOp, ast.Tuple))
    return isinstance(node, ast.AnnAssign) and node.value is None


def trimmed(lines: list[str], start: int, end: int) -> tuple[int, int]:
    """The span without the inert statements at its edges (empty when it holds nothing else)."""
    body = ast.parse("\n".join(lines[start:end])).body
    kept = [i for i, node in enumerate(body) if not _is_inert(node)]
    if not kept:
        return start, start
    first, last = kept[0], kept[-1]
    new_start = start + body[first - 1].end_lineno if first > 0 else start
    new_end = start + body[last + 1].lineno - 1 if last + 1 < len(body) else end
    return new_start, new_end


def imports_pulumi(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        else:
            continue
        if any(name.split(".")[0] in ("pulumi", "pulumi_aws") for name in names):
            return True
    return False


def is_program(tree: ast.Module) -> bool:
    """Imports pulumi and does something besides importing (a span of imports alone is no program)."""
    return imports_pulumi(tree) and any(
        not isinstance(node, (ast.Import, ast.ImportFrom)) and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
        for node in tree.body
    )


@dataclass(frozen=True)
class BareProgram:
    code: str
    first: int  # 1-based line of the response where it starts
    last: int
    parses: bool  # False: the response's Python is broken (indentation flattened, lines run together)


def bare_program(text: str) -> BareProgram | None:
    """The longest run of lines in `text` that parses as a Pulumi program. When none does but some
    Python importing pulumi is there (code whose layout the answer mangled), the text from that
    import on, fence lines left out, so that the run reports where it stops parsing. None when the
    text holds no Python importing pulumi."""
    lines = text.splitlines()
    best: tuple[int, int] | None = None
    broken: int | None = None
    for span in parsing_spans(lines):
        start, end = trimmed(lines, *span)
        tree = ast.parse("\n".join(lines[start:end]))
        if is_program(tree) and (best is None or _weight(lines, start, end) > _weight(lines, *best)):
            best = (start, end)
        elif broken is None and imports_pulumi(tree):
            broken = start
    if best is not None:
        start, end = best
        while not lines[start].strip():
            start += 1
        while not lines[end - 1].strip():
            end -= 1
        return BareProgram("\n".join(lines[start:end]).strip("\n") + "\n", start + 1, end, parses=True)
    if broken is None:
        return None
    kept = [line for line in lines[broken:] if not FENCE.match(line)]
    return BareProgram("\n".join(kept).strip("\n") + "\n", broken + 1, len(lines), parses=False)


def _weight(lines: list[str], start: int, end: int) -> int:
    return sum(1 for line in lines[start:end] if line.strip())


def has_code(text: str) -> bool:
    """Whether the text holds any code at all: a fenced block, or a line of Python beyond a bare word."""
    if "```" in text or "~~~" in text:
        return True
    lines = text.splitlines()
    for start, end in parsing_spans(lines):
        body = ast.parse("\n".join(lines[start:end])).body
        if any(not _is_inert(node) and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)) for node in body):
            return True
    return False
