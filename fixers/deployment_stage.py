"""RM020: an API Gateway Deployment given stage_name=, which pulumi-aws 7 removed.

The stage was a side effect of the deployment; now an `aws.apigateway.Stage` carries it. Dropping
the argument (RM001's fallback) would deploy an API with no stage, so the stage moves into a Stage
placed right after the deployment (unless one already points at it), and the deployment's removed
outputs (`stage_name`, `invoke_url`, `execution_arn`) are read from that Stage.

Before:
    deployment = aws.apigateway.Deployment("api", rest_api=api.id, stage_name="prod")
After:
    deployment = aws.apigateway.Deployment("api", rest_api=api.id)
    deployment_stage = aws.apigateway.Stage("api-stage", rest_api=api.id, deployment=deployment.id, stage_name="prod")

Safety: safe. The Stage is what the argument used to create, with the same name and API.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from agent.core import sdk
from agent.core.cst import dotted_name, keyword, keyword_arg, string_value
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip
from fixers._apigateway import STAGE_OUTPUTS, staged_deployment
from fixers._companion import assigned_name, class_name, companion_line, moved_argument, rewritten_files, without_arguments

MOVED = {"stage_name": "stage_name", "stage_description": "description"}  # Deployment input -> Stage input


@dataclass
class _Deployment:
    target: str  # how the code names it: `api_deployment`, `self.deployment`
    moved: dict[str, cst.BaseExpression]  # Stage input -> value taken from the deployment
    new_stage: str | None = None  # the Stage this fix adds, None when one already points at it


@dataclass
class _Collect(cst.CSTVisitor):
    """Deployments with a moved argument, assigned to a name, and the Stages that point at one."""

    aliases: dict[str, str] = field(default_factory=dict)
    deployments: dict[str, _Deployment] = field(default_factory=dict)
    staged: set[str] = field(default_factory=set)  # deployments a Stage already points at

    def visit_Module(self, node: cst.Module) -> None:
        self.aliases = sdk.import_aliases(node)

    def leave_Module(self, original_node: cst.Module) -> None:
        for deployment in self.deployments.values():
            if deployment.target not in self.staged:
                deployment.new_stage = f"{deployment.target}_stage"

    def visit_Assign(self, node: cst.Assign) -> None:
        call, target = node.value, assigned_name(node)
        if not isinstance(call, cst.Call) or target is None:
            return
        name = class_name(call, self.aliases)
        if name == "apigateway.Deployment" and "." in (dotted_name(call.func) or ""):  # Stage is spelled beside it
            moved = {MOVED[a.keyword.value]: a.value for a in call.args if a.keyword and a.keyword.value in MOVED}
            if "stage_name" in moved:
                self.deployments[target] = _Deployment(target, moved)
                if string_value(moved["stage_name"]) == "":  # an empty name never made a stage
                    self.staged.add(target)
        elif name == "apigateway.Stage" and (deployment := staged_deployment(call)):
            self.staged.add(deployment)


class _Move(cst.CSTTransformer):
    def __init__(self, collected: _Collect):
        self.aliases = collected.aliases
        self.deployments = collected.deployments

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        if class_name(updated_node, self.aliases) != "apigateway.Deployment":
            return updated_node
        return without_arguments(updated_node, set(MOVED))

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        deployment = self.deployments.get(dotted_name(updated_node.value) or "")
        if deployment is None or updated_node.attr.value not in STAGE_OUTPUTS:
            return updated_node
        if deployment.new_stage is not None:
            return updated_node.with_changes(value=cst.parse_expression(deployment.new_stage))
        value = deployment.moved["stage_name"]  # the existing Stage may be out of reach here; a literal never is
        return value if updated_node.attr.value == "stage_name" and string_value(value) is not None else updated_node

    def leave_SimpleStatementLine(self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine):
        statement = updated_node.body[0]
        target = assigned_name(statement) if isinstance(statement, cst.Assign) else None
        deployment = self.deployments.get(target or "")
        if deployment is None or deployment.new_stage is None:
            return updated_node
        call = original_node.body[0].value
        if not isinstance(call, cst.Call) or class_name(call, self.aliases) != "apigateway.Deployment":
            return updated_node  # another assignment to the same name: `self.deployment = None` first
        rest_api = keyword(call, "rest_api")
        stage_args = [
            keyword_arg("rest_api", rest_api.value) if rest_api else None,
            keyword_arg("deployment", cst.parse_expression(f"{target}.id")),
            *(keyword_arg(name, value) for name, value in deployment.moved.items()),
        ]
        added = companion_line(updated_node, call, deployment.new_stage, "Stage", "-stage", [a for a in stage_args if a])
        return cst.FlattenSentinel([updated_node, added])


class DeploymentStage(Fixer):
    id = "RM020"
    name = "apigateway.deployment-stage"
    title = "Move an API Gateway Deployment's removed stage_name into a Stage resource"
    kinds = frozenset({ErrorKind.UNKNOWN_ARGUMENT})
    safety = Safety.SAFE
    docs = "https://www.pulumi.com/registry/packages/aws/how-to-guides/7-0-migration/"
    runs_before = frozenset({"RM001"})  # RM001 would drop stage_name= with the stage it made

    def match(self, error: DeployError, ctx: FixContext) -> Match | None:
        return moved_argument(error, ctx, MOVED, {"apigateway.Deployment"})

    def fix(self, match: Match, ctx: FixContext) -> Fix | Skip:
        edits, added, dropped = [], [], 0
        for path, edit, collected in rewritten_files(ctx.project, ("stage_name",), _Collect, lambda c: c.deployments, _Move):
            edits.append(edit)
            added += [f"{path}: {d.new_stage}" for d in collected.deployments.values() if d.new_stage]
            dropped += len(collected.deployments)
        if not edits:
            return Skip("no apigateway.Deployment assigned to a name passes stage_name=")
        parts = [f"stage_name moved into new Stage resource(s) {', '.join(added)}"] if added else []
        if dropped > len(added):
            parts.append(
                f"stage_name dropped from {dropped - len(added)} deployment(s) that a Stage already points at or that named no stage"
            )
        change = "apigateway.Deployment: " + "; ".join(parts)
        return Fix(
            edits=tuple(edits),
            change=change,
            why="pulumi-aws 7 removed stage_name from apigateway.Deployment: the aws.apigateway.Stage resource carries the stage, "
            "so the stage keeps existing only as a Stage pointing at the deployment; the deployment's stage outputs "
            "(stage_name, invoke_url, execution_arn) are read from that Stage "
            "(https://www.pulumi.com/registry/packages/aws/how-to-guides/7-0-migration/).",
            safety=Safety.SAFE,
            file=match.error.file,
            line=match.error.line,
        )
