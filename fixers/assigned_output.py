"""RM067: the program assigns an output of a provider resource (`stage.invoke_url = ...`).

A resource's outputs are read-only properties the provider fills once the deploy knows them, so the
assignment stops the program: "property 'invoke_url' of 'Stage' object has no setter". The
assignment at the line the error names is removed, and reads of the output get the provider's own
value, which is what the program computed by hand (a URL, an ARN, an id).

Before:
    stage = aws.apigatewayv2.Stage("prod", api_id=api.id, name="prod", auto_deploy=True)
    stage.invoke_url = pulumi.Output.concat("https://", api.id, ".execute-api.us-east-1.amazonaws.com/prod")
After:
    stage = aws.apigatewayv2.Stage("prod", api_id=api.id, name="prod", auto_deploy=True)

Safety: unsafe. The program's own value is dropped for the provider's; the report lists it for review.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst
import libcst.matchers as m
from libcst.metadata import MetadataWrapper, PositionProvider

from agent.core import sdk
from agent.core.cst import parse
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, FixResult, Match, Safety, Skip, edit_file


@dataclass(frozen=True)
class AssignedOutput:
    cls: str
    attribute: str
    file: str
    line: int


class _Unassign(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, attribute: str, line: int) -> None:
        self.attribute, self.line = attribute, line
        self.removed: list[str] = []

    def leave_SimpleStatementLine(self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine):
        where = self.get_metadata(PositionProvider, original_node)
        target = m.Assign(targets=[m.AssignTarget(m.Attribute(attr=m.Name(self.attribute)))])
        if not (
            where.start.line <= self.line <= where.end.line and len(updated_node.body) == 1 and m.matches(updated_node.body[0], target)
        ):
            return updated_node
        self.removed.append(cst.Module([]).code_for_node(updated_node.body[0].targets[0].target))
        return cst.RemoveFromParent()

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock) -> cst.IndentedBlock:
        if updated_node.body or not original_node.body:
            return updated_node
        return updated_node.with_changes(body=[cst.SimpleStatementLine([cst.Pass()])])  # a block keeps a statement


class AssignedOutputFixer(Fixer[AssignedOutput]):
    id = "RM067"
    name = "pulumi.assigned-output"
    title = "Leave a resource's output to the provider instead of assigning it"
    kinds = frozenset({ErrorKind.READ_ONLY_OUTPUT})
    safety = Safety.UNSAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[AssignedOutput] | None:
        cls, attribute = error.details.get("cls"), error.details.get("attribute")
        if not (cls and attribute and error.file and error.line):
            return None
        classes = sdk.classes_named(ctx.project, cls, any_provider=True)
        if not any(attribute in sdk.output_properties(found) for found in classes):
            return None  # a property of the program's own class is the program's business
        return Match(error, AssignedOutput(cls, attribute, error.file, error.line))

    def fix(self, match: Match[AssignedOutput], ctx: FixContext) -> FixResult:
        found = match.found
        module = parse(ctx.project.read(found.file)) if (ctx.project.root / found.file).is_file() else None
        if module is None:
            return Skip(f"{found.file} cannot be read")
        unassign = _Unassign(found.attribute, found.line)
        after = MetadataWrapper(module).visit(unassign)
        edit = edit_file(ctx.project, found.file, after.code) if unassign.removed else None
        if edit is None:
            return Skip(f"{found.file}:{found.line} holds no assignment of .{found.attribute}")
        return Fix(
            edits=(edit,),
            change=f"{found.file}:{found.line}: removed the assignment of {unassign.removed[0]}, an output of {found.cls}",
            why=f"{found.cls}.{found.attribute} is an output the provider fills at deploy time, so it cannot be assigned; "
            "reads of it now get the provider's own value. Check it is the value the program meant.",
            safety=Safety.UNSAFE,
            file=found.file,
            line=found.line,
            dropped=(f"{unassign.removed[0]} = ...",),
        )
