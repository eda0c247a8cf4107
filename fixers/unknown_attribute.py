"""RM002: reading an output a pulumi_aws resource does not have (`cache.endpoint` on a ServerlessCache).

The right name comes from the installed SDK's output properties: Python's own "Did you mean"
when it is one of them, else the name without the resource's own prefix (`function_name` on a
Function is `name`; `bucket_name` on a Bucket is `bucket`), else the closest. Only the receiver
the error points at is renamed, everywhere in the project: `.endpoint` on other objects (an
rds.Cluster has a real one) stays.
"""

from __future__ import annotations

import re
from typing import Optional

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from agent.errors import DeployError, ErrorKind
from agent.project import Project
from agent import sdk
from agent.cst import parse, rewrite_all
from agent.fixes import Fix, FixContext, Fixer, Match, Safety, Skip



def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def _own_name(cls: type) -> str:
    """The resource's name in snake case: "function" for Function, "serverless_cache" for ServerlessCache."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


def _target(cls: type, attribute: str, suggestion: Optional[str]) -> tuple[Optional[str], str]:
    """The output meant by `attribute` and why, else (None, "")."""
    outputs = sdk.output_properties(cls)
    where = f"{sdk.public_name(cls)} in pulumi_aws {sdk.version()}"
    own = _own_name(cls)
    if suggestion in outputs:
        return suggestion, f"{where} has no '{attribute}' output; '{suggestion}' is the one it has."
    if attribute.startswith(own + "_") and attribute[len(own) + 1 :] in outputs:
        target = attribute[len(own) + 1 :]
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
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
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
    """pulumi_aws classes assigned to one receiver (`cache = aws.elasticache.ServerlessCache(...)`)."""

    def __init__(self, receiver: str) -> None:
        self.receiver = receiver
        self.aliases: dict[str, str] = {}
        self.classes: set[type] = set()

    def visit_Module(self, node: cst.Module) -> None:
        self.aliases = sdk.import_aliases(node)

    def _note(self, targets: list[cst.BaseExpression], value: Optional[cst.BaseExpression]) -> None:
        if isinstance(value, cst.Call) and any(_code(t) == self.receiver for t in targets):
            cls = sdk.class_of(value.func, self.aliases)
            if cls is not None:
                self.classes.add(cls)

    def visit_Assign(self, node: cst.Assign) -> None:
        self._note([t.target for t in node.targets], node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._note([node.target], node.value)


def _may_hold(project: Project, receiver: str, cls: type) -> bool:
    """False when the receiver is only ever assigned other pulumi_aws classes (an rds.Cluster's `.endpoint`)."""
    assigned: set[type] = set()
    for path in project.python_files():
        module = parse(project.read(path))
        if module is not None:
            visitor = _Assignments(receiver)
            module.visit(visitor)
            assigned |= visitor.classes
    return not assigned or cls in assigned


class _Rename(cst.CSTTransformer):
    def __init__(self, receiver: str, attribute: str, target: str) -> None:
        self.receiver = receiver
        self.attribute = attribute
        self.target = target
        self.renamed = 0

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.Attribute:
        if original_node.attr.value != self.attribute or _code(original_node.value) != self.receiver:
            return updated_node
        self.renamed += 1
        return updated_node.with_changes(attr=cst.Name(self.target))


class UnknownAttribute(Fixer):
    id = "RM002"
    name = "python.unknown-attribute"
    title = "Rename an output a pulumi_aws resource does not have to the one it has"
    kinds = frozenset({ErrorKind.UNKNOWN_ATTRIBUTE})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Optional[Match]:
        details = error.details
        if error.kind not in self.kinds or not {"cls", "attribute"} <= details.keys():
            return None
        if not error.file or not error.line:
            return None
        attribute = details["attribute"]
        classes = [
            cls
            for cls in sdk.classes_named(ctx.project, details["cls"])
            if attribute not in sdk.output_properties(cls)
        ]
        if len(classes) != 1:
            return None
        cls = classes[0]
        target, why = _target(cls, attribute, details.get("suggestion"))
        if target is None:
            return None
        receivers = [
            receiver
            for receiver in _receivers_at(ctx.project, error.file, error.line, attribute)
            if _may_hold(ctx.project, receiver, cls)
        ]
        if len(receivers) != 1:
            return None
        receiver = receivers[0]
        return Match(error, {"attribute": attribute, "target": target, "receiver": receiver, "why": why})

    def fix(self, match: Match, ctx: FixContext) -> Fix | Skip:
        attribute, target, receiver, why = (match.data[k] for k in ("attribute", "target", "receiver", "why"))
        renames: list[_Rename] = []

        def transformer() -> _Rename:
            renames.append(_Rename(receiver, attribute, target))
            return renames[-1]

        edits = rewrite_all(ctx.project, transformer)
        if not edits:
            return Skip(f"no {receiver}.{attribute} left in the project")
        uses = sum(rename.renamed for rename in renames)
        where = f"{uses} use{'s' if uses != 1 else ''} in {len(edits)} file{'s' if len(edits) != 1 else ''}"
        return Fix(
            edits=tuple(edits),
            change=f"{receiver}.{attribute} -> {receiver}.{target} ({where})",
            why=f"{why} Its type may differ (e.g. a list of endpoints), so check how it is used.",
            safety=Safety.SAFE,
            file=match.error.file,
            line=match.error.line,
        )
