"""RM017: `depends_on` holding a list inside its list ("'depends_on' was passed a value [...] that was not a Resource").

Pulumi wants `depends_on` to be a flat list of resources; `[a, [b, c]]`, or `[a, self.subnets]`
where `self.subnets` is a list, hands it a list where a resource should be. A name, attribute or
call is unpacked only when the file shows it holds a list: every assignment to it (every `return`
of the function) is a list display, a list comprehension, `list(...)` or `sorted(...)`.

Before:
    opts=pulumi.ResourceOptions(depends_on=[vpc, self.subnets])     # self.subnets = [...]
After:
    opts=pulumi.ResourceOptions(depends_on=[vpc, *self.subnets])

Safety: safe. Flattening the literal or unpacking the list keeps exactly the same dependencies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import PositionProvider

from agent.core.cst import dotted_name, keyword, metadata, parsed_or_skip
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip, edit_file

Scope = cst.Module | cst.ClassDef | cst.FunctionDef
Item = cst.Element | cst.StarredElement
_SEQUENCES = (cst.List, cst.Tuple)
_SPACE = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))


def _list_shaped(node: cst.BaseExpression | None) -> bool:
    if isinstance(node, (cst.List, cst.ListComp)):
        return True
    if isinstance(node, cst.Call):
        return dotted_name(node.func) in ("list", "sorted")
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        return _list_shaped(node.left) or _list_shaped(node.right)
    return False


class _Bindings(cst.CSTVisitor):
    """What `target` is bound to in one scope, and every `return` value there. A binding other
    than a plain assignment records None. Nested functions and classes are left out unless
    `descend` (an attribute such as `self.subnets` is assigned in any method of its class)."""

    def __init__(self, root: Scope, target: str, descend: bool = False) -> None:
        self.root = root
        self.target = target
        self.descend = descend
        self.values: list[cst.BaseExpression | None] = []
        self.returns: list[cst.BaseExpression | None] = []

    def _enter(self, node: cst.FunctionDef | cst.ClassDef) -> bool:
        if node is self.root or self.descend:
            return True
        if node.name.value == self.target:
            self.values.append(None)
        return False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return self._enter(node)

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return self._enter(node)

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def visit_Param(self, node: cst.Param) -> None:
        if node.name.value == self.target:
            self.values.append(None)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._bind(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._bind(node.target, node.value)

    def visit_For(self, node: cst.For) -> None:
        self._bind(node.target, None)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._bind(node.asname.name, None)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind(node.target, None)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._bind(node.target, None)

    def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
        name = node.asname.name if node.asname else node.name
        if dotted_name(name) == self.target:
            self.values.append(None)

    def visit_Return(self, node: cst.Return) -> None:
        self.returns.append(node.value)

    def visit_Yield(self, node: cst.Yield) -> None:
        self.returns.append(None)

    def _bind(self, target: cst.BaseExpression, value: cst.BaseExpression | None) -> None:
        if dotted_name(target) == self.target:
            self.values.append(value)
        elif isinstance(target, _SEQUENCES):  # unpacking: whatever lands in the target is unknown here
            for element in target.elements:
                self._bind(element.value, None)


def _all_lists(values: Sequence[cst.BaseExpression | None]) -> bool:
    return bool(values) and all(_list_shaped(v) for v in values)


def _bindings(scope: Scope, target: str, descend: bool = False) -> _Bindings:
    found = _Bindings(scope, target, descend)
    scope.visit(found)
    return found


@dataclass(frozen=True)
class _Site:
    """A `depends_on=[...]` list and the scopes around its call, innermost last."""

    value: cst.List
    start: int
    end: int
    scopes: tuple[Scope, ...]

    def _scope(self, kind: type) -> Scope | None:
        return next((s for s in reversed(self.scopes) if isinstance(s, kind)), None)

    def holds_list(self, node: cst.BaseExpression) -> bool:
        """Whether the file shows `node` (a name, attribute or call of a function) is a list."""
        if isinstance(node, cst.Call):
            return self._returns_list(node.func)
        name = dotted_name(node)
        if name is None:
            return False
        base, _, attribute = name.partition(".")
        if attribute:
            owner = self._scope(cst.ClassDef) if base in ("self", "cls") else self.scopes[0]
            return owner is not None and _all_lists(_bindings(owner, name, descend=True).values)
        for scope in reversed(self.scopes):  # the innermost function binding the name, else the module
            if isinstance(scope, cst.ClassDef):
                continue
            values = _bindings(scope, name).values
            if values:
                return _all_lists(values)
        return False

    def _returns_list(self, func: cst.BaseExpression) -> bool:
        """A call of a module function or of a method of the enclosing class (`self.m`) whose every return is a list."""
        name = dotted_name(func) or ""
        base, _, method = name.partition(".")
        if name and not method:
            owner, wanted = self.scopes[0], base
        elif base in ("self", "cls") and method and "." not in method:
            owner, wanted = self._scope(cst.ClassDef), method
        else:
            return False
        if owner is None:
            return False
        body = owner.body.body if isinstance(owner, cst.ClassDef) else owner.body
        definitions = [s for s in body if isinstance(s, cst.FunctionDef) and s.name.value == wanted]
        return bool(definitions) and all(_all_lists(_bindings(d, "").returns) for d in definitions)


class _Sites(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self) -> None:
        self.scopes: list[Scope] = []
        self.found: list[_Site] = []

    def visit_Module(self, node: cst.Module) -> None:
        self.scopes.append(node)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.scopes.append(node)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.scopes.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scopes.append(node)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.scopes.pop()

    def visit_Call(self, node: cst.Call) -> None:
        arg = keyword(node, "depends_on")
        if arg is not None and isinstance(arg.value, cst.List):
            pos = self.get_metadata(PositionProvider, node)
            self.found.append(_Site(arg.value, pos.start.line, pos.end.line, tuple(self.scopes)))


def _site_at(module: cst.Module, line: int) -> _Site | None:
    """The innermost call with a `depends_on=[...]` list spanning the line the traceback names."""
    sites = _Sites()
    metadata(module).visit(sites)
    spanning = [s for s in sites.found if s.start <= line <= s.end]
    return min(spanning, key=lambda s: s.end - s.start, default=None)


class _Flatten:
    """The elements of a depends_on list with nested list literals inlined and list-holders unpacked."""

    def __init__(self, site: _Site) -> None:
        self.site = site
        self.changed: list[str] = []
        self.unknown: list[str] = []

    def elements(self, items: Sequence[Item]) -> list[Item]:
        out: list[Item] = []
        for item in items:
            value = item.value
            code = cst.Module([]).code_for_node(value)
            if isinstance(item, cst.StarredElement):
                if isinstance(value, _SEQUENCES):
                    value = value.with_changes(elements=self._laid_out(self.elements(value.elements), value.elements))
                out.append(item.with_changes(value=value))
            elif isinstance(value, _SEQUENCES):
                self.changed.append(f"{code} inlined")
                inner = self.elements(value.elements)
                out += [*inner[:-1], inner[-1].with_changes(comma=item.comma)] if inner else []
            elif _list_shaped(value) or self.site.holds_list(value):
                self.changed.append(f"{code} unpacked")
                out.append(cst.StarredElement(value=value, comma=item.comma))
            else:
                if isinstance(value, (cst.Name, cst.Attribute, cst.Call)):
                    self.unknown.append(code)
                out.append(item)
        return out

    @staticmethod
    def _laid_out(new: list[Item], old: Sequence[Item]) -> list[Item]:
        """Commas between all elements; the last keeps the original last element's (trailing comma or none)."""
        if not new:
            return new
        spaced = [e if isinstance(e.comma, cst.Comma) else e.with_changes(comma=_SPACE) for e in new[:-1]]
        return [*spaced, new[-1].with_changes(comma=old[-1].comma if old else cst.MaybeSentinel.DEFAULT)]

    def list(self) -> cst.List:
        value = self.site.value
        return value.with_changes(elements=self._laid_out(self.elements(value.elements), value.elements))


