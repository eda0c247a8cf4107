"""Serverless ingest: a bucket and the function it notifies."""
import pulumi
from infrastructure.storage import create_bucket
from infrastructure.lambda import (  # handlers live in lambda_function/
    create_function,
    grant_invoke,
)
import infrastructure.lambda as functions

bucket = create_bucket("ingest")
function = create_function("ingest", bucket)
grant_invoke(function, bucket)
pulumi.export("function", functions.describe(function))
