import pulumi
import pulumi_aws as aws

RUNTIME = "python3.7"

role = aws.iam.Role("role", assume_role_policy="{}")
aws.lambda_.Function(
    "handler",
    runtime=RUNTIME,  # matches the team's build image
    handler="index.handler",
    role=role.arn,
    code=pulumi.FileArchive("./app"),
)
