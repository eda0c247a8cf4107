"""The provider's shape check of input values, run by the local engine before anything is created."""

from pulumi.runtime import rpc

from agent.core.classify import classify_text
from agent.core.errors import ErrorKind
from agent.engines.local.schema_shape import shape_errors

SERVICE = "aws:ecs/service:Service"


def _service(client_alias):
    return {"serviceConnectConfiguration": {"enabled": True, "services": [{"portName": "http", "clientAlias": client_alias}]}}


def test_an_object_where_the_schema_wants_a_list_is_refused_at_its_path():
    [error] = shape_errors(SERVICE, "svc", _service({"port": 80, "dnsName": "api"}))
    assert error == (
        "aws:ecs/service:Service resource 'svc' has a problem: expected array type, got object. "
        "Examine values at 'svc.serviceConnectConfiguration.services[0].clientAlias'."
    )
    kind, details = classify_text(error)
    assert kind is ErrorKind.INPUT_SHAPE and details["path"] == "serviceConnectConfiguration.services[0].clientAlias"


def test_a_list_of_blocks_passes():
    assert shape_errors(SERVICE, "svc", _service([{"port": 80, "dnsName": "api"}])) == []


def test_a_block_missing_a_required_field_is_refused():
    [error] = shape_errors(SERVICE, "svc", _service([{"dnsName": "api"}]))
    assert 'The argument "port" is required' in error and "services[0].clientAlias[0].port'" in error


def test_a_scalar_where_a_block_goes_is_refused_and_unknowns_and_secrets_are_judged_by_their_contents():
    [error] = shape_errors(SERVICE, "svc", {"serviceConnectConfiguration": "on"})
    assert "Expected Object Type. Expected object, got string" in error
    assert shape_errors(SERVICE, "svc", {"serviceConnectConfiguration": rpc.UNKNOWN}) == []
    secret = {rpc._special_sig_key: rpc._special_secret_sig, "value": {"port": 80}}
    assert len(shape_errors(SERVICE, "svc", _service(secret))) == 1


def test_other_providers_are_not_judged():
    assert shape_errors("random:index/randomPassword:RandomPassword", "p", {"length": {"a": 1}}) == []
