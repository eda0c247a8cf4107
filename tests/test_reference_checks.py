"""References AWS resolves on create: a rotation or permission naming a Lambda function that
nothing in the program created fails on up with the service's not-found error."""

from pathlib import Path

import pytest

from agent.core.errors import ErrorKind
from agent.engines.local.rules import RunState, check_resource
from agent.run import RunOptions, check

ROTATION = "aws:secretsmanager/secretRotation:SecretRotation"
FAKE_ARN = "arn:aws:lambda:us-east-1:123456789012:function:SecretsManagerRotation"


ROTATION_INPUTS = {"secretId": "db-secret", "rotationLambdaArn": FAKE_ARN}


def run_that_created_the_function() -> RunState:
    state = RunState()
    state.record_created("aws:lambda/function:Function", {"arn": FAKE_ARN, "name": "SecretsManagerRotation"})
    return state


def test_rotation_with_a_function_nobody_created_is_not_found_on_up():
    state = RunState()
    assert check_resource(state, ROTATION, "rotation", ROTATION_INPUTS, "us-east-1", "preview") == []
    [error] = check_resource(state, ROTATION, "rotation", ROTATION_INPUTS, "us-east-1", "up")
    assert "ResourceNotFoundException: Lambda function " + FAKE_ARN + " not found" in error


def test_rotation_with_a_function_the_program_created_passes():
    state = run_that_created_the_function()
    assert check_resource(state, ROTATION, "rotation", ROTATION_INPUTS, "us-east-1", "up") == []


def test_a_function_created_in_one_run_is_not_found_in_another():
    run_that_created_the_function()
    [error] = check_resource(RunState(), ROTATION, "rotation", ROTATION_INPUTS, "us-east-1", "up")
    assert "ResourceNotFoundException" in error


PROGRAM = """\
import pulumi_aws as aws

role = aws.iam.Role("fn-role", assume_role_policy="{}")
fn = aws.lambda_.Function("fn", role=role.arn, runtime="python3.12", handler="index.handler",
                          code=__import__("pulumi").AssetArchive({}))
aws.lambda_.Permission("allow-sns", function=fn.name, action="lambda:InvokeFunction", principal="sns.amazonaws.com")
aws.lambda_.Permission("allow-s3", function="{target}", action="lambda:InvokeFunction", principal="s3.amazonaws.com")
"""


@pytest.mark.parametrize("function, ok", [('"fn-of-another-stack"', False), ("fn.arn", True)])
def test_permission_for_a_missing_function_fails_the_run(tmp_path: Path, function, ok):
    (tmp_path / "Pulumi.yaml").write_text("name: refs\nruntime: python\n")
    (tmp_path / "__main__.py").write_text(PROGRAM.replace('"{target}"', function))
    result = check(tmp_path, RunOptions()).result
    assert result.ok is ok, [e.message for e in result.errors]
    if not ok:
        [error] = result.errors
        assert error.kind is ErrorKind.CLOUD and "Function not found: fn-of-another-stack" in error.message
        assert (error.file, error.line) == ("__main__.py", 7)


ALIAS_PROGRAM = """\
import pulumi
import pulumi_aws as aws

role = aws.iam.Role("fn-role", assume_role_policy="{}")
fn = aws.lambda_.Function("fn", role=role.arn, runtime="python3.12", handler="index.handler", code=pulumi.AssetArchive({}))
live = aws.lambda_.Alias("live", name="live", function_name=fn.name, function_version="$LATEST")
aws.lambda_.Permission("allow-apigw", function=live.arn, action="lambda:InvokeFunction", principal="apigateway.amazonaws.com")
pulumi.export("alias_arn", live.arn)
"""


def test_permission_for_an_alias_of_a_created_function_passes(tmp_path: Path):
    (tmp_path / "Pulumi.yaml").write_text("name: refs\nruntime: python\n")
    (tmp_path / "__main__.py").write_text(ALIAS_PROGRAM)
    result = check(tmp_path, RunOptions()).result
    assert result.ok, [e.message for e in result.errors]
