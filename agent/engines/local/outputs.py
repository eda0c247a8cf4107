"""Plausible values for what AWS computes: ids, ARNs, endpoints, and every declared output.

Values are derived from the pulumi_aws output type of each property, so a program that
indexes `cache.endpoints[0].address` finds a list with an element holding an address.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import sys
import typing
from functools import lru_cache
from typing import Any, Optional

import pulumi
from pulumi import _types

ACCOUNT_ID = "123456789012"
MAX_DEPTH = 3

# id prefixes AWS gives resources whose id is not their name.
ID_PREFIXES = {
    "aws:ec2/vpc:Vpc": "vpc",
    "aws:ec2/subnet:Subnet": "subnet",
    "aws:ec2/securityGroup:SecurityGroup": "sg",
    "aws:ec2/internetGateway:InternetGateway": "igw",
    "aws:ec2/natGateway:NatGateway": "nat",
    "aws:ec2/eip:Eip": "eipalloc",
    "aws:ec2/routeTable:RouteTable": "rtb",
    "aws:ec2/instance:Instance": "i",
    "aws:ec2/launchTemplate:LaunchTemplate": "lt",
    "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce",
    "aws:ec2/networkAcl:NetworkAcl": "acl",
    "aws:ec2/flowLog:FlowLog": "fl",
    "aws:ec2/securityGroupRule:SecurityGroupRule": "sgrule",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "sgr",
    "aws:apigateway/restApi:RestApi": "",
    "aws:kms/key:Key": "",
}
NAME_PROPERTIES = (
    "name",
    "bucket",
    "clusterIdentifier",
    "identifier",
    "functionName",
    "replicationGroupId",
    "clusterId",
    "tableName",
    "topicName",
    "queueName",
)
DEFAULT_PORTS = {"postgres": 5432, "aurora-postgresql": 5432, "redis": 6379, "valkey": 6379, "memcached": 11211}


def token_hex(seed: str, length: int = 17) -> str:
    """Deterministic hex so repeated runs give the same ids (stable fix logs and diffs)."""
    return hashlib.sha256(seed.encode()).hexdigest()[:length]


@lru_cache(maxsize=None)
def pulumi_class(token: str, suffix: str = "") -> Optional[type]:
    """The pulumi_aws class for a type token (`aws:rds/cluster:Cluster`) or invoke token (suffix 'Result')."""
    parts = token.split(":")
    if len(parts) != 3 or parts[0] != "aws":
        return None
    module_name = parts[1].split("/")[0]
    name = parts[2][0].upper() + parts[2][1:] + suffix
    try:
        module = importlib.import_module("pulumi_aws" if module_name == "index" else f"pulumi_aws.{module_name}")
    except ImportError:
        return None
    return getattr(module, name, None)


@lru_cache(maxsize=None)
def declared_outputs(cls: type) -> tuple[tuple[str, str, Any], ...]:
    """(python name, pulumi name, annotation) of each property a pulumi class declares."""
    found = []
    for klass in reversed(cls.__mro__):
        for py_name, member in vars(klass).items():
            if isinstance(member, property) and member.fget is not None:
                pulumi_name = getattr(member.fget, _types._PULUMI_NAME, None)
                if pulumi_name:
                    found.append((py_name, pulumi_name, member.fget.__annotations__.get("return")))
    return tuple(found)


class Synthesizer:
    def __init__(self, region: str):
        self.region = region

    def physical_name(self, token: str, logical: str, inputs: dict[str, Any]) -> str:
        for prop in NAME_PROPERTIES:
            if isinstance(inputs.get(prop), str) and inputs[prop]:
                return inputs[prop]
        return f"{logical}-{token_hex(token + logical, 7)}"

    def resource_id(self, token: str, logical: str, inputs: dict[str, Any]) -> str:
        prefix = ID_PREFIXES.get(token)
        if prefix is None:
            return self.physical_name(token, logical, inputs)
        hexed = token_hex(token + logical)
        return f"{prefix}-{hexed}" if prefix else hexed[:10]

    def arn(self, token: str, physical: str) -> str:
        service = token.split(":")[1].split("/")[0]
        kind = token.split(":")[2].lower()
        if service == "s3":
            return f"arn:aws:s3:::{physical}"
        if service == "iam":
            return f"arn:aws:iam::{ACCOUNT_ID}:{kind}/{physical}"
        if service == "lambda":
            return f"arn:aws:lambda:{self.region}:{ACCOUNT_ID}:function:{physical}"
        if service == "sqs":
            return f"arn:aws:sqs:{self.region}:{ACCOUNT_ID}:{physical}"
        if service == "sns":
            return f"arn:aws:sns:{self.region}:{ACCOUNT_ID}:{physical}"
        if service == "cloudwatch" and kind == "loggroup":
            return f"arn:aws:logs:{self.region}:{ACCOUNT_ID}:log-group:{physical}"
        if service == "rds":
            return f"arn:aws:rds:{self.region}:{ACCOUNT_ID}:{kind}:{physical}"
        return f"arn:aws:{service}:{self.region}:{ACCOUNT_ID}:{kind}/{physical}"

    def resource_state(self, token: str, logical: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """The id and full state (inputs plus computed outputs) of a newly created resource."""
        physical = self.physical_name(token, logical, inputs)
        rid = self.resource_id(token, logical, inputs)
        state = dict(inputs)
        cls = pulumi_class(token)
        if cls is not None:
            context = {"token": token, "physical": physical, "id": rid, "inputs": inputs}
            for py_name, pulumi_name, annotation in declared_outputs(cls):
                if pulumi_name not in state or state[pulumi_name] is None:
                    state[pulumi_name] = self.value(py_name, annotation, cls, context, 0)
        state.setdefault("arn", self.arn(token, physical))
        return rid, state

    def invoke_result(self, token: str, args: dict[str, Any]) -> dict[str, Any]:
        special = self._special_invoke(token, args)
        if special is not None:
            return special
        cls = pulumi_class(token, "Result")
        if cls is None:
            return {}
        context = {"token": token, "physical": token.split(":")[2], "id": self.region, "inputs": args}
        result = dict(args)
        for py_name, pulumi_name, annotation in declared_outputs(cls):
            if result.get(pulumi_name) is None:
                result[pulumi_name] = self.value(py_name, annotation, cls, context, 0)
        return result

    def _special_invoke(self, token: str, args: dict[str, Any]) -> Optional[dict[str, Any]]:
        name = token.split(":")[2]
        if name == "getAvailabilityZones":
            zones = [f"{self.region}{letter}" for letter in "abc"]
            return {"names": zones, "zoneIds": [f"use1-az{i}" for i in range(1, 4)], "id": self.region, "state": "available"}
        if name == "getCallerIdentity":
            return {"accountId": ACCOUNT_ID, "arn": f"arn:aws:iam::{ACCOUNT_ID}:user/remediate", "userId": "AIDAREMEDIATE", "id": ACCOUNT_ID}
        if name == "getRegion":
            return {"name": self.region, "region": self.region, "id": self.region, "endpoint": f"ec2.{self.region}.amazonaws.com", "description": self.region}
        if name == "getPartition":
            return {"partition": "aws", "dnsSuffix": "amazonaws.com", "id": "aws", "reverseDnsPrefix": "com.amazonaws"}
        if name == "getPolicyDocument":
            document = policy_document(args)
            return {"json": json.dumps(document, indent=2), "minifiedJson": json.dumps(document), "id": token_hex(json.dumps(document), 10)}
        return None

    def value(self, py_name: str, annotation: Any, owner: type, context: dict[str, Any], depth: int) -> Any:
        annotation = _unwrap(annotation, owner)
        origin = typing.get_origin(annotation)
        if origin in (list, typing.Sequence, tuple) or _is_sequence(origin):
            (item,) = typing.get_args(annotation)[:1] or (str,)
            return [] if depth >= MAX_DEPTH else [self.value(py_name.rstrip("s"), item, owner, context, depth + 1)]
        if origin in (dict, typing.Mapping) or _is_mapping(origin):
            return {}
        if annotation is bool:
            return False
        if annotation is int:
            return self._int(py_name, context)
        if annotation is float:
            return 0.0
        if isinstance(annotation, type) and getattr(annotation, "_pulumi_output_type", False) or _is_output_type(annotation):
            if depth >= MAX_DEPTH:
                return {}
            return {
                pulumi_name: self.value(name, ann, annotation, context, depth + 1)
                for name, pulumi_name, ann in declared_outputs(annotation)
            }
        return self._string(py_name, context)

    def _int(self, py_name: str, context: dict[str, Any]) -> int:
        if py_name == "port":
            engine = str(context["inputs"].get("engine", ""))
            return DEFAULT_PORTS.get(engine, 3306 if "mysql" in engine or "maria" in engine else 443)
        return 1

    def _string(self, py_name: str, context: dict[str, Any]) -> str:
        physical, token = context["physical"], context["token"]
        service = token.split(":")[1].split("/")[0]
        if py_name == "id":
            return context["id"]
        if py_name == "arn" or py_name.endswith("_arn"):
            return self.arn(token, physical)
        if py_name in ("endpoint", "address", "reader_endpoint", "dns_name", "hostname", "configuration_endpoint_address", "primary_endpoint_address"):
            return f"{physical}.{token_hex(physical, 6)}.{self.region}.{service}.amazonaws.com"
        if py_name.endswith("url") or py_name.endswith("uri"):
            return f"https://{token_hex(physical, 10)}.{service}.{self.region}.amazonaws.com/{physical}"
        if py_name.endswith("cidr_block"):
            return "10.0.0.0/16"
        if py_name in ("region",):
            return self.region
        if py_name in ("account_id", "owner_id"):
            return ACCOUNT_ID
        if py_name.endswith("name"):
            return physical
        if py_name.endswith("_id") or py_name.endswith("_ids"):
            return f"{py_name.split('_')[0]}-{token_hex(physical + py_name, 12)}"
        return f"{physical}-{py_name}"


def policy_document(args: dict[str, Any]) -> dict[str, Any]:
    """The JSON IAM builds from `iam.get_policy_document` statements."""
    statements = []
    for statement in args.get("statements") or []:
        rendered: dict[str, Any] = {"Effect": statement.get("effect", "Allow")}
        for key, field in (("sid", "Sid"), ("actions", "Action"), ("notActions", "NotAction"), ("resources", "Resource"), ("notResources", "NotResource")):
            if statement.get(key):
                rendered[field] = statement[key]
        for key, field in (("principals", "Principal"), ("notPrincipals", "NotPrincipal")):
            if statement.get(key):
                rendered[field] = {p["type"]: p["identifiers"] for p in statement[key]}
        if statement.get("conditions"):
            conditions: dict[str, Any] = {}
            for condition in statement["conditions"]:
                conditions.setdefault(condition["test"], {})[condition["variable"]] = condition["values"]
            rendered["Condition"] = conditions
        statements.append(rendered)
    return {"Version": args.get("version") or "2012-10-17", "Statement": statements}


def _unwrap(annotation: Any, owner: type) -> Any:
    """Strip Output[...] and Optional[...] and resolve 'outputs.X' forward references."""
    while True:
        if isinstance(annotation, typing.ForwardRef):
            annotation = annotation.__forward_arg__
        if isinstance(annotation, str):
            annotation = _resolve(annotation, owner)
        origin = typing.get_origin(annotation)
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if origin is typing.Union and len(args) == 1 or origin is pulumi.Output or _is_output_generic(annotation):
            annotation = args[0] if args else str
            continue
        return annotation


def _resolve(name: str, owner: type) -> Any:
    module = sys.modules.get(owner.__module__)
    target: Any = module
    for part in name.split("."):
        target = getattr(target, part, None)
        if target is None:
            return str
    return target


def _is_output_generic(annotation: Any) -> bool:
    return getattr(annotation, "__origin__", None) is pulumi.Output


def _is_output_type(annotation: Any) -> bool:
    return isinstance(annotation, type) and _types.is_output_type(annotation)


def _is_sequence(origin: Any) -> bool:
    import collections.abc

    return origin in (collections.abc.Sequence, list)


def _is_mapping(origin: Any) -> bool:
    import collections.abc

    return origin in (collections.abc.Mapping, dict)
