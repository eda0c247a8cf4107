"""The local engine's synthesized state must pass the SDK's own output translation for every type.

The SDK turns a resource's state into outputs with `rpc.translate_output_properties`, and raises
("While processing resource ...") on a value of the wrong shape. These tests feed it the state the
Synthesizer gives for every resource and invoke pulumi_aws declares, both with no inputs and with
inputs in the richest shape each Args class accepts (a policy as a dict, a list of blocks...).
"""

from __future__ import annotations

import asyncio
import collections.abc
import json
import os
import re
import string
import typing
from enum import Enum
from pathlib import Path

import pulumi_aws
import pytest
from pulumi import _types
from pulumi.runtime import rpc

from agent.engines.local.outputs import Synthesizer, property_types, pulumi_class

AWS_ROOT = Path(pulumi_aws.__file__).parent
# Importing all of pulumi_aws takes ~45 s, so by default these services (the ones Pulumi programs
# here use most) are checked; REMEDIATE_FULL_SDK=1 checks every service.
SERVICES = {
    "index",
    "ec2",
    "iam",
    "s3",
    "lambda",
    "rds",
    "cloudwatch",
    "autoscaling",
    "lb",
    "ecs",
    "dynamodb",
    "sns",
    "sqs",
    "kms",
    "secretsmanager",
    "apigateway",
    "elasticache",
    "cloudfront",
    "route53",
    "kinesis",
    "wafv2",
    "ssm",
}


def selected(token: str) -> bool:
    return os.environ.get("REMEDIATE_FULL_SDK") == "1" or token.split(":")[1].split("/")[0] in SERVICES


def resource_tokens() -> list[str]:
    text = (AWS_ROOT / "__init__.py").read_text()
    modules = json.loads(re.search(r'resource_modules="""(.*?)"""', text, re.S).group(1))
    return sorted(token for module in modules for token in module["classes"] if selected(token))


def invoke_tokens() -> list[str]:
    found = set()
    for path in AWS_ROOT.glob("*/get_*.py"):
        found.update(re.findall(r"pulumi\.runtime\.invoke\('([^']+)'", path.read_text()))
    return sorted(token for token in found if selected(token))


def translate(state: dict, types: dict) -> None:
    """What the SDK does with a registered resource's state: serialize, deserialize, translate."""
    wire = asyncio.get_event_loop().run_until_complete(rpc.serialize_properties(state, {}))
    for key, value in rpc.deserialize_properties(wire).items():
        rpc.translate_output_properties(value, lambda k: k, types.get(key), True)


def input_value(typ, depth: int = 0):
    """A value of an input type in its richest accepted shape (Args dicts over strings)."""
    typ = _types.unwrap_type(typ) if typ is not None else None
    if typing.get_origin(typ) is typing.Union:
        members = [m for m in typing.get_args(typ) if m is not type(None)]
        members.sort(key=lambda m: 0 if isinstance(m, type) and _types.is_input_type(m) else 1)
        return input_value(members[0], depth)
    if isinstance(typ, str) or typ in (None, typing.Any):
        return "x"
    origin = typing.get_origin(typ)
    if origin in (list, collections.abc.Sequence):
        return [] if depth > 2 else [input_value(typing.get_args(typ)[0], depth + 1)]
    if origin in (dict, collections.abc.Mapping):
        return {"key": input_value(typing.get_args(typ)[1], depth + 1)}
    if isinstance(typ, type) and issubclass(typ, Enum):
        return next(iter(typ)).value
    if isinstance(typ, type) and _types.is_input_type(typ):
        if depth > 2:
            return {}
        return {name: input_value(sub, depth + 1) for name, sub in _types.input_type_types(typ).items()}
    return {bool: True, int: 2, float: 1.5, str: "x"}.get(typ, "x")


def args_class(cls: type):
    module = __import__(cls.__module__, fromlist=["_"])
    return getattr(module, f"{cls.__name__}Args", None)


