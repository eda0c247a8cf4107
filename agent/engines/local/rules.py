"""The AWS rules the local engine enforces, answering in the exact text pulumi-aws prints on AWS.

The mock monitor never reaches AWS or the provider's checks, so these rules stand in for both:
preview gets the provider's validation failures, up also gets the failing AWS API call.
Every fact comes from config/rules/*.json; those the fixers repair against too are read through
agent.core.aws_facts. What a phase run has created so far lives in the RunState the runner hands in.
"""

from __future__ import annotations

import base64
import ipaddress
import json
import re
import secrets
import uuid
from dataclasses import dataclass, field
from typing import Any

from pulumi.runtime import rpc

from agent.core.aws_facts import (
    ENGINE_VERSION,
    RUNTIME,
    api_constraint,
    is_reserved_username,
    naming_rule,
    offered_versions,
    replacement,
    retired,
)
from agent.core.config import load_data
from agent.engines.local.outputs import Synthesizer
from agent.engines.local.random_values import length_problem
from agent.engines.local.schema_shape import shape_errors
from agent.engines.local.schema_values import value_errors

RDS_CREATES = {  # type -> (identifier input, noun, API operation, master user name input, its password input)
    "aws:rds/cluster:Cluster": ("clusterIdentifier", "RDS Cluster", "CreateDBCluster", "masterUsername", "masterPassword"),
    "aws:rds/instance:Instance": ("identifier", "RDS DB Instance", "CreateDBInstance", "username", "password"),
    "aws:rds/globalCluster:GlobalCluster": ("globalClusterIdentifier", "RDS Global Cluster", "CreateGlobalCluster", None, None),
}


@dataclass
class RunState:
    """What one phase run has created so far, which later resources are checked against.

    The runner makes one per phase run, so no run sees another's resources.
    """

    created: dict[str, list[dict]] = field(default_factory=dict)  # outputs of created resources, by type
    vpc_cidrs: dict[str, list[ipaddress.IPv4Network]] = field(default_factory=dict)  # IPv4 blocks by VPC id

    def record_created(self, type_token: str, outputs: dict) -> None:
        self.created.setdefault(type_token, []).append(outputs)


# ---- naming ----------------------------------------------------------------
def _naming_error(type_token: str, logical_name: str, inputs: dict, phase: str) -> str | None:
    rule = naming_rule(type_token)
    value = inputs.get(rule["input"]) if rule else None
    if value is None and rule and rule.get("autoname") == "as-is":
        value = f"{logical_name}-{secrets.token_hex(4)[:7]}"
    if not isinstance(value, str) or rule["phase"] != phase or re.match(rule["pattern"], value):
        return None
    if phase == "preview":
        problem = rule["message"].format(property=rule["property"])
        return (
            f"{type_token} resource '{logical_name}' has a problem: invalid value for {rule['property']} "
            f"({problem}). Examine values at '{logical_name}.{rule['input']}'."
        )
    return (
        f"creating S3 Bucket ({value}): operation error S3: CreateBucket, https response error "
        f"StatusCode: 400, RequestID: {_s3_request_id()}, HostID: {_s3_host_id()}, {rule['message']}"
    )


def _s3_request_id() -> str:
    return secrets.token_hex(8).upper()


def _s3_host_id() -> str:
    return base64.b64encode(secrets.token_bytes(57)).decode()


# ---- RDS API ---------------------------------------------------------------
def autoname(logical_name: str) -> str:
    """The physical name Pulumi gives a resource without one: lowercased for these types."""
    return f"{logical_name.lower()}-{secrets.token_hex(4)[:7]}"


def _rds_api_error(type_token: str, logical_name: str, inputs: dict, region: str) -> str | None:
    id_input, noun, operation, username_input, password_input = RDS_CREATES[type_token]
    engine = inputs.get("engine")
    if not isinstance(engine, str):
        return None
    version = inputs.get("engineVersion")
    username = inputs.get(username_input) if username_input else None
    password_problem = _password_problem(engine, _plain(inputs.get(password_input))) if password_input else None
    if isinstance(version, str) and version and retired(ENGINE_VERSION, version, engine=engine, region=region):
        code, text = "InvalidParameterCombination", f"Cannot find version {version} for {engine}"
    elif isinstance(username, str) and is_reserved_username(engine, username):
        code = "InvalidParameterValue"
        text = f"MasterUsername {username} cannot be used as it is a reserved word used by the engine"
    elif password_problem:
        code, text = "InvalidParameterValue", password_problem
    else:
        return None
    identifier = inputs.get(id_input) or autoname(logical_name)
    return (
        f"creating {noun} ({identifier}): operation error RDS: {operation}, https response error "
        f"StatusCode: 400, RequestID: {uuid.uuid4()}, api error {code}: {text}"
    )


