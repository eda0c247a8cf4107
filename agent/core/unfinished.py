"""Where a file cut off mid-statement stops being whole: the first line of its unfinished last
statement. RM064 closes that statement; the intake reads a cut-off module by what comes before it."""

from __future__ import annotations

import ast

# An unfinished statement longer than this is no cut-off line but a bracket left open mid-file.
MAX_STATEMENT_LINES = 200


def parses(text: str) -> bool:
    try:
        ast.parse(text)
    except (SyntaxError, ValueError):
        return False
    return True


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip())


def unfinished_start(lines: list[str]) -> int | None:
    """The first line of the last statement when it alone keeps the file from parsing, else None."""
    if parses("".join(lines)):
        return None
    for start in range(len(lines) - 1, max(len(lines) - MAX_STATEMENT_LINES, 0) - 1, -1):
        if lines[start].strip() and parses("".join(lines[:start])):
            break
    else:
        return None
    indent = indent_of(lines[start])
    for line in lines[start + 1 :]:
        if line.strip() and indent_of(line) <= indent and line.strip()[0] not in ")]}":
            return None  # a later statement: the error is not a cut-off end
    return start


def whole_head(code: str) -> str | None:
    """The code before its unfinished last statement, when that statement alone keeps it from parsing."""
    lines = code.splitlines(keepends=True)
    start = unfinished_start(lines)
    return "".join(lines[:start]) if start is not None else None
