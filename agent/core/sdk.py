"""The installed pulumi_aws SDK as the source of truth for what its classes accept and expose.

Fixers ask it instead of keeping hand-made lists of parameter and property names, which go
stale with every pulumi_aws release. Classes are found through the project's own imports
(`import pulumi_aws as aws` ... `aws.elasticache.ServerlessCache`), so a class name that exists
in several services (`Deployment`, `Cluster`) resolves to the one the project uses.
`provider_aliases` and `classes_named(..., any_provider=True)` do the same for every installed
provider package (pulumi_random, pulumi_tls, ...); the other lookups take any class.
"""

from __future__ import annotations

import collections.abc
import difflib
import importlib
import importlib.util
import inspect
import json
import re
import typing
from collections.abc import Callable
from functools import cache, lru_cache
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

import libcst as cst

from agent.core.config import load_data
from agent.core.cst import dotted_name, parse
from agent.core.project import Project

PACKAGE = "pulumi_aws"
_NOT_INPUTS = {"self", "__self__", "resource_name", "opts", "__props__"}


def version(package: str = PACKAGE) -> str:
    try:
        return package_version(package)
    except PackageNotFoundError:
        return "(not installed)"


def _in_package(path: str, package: str = PACKAGE) -> bool:
    return path == package or path.startswith(package + ".")


@cache
def is_provider_package(name: str) -> bool:
    """Whether `name` is an installed Pulumi provider SDK: a pulumi_* package shipping
    pulumi-plugin.json with "resource": true (pulumi_aws, pulumi_random, pulumi_tls, ...)."""
    if not name.startswith("pulumi_"):
        return False
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return False
    for location in (spec.submodule_search_locations or []) if spec is not None else []:
        try:
            return json.loads((Path(location) / "pulumi-plugin.json").read_text()).get("resource") is True
        except (OSError, ValueError):
            continue
    return False


@cache
def is_service_module(name: str) -> bool:
    """Whether pulumi_aws has a service module of this name (`lambda_`, `ec2`, `s3`)."""
    try:
        return name.isidentifier() and importlib.util.find_spec(f"{PACKAGE}.{name}") is not None
    except (ImportError, ValueError):
        return False


MISSING_IMPORTS = "missing_imports.json"


def import_statements(name: str) -> tuple[str, ...]:
    """The import statements that may bind a name a program uses without importing it, preferred
    first: config/missing_imports.json's (`json`, `Optional`, `aws`), else `from pulumi_aws import
    <name>` for a pulumi_aws service module (`lambda_`); () when none is known. The preflight
    reports such names and RM016 adds the import, so both read this one rule."""
    table = load_data(MISSING_IMPORTS)["imports"]
    if name in table:
        value = table[name]
        return (value,) if isinstance(value, str) else tuple(value)
    return (f"from {PACKAGE} import {name}",) if is_service_module(name) else ()


def package_of(path: str) -> str | None:
    """The provider package a dotted path is in ("pulumi_random" for "pulumi_random.RandomPassword"), else None."""
    head = path.split(".")[0]
    return head if is_provider_package(head) else None


class _Imports(cst.CSTVisitor):
    def __init__(self) -> None:
        self.aliases: dict[str, str] = {}

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> bool:
        for statement in node.body:  # an import is a whole small statement: nothing below it to visit
            if isinstance(statement, cst.Import):
                self.visit_Import(statement)
            elif isinstance(statement, cst.ImportFrom):
                self.visit_ImportFrom(statement)
        return False

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            full = dotted_name(alias.name)
            if full is None:
                continue
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                self.aliases[alias.asname.name.value] = full
            else:  # `import pulumi_aws.ec2` binds `pulumi_aws`
                head = full.split(".")[0]
                self.aliases[head] = head

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if node.relative or node.module is None or isinstance(node.names, cst.ImportStar):
            return
        module = dotted_name(node.module)
        for alias in node.names:
            name = dotted_name(alias.name)
            if module is None or name is None:
                continue
            local = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else name
            self.aliases[local] = f"{module}.{name}"


