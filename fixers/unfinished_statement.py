"""RM064: a file that ends inside its last statement: the response was cut off mid-statement.

A model that runs out of output tokens stops mid-line: a bracket never closed, a string never
ended, a block with no body. Everything before that last statement parses. The statement is closed
after its last whole element, so a resource keeps the arguments it was given and the others are
left to the fixers that follow (a required input the provider asks for); one with no whole element
is cut. Python's tokenizer finds the elements (the file does not parse, so libcst cannot read it),
and the result must parse. A syntax error that is not at the end of the file is left alone: the
statement must run to the end, every line after its first indented deeper (or closing a bracket).

Before:
    pulumi.export("bucket", bucket.id)
    pulumi.export("name_
After:
    pulumi.export("bucket", bucket.id)

Safety: unsafe. The unfinished text is the author's, lost; the report lists it for review.
"""

from __future__ import annotations

import io
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass

from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, FixResult, Match, Safety, Skip, edit_file
from agent.core.unfinished import indent_of, parses, unfinished_start

CLOSER = {"(": ")", "[": "]", "{": "}"}


def _element_ends(tail: str) -> Iterator[tuple[int, tuple[str, ...]]]:
    """(offset just after, brackets open there) of each comma ending a whole element, in order."""
    starts = [0]
    for line in io.StringIO(tail):
        starts.append(starts[-1] + len(line))
    opened: list[str] = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(tail).readline):
            if token.type == tokenize.ERRORTOKEN:
                return  # an unterminated string: what follows is its text, not code
            if token.type != tokenize.OP:
                continue
            if token.string in CLOSER:
                opened.append(token.string)
            elif token.string in CLOSER.values() and opened:
                opened.pop()
            elif token.string == "," and opened:
                row, col = token.end
                yield starts[row - 1] + col, tuple(opened)
    except (tokenize.TokenError, SyntaxError):
        return  # the end of the file inside a bracket or string: the elements so far are all there are


def _finished(head: str, tail: str) -> tuple[str, str]:
    """(the tail closed after its last whole element, or "" to cut it; the text it loses)."""
    indent = " " * indent_of(tail)
    for end, opened in reversed(list(_element_ends(tail))):
        closed = tail[:end].rstrip() + "\n" + indent + "".join(CLOSER[b] for b in reversed(opened)) + "\n"
        if parses(head + closed):
            return closed, tail[end:].strip()
    return "", tail.strip()


@dataclass(frozen=True)
class CutOff:
    path: str


class UnfinishedStatement(Fixer[CutOff]):
    id = "RM064"
    name = "python.unfinished-statement"
    title = "Close a statement the response was cut off in, after its last whole element"
    kinds = frozenset({ErrorKind.SYNTAX})
    safety = Safety.UNSAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[CutOff] | None:
        if not error.file or not (ctx.project.root / error.file).is_file():
            return None
        return Match(error, CutOff(error.file))

    def fix(self, match: Match[CutOff], ctx: FixContext) -> FixResult:
        path = match.found.path
        text = ctx.project.read(path)
        lines = text.splitlines(keepends=True)
        start = unfinished_start(lines)
        if start is None:
            return Skip(f"{path} does not end inside an unfinished statement; its syntax error is elsewhere")
        head = "".join(lines[:start])
        head = head if head.endswith("\n") or not head else head + "\n"
        closed, lost = _finished(head, "".join(lines[start:]))
        edit = edit_file(ctx.project, path, head + closed)
        if edit is None:
            return Skip(f"{path}: nothing to close")
        shown = lost.splitlines()[0] if lost else ""
        losing = f", losing `{shown}`" if shown else ""
        action = f"closed after its last whole element{losing}" if closed else f"cut (`{shown}`)"
        return Fix(
            edits=(edit,),
            change=f"{path}:{start + 1}: the statement the file ends in, unfinished, {action}",
            why="The response stops mid-statement (the model ran out of output), so the file cannot be parsed; "
            "what came before is kept whole, and what the author did not finish must be written by hand.",
            safety=Safety.UNSAFE,
            file=path,
            line=start + 1,
            dropped=(shown,) if shown else (),
        )
