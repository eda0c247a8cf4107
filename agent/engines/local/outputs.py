"""Plausible values for what the providers compute: ids, ARNs, endpoints, and every declared output.

Values follow the output types the provider's Python SDK declares (pulumi_aws, pulumi_random,
pulumi_tls, any `pulumi_<package>`), read the way the SDK itself reads them when it turns a
resource's state into outputs: a program that indexes `cache.endpoints[0].address` finds a list
with an element holding an address, an enum property holds a member of its enum, and an input
given in another shape than the output declares (a policy dict for a JSON string) comes back the
way the provider returns it. Invokes that read back a resource the program created answer with
that resource's state.
"""

from __future__ import annotations

import base64
import collections.abc
import hashlib
import importlib
import ipaddress
import json
import keyword
import random
import re
import sys
import typing
import uuid
from collections.abc import Callable
from enum import Enum
from functools import cache
from typing import Any

from pulumi import _types
from pulumi.runtime import rpc

from agent.core import run_defaults
from agent.engines.local.random_values import STRING_DEFAULTS, number, random_id, random_string
from agent.engines.local.tls_values import cert_request, locally_signed_cert, private_key, self_signed_cert

ACCOUNT_ID = run_defaults.LOCAL_ACCOUNT_ID
LAMBDA_ALIAS = "aws:lambda/alias:Alias"  # its ARN is the function's plus ":<alias name>"
MAX_DEPTH = 3
INVOKE_LIST_LENGTH = 3  # a lookup's list of ids or names holds several, like a default VPC's subnets

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
    "aws:ec2/ami:Ami": "ami",
    "aws:ec2/keyPair:KeyPair": "key",
    "aws:ec2/networkInterface:NetworkInterface": "eni",
    "aws:ec2/transitGateway:TransitGateway": "tgw",
    "aws:ec2/securityGroupRule:SecurityGroupRule": "sgrule",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "sgr",
    "aws:apigateway/restApi:RestApi": "",
    "aws:kms/key:Key": "",
}
# resources whose id on AWS is their ARN.
ARN_IDS = {
    "aws:secretsmanager/secret:Secret",
    "aws:sns/topic:Topic",
    "aws:iam/policy:Policy",
    "aws:lb/loadBalancer:LoadBalancer",
    "aws:lb/targetGroup:TargetGroup",
    "aws:lb/listener:Listener",
    "aws:alb/loadBalancer:LoadBalancer",
    "aws:alb/targetGroup:TargetGroup",
    "aws:alb/listener:Listener",
    "aws:acm/certificate:Certificate",
    "aws:sfn/stateMachine:StateMachine",
    "aws:ecs/cluster:Cluster",
    "aws:kinesis/stream:Stream",
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
# AWS's short direction codes in zone ids (use1-az1, apse2-az3, euc1-az2).
DIRECTIONS = {
    "north": "n",
    "south": "s",
    "east": "e",
    "west": "w",
    "central": "c",
    "northeast": "ne",
    "northwest": "nw",
    "southeast": "se",
    "southwest": "sw",
}


def token_hex(seed: str, length: int = 17) -> str:
    """Deterministic hex so repeated runs give the same ids (stable fix logs and diffs)."""
    return hashlib.sha256(seed.encode()).hexdigest()[:length]


def snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def _service_module(token: str) -> Any | None:
    """`pulumi_<package>` or its service module for a token (`aws:rds/cluster:Cluster`, `random:index/...`)."""
    parts = token.split(":")
    if len(parts) != 3 or parts[0] == "pulumi":
        return None
    package = "pulumi_" + parts[0].replace("-", "_")
    service = parts[1].split("/")[0]
    service += "_" if keyword.iskeyword(service) else ""  # aws:lambda/... lives in pulumi_aws.lambda_
    try:
        return importlib.import_module(package if service == "index" else f"{package}.{service}")
    except ImportError:
        return None


@cache
def pulumi_class(token: str, suffix: str = "") -> type | None:
    """The SDK class of a resource type token, or with suffix 'Result' the result class of an invoke token."""
    module = _service_module(token)
    if module is None:
        return None
    name = token.split(":")[2]
    if not suffix:
        return getattr(module, name, None)
    function = getattr(module, snake(name), None)  # the result class lives only in the function's module
    home = sys.modules.get(getattr(function, "__module__", ""), None)
    return getattr(home, name[0].upper() + name[1:] + suffix, None)


@cache
def property_types(cls: type) -> dict[str, Any]:
    """{pulumi name: type} of a resource or output type, as the SDK resolves them to translate state."""
    if _types.is_output_type(cls):
        return dict(_types.output_type_types(cls))
    return dict(_types.resource_types(cls))


def _base_type(typ: Any) -> Any:
    """The type without Optional; a Union's first member; None for Any or no type."""
    if typ is None or typ is Any:
        return None
    typ = _types.unwrap_optional_type(typ)
    if typing.get_origin(typ) is typing.Union:
        members = [a for a in typing.get_args(typ) if a is not type(None)]
        return members[0] if members else None
    return None if typ is Any else typ


def _is_list(typ: Any) -> bool:
    return typ in (list, list, typing.Sequence, collections.abc.Sequence) or typing.get_origin(typ) in (list, collections.abc.Sequence)


def _is_mapping(typ: Any) -> bool:
    return typ in (dict, dict, typing.Mapping, collections.abc.Mapping) or typing.get_origin(typ) in (dict, collections.abc.Mapping)


def _item_type(typ: Any, index: int = 0) -> Any:
    args = typing.get_args(typ)
    return args[index] if len(args) > index else None


def _is_enum(typ: Any) -> bool:
    return isinstance(typ, type) and issubclass(typ, Enum)


def conform(value: Any, typ: Any) -> Any:
    """The value as the provider returns it for a property of type `typ`: a dict or list given for a
    JSON string comes back encoded, numbers and booleans given as strings come back typed, and so on."""
    if rpc.is_rpc_secret(value):
        return rpc.wrap_rpc_secret(conform(rpc.unwrap_rpc_secret(value), typ))
    typ = _base_type(typ)
    if value is None or typ is None or value == rpc.UNKNOWN:
        return value
    if typ is str:
        if isinstance(value, (dict, list)):
            return json.dumps(value)
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value) if isinstance(value, (int, float)) else value
    if typ in (int, float) and isinstance(value, str):
        try:
            return typ(float(value)) if typ is int else float(value)
        except ValueError:
            return value
    if typ is bool and isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    if _is_list(typ):
        items = value if isinstance(value, list) else [value]
        return [conform(item, _item_type(typ)) for item in items]
    if _is_mapping(typ):
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                return value
        return {key: conform(item, _item_type(typ, 1)) for key, item in value.items()} if isinstance(value, dict) else value
    if isinstance(typ, type) and _types.is_output_type(typ) and isinstance(value, dict):
        types = property_types(typ)
        return {key: conform(item, types.get(key)) for key, item in value.items()}
    return value


