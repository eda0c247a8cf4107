"""What the installed SDK requires of a pulumi_aws call, and the SDK calls of a file with their places.

RM014 (a required input filled from a sibling resource), RM018 (its documented usual value) and
RM038 (a required input passed under another spelling) read a class's required inputs from its
signature and rewrite the arguments of the calls they find.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import textwrap
from dataclasses import dataclass
from functools import cache, lru_cache

import libcst as cst
from libcst.metadata import PositionProvider

from agent.core import sdk
from agent.core.cst import keyword, metadata

MISSING = re.compile(r"Missing required property '(\w+)'")


@dataclass(frozen=True)
class MissingInput:
    """The required input a call at the error's line lacks, and the class the error names (None: any)."""

    name: str
    cls_name: str | None


def _args_class(cls: type) -> type | None:
    """Where the SDK declares a class's inputs with their defaults: `<Resource>Args`, or the Args class itself."""
    if not issubclass(cls, _pulumi_resource()):
        return cls
    return getattr(importlib.import_module(cls.__module__), f"{cls.__name__}Args", None)


@cache
def _enforced(cls: type) -> frozenset[str]:
    """The inputs a resource's `_internal_init` raises "Missing required property" for. Its module's
    `<Resource>Args` can be another class: pulumi-aws 7's `s3.BucketVersioningArgs` is the Bucket's
    inline block, not the BucketVersioning resource's inputs."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls._internal_init)))
    except (AttributeError, OSError, TypeError, SyntaxError):
        return frozenset()
    texts = (
        node.exc.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args and isinstance(node.exc.args[0], ast.Constant)
    )
    return frozenset(m.group(1) for text in texts if isinstance(text, str) and (m := MISSING.fullmatch(text)))


@lru_cache(maxsize=1)
def _pulumi_resource() -> type:
    import pulumi

    return pulumi.Resource


@cache
def _required_params(cls: type) -> dict[str, inspect.Parameter]:
    if issubclass(cls, _pulumi_resource()):
        try:
            params = inspect.signature(cls._internal_init).parameters.values()
        except (AttributeError, TypeError, ValueError):
            return {}
        return {p.name: p for p in params if p.name in _enforced(cls)}
    try:
        params = inspect.signature(cls.__init__).parameters.values()
    except (TypeError, ValueError):
        return {}
    return {p.name: p for p in params if p.kind is p.KEYWORD_ONLY and p.default is p.empty}


@cache
def required(cls: type) -> dict[str, str]:
    """Required inputs of a resource or Args class -> what the SDK's docs say of each (the Args
    class's `:param` lines, else the resource's output of that name)."""
    args = _args_class(cls)
    doc = (inspect.getdoc(args.__init__) or "") if args is not None and _required_params(cls) else ""
    found = {}
    for name in _required_params(cls):
        described = re.search(rf":param [^:\n]* {name}: (.*)", doc)
        output = getattr(cls, name, None)
        said = described.group(1) if described else (inspect.getdoc(output) or "" if isinstance(output, property) else "")
        found[name] = said.strip()
    return found


def is_sequence(cls: type, name: str) -> bool:
    """Whether the required input `name` is typed as a list."""
    param = _required_params(cls).get(name)
    return param is not None and "Sequence[" in str(param.annotation)


def lacks(call: cst.Call, name: str) -> bool:
    """Whether the call surely does not pass `name` (no such keyword, no `**kwargs`)."""
    return keyword(call, name) is None and not any(a.star for a in call.args)


@dataclass
class Site:
    call: cst.Call
    start: int
    end: int
    scope: cst.CSTNode | None  # the enclosing function, None at module level


class Calls(cst.CSTVisitor):
    """SDK calls with their lines and scopes, and the resources assigned to a name per scope."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, aliases: dict[str, str]) -> None:
        self.aliases = aliases
        self.scopes: list[cst.CSTNode | None] = [None]
        self.sites: list[Site] = []
        self.assigned: dict[cst.CSTNode | None, list[tuple[str, type]]] = {}

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scopes.append(node)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.scopes.pop()

    def visit_Call(self, node: cst.Call) -> None:
        if sdk.class_of(node.func, self.aliases) is not None:
            pos = self.get_metadata(PositionProvider, node)
            self.sites.append(Site(node, pos.start.line, pos.end.line, self.scopes[-1]))

    def visit_Assign(self, node: cst.Assign) -> None:
        cls = sdk.class_of(node.value.func, self.aliases) if isinstance(node.value, cst.Call) else None
        if cls is None or len(node.targets) != 1:
            return
        target = cst.Module([]).code_for_node(node.targets[0].target)
        self.assigned.setdefault(self.scopes[-1], []).append((target, cls))


@lru_cache(maxsize=64)
def calls_in(module: cst.Module) -> Calls:
    """The SDK calls of a parsed module (read-only). Cached by the module, which libcst hashes by
    identity and `parse` caches by text: fixers ask this of the same unchanged files again and again."""
    calls = Calls(sdk.import_aliases(module))
    metadata(module).visit(calls)
    return calls


class ReplaceArgs(cst.CSTTransformer):
    def __init__(self, new_args: dict[int, list[cst.Arg]]) -> None:
        self.new_args = new_args  # id(original call) -> its arguments

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        args = self.new_args.get(id(original_node))
        return updated_node if args is None else updated_node.with_changes(args=args)