@pytest.fixture(scope="module")
def synth():
    return Synthesizer("eu-west-2")


def test_every_aws_resource_state_translates(synth):
    tokens = resource_tokens()
    assert len(tokens) > 300
    failures = []
    for token in tokens:
        cls = pulumi_class(token)
        if cls is None:
            continue
        args = args_class(cls)
        rich = {}
        if args is not None and _types.is_input_type(args):
            rich = {name: input_value(typ) for name, typ in _types.input_type_types(args).items()}
        for inputs in ({}, rich):
            try:
                _, state = synth.resource_state(token, "r", inputs)
                translate(state, property_types(cls))
            except Exception as exc:  # noqa: BLE001 - collected for one report
                failures.append(f"{token} ({'rich' if inputs else 'empty'} inputs): {exc}"[:300])
    assert not failures, "\n".join(failures[:20]) + f"\n... {len(failures)} in all"


def test_every_aws_invoke_result_translates(synth):
    tokens = invoke_tokens()
    assert len(tokens) > 100
    failures = []
    for token in tokens:
        cls = pulumi_class(token, "Result")
        if cls is None:
            failures.append(f"{token}: no result class")
            continue
        try:
            translate(synth.invoke_result(token, {}), property_types(cls))
        except Exception as exc:  # noqa: BLE001
            failures.append(f"{token}: {exc}"[:300])
    assert not failures, "\n".join(failures[:20]) + f"\n... {len(failures)} in all"


def test_policy_dict_input_comes_back_as_json_string(synth):
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole"}]}
    _, state = synth.resource_state("aws:iam/role:Role", "role", {"assumeRolePolicy": policy})
    assert json.loads(state["assumeRolePolicy"]) == policy


def test_outputs_nested_in_lists_of_blocks_are_filled(synth):
    _, state = synth.resource_state("aws:eks/cluster:Cluster", "eks", {})
    assert state["identities"][0]["oidcs"][0]["issuer"].startswith("https://")


def test_ipv6_blocks_are_amazons_sizes(synth):
    import ipaddress

    _, vpc = synth.resource_state("aws:ec2/vpc:Vpc", "vpc", {"assignGeneratedIpv6CidrBlock": True})
    _, subnet = synth.resource_state("aws:ec2/subnet:Subnet", "subnet", {})
    assert ipaddress.IPv6Network(vpc["ipv6CidrBlock"]).prefixlen == 56 and vpc["cidrBlock"] == "10.0.0.0/16"
    assert ipaddress.IPv6Network(subnet["ipv6CidrBlock"]).prefixlen == 64


def test_enum_outputs_hold_enum_members(synth):
    _, state = synth.resource_state("aws:autoscaling/group:Group", "asg", {})
    allowed = {member.value for member in pulumi_aws.autoscaling.Metric}
    assert state["enabledMetrics"] and set(state["enabledMetrics"]) <= allowed


@pytest.mark.parametrize("length", [8, 16, 32, 41])
def test_random_password_has_the_requested_length_and_only_its_classes(synth, length):
    inputs = {"length": length, "special": True, "overrideSpecial": "_-", "minNumeric": 1}
    _, state = synth.resource_state("random:index/randomPassword:RandomPassword", f"pw{length}", inputs)
    result = state["result"]
    assert len(result) == length
    assert set(result) <= set(string.ascii_letters + string.digits + "_-")
    assert any(c.isdigit() for c in result)


