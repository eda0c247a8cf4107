"""Which expressions of a module are pulumi Outputs, and which are plain strings, as its text tells.

An Output has no value while the program runs: formatted, serialized, called or read like the
value it will hold, it fails or turns into pulumi's warning text. The preflight and the fixers of
that family (RM012, RM015, RM049-RM054) judge only what the code makes certain: a provider
resource's outputs (`bucket.arn`, `self.fn.arn`, bound to one constructor call everywhere in the
module), Config secrets, `.apply(...)` and `pulumi.Output.*(...)` results.
"""

from __future__ import annotations

import typing
from functools import cache

import libcst as cst
import pulumi

from agent.core import sdk
from agent.core.cst import dotted_name

SECRET_GETTERS = {"require_secret", "get_secret", "require_secret_object", "get_secret_object"}
# Config getters whose result is a plain value (None when unset, for the get_* ones)
PLAIN_GETTERS = {"get", "require", "get_int", "require_int", "get_float", "require_float", "get_bool", "require_bool"}
STRING_FUNCTIONS = {"pulumi.get_stack", "pulumi.get_project", "pulumi.get_organization"}
UNKNOWN = None  # a binding whose value is not an expression (a parameter, a loop variable, an import)
PLAIN_TYPES = {"str": str, "int": int, "float": float, "bool": bool, "list": list, "dict": dict}


def key(node: cst.BaseExpression) -> str | None:
    """`bucket` or `self.bucket`: the bindings tracked."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == "self":
        return f"self.{node.attr.value}"
    return None


class Bindings(cst.CSTVisitor):
    """Every value bound to each name or self-attribute anywhere in the module."""

    def __init__(self) -> None:
        self.values: dict[str, list[cst.BaseExpression | None]] = {}

    def _bind(self, target: cst.BaseExpression, value: cst.BaseExpression | None) -> None:
        found = key(target)
        if found is not None:
            self.values.setdefault(found, []).append(value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._bind(element.value, UNKNOWN)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._bind(target.target, node.value if len(node.targets) == 1 else UNKNOWN)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._bind(node.target, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._bind(node.target, UNKNOWN)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind(node.target, node.value)

    def visit_Param(self, node: cst.Param) -> None:
        self._bind(node.name, UNKNOWN)

    def visit_For(self, node: cst.For) -> None:
        self._bind(node.target, UNKNOWN)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._bind(node.target, UNKNOWN)

    def visit_AsName(self, node: cst.AsName) -> None:
        self._bind(node.name, UNKNOWN)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._bind(node.name, UNKNOWN)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._bind(node.name, UNKNOWN)

    def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
        if node.asname is None and isinstance(node.name, cst.Name):
            self._bind(node.name, UNKNOWN)


@cache
def output_type(cls: type, name: str) -> type | None:
    """The plain Python type an output property of `cls` resolves to (`Bucket.arn` -> str), None
    when it is an object type, or not known."""
    prop = getattr(cls, name, None)
    annotation = getattr(getattr(prop, "fget", None), "__annotations__", {}).get("return")
    if isinstance(annotation, str):  # 'Output[str]' in pulumi's own CustomResource
        inner = annotation.removeprefix("Output[").removesuffix("]") if annotation.startswith("Output[") else None
        return PLAIN_TYPES.get(inner or "")
    args = typing.get_args(annotation)
    if not args:
        return None
    inner = [a for a in (typing.get_args(args[0]) or (args[0],)) if a is not type(None)]
    if len(inner) != 1:
        return None
    origin = typing.get_origin(inner[0]) or inner[0]
    named = {typing.Sequence: list, typing.Mapping: dict}
    return origin if origin in PLAIN_TYPES.values() else named.get(origin)


class Knowledge:
    """What the module's code says, statically, about which expressions are Outputs or strings."""

    def __init__(self, module: cst.Module) -> None:
        self.aliases = sdk.provider_aliases(module)
        self.names = sdk.imported_names(module)
        bindings = Bindings()
        module.visit(bindings)
        self.values = bindings.values

    def resource_class(self, node: cst.BaseExpression) -> type | None:
        """The provider resource class a call constructs, else None."""
        if not isinstance(node, cst.Call):
            return None
        cls = sdk.class_of(node.func, self.aliases)
        return cls if cls is not None and issubclass(cls, pulumi.CustomResource) else None

    def _all(self, name: str | None, test) -> bool:
        values = self.values.get(name or "", [])
        return bool(values) and all(value is not None and test(value) for value in values)

    def bound_resource(self, node: cst.BaseExpression) -> type | None:
        """The resource class a name (or self-attribute) is bound to everywhere, else None."""
        classes = {self.resource_class(v) for v in self.values.get(key(node) or "", [])}
        return classes.pop() if len(classes) == 1 and None not in classes else None

    def resource_output(self, node: cst.BaseExpression) -> tuple[type, str] | None:
        """(class, output) for `resource.output` (`bucket.arn`), else None."""
        if isinstance(node, cst.Attribute):
            cls = self.bound_resource(node.value)
            if cls is not None and node.attr.value in sdk.output_properties(cls):
                return cls, node.attr.value
        return None

    def is_config(self, node: cst.BaseExpression) -> bool:
        if isinstance(node, cst.Call):
            return sdk.full_path(node.func, self.names) == "pulumi.Config"
        return self._all(key(node), lambda value: isinstance(value, cst.Call) and self.is_config(value))

    def _makes_output(self, node: cst.BaseExpression) -> bool:
        """A call whose result is an Output: `.apply(...)`, a Config secret, `pulumi.Output.*(...)`."""
        if not isinstance(node, cst.Call):
            return False
        func = node.func
        if isinstance(func, cst.Attribute):
            if func.attr.value == "apply":
                return True
            if func.attr.value in SECRET_GETTERS and self.is_config(func.value):
                return True
        return (sdk.full_path(func, self.names) or "").startswith("pulumi.Output.")

    def is_output(self, node: cst.BaseExpression) -> bool:
        if self._makes_output(node) or self.resource_output(node) is not None:
            return True
        name = key(node)
        return name is not None and self._all(name, self._makes_output)

    def is_plain(self, node: cst.BaseExpression) -> bool:
        """A value surely not an Output: a literal, or a plain Config getter's result."""
        if isinstance(node, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString, cst.Integer, cst.Float)):
            return True
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            return node.func.attr.value in PLAIN_GETTERS and self.is_config(node.func.value)
        return False

    def is_string(self, node: cst.BaseExpression) -> bool:
        if isinstance(node, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
            return True
        if isinstance(node, cst.Call):
            name = sdk.full_path(node.func, self.names)
            return name in STRING_FUNCTIONS or dotted_name(node.func) == "str"
        name = key(node)
        return name is not None and self._all(name, lambda value: not isinstance(value, cst.Name) and self.is_string(value))
