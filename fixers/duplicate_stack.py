"""RM007: a module-level call is made again by the entry point, so its resources register twice.

A module that instantiates its stack component (or calls the function creating its resources) at
module level does so again when the entry point imports it and makes the same call. The entry point
is the program Pulumi runs, so the module-level copy goes, and only a call identical to the entry
point's (once module variables and stack config are resolved). Two resources given one literal
name, or one created in a loop, are a naming bug: left to a human.

Before:
    stack = TapStack("TapStack-dev", TapStackArgs(environment_suffix="dev"))   # lib/tap_stack.py
After:
    (the line is gone: tap.py makes the same call with env = "dev")

Safety: safe. The call removed is identical to one that stays, so the same URNs are registered.
"""

from __future__ import annotations

import ast
import copy
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import PositionProvider

from agent.core.cst import dotted_name, keyword, metadata, parse, string_value
from agent.core.errors import DeployError, ErrorKind, parse_urn
from agent.core.fixes import Fix, FixContext, Fixer, FixResult, Match, Safety, Skip, edit_file
from agent.core.project import Project
from agent.core.project_modules import entry_file, module_name

# ---- which calls are the same call ---------------------------------------------------------


def _module_name(project: Project, path: str) -> str:
    """The dotted name the entry point imports `path` by ("__main__" for the entry point)."""
    return "__main__" if path == entry_file(project) else module_name(project, path)


def _imported(module: str, node: ast.ImportFrom) -> str:
    """The absolute module of `from <node.module> import ...` written in `module`."""
    if not node.level:
        return node.module or ""
    package = module.split(".")[: -node.level] if module != "__main__" else []
    return ".".join(package + ([node.module] if node.module else []))


class _Scope:
    """A module's top-level bindings: imports and definitions by their dotted origin, single assignments by value."""

    def __init__(self, project: Project, path: str, config: dict) -> None:
        self.project, self.config = project, config
        self.module = _module_name(project, path)
        self.origins: dict[str, str] = {}
        self.values: dict[str, ast.expr] = {}
        try:
            tree = ast.parse(project.read(path))
        except SyntaxError:
            tree = ast.Module(body=[], type_ignores=[])
        for node in tree.body:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    self.origins[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else alias.name.split(".")[0]
            elif isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    self.origins[alias.asname or alias.name] = f"{_imported(self.module, node)}.{alias.name}"
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.origins[node.name] = f"{self.module}.{node.name}"
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                self.values[node.targets[0].id] = node.value
        stores = _module_stores(tree)
        self.values = {name: value for name, value in self.values.items() if stores.count(name) == 1}

    def canonical(self, code: str) -> str | None:
        """A dump of the expression that two modules produce alike only for the same call."""
        try:
            expr = ast.parse(code.strip(), mode="eval").body
        except SyntaxError:
            return None
        return ast.dump(_Fold(self).visit(_Resolve(self).visit(expr)))


def _module_stores(node: ast.AST) -> list[str]:
    """Every name bound at module level (in `if`/`for`/`with` too; not inside functions or classes)."""
    found = [node.id] if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) else []
    for child in ast.iter_child_nodes(node):
        if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            found += _module_stores(child)
    return found


class _Resolve(ast.NodeTransformer):
    """Names replaced by their origin (imports, definitions) or their single module-level value."""

    def __init__(self, scope: _Scope, depth: int = 0) -> None:
        self.scope, self.depth = scope, depth

    def visit_Name(self, node: ast.Name) -> ast.expr:
        if node.id in self.scope.origins:
            return ast.Name(id=self.scope.origins[node.id], ctx=ast.Load())
        if node.id in self.scope.values and self.depth < 10:
            return _Resolve(self.scope, self.depth + 1).visit(copy.deepcopy(self.scope.values[node.id]))
        return ast.Name(id=f"{self.scope.module}:{node.id}", ctx=ast.Load())

    def visit_Attribute(self, node: ast.Attribute) -> ast.expr:
        node = self.generic_visit(node)
        if isinstance(node.value, ast.Name) and ":" not in node.value.id:  # `pulumi.Config` as `from pulumi import Config` reads
            return ast.Name(id=f"{node.value.id}.{node.attr}", ctx=ast.Load())
        return node


