import pulumi
import pulumi_aws as aws

handler = aws.lambda_.Function(
    "handler",
    role="arn:aws:iam::123456789012:role/lambda",
    runtime="python3.12",
    handler="index.handler",
    code=pulumi.FileArchive("./app"),
)
pulumi.export("handler_name", handler.name)  # shown in the console