def _password_problem(engine: str, password: Any) -> str | None:
    """RDS's complaint about a master password, or None (also for a password that isn't a plain string)."""
    if not isinstance(password, str):
        return None
    rule = load_data("rules/api_checks.json")["rds_password"]
    maximum = rule["max"].get(engine)
    if len(password) < rule["min"]:
        return rule["too_short"].format(min=rule["min"])
    if maximum is not None and len(password) > maximum:
        return rule["too_long"].format(max=maximum)
    if any(not (" " <= c <= "~") or c in rule["forbidden"] for c in password):
        return rule["bad_character"]
    return None


# ---- provider checks (preview) ---------------------------------------------
def _plain(value: Any) -> Any:
    """A plain str/int input, secrets unwrapped; None for unknowns (preview) and anything else."""
    if isinstance(value, dict) and value.get(rpc._special_sig_key) == rpc._special_secret_sig:
        value = value.get("value")
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # the wire carries every number as a double
    if isinstance(value, bool) or not isinstance(value, (str, int)) or value == rpc.UNKNOWN:
        return None
    return value


def botocore_limits(service: str, operation: str, member: str) -> tuple[int | None, int | None]:
    """(min, max) length botocore's service model gives an API parameter."""
    constraint = api_constraint(service, operation, member)
    return constraint.get("min"), constraint.get("max")


def _go_quote(text: str) -> str:
    return json.dumps(text)


def _test_failures(test: dict, key: str, value: Any) -> list[str]:
    """The provider validator's error texts for one test of a value (none when it passes)."""
    kind = test["kind"]
    fields = {"k": key, "q": _go_quote(key), "v": value, "qv": _go_quote(str(value))}
    if kind == "int_between":
        if isinstance(value, int) and not test["min"] <= value <= test["max"]:
            return [test.get("message", "expected {k} to be in the range ({min} - {max}), got {v}").format(**fields, **test)]
        return []
    if not isinstance(value, str):
        return []
    if kind == "len_between":
        low, high = botocore_limits(*test["botocore"]) if "botocore" in test else (None, None)
        low, high = test.get("min", low), test.get("max", high)
        if not low <= len(value) <= high:
            template = test.get("message", "expected length of {k} to be in the range ({min} - {max}), got {v}")
            return [template.format(**fields, min=low, max=high)]
        return []
    if kind == "one_of":
        allowed = api_constraint(*test["botocore"])["enum"] if "botocore" in test else test["values"]
        if value not in allowed:
            quoted = " ".join(_go_quote(v) for v in allowed)
            return [f"expected {key} to be one of [{quoted}], got {value}"]
        return []
    if kind in ("match", "not_match"):
        if bool(re.search(test["pattern"], value)) != (kind == "match"):
            message = test["message"].format(**fields)
            return [message if "{q}" in test["message"] else f"invalid value for {key} ({message})"]
        return []
    if kind == "ipv4_cidr":
        return _ipv4_cidr_failures(value)
    if kind == "cidr_network":
        return _cidr_network_failures(key, value, test["min"], test["max"])
    raise ValueError(f"unknown provider check kind {kind!r}")


def _ipv4_cidr_failures(value: str) -> list[str]:
    """verify.ValidateIPv4CIDRBlock."""
    try:
        network = ipaddress.ip_network(value, strict=False)
    except ValueError:
        return [f"{_go_quote(value)} is not a valid CIDR block: invalid CIDR address: {value}"]
    if network.version != 4:
        return [f"{_go_quote(value)} is not a valid IPv4 CIDR block"]
    if str(network) != value:
        return [f"{_go_quote(value)} is not a valid IPv4 CIDR block; did you mean {_go_quote(str(network))}?"]
    return []


def _cidr_network_failures(key: str, value: str, low: int, high: int) -> list[str]:
    """validation.IsCIDRNetwork(low, high) of terraform-plugin-sdk."""
    try:
        network = ipaddress.ip_network(value, strict=False)
    except ValueError:
        return [f"expected {key} to contain a valid Value, got: {value} with err: invalid CIDR address: {value}"]
    failures = []
    if str(network) != value:
        failures.append(f"expected {key} to contain a valid network Value, expected {network}, got {value}")
    if not low <= network.prefixlen <= high:
        failures.append(
            f"expected {_go_quote(key)} to contain a network Value with between {low} and {high} significant bits, got: {network.prefixlen}"
        )
    return failures


