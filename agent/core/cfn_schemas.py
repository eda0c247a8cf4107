"""CloudFormation's resource schemas, as cfn-lint ships them, joined to pulumi-aws inputs by name.

CloudFormation and the Terraform provider under pulumi-aws both mirror the AWS APIs, so where a
pulumi-aws resource and a CloudFormation resource share service and name (`aws:ecs/service:Service`
and AWS::ECS::Service), and a nested input and a property share their name path
(`deploymentCircuitBreaker.rollback` and DeploymentCircuitBreaker.Rollback), the schema's enums
and number ranges are the API's. Anything that does not line up that way is left unjudged.
Read by path, never by importing cfnlint (see aws_facts._cfn_data).

CloudFormation sometimes takes less than the API (AWS::SSM::Parameter's Type has no
SecureString, which PutParameter and the provider take), so a value is refused only when the API
does not take it either: `api_allows` asks botocore's model of the service for parameters of the
same name in any operation's input.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from typing import Any

import botocore.session  # imported here, not in a call: resources register from several threads at once
from botocore.exceptions import UnknownServiceError

from agent.core.aws_facts import _cfn_data
from agent.core.config import load_data

SCHEMA_REGION = "us-east-1"  # the region whose schemas stand for all (they differ in coverage, not in shapes)


@cache
def _types_by_name() -> dict[tuple[str, str], str]:
    """(service, resource) lowercased -> the schema file's hash: ("ecs", "service") -> AWS::ECS::Service's."""
    providers = json.loads((_cfn_data() / "schemas" / "providers" / f"{SCHEMA_REGION}.json").read_text())
    found = {}
    for type_name, digest in providers.items():
        parts = type_name.split("::")
        if len(parts) == 3 and parts[0] == "AWS":
            found[(parts[1].lower(), parts[2].lower())] = digest
    return found


@cache
def resource_schema(type_token: str) -> dict[str, Any] | None:
    """The CloudFormation schema of the resource a pulumi-aws type token names the same way, or None."""
    alias = load_data("rules/cfn_types.json")["aliases"].get(type_token)
    parts = type_token.split(":")
    if len(parts) != 3 or parts[0] != "aws":
        return None
    name = tuple(alias.lower().split("::")[1:]) if alias else (parts[1].split("/")[0].lower(), parts[2].lower())
    digest = _types_by_name().get(name)
    if digest is None:
        return None
    return json.loads((_cfn_data() / "schemas" / "resources" / f"{digest}.json").read_text())


def resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """A schema node with its local `$ref` followed."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 20:
        path = node["$ref"].removeprefix("#/").split("/")
        target: Any = schema
        for step in path:
            target = target.get(step, {}) if isinstance(target, dict) else {}
        node, seen = target, seen + 1
    return node if isinstance(node, dict) else {}


def property_named(schema: dict[str, Any], node: dict[str, Any], camel_name: str, is_list: bool = False) -> dict[str, Any] | None:
    """The property of an object node whose name is the pulumi input's, case aside (`launchType` ->
    LaunchType); for a list, also its plural as an array (Terraform names a block list singular:
    `clientAlias` -> ClientAliases)."""
    properties = {name.lower(): child for name, child in resolve(schema, node).get("properties", {}).items()}
    wanted = camel_name.lower()
    if wanted in properties:
        return resolve(schema, properties[wanted])
    for plural in (wanted + "s", wanted + "es", wanted[:-1] + "ies") if is_list else ():
        child = resolve(schema, properties.get(plural, {}))
        if child.get("type") == "array":
            return child
    return None


def service_of(type_token: str) -> str | None:
    """The botocore service of the CloudFormation resource a type token names (AWS::SSM::Parameter -> ssm)."""
    schema = resource_schema(type_token)
    if schema is None:
        return None
    namespace = schema["typeName"].split("::")[1].lower()
    return load_data("rules/cfn_types.json")["botocore_services"].get(namespace, namespace)


def _members(shape: Any, seen: set[str]) -> Iterator[tuple[str, Any]]:
    """(name, shape) of every member under an input shape, nested ones included."""
    if shape is None or shape.name in seen:
        return
    seen.add(shape.name)
    if shape.type_name == "structure":
        for name, member in shape.members.items():
            yield name, member
            yield from _members(member, seen)
    elif shape.type_name == "list":
        yield from _members(shape.member, seen)
    elif shape.type_name == "map":
        yield from _members(shape.value, seen)


@cache
def _api_parameters(service: str) -> dict[str, list[Any]]:
    """lowercased parameter name -> the shapes the service's operations take under that name."""
    try:
        model = botocore.session.get_session().get_service_model(service)
    except UnknownServiceError:
        return {}
    found: dict[str, list[Any]] = {}
    seen: set[str] = set()
    for operation in model.operation_names:
        for name, shape in _members(model.operation_model(operation).input_shape, seen):
            found.setdefault(name.lower(), []).append(shape)
    return found


def api_allows(service: str | None, name: str, value: Any) -> bool:
    """True when a parameter of that name in the service's API takes the value: in its enum (case
    aside), or inside its declared min/max. False when none does or the service has none of that name."""
    for shape in _api_parameters(service or "").get(name.lower(), []):
        if isinstance(value, str) and value.lower() in {str(v).lower() for v in getattr(shape, "enum", None) or []}:
            return True
        low, high = shape.metadata.get("min"), shape.metadata.get("max")
        if (
            shape.type_name in ("integer", "long", "double", "float")
            and not isinstance(value, str)
            and (low is not None or high is not None)
        ):
            if (low is None or value >= low) and (high is None or value <= high):
                return True
    return False
