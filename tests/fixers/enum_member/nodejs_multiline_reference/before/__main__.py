import pulumi
import pulumi_aws as aws

fn = aws.lambda_.Function(
    "fn",
    role="arn:aws:iam::123456789012:role/lambda",
    runtime=aws.lambda_.Runtime.NODEJS20_X,
    handler="index.handler",
    code=pulumi.FileArchive("./app"),
)
