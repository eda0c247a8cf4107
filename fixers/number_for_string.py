"""RM046: a number or bool given where the SDK takes a str.

`engine_version=16.3`, `port="5432"`'s reverse: pulumi_aws declares `engine_version:
pulumi.Input[str]`, and a float literal loses what a version string keeps (`5.10` is 5.1). The
annotation (agent/core/input_types.py) names the type, so every such literal becomes the string
its source text spells (`True` -> "true", as the provider writes a bool as text).

Before:
    aws.rds.Instance("db", engine="postgres", engine_version=16.3, ...)
After:
    aws.rds.Instance("db", engine="postgres", engine_version="16.3", ...)

Safety: safe. The string is the literal's own text, the value the author wrote.
"""

from __future__ import annotations

import libcst as cst

from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip
from agent.core.input_types import NUMBERS, Finding, Mismatch
from fixers._type_repair import repair


def _wanted(finding: Finding) -> bool:
    return isinstance(finding, Mismatch) and finding.expected == "str" and finding.given in NUMBERS


def _as_string(finding: Mismatch, node: cst.CSTNode, knowledge) -> cst.CSTNode | None:
    if not isinstance(node, cst.BaseExpression):
        return None
    text = cst.Module([]).code_for_node(node)
    return cst.SimpleString(f'"{text.lower() if finding.given == "bool" else text}"')


class NumberForString(Fixer):
    id = "RM046"
    name = "python.number-for-string"
    title = "Pass the text of a number or bool given where the SDK takes a string"
    kinds = frozenset({ErrorKind.INPUT_TYPE})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match | None:
        details = error.details
        return Match(error) if details.get("expected") == "str" and details.get("given") in NUMBERS else None

    def fix(self, match: Match, ctx: FixContext) -> Fix | Skip:
        done = repair(ctx, _wanted, _as_string)
        if not done.edits:
            return Skip("no number or bool literal given to a string input in the project")
        return Fix(
            edits=tuple(done.edits),
            change=f"number/bool literal -> string for {', '.join(done.changed)}",
            why="The installed SDK declares these inputs as strings; the literal's own text is the value meant "
            "(a float would drop a version's trailing zero).",
            safety=Safety.SAFE,
            file=done.edits[0].path,
        )