def test_random_and_tls_states_translate(synth):
    import pulumi_random
    import pulumi_tls

    cases = [
        ("random:index/randomString:RandomString", pulumi_random.RandomString, {"length": 12, "upper": False}),
        ("random:index/randomId:RandomId", pulumi_random.RandomId, {"byteLength": 4}),
        ("random:index/randomInteger:RandomInteger", pulumi_random.RandomInteger, {"min": 5, "max": 9}),
        ("random:index/randomPet:RandomPet", pulumi_random.RandomPet, {}),
        ("random:index/randomUuid:RandomUuid", pulumi_random.RandomUuid, {}),
        ("tls:index/privateKey:PrivateKey", pulumi_tls.PrivateKey, {"algorithm": "RSA", "rsaBits": 2048}),
    ]
    for token, cls, inputs in cases:
        rid, state = synth.resource_state(token, "x", inputs)
        translate(state, property_types(cls))
    _, string_state = synth.resource_state(cases[0][0], "s", cases[0][2])
    assert len(string_state["result"]) == 12 and not any(c.isupper() for c in string_state["result"])
    _, id_state = synth.resource_state(cases[1][0], "i", cases[1][2])
    assert re.fullmatch(r"[0-9a-f]{8}", id_state["hex"])
    _, int_state = synth.resource_state(cases[2][0], "n", cases[2][2])
    assert 5 <= int_state["result"] <= 9
    _, key = synth.resource_state(cases[5][0], "k", cases[5][2])
    assert key["privateKeyPem"].startswith("-----BEGIN RSA PRIVATE KEY-----") and key["publicKeyOpenssh"].startswith("ssh-rsa ")


def test_lookups_resolve_like_aws(synth):
    zones = synth.invoke_result("aws:index/getAvailabilityZones:getAvailabilityZones", {})
    assert zones["names"][0] == "eu-west-2a" and all(name.startswith("eu-west-2") for name in zones["names"])
    assert zones["zoneIds"][0] == "euw2-az1" and len(zones["zoneIds"]) == len(zones["names"])
    assert re.fullmatch(r"ami-[0-9a-f]{17}", synth.invoke_result("aws:ec2/getAmi:getAmi", {"mostRecent": True})["id"])
    subnets = synth.invoke_result("aws:ec2/getSubnets:getSubnets", {})["ids"]
    assert len(set(subnets)) == 3 and all(s.startswith("subnet-") for s in subnets)
    assert synth.invoke_result("aws:index/getCallerIdentity:getCallerIdentity", {})["accountId"] == "123456789012"
    assert Synthesizer("ap-southeast-2").zone_id(0) == "apse2-az1"


def test_lookup_reads_back_what_the_program_created(synth):
    secret_id, _ = synth.resource_state("aws:secretsmanager/secret:Secret", "db", {"name": "db-creds"})
    assert secret_id.startswith("arn:aws:secretsmanager:eu-west-2:")
    synth.resource_state(
        "aws:secretsmanager/secretVersion:SecretVersion", "v", {"secretId": secret_id, "secretString": '{"password": "p"}'}
    )
    found = synth.invoke_result("aws:secretsmanager/getSecretVersion:getSecretVersion", {"secretId": secret_id})
    assert json.loads(found["secretString"]) == {"password": "p"}
    unknown = synth.invoke_result("aws:secretsmanager/getSecretVersion:getSecretVersion", {"secretId": "other"})
    assert "password" in json.loads(unknown["secretString"])


def test_random_password_draws_from_the_requested_classes_and_specials():
    from agent.engines.local.random_values import DEFAULT_SPECIALS
    from agent.engines.local.random_values import random_string as _password

    default = _password("seed-a", {"length": 64})
    assert len(default) == 64 and set(default) & set(DEFAULT_SPECIALS)
    assert _password("seed-a", {"length": 64}) == default  # the same resource draws the same value
    assert set(_password("seed-a", {"length": 64, "overrideSpecial": "!&#"})) - set(string.ascii_letters + string.digits) <= set("!&#")
    assert _password("seed-a", {"length": 64, "special": False}).isalnum()
    drawn = _password("seed-a", {"length": 8, "minSpecial": 3, "minUpper": 2, "overrideSpecial": "-"})
    assert drawn.count("-") >= 3 and sum(c.isupper() for c in drawn) >= 2
