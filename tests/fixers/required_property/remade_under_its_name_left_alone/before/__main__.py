import pulumi
import pulumi_aws as aws

logs = aws.s3.Bucket("logs")
aws.s3.BucketVersioningV2("logs-versioning", bucket=logs.id, versioning_configuration={"status": "Enabled"})
aws.s3.BucketPolicy(
    "logs-policy",
    bucket=logs.id,
    policy="{}",
    opts=pulumi.ResourceOptions(depends_on=[aws.s3.BucketVersioningV2("logs-versioning")]),
)
