"""Errors the static checks build directly have the shape a run's text classifies to, so a fixer
reads the same kind, details and message whichever found the error."""

import pytest

from agent.core import run_errors
from agent.core.classify import to_deploy_error
from agent.core.errors import ErrorKind

WHERE = {"file": "infra/network.py", "line": 7, "phase": "preflight"}

BUILT = [
    run_errors.unknown_argument("_internal_init", "vpc", cls="Eip", **WHERE),
    run_errors.unknown_argument("__init__", "ecpu_per_second", cls="ServerlessCacheCacheUsageLimitsArgs", **WHERE),
    run_errors.unknown_argument("get_subnets", "vpc_id", **WHERE),
    run_errors.unknown_attribute("Eip", "public_ipp", "public_ip", **WHERE),
    run_errors.unknown_attribute("Bucket", "website_url", **WHERE),
    run_errors.input_shape("str", "types", "RestApiEndpointConfigurationArgs", **WHERE),
    run_errors.input_shape("BucketVersioningArgs", "versioning", "Bucket", **WHERE),
    run_errors.undefined_name("json", **WHERE),
    run_errors.import_name("AWS_REGION", "config", "config.py", **WHERE),
    run_errors.import_name("STAGE", "settings.base", "settings/base.py", **WHERE),
    run_errors.missing_config("shop:teamName", **WHERE),
]


@pytest.mark.parametrize("built", BUILT, ids=lambda error: error.message)
def test_a_built_error_is_what_its_message_classifies_to(built):
    assert built == to_deploy_error(built.message, **WHERE)


def test_every_kind_the_checks_build_is_covered():
    assert {error.kind for error in BUILT} == {
        ErrorKind.UNKNOWN_ARGUMENT,
        ErrorKind.UNKNOWN_ATTRIBUTE,
        ErrorKind.INPUT_SHAPE,
        ErrorKind.UNDEFINED_NAME,
        ErrorKind.IMPORT_NAME,
        ErrorKind.MISSING_CONFIG,
    }


def test_details_name_the_class_or_the_invoke_and_a_suggestion_only_when_there_is_one():
    by_class, by_invoke = BUILT[0], BUILT[2]
    assert by_class.details == {"cls": "Eip", "argument": "vpc"}
    assert by_invoke.details == {"function": "get_subnets", "argument": "vpc_id"}
    assert BUILT[4].details == {"cls": "Bucket", "attribute": "website_url"}
    assert BUILT[4].message == "AttributeError: 'Bucket' object has no attribute 'website_url'"
