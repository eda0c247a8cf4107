"""RM052: an attribute read on an Output, or on a str, where the resource was meant.

`bucket.id.arn` reads `arn` of the bucket's id, not of the bucket: an Output lifts the read
(`Output.__getattr__`) and it fails later inside pulumi's callback, "'str' object has no
attribute 'arn'", with no line of the program in the traceback. `vpc_id.id`, on a str that
already holds the id, fails at once. The resource's class tells when the attribute is one of its
own outputs (read it on the resource), and a str's `.id` is the str itself.

Before:
    pulumi.export("bucket_arn", bucket.id.arn)
    aws.ec2.SecurityGroup("web", vpc_id=vpc_id.id)  # vpc_id = config.require("vpcId")
After:
    pulumi.export("bucket_arn", bucket.arn)
    aws.ec2.SecurityGroup("web", vpc_id=vpc_id)

Safety: unsafe. It reads what the code most likely meant; a reviewer should confirm the output.
"""

from __future__ import annotations

import libcst as cst

from agent.core import sdk
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip
from agent.core.output_uses import OutputUse
from fixers._output_repair import repair_uses

PLAIN = {"str", "int", "float", "bool", "list", "dict"}


def _meant(use: OutputUse, node: cst.CSTNode, knowledge, output: str) -> cst.CSTNode | None:
    if not isinstance(node, cst.Attribute):
        return None
    attribute = node.attr.value
    found = knowledge.resource_output(node.value)
    if found is None:  # a plain str: its `.id` is itself
        return node.value if attribute == "id" else None
    if attribute in sdk.output_properties(found[0]):
        return node.with_changes(value=node.value.value)  # bucket.id.arn -> bucket.arn
    return None


class OutputAttribute(Fixer):
    id = "RM052"
    name = "python.output-attribute"
    title = "Read a resource's output on the resource, not on another output or a str"
    kinds = frozenset({ErrorKind.UNKNOWN_ATTRIBUTE})
    safety = Safety.UNSAFE
    runs_before = frozenset({"RM002"})

    def match(self, error: DeployError, ctx: FixContext) -> Match | None:
        attribute = error.details.get("attribute")
        return Match(error) if error.details.get("cls") in PLAIN and attribute and attribute != "apply" else None

    def fix(self, match: Match, ctx: FixContext) -> Fix | Skip:
        edits, changed, declined = repair_uses(ctx, {"attribute"}, _meant, writes_output=False)
        if not edits:
            if declined:
                return Skip(f"{', '.join(declined)}: the attribute is no output of the resource; what was meant is unclear")
            return Skip(f"no read of '{match.error.details['attribute']}' on a resource's output or a plain str in the project")
        return Fix(
            edits=tuple(edits),
            change=f"attribute read on the resource ({', '.join(changed)})",
            why="The attribute is one of the resource's own outputs, read by mistake on another output (or on a str that "
            "already holds the id); an Output lifts the read, so it failed with no line to show.",
            safety=Safety.UNSAFE,
            file=edits[0].path,
        )
