"""RM051: an Output called like a function ("'Output' object is not callable").

`bucket.arn()` reads an output as a method; `vpc.id.split("-")` calls a str method on an Output,
which lifts the attribute read (`Output.__getattr__`) but cannot call what it lifted. The output
itself is what `bucket.arn()` meant; the method runs on the value inside `.apply`.

Before:
    pulumi.export("arn", bucket.arn())
    prefix = vpc.id.split("-")[0]
After:
    pulumi.export("arn", bucket.arn)
    prefix = vpc.id.apply(lambda value: value.split("-"))[0]

Safety: safe. The same value, read when it is known; an Output's item read is lifted as before.
"""

from __future__ import annotations

import libcst as cst

from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip
from agent.core.output_uses import OutputUse
from fixers._output_repair import repair_uses

VALUE = "value"


def _uncalled(use: OutputUse, node: cst.CSTNode, knowledge, output: str) -> cst.CSTNode | None:
    if not isinstance(node, cst.Call):
        return None
    if not isinstance(node.func, cst.Attribute) or knowledge.resource_output(node.func.value) is None:
        return node.func if not node.args else None  # `bucket.arn()` -> `bucket.arn`
    if any(knowledge.is_output(arg.value) for arg in node.args):
        return None  # the method's own arguments would need waiting for too
    method = node.func.attr.value
    inner = cst.parse_expression(f"{VALUE}.{method}()").with_changes(args=node.args)
    callback = cst.Lambda(cst.Parameters([cst.Param(cst.Name(VALUE))]), inner)
    return cst.Call(cst.Attribute(node.func.value, cst.Name("apply")), [cst.Arg(callback)])


class OutputCalled(Fixer):
    id = "RM051"
    name = "python.output-called"
    title = "Read an output instead of calling it, and call a method of its value inside .apply"
    kinds = frozenset({ErrorKind.OUTPUT_CALLED})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match | None:
        return Match(error)

    def fix(self, match: Match, ctx: FixContext) -> Fix | Skip:
        edits, changed, declined = repair_uses(ctx, {"called"}, _uncalled, writes_output=False)
        if not edits:
            if declined:
                return Skip(f"{', '.join(declined)}: a call with arguments or of Outputs, whose meaning the code does not make evident")
            return Skip("no call of a resource's output in the project")
        return Fix(
            edits=tuple(edits),
            change=f"output called -> output read / .apply ({', '.join(changed)})",
            why="An Output is not callable: `resource.output()` meant the output itself, and a method of its value runs "
            "inside .apply, once the value is known.",
            safety=Safety.SAFE,
            file=edits[0].path,
        )
