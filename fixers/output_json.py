"""RM012: `json.dumps` of a structure holding pulumi Outputs ("Object of type Output is not JSON serializable").

An Output has no value while the program runs, so `json.dumps` cannot encode it.
`pulumi.Output.json_dumps` (pulumi >= 3.70) takes the same arguments, waits for every nested
Output and returns an Output[str], which resource inputs such as `policy=` accept.

Before:
    policy=json.dumps({"Resource": bucket.arn})
After:
    policy=pulumi.Output.json_dumps({"Resource": bucket.arn})

Safety: safe. The input gets the same JSON text once the Outputs resolve.
"""

from __future__ import annotations

import ast

import libcst as cst
from libcst.metadata import PositionProvider

from agent.core import sdk
from agent.core.cst import metadata, nodes_with_lines, parsed_or_skip
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip
from fixers import _pulumi


def _is_literal(node: cst.BaseExpression) -> bool:
    try:
        ast.literal_eval(cst.Module([]).code_for_node(node))
        return True
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False


class _Convert(cst.CSTTransformer):
    """json.dumps -> Output.json_dumps for the calls chosen by `_located`."""

    def __init__(self, calls: list[cst.Call], names: dict[str, str], json_dumps: str) -> None:
        self.calls = calls
        self.names = names
        self.json_dumps = json_dumps
        self.converted = 0

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if not any(original_node is c for c in self.calls):
            return updated_node
        self.converted += 1
        return updated_node.with_changes(func=cst.parse_expression(self.json_dumps))


class _Dumps(cst.CSTVisitor):
    """Every json.dumps call of a non-literal value, with whether it sits in a lambda; none in f-strings
    (there an Output.json_dumps would be formatted as an Output, not as JSON)."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.lambdas = 0
        self.fstrings = 0
        self.found: list[tuple[cst.Call, int, int, bool]] = []  # call, first line, last line, in a lambda
        self.converted_lines: set[int] = set()  # first lines of Output.json_dumps calls outside lambdas

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self.lambdas += 1

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self.lambdas -= 1

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        self.fstrings += 1

    def leave_FormattedString(self, original_node: cst.FormattedString) -> None:
        self.fstrings -= 1

    def visit_Call(self, node: cst.Call) -> None:
        name = sdk.full_path(node.func, self.names)
        pos = self.get_metadata(PositionProvider, node)
        if name == "pulumi.Output.json_dumps" and not self.lambdas:
            self.converted_lines.add(pos.start.line)
        if self.fstrings or name != "json.dumps":
            return
        if not node.args or node.args[0].keyword is not None or _is_literal(node.args[0].value):
            return
        self.found.append((node, pos.start.line, pos.end.line, bool(self.lambdas)))


def _located(module: cst.Module, names: dict[str, str], line: int) -> list[cst.Call]:
    """The json.dumps calls the error points at.

    The innermost project frame is the json.dumps call's first line. Outside a lambda the call got
    an Output directly. When the only call there is in a lambda, the exception came from an apply
    callback whose value still holds an Output (one the lambda reaches outside its argument, as in
    `Output.all(a).apply(lambda args: json.dumps({..., "x": b.arn}))`); Output.json_dumps there is
    right too, since apply unwraps an Output its callback returns. With no call on the line, the
    statement spanning it, lambdas aside.
    """
    wrapper = metadata(module)
    dumps = _Dumps(names)
    wrapper.visit(dumps)
    on_line = [(call, in_lambda) for call, start, _, in_lambda in dumps.found if start == line]
    if on_line:
        outside = [call for call, in_lambda in on_line if not in_lambda]
        if outside or line in dumps.converted_lines:  # a call outside lambdas is the one that failed
            return outside
        return [call for call, _ in on_line]
    statements = [(start, end) for _, start, end in nodes_with_lines(module, cst.SimpleStatementLine) if start <= line <= end]
    return [call for call, start, end, in_lambda in dumps.found if not in_lambda and any(s <= start and end <= e for s, e in statements)]


class OutputJson(Fixer[None]):
    id = "RM012"
    name = "python.output-json"
    title = "Serialize Outputs with pulumi.Output.json_dumps instead of json.dumps"
    kinds = frozenset({ErrorKind.PROGRAM})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[None] | None:
        if error.kind not in self.kinds or error.details.get("unserializable") != "Output" or not error.file or not error.line:
            return None
        return Match(error)

    def fix(self, match: Match[None], ctx: FixContext) -> Fix | Skip:
        path, line = match.error.file, match.error.line
        module = parsed_or_skip(ctx.project, path)
        if isinstance(module, Skip):
            return module
        names = _pulumi.imported_names(module)
        output, needs_import = _pulumi.spelling(names, "Output")
        convert = _Convert(_located(module, names, line), names, f"{output}.json_dumps")
        after = module.visit(convert)
        if not convert.converted:
            return Skip(f"no json.dumps of a non-literal value (outside f-strings) in the statement at {path}:{line}")
        edit = _pulumi.edit_with_import(ctx.project, path, after, needs_import)
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
