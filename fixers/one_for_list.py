"""RM047: one value given where the SDK takes a list of them.

`ingress={"protocol": "tcp", ...}`, `ingress=aws.ec2.SecurityGroupIngressArgs(...)`,
`cidr_blocks="0.0.0.0/0"`: pulumi_aws declares these inputs as `Sequence[...]`, and one item is
not a list of one (a string is even read as a list of its characters). The annotation
(agent/core/input_types.py) says the input takes a list and that the value given is what one of
its items takes, so the value is put in brackets. The reverse, a list where one value goes, is
RM030's.

Before:
    aws.ec2.SecurityGroup("web", ingress=aws.ec2.SecurityGroupIngressArgs(protocol="tcp", from_port=80, to_port=80))
After:
    aws.ec2.SecurityGroup("web", ingress=[aws.ec2.SecurityGroupIngressArgs(protocol="tcp", from_port=80, to_port=80)])

Safety: safe. A list of the one value given is what the author described.
"""

from __future__ import annotations

import libcst as cst

from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip
from agent.core.input_types import Finding, Mismatch
from fixers._type_repair import repair


def _wanted(finding: Finding) -> bool:
    return isinstance(finding, Mismatch) and finding.expected == "list"


def _in_list(finding: Mismatch, node: cst.CSTNode, knowledge) -> cst.CSTNode | None:
    return cst.List([cst.Element(node)]) if isinstance(node, cst.BaseExpression) else None


class OneForList(Fixer):
    id = "RM047"
    name = "python.one-for-list"
    title = "Put one value given where the SDK takes a list into a list"
    kinds = frozenset({ErrorKind.INPUT_TYPE})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match | None:
        return Match(error) if error.details.get("expected") == "list" else None

    def fix(self, match: Match, ctx: FixContext) -> Fix | Skip:
        done = repair(ctx, _wanted, _in_list)
        if not done.edits:
            return Skip("no single value given to a list input in the project")
        return Fix(
            edits=tuple(done.edits),
            change=f"value -> [value] for {', '.join(done.changed)}",
            why="The installed SDK declares these inputs as lists, and the value given is what one item takes; "
            "a list holding it is what the author described.",
            safety=Safety.SAFE,
            file=done.edits[0].path,
        )
