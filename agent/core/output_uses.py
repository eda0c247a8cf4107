"""Outputs used as the plain values they will hold, and plain values used as Outputs.

Models write `bucket.arn()`, `vpc.id.split("-")`, `bucket.id.name`, `config.require("x").apply(...)`,
`"arn:{}".format(bucket.arn)`, `f"{port.id:>5}"` and `{bucket.id: "x"}`. An Output lifts attribute
reads (`Output.__getattr__`), so some of these fail only inside pulumi's callback, with no line of
the program in the traceback, and some never fail at all: the value becomes pulumi's warning text.
The text of the module tells each one (agent/core/output_values.py says what is an Output); the
preflight reports them as the errors Python raises and the fixers rewrite them.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst
import pulumi

from agent.core import sdk
from agent.core.output_values import PLAIN_GETTERS, Knowledge, key, output_type

OUTPUT_MEMBERS = frozenset(name for name in dir(pulumi.Output) if not name.startswith("__"))
CONFIG_TYPES = {"get_int": "int", "require_int": "int", "get_float": "float", "require_float": "float"}
CONFIG_TYPES |= {"get_bool": "bool", "require_bool": "bool", "get": "str", "require": "str"}


@dataclass(frozen=True)
class OutputUse:
    """One misuse. `use`: "called" (node: the Call), "attribute" (node: the Attribute read on an
    Output or a plain str; `plain`: the value's type), "apply_on_plain" (node: the receiver of
    `.apply`), "format" (node: the `str.format` Call), "format_spec" (node: the f-string),
    "fstring" (node: an f-string in a resource's inputs), "dict_key" (node: the Dict), "json"
    (node: the json.dumps Call)."""

    use: str
    node: cst.CSTNode
    output: cst.BaseExpression  # the Output (or, for apply_on_plain and plain attributes, the plain value)
    plain: str = "str"


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


class _Uses(cst.CSTVisitor):
    def __init__(self, knowledge: Knowledge) -> None:
        self.k = knowledge
        self.found: list[OutputUse] = []
        self.called: set[int] = set()  # ids of Attribute nodes that are a call's function
        self.resource_calls = 0
        self.lambdas = 0

    def _plain_type(self, node: cst.BaseExpression) -> str | None:
        """ "str", "int", ... for a value surely plain: a string literal, a plain Config getter, or a name bound to those."""
        if isinstance(node, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
            return "str"
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            getter = node.func.attr.value
            if getter in PLAIN_GETTERS and self.k.is_config(node.func.value):
                return CONFIG_TYPES.get(getter)
            return None
        name = key(node)
        values = self.k.values.get(name or "", [])
        kinds = {self._plain_type(value) if value is not None else None for value in values}
        return kinds.pop() if len(kinds) == 1 and None not in kinds and not isinstance(node, cst.Attribute) else None

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self.lambdas += 1

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self.lambdas -= 1

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if self.k.resource_class(node) is not None:
            self.resource_calls += 1
        if self.k.is_output(func) and not isinstance(func, cst.Call):
            self.found.append(OutputUse("called", node, func))
        elif isinstance(func, cst.Attribute):
            self.called.add(id(func))
            attr = func.attr.value
            if attr not in OUTPUT_MEMBERS and self.k.resource_output(func.value) is not None:
                self.found.append(OutputUse("called", node, func.value))
            elif attr == "format" and isinstance(func.value, (cst.SimpleString, cst.ConcatenatedString)):
                if any(self.k.is_output(arg.value) for arg in node.args):
                    self.found.append(OutputUse("format", node, next(a.value for a in node.args if self.k.is_output(a.value))))
        if sdk.full_path(func, self.k.names) == "json.dumps" and not self.lambdas and node.args:
            inner = _outputs_in(node.args[0].value, self.k)
            if inner:
                self.found.append(OutputUse("json", node, inner[0]))

    def leave_Call(self, original_node: cst.Call) -> None:
        if self.k.resource_class(original_node) is not None:
            self.resource_calls -= 1

    def visit_Attribute(self, node: cst.Attribute) -> None:
        attr = node.attr.value
        if attr == "apply" and (plain := self._plain_type(node.value)) is not None:
            self.found.append(OutputUse("apply_on_plain", node.value, node.value, plain))
            return
        if id(node) in self.called or attr in OUTPUT_MEMBERS:
            return
        found = self.k.resource_output(node.value)
        if found is not None:
            held = output_type(*found)
            if held is not None and not hasattr(held, attr):
                self.found.append(OutputUse("attribute", node, node.value, held.__name__))
        elif self.k.bound_resource(node.value) is None and self._plain_type(node.value) == "str" and not hasattr(str, attr):
            self.found.append(OutputUse("attribute", node, node.value, "str"))

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        parts = [p for p in node.parts if isinstance(p, cst.FormattedStringExpression) and self.k.is_output(p.expression)]
        if any(p.conversion is not None or p.format_spec is not None for p in parts):
            self.found.append(OutputUse("format_spec", node, parts[0].expression))
        elif parts and self.resource_calls and not self.lambdas:
            self.found.append(OutputUse("fstring", node, parts[0].expression))

    def visit_Dict(self, node: cst.Dict) -> None:
        keys = [e.key for e in node.elements if isinstance(e, cst.DictElement) and self.k.is_output(e.key)]
        if keys:
            self.found.append(OutputUse("dict_key", node, keys[0]))


def _outputs_in(node: cst.CSTNode, knowledge: Knowledge) -> list[cst.BaseExpression]:
    """Known Outputs in a literal structure (dicts, lists, tuples), as json.dumps would meet them."""
    if isinstance(node, cst.BaseExpression) and knowledge.is_output(node):
        return [node]
    if isinstance(node, (cst.Dict, cst.List, cst.Tuple, cst.DictElement, cst.Element)):
        return [found for child in node.children for found in _outputs_in(child, knowledge)]
    return []


def output_uses(module: cst.Module, knowledge: Knowledge | None = None) -> list[OutputUse]:
    """Every certain misuse of an Output, or of a plain value as an Output, in the module."""
    uses = _Uses(knowledge or Knowledge(module))
    module.visit(uses)
    return uses.found