def _provider_errors(type_token: str, logical_name: str, inputs: dict) -> list[str]:
    """Check failures of the provider's schema validators, worded as `pulumi preview` prints them."""
    data = load_data("rules/provider_checks.json")
    errors = []
    for check in data["resources"].get(type_token, []):
        value = _plain(inputs.get(check["input"]))
        if value is None:
            continue
        for test in check["tests"]:
            for reason in _test_failures(test, check["property"], value):
                errors.append(
                    f"{type_token} resource '{logical_name}' has a problem: {reason}. Examine values at '{logical_name}.{check['input']}'."
                )
    plan = data["plan"].get(type_token)
    name = _plain(inputs.get(plan["input"])) if plan else None
    if isinstance(name, str):
        pattern = plan["pattern_flag"] if inputs.get(plan["flag"]) is True else plan["pattern"]
        if not re.search(pattern, name):
            errors.append(plan["message"].format(v=name))
    return errors


def _unchecked(type_token: str, inputs: dict) -> dict:
    """The inputs provider_checks.json does not judge, left to the schema's enums and ranges."""
    checked = {check["input"] for check in load_data("rules/provider_checks.json")["resources"].get(type_token, [])}
    return {key: value for key, value in inputs.items() if key not in checked}


RANDOM_STRINGS = ("random:index/randomPassword:RandomPassword", "random:index/randomString:RandomString")


def _random_errors(type_token: str, logical_name: str, inputs: dict) -> list[str]:
    """pulumi_random's refusal of a `length` its `min_*` counts do not fit."""
    problem = length_problem({key: _plain(value) for key, value in inputs.items()}) if type_token in RANDOM_STRINGS else None
    return (
        [f"{type_token} resource '{logical_name}' has a problem: {problem}. Examine values at '{logical_name}.length'."] if problem else []
    )


# ---- retired values (up) ---------------------------------------------------
def _lambda_successor(runtime: str, region: str) -> str:
    return replacement(RUNTIME, runtime, region=region) or runtime


def _retired_error(type_token: str, logical_name: str, inputs: dict, region: str) -> str | None:
    """AWS's refusal of a value it has retired (runtime, instance class, node type, engine version),
    as the maintained data tells which are (agent.core.aws_facts.retired)."""
    data = load_data("rules/retired_checks.json")
    for check in data["checks"].get(type_token, []):
        value = _plain(inputs.get(check["input"]))
        engine = _plain(inputs.get(check.get("engine_input", ""))) or check.get("engine_default")
        if not isinstance(value, str) or ("engine_input" in check and not isinstance(engine, str)):
            continue
        if not retired(check["kind"], value, engine=engine, region=region):
            continue
        version = _plain(inputs.get(check.get("version_input", ""))) or (offered_versions(engine, region) or ["default"])[-1]
        text = check["text"].format(
            v=value,
            engine=engine,
            version=version,
            license=data["license_models"].get(engine, "license-included"),
            successor=_lambda_successor(value, region) if check["kind"] == RUNTIME else "",
        )
        name = _plain(inputs.get(check["id_input"])) or autoname(logical_name)
        cluster = _plain(inputs.get(check.get("cluster_input", ""))) or ""
        prefix = check["prefix"].format(id=name, cluster=cluster)
        return (
            f"{prefix}: operation error {check['operation']}, https response error StatusCode: 400, "
            f"RequestID: {_request_id(type_token)}, {check['code']}: {text}"
        )
    return None


# ---- other API errors (up) -------------------------------------------------
def _request_id(type_token: str) -> str:
    if type_token.startswith("aws:dynamodb/"):
        return "".join(secrets.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(52))
    return str(uuid.uuid4())


def _api_check_error(type_token: str, logical_name: str, inputs: dict) -> str | None:
    for check in load_data("rules/api_checks.json")["checks"].get(type_token, []):
        value = _plain(inputs.get(check["input"]))
        if not isinstance(value, str) or ("unless_input" in check and inputs.get(check["unless_input"])):
            continue
        too_short = len(value) < check.get("min_len", 0)
        too_long = "max_len" in check and len(value) > check["max_len"]
        mismatch = "pattern" in check and not re.search(check["pattern"], value)
        if too_short or too_long or mismatch:
            name = _plain(inputs.get(check.get("name_input", check["input"]))) or autoname(logical_name)
            return check["error"].format(v=value, name=name, request_id=_request_id(type_token))
    return None


