import pulumi
import pulumi_aws as aws

config = pulumi.Config()
bucket = aws.s3.Bucket("logs")
pulumi.export("name", bucket.id.apply(lambda n: n.upper()))
pulumi.export("token", config.require_secret("token").apply(len))
