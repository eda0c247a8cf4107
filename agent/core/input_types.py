"""Argument values checked against the type the installed SDK annotates each input with.

pulumi_aws declares every input: `from_port: pulumi.Input[int]`, `ingress:
Optional[pulumi.Input[Sequence[pulumi.Input[Union['SecurityGroupIngressArgs',
'SecurityGroupIngressArgsDict']]]]]`, an invoke's `filters: Optional[Sequence[...]]` (plain: no
Input). Nothing checks these while the program runs under mocks, and the real provider coerces
some and refuses others far from the line. Read against literal values, the annotations tell:

- a str literal where a number or bool goes (`from_port="80"`), and a number or bool where a str goes;
- one value (a dict, an `...Args` call, a literal) where a list goes, which one pair of brackets mends;
- a dict standing for an Args class with a key the class does not take (`{"Status": "Enabled"}`);
- an Output where the annotation takes a plain value only (an invoke's inputs; a resource option
  taking a Resource given one of its outputs).

A list given where one value goes is agent/core/input_shape.py's. Only literal values and
expressions the caller knows to be Outputs are judged; anything else could be anything.
"""

from __future__ import annotations

import collections.abc
import importlib
import inspect
import re
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import libcst as cst
import pulumi

from agent.core import sdk
from agent.core.cst import string_value
from agent.core.output_values import Knowledge

SCALARS = {"str": str, "int": int, "float": float, "bool": bool}
NUMBERS = ("int", "float", "bool")
OUTPUT_REF = "Output[T]"
_RESOURCE_REF = re.compile(r"\b(?:Provider)?Resource\b")


def _names_resource(annotation: object) -> str | None:
    """ "Resource" or "ProviderResource" when an annotation takes a resource (not a callback of one)."""
    if isinstance(annotation, typing.ForwardRef):
        found = _RESOURCE_REF.search(annotation.__forward_arg__)
        return found.group(0) if found else None
    if isinstance(annotation, str):
        return _names_resource(typing.ForwardRef(annotation))
    if isinstance(annotation, type) and issubclass(annotation, pulumi.Resource):
        return annotation.__name__
    if typing.get_origin(annotation) is collections.abc.Callable:
        return None
    return next(filter(None, map(_names_resource, typing.get_args(annotation))), None)


@cache
def resource_options() -> dict[str, str]:
    """pulumi.ResourceOptions fields annotated with a resource, and its class: an Output of a
    resource's string output never fits them."""
    params = inspect.signature(pulumi.ResourceOptions.__init__).parameters.values()
    found = {p.name: _names_resource(p.annotation) for p in params if p.annotation is not inspect.Parameter.empty}
    return {name: cls for name, cls in found.items() if cls}


@dataclass(frozen=True)
class Expected:
    """What an input's annotation accepts at one level."""

    scalars: frozenset[str]  # "str", "int", "float", "bool"
    blocks: frozenset[str]  # `...Args` class names
    items: Expected | None  # what each item takes, when the input is a list
    mapping: bool
    output: bool  # an Output (or awaitable) is accepted here

    @property
    def is_list(self) -> bool:
        return self.items is not None and not (self.scalars or self.blocks or self.mapping)


def _union(annotation: object) -> list[object]:
    if typing.get_origin(annotation) is typing.Union:
        return [member for arg in typing.get_args(annotation) for member in _union(arg)]
    return [annotation]


def expected_of(annotation: object) -> Expected | None:
    """The annotation read as what it accepts; None when some part of it says no type (Any)."""
    scalars, blocks, items, mapping, output = set(), set(), None, False, False
    for arg in _union(annotation):
        origin = typing.get_origin(arg)
        if arg is type(None):
            continue
        if isinstance(arg, typing.ForwardRef):
            name = arg.__forward_arg__
            output |= name == OUTPUT_REF
            if name.endswith("Args") and name.isidentifier():
                blocks.add(name)
            elif name != OUTPUT_REF and not name.endswith("ArgsDict") and not name.startswith("outputs."):
                return None
        elif origin is collections.abc.Awaitable:
            output = True
        elif origin in (list, collections.abc.Sequence):
            items = expected_of(typing.get_args(arg)[0])
            if items is None:
                return None
        elif origin in (dict, collections.abc.Mapping):
            mapping = True
        elif arg in SCALARS.values():
            scalars.add(arg.__name__)
        else:
            return None
    return Expected(frozenset(scalars), frozenset(blocks), items, mapping, output)


