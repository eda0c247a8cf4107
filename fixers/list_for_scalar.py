"""RM030: a one-item list given where the SDK takes a single value.

pulumi-aws 7 made some list inputs single values (`RestApiEndpointConfigurationArgs.types`), so
`types=["REGIONAL"]` fails when pulumi serializes the resource: "Unexpected type. Expected 'list'
got '<class 'str'>'". The runtime error names no input, so every such list in the project (found
by agent/core/input_shape.py, as the preflight finds them) is fixed at once. A list of several
items asks for a choice the program must make; it is reported, not guessed.

Before:
    endpoint_configuration=aws.apigateway.RestApiEndpointConfigurationArgs(types=["REGIONAL"])
After:
    endpoint_configuration=aws.apigateway.RestApiEndpointConfigurationArgs(types="REGIONAL")

Safety: safe. The list's one item is the value the author meant.
"""

from __future__ import annotations

import libcst as cst

from agent.core import sdk
from agent.core.cst import rewrite_all
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip
from agent.core.input_shape import ListForScalar, lists_for_scalars, only_item


class _Unwrap(cst.CSTTransformer):
    """Pass the one item of each list literal given to a single-valued input."""

    def __init__(self) -> None:
        self.aliases: dict[str, str] = {}
        self.found: dict[int, ListForScalar] = {}  # id(list literal) -> what it was given to
        self.unwrapped: list[str] = []

    def visit_Module(self, node: cst.Module) -> None:
        self.aliases = sdk.provider_aliases(node)

    def visit_Call(self, node: cst.Call) -> None:
        if self.aliases:
            self.found.update((id(f.value), f) for f in lists_for_scalars(node, self.aliases))

    def leave_List(self, original_node: cst.List, updated_node: cst.List) -> cst.BaseExpression:
        found = self.found.get(id(original_node))
        item = only_item(updated_node) if found is not None else None
        if item is None:
            return updated_node
        self.unwrapped.append(f"{found.cls.__name__}.{found.name}")
        return item


class ListForScalarInput(Fixer):
    id = "RM030"
    name = "python.list-for-scalar"
    title = "Pass the one item of a list given where the SDK takes a single value"
    kinds = frozenset({ErrorKind.INPUT_SHAPE})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match | None:
        return Match(error)

    def fix(self, match: Match, ctx: FixContext) -> Fix | Skip:
        transformers: list[_Unwrap] = []

        def transformer() -> _Unwrap:
            transformers.append(_Unwrap())
            return transformers[-1]

        edits = rewrite_all(ctx.project, transformer)
        unwrapped = sorted({name for t in transformers for name in t.unwrapped})
        if not edits:
            several = sorted({f"{f.cls.__name__}.{f.name}" for t in transformers for f in t.found.values()})
            if several:
                return Skip(f"{', '.join(several)} given a list of several items where one value goes: which one is the author's choice")
            return Skip("no list literal given to a single-valued input in the project")
        return Fix(
            edits=tuple(edits),
            change=f"one-item list -> its item for {', '.join(unwrapped)}",
            why="The installed SDK takes a single value for these inputs (pulumi-aws 7 made some former lists single), "
            "so pulumi refuses a list when it serializes the resource; the list's one item is the value meant.",
            safety=Safety.SAFE,
            file=edits[0].path,
        )