# ---- references (up) -------------------------------------------------------
def _reference_error(state: RunState, type_token: str, logical_name: str, inputs: dict) -> str | None:
    """AWS's not-found error for an input naming a resource nothing in this run created."""
    for check in load_data("rules/reference_checks.json")["checks"].get(type_token, []):
        value = _plain(inputs.get(check["input"]))
        if not isinstance(value, str):
            continue
        referenced = [outputs for token in check["refers_to"] for outputs in state.created.get(token, [])]
        known = {str(outputs.get(attribute)) for outputs in referenced for attribute in check["attributes"]}
        if value not in known:
            name = _plain(inputs.get(check["name_input"])) or autoname(logical_name)
            return check["error"].format(v=value, name=name, request_id=_request_id(type_token))
    return None


# ---- VPC and subnets -------------------------------------------------------
VPC_TYPE = "aws:ec2/vpc:Vpc"
VPC_CIDR_ASSOCIATION_TYPE = "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation"
SUBNET_TYPE = "aws:ec2/subnet:Subnet"


def _register_network(state: RunState, type_token: str, logical_name: str, inputs: dict, region: str) -> None:
    """Remember a VPC's IPv4 block (or a secondary one) under the id the mock gives the VPC."""
    cidr = _plain(inputs.get("cidrBlock"))
    if not isinstance(cidr, str) or _ipv4_cidr_failures(cidr):
        return
    if type_token == VPC_TYPE:
        vpc_id = Synthesizer(region).resource_id(type_token, logical_name, inputs)
        state.vpc_cidrs.setdefault(vpc_id, []).append(ipaddress.IPv4Network(cidr))
    elif type_token == VPC_CIDR_ASSOCIATION_TYPE and isinstance(_plain(inputs.get("vpcId")), str):
        state.vpc_cidrs.setdefault(inputs["vpcId"], []).append(ipaddress.IPv4Network(cidr))


def _subnet_api_error(state: RunState, inputs: dict) -> str | None:
    rule = load_data("rules/api_checks.json")["subnet"]
    cidr = _plain(inputs.get("cidrBlock"))
    blocks = state.vpc_cidrs.get(_plain(inputs.get("vpcId")) or "")
    if not isinstance(cidr, str) or not blocks or _ipv4_cidr_failures(cidr):
        return None
    network = ipaddress.IPv4Network(cidr)
    in_range = rule["min_prefix"] <= network.prefixlen <= rule["max_prefix"]
    if in_range and any(network.subnet_of(block) for block in blocks):
        return None
    return rule["range_error"].format(request_id=uuid.uuid4(), cidr=cidr)


def check_resource(state: RunState, type_token: str, logical_name: str, inputs: dict, region: str, phase: str) -> list[str]:
    """The errors registering this resource produces in `phase` ("preview" or "up"); [] when it is fine.

    A resource failing the provider's checks never reaches AWS, so up reports those alone;
    otherwise up reports the first AWS API error (the create call fails once). A VPC's CIDR block
    is remembered in `state` for the subnets registered after it.
    """
    naming_error = _naming_error(type_token, logical_name, inputs, "preview")
    preview_errors = shape_errors(type_token, logical_name, inputs) or value_errors(
        type_token, logical_name, _unchecked(type_token, inputs)
    )
    preview_errors += _random_errors(type_token, logical_name, inputs)
    preview_errors += ([naming_error] if naming_error else []) + _provider_errors(type_token, logical_name, inputs)
    _register_network(state, type_token, logical_name, inputs, region)
    if preview_errors or phase != "up":
        return preview_errors
    if type_token in RDS_CREATES:
        api_error = _rds_api_error(type_token, logical_name, inputs, region) or _retired_error(type_token, logical_name, inputs, region)
    elif type_token == SUBNET_TYPE:
        api_error = _subnet_api_error(state, inputs)
    else:
        api_error = (
            _naming_error(type_token, logical_name, inputs, "up")
            or _retired_error(type_token, logical_name, inputs, region)
            or _api_check_error(type_token, logical_name, inputs)
            or _reference_error(state, type_token, logical_name, inputs)
        )
    return [api_error] if api_error else []
