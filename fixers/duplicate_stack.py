"""RM007: the stack component is registered twice, by the entry point and by its own module.

A module that instantiates its component at module level does so again when the entry point
imports it, so the component's URN is registered twice. The entry point is the program Pulumi
runs, so the module-level copy goes; the component is still registered once, by the entry point.
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from agent.errors import DeployError, ErrorKind
from agent.project import Project
from agent.cst import dotted_name, keyword, parse, string_value
from agent.fixes import Fix, FixContext, FixResult, Fixer, Match, Safety, Skip, edit_file
from fixers.entry_point import entry_file


def _parse_urn(urn: str) -> Optional[tuple[str, str]]:
    """(type token, resource name) of `urn:pulumi:<stack>::<project>::<parent$type>::<name>`."""
    parts = urn.split("::")
    if len(parts) < 4:
        return None
    return parts[2].split("$")[-1], "::".join(parts[3:])


class _Mentions(cst.CSTVisitor):
    """Whether a node reads one of `names` (attribute names and keywords do not count)."""

    def __init__(self, names: set[str]) -> None:
        self.names = names
        self.found = False

    def visit_Name(self, node: cst.Name) -> None:
        self.found = self.found or node.value in self.names

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)
        return False


def _mentions(node: cst.CSTNode, names: set[str]) -> bool:
    visitor = _Mentions(names)
    node.visit(visitor)
    return visitor.found


def _class_defs(module: cst.Module) -> list[cst.ClassDef]:
    return [statement for statement in module.body if isinstance(statement, cst.ClassDef)]


def _holds_string(node: cst.CSTNode, value: str) -> bool:
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)) and string_value(node) == value:
        return True
    return any(_holds_string(child, value) for child in node.children)


def _component_classes(project: Project, type_token: str) -> set[str]:
    """Classes of the project registering `type_token` (by the token's last segment if none spells it)."""
    by_token, by_name = set(), set()
    for path in project.python_files():
        module = parse(project.read(path))
        for cls in _class_defs(module) if module else []:
            if _holds_string(cls, type_token):
                by_token.add(cls.name.value)
            elif cls.name.value == type_token.split(":")[-1]:
                by_name.add(cls.name.value)
    return by_token or by_name


def _called_class(statement: cst.CSTNode, classes: set[str]) -> Optional[cst.Call]:
    """The call of `X = Cls(...)` / `Cls(...)` when Cls is one of `classes`."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    value = getattr(statement.body[0], "value", None)
    if isinstance(value, cst.Call) and (dotted_name(value.func) or "").split(".")[-1] in classes:
        return value
    return None


def _assigned_names(statement: cst.SimpleStatementLine) -> set[str]:
    small = statement.body[0]
    targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else []
    if isinstance(small, cst.AnnAssign):
        targets = [small.target]
    return {t.value for t in targets if isinstance(t, cst.Name)}


def _export_name(statement: cst.CSTNode) -> Optional[str]:
    """"x" for `pulumi.export("x", ...)`."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    call = getattr(statement.body[0], "value", None)
    if not isinstance(call, cst.Call) or (dotted_name(call.func) or "").split(".")[-1] != "export" or not call.args:
        return None
    return string_value(call.args[0].value)


def _calls_in(node: cst.CSTNode):
    if isinstance(node, cst.Call):
        yield node
    for child in node.children:
        yield from _calls_in(child)


def _resource_name(call: cst.Call) -> Optional[str]:
    arg = keyword(call, "resource_name") or keyword(call, "name") or (call.args[0] if call.args and call.args[0].keyword is None else None)
    return string_value(arg.value) if arg else None


class DuplicateStack(Fixer):
    id = "RM007"
    name = "python.duplicate-stack"
    title = "Instantiate the stack component only in the entry point"
    kinds = frozenset({ErrorKind.DUPLICATE_URN})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Optional[Match]:
        parsed = _parse_urn(error.details.get("urn", ""))
        if parsed is None:
            return None
        return Match(error, {"type": parsed[0], "name": parsed[1]})

    def fix(self, match: Match, ctx: FixContext) -> FixResult:
        project = ctx.project
        entry = entry_file(project)
        entry_module = parse(project.read(entry)) if (project.root / entry).is_file() else None
        if entry_module is None:
            return Skip(f"the entry point {entry} is missing or does not parse")
        classes = _component_classes(project, match.data["type"])
        called = {(dotted_name(call.func) or "").split(".")[-1] for call in _calls_in(entry_module)} & classes
        if not called:
            return Skip(f"{entry} does not instantiate a project class registering {match.data['type']}")
        exported = {name for name in map(_export_name, entry_module.body) if name}
        edits, removed_from = [], []
        for path in project.python_files():
            if path == entry:
                continue
            result = self._without_instantiation(project, path, called, match.data["name"], exported)
            if isinstance(result, Skip):
                return result
            if result is not None:
                edits.append(result)
                removed_from.append(path)
        if not edits:
            return Skip(f"no module-level {'/'.join(sorted(called))}(...) outside {entry} to remove")
        return Fix(
            edits=tuple(edits),
            change=f"remove the module-level {'/'.join(sorted(called))}(...) from {', '.join(removed_from)}; {entry} registers it",
            why=f"{entry} instantiates the component and imports the module that instantiates it again at import time, "
            f"so {match.data['type']} '{match.data['name']}' is registered twice; the entry point's instance stays.",
            safety=self.safety,
            file=removed_from[0],
        )

    def _without_instantiation(self, project: Project, path: str, classes: set[str], urn_name: str, exported: set[str]):
        """The Edit dropping the module-level instantiation from `path`; None if it has none; Skip if unsafe."""
        module = parse(project.read(path))
        if module is None:
            return None
        duplicates = []
        for statement in module.body:
            call = _called_class(statement, classes)
            if call is not None and _resource_name(call) in (None, urn_name):
                duplicates.append(statement)
        if not duplicates:
            return None
        names = set().union(*(_assigned_names(statement) for statement in duplicates))
        dependents = [s for s in module.body if s not in duplicates and _mentions(s, names)]
        not_exported = [s for s in dependents if _export_name(s) not in exported]
        if not_exported:
            kept = module.code_for_node(not_exported[0]).strip().splitlines()[0]
            return Skip(
                f"{path} still uses {', '.join(sorted(names))} in `{kept}`, which {entry_file(project)} does not "
                "export; moving it to the entry point is left to a human"
            )
        body = [s for s in module.body if s not in duplicates and s not in dependents]
        return edit_file(project, path, module.with_changes(body=body).code)
