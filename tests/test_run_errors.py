"""Errors the static checks build directly have the shape a run's text classifies to, so a fixer
reads the same kind, details and message whichever found the error."""

import ast
from pathlib import Path

import pytest

from agent.checks.preflight import static_errors
from agent.checks.required_config import unset_required_config
from agent.core import run_errors
from agent.core.classify import to_deploy_error
from agent.core.errors import ErrorKind
from agent.core.project import Project

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
    run_errors.input_type("from_port", "SecurityGroupIngressArgs", "int", "str", **WHERE),
    run_errors.input_type("provider", "ResourceOptions", "ProviderResource", "Output", **WHERE),
    run_errors.unknown_key("Status", "BucketVersioningV2VersioningConfigurationArgs", "status", **WHERE),
    run_errors.unknown_key("cidr", "SecurityGroupIngressArgs", **WHERE),
    run_errors.output_called(**WHERE),
    run_errors.output_as_string("bucket.arn", "str.format", **WHERE),
    run_errors.output_key("bucket.id", **WHERE),
    run_errors.output_json(**WHERE),
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
        ErrorKind.INPUT_TYPE,
        ErrorKind.UNKNOWN_KEY,
        ErrorKind.OUTPUT_CALLED,
        ErrorKind.PROGRAM,
    }


def test_details_name_the_class_or_the_invoke_and_a_suggestion_only_when_there_is_one():
    by_class, by_invoke = BUILT[0], BUILT[2]
    assert by_class.details == {"cls": "Eip", "argument": "vpc"}
    assert by_invoke.details == {"function": "get_subnets", "argument": "vpc_id"}
    assert BUILT[4].details == {"cls": "Bucket", "attribute": "website_url"}
    assert BUILT[4].message == "AttributeError: 'Bucket' object has no attribute 'website_url'"


PROGRAM = """\
import json as _json
import pulumi
import pulumi_aws as aws
from config import AWS_REGION

eip = aws.ec2.Eip("ip", vpc=True)
pulumi.export("ip", eip.public_ipp)
subnets = aws.ec2.get_subnets(vpc_id="vpc-1")
api = aws.apigateway.RestApi(
    "api",
    endpoint_configuration=aws.apigateway.RestApiEndpointConfigurationArgs(types=["REGIONAL"]),
)
pulumi.export("policy", json.dumps({}))
team = pulumi.Config().require("teamName")
bucket = aws.s3.Bucket("b", force_destroy="true")
aws.s3.BucketVersioningV2("v", bucket=bucket.id, versioning_configuration={"Status": "Enabled"})
pulumi.export("arn", bucket.arn())
pulumi.export("text", "arn {}".format(bucket.arn))
"""


def test_what_the_checks_find_equals_what_a_run_of_its_text_would_classify_to(tmp_path):
    (tmp_path / "Pulumi.yaml").write_text("name: shop\nruntime: python\n")
    (tmp_path / "config.py").write_text("aws_region = 'us-east-1'\n")
    (tmp_path / "__main__.py").write_text(PROGRAM)
    project = Project.open(tmp_path)
    found = static_errors(project) + unset_required_config(project, "dev", set())
    assert {error.kind for error in found} == {error.kind for error in BUILT}
    for error in found:
        assert error == to_deploy_error(error.message, file=error.file, line=error.line, phase=error.phase)


def test_the_checks_build_their_errors_and_never_parse_them():
    checks = Path(__file__).parents[1] / "agent" / "checks"
    for path in checks.glob("*.py"):
        imported = {
            node.module if isinstance(node, ast.ImportFrom) else alias.name
            for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, (ast.Import, ast.ImportFrom))
            for alias in node.names
        }
        assert "agent.core.classify" not in imported, path.name
