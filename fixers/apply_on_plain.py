"""RM050: `.apply` called on a plain value ("'str' object has no attribute 'apply'").

Models treat every value as an Output: `config.require("domain").apply(lambda d: ...)`,
`"logs".apply(...)`. A Config getter's result and a literal are plain, so Python raises an
AttributeError. `pulumi.Output.from_input(value)` makes an Output of any value (an Output stays
itself), so the callback runs as written. Where the code does not show the value plain
(`(config.get("env") or "dev").apply(...)`), the run's error line does: every `.apply` there
on what is not known to be an Output gets the same wrapping.

Before:
    domain = config.require("domain").apply(lambda d: f"www.{d}")
After:
    domain = pulumi.Output.from_input(config.require("domain")).apply(lambda d: f"www.{d}")

Safety: safe. The callback gets the same value and its result is the Output the code expects.
"""

from __future__ import annotations

import libcst as cst

from agent.core.cst import nodes_with_lines, parse
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Edit, Fix, FixContext, Fixer, Match, Safety, Skip
from agent.core.output_uses import OutputUse
from agent.core.output_values import Knowledge
from fixers import _pulumi
from fixers._output_repair import code, repair_uses

PLAIN = {"str", "int", "float", "bool", "NoneType", "list", "dict"}


def _from_input(use: OutputUse, node: cst.CSTNode, knowledge, output: str) -> cst.CSTNode | None:
    return cst.Call(cst.parse_expression(f"{output}.from_input"), [cst.Arg(node)]) if isinstance(node, cst.BaseExpression) else None


class _WrapReceivers(cst.CSTTransformer):
    def __init__(self, receivers: set[int], output: str) -> None:
        self.receivers, self.output = receivers, output

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        if id(original_node) not in self.receivers:
            return updated_node
        return updated_node.with_changes(value=_from_input(None, updated_node.value, None, self.output))


def _at_line(ctx: FixContext, path: str, line: int) -> tuple[Edit | None, list[str]]:
    """Every `.apply` on the error's line whose receiver is not known to be an Output, wrapped."""
    module = parse(ctx.project.read(path)) if (ctx.project.root / path).is_file() else None
    if module is None:
        return None, []
    knowledge = Knowledge(module)
    found = [
        node
        for node, start, _ in nodes_with_lines(module, cst.Attribute)
        if start == line and node.attr.value == "apply" and not knowledge.is_output(node.value)
    ]
    if not found:
        return None, []
    output, needs_import = _pulumi.spelling(_pulumi.imported_names(module), "Output")
    after = module.visit(_WrapReceivers({id(node) for node in found}, output))
    return _pulumi.edit_with_import(ctx.project, path, after, needs_import), [f"{path}: {code(node.value)}" for node in found]


class ApplyOnPlain(Fixer):
    id = "RM050"
    name = "python.apply-on-plain"
    title = "Make an Output of a plain value the code calls .apply on"
    kinds = frozenset({ErrorKind.UNKNOWN_ATTRIBUTE})
    safety = Safety.SAFE
    runs_before = frozenset({"RM002"})

    def match(self, error: DeployError, ctx: FixContext) -> Match | None:
        return Match(error) if error.details.get("attribute") == "apply" and error.details.get("cls") in PLAIN else None

    def fix(self, match: Match, ctx: FixContext) -> Fix | Skip:
        edits, changed, _ = repair_uses(ctx, {"apply_on_plain"}, _from_input)
        if not edits and match.error.file and match.error.line:
            edit, changed = _at_line(ctx, match.error.file, match.error.line)
            edits = [edit] if edit is not None else []
        if not edits:
            return Skip("no .apply on a value the code shows to be plain (a literal or a Config getter's result)")
        return Fix(
            edits=tuple(edits),
            change=f"value.apply -> Output.from_input(value).apply ({', '.join(changed)})",
            why="A plain value has no .apply; Output.from_input makes an Output of it, so the callback runs on the same value.",
            safety=Safety.SAFE,
            file=edits[0].path,
        )
