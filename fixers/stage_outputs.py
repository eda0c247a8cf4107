"""RM033: a Deployment's stage outputs read where pulumi-aws 7 keeps them on the Stage.

pulumi-aws 7 removed `invoke_url`, `execution_arn` and `stage_name` from apigateway.Deployment; the
Stage pointing at the deployment has them, so `deployment.invoke_url` fails with "'Deployment'
object has no attribute 'invoke_url'". The read moves to the Stage when the code can reach it there:
bound earlier in the same function, or both on `self`. RM020 covers deployments that passed
`stage_name=` themselves.

Before:
    stage = aws.apigateway.Stage("prod", rest_api=api.id, deployment=deployment.id, stage_name="prod")
    pulumi.export("url", deployment.invoke_url)
After:
    stage = aws.apigateway.Stage("prod", rest_api=api.id, deployment=deployment.id, stage_name="prod")
    pulumi.export("url", stage.invoke_url)

Safety: safe. The one Stage pointing at the deployment is where pulumi-aws 7 keeps these outputs.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider

from agent.core import sdk
from agent.core.cst import dotted_name, metadata, parsed_or_skip
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip, edit_file
from fixers._apigateway import STAGE_OUTPUTS, staged_deployment
from fixers._companion import assigned_name, class_name

# Where a name is bound or read: (the enclosing function, its line).
Place = tuple[cst.FunctionDef | None, int]


class _Scan(cst.CSTVisitor):
    """Stages assigned to a name with the deployment each points at; reads of stage outputs on any name."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, aliases: dict[str, str]) -> None:
        self.aliases = aliases
        self.functions: list[cst.FunctionDef] = []
        self.stages: dict[str, list[tuple[str, Place]]] = {}  # deployment -> [(stage, where bound)]
        self.reads: list[tuple[cst.Attribute, str, Place]] = []

    def _place(self, node: cst.CSTNode) -> Place:
        return (self.functions[-1] if self.functions else None, self.get_metadata(PositionProvider, node).start.line)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.functions.append(node)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.functions.pop()

    def visit_Assign(self, node: cst.Assign) -> None:
        stage = assigned_name(node)
        call = node.value
        if stage is None or not isinstance(call, cst.Call) or class_name(call, self.aliases) != "apigateway.Stage":
            return
        deployment = staged_deployment(call)
        if deployment:
            self.stages.setdefault(deployment, []).append((stage, self._place(node)))

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value in STAGE_OUTPUTS and (receiver := dotted_name(node.value)):
            self.reads.append((node, receiver, self._place(node)))


def _reachable(stage: str, bound: Place, read: Place, receiver: str) -> bool:
    """Whether the read can name the Stage: bound earlier in its function, or both attributes of `self`."""
    if stage.startswith("self.") and receiver.startswith("self."):
        return True
    return bound[0] is read[0] and bound[1] < read[1]


class _Repoint(cst.CSTTransformer):
    def __init__(self, moves: dict[int, str]) -> None:
        self.moves = moves  # id(read) -> the Stage's name

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.Attribute:
        stage = self.moves.get(id(original_node))
        return updated_node if stage is None else updated_node.with_changes(value=cst.parse_expression(stage))


class StageOutputs(Fixer):
    id = "RM033"
    name = "apigateway.stage-outputs"
    title = "Read a Deployment's stage outputs from the Stage that points at it"
    kinds = frozenset({ErrorKind.UNKNOWN_ATTRIBUTE})
    safety = Safety.SAFE
    docs = "https://www.pulumi.com/registry/packages/aws/how-to-guides/7-0-migration/"
    runs_before = frozenset({"RM002"})  # RM002 would look for an output of that name on the Deployment

    def match(self, error: DeployError, ctx: FixContext) -> Match | None:
        if error.details.get("cls") != "Deployment" or error.details.get("attribute") not in STAGE_OUTPUTS:
            return None
        return Match(error)  # before RM002, which finds no output of that name

    def fix(self, match: Match, ctx: FixContext) -> Fix | Skip:
        edits, moved = [], []
        for path in ctx.project.python_files():
            if "Stage" not in ctx.project.read(path):
                continue
            module = parsed_or_skip(ctx.project, path)
            if isinstance(module, Skip):
                continue
            scan = _Scan(sdk.import_aliases(module))
            metadata(module).visit(scan)
            moves = {}
            for read, receiver, where in scan.reads:
                reachable = [stage for stage, bound in scan.stages.get(receiver, []) if _reachable(stage, bound, where, receiver)]
                if len(set(reachable)) == 1:
                    moves[id(read)] = reachable[0]
                    moved.append(f"{path}: {receiver}.{read.attr.value} -> {reachable[0]}.{read.attr.value}")
            edit = edit_file(ctx.project, path, module.visit(_Repoint(moves)).code) if moves else None
            if edit is not None:
                edits.append(edit)
        if not edits:
            return Skip("no Stage pointing at the deployment is bound where its outputs are read: read them from the Stage")
        return Fix(
            edits=tuple(edits),
            change="stage outputs read from the Stage: " + ", ".join(dict.fromkeys(moved)),
            why="pulumi-aws 7 removed invoke_url, execution_arn and stage_name from apigateway.Deployment; the Stage pointing "
            "at the deployment has them (https://www.pulumi.com/registry/packages/aws/how-to-guides/7-0-migration/).",
            safety=Safety.SAFE,
            file=match.error.file,
            line=match.error.line,
        )
