"""RM050: `.apply` called on a plain value ("'str' object has no attribute 'apply'").

Models treat every value as an Output: `config.require("domain").apply(lambda d: ...)`,
`"logs".apply(...)`. A Config getter's result and a literal are plain, so Python raises an
AttributeError. `pulumi.Output.from_input(value)` makes an Output of any value (an Output stays
itself), so the callback runs as written.

Before:
    domain = config.require("domain").apply(lambda d: f"www.{d}")
After:
    domain = pulumi.Output.from_input(config.require("domain")).apply(lambda d: f"www.{d}")

Safety: safe. The callback gets the same value and its result is the Output the code expects.
"""

from __future__ import annotations

import libcst as cst

from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip
from agent.core.output_uses import OutputUse
from fixers._output_repair import repair_uses

PLAIN = {"str", "int", "float", "bool", "NoneType", "list", "dict"}


def _from_input(use: OutputUse, node: cst.CSTNode, knowledge, output: str) -> cst.CSTNode | None:
    return cst.Call(cst.parse_expression(f"{output}.from_input"), [cst.Arg(node)]) if isinstance(node, cst.BaseExpression) else None


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
        if not edits:
            return Skip("no .apply on a value the code shows to be plain (a literal or a Config getter's result)")
        return Fix(
            edits=tuple(edits),
            change=f"value.apply -> Output.from_input(value).apply ({', '.join(changed)})",
            why="A plain value has no .apply; Output.from_input makes an Output of it, so the callback runs on the same value.",
            safety=Safety.SAFE,
            file=edits[0].path,
        )
