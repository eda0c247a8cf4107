"""RM024: a function that creates a resource under a fixed name is called more than once.

`monitoring_role_arn=self._create_monitoring_role().arn` on a writer and a reader instance calls
the factory twice, and its `iam.Role("rds-monitoring-role")` is registered twice: a duplicate URN.
The name does not depend on the call, so the author meant one resource that both use. Only calls
with no arguments (or the same literal ones) qualify, so the cache key is hashable and every call
asked for the same thing.

Before:
    def _create_monitoring_role(self):
After:
    @functools.cache
    def _create_monitoring_role(self):

Safety: unsafe. A human may have wanted one resource per call, under distinct names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst
from libcst.metadata import PositionProvider

from agent.core.cst import LoopAware, dotted_name, keyword, metadata, parse, string_value
from agent.core.errors import DeployError, ErrorKind, parse_urn
from agent.core.fixes import Fix, FixContext, Fixer, FixResult, Match, Safety, Skip, edit_file
from fixers._output_names import MESSAGE
from fixers._pulumi import imported_names, with_import

CACHE_DECORATORS = {"functools.cache", "functools.lru_cache", "cache", "lru_cache", "cached_property", "functools.cached_property"}


def _names_in(node: cst.CSTNode) -> set[str]:
    """Plain names an expression reads (`self` of `self.prefix` included, attributes not)."""
    found: set[str] = set()

    class Names(cst.CSTVisitor):
        def visit_Name(self, name: cst.Name) -> None:
            found.add(name.value)

        def visit_Attribute(self, attribute: cst.Attribute) -> bool:
            attribute.value.visit(self)
            return False

    node.visit(Names())
    return found


def _bound_in(function: cst.FunctionDef) -> set[str]:
    """Parameters (but `self`/`cls`) and names the function assigns: what a resource name may vary with."""
    params = function.params
    bound = {p.name.value for p in [*params.posonly_params, *params.params, *params.kwonly_params]}
    for star in (params.star_arg, params.star_kwarg):
        if isinstance(star, cst.Param):
            bound.add(star.name.value)
    bound -= {"self", "cls"}

    class Stores(cst.CSTVisitor):
        def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
            if isinstance(node.target, (cst.Name, cst.Tuple, cst.List)):
                bound.update(_names_in(node.target))

        def visit_For(self, node: cst.For) -> None:
            bound.update(_names_in(node.target))

        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return node is function

    function.visit(Stores())
    return bound


def _decorator_name(decorator: cst.Decorator) -> str:
    """`functools.lru_cache` for `@functools.lru_cache(maxsize=None)` as for `@functools.lru_cache`."""
    expression = decorator.decorator
    return dotted_name(expression.func if isinstance(expression, cst.Call) else expression) or ""


def _resource_name_arg(call: cst.Call) -> cst.BaseExpression | None:
    arg = keyword(call, "resource_name") or (call.args[0] if call.args and call.args[0].keyword is None else None)
    return arg.value if arg else None


def _could_render(name: cst.BaseExpression, rendered: str) -> bool:
    """Whether a fixed name expression could be `rendered`: a literal equal to it, an f-string whose
    literal parts appear in it in order, anything else (a module constant) trusted."""
    if isinstance(name, cst.SimpleString):
        return string_value(name) == rendered
    if isinstance(name, cst.FormattedString):
        at = 0
        for part in name.parts:
            if isinstance(part, cst.FormattedStringText):
                at = rendered.find(part.value, at)
                if at < 0:
                    return False
                at += len(part.value)
    return True


@dataclass
class _Factory:
    path: str
    qualified: str  # `Stack._create_role` or `create_role`
    name: str
    is_method: bool
    line: int


@dataclass
class _Factories(cst.CSTVisitor):
    """Functions creating `class_name` under a name that does not depend on the call."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    path: str
    class_name: str
    rendered: str
    found: list[_Factory] = field(default_factory=list)
    stack: list[cst.CSTNode] = field(default_factory=list)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.stack.append(node)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.stack.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.stack.append(node)
        if any(_decorator_name(d) in CACHE_DECORATORS for d in node.decorators):
            return
        bound = _bound_in(node)
        for call in _own_calls(node):
            if (dotted_name(call.func) or "").split(".")[-1] != self.class_name:
                continue
            name = _resource_name_arg(call)
            if name is not None and not (_names_in(name) & bound) and _could_render(name, self.rendered):
                owner = self.stack[-2] if len(self.stack) > 1 else None
                is_method = isinstance(owner, cst.ClassDef)
                qualified = f"{owner.name.value}.{node.name.value}" if is_method else node.name.value
                line = self.get_metadata(PositionProvider, node).start.line
                self.found.append(_Factory(self.path, qualified, node.name.value, is_method, line))
                return

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.stack.pop()


