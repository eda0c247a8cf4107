"""RM068: an input an earlier major took that a resource of its own configures now.

config/sdk_history.json records, from the SDKs themselves, inputs pulumi-aws dropped for a resource
named after the owner and the input (secretsmanager.Secret `rotation_rules` -> SecretRotation, ecs
Cluster `capacity_providers` -> ClusterCapacityProviders). RM001 could only drop the value. This
fixer moves it, with the call's other inputs that went to the same resource, into that resource,
placed right after the owner and pointed at it through the one required input naming the owner
(`secret_id=<secret>.id`). An Args class the value is built with is renamed to the one the new
resource's input takes. When the new resource requires more than the call gives, it skips.

Before:
    secret = aws.secretsmanager.Secret("db", rotation_lambda_arn=fn.arn)
After:
    secret = aws.secretsmanager.Secret("db")
    secret_rotation = aws.secretsmanager.SecretRotation("db-rotation", secret_id=secret.id, rotation_lambda_arn=fn.arn)

Safety: safe. The same values configure the same owner, through the resource the SDK history names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from agent.core import sdk, sdk_history
from agent.core.cst import dotted_name, keyword_arg
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip
from fixers._companion import AfterOwner, assigned_name, companion_line, rewritten_files
from fixers._required import required


@dataclass(frozen=True)
class Moved:
    """The owner class, the resource that took its inputs, and the required input naming the owner."""

    owner: type
    resource: type
    reference: str  # `secret_id`
    attribute: str  # what of the owner it takes: `id`, `name`, `cluster_identifier`


def _taken_over(owner: type, argument: str) -> type | None:
    """The installed resource an earlier major's `argument` of `owner` moved to, when it takes that input."""
    where = sdk_history.owner_of(owner)
    change = sdk_history.field(*where, "argument", argument) if where else None
    if change is None or change.new is not None or change.replacement is None:
        return None
    resource = sdk.resolve(".".join(change.replacement))
    return resource if isinstance(resource, type) and argument in sdk.parameters(resource) else None


def _moved(owner: type, argument: str) -> Moved | None:
    resource = _taken_over(owner, argument)
    if resource is None:
        return None
    stem = sdk.snake_case(owner.__name__)
    naming = [name for name in required(resource) if name == stem or name.startswith(stem + "_")]
    if len(naming) != 1:
        return None
    reference = naming[0]
    outputs = sdk.output_properties(owner)
    attribute = next((a for a in (reference, reference.rpartition("_")[2], "id") if a in outputs or a == "id"), "id")
    return Moved(owner, resource, reference, attribute)


def _args_renamed(value: cst.BaseExpression, expected: type | None) -> cst.BaseExpression:
    """An `...Args(...)` value (or a list of them) built with the class the new input takes."""
    if expected is None:
        return value
    if isinstance(value, cst.List):
        return value.with_changes(elements=[e.with_changes(value=_args_renamed(e.value, expected)) for e in value.elements])
    callee = value.func if isinstance(value, cst.Call) else None
    if isinstance(callee, cst.Attribute) and callee.attr.value.endswith("Args"):
        return value.with_changes(func=callee.with_changes(attr=cst.Name(expected.__name__)))
    if isinstance(callee, cst.Name) and callee.value.endswith("Args"):
        return value.with_changes(func=cst.Name(expected.__name__))
    return value


@dataclass
class _Collect(cst.CSTVisitor):
    """Calls of the owner assigned to a name that pass inputs the new resource took: target -> inputs."""

    moved: Moved
    aliases: dict[str, str] = field(default_factory=dict)
    owners: dict[str, dict[str, cst.BaseExpression]] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)  # required inputs of the new resource no call gives

    def visit_Module(self, node: cst.Module) -> None:
        self.aliases = sdk.import_aliases(node)

    def visit_Assign(self, node: cst.Assign) -> None:
        call, target = node.value, assigned_name(node)
        if not isinstance(call, cst.Call) or target is None or sdk.class_of(call.func, self.aliases) is not self.moved.owner:
            return
        given = {
            a.keyword.value: a.value
            for a in call.args
            if a.keyword and _taken_over(self.moved.owner, a.keyword.value) is self.moved.resource
        }
        lacking = set(required(self.moved.resource)) - {self.moved.reference} - set(given)
        if given and not lacking and "." in (dotted_name(call.func) or ""):
            self.owners[target] = given
        self.missing |= lacking if given else set()


class _Move(AfterOwner[dict[str, cst.BaseExpression]]):
    def __init__(self, collected: _Collect):
        super().__init__(collected.owners)
        self.moved = collected.moved

    def removed(self, found: dict[str, cst.BaseExpression]) -> set[str]:
        return set(found)

    def companion(self, line: cst.SimpleStatementLine, call: cst.Call, target: str, found: dict[str, cst.BaseExpression]):
        moved = self.moved
        args = [
            keyword_arg(moved.reference, cst.parse_expression(f"{target}.{moved.attribute}")),
            *(keyword_arg(name, _args_renamed(value, sdk.input_args_class(moved.resource, name))) for name, value in found.items()),
        ]
        suffix = sdk.snake_case(moved.resource.__name__).removeprefix(sdk.snake_case(moved.owner.__name__) + "_")
        return companion_line(line, call, f"{target}_{suffix}", moved.resource.__name__, f"-{suffix.replace('_', '-')}", args)


class OwnResource(Fixer[Moved]):
    id = "RM068"
    name = "python.input-now-a-resource"
    title = "Move an input an earlier pulumi-aws major took into the resource that configures it now"
    kinds = frozenset({ErrorKind.UNKNOWN_ARGUMENT})
    safety = Safety.SAFE
    runs_before = frozenset({"RM001"})  # RM001 would drop the value the new resource keeps

    def match(self, error: DeployError, ctx: FixContext) -> Match[Moved] | None:
        if not {"cls", "argument"} <= error.details.keys():
            return None
        owner = sdk.class_lacking(ctx.project, error.details["cls"], error.details["argument"])
        moved = _moved(owner, error.details["argument"]) if isinstance(owner, type) else None
        return Match(error, moved) if moved is not None else None

    def fix(self, match: Match[Moved], ctx: FixContext) -> Fix | Skip:
        moved, edits, added, missing = match.found, [], [], set()
        owner, resource = sdk.public_name(moved.owner), sdk.public_name(moved.resource)
        for path, edit, collected in rewritten_files(
            ctx.project, (match.error.details["argument"],), lambda: _Collect(moved), lambda c: c.owners, _Move
        ):
            edits.append(edit)
            added += [f"{path}: {target} ({', '.join(given)})" for target, given in collected.owners.items()]
            missing |= collected.missing
        if not edits:
            lacking = f": it also requires {', '.join(sorted(missing))}, which the call does not give" if missing else ""
            return Skip(f"no {owner} assigned to a name passes inputs {resource} takes now{lacking}")
        change = sdk_history.field(*sdk_history.owner_of(moved.owner), "argument", match.error.details["argument"])
        return Fix(
            edits=tuple(edits),
            change=f"{owner} inputs moved into a new {resource}: {'; '.join(added)}",
            why=f"{change.describe()}; {resource} takes the same values for the same {owner}.",
            safety=Safety.SAFE,
            file=match.error.file,
            line=match.error.line,
        )
