"""RM045: a str literal given where the SDK takes a number or a bool.

pulumi_aws annotates `from_port: pulumi.Input[int]` and `force_destroy: pulumi.Input[bool]`;
models write `from_port="80"` and `force_destroy="true"`. Nothing fails under mocks, the
provider coerces some and refuses others, and the value's type in the state is not the one
declared. The annotation (agent/core/input_types.py) tells which literal stands for which value,
so every such literal in the project becomes the number or bool it spells. A string that spells
none ("eighty") is reported, not guessed.

Before:
    aws.ec2.SecurityGroupIngressArgs(protocol="tcp", from_port="80", to_port="80")
After:
    aws.ec2.SecurityGroupIngressArgs(protocol="tcp", from_port=80, to_port=80)

Safety: safe. The literal's text is the value; only its type changes to the declared one.
"""

from __future__ import annotations

import libcst as cst

from agent.core.cst import string_value
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip
from agent.core.input_types import NUMBERS, Finding, Mismatch, number_text
from fixers._type_repair import repair


def _wanted(finding: Finding) -> bool:
    return isinstance(finding, Mismatch) and finding.given == "str" and finding.expected in NUMBERS


def _as_number(finding: Mismatch, node: cst.CSTNode, knowledge) -> cst.CSTNode | None:
    text = string_value(node) if isinstance(node, cst.BaseExpression) else None
    literal = number_text(text, finding.expected) if text is not None else None
    return cst.parse_expression(literal) if literal is not None else None


class StringForNumber(Fixer):
    id = "RM045"
    name = "python.string-for-number"
    title = "Pass a number or bool the SDK declares as such, not its text in a string"
    kinds = frozenset({ErrorKind.INPUT_TYPE})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match | None:
        details = error.details
        return Match(error) if details.get("given") == "str" and details.get("expected") in NUMBERS else None

    def fix(self, match: Match, ctx: FixContext) -> Fix | Skip:
        done = repair(ctx, _wanted, _as_number)
        if not done.edits:
            if done.declined:
                return Skip(f"{', '.join(done.declined)}: the string spells no number or bool; the value is the author's to give")
            return Skip("no string literal given to a number or bool input in the project")
        return Fix(
            edits=tuple(done.edits),
            change=f"string literal -> number/bool for {', '.join(done.changed)}",
            why="The installed SDK declares these inputs as numbers or bools; the string's text is the value, "
            "so the literal becomes that value, of the declared type.",
            safety=Safety.SAFE,
            file=done.edits[0].path,
        )
