"""RM054: an Output used as a dict key.

`tags={bucket.id: "logs"}` or `{queue.arn: policy}`: a key must be a plain value while the program
runs, and pulumi cannot serialize a dict keyed by an Output (at run time the bare "bad argument
type for built-in operation"). The dict is built inside `.apply` once its keys are known (through
`pulumi.Output.all` for several), and an input takes the resulting Output.

Before:
    aws.s3.Bucket("copy", tags={source.id: "origin"})
After:
    aws.s3.Bucket("copy", tags=source.id.apply(lambda key: {key: "origin"}))

Safety: safe. The same dict, built once its keys are known; its values may stay Outputs.
"""

from __future__ import annotations

import libcst as cst

from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip
from agent.core.output_uses import OutputUse
from fixers._output_repair import repair_uses


def _lambda(param: str, body: cst.BaseExpression) -> cst.Lambda:
    return cst.Lambda(cst.Parameters([cst.Param(cst.Name(param))]), body)


def _built_later(use: OutputUse, node: cst.CSTNode, knowledge, output: str) -> cst.CSTNode | None:
    if not isinstance(node, cst.Dict):
        return None
    keys = [e.key for e in node.elements if isinstance(e, cst.DictElement) and knowledge.is_output(e.key)]
    if not keys:
        return None
    if len(keys) == 1:
        body = node.with_changes(
            elements=[
                e.with_changes(key=cst.Name("key")) if isinstance(e, cst.DictElement) and e.key is keys[0] else e for e in node.elements
            ]
        )
        return cst.Call(cst.Attribute(keys[0], cst.Name("apply")), [cst.Arg(_lambda("key", body))])
    index = {id(k): i for i, k in enumerate(keys)}
    elements = [
        e.with_changes(key=cst.parse_expression(f"keys[{index[id(e.key)]}]"))
        if isinstance(e, cst.DictElement) and id(e.key) in index
        else e
        for e in node.elements
    ]
    gathered = cst.Call(cst.parse_expression(f"{output}.all"), [cst.Arg(k) for k in keys])
    return cst.Call(cst.Attribute(gathered, cst.Name("apply")), [cst.Arg(_lambda("keys", node.with_changes(elements=elements)))])


class OutputKey(Fixer):
    id = "RM054"
    name = "python.output-key"
    title = "Build a dict keyed by Outputs inside .apply, once the keys are known"
    kinds = frozenset({ErrorKind.PROGRAM})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match | None:
        return Match(error) if "output_key" in error.details else None

    def fix(self, match: Match, ctx: FixContext) -> Fix | Skip:
        edits, changed, _ = repair_uses(ctx, {"dict_key"}, _built_later)
        if not edits:
            return Skip("no dict keyed by a resource's output in the project")
        return Fix(
            edits=tuple(edits),
            change=f"dict keyed by Outputs -> built in .apply ({', '.join(changed)})",
            why="A dict key must be known while the program runs; .apply builds the same dict once the Outputs resolve.",
            safety=Safety.SAFE,
            file=edits[0].path,
        )