def _own_calls(function: cst.FunctionDef) -> list[cst.Call]:
    """Calls in the function's body, not in functions or classes nested in it."""
    calls: list[cst.Call] = []

    class Calls(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            calls.append(node)

        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return node is function

        def visit_ClassDef(self, node: cst.ClassDef) -> bool:
            return False

    function.visit(Calls())
    return calls


NOT_LITERAL = "<not literal>"


def _is_literal(value: cst.BaseExpression) -> bool:
    """A hashable constant: a string, a number, True/False/None."""
    if isinstance(value, cst.Name):
        return value.value in ("True", "False", "None")
    return isinstance(value, (cst.SimpleString, cst.Integer, cst.Float))


class _CallSites(LoopAware):
    """Calls of a factory (`self.name(...)` for a method, `name(...)`/`mod.name(...)` for a function)."""

    def __init__(self, factory: _Factory) -> None:
        super().__init__()
        self.factory = factory
        self.arguments: list[str] = []

    def visit_Call(self, node: cst.Call) -> None:
        callee = dotted_name(node.func) or ""
        wanted = f"self.{self.factory.name}" if self.factory.is_method else self.factory.name
        if callee == wanted or (not self.factory.is_method and callee.endswith(f".{self.factory.name}")):
            literal = all(_is_literal(a.value) for a in node.args)
            text = cst.Module([]).code_for_node(node.with_changes(func=cst.Name("f"))) if literal else NOT_LITERAL
            self.arguments += [text] * (2 if self.loops else 1)


@dataclass(frozen=True)
class RepeatedResource:
    cls: str  # the resource's class, the URN type token's last part: "Role"
    name: str


class RepeatedFactory(Fixer[RepeatedResource]):
    id = "RM024"
    name = "python.repeated-factory"
    title = "Create a resource with a fixed name once, however often its factory is called"
    kinds = frozenset({ErrorKind.DUPLICATE_URN})
    safety = Safety.UNSAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[RepeatedResource] | None:
        type_token, name = parse_urn(error.details.get("urn"))
        if type_token is None or not type_token.startswith(("aws:", "random:", "tls:", "pulumi:providers:")):
            return None
        if MESSAGE in name:  # the URN's name holds an Output's warning: RM029's and RM015's family, not a repeated call
            return None
        return Match(error, RepeatedResource(type_token.split(":")[-1], name))

    def fix(self, match: Match[RepeatedResource], ctx: FixContext) -> FixResult:
        project = ctx.project
        modules = {path: parse(project.read(path)) for path in project.python_files()}
        factories: list[_Factory] = []
        for path, module in modules.items():
            if module is not None:
                visitor = _Factories(path, match.found.cls, match.found.name)
                metadata(module).visit(visitor)
                factories += visitor.found
        if len(factories) != 1:
            where = "no function" if not factories else f"{len(factories)} functions"
            return Skip(f"{where} create {match.found.cls} '{match.found.name}' under a name that does not depend on the call")
        factory = factories[0]
        sites = _CallSites(factory)
        for module in modules.values():
            if module is not None:
                module.visit(sites)
        if len(sites.arguments) < 2:
            return Skip(f"{factory.qualified} is not called more than once; the duplicate comes from elsewhere")
        if NOT_LITERAL in sites.arguments or len(set(sites.arguments)) > 1:
            return Skip(
                f"{factory.qualified} is called with differing or non-literal arguments; which call the single "
                f"{match.found.cls} should follow is a human's choice"
            )
        module = modules[factory.path]
        edit = edit_file(project, factory.path, _cached(module, factory).code)
        if edit is None:
            return Skip(f"{factory.qualified} is already cached")
        return Fix(
            edits=(edit,),
            change=f"@functools.cache on {factory.qualified}: {match.found.cls} '{match.found.name}' is created once and shared",
            why=f"{factory.qualified} creates {match.found.cls} '{match.found.name}' under a name that does not depend on "
            f"its arguments and is called {len(sites.arguments)} times, so the resource was registered more than once; "
            "caching the factory makes every caller share the one resource the name can stand for.",
            safety=Safety.UNSAFE,
            file=factory.path,
            line=factory.line,
        )


def _cached(module: cst.Module, factory: _Factory) -> cst.Module:
    names = imported_names(module)
    spelled = next((local for local, full in names.items() if full == "functools.cache"), None)
    if spelled is None:
        spelled = next((f"{local}.cache" for local, full in names.items() if full == "functools"), None)
    decorated = module.visit(_Decorate(factory, spelled or "functools.cache"))
    return with_import(decorated, "functools") if spelled is None else decorated


class _Decorate(cst.CSTTransformer):
    def __init__(self, factory: _Factory, decorator: str) -> None:
        self.factory = factory
        self.decorator = decorator
        self.classes: list[str] = []

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.append(node.name.value)

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        self.classes.pop()
        return updated_node

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:
        qualified = f"{self.classes[-1]}.{updated_node.name.value}" if self.factory.is_method and self.classes else updated_node.name.value
        if qualified != self.factory.qualified:
            return updated_node
        decorator = cst.Decorator(cst.parse_expression(self.decorator))
        return updated_node.with_changes(decorators=[*updated_node.decorators, decorator])