@cache
def expected(target: Any, name: str) -> Expected | None:
    """What input `name` of a resource, Args class or invoke accepts; None when unannotated or untyped."""
    annotation = sdk.input_annotation(target, name)
    return None if annotation is None else expected_of(annotation)


def block_class(target: Any, name: str) -> type | None:
    """The Args class called `name` in the module declaring `target`'s inputs."""
    accepting = getattr(target, "_internal_init", None) or (target if not isinstance(target, type) else target.__init__)
    cls = vars(importlib.import_module(accepting.__module__)).get(name)
    return cls if isinstance(cls, type) else None


def value_kind(node: cst.BaseExpression, aliases: dict[str, str]) -> str | None:
    """What a literal value is: "str", "int", "float", "bool", "dict", "list", "tuple", an `...Args`
    class name for a call of one; None for anything whose type the text does not show."""
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
        return "bytes" if isinstance(node, cst.SimpleString) and "b" in node.prefix.lower() else "str"
    if isinstance(node, cst.Integer):
        return "int"
    if isinstance(node, cst.Float):
        return "float"
    if isinstance(node, cst.Name) and node.value in ("True", "False"):
        return "bool"
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        return value_kind(node.expression, aliases) if isinstance(node.expression, (cst.Integer, cst.Float)) else None
    if isinstance(node, cst.Dict):
        return "dict"
    if isinstance(node, cst.List):
        return "list"
    if isinstance(node, cst.Tuple):
        return "tuple"
    if isinstance(node, cst.Call):
        cls = sdk.class_of(node.func, aliases)
        if cls is not None and cls.__name__.endswith("Args"):
            return cls.__name__
    return None


@dataclass(frozen=True)
class Mismatch:
    """A value of the wrong type for an input: `expected` is "int", "float", "bool", "str", "list"
    or "plain"/a Resource class for an Output where only a plain value goes; `given` what it is."""

    owner: str  # the class (or invoke) whose input it is
    name: str
    value: cst.BaseExpression
    expected: str
    given: str


@dataclass(frozen=True)
class UnknownKey:
    """A key of a dict standing for an Args class, which the class does not take."""

    owner: str  # the Args class
    key: str
    element: cst.DictElement
    suggestion: str | None  # the input the key spells another way ("Status" -> "status"), if one


Finding = Mismatch | UnknownKey


@cache
def wire_names(block: type) -> frozenset[str]:
    """The names an Args class's inputs have on the wire (`associatePublicIpAddress`), as its
    property getters declare them: pulumi sends a dict key it does not translate as written, so
    these keys reach their inputs too."""
    getters = (getattr(prop, "fget", None) for prop in vars(block).values())
    return frozenset(name for name in (getattr(g, "_pulumi_name", None) for g in getters) if isinstance(name, str))


def spelled_as(key: str, accepted: collections.abc.Iterable[str]) -> str | None:
    """The accepted input a key writes in another case or style: "Status", "fromPort", "from-port" -> "from_port"."""
    folded = re.sub(r"[^a-z0-9]", "", key.lower())
    found = [name for name in accepted if name.replace("_", "") == folded]
    return found[0] if len(found) == 1 else None


def number_text(text: str, kind: str) -> str | None:
    """The Python literal a str literal stands for as an int, float or bool ("80" -> "80", "true"
    -> "True"); None when it holds no such value."""
    text = text.strip()
    if kind == "bool":
        return {"true": "True", "false": "False"}.get(text.lower())
    try:
        return str(int(text)) if kind == "int" else repr(float(text))
    except ValueError:
        return None