def imported_names(module: cst.Module) -> dict[str, str]:
    """Every local name a module's absolute imports bind, with what it is: {"random": "random"}."""
    return dict(_imported_names(module))


@lru_cache(maxsize=256)
def _imported_names(module: cst.Module) -> tuple[tuple[str, str], ...]:
    """Cached per module object (libcst trees are immutable and hash by identity)."""
    visitor = _Imports()
    module.visit(visitor)
    return tuple(visitor.aliases.items())


def import_aliases(module: cst.Module) -> dict[str, str]:
    """Local names bound to pulumi_aws or something in it: {"aws": "pulumi_aws", "Eip": "pulumi_aws.ec2.Eip"}."""
    return {local: full for local, full in imported_names(module).items() if _in_package(full)}


def provider_aliases(module: cst.Module) -> dict[str, str]:
    """Local names bound to any provider package or something in it: {"random": "pulumi_random", "aws": "pulumi_aws"}."""
    return {local: full for local, full in imported_names(module).items() if package_of(full)}


@cache
def _attribute_path(path: str) -> object | None:
    """What a dotted path names, read attribute by attribute from the top package, importing a
    submodule only where the attribute is missing. Importing `pulumi_aws.ec2.get_vpc` as a module
    first would rebind the lazily loaded `ec2`'s `get_vpc` from the function to its module."""
    parts = path.split(".")
    try:
        obj: object = importlib.import_module(parts[0])
    except ImportError:
        return None
    for depth, attr in enumerate(parts[1:], start=2):
        found = getattr(obj, attr, None)
        if found is None:
            try:
                found = importlib.import_module(".".join(parts[:depth]))
            except ImportError:
                return None
        obj = found
    return obj


def resolve(path: str) -> type | None:
    """The provider class a full dotted path names (`pulumi_aws.ec2.Eip`, `pulumi_random.RandomPassword`), else None."""
    package = package_of(path)
    if package is None:
        return None
    obj = _attribute_path(path)
    if isinstance(obj, type) and _in_package(obj.__module__, package):
        return obj
    return None


def full_path(node: cst.BaseExpression, aliases: dict[str, str]) -> str | None:
    """The dotted path an expression names once its head is resolved through the file's imports:
    `aws.ec2.Eip` -> "pulumi_aws.ec2.Eip", `p.ResourceOptions` -> "pulumi.ResourceOptions"; None
    for what no import in `aliases` binds."""
    dotted = dotted_name(node)
    if dotted is None:
        return None
    head, _, rest = dotted.partition(".")
    full = aliases.get(head)
    if full is None:
        return None
    return f"{full}.{rest}" if rest else full


def class_of(node: cst.BaseExpression, aliases: dict[str, str]) -> type | None:
    """The provider class an expression like `aws.ec2.Eip` names, given the file's import aliases."""
    path = full_path(node, aliases)
    return resolve(path) if path is not None else None


class _References(cst.CSTVisitor):
    def __init__(self, name: str, aliases: dict[str, str]) -> None:
        self.name = name
        self.aliases = aliases
        self.found: set[type] = set()

    def _note(self, node: cst.BaseExpression) -> None:
        dotted = dotted_name(node)
        if dotted is not None and dotted.split(".")[-1] == self.name:
            cls = class_of(node, self.aliases)
            if cls is not None and cls.__name__ == self.name:
                self.found.add(cls)

    def visit_Name(self, node: cst.Name) -> None:
        self._note(node)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._note(node)


def classes_named(project: Project, name: str, any_provider: bool = False) -> set[type]:
    """The pulumi_aws classes (any provider's with `any_provider`) called `name` that the project's code refers to (usually one)."""
    found: set[type] = set()
    for path in project.python_files():
        text = project.read(path)
        if name in text:  # a file not spelling the name cannot refer to it
            found |= _classes_referred(text, name, any_provider)
    return found


