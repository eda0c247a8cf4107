import pulumi
import pulumi_aws as aws

config = pulumi.Config()
role = aws.iam.Role("role", assume_role_policy="{}")
aws.lambda_.Function("handler", runtime=config.require("runtime"), handler="index.handler", role=role.arn)
