import pulumi
import pulumi_aws as aws

config = pulumi.Config()
domain = config.require("domain").apply(lambda d: f"www.{d}")
suffix = "logs"
bucket = aws.s3.Bucket("logs", bucket=suffix.apply(lambda s: s + "-bucket"))
pulumi.export("domain", domain)