class _Fold(ast.NodeTransformer):
    """Config reads with a default become the stack's value; f-strings of constants become strings."""

    def __init__(self, scope: _Scope) -> None:
        self.scope = scope

    def _config_get(self, node: ast.expr) -> tuple[str, ast.expr | None] | None:
        """(qualified key, default) of `pulumi.Config(...).get("k"[, default])`."""
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"):
            return None
        config = node.func.value
        if not (isinstance(config, ast.Call) and isinstance(config.func, ast.Name) and config.func.id == "pulumi.Config"):
            return None
        namespace = config.args[0].value if config.args and isinstance(config.args[0], ast.Constant) else None
        if not node.args or not isinstance(node.args[0], ast.Constant) or not isinstance(node.args[0].value, str):
            return None
        key = node.args[0].value
        key = f"{namespace}:{key}" if namespace else self.scope.project.qualify(key)
        return key, node.args[1] if len(node.args) > 1 else None

    def _config_value(self, key: str, default: ast.expr) -> ast.expr:
        return ast.Constant(value=str(self.scope.config[key])) if key in self.scope.config else default

    def visit_Call(self, node: ast.Call) -> ast.expr:
        node = self.generic_visit(node)
        read = self._config_get(node)
        if read and isinstance(read[1], ast.Constant):
            return self._config_value(read[0], read[1])
        return node

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.expr:
        node = self.generic_visit(node)
        read = self._config_get(node.values[0]) if isinstance(node.op, ast.Or) and len(node.values) == 2 else None
        if read and read[1] is None and isinstance(node.values[1], ast.Constant):
            return self._config_value(read[0], node.values[1])
        return node

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.expr:
        node = self.generic_visit(node)
        parts = []
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                if value.conversion != -1 or value.format_spec or not isinstance(value.value, ast.Constant):
                    return node
                value = value.value
            if not isinstance(value, ast.Constant) or not isinstance(value.value, (str, int)):
                return node
            parts.append(str(value.value))
        return ast.Constant(value="".join(parts))


# ---- which callees register the duplicated type -----------------------------------------------


def _registering(project: Project, type_token: str) -> set[str]:
    """Names of project functions/classes that register `type_token` (directly or through each other)."""
    class_name = type_token.split(":")[-1]
    calls: dict[str, set[str]] = {}
    direct = {class_name}
    for path in project.python_files():
        try:
            tree = ast.parse(project.read(path))
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                inner = list(ast.walk(node))
                if any(isinstance(n, ast.Constant) and n.value == type_token for n in inner):
                    direct.add(node.name)
                calls.setdefault(node.name, set()).update(_last_name(n.func) for n in inner if isinstance(n, ast.Call))
    found, grown = set(direct), True
    while grown:
        grown = False
        for name, called in calls.items():
            if name not in found and called & found:
                found.add(name)
                grown = True
    return found


def _last_name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


# ---- statements -----------------------------------------------------------------------------


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


def _statement_call(statement: cst.CSTNode) -> cst.Call | None:
    """The call of `x = f(...)` / `f(...)`."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    value = getattr(statement.body[0], "value", None)
    return value if isinstance(value, cst.Call) else None


def _assigned_names(statement: cst.SimpleStatementLine) -> set[str]:
    small = statement.body[0]
    targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else []
    if isinstance(small, cst.AnnAssign):
        targets = [small.target]
    return {t.value for t in targets if isinstance(t, cst.Name)}


def _export_name(statement: cst.CSTNode) -> str | None:
    """ "x" for `pulumi.export("x", ...)`."""
    call = _statement_call(statement)
    if call is None or (dotted_name(call.func) or "").split(".")[-1] != "export" or not call.args:
        return None
    return string_value(call.args[0].value)


def _resource_name(call: cst.Call) -> str | None:
    arg = keyword(call, "resource_name") or keyword(call, "name") or (call.args[0] if call.args and call.args[0].keyword is None else None)
    return string_value(arg.value) if arg else None


def _imports_from(project: Project, path: str, module: str, names: set[str]) -> str | None:
    """Another file importing one of `names` from `module`, or None."""
    for other in project.python_files():
        if other == path:
            continue
        try:
            tree = ast.parse(project.read(other))
        except SyntaxError:
            continue
        importer = _module_name(project, other)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and _imported(importer, node) == module:
                if {alias.name for alias in node.names} & (names | {"*"}):
                    return other
    return None


# ---- the same literal name twice in one scope, or in a loop -----------------------------------


class _NamedCalls(cst.CSTVisitor):
    """Calls giving `name` as the resource name: (line, scope node, inside a loop)."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, name: str) -> None:
        self.name = name
        self.scopes: list[tuple[cst.CSTNode, int]] = []
        self.found: list[tuple[int, cst.CSTNode, bool]] = []

    def _enter(self, node: cst.CSTNode) -> None:
        self.scopes.append((node, 0))

    def _leave(self, node: cst.CSTNode) -> None:
        self.scopes.pop()

    visit_Module = visit_FunctionDef = visit_ClassDef = _enter
    leave_Module = leave_FunctionDef = leave_ClassDef = _leave

    def _loop(self, node: cst.CSTNode) -> None:
        scope, loops = self.scopes[-1]
        self.scopes[-1] = (scope, loops + 1)

    def _unloop(self, node: cst.CSTNode) -> None:
        scope, loops = self.scopes[-1]
        self.scopes[-1] = (scope, loops - 1)

    visit_For = visit_While = visit_ListComp = visit_GeneratorExp = visit_DictComp = visit_SetComp = _loop
    leave_For = leave_While = leave_ListComp = leave_GeneratorExp = leave_DictComp = leave_SetComp = _unloop

    def visit_Call(self, node: cst.Call) -> None:
        if _resource_name(node) == self.name and dotted_name(node.func):
            scope, loops = self.scopes[-1]
            self.found.append((self.get_metadata(PositionProvider, node).start.line, scope, loops > 0))