@lru_cache(maxsize=256)
def _classes_referred(text: str, name: str, any_provider: bool) -> frozenset[type]:
    """Cached by text: every fixer's match asks this of the same unchanged files."""
    module = parse(text)
    aliases = (provider_aliases(module) if any_provider else import_aliases(module)) if module is not None else None
    if not aliases:
        return frozenset()
    visitor = _References(name, aliases)
    module.visit(visitor)
    return frozenset(visitor.found)


class _CallsPassing(cst.CSTVisitor):
    """The classes among `classes` that some call passes the keyword `argument` to."""

    def __init__(self, classes: set[type], argument: str, aliases: dict[str, str]) -> None:
        self.classes, self.argument, self.aliases = classes, argument, aliases
        self.found: set[type] = set()

    def visit_Call(self, node: cst.Call) -> None:
        if any(arg.keyword is not None and arg.keyword.value == self.argument for arg in node.args):
            cls = class_of(node.func, self.aliases)
            if cls in self.classes:
                self.found.add(cls)


def class_lacking(project: Project, class_name: str, argument: str) -> type | None:
    """The one pulumi_aws class of that name the project uses that does not accept `argument`; when
    several lack it (ec2.Instance and rds.Instance), the one the project passes it to."""
    classes = {cls for cls in classes_named(project, class_name) if argument not in parameters(cls)}
    if len(classes) > 1:
        passing: set[type] = set()
        for path in project.python_files():
            module = parse(project.read(path))
            if module is not None and argument in module.code:
                visitor = _CallsPassing(classes, argument, import_aliases(module))
                module.visit(visitor)
                passing |= visitor.found
        classes = passing
    return classes.pop() if len(classes) == 1 else None


def _accepting(target: Any) -> Callable[..., Any]:
    """What a call of `target` hands its keywords to: an invoke itself, a resource's `_internal_init`, an Args class's `__init__`."""
    if inspect.isfunction(target):
        return target
    return getattr(target, "_internal_init", None) or target.__init__


def parameters(cls: Any) -> list[str]:
    """Input names a resource (`_internal_init`), an Args class (`__init__`) or an invoke accepts."""
    init = _accepting(cls)
    skipped = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    return [p.name for p in inspect.signature(init).parameters.values() if p.name not in _NOT_INPUTS and p.kind not in skipped]


def _is_sequence(annotation: object) -> bool:
    origin = typing.get_origin(annotation)
    if origin in (list, collections.abc.Sequence):
        return True
    if origin in (dict, collections.abc.Mapping):
        return False
    return any(_is_sequence(arg) for arg in typing.get_args(annotation))


@cache
def _annotation(target: Any, name: str) -> object | None:
    """The annotation of the input `name` of a class or invoke; None when it has none or no such input."""
    param = inspect.signature(_accepting(target)).parameters.get(name)
    return None if param is None or param.annotation is inspect.Parameter.empty else param.annotation


def input_annotation(target: Any, name: str) -> object | None:
    """The annotation of the input `name` of a class or invoke, as the SDK declares it (None when none)."""
    return _annotation(target, name)


def is_list_input(cls: Any, name: str) -> bool | None:
    """Whether the input `name` of `cls` (or of an invoke) is typed as a list (`Sequence[...]`); None when it has no annotation."""
    annotation = _annotation(cls, name)
    return None if annotation is None else _is_sequence(annotation)


def _is_mapping(annotation: object) -> bool:
    origin = typing.get_origin(annotation)
    return origin in (dict, collections.abc.Mapping) or any(_is_mapping(arg) for arg in typing.get_args(annotation))


def single_value_type(cls: Any, name: str) -> str | None:
    """The name of what an input taking one value takes: "str", "int", "float", "bool", or its
    `...Args` class; None for a list or mapping input, or an annotation saying neither."""
    annotation = _annotation(cls, name)
    if annotation is None or _is_sequence(annotation) or _is_mapping(annotation):
        return None
    scalars = [arg.__name__ for arg in typing.get_args(annotation) or (annotation,) if arg in (str, int, float, bool)]
    blocks = sorted(n for n in _forward_names(annotation) if n.endswith("Args"))
    return (scalars or blocks or [None])[0]


