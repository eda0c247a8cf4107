"""RM012: `json.dumps` of a structure holding pulumi Outputs ("Object of type Output is not JSON serializable").

An Output has no value while the program runs, so `json.dumps` cannot encode it.
`pulumi.Output.json_dumps` (pulumi >= 3.70) takes the same arguments, waits for every nested
Output and returns an Output[str], which resource inputs such as `policy=` accept.
"""

from __future__ import annotations

import ast
from typing import Optional

import libcst as cst

from agent.errors import DeployError, ErrorKind
from fixers import _pulumi
from fixers._cst import nodes_with_lines, parse
from fixers.base import Fix, FixContext, Fixer, Match, Safety, Skip, edit_file

MESSAGE = "Object of type Output is not JSON serializable"


def _is_literal(node: cst.BaseExpression) -> bool:
    try:
        ast.literal_eval(cst.Module([]).code_for_node(node))
        return True
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False


class _Convert(cst.CSTTransformer):
    """json.dumps -> Output.json_dumps in the given statements, outside lambdas (apply callbacks get plain values)."""

    def __init__(self, statements: list[cst.CSTNode], names: dict[str, str], json_dumps: str) -> None:
        self.statements = statements
        self.names = names
        self.json_dumps = json_dumps
        self.inside = 0
        self.lambdas = 0
        self.converted = 0

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        self.inside += any(node is s for s in self.statements)

    def leave_SimpleStatementLine(self, original_node, updated_node):
        self.inside -= any(original_node is s for s in self.statements)
        return updated_node

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self.lambdas += 1

    def leave_Lambda(self, original_node, updated_node):
        self.lambdas -= 1
        return updated_node

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if not self.inside or self.lambdas or _pulumi.full_name(updated_node.func, self.names) != "json.dumps":
            return updated_node
        if not updated_node.args or updated_node.args[0].keyword is not None or _is_literal(updated_node.args[0].value):
            return updated_node
        self.converted += 1
        return updated_node.with_changes(func=cst.parse_expression(self.json_dumps))


class OutputJson(Fixer):
    id = "RM012"
    name = "python.output-json"
    title = "Serialize Outputs with pulumi.Output.json_dumps instead of json.dumps"
    kinds = frozenset({ErrorKind.PROGRAM})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Optional[Match]:
        if error.kind not in self.kinds or MESSAGE not in error.message or not error.file or not error.line:
            return None
        return Match(error)

    def fix(self, match: Match, ctx: FixContext) -> Fix | Skip:
        path, line = match.error.file, match.error.line
        module = parse(ctx.project.read(path))
        if module is None:
            return Skip(f"{path} does not parse")
        statements = [n for n, start, end in nodes_with_lines(module, cst.SimpleStatementLine) if start <= line <= end]
        names = _pulumi.imported_names(module)
        output, needs_import = _pulumi.spelling(names, "Output")
        convert = _Convert(statements, names, f"{output}.json_dumps")
        after = module.visit(convert)
        if not convert.converted:
            return Skip(f"no json.dumps of a non-literal value in the statement at {path}:{line}")
        if needs_import:
            after = _pulumi.with_import(after)
        edit = edit_file(ctx.project, path, after.code)
        if edit is None:
            return Skip(f"nothing to change at {path}:{line}")
        calls = f"{convert.converted} call{'s' if convert.converted != 1 else ''}"
        return Fix(
            edits=(edit,),
            change=f"json.dumps -> {output}.json_dumps ({calls} at {path}:{line})",
            why="json.dumps cannot encode pulumi Outputs; Output.json_dumps waits for the nested Outputs and yields an Output[str] the input accepts.",
            safety=Safety.SAFE,
            file=path,
            line=line,
        )