class Synthesizer:
    def __init__(self, region: str):
        self.region = region
        self.created: list[tuple[str, str, dict[str, Any]]] = []  # (type token, id, state) in creation order

    # ---- names and ids -----------------------------------------------------
    def physical_name(self, token: str, logical: str, inputs: dict[str, Any]) -> str:
        for prop in NAME_PROPERTIES:
            if isinstance(inputs.get(prop), str) and inputs[prop] and inputs[prop] != rpc.UNKNOWN:
                return inputs[prop]
        return f"{logical}-{token_hex(token + logical, 7)}"

    def resource_id(self, token: str, logical: str, inputs: dict[str, Any]) -> str:
        prefix = ID_PREFIXES.get(token)
        if token in ARN_IDS:
            return self.arn(token, self.physical_name(token, logical, inputs))
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
        if service in ("sqs", "sns"):
            return f"arn:aws:{service}:{self.region}:{ACCOUNT_ID}:{physical}"
        if service == "cloudwatch" and kind == "loggroup":
            return f"arn:aws:logs:{self.region}:{ACCOUNT_ID}:log-group:{physical}"
        if service == "rds":
            return f"arn:aws:rds:{self.region}:{ACCOUNT_ID}:{kind}:{physical}"
        if service == "secretsmanager":
            return f"arn:aws:secretsmanager:{self.region}:{ACCOUNT_ID}:secret:{physical}-{token_hex(physical, 6)}"
        return f"arn:aws:{service}:{self.region}:{ACCOUNT_ID}:{kind}/{physical}"

    def zones(self) -> list[str]:
        """The Availability Zones the engine answers for the region: <region>a, b and c."""
        return [f"{self.region}{letter}" for letter in "abc"]

    def zone_id(self, index: int) -> str:
        """`use1-az1` for us-east-1: the region's short code, then the zone number."""
        area, *middle, number = self.region.split("-")
        return f"{area}{''.join(DIRECTIONS.get(part, part[:1]) for part in middle)}{number}-az{index + 1}"

    # ---- resources ---------------------------------------------------------
    def resource_state(self, token: str, logical: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """The id and full state (inputs plus computed outputs) of a newly created resource."""
        physical = self.physical_name(token, logical, inputs)
        rid = self.resource_id(token, logical, inputs)
        cls = pulumi_class(token)
        types = property_types(cls) if cls is not None else {}
        state = {key: conform(value, types.get(key)) for key, value in inputs.items()}
        computed = COMPUTED.get(token)
        if computed is not None:
            extra = computed(_plain_inputs(state), token_hex(token + logical, 64))
            rid = str(extra.pop("id", rid))
            state.update({key: value for key, value in extra.items() if state.get(key) is None})
        context = {"token": token, "physical": physical, "id": rid, "inputs": inputs}
        for pulumi_name, typ in types.items():
            if state.get(pulumi_name) is None:
                state[pulumi_name] = self.value(snake(pulumi_name), typ, context, 0)
        if token == LAMBDA_ALIAS and isinstance(state.get("functionName"), str):
            function = state["functionName"].split(":function:")[-1]  # a name or a function's ARN
            state["arn"] = f"{self.arn('aws:lambda/function:Function', function)}:{physical}"
        if token.startswith("aws:"):
            state.setdefault("arn", self.arn(token, physical))
        self.created.append((token, rid, state))
        return rid, state

    # ---- invokes -----------------------------------------------------------
    def invoke_result(self, token: str, args: dict[str, Any]) -> dict[str, Any]:
        special = self._special_invoke(token, args)
        if special is not None:
            return special
        cls = pulumi_class(token, "Result")
        if cls is None:
            return {}
        types = property_types(cls)
        found = self._lookup(token, args)
        result = {key: conform(value, types.get(key)) for key, value in {**(found or {}), **args}.items()}
        resource_token = _resource_token(token)
        rid = (
            str(found["id"]) if found else self.resource_id(resource_token, token_hex(json.dumps(args, sort_keys=True, default=str), 8), {})
        )
        context = {"token": resource_token, "physical": rid, "id": rid, "inputs": args, "invoke": True}
        for pulumi_name, typ in types.items():
            if result.get(pulumi_name) is None:
                result[pulumi_name] = self.value(snake(pulumi_name), typ, context, 0)
        return result

    def _lookup(self, token: str, args: dict[str, Any]) -> dict[str, Any] | None:
        """The state of a resource the program created that this lookup names (`get_secret_version(secret_id=secret.arn)`)."""
        wanted = _resource_token(token)
        keys = [key for key, value in args.items() if isinstance(value, str) and value != rpc.UNKNOWN]
        for created_token, rid, state in reversed(self.created):
            if created_token != wanted or not keys:
                continue
            if all(args[key] in (state.get(key), rid, state.get("arn"), state.get("name")) for key in keys):
                return {**state, "id": rid}
        return None

    def _special_invoke(self, token: str, args: dict[str, Any]) -> dict[str, Any] | None:
        name = token.split(":")[2]
        if not token.startswith("aws:"):
            return None
        if name == "getAvailabilityZones":
            zones = self.zones()
            return {
                "names": zones,
                "zoneIds": [self.zone_id(i) for i in range(len(zones))],
                "id": self.region,
                "state": "available",
                "groupNames": [self.region],
            }
        if name == "getCallerIdentity":
            return {
                "accountId": ACCOUNT_ID,
                "arn": f"arn:aws:iam::{ACCOUNT_ID}:user/remediate",
                "userId": "AIDAREMEDIATE",
                "id": ACCOUNT_ID,
            }
        if name == "getRegion":
            return {
                "name": self.region,
                "region": self.region,
                "id": self.region,
                "endpoint": f"ec2.{self.region}.amazonaws.com",
                "description": self.region,
            }
        if name == "getPartition":
            return {"partition": "aws", "dnsSuffix": "amazonaws.com", "id": "aws", "reverseDnsPrefix": "com.amazonaws"}
        if name == "getPolicyDocument":
            document = policy_document(args)
            return {"json": json.dumps(document, indent=2), "minifiedJson": json.dumps(document), "id": token_hex(json.dumps(document), 10)}
        return None

    # ---- values of declared outputs ---------------------------------------
    def value(self, py_name: str, typ: Any, context: dict[str, Any], depth: int) -> Any:
        typ = _base_type(typ)
        if _is_list(typ):
            if depth >= MAX_DEPTH:
                return []
            item = _item_type(typ)
            singular = py_name[:-1] if py_name.endswith("s") else py_name
            count = INVOKE_LIST_LENGTH if context.get("invoke") and depth == 0 and _base_type(item) in (str, None) else 1
            # a list and its items are one level: `identities[0].oidcs[0].issuer` is two deep
            return [self.value(singular, item, {**context, "index": i}, depth) for i in range(count)]
        if _is_mapping(typ):
            return {}
        if _is_enum(typ):
            return next(iter(typ)).value
        if typ is bool:
            return False
        if typ is int:
            return self._int(py_name, context)
        if typ is float:
            return 0.0
        if isinstance(typ, type) and _types.is_output_type(typ):
            if depth >= MAX_DEPTH:
                return {}
            return {key: self.value(snake(key), item, context, depth + 1) for key, item in property_types(typ).items()}
        return self._string(py_name, context)

    def _int(self, py_name: str, context: dict[str, Any]) -> int:
        if py_name == "port":
            engine = str(context["inputs"].get("engine", ""))
            return DEFAULT_PORTS.get(engine, 3306 if "mysql" in engine or "maria" in engine else 443)
        return 1

    def _string(self, py_name: str, context: dict[str, Any]) -> str:
        physical, token = context["physical"], context["token"]
        service = token.split(":")[1].split("/")[0]
        index = context.get("index", 0)
        if py_name == "id":
            return context["id"] if index == 0 else self.resource_id(token, f"{physical}-{index}", {})
        if py_name == "arn" or py_name.endswith("_arn"):
            return self.arn(token, physical)
        if py_name in (
            "endpoint",
            "address",
            "reader_endpoint",
            "dns_name",
            "hostname",
            "configuration_endpoint_address",
            "primary_endpoint_address",
        ):
            return f"{physical}.{token_hex(physical, 6)}.{self.region}.{service}.amazonaws.com"
        if py_name.endswith(("url", "uri")) or py_name == "issuer":  # an OIDC issuer is its URL
            return f"https://{token_hex(physical, 10)}.{service}.{self.region}.amazonaws.com/{physical}"
        if py_name.endswith("cidr_block") and "ipv6" in py_name:  # Amazon's: a /56 per VPC, a /64 per subnet
            size = 56 if token == "aws:ec2/vpc:Vpc" else 64
            address = int(("2600" + token_hex(physical, 12)).ljust(32, "0"), 16)
            return str(ipaddress.IPv6Network((address, size), strict=False))
        if py_name.endswith("cidr_block"):
            return "10.0.0.0/16"
        if py_name == "region":
            return self.region
        if py_name in ("account_id", "owner_id"):
            return ACCOUNT_ID
        if py_name in ("availability_zone", "availability_zone_name", "zone_name"):
            zones = self.zones()
            return zones[index % len(zones)]
        if py_name in ("availability_zone_id", "zone_id") and service == "ec2":
            return self.zone_id(index % len(self.zones()))
        if py_name in ("image_id", "ami", "ami_id"):
            return f"ami-{token_hex(physical + py_name, 17)}"
        if py_name == "secret_string":
            return json.dumps({"username": "dbadmin", "password": random_string(token_hex(physical, 64), {"length": 32, "special": False})})
        if py_name.endswith("json") or py_name.endswith("policy"):
            return "{}"
        if py_name.endswith("name"):
            return physical if index == 0 else f"{physical}-{index}"
        if py_name.endswith("_id") or py_name.endswith("_ids"):
            return f"{py_name.split('_')[0]}-{token_hex(physical + py_name + str(index), 12)}"
        return f"{physical}-{py_name}" if index == 0 else f"{physical}-{py_name}-{index}"


def _resource_token(invoke_token: str) -> str:
    """`aws:ec2/getVpc:getVpc` -> `aws:ec2/vpc:Vpc`, the type a lookup reads (`getSubnets` -> Subnet)."""
    package, module, name = invoke_token.split(":")
    noun = name[3:] if name.startswith("get") else name
    token = f"{package}:{module.split('/')[0]}/{noun[:1].lower()}{noun[1:]}:{noun}"
    singular = re.sub(r"(Ids|s)$", "", noun)
    if pulumi_class(token) is None and singular != noun:
        return f"{package}:{module.split('/')[0]}/{singular[:1].lower()}{singular[1:]}:{singular}"
    return token


def _plain_inputs(state: dict[str, Any]) -> dict[str, Any]:
    return {key: rpc.unwrap_rpc_secret(value) if rpc.is_rpc_secret(value) else value for key, value in state.items()}


# ---- values random and tls compute ----------------------------------------
def _random_integer(inputs: dict[str, Any], seed: str) -> dict[str, Any]:
    low, high = number(inputs, "min", 0), number(inputs, "max", 100)
    result = low + int(seed, 16) % (high - low + 1) if high >= low else low
    return {"id": str(result), "result": result}


def _random_pet(inputs: dict[str, Any], seed: str) -> dict[str, Any]:
    words = ["brave", "calm", "eager", "fancy", "gentle", "happy", "jolly", "kind", "lively", "proud"]
    animals = ["badger", "cougar", "dingo", "falcon", "gecko", "heron", "koala", "lemur", "otter", "panda"]
    count = max(number(inputs, "length", 2), 1)
    parts = [words[int(seed[i], 16) % len(words)] for i in range(count - 1)] + [animals[int(seed[-1], 16) % len(animals)]]
    separator = inputs.get("separator") if isinstance(inputs.get("separator"), str) else "-"
    prefix = [inputs["prefix"]] if isinstance(inputs.get("prefix"), str) else []
    return {"id": separator.join(prefix + parts)}


COMPUTED: dict[str, Callable[[dict[str, Any], str], dict[str, Any]]] = {
    "random:index/randomPassword:RandomPassword": lambda inputs, seed: {
        **STRING_DEFAULTS,
        "id": "none",
        "result": random_string(seed, inputs),
        "bcryptHash": "$2a$10$" + base64.b64encode(bytes.fromhex(seed)).decode()[:53],
    },
    "random:index/randomString:RandomString": lambda inputs, seed: {
        **STRING_DEFAULTS,
        "id": (result := random_string(seed, inputs)),
        "result": result,
    },
    "random:index/randomId:RandomId": random_id,
    "random:index/randomInteger:RandomInteger": _random_integer,
    "random:index/randomUuid:RandomUuid": lambda inputs, seed: {"id": (result := str(uuid.UUID(seed[:32]))), "result": result},
    "random:index/randomUuid4:RandomUuid4": lambda inputs, seed: {"id": (result := str(uuid.UUID(seed[:32], version=4))), "result": result},
    "random:index/randomPet:RandomPet": _random_pet,
    "random:index/randomShuffle:RandomShuffle": lambda inputs, seed: {
        "id": "-",
        "results": list(inputs.get("inputs") or [])[: number(inputs, "resultCount", len(inputs.get("inputs") or []))],
    },
    "random:index/randomBytes:RandomBytes": lambda inputs, seed: {
        "id": "none",
        "hex": (raw := random.Random(seed).randbytes(number(inputs, "length", 32))).hex(),
        "base64": base64.b64encode(raw).decode(),
    },
    "tls:index/privateKey:PrivateKey": private_key,
    "tls:index/selfSignedCert:SelfSignedCert": self_signed_cert,
    "tls:index/locallySignedCert:LocallySignedCert": locally_signed_cert,
    "tls:index/certRequest:CertRequest": cert_request,
}


def policy_document(args: dict[str, Any]) -> dict[str, Any]:
    """The JSON IAM builds from `iam.get_policy_document` statements."""
    statements = []
    for statement in args.get("statements") or []:
        rendered: dict[str, Any] = {"Effect": statement.get("effect", "Allow")}
        for key, field in (
            ("sid", "Sid"),
            ("actions", "Action"),
            ("notActions", "NotAction"),
            ("resources", "Resource"),
            ("notResources", "NotResource"),
        ):
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
