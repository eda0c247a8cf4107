"""RM066: an output a component registers, read as an attribute it never set.

`self.register_outputs({"key_id": self.key.key_id})` records a component's outputs in the state; it
does not make `component.key_id`. A program reading it stops with "'KMSKey' object has no attribute
'key_id'". Every output the class registers and does not set becomes an attribute, set just before
`register_outputs` from the same expression.

Before:
    self.register_outputs({"key_id": self.key.key_id})
After:
    self.key_id = self.key.key_id
    self.register_outputs({"key_id": self.key.key_id})

Safety: safe. Nothing is removed; the attribute holds the value the component registers.
"""

from __future__ import annotations

import keyword
from dataclasses import dataclass

import libcst as cst
import libcst.matchers as m

from agent.core.cst import parse, string_value
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, FixResult, Match, Safety, Skip, edit_file

REGISTER = m.Expr(m.Call(func=m.Attribute(value=m.Name("self"), attr=m.Name("register_outputs")), args=[m.Arg(m.Dict())]))


@dataclass(frozen=True)
class UnsetAttribute:
    cls: str
    attribute: str


class _SetOnSelf(cst.CSTVisitor):
    """The attributes a class sets on self or defines (methods, properties, class attributes)."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if m.matches(node, m.Attribute(value=m.Name("self"))):
            self.names.add(node.attr.value)  # read or written: a read one is set elsewhere, or fails anyway

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.names.add(node.name.value)


def _registered(statement: cst.SimpleStatementLine) -> list[tuple[str, cst.BaseExpression]]:
    """(name, value) of each output a `self.register_outputs({...})` line registers under a plain name."""
    if len(statement.body) != 1 or not m.matches(statement.body[0], REGISTER):
        return []
    outputs = statement.body[0].value.args[0].value
    found = []
    for element in outputs.elements:
        name = string_value(element.key) if isinstance(element, cst.DictElement) else None
        if name is not None and name.isidentifier() and not keyword.iskeyword(name):
            found.append((name, element.value))
    return found


class _Expose(cst.CSTTransformer):
    def __init__(self, cls: str) -> None:
        self.cls = cls
        self.inside: list[set[str]] = []  # the attributes of each enclosing class of that name
        self.added: list[str] = []

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        if node.name.value == self.cls:
            seen = _SetOnSelf()
            node.visit(seen)
            self.inside.append(seen.names)

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        if original_node.name.value == self.cls:
            self.inside.pop()
        return updated_node

    def leave_SimpleStatementLine(self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine):
        if not self.inside:
            return updated_node
        missing = [(name, value) for name, value in _registered(updated_node) if name not in self.inside[-1]]
        if not missing:
            return updated_node
        code = cst.Module([]).code_for_node
        lines = [cst.parse_statement(f"self.{name} = {code(value)}\n") for name, value in missing]
        self.inside[-1].update(name for name, _ in missing)
        self.added += [name for name, _ in missing]
        lines[0] = lines[0].with_changes(leading_lines=updated_node.leading_lines)
        return cst.FlattenSentinel([*lines, updated_node.with_changes(leading_lines=())])


class RegisteredOutput(Fixer[UnsetAttribute]):
    id = "RM066"
    name = "pulumi.registered-output-attribute"
    title = "Set a component's registered outputs as its attributes"
    kinds = frozenset({ErrorKind.UNKNOWN_ATTRIBUTE})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[UnsetAttribute] | None:
        cls, attribute = error.details.get("cls"), error.details.get("attribute")
        if not cls or not attribute:
            return None
        return Match(error, UnsetAttribute(cls, attribute))

    def fix(self, match: Match[UnsetAttribute], ctx: FixContext) -> FixResult:
        found = match.found
        edits, added = [], []
        for path in ctx.project.python_files():
            text = ctx.project.read(path)
            module = parse(text) if f"class {found.cls}" in text and "register_outputs" in text else None
            if module is None:
                continue
            expose = _Expose(found.cls)
            after = module.visit(expose)
            if found.attribute in expose.added:
                edits.append(edit_file(ctx.project, path, after.code))
                added += expose.added
        if not edits:
            return Skip(f"{found.cls} registers no output '{found.attribute}' it could set as an attribute")
        return Fix(
            edits=tuple(edits),
            change=f"{found.cls}: registered output(s) {', '.join(added)} now set as attributes",
            why=f"register_outputs records {found.cls}'s outputs in the state but sets no attribute; "
            f"the program reads {found.cls}.{found.attribute}, so the component now sets it from the value it registers.",
            safety=Safety.SAFE,
            file=edits[0].path,
        )