def output_properties(cls: type) -> set[str]:
    """Properties readable on an instance: a resource's outputs plus `id`, `urn` and the like."""
    return {
        name for klass in cls.__mro__ for name, value in vars(klass).items() if isinstance(value, property) and not name.startswith("_")
    }


OUTPUT_CLOSE_MATCH = 0.8  # how close a misspelt output must be to a real one to be suggested


def closest_output(cls: type, attribute: str) -> str | None:
    """The output of `cls` a misspelt `attribute` most likely means, or None."""
    close = difflib.get_close_matches(attribute, sorted(output_properties(cls)), n=1, cutoff=OUTPUT_CLOSE_MATCH)
    return close[0] if close else None


def snake_case(name: str) -> str:
    """A class name as the SDK spells its inputs: `MetricAlarm` -> `metric_alarm`."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def public_name(cls: type) -> str:
    """How users write the class after the package: "ec2.Eip", "elasticache.ServerlessCacheCacheUsageLimitsArgs", "RandomPassword"."""
    parts = cls.__module__.split(".")
    if len(parts) > 2 or hasattr(importlib.import_module(".".join(parts[:2])), "__path__"):
        return f"{parts[1]}.{cls.__name__}"
    return cls.__name__


# ---- invokes (data-source functions: aws.ec2.get_subnets, aws.get_availability_zones, ...) ----


@cache
def invoke(path: str) -> Callable[..., Any] | None:
    """The pulumi_aws invoke a full dotted path names (`pulumi_aws.ec2.get_subnets`), else None."""
    module_path, _, name = path.rpartition(".")
    if not _in_package(module_path):
        return None
    try:
        function = getattr(importlib.import_module(module_path), name, None)
    except ImportError:
        return None
    if inspect.isfunction(function) and name.startswith("get_") and _in_package(function.__module__):
        return function
    return None


def invoke_of(node: cst.BaseExpression, aliases: dict[str, str]) -> Callable[..., Any] | None:
    """The pulumi_aws invoke an expression like `aws.ec2.get_subnets` names, given the file's import aliases."""
    path = full_path(node, aliases)
    return invoke(path) if path is not None else None


class _InvokeReferences(_References):
    def _note(self, node: cst.BaseExpression) -> None:
        dotted = dotted_name(node)
        if dotted is not None and dotted.split(".")[-1] == self.name:
            function = invoke_of(node, self.aliases)
            if function is not None:
                self.found.add(function)


def invoke_lacking(project: Project, name: str, argument: str) -> Callable[..., Any] | None:
    """The one pulumi_aws invoke called `name` the project uses that does not accept `argument`."""
    found: set[Any] = set()
    for path in project.python_files():
        text = project.read(path)
        module = parse(text) if name in text else None
        aliases = import_aliases(module) if module is not None else {}
        if aliases:
            visitor = _InvokeReferences(name, aliases)
            module.visit(visitor)
            found |= visitor.found
    lacking = [function for function in found if argument not in parameters(function)]
    return lacking[0] if len(lacking) == 1 else None


def _forward_names(annotation: object) -> set[str]:
    if isinstance(annotation, typing.ForwardRef):
        return {annotation.__forward_arg__}
    return {name for arg in typing.get_args(annotation) for name in _forward_names(arg)}


def input_args_class(target: Any, name: str) -> type | None:
    """The `...Args` class the input `name` of an invoke or class takes (or takes items of), read from its annotation."""
    annotation = _annotation(target, name)
    if annotation is None:
        return None
    namespace = vars(importlib.import_module(_accepting(target).__module__))
    for forward in sorted(_forward_names(annotation)):
        cls = namespace.get(forward)
        if forward.endswith("Args") and isinstance(cls, type):
            return cls
    return None


def invoke_forms(function: Callable[..., Any]) -> frozenset[Callable[..., Any]]:
    """An invoke with its twin taking the same inputs: get_subnets and get_subnets_output."""
    base = function.__name__.removesuffix("_output")
    module = importlib.import_module(function.__module__)
    forms = (getattr(module, base, None), getattr(module, base + "_output", None), function)
    return frozenset(form for form in forms if inspect.isfunction(form))