class _Checker:
    def __init__(self, aliases: dict[str, str], is_output: Callable[[cst.BaseExpression], bool]) -> None:
        self.aliases, self.is_output = aliases, is_output

    def value(self, owner: Any, name: str, want: Expected, node: cst.BaseExpression) -> Iterator[Finding]:
        label = getattr(owner, "__name__", str(owner))
        given = value_kind(node, self.aliases)
        if given is None:
            return
        if want.is_list:
            if given in ("list", "tuple"):
                for element in node.elements:
                    if isinstance(element, cst.Element):
                        yield from self.value(owner, name, want.items, element.value)
            elif self._fits(want.items, given):
                yield Mismatch(label, name, node, "list", given)
                yield from self.value(owner, name, want.items, node)  # and the one item, as an item
            return
        if given in ("list", "tuple"):
            return  # one value given a list: input_shape's
        if given == "dict" and want.blocks and not want.mapping:
            block = block_class(owner, sorted(want.blocks)[0])
            if block is not None:
                yield from self.dict(block, node)
        elif given == "str" and want.scalars and "str" not in want.scalars and not (want.blocks or want.mapping):
            yield Mismatch(label, name, node, next(k for k in NUMBERS if k in want.scalars), "str")
        elif given in NUMBERS and want.scalars == {"str"} and not (want.blocks or want.mapping):
            yield Mismatch(label, name, node, "str", given)

    @staticmethod
    def _fits(want: Expected, given: str) -> bool:
        """Whether one value of kind `given` is what an item of the list takes."""
        if given == "dict":
            return bool(want.blocks or want.mapping)
        return given in want.scalars or given in want.blocks

    def dict(self, block: type, node: cst.Dict) -> Iterator[Finding]:
        accepted = sdk.parameters(block)
        for element in node.elements:
            key = string_value(element.key) if isinstance(element, cst.DictElement) else None
            if key is None or key in wire_names(block):
                continue
            if key not in accepted:
                yield UnknownKey(block.__name__, key, element, spelled_as(key, accepted))
            elif (want := expected(block, key)) is not None:
                yield from self.value(block, key, want, element.value)

    def outputs_within(self, label: str, name: str, node: cst.CSTNode) -> Iterator[Finding]:
        """Every known Output anywhere in an invoke's (plain) argument."""
        if isinstance(node, cst.BaseExpression) and self.is_output(node):
            yield Mismatch(label, name, node, "plain", "Output")
            return
        for child in node.children:
            yield from self.outputs_within(label, name, child)


def _keywords(call: cst.Call) -> Iterator[tuple[str, cst.BaseExpression]]:
    for arg in call.args:
        if arg.keyword is not None and not arg.star:
            yield arg.keyword.value, arg.value


def type_findings(call: cst.Call, knowledge: Knowledge) -> list[Finding]:
    """What is of the wrong type among the call's keyword values, for a provider resource, an
    `...Args` class, a plain invoke (any Output within is wrong there) or pulumi.ResourceOptions
    (an Output of a resource where the resource goes). Empty for any other call."""
    aliases, is_output = knowledge.aliases, knowledge.is_output
    checker = _Checker(aliases, is_output)
    found: list[Finding] = []
    path = sdk.full_path(call.func, knowledge.names)
    if path == "pulumi.ResourceOptions":
        for name, value in _keywords(call):
            if name in resource_options():
                items = value.elements if isinstance(value, (cst.List, cst.Tuple)) else [value]
                for item in items:
                    node = item.value if isinstance(item, cst.BaseElement) else item
                    if knowledge.resource_output(node) is not None:
                        found.append(Mismatch("ResourceOptions", name, node, resource_options()[name], "Output"))
        return found
    cls = sdk.class_of(call.func, aliases)
    if cls is None:
        function = sdk.invoke_of(call.func, aliases)
        if function is None or function.__name__.endswith("_output"):
            return found
        for name, value in _keywords(call):
            want = expected(function, name) if name != "opts" else None
            if want is not None and not want.output:
                found += checker.outputs_within(function.__name__, name, value)
        return found
    accepted = set(sdk.parameters(cls))
    for name, value in _keywords(call):
        want = expected(cls, name) if name in accepted else None
        if want is not None:
            found += checker.value(cls, name, want, value)
    return found
