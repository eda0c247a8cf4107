"""Enum values and number ranges of inputs, nested blocks included, as the API's schema gives them.

pulumi-aws's SDK declares types, not allowed values; CloudFormation's resource schemas (shipped
with cfn-lint, kept current from the AWS registry) carry the API's enums and minimum/maximum for
the same properties. agent.core.cfn_schemas joins the two by resource and property name; each
input value is walked alongside its schema node, list with array, block with object, and a leaf
is judged only when both sides agree on its kind (a string against a string enum, case aside,
as the provider upper-cases some before the call; a number against a numeric enum or range). Texts are the Terraform SDK validators' that pulumi-aws
prints in `pulumi preview`: validation.StringInSlice `expected <key> to be one of ["A" "B"], got
C`, IntInSlice `expected <key> to be one of [1 3 5], got 4`, IntBetween `expected <key> to be in
the range (0 - 65535), got 70000`, IntAtLeast `expected <key> to be at least (1), got 0`, where
<key> is the Terraform path (`deployment_circuit_breaker.0.rollback`). A value CloudFormation
refuses but the API takes (agent.core.cfn_schemas.api_allows) passes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pulumi.runtime import rpc

from agent.core.cfn_schemas import api_allows, property_named, resolve, resource_schema, service_of
from agent.engines.local.outputs import _base_type, _is_list, _item_type, property_types, pulumi_class, snake
from agent.engines.local.schema_shape import _is_block

NUMERIC = ("integer", "number")


def _number(value: Any) -> int | float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _leaf_problem(value: Any, typ: Any, node: dict[str, Any], key: str) -> str | None:
    """The validator's text for a scalar outside the node's enum or range, None when it fits."""
    kind = node.get("type")
    if typ is str and kind == "string" and isinstance(value, str) and "enum" in node:
        if value.lower() not in {str(allowed).lower() for allowed in node["enum"]}:
            return f"expected {key} to be one of [{' '.join(json.dumps(v) for v in node['enum'])}], got {value}"
        return None
    number = _number(value)
    if typ not in (int, float) or kind not in NUMERIC or number is None:
        return None
    if "enum" in node:
        return None if number in node["enum"] else f"expected {key} to be one of [{' '.join(str(v) for v in node['enum'])}], got {number}"
    low, high = node.get("minimum"), node.get("maximum")
    if low is not None and high is not None and not low <= number <= high:
        return f"expected {key} to be in the range ({low} - {high}), got {number}"
    if low is not None and high is None and number < low:
        return f"expected {key} to be at least ({low}), got {number}"
    if high is not None and low is None and number > high:
        return f"expected {key} to be at most ({high}), got {number}"
    return None


@dataclass(frozen=True)
class _Schema:
    """The CloudFormation schema of one resource, and the botocore service that has the final say."""

    document: dict[str, Any]
    service: str | None

    def problems(self, value: Any, typ: Any, node: dict, where: tuple[str, str, str], item: bool = False) -> list[tuple[str, str]]:
        """(pulumi path, text) for each value under `value` outside its schema node's enum or range
        that the API refuses too; `where` is (pulumi path, Terraform path, property name), the
        Terraform path counting a block not in a list as item 0 of its own."""
        path, key, name = where
        if rpc.is_rpc_secret(value):
            value = rpc.unwrap_rpc_secret(value)
        typ = _base_type(typ)
        if value in (None, "", 0, rpc.UNKNOWN) or typ is None or not node or value is False:
            return []  # zero values are Terraform's "unset" (d.GetOk skips them): never sent, never judged
        if _is_list(typ):
            items = resolve(self.document, node.get("items", {})) if node.get("type") == "array" else None
            if not isinstance(value, list) or items is None:
                return []
            item_type = _item_type(typ)
            return [
                found
                for i, element in enumerate(value)
                for found in self.problems(element, item_type, items, (f"{path}[{i}]", f"{key}.{i}", name), item=True)
            ]
        if _is_block(typ):
            return self._block_problems(value, typ, node, path, key if item else f"{key}.0")
        problem = _leaf_problem(value, typ, node, key)
        return [(path, problem)] if problem and not api_allows(self.service, name, _number(value) or value) else []

    def _block_problems(self, value: Any, typ: Any, node: dict, path: str, key: str) -> list[tuple[str, str]]:
        if node.get("type") not in ("object", None) or not isinstance(value, dict):
            return []
        types = property_types(typ)
        found = []
        for name, element in value.items():
            child = property_named(self.document, node, name, _is_list(_base_type(types.get(name))))
            if child is not None and name in types:
                found += self.problems(element, types[name], child, (f"{path}.{name}", f"{key}.{snake(name)}", name))
        return found


def value_errors(type_token: str, logical_name: str, inputs: dict[str, Any]) -> list[str]:
    """The provider's failures for input values outside the API's enums and ranges, worded as `pulumi preview` prints them."""
    document = resource_schema(type_token)
    cls = pulumi_class(type_token) if document is not None else None
    if cls is None:
        return []
    schema = _Schema(document, service_of(type_token))
    types = property_types(cls)
    errors = []
    for name, value in inputs.items():
        node = property_named(document, document, name, _is_list(_base_type(types.get(name))))
        if node is None or name not in types:
            continue
        for path, problem in schema.problems(value, types[name], node, (name, snake(name), name)):
            errors.append(f"{type_token} resource '{logical_name}' has a problem: {problem}. Examine values at '{logical_name}.{path}'.")
    return errors
