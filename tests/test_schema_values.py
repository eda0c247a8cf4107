"""Enum values and number ranges of inputs, nested ones included, from CloudFormation's schemas."""

import pytest

from agent.core.classify import classify_text
from agent.core.errors import ErrorKind
from agent.engines.local.schema_values import value_errors

SERVICE = "aws:ecs/service:Service"


def _alias(port):
    return {
        "serviceConnectConfiguration": {
            "enabled": True,
            "services": [{"portName": "http", "clientAlias": [{"port": port, "dnsName": "api"}]}],
        }
    }


def test_a_string_outside_the_enum_is_refused_with_the_providers_text():
    assert value_errors(SERVICE, "svc", {"launchType": "FARGATE"}) == []
    [error] = value_errors(SERVICE, "svc", {"launchType": "SERVERLESS"})
    assert error == (
        "aws:ecs/service:Service resource 'svc' has a problem: expected launch_type to be one of "
        '["EC2" "FARGATE" "EXTERNAL"], got SERVERLESS. Examine values at \'svc.launchType\'.'
    )
    kind, details = classify_text(error)
    assert kind is ErrorKind.INVALID_VALUE and details["name"] == "svc"


def test_a_number_out_of_range_in_a_nested_block_list_is_refused_at_its_path():
    assert value_errors(SERVICE, "svc", _alias(8080)) == []
    [error] = value_errors(SERVICE, "svc", _alias(70000))
    assert "expected service_connect_configuration.0.services.0.client_alias.0.port to be in the range (0 - 65535), got 70000" in error
    assert error.endswith("Examine values at 'svc.serviceConnectConfiguration.services[0].clientAlias[0].port'.")


def test_a_numeric_enum_and_a_resource_named_otherwise_in_cloudformation():
    log_group = "aws:cloudwatch/logGroup:LogGroup"  # AWS::Logs::LogGroup, by config/rules/cfn_types.json
    assert value_errors(log_group, "logs", {"retentionInDays": 14}) == []
    [error] = value_errors(log_group, "logs", {"retentionInDays": 10})
    assert "expected retention_in_days to be one of [1 3 5 7 14 30" in error and "got 10." in error


def test_an_enum_over_list_items():
    function = "aws:lambda/function:Function"
    assert value_errors(function, "f", {"architectures": ["arm64"]}) == []
    [error] = value_errors(function, "f", {"architectures": ["x86"]})
    assert 'expected architectures.0 to be one of ["x86_64" "arm64"], got x86' in error


@pytest.mark.parametrize("value", [0, "", None, "04da6b54-80e4-46f7-96ec-b56ff0331ba9"])
def test_zero_values_and_unknowns_are_not_judged(value):
    assert value_errors("aws:cloudwatch/logGroup:LogGroup", "logs", {"retentionInDays": value}) == []
    assert value_errors(SERVICE, "svc", {"launchType": value}) == []


def test_inputs_named_differently_from_the_schema_or_other_kinds_of_value_are_left_alone():
    assert value_errors("aws:lb/targetGroup:TargetGroup", "tg", {"healthCheck": {"interval": 4000}}) == []  # HealthCheckIntervalSeconds
    assert value_errors(SERVICE, "svc", {"launchType": 3}) == []
    assert value_errors("random:index/randomPassword:RandomPassword", "p", {"length": 3}) == []


def test_an_enum_value_in_another_case_passes():
    assert value_errors(SERVICE, "svc", {"launchType": "fargate"}) == []


def test_a_value_cloudformation_lacks_but_the_api_takes_passes():
    parameter = "aws:ssm/parameter:Parameter"  # AWS::SSM::Parameter's Type lists no SecureString; PutParameter takes it
    assert value_errors(parameter, "p", {"type": "SecureString"}) == []
    [error] = value_errors(parameter, "p", {"type": "Secret"})
    assert 'expected type to be one of ["String" "StringList"], got Secret' in error
