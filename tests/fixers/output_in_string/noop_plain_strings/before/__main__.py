import pulumi
import pulumi_aws as aws

stack = pulumi.get_stack()
project = "shop"

logs = aws.cloudwatch.LogGroup(
    f"{project}-logs",
    name=f"/{project}/{stack}",
    retention_in_days=14,
)
