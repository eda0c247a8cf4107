import pulumi
import pulumi_aws as aws

suffix = pulumi.Config().require("environmentSuffix")
aws.s3.Bucket(f"data-{suffix}")
