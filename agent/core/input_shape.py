"""Lists given where a provider class takes a single value.

pulumi-aws 7 turned some list inputs into single values: `RestApiEndpointConfigurationArgs.types`
is one endpoint type now, where a program written for the older SDK passes `types=["REGIONAL"]`.
Nothing fails when the Args object is built; pulumi refuses the value later, while it serializes
the resource, with "Unexpected type. Expected 'list' got '<class 'str'>'", naming neither the
input nor the line. The call's keywords and the SDK's annotations tell them, so the static
preflight and RM030 both find such lists here: as keywords of a resource or `...Args` call, and
as keys of a dict literal standing for an Args class (`endpoint_configuration={"types": [...]}`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst

from agent.core import sdk
from agent.core.cst import string_value


@dataclass(frozen=True)
class ListForScalar:
    cls: type  # the resource or Args class whose input it is
    name: str  # the input
    value: cst.List  # the list literal given

    @property
    def declared(self) -> str:
        """The one value's type: "str", "int", "float", "bool" or an `...Args` class name (never
        None: only inputs with such a type are found)."""
        return sdk.single_value_type(self.cls, self.name)


def _in_value(cls: type, name: str, value: cst.BaseExpression) -> Iterator[ListForScalar]:
    """What is wrong with `value` given to input `name` of `cls`: the value itself when it is a
    list for a single value, else inside the dicts that stand for its Args class."""
    is_list = sdk.is_list_input(cls, name)
    if is_list is None:
        return
    if isinstance(value, cst.List) and not is_list:
        if sdk.single_value_type(cls, name) is not None:  # not a mapping: `tags=[{"Key": ...}]` is no one-item slip
            yield ListForScalar(cls, name, value)
        return
    block = sdk.input_args_class(cls, name)
    if block is None:
        return
    items = [e.value for e in value.elements] if isinstance(value, cst.List) and is_list else [value]
    for item in items:
        if isinstance(item, cst.Dict):
            yield from _in_dict(block, item)


def _in_dict(cls: type, value: cst.Dict) -> Iterator[ListForScalar]:
    accepted = set(sdk.parameters(cls))
    for element in value.elements:
        key = string_value(element.key) if isinstance(element, cst.DictElement) else None
        if key in accepted:
            yield from _in_value(cls, key, element.value)


def lists_for_scalars(call: cst.Call, aliases: dict[str, str]) -> list[ListForScalar]:
    """Each list literal the call passes, directly or in a dict literal, to a single-valued input
    of a provider resource or Args class. Empty for any other call."""
    cls = sdk.class_of(call.func, aliases)
    if cls is None:
        return []
    accepted = set(sdk.parameters(cls))
    found: list[ListForScalar] = []
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value in accepted and not arg.star:
            found += _in_value(cls, arg.keyword.value, arg.value)
    return found


def only_item(value: cst.List) -> cst.BaseExpression | None:
    """The one item of a list literal, None when it holds none, several, or a `*spread`."""
    if len(value.elements) != 1 or isinstance(value.elements[0], cst.StarredElement):
        return None
    return value.elements[0].value
