"""Lambda function and its permission (this name cannot be imported)."""
import pulumi
import pulumi_aws as aws

from .storage import create_bucket  # noqa: F401 - a sibling import stays as it is


def create_function(name, bucket):
    return aws.lambda_.Function(
        name,
        runtime="python3.12",
        handler="handler.main",
        role="arn:aws:iam::123456789012:role/ingest",
        code=pulumi.FileArchive("./lambda_function"),
    )


def grant_invoke(function, bucket):
    return aws.lambda_.Permission(
        "invoke", function=function.name, action="lambda:InvokeFunction", principal="s3.amazonaws.com", source_arn=bucket.arn
    )


def describe(function):
    return function.arn