def _naming_bug(project: Project, name: str) -> Skip | None:
    """A Skip when two calls in one scope, or a call in a loop, give `name` literally."""
    by_scope: dict[int, list[str]] = {}
    for path in project.python_files():
        module = parse(project.read(path))
        if module is None:
            continue
        visitor = _NamedCalls(name)
        metadata(module).visit(visitor)
        for line, scope, in_loop in visitor.found:
            if in_loop:
                return Skip(
                    f"'{name}' is created in a loop at {path}:{line}, once per iteration under the same name; "
                    "giving each a distinct name changes what is deployed, so it is left to a human"
                )
            by_scope.setdefault(id(scope), []).append(f"{path}:{line}")
    for places in by_scope.values():
        if len(places) > 1:
            return Skip(
                f"two different resources are both named '{name}', at {places[0]} and {places[1]}; "
                "renaming one changes what is deployed, so it is left to a human"
            )
    return None


@dataclass(frozen=True)
class DuplicatedResource:
    type: str  # the URN's type token, e.g. "aws:s3/bucket:Bucket"
    name: str


class DuplicateStack(Fixer[DuplicatedResource]):
    id = "RM007"
    name = "python.duplicate-stack"
    title = "Make a module-level call only in the entry point"
    kinds = frozenset({ErrorKind.DUPLICATE_URN})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[DuplicatedResource] | None:
        type_token, name = parse_urn(error.details.get("urn"))
        if type_token is None:
            return None
        return Match(error, DuplicatedResource(type_token, name))

    def fix(self, match: Match[DuplicatedResource], ctx: FixContext) -> FixResult:
        project = ctx.project
        entry = entry_file(project)
        entry_module = parse(project.read(entry)) if (project.root / entry).is_file() else None
        if entry_module is None:
            return Skip(f"the entry point {entry} is missing or does not parse")
        naming_bug = _naming_bug(project, match.found.name)
        if naming_bug is not None:
            return naming_bug
        config = project.stack_config(ctx.stack)
        entry_scope = _Scope(project, entry, config)
        registering = _registering(project, match.found.type)
        entry_calls = {
            entry_scope.canonical(entry_module.code_for_node(call))
            for call in map(_statement_call, entry_module.body)
            if call is not None and (dotted_name(call.func) or "").split(".")[-1] in registering
        } - {None}
        if not entry_calls:
            return Skip(f"{entry} makes no module-level call that registers {match.found.type}")
        exported = {name for name in map(_export_name, entry_module.body) if name}
        edits, removed_from, callees = [], [], set()
        for path in project.python_files():
            if path == entry:
                continue
            result = self._without_repeats(project, path, config, entry_calls, exported, callees)
            if isinstance(result, Skip):
                return result
            if result is not None:
                edits.append(result)
                removed_from.append(path)
        if not edits:
            return Skip(f"no module-level call outside {entry} is identical to one {entry} makes")
        calls = "/".join(sorted(callees))
        return Fix(
            edits=tuple(edits),
            change=f"remove the module-level {calls}(...) from {', '.join(removed_from)}; {entry} makes the same call",
            why=f"{entry} imports {', '.join(removed_from)}, which calls {calls}(...) at import time exactly as {entry} "
            f"does, so {match.found.type} '{match.found.name}' is registered twice; the entry point's call stays.",
            safety=self.safety,
            file=removed_from[0],
            settles=frozenset({ErrorKind.DUPLICATE_URN}),  # every resource under the removed call was a duplicate
        )

    def _without_repeats(self, project: Project, path: str, config: dict, entry_calls: set, exported: set, callees: set):
        """The Edit dropping `path`'s module-level calls identical to the entry point's; None if none; Skip if unsafe."""
        module = parse(project.read(path))
        if module is None:
            return None
        scope = _Scope(project, path, config)
        repeats = []
        for statement in module.body:
            call = _statement_call(statement)
            if call is not None and scope.canonical(module.code_for_node(call)) in entry_calls:
                repeats.append(statement)
                callees.add(dotted_name(call.func) or "call")
        if not repeats:
            return None
        names = set().union(*(_assigned_names(statement) for statement in repeats))
        dependents = [s for s in module.body if s not in repeats and _mentions(s, names)]
        not_exported = [s for s in dependents if _export_name(s) not in exported]
        if not_exported:
            kept = module.code_for_node(not_exported[0]).strip().splitlines()[0]
            return Skip(
                f"{path} still uses {', '.join(sorted(names))} in `{kept}`, which {entry_file(project)} does not "
                "export; moving it to the entry point is left to a human"
            )
        importer = _imports_from(project, path, scope.module, names)
        if importer is not None:
            return Skip(f"{importer} imports {', '.join(sorted(names))} from {path}; removing it is left to a human")
        body = [s for s in module.body if s not in repeats and s not in dependents]
        return edit_file(project, path, module.with_changes(body=body).code)
