"""RM049: an Output given where the SDK takes a plain value only.

Two places declare plain values: a resource option taking a resource (`provider`, `parent`,
`depends_on`, ... annotated `ProviderResource`/`Resource` on pulumi.ResourceOptions), where a
model passes the resource's id (`provider=east.id`, `depends_on=[bucket.arn]`); and a plain invoke
(`aws.ec2.get_subnets`, inputs annotated without `Input`), given a resource's output, which has no
value while the program runs. The option gets the resource itself; the invoke becomes its
`_output` form, which takes Outputs and returns one.

Before:
    aws.s3.Bucket("logs", opts=pulumi.ResourceOptions(provider=east.id, depends_on=[vpc.id]))
    subnets = aws.ec2.get_subnets(filters=[{"name": "vpc-id", "values": [vpc.id]}])
After:
    aws.s3.Bucket("logs", opts=pulumi.ResourceOptions(provider=east, depends_on=[vpc]))
    subnets = aws.ec2.get_subnets_output(filters=[{"name": "vpc-id", "values": [vpc.id]}])

Safety: unsafe when an invoke changes form (its result is an Output now: code reading it as a
plain value needs `.apply`); safe when only options change (the resource is what they take).
"""

from __future__ import annotations

import libcst as cst

from agent.core import sdk
from agent.core.cst import rewrite_all
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip
from agent.core.input_types import Mismatch, type_findings
from agent.core.output_values import Knowledge

OPTIONS = "ResourceOptions"


class _Plain(cst.CSTTransformer):
    def __init__(self) -> None:
        self.knowledge: Knowledge | None = None
        self.options: set[int] = set()  # ids of `resource.output` given to an option
        self.invokes: set[int] = set()  # ids of plain invoke calls given an Output
        self.changed: list[str] = []

    def visit_Module(self, node: cst.Module) -> None:
        self.knowledge = Knowledge(node)

    def visit_Call(self, node: cst.Call) -> None:
        for found in type_findings(node, self.knowledge):
            if isinstance(found, Mismatch) and found.given == "Output":
                (self.options if found.owner == OPTIONS else self.invokes).add(id(found.value if found.owner == OPTIONS else node))

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        if id(original_node) not in self.options:
            return updated_node
        self.changed.append(f"{OPTIONS} given `{cst.Module([]).code_for_node(original_node)}`")
        return updated_node.value

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = updated_node.func
        if id(original_node) not in self.invokes or not isinstance(func, cst.Attribute):
            return updated_node
        function = sdk.invoke_of(original_node.func, self.knowledge.aliases)
        if function is None or sdk.invoke(f"{function.__module__.rsplit('.', 1)[0]}.{function.__name__}_output") is None:
            return updated_node
        self.changed.append(f"{function.__name__} -> {function.__name__}_output")
        return updated_node.with_changes(func=func.with_changes(attr=cst.Name(f"{function.__name__}_output")))


class OutputForPlain(Fixer):
    id = "RM049"
    name = "python.output-for-plain"
    title = "Give a resource option the resource, and an invoke given Outputs its _output form"
    kinds = frozenset({ErrorKind.INPUT_TYPE})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match | None:
        return Match(error) if error.details.get("given") == "Output" else None

    def fix(self, match: Match, ctx: FixContext) -> Fix | Skip:
        transformers: list[_Plain] = []

        def transformer() -> _Plain:
            transformers.append(_Plain())
            return transformers[-1]

        edits = rewrite_all(ctx.project, transformer)
        changed = sorted({c for t in transformers for c in t.changed})
        if not edits:
            return Skip("no resource output given to a resource option, nor a plain invoke with an Output form given one")
        invoked = any(c.endswith("_output") for c in changed)
        return Fix(
            edits=tuple(edits),
            change="; ".join(changed),
            why="These places take plain values: a resource option takes the resource itself, and a plain invoke cannot wait "
            "for an Output, where its _output form can.",
            safety=Safety.UNSAFE if invoked else Safety.SAFE,
            file=edits[0].path,
        )
