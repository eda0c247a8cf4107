"""RM002: reading an output a provider resource does not have (`cache.endpoint` on a ServerlessCache).

The right name comes from the installed SDK's output properties (pulumi_aws or any other installed
provider): the new name an earlier major's output has in config/sdk_history.json, else a
documented counterpart in config/output_renames.json, else Python's "Did you mean"
when it is one of them, else the name without the resource's own prefix, whole or its last words (`function_name` on a
Function is `name`, `alarm_name` on a MetricAlarm too), else the closest; with none of these the error is skipped, not guessed. Only
the receiver the error points at is renamed, everywhere: an rds.Cluster's real `.endpoint` stays.

Before:
    pulumi.export("function", handler.function_name)
After:
    pulumi.export("function", handler.name)

Safety: safe. The new name is an output the resource has; its type may differ, which the fix says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import PositionProvider

from agent.core import sdk, sdk_history
from agent.core.config import load_data
from agent.core.cst import metadata, parse, rewrite_all
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip
from agent.core.project import Project

DATA = "output_renames.json"


@dataclass(frozen=True)
class MissingOutput:
    """The provider class lacking `attribute`, the one receiver it is read on, and Python's "Did you mean"."""

    cls: type
    attribute: str
    receiver: str
    suggestion: str | None


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def _own_name(cls: type) -> str:
    """The resource's name in snake case: "function" for Function, "serverless_cache" for ServerlessCache."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


def _where(cls: type) -> str:
    package = sdk.package_of(cls.__module__) or cls.__module__
    return f"{sdk.public_name(cls)} in {package} {sdk.version(package)}"


def _documented(cls: type, attribute: str) -> dict | None:
    """The config/output_renames.json entry for this class and attribute."""
    key = (sdk.package_of(cls.__module__), cls.__name__, attribute)
    return next((e for e in load_data(DATA)["renames"] if (e["package"], e["class"], e["attribute"]) == key), None)


def _target(cls: type, attribute: str, suggestion: str | None) -> tuple[str | dict[str, str] | None, str]:
    """The output meant by `attribute` and why, else (None, ""); for a documented list read item by
    item (`cache_nodes[0].address`), {item field: the output meant}."""
    outputs = sdk.output_properties(cls)
    where = _where(cls)
    own = _own_name(cls)
    owner = sdk_history.owner_of(cls)
    renamed = sdk_history.field(*owner, "output", attribute) if owner else None
    documented = _documented(cls, attribute)
    items = {output.split(".")[0] for output in documented.get("items", {}).values()} if documented else set()
    if renamed is not None and renamed.new in outputs and not items:  # a documented item-by-item read refines the rename
        return renamed.new, f"{where} names this output '{renamed.new}': {renamed.describe()}."
    if documented is not None and items <= outputs and documented.get("to", "") in outputs | {""}:
        return documented.get("to") or documented["items"], f"{where} has no '{attribute}' output: {documented['why']}."
    if suggestion in outputs:
        return suggestion, f"{where} has no '{attribute}' output; '{suggestion}' is the one it has."
    words = own.split("_")
    for prefix in ("_".join(words[i:]) + "_" for i in range(len(words))):  # metric_alarm_, alarm_ for MetricAlarm
        if attribute.startswith(prefix) and attribute[len(prefix) :] in outputs:
            target = attribute[len(prefix) :]
            return target, f"{where} names this output '{target}', without repeating the resource's name."
    if attribute == own + "_name" and own in outputs:
        return own, f"{where} names this output after the resource: '{own}' holds its name."
    close = sdk.closest_output(cls, attribute)
    if close:
        return close, f"{where} has no '{attribute}' output; '{close}' is the one it has."
    return None, ""


def _receivers_at(project: Project, path: str, line: int, attribute: str) -> set[str]:
    """Receivers of `.attribute` on that line, else in the statement spanning it."""
    if not (project.root / path).is_file():
        return set()
    module = parse(project.read(path))
    if module is None:
        return set()
    positions = metadata(module).resolve(PositionProvider)
    statements = [
        (pos.start.line, pos.end.line)
        for node, pos in positions.items()
        if isinstance(node, cst.SimpleStatementLine) and pos.start.line <= line <= pos.end.line
    ]
    first, last = statements[0] if statements else (line, line)
    uses = [
        (pos.start.line <= line <= pos.end.line, _code(node.value))
        for node, pos in positions.items()
        if isinstance(node, cst.Attribute) and node.attr.value == attribute and first <= pos.start.line <= last
    ]
    return {code for on_line, code in uses if on_line} or {code for _, code in uses}


class _Assignments(cst.CSTVisitor):
    """Provider classes assigned to one receiver (`cache = aws.elasticache.ServerlessCache(...)`)."""

    def __init__(self, receiver: str) -> None:
        self.receiver = receiver
        self.aliases: dict[str, str] = {}
        self.classes: set[type] = set()

    def visit_Module(self, node: cst.Module) -> None:
        self.aliases = sdk.provider_aliases(node)

    def _note(self, targets: list[cst.BaseExpression], value: cst.BaseExpression | None) -> None:
        if isinstance(value, cst.Call) and any(_code(t) == self.receiver for t in targets):
            cls = sdk.class_of(value.func, self.aliases)
            if cls is not None:
                self.classes.add(cls)

    def visit_Assign(self, node: cst.Assign) -> None:
        self._note([t.target for t in node.targets], node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._note([node.target], node.value)


def _assigned(project: Project, receiver: str) -> set[type]:
    """The provider classes the project assigns to the receiver."""
    assigned: set[type] = set()
    for path in project.python_files():
        module = parse(project.read(path))
        if module is not None:
            visitor = _Assignments(receiver)
            module.visit(visitor)
            assigned |= visitor.classes
    return assigned


class _Rename(cst.CSTTransformer):
    """`receiver.attribute` -> `receiver.target`; with a {field: output} target,
    `receiver.attribute[i].field` -> `receiver.output` (a dotted output reads a field of it)."""

    def __init__(self, receiver: str, attribute: str, target: str | dict[str, str]) -> None:
        self.receiver = receiver
        self.attribute = attribute
        self.target = target
        self.renamed = 0

    def _is_read(self, node: cst.BaseExpression) -> bool:
        return isinstance(node, cst.Attribute) and node.attr.value == self.attribute and _code(node.value) == self.receiver

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.Attribute:
        if isinstance(self.target, str):
            if not self._is_read(original_node):
                return updated_node
            self.renamed += 1
            return updated_node.with_changes(attr=cst.Name(self.target))
        item = original_node.value
        output = self.target.get(original_node.attr.value)
        if output is None or not isinstance(item, cst.Subscript) or not self._is_read(item.value):
            return updated_node
        self.renamed += 1
        read = item.value.value
        for part in output.split("."):  # `certificate_authority.data`: an output, then a field of it
            read = cst.Attribute(value=read, attr=cst.Name(part))
        return read


class UnknownAttribute(Fixer[MissingOutput]):
    id = "RM002"
    name = "python.unknown-attribute"
    title = "Rename an output a provider resource does not have to the one it has"
    kinds = frozenset({ErrorKind.UNKNOWN_ATTRIBUTE})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[MissingOutput] | None:
        details = error.details
        if not {"cls", "attribute"} <= details.keys():
            return None
        if not error.file or not error.line:
            return None
        attribute = details["attribute"]
        classes = [
            cls for cls in sdk.classes_named(ctx.project, details["cls"], any_provider=True) if attribute not in sdk.output_properties(cls)
        ]
        assigned = {
            receiver: _assigned(ctx.project, receiver) for receiver in _receivers_at(ctx.project, error.file, error.line, attribute)
        }
        if len(classes) > 1:  # ec2.Instance and rds.Instance: the one the receiver is assigned
            classes = [cls for cls in classes if {cls} in assigned.values()]
        if len(classes) != 1:
            return None
        cls = classes[0]
        # a receiver only ever assigned other provider classes (an rds.Cluster's `.endpoint`) is not this one
        receivers = [receiver for receiver, classes_held in assigned.items() if not classes_held or cls in classes_held]
        if len(receivers) != 1:
            return None
        return Match(error, MissingOutput(cls, attribute, receivers[0], details.get("suggestion")))

    def fix(self, match: Match[MissingOutput], ctx: FixContext) -> Fix | Skip:
        cls, attribute, receiver = match.found.cls, match.found.attribute, match.found.receiver
        target, why = _target(cls, attribute, match.found.suggestion)
        if target is None:
            return Skip(f"{_where(cls)} has no output close to '{attribute}' and {DATA} documents none for it")
        renames: list[_Rename] = []

        def transformer() -> _Rename:
            renames.append(_Rename(receiver, attribute, target))
            return renames[-1]

        edits = rewrite_all(ctx.project, transformer)
        if not edits:
            return Skip(f"no {receiver}.{attribute} left in the project")
        uses = sum(rename.renamed for rename in renames)
        shown = (
            f"{receiver}.{attribute} -> {receiver}.{target}"
            if isinstance(target, str)
            else ", ".join(f"{receiver}.{attribute}[i].{field} -> {receiver}.{output}" for field, output in target.items())
        )
        where = f"{uses} use{'s' if uses != 1 else ''} in {len(edits)} file{'s' if len(edits) != 1 else ''}"
        return Fix(
            edits=tuple(edits),
            change=f"{shown} ({where})",
            why=f"{why} Its type may differ (e.g. a list of endpoints), so check how it is used.",
            safety=Safety.SAFE,
            file=match.error.file,
            line=match.error.line,
        )