class _Replace(cst.CSTTransformer):
    def __init__(self, old: cst.List, new: cst.List) -> None:
        self.old, self.new = old, new

    def leave_List(self, original_node: cst.List, updated_node: cst.List) -> cst.List:
        return self.new if original_node is self.old else updated_node


class DependsOnShape(Fixer[None]):
    id = "RM017"
    name = "pulumi.depends-on-shape"
    title = "Flatten a list nested in depends_on=[...] (inline a literal, unpack a list-valued name)"
    kinds = frozenset({ErrorKind.INVALID_OPTION})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match | None:
        if error.kind not in self.kinds or error.details.get("option") != "depends_on":
            return None
        if "sequence" not in error.details or not error.file or not error.line:
            return None  # the refused value is not a list: flattening cannot help
        return Match(error)

    def fix(self, match: Match, ctx: FixContext) -> Fix | Skip:
        path, line = match.error.file, match.error.line
        module = parsed_or_skip(ctx.project, path)
        if isinstance(module, Skip):
            return module
        site = _site_at(module, line)
        if site is None:
            return Skip(f"no call with a depends_on=[...] list literal at {path}:{line}")
        flatten = _Flatten(site)
        new = flatten.list()
        edit = edit_file(ctx.project, path, module.visit(_Replace(site.value, new)).code) if flatten.changed else None
        if edit is None:
            unknown = ", ".join(flatten.unknown) or "none"
            return Skip(
                f"depends_on at {path}:{line} holds no nested list literal, and the file does not show any of its "
                f"elements to be a list (not evident: {unknown}); not unpacking on a guess"
            )
        return Fix(
            edits=(edit,),
            change=f"depends_on flattened at {path}:{line}: {'; '.join(flatten.changed)}",
            why=(
                "Pulumi takes depends_on as a flat list of resources and refused a list inside it; "
                "inlining or unpacking that list keeps the same dependencies."
            ),
            safety=Safety.SAFE,
            file=path,
            line=line,
        )
