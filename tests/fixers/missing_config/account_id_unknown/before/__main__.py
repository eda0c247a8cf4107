import pulumi
import pulumi_aws as aws

account = pulumi.Config().require("account_id")
aws.s3.Bucket("logs", bucket=f"logs-{account}")
