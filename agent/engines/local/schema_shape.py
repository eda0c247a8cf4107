"""The shape check the provider runs on every input before anything is created (`pulumi preview`).

The Python SDK serializes whatever it is given, so an object where the schema wants a list
(`client_alias={...}` under an ECS service's `service_connect_configuration.services[]`) reaches
the provider, whose type check refuses it. The schema comes from the installed SDK: the property
types pulumi_aws declares for each resource and nested block (outputs.property_types), and the
required keyword arguments of each block's `...Args` class.

Texts: the bridge's type check reports `<type> resource '<name>' has a problem: Expected Object
Type. Expected object, got string. Examine values at '<name>'` (pulumi/pulumi-terraform-bridge#2307);
the engine words a list the same way ("expected array type, got object"). A missing nested field
is worded as Terraform's diagnostic: `Missing required argument: The argument "port" is required,
but no definition was found.`
"""

from __future__ import annotations

import inspect
import sys
from typing import Any

from pulumi import _types
from pulumi.runtime import rpc

from agent.engines.local.outputs import _base_type, _is_list, _is_mapping, _item_type, property_types, pulumi_class


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    return "string"


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _required(block: type) -> list[str]:
    """The block's fields its `...Args` class requires, as the wire names them (camelCase)."""
    package = sys.modules.get(block.__module__.rsplit(".", 1)[0])
    args = getattr(package, block.__name__ + "Args", None) if package else None
    if args is None:
        return []
    parameters = inspect.signature(args.__init__).parameters.values()
    return [_camel(p.name) for p in parameters if p.kind is p.KEYWORD_ONLY and p.default is p.empty]


def _is_block(typ: Any) -> bool:
    return isinstance(typ, type) and _types.is_output_type(typ)


def _problems(value: Any, typ: Any, path: str) -> list[tuple[str, str]]:
    """(path, problem) for each place `value` does not fit `typ`; unknowns and secrets' contents are judged as known."""
    if rpc.is_rpc_secret(value):
        value = rpc.unwrap_rpc_secret(value)
    typ = _base_type(typ)
    if value is None or typ is None or value == rpc.UNKNOWN:
        return []
    if _is_list(typ):
        if not isinstance(value, list):
            return [(path, f"expected array type, got {_kind(value)}")] if isinstance(value, dict) else []
        return [found for index, item in enumerate(value) for found in _problems(item, _item_type(typ), f"{path}[{index}]")]
    if _is_mapping(typ) or not _is_block(typ):
        return []
    if not isinstance(value, dict):
        if isinstance(value, list):  # one block given as a list of one: the SDK flattens MaxItems=1 blocks
            return [] if len(value) == 1 and isinstance(value[0], dict) else [(path, "expected object type, got array")]
        return [(path, f"Expected Object Type. Expected object, got {_kind(value)}")]
    types = property_types(typ)
    problems = [
        (f"{path}.{key}", f'Missing required argument: The argument "{key}" is required, but no definition was found')
        for key in _required(typ)
        if value.get(key) is None and key in types
    ]
    for key, item in value.items():
        problems += _problems(item, types.get(key), f"{path}.{key}")
    return problems


def shape_errors(type_token: str, logical_name: str, inputs: dict[str, Any]) -> list[str]:
    """The provider's type-check failures for a resource's inputs, worded as `pulumi preview` prints them."""
    if not type_token.startswith("aws:"):
        return []
    cls = pulumi_class(type_token)
    if cls is None:
        return []
    types = property_types(cls)
    errors = []
    for key, value in inputs.items():
        for path, problem in _problems(value, types.get(key), key):
            errors.append(f"{type_token} resource '{logical_name}' has a problem: {problem}. Examine values at '{logical_name}.{path}'.")
    return errors
