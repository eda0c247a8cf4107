import pulumi
from pulumi_aws.lambda_ import Function, Runtime

from settings import RUNTIME

ROLE = "arn:aws:iam::123456789012:role/lambda"
api = Function("api", role=ROLE, runtime=RUNTIME, handler="api.handler", code=pulumi.FileArchive("./app"))
worker = Function(
    "worker",
    role=ROLE,
    runtime=Runtime.PYTHON3D11,  # same as the API
    handler="worker.handler",
    code=pulumi.FileArchive("./app"),
)
